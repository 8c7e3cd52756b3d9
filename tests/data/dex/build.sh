#!/bin/sh
# Rebuild tiny.dex and providers.dex from the smali sources next to this script
# (needs Debian's smali: apt-get install libsmali-java). The .dex files are committed
# so the tests run without the toolchain; rebuilding must give the same classes,
# methods and fields.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
smali() { java -cp "/usr/share/java/smali.jar:/usr/share/java/*" org.jf.smali.Main a -o "$1" "$2"; }
smali "$here/tiny.dex" "$here/smali"
smali "$here/providers.dex" "$here/providers"
