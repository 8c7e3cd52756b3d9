.class public Lorg/example/seed/pttoc/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.field public static final AGREEMENT:Ljava/lang/String; = "User agreement and privacy policy: https://pttoc.seed.example.org/agreement"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lcom/amap/api/maps/MapsInitializer;->initialize(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/google/android/gms/maps/MapsInitializer;->initialize(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/pttoc/account/PhoneStatus;->read(Landroid/content/Context;)V
    return-void
.end method
