.class public Lkotlin/collections/CollectionsKt;
.super Ljava/lang/Object;
.source "CollectionsKt.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static listOf(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
