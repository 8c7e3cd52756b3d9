.class public Lcom/tencent/bugly/Bugly;
.super Ljava/lang/Object;
.source "Bugly.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static init(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/tencent/bugly/crashreport/CrashReport;->initCrashReport(Landroid/content/Context;)V
    return-void
.end method
