.class public Lcom/amap/api/Sub;
.super Ljava/lang/Object;
