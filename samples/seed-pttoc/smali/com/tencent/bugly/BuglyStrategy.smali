.class public Lcom/tencent/bugly/BuglyStrategy;
.super Ljava/lang/Object;
.source "BuglyStrategy.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static setEnableNativeCrashMonitor(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
