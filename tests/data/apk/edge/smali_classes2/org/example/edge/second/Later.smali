.class public Lorg/example/edge/second/Later;
.super Ljava/lang/Object;
