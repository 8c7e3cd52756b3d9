.class public Lorg/example/shopper/MainActivity;
.super Landroidx/appcompat/app/AppCompatActivity;
.source "MainActivity.java"

.field public static final PRIVACY_POLICY_URL:Ljava/lang/String; = "https://shopper.example.org/privacy-policy"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroidx/appcompat/app/AppCompatActivity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroidx/appcompat/app/AppCompatActivity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lokhttp3/OkHttpClient;->newCall(Landroid/content/Context;)V
    invoke-static {p0}, Lkotlin/jvm/internal/Intrinsics;->checkNotNull(Landroid/content/Context;)V
    return-void
.end method
