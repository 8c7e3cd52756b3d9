.class public Lcom/amap/apix/Z;
.super Ljava/lang/Object;
