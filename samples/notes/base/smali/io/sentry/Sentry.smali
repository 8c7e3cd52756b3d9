.class public final Lio/sentry/Sentry;
.super Ljava/lang/Object;
.source "Sentry.java"

.method public static init(Ljava/lang/String;)V
    .locals 0
    return-void
.end method
