.class public Lcom/example/providers/Reader;
.super Ljava/lang/Object;

# Reaches the call log through its Uri constant and the SMS inbox through a URI
# string; its own fields and a framework int constant are references too.

.field private count:I
.field public static last:Landroid/net/Uri;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public calls(Landroid/content/ContentResolver;)Landroid/database/Cursor;
    .registers 8
    sget-object v1, Landroid/provider/CallLog$Calls;->CONTENT_URI:Landroid/net/Uri;
    sput-object v1, Lcom/example/providers/Reader;->last:Landroid/net/Uri;
    iget v0, p0, Lcom/example/providers/Reader;->count:I
    sget v0, Landroid/os/Build$VERSION;->SDK_INT:I
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    move-object v0, p1
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v0
    return-object v0
.end method

.method public static inbox()Landroid/net/Uri;
    .registers 1
    const-string v0, "content://sms/inbox"
    invoke-static {v0}, Landroid/net/Uri;->parse(Ljava/lang/String;)Landroid/net/Uri;
    move-result-object v0
    return-object v0
.end method

.method public static strings()[Ljava/lang/String;
    .registers 4
    const/4 v0, 0x4
    new-array v0, v0, [Ljava/lang/String;
    const/4 v1, 0x0
    const-string v2, "content://com.android.calendar/events"
    aput-object v2, v0, v1
    const/4 v1, 0x1
    const-string v2, "content://"
    aput-object v2, v0, v1
    const/4 v1, 0x2
    const-string v2, "contents"
    aput-object v2, v0, v1
    const/4 v1, 0x3
    const-string v2, "query content://call_log/calls failed"
    aput-object v2, v0, v1
    return-object v0
.end method
