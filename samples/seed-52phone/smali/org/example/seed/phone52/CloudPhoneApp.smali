.class public Lorg/example/seed/phone52/CloudPhoneApp;
.super Landroid/app/Application;
.source "CloudPhoneApp.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .locals 0
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    invoke-static {p0}, Lio/sentry/android/core/SentryAndroid;->init(Landroid/content/Context;)V
    return-void
.end method
