.class public Lcom/facebook/ads/AdView;
.super Landroid/widget/FrameLayout;
.source "AdView.java"

.method public constructor <init>(Landroid/content/Context;)V
    .locals 0
    invoke-direct {p0, p1}, Landroid/widget/FrameLayout;-><init>(Landroid/content/Context;)V
    return-void
.end method

.method public static loadAd(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
