.class public Lcom/amap/api/location/AMapLocation;
.super Landroid/location/Location;
.source "AMapLocation.java"

.method public constructor <init>(Ljava/lang/String;)V
    .locals 0
    invoke-direct {p0, p1}, Landroid/location/Location;-><init>(Ljava/lang/String;)V
    return-void
.end method

.method public static describe(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
