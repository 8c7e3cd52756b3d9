.class public Lorg/example/tianqi/TianqiApp;
.super Landroid/app/Application;
.source "TianqiApp.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .locals 0
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    invoke-static {p0}, Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/tencent/bugly/crashreport/CrashReport;->initCrashReport(Landroid/content/Context;)V
    return-void
.end method
