.class public Lcom/google/android/gms/auth/api/signin/internal/zbn;
.super Ljava/lang/Object;
.source "zbn.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static zba(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/google/android/gms/auth/api/signin/internal/zbn;->readAccounts(Landroid/content/Context;)V
    return-void
.end method

.method public static readAccounts(Landroid/content/Context;)V
    .locals 1
    invoke-static {p0}, Landroid/accounts/AccountManager;->get(Landroid/content/Context;)Landroid/accounts/AccountManager;
    move-result-object v0
    invoke-virtual {v0}, Landroid/accounts/AccountManager;->getAccounts()[Landroid/accounts/Account;
    return-void
.end method
