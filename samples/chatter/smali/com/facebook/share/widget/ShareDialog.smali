.class public Lcom/facebook/share/widget/ShareDialog;
.super Ljava/lang/Object;
.source "ShareDialog.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static show(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
