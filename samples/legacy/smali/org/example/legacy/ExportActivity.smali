.class public Lorg/example/legacy/ExportActivity;
.super Landroid/app/Activity;
.source "ExportActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/legacy/ExportActivity;->openExternalStorage(Landroid/content/Context;)V
    return-void
.end method

.method public static openExternalStorage(Landroid/content/Context;)V
    .locals 1
    invoke-static {}, Landroid/os/Environment;->getExternalStorageDirectory()Ljava/io/File;
    move-result-object v0
    invoke-virtual {v0}, Ljava/io/File;->listFiles()[Ljava/io/File;
    return-void
.end method
