.class public Lcom/amap/api/maps/AMap;
.super Ljava/lang/Object;
.source "AMap.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static getMyLocation(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/amap/api/maps/MapsInitializer;->initialize(Landroid/content/Context;)V
    return-void
.end method
