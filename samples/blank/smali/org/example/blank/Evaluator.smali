.class public Lorg/example/blank/Evaluator;
.super Ljava/lang/Object;
.source "Evaluator.java"

.field public static final OPERATORS:Ljava/lang/String; = "+-*/%"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static reset(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
