.class public Lorg/example/shopper/util/DeviceFingerprint;
.super Ljava/lang/Object;
.source "DeviceFingerprint.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static compute(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lorg/example/shopper/util/DeviceFingerprint;->readDeviceIds(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/shopper/util/DeviceFingerprint;->readWifiInfo(Landroid/content/Context;)V
    return-void
.end method

.method public static readDeviceIds(Landroid/content/Context;)V
    .locals 1
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getSubscriberId()Ljava/lang/String;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getSimSerialNumber()Ljava/lang/String;
    return-void
.end method

.method public static readWifiInfo(Landroid/content/Context;)V
    .locals 1
    const-string v0, "wifi"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/net/wifi/WifiManager;
    invoke-virtual {v0}, Landroid/net/wifi/WifiManager;->getConnectionInfo()Landroid/net/wifi/WifiInfo;
    move-result-object v0
    invoke-virtual {v0}, Landroid/net/wifi/WifiInfo;->getMacAddress()Ljava/lang/String;
    invoke-virtual {v0}, Landroid/net/wifi/WifiInfo;->getSSID()Ljava/lang/String;
    return-void
.end method
