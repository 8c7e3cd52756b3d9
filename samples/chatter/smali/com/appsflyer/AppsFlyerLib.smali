.class public Lcom/appsflyer/AppsFlyerLib;
.super Ljava/lang/Object;
.source "AppsFlyerLib.java"

.field public static final ENDPOINT:Ljava/lang/String; = "https://launches.appsflyer.com/api/v6.12/androidevent"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static start(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/appsflyer/internal/AFb1xSDK;->values(Landroid/content/Context;)V
    return-void
.end method
