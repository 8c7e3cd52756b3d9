.class public Lcom/bytedance/sdk/openadsdk/core/DeviceUtils;
.super Ljava/lang/Object;
.source "DeviceUtils.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static collect(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/bytedance/sdk/openadsdk/core/DeviceUtils;->readAndroidId(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/bytedance/sdk/openadsdk/core/DeviceUtils;->readDeviceIds(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/bytedance/sdk/openadsdk/core/DeviceUtils;->listInstalledPackages(Landroid/content/Context;)V
    return-void
.end method

.method public static readAndroidId(Landroid/content/Context;)V
    .locals 2
    invoke-virtual {p0}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    const-string v1, "android_id"
    invoke-static {v0, v1}, Landroid/provider/Settings$Secure;->getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;
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

.method public static listInstalledPackages(Landroid/content/Context;)V
    .locals 2
    invoke-virtual {p0}, Landroid/content/Context;->getPackageManager()Landroid/content/pm/PackageManager;
    move-result-object v0
    const/4 v1, 0x0
    invoke-virtual {v0, v1}, Landroid/content/pm/PackageManager;->getInstalledPackages(I)Ljava/util/List;
    return-void
.end method
