.class public Lorg/example/seed/phone52/DeviceLinkActivity;
.super Landroid/app/Activity;
.source "DeviceLinkActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/seed/phone52/DeviceLinkActivity;->scanBluetooth(Landroid/content/Context;)V
    return-void
.end method

.method public static scanBluetooth(Landroid/content/Context;)V
    .locals 1
    invoke-static {}, Landroid/bluetooth/BluetoothAdapter;->getDefaultAdapter()Landroid/bluetooth/BluetoothAdapter;
    move-result-object v0
    invoke-virtual {v0}, Landroid/bluetooth/BluetoothAdapter;->startDiscovery()Z
    return-void
.end method
