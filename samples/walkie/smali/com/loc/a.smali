.class public Lcom/loc/a;
.super Ljava/lang/Object;
.source "a.java"

.field public static final SDK_VERSION:Ljava/lang/String; = "6.4.0"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static c(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
