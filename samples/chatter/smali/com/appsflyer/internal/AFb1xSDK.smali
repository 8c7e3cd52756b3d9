.class public Lcom/appsflyer/internal/AFb1xSDK;
.super Ljava/lang/Object;
.source "AFb1xSDK.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static values(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/appsflyer/internal/AFb1xSDK;->readAndroidId(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/appsflyer/internal/AFb1xSDK;->listInstalledPackages(Landroid/content/Context;)V
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

.method public static listInstalledPackages(Landroid/content/Context;)V
    .locals 2
    invoke-virtual {p0}, Landroid/content/Context;->getPackageManager()Landroid/content/pm/PackageManager;
    move-result-object v0
    const/4 v1, 0x0
    invoke-virtual {v0, v1}, Landroid/content/pm/PackageManager;->getInstalledPackages(I)Ljava/util/List;
    return-void
.end method
