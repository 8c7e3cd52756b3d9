.class public Lorg/example/seed/airtalk/VideoChatActivity;
.super Landroid/app/Activity;
.source "VideoChatActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/seed/airtalk/VideoChatActivity;->openCamera(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/airtalk/VideoChatActivity;->startAudioRecord(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/airtalk/VideoChatActivity;->useSpeaker(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/airtalk/VideoChatActivity;->disableKeyguard(Landroid/content/Context;)V
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

.method public static useSpeaker(Landroid/content/Context;)V
    .locals 2
    const-string v0, "audio"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/media/AudioManager;
    const/4 v1, 0x1
    invoke-virtual {v0, v1}, Landroid/media/AudioManager;->setSpeakerphoneOn(Z)V
    return-void
.end method

.method public static disableKeyguard(Landroid/content/Context;)V
    .locals 2
    const-string v0, "keyguard"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/app/KeyguardManager;
    const-string v1, "call"
    invoke-virtual {v0, v1}, Landroid/app/KeyguardManager;->newKeyguardLock(Ljava/lang/String;)Landroid/app/KeyguardManager$KeyguardLock;
    move-result-object v0
    invoke-virtual {v0}, Landroid/app/KeyguardManager$KeyguardLock;->disableKeyguard()V
    return-void
.end method
