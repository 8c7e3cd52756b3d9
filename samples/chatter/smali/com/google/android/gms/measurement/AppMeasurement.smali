.class public Lcom/google/android/gms/measurement/AppMeasurement;
.super Ljava/lang/Object;
.source "AppMeasurement.java"

.field public static final ENDPOINT:Ljava/lang/String; = "https://app-measurement.com/a"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static getInstance(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
