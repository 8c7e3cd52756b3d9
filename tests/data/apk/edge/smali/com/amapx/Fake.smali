.class public Lcom/amapx/Fake;
.super Ljava/lang/Object;
