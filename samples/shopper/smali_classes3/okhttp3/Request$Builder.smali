.class public Lokhttp3/Request$Builder;
.super Ljava/lang/Object;
.source "Request.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static build(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
