.class public Lcom/google/android/gms/measurement/AppMeasurementJobService;
.super Landroid/app/job/JobService;
.source "AppMeasurementJobService.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/job/JobService;-><init>()V
    return-void
.end method

.method public onCreate()V
    .locals 0
    invoke-super {p0}, Landroid/app/job/JobService;->onCreate()V
    return-void
.end method
