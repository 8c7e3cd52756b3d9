.class public Lorg/example/walkie/media/PhotoCapture;
.super Ljava/lang/Object;
.source "PhotoCapture.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static capture(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lorg/example/walkie/media/PhotoCapture;->openCamera(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/walkie/media/PhotoCapture;->openExternalStorage(Landroid/content/Context;)V
    return-void
.end method

.method public static openCamera(Landroid/content/Context;)V
    .locals 1
    invoke-static {}, Landroid/hardware/Camera;->open()Landroid/hardware/Camera;
    move-result-object v0
    invoke-virtual {v0}, Landroid/hardware/Camera;->startPreview()V
    invoke-virtual {v0}, Landroid/hardware/Camera;->release()V
    return-void
.end method

.method public static openExternalStorage(Landroid/content/Context;)V
    .locals 1
    invoke-static {}, Landroid/os/Environment;->getExternalStorageDirectory()Ljava/io/File;
    move-result-object v0
    invoke-virtual {v0}, Ljava/io/File;->listFiles()[Ljava/io/File;
    return-void
.end method
