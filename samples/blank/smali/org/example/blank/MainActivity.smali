.class public Lorg/example/blank/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.field public static final ABOUT_POLICY:Ljava/lang/String; = "Privacy policy: https://blank.example.org/legal.html"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/blank/Calculator;->clear(Landroid/content/Context;)V
    return-void
.end method
