.class public Lcom/facebook/ads/internal/util/common/DeviceInfo;
.super Ljava/lang/Object;
.source "DeviceInfo.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static collect(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/facebook/ads/internal/util/common/DeviceInfo;->readBuildInfo(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/facebook/ads/internal/util/common/DeviceInfo;->readNetworkState(Landroid/content/Context;)V
    return-void
.end method

.method public static readBuildInfo(Landroid/content/Context;)V
    .locals 1
    sget-object v0, Landroid/os/Build;->MODEL:Ljava/lang/String;
    sget-object v0, Landroid/os/Build;->MANUFACTURER:Ljava/lang/String;
    sget-object v0, Landroid/os/Build$VERSION;->RELEASE:Ljava/lang/String;
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
