.class public Lorg/example/seed/pttoc/SosActivity;
.super Landroid/app/Activity;
.source "SosActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/seed/pttoc/SosActivity;->sendSos(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/pttoc/SosActivity;->callNumber(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/pttoc/SosActivity;->readLastLocation(Landroid/content/Context;)V
    return-void
.end method

.method public static sendSos(Landroid/content/Context;)V
    .locals 6
    invoke-static {}, Landroid/telephony/SmsManager;->getDefault()Landroid/telephony/SmsManager;
    move-result-object v0
    const-string v1, "+10000000000"
    const/4 v2, 0x0
    const-string v3, "SOS"
    const/4 v4, 0x0
    const/4 v5, 0x0
    invoke-virtual/range {v0 .. v5}, Landroid/telephony/SmsManager;->sendTextMessage(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Landroid/app/PendingIntent;Landroid/app/PendingIntent;)V
    return-void
.end method

.method public static callNumber(Landroid/content/Context;)V
    .locals 3
    new-instance v0, Landroid/content/Intent;
    const-string v1, "android.intent.action.CALL"
    const-string v2, "tel:112"
    invoke-static {v2}, Landroid/net/Uri;->parse(Ljava/lang/String;)Landroid/net/Uri;
    move-result-object v2
    invoke-direct {v0, v1, v2}, Landroid/content/Intent;-><init>(Ljava/lang/String;Landroid/net/Uri;)V
    invoke-virtual {p0, v0}, Landroid/content/Context;->startActivity(Landroid/content/Intent;)V
    return-void
.end method

.method public static readLastLocation(Landroid/content/Context;)V
    .locals 2
    const-string v0, "location"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/location/LocationManager;
    const-string v1, "gps"
    invoke-virtual {v0, v1}, Landroid/location/LocationManager;->getLastKnownLocation(Ljava/lang/String;)Landroid/location/Location;
    const-string v1, "network"
    invoke-virtual {v0, v1}, Landroid/location/LocationManager;->isProviderEnabled(Ljava/lang/String;)Z
    return-void
.end method
