.class public Lokhttp3/internal/connection/RealCall;
.super Ljava/lang/Object;
.source "RealCall.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static execute(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lokhttp3/internal/connection/RealCall;->readNetworkState(Landroid/content/Context;)V
    return-void
.end method

.method public static readNetworkState(Landroid/content/Context;)V
    .locals 1
    const-string v0, "connectivity"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/net/ConnectivityManager;
    invoke-virtual {v0}, Landroid/net/ConnectivityManager;->getActiveNetworkInfo()Landroid/net/NetworkInfo;
    return-void
.end method
