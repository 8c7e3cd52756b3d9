.class public Lcom/umeng/analytics/pro/h;
.super Ljava/lang/Object;
.source "h.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static a(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
