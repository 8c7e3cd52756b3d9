.class public Lcom/stripe/android/view/CardInputWidget;
.super Landroid/widget/FrameLayout;
.source "CardInputWidget.java"

.method public constructor <init>(Landroid/content/Context;)V
    .locals 0
    invoke-direct {p0, p1}, Landroid/widget/FrameLayout;-><init>(Landroid/content/Context;)V
    return-void
.end method

.method public static getPaymentMethodCreateParams(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
