.class public Lcom/google/android/gms/common/GoogleApiAvailability;
.super Ljava/lang/Object;
