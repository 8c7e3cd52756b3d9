.class public Lorg/example/walkie/media/VoiceRecorder;
.super Ljava/lang/Object;
.source "VoiceRecorder.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static record(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lorg/example/walkie/media/VoiceRecorder;->startAudioRecord(Landroid/content/Context;)V
    return-void
.end method

.method public static startAudioRecord(Landroid/content/Context;)V
    .locals 6
    new-instance v0, Landroid/media/AudioRecord;
    const/4 v1, 0x1
    const/16 v2, 0x3e80
    const/16 v3, 0x10
    const/4 v4, 0x2
    const/16 v5, 0x1000
    invoke-direct/range {v0 .. v5}, Landroid/media/AudioRecord;-><init>(IIIII)V
    invoke-virtual {v0}, Landroid/media/AudioRecord;->startRecording()V
    return-void
.end method
