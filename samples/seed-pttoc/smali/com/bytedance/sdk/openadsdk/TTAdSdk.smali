.class public Lcom/bytedance/sdk/openadsdk/TTAdSdk;
.super Ljava/lang/Object;
.source "TTAdSdk.java"

.field public static final ENDPOINT:Ljava/lang/String; = "https://api-access.pangolin-sdk-toutiao.com/api/ad/union/sdk/get_ads/"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static init(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/bytedance/sdk/openadsdk/core/DeviceUtils;->collect(Landroid/content/Context;)V
    return-void
.end method
