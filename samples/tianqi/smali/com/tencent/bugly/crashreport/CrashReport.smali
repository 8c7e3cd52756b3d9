.class public Lcom/tencent/bugly/crashreport/CrashReport;
.super Ljava/lang/Object;
.source "CrashReport.java"

.field public static final UPLOAD_URL:Ljava/lang/String; = "https://android.bugly.qq.com/rqd/async"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static initCrashReport(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
