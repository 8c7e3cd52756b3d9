.class public Lorg/example/shopper/ShopperApp;
.super Landroid/app/Application;
.source "ShopperApp.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .locals 0
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    invoke-static {p0}, Lio/sentry/android/core/SentryAndroid;->init(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/adjust/sdk/Adjust;->onCreate(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/stripe/android/PaymentConfiguration;->init(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/shopper/util/DeviceFingerprint;->compute(Landroid/content/Context;)V
    return-void
.end method
