.class public Lcom/google/android/gms/ads/identifier/AdvertisingIdClient;
.super Ljava/lang/Object;
.source "AdvertisingIdClient.java"

.field public static final SERVICE:Ljava/lang/String; = "com.google.android.gms.ads.identifier.service.START"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static getAdvertisingIdInfo(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
