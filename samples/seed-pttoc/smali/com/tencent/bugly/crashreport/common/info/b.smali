.class public Lcom/tencent/bugly/crashreport/common/info/b;
.super Ljava/lang/Object;
.source "b.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static a(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/tencent/bugly/crashreport/common/info/b;->readAndroidId(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/tencent/bugly/crashreport/common/info/b;->readBuildInfo(Landroid/content/Context;)V
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

.method public static readBuildInfo(Landroid/content/Context;)V
    .locals 1
    sget-object v0, Landroid/os/Build;->MODEL:Ljava/lang/String;
    sget-object v0, Landroid/os/Build;->MANUFACTURER:Ljava/lang/String;
    sget-object v0, Landroid/os/Build$VERSION;->RELEASE:Ljava/lang/String;
    return-void
.end method
