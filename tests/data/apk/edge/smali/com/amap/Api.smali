.class public Lcom/amap/Api;
.super Ljava/lang/Object;
