.class public Lorg/example/seed/airtalk/NearbyFriendsActivity;
.super Landroid/app/Activity;
.source "NearbyFriendsActivity.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lorg/example/seed/airtalk/NearbyFriendsActivity;->readPhotoLocation(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/seed/airtalk/NearbyFriendsActivity;->openExternalStorage(Landroid/content/Context;)V
    return-void
.end method

.method public static readPhotoLocation(Landroid/content/Context;)V
    .locals 1
    sget-object v0, Landroid/provider/MediaStore$Images$Media;->EXTERNAL_CONTENT_URI:Landroid/net/Uri;
    invoke-static {v0}, Landroid/provider/MediaStore;->setRequireOriginal(Landroid/net/Uri;)Landroid/net/Uri;
    return-void
.end method

.method public static openExternalStorage(Landroid/content/Context;)V
    .locals 1
    invoke-static {}, Landroid/os/Environment;->getExternalStorageDirectory()Ljava/io/File;
    move-result-object v0
    invoke-virtual {v0}, Ljava/io/File;->listFiles()[Ljava/io/File;
    return-void
.end method
