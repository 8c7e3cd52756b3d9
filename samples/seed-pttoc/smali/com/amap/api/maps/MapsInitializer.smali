.class public Lcom/amap/api/maps/MapsInitializer;
.super Ljava/lang/Object;
.source "MapsInitializer.java"

.field public static final TILE_HOST:Ljava/lang/String; = "https://wprd01.is.autonavi.com"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static initialize(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
