.class public interface abstract Lcom/bytedance/sdk/openadsdk/TTAdNative;
.super Ljava/lang/Object;
.source "TTAdNative.java"

.method public abstract loadRewardVideoAd(Lcom/bytedance/sdk/openadsdk/AdSlot;)V
.end method
