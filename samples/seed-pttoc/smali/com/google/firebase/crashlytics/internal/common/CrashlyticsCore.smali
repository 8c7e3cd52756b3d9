.class public Lcom/google/firebase/crashlytics/internal/common/CrashlyticsCore;
.super Ljava/lang/Object;
.source "CrashlyticsCore.java"

.field public static final ENDPOINT:Ljava/lang/String; = "https://crashlyticsreports-pa.googleapis.com/v1/firelog/legacy/batchlog"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static onPreExecute(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/google/firebase/crashlytics/internal/common/CrashlyticsCore;->readBuildInfo(Landroid/content/Context;)V
    return-void
.end method

.method public static readBuildInfo(Landroid/content/Context;)V
    .locals 1
    sget-object v0, Landroid/os/Build;->MODEL:Ljava/lang/String;
    sget-object v0, Landroid/os/Build;->MANUFACTURER:Ljava/lang/String;
    sget-object v0, Landroid/os/Build$VERSION;->RELEASE:Ljava/lang/String;
    return-void
.end method
