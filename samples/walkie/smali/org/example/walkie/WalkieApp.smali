.class public Lorg/example/walkie/WalkieApp;
.super Landroid/app/Application;
.source "WalkieApp.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .locals 0
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    invoke-static {p0}, Lcom/tencent/bugly/crashreport/CrashReport;->initCrashReport(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/google/firebase/FirebaseApp;->initializeApp(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/walkie/util/DeviceRegistration;->register(Landroid/content/Context;)V
    return-void
.end method
