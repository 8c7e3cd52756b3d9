#!/usr/bin/env bash
# Rebuild the test APKs in this folder (tests/data/apk/<name>/<name>.apk) from
# their sources: AndroidManifest.xml, smali*/ and lib/. The APKs are committed so
# the tests run without the toolchain. Needs Debian's Android tools (see
# samples/README.md); signs with the samples' committed throwaway key.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
FRAMEWORK_RES="${FRAMEWORK_RES:-/usr/share/android-framework-res/framework-res.apk}"
SMALI_CP="${SMALI_CP:-/usr/share/java/smali.jar:/usr/share/java/*}"
KEYSTORE="$REPO/samples/sample.jks"
KS_PASS="sample-password"
export TZ=UTC LC_ALL=C

build() {
    local app="$1" src="$HERE/$1" work tree dir name
    work="$(mktemp -d)"; tree="$work/tree"; mkdir -p "$tree"
    aapt package -f -M "$src/AndroidManifest.xml" -I "$FRAMEWORK_RES" -F "$work/base.apk"
    unzip -q "$work/base.apk" -d "$tree"
    for dir in "$src"/smali "$src"/smali_classes*; do
        [[ -d "$dir" ]] || continue
        name="$(basename "$dir")"
        if [[ "$name" == smali ]]; then name=classes; else name="classes${name#smali_classes}"; fi
        java -cp "$SMALI_CP" org.jf.smali.Main assemble --api 21 -o "$tree/$name.dex" "$dir"
    done
    [[ -d "$src/lib" ]] && cp -R "$src/lib" "$tree/lib"
    find "$tree" -exec touch -h -d '1980-01-01 00:00:00' {} +
    (cd "$tree" && { echo AndroidManifest.xml; find . -type f ! -name AndroidManifest.xml | sed 's|^\./||' | sort; } \
        | zip -q -X -D "$work/unsigned.apk" -@)
    zipalign -p -f 4 "$work/unsigned.apk" "$work/aligned.apk"
    apksigner sign --ks "$KEYSTORE" --ks-pass "pass:$KS_PASS" --key-pass "pass:$KS_PASS" --ks-key-alias sample \
        --v4-signing-enabled false --out "$src/$app.apk" "$work/aligned.apk"
    rm -rf "$work"
    echo "$src/$app.apk"
}

for app in "${@:-edge}"; do build "$app"; done
