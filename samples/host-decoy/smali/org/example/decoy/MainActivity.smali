.class public Lorg/example/decoy/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method public static links()[Ljava/lang/String;
    .locals 3
    const/4 v0, 0x3
    new-array v0, v0, [Ljava/lang/String;
    const/4 v1, 0x0
    const-string v2, "Compare analytics tools: https://api.mixpanel.com/ and https://www.appsflyer.com/"
    aput-object v2, v0, v1
    const/4 v1, 0x1
    const-string v2, "googleads.g.doubleclick.net"
    aput-object v2, v0, v1
    const/4 v1, 0x2
    const-string v2, "https://firebase-settings.crashlytics.com/spi/v2/platforms/android"
    aput-object v2, v0, v1
    return-object v0
.end method

# A string that is a host of 49 characters: its ULEB128 length byte (0x31) is the
# digit 1, which a reader that does not know where the string starts would take
# as part of the host.
.method public static collector()Ljava/lang/String;
    .locals 1
    const-string v0, "metrics-collector-eu-west-1.analytics.example.org"
    return-object v0
.end method
