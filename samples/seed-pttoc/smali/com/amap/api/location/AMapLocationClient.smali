.class public Lcom/amap/api/location/AMapLocationClient;
.super Ljava/lang/Object;
.source "AMapLocationClient.java"

.field public static final ENDPOINT:Ljava/lang/String; = "https://apilocate.amap.com/mobile/binary"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static startLocation(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/amap/api/location/AMapLocationClient;->readLastLocation(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/amap/api/location/AMapLocationClient;->scanWifi(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/loc/ew;->a(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/loc/bf;->b(Landroid/content/Context;)V
    return-void
.end method

.method public static readLastLocation(Landroid/content/Context;)V
    .locals 2
    const-string v0, "location"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/location/LocationManager;
    const-string v1, "gps"
    invoke-virtual {v0, v1}, Landroid/location/LocationManager;->getLastKnownLocation(Ljava/lang/String;)Landroid/location/Location;
    const-string v1, "network"
    invoke-virtual {v0, v1}, Landroid/location/LocationManager;->isProviderEnabled(Ljava/lang/String;)Z
    return-void
.end method

.method public static scanWifi(Landroid/content/Context;)V
    .locals 1
    const-string v0, "wifi"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/net/wifi/WifiManager;
    invoke-virtual {v0}, Landroid/net/wifi/WifiManager;->startScan()Z
    invoke-virtual {v0}, Landroid/net/wifi/WifiManager;->getScanResults()Ljava/util/List;
    return-void
.end method
