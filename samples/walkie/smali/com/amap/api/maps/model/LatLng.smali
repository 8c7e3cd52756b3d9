.class public Lcom/amap/api/maps/model/LatLng;
.super Ljava/lang/Object;
.source "LatLng.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static valueOf(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
