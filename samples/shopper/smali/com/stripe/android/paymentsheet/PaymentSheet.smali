.class public Lcom/stripe/android/paymentsheet/PaymentSheet;
.super Ljava/lang/Object;
.source "PaymentSheet.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static presentWithPaymentIntent(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
