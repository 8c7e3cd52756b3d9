.class public Lio/sentry/android/core/DeviceInfoUtil;
.super Ljava/lang/Object;
.source "DeviceInfoUtil.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static collectDeviceInformation(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lio/sentry/android/core/DeviceInfoUtil;->readBuildInfo(Landroid/content/Context;)V
    return-void
.end method

.method public static readBuildInfo(Landroid/content/Context;)V
    .locals 1
    sget-object v0, Landroid/os/Build;->MODEL:Ljava/lang/String;
    sget-object v0, Landroid/os/Build;->MANUFACTURER:Ljava/lang/String;
    sget-object v0, Landroid/os/Build$VERSION;->RELEASE:Ljava/lang/String;
    return-void
.end method
