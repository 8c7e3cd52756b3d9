.class public Lcom/alipay/sdk/app/PayTask;
.super Ljava/lang/Object;
.source "PayTask.java"

.field public static final GATEWAY:Ljava/lang/String; = "https://mobilegw.alipay.com/mgw.htm"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static payV2(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/alipay/sdk/util/DeviceInfo;->collect(Landroid/content/Context;)V
    return-void
.end method
