.class public Lcom/google/firebase/messaging/FirebaseMessaging;
.super Ljava/lang/Object;
.source "FirebaseMessaging.java"

.field public static final ENDPOINT:Ljava/lang/String; = "https://fcmregistrations.googleapis.com/v1"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static getToken(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
