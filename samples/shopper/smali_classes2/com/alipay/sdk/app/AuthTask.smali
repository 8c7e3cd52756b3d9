.class public Lcom/alipay/sdk/app/AuthTask;
.super Ljava/lang/Object;
.source "AuthTask.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static authV2(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
