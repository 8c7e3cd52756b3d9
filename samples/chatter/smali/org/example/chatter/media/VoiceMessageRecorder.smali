.class public Lorg/example/chatter/media/VoiceMessageRecorder;
.super Ljava/lang/Object;
.source "VoiceMessageRecorder.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static start(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lorg/example/chatter/media/VoiceMessageRecorder;->startVoiceNote(Landroid/content/Context;)V
    return-void
.end method

.method public static startVoiceNote(Landroid/content/Context;)V
    .locals 2
    new-instance v0, Landroid/media/MediaRecorder;
    invoke-direct {v0}, Landroid/media/MediaRecorder;-><init>()V
    const/4 v1, 0x1
    invoke-virtual {v0, v1}, Landroid/media/MediaRecorder;->setAudioSource(I)V
    invoke-virtual {v0}, Landroid/media/MediaRecorder;->prepare()V
    invoke-virtual {v0}, Landroid/media/MediaRecorder;->start()V
    return-void
.end method
