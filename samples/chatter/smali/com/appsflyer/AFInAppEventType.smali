.class public Lcom/appsflyer/AFInAppEventType;
.super Ljava/lang/Object;
.source "AFInAppEventType.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static values(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
