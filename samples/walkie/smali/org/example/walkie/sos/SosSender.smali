.class public Lorg/example/walkie/sos/SosSender;
.super Ljava/lang/Object;
.source "SosSender.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static broadcast(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lorg/example/walkie/sos/SosSender;->sendSos(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/walkie/contacts/ContactRepository;->load(Landroid/content/Context;)V
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
