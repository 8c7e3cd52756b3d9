#!/bin/sh
# Rebuild tiny.dex from the smali sources next to this script (needs Debian's
# smali: apt-get install libsmali-java). The .dex is committed so the tests run
# without the toolchain; rebuilding must give the same classes and methods.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
java -cp "/usr/share/java/smali.jar:/usr/share/java/*" org.jf.smali.Main a -o "$here/tiny.dex" "$here/smali"
