.class public Lcom/facebook/FacebookSdk;
.super Ljava/lang/Object;
.source "FacebookSdk.java"

.field public static final GRAPH_URL:Ljava/lang/String; = "https://graph.facebook.com"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static sdkInitialize(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
