.class public Lcom/google/android/gms/maps/SupportMapFragment;
.super Ljava/lang/Object;
.source "SupportMapFragment.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static newInstance(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
