.class public interface abstract Lcom/google/firebase/components/ComponentRegistrar;
.super Ljava/lang/Object;
.source "ComponentRegistrar.java"

.method public abstract getComponents()Ljava/util/List;
.end method
