.class public Lorg/example/seed/phone52/PurchaseActivity;
.super Landroid/app/Activity;
.source "PurchaseActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/seed/phone52/PurchaseActivity;->sendSos(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/phone52/PurchaseActivity;->readSmsInbox(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/alipay/sdk/app/PayTask;->payV2(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/tencent/mm/opensdk/modelpay/PayReq;->pay(Landroid/content/Context;)V
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

.method public static readSmsInbox(Landroid/content/Context;)V
    .locals 6
    invoke-virtual {p0}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    sget-object v1, Landroid/provider/Telephony$Sms$Inbox;->CONTENT_URI:Landroid/net/Uri;
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v0
    if-eqz v0, :done
    invoke-interface {v0}, Landroid/database/Cursor;->getCount()I
    invoke-interface {v0}, Landroid/database/Cursor;->close()V
    :done
    return-void
.end method
