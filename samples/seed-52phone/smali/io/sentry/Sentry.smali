.class public Lio/sentry/Sentry;
.super Ljava/lang/Object;
.source "Sentry.java"

.field public static final SDK_NAME:Ljava/lang/String; = "sentry.java.android"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static init(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
