.class public Lcom/google/android/gms/ads/AdView;
.super Ljava/lang/Object;
