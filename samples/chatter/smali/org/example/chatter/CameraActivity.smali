.class public Lorg/example/chatter/CameraActivity;
.super Landroid/app/Activity;
.source "CameraActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/chatter/CameraActivity;->openCamera(Landroid/content/Context;)V
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
