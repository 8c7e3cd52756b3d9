.class public Lorg/example/seed/pttoc/IntercomActivity;
.super Landroid/app/Activity;
.source "IntercomActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/seed/pttoc/IntercomActivity;->startAudioRecord(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/pttoc/IntercomActivity;->holdWakeLock(Landroid/content/Context;)V
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

.method public static holdWakeLock(Landroid/content/Context;)V
    .locals 3
    const-string v0, "power"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/os/PowerManager;
    const/4 v1, 0x1
    const-string v2, "app:wakelock"
    invoke-virtual {v0, v1, v2}, Landroid/os/PowerManager;->newWakeLock(ILjava/lang/String;)Landroid/os/PowerManager$WakeLock;
    move-result-object v0
    invoke-virtual {v0}, Landroid/os/PowerManager$WakeLock;->acquire()V
    return-void
.end method
