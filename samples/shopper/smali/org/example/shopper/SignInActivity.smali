.class public Lorg/example/shopper/SignInActivity;
.super Landroid/app/Activity;
.source "SignInActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lcom/google/android/gms/auth/api/signin/GoogleSignIn;->getLastSignedInAccount(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/tencent/mm/opensdk/modelmsg/SendAuth$Req;->login(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/alipay/sdk/app/AuthTask;->authV2(Landroid/content/Context;)V
    return-void
.end method
