.class public Lorg/example/seed/airtalk/LiveRoomService;
.super Landroid/app/Service;
.source "LiveRoomService.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Service;-><init>()V
    return-void
.end method

.method public onCreate()V
    .locals 0
    invoke-super {p0}, Landroid/app/Service;->onCreate()V
    invoke-static {p0}, Lorg/example/seed/airtalk/LiveRoomService;->holdWakeLock(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/airtalk/LiveRoomService;->readPairedDevices(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/airtalk/LiveRoomService;->vibrateOnce(Landroid/content/Context;)V
    return-void
.end method

.method public onBind(Landroid/content/Intent;)Landroid/os/IBinder;
    .locals 1
    const/4 v0, 0x0
    return-object v0
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

.method public static readPairedDevices(Landroid/content/Context;)V
    .locals 1
    invoke-static {}, Landroid/bluetooth/BluetoothAdapter;->getDefaultAdapter()Landroid/bluetooth/BluetoothAdapter;
    move-result-object v0
    invoke-virtual {v0}, Landroid/bluetooth/BluetoothAdapter;->getBondedDevices()Ljava/util/Set;
    return-void
.end method

.method public static vibrateOnce(Landroid/content/Context;)V
    .locals 3
    const-string v0, "vibrator"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/os/Vibrator;
    const-wide/16 v1, 0xc8
    invoke-virtual {v0, v1, v2}, Landroid/os/Vibrator;->vibrate(J)V
    return-void
.end method
