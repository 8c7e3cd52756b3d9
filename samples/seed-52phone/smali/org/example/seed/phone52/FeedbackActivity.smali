.class public Lorg/example/seed/phone52/FeedbackActivity;
.super Landroid/app/Activity;
.source "FeedbackActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/seed/phone52/FeedbackActivity;->takePicture(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/phone52/FeedbackActivity;->openCamera(Landroid/content/Context;)V
    return-void
.end method

.method public static takePicture(Landroid/content/Context;)V
    .locals 2
    new-instance v0, Landroid/content/Intent;
    const-string v1, "android.media.action.IMAGE_CAPTURE"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    invoke-virtual {p0, v0}, Landroid/content/Context;->startActivity(Landroid/content/Intent;)V
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
