.class public Lorg/example/seed/airtalk/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.field public static final PRIVACY_URL:Ljava/lang/String; = "https://airtalk.seed.example.org/privacy"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/seed/airtalk/MainActivity;->readNetworkState(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/airtalk/MainActivity;->readWifiInfo(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/airtalk/MainActivity;->readPhoneNumber(Landroid/content/Context;)V
    return-void
.end method

.method public static readNetworkState(Landroid/content/Context;)V
    .locals 1
    const-string v0, "connectivity"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/net/ConnectivityManager;
    invoke-virtual {v0}, Landroid/net/ConnectivityManager;->getActiveNetworkInfo()Landroid/net/NetworkInfo;
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

.method public static readPhoneNumber(Landroid/content/Context;)V
    .locals 1
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getLine1Number()Ljava/lang/String;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getNetworkOperatorName()Ljava/lang/String;
    return-void
.end method
