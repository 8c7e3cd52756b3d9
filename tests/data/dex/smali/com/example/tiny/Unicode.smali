.class public Lcom/example/tiny/Café;
.super Ljava/lang/Object;

.method public static 位置()V
    .registers 0
    return-void
.end method
