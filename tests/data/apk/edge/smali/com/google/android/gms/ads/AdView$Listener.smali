.class public Lcom/google/android/gms/ads/AdView$Listener;
.super Ljava/lang/Object;
