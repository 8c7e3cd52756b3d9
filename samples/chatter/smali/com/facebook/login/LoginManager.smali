.class public Lcom/facebook/login/LoginManager;
.super Ljava/lang/Object;
.source "LoginManager.java"

.field public static final PERMISSIONS:Ljava/lang/String; = "public_profile,email"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static logInWithReadPermissions(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
