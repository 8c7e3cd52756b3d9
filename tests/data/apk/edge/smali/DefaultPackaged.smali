.class public LDefaultPackaged;
.super Ljava/lang/Object;
