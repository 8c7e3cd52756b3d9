.class public interface abstract Lcom/appsflyer/AppsFlyerConversionListener;
.super Ljava/lang/Object;
.source "AppsFlyerConversionListener.java"

.method public abstract onConversionDataSuccess(Ljava/util/Map;)V
.end method
