.class public Lcom/tencent/mm/opensdk/modelmsg/SendAuth$Req;
.super Lcom/tencent/mm/opensdk/modelbase/BaseReq;
.source "SendAuth.java"

.field public static final SCOPE:Ljava/lang/String; = "snsapi_userinfo"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Lcom/tencent/mm/opensdk/modelbase/BaseReq;-><init>()V
    return-void
.end method

.method public static login(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
