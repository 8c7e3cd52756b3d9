.class public Lcom/amap/api/location/AMapLocationClient;
.super Ljava/lang/Object;
