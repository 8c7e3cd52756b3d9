.class public final La/b;
.super Ljava/lang/Object;
.source "SourceFile"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static b()Ljava/lang/String;
    .locals 1
    const-string v0, "pagead2.googlesyndication.com"
    return-object v0
.end method
