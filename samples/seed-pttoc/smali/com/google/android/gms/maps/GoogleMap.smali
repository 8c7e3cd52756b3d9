.class public Lcom/google/android/gms/maps/GoogleMap;
.super Ljava/lang/Object;
.source "GoogleMap.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static setMyLocationEnabled(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
