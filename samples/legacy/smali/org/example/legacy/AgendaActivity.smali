.class public Lorg/example/legacy/AgendaActivity;
.super Landroid/app/Activity;
.source "AgendaActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/legacy/data/CalendarReader;->load(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/legacy/data/RecentCalls;->load(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/legacy/weather/WeatherLocator;->locate(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/umeng/analytics/MobclickAgent;->onResume(Landroid/content/Context;)V
    return-void
.end method
