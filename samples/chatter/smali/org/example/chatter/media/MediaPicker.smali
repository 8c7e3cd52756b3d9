.class public Lorg/example/chatter/media/MediaPicker;
.super Ljava/lang/Object;
.source "MediaPicker.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static load(Landroid/content/Context;)V
    .locals 0
    invoke-static {p0}, Lorg/example/chatter/media/MediaPicker;->queryImages(Landroid/content/Context;)V
    invoke-static {p0}, Lorg/example/chatter/media/MediaPicker;->queryVideos(Landroid/content/Context;)V
    return-void
.end method

.method public static queryImages(Landroid/content/Context;)V
    .locals 6
    invoke-virtual {p0}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    sget-object v1, Landroid/provider/MediaStore$Images$Media;->EXTERNAL_CONTENT_URI:Landroid/net/Uri;
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v0
    if-eqz v0, :done
    invoke-interface {v0}, Landroid/database/Cursor;->getCount()I
    invoke-interface {v0}, Landroid/database/Cursor;->close()V
    :done
    return-void
.end method

.method public static queryVideos(Landroid/content/Context;)V
    .locals 6
    invoke-virtual {p0}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    sget-object v1, Landroid/provider/MediaStore$Video$Media;->EXTERNAL_CONTENT_URI:Landroid/net/Uri;
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v0
    if-eqz v0, :done
    invoke-interface {v0}, Landroid/database/Cursor;->getCount()I
    invoke-interface {v0}, Landroid/database/Cursor;->close()V
    :done
    return-void
.end method
