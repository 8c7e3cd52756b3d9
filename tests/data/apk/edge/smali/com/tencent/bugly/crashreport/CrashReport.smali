.class public Lcom/tencent/bugly/crashreport/CrashReport;
.super Ljava/lang/Object;
