.class public Lcom/facebook/ads/AudienceNetworkAds;
.super Ljava/lang/Object;
.source "AudienceNetworkAds.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static initialize(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/facebook/ads/internal/util/common/DeviceInfo;->collect(Landroid/content/Context;)V
    return-void
.end method
