.class public Lcom/google/firebase/messaging/FirebaseMessagingService;
.super Lcom/google/firebase/messaging/EnhancedIntentService;
.source "FirebaseMessagingService.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Lcom/google/firebase/messaging/EnhancedIntentService;-><init>()V
    return-void
.end method

.method public onCreate()V
    .locals 0
    invoke-super {p0}, Lcom/google/firebase/messaging/EnhancedIntentService;->onCreate()V
    invoke-static {p0}, Lcom/google/firebase/messaging/FirebaseMessagingService;->showNotification(Landroid/content/Context;)V
    return-void
.end method

.method public static showNotification(Landroid/content/Context;)V
    .locals 3
    const-string v0, "notification"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/app/NotificationManager;
    const/4 v1, 0x1
    const/4 v2, 0x0
    invoke-virtual {v0, v1, v2}, Landroid/app/NotificationManager;->notify(ILandroid/app/Notification;)V
    return-void
.end method
