.class public Lcom/google/firebase/crashlytics/FirebaseCrashlytics;
.super Ljava/lang/Object;
.source "FirebaseCrashlytics.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static getInstance(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/google/firebase/crashlytics/internal/common/CrashlyticsCore;->onPreExecute(Landroid/content/Context;)V
    return-void
.end method
