.class public Lorg/example/walkie/ChannelActivity;
.super Landroid/app/Activity;
.source "ChannelActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/walkie/media/VoiceRecorder;->record(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/walkie/media/PhotoCapture;->capture(Landroid/content/Context;)V
    return-void
.end method
