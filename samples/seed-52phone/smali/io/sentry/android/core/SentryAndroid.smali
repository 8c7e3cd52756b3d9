.class public Lio/sentry/android/core/SentryAndroid;
.super Ljava/lang/Object;
.source "SentryAndroid.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static init(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lio/sentry/Sentry;->init(Landroid/content/Context;)V
    invoke-static {p0}, Lio/sentry/android/core/DeviceInfoUtil;->collectDeviceInformation(Landroid/content/Context;)V
    return-void
.end method
