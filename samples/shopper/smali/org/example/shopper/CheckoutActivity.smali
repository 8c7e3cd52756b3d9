.class public Lorg/example/shopper/CheckoutActivity;
.super Landroid/app/Activity;
.source "CheckoutActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lcom/stripe/android/paymentsheet/PaymentSheet;->presentWithPaymentIntent(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/alipay/sdk/app/PayTask;->payV2(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/tencent/mm/opensdk/modelpay/PayReq;->pay(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/adjust/sdk/AdjustEvent;->setRevenue(Landroid/content/Context;)V
    return-void
.end method
