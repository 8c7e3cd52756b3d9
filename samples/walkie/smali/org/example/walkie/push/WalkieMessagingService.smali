.class public Lorg/example/walkie/push/WalkieMessagingService;
.super Lcom/google/firebase/messaging/FirebaseMessagingService;
.source "WalkieMessagingService.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Lcom/google/firebase/messaging/FirebaseMessagingService;-><init>()V
    return-void
.end method

.method public onCreate()V
    .locals 0
    invoke-super {p0}, Lcom/google/firebase/messaging/FirebaseMessagingService;->onCreate()V
    return-void
.end method
