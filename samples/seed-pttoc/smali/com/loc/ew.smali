.class public Lcom/loc/ew;
.super Ljava/lang/Object;
.source "ew.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static a(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lcom/loc/ew;->readCellInfo(Landroid/content/Context;)V
    return-void
.end method

.method public static readCellInfo(Landroid/content/Context;)V
    .locals 1
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getAllCellInfo()Ljava/util/List;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getNetworkOperator()Ljava/lang/String;
    return-void
.end method
