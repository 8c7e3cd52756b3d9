.class public Lcom/facebook/login/widget/LoginButton;
.super Landroid/widget/FrameLayout;
.source "LoginButton.java"

.method public constructor <init>(Landroid/content/Context;)V
    .locals 0
    invoke-direct {p0, p1}, Landroid/widget/FrameLayout;-><init>(Landroid/content/Context;)V
    return-void
.end method

.method public static setPermissions(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
