.class public Lcom/wootric/androidsdk/ExodusProbe;
.super Ljava/lang/Object;
.source "Probe.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static probe()V
    .locals 0
    return-void
.end method
