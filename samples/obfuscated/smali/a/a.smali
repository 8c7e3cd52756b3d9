.class public final La/a;
.super Ljava/lang/Object;
.source "SourceFile"

# Google Mobile Ads' request builder after R8: the class name is gone, the ad
# server it calls is not.
.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static a()Ljava/lang/String;
    .locals 1
    const-string v0, "https://googleads.g.doubleclick.net/mads/static/sdk/native/sdk-core-v40.html"
    return-object v0
.end method
