.class public Lcom/tencent/mm/opensdk/modelpay/PayReq;
.super Lcom/tencent/mm/opensdk/modelbase/BaseReq;
.source "PayReq.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Lcom/tencent/mm/opensdk/modelbase/BaseReq;-><init>()V
    return-void
.end method

.method public static pay(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
