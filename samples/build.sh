#!/usr/bin/env bash
# Rebuild every sample APK from its source (AndroidManifest.xml, res/, smali*/, lib/, files/).
#
#   bash samples/build.sh            # all apps
#   bash samples/build.sh walkie     # some apps
#   bash samples/build.sh --pdf      # also re-render the PDF policies (needs Python + reportlab)
#
# Needs Debian's Android tools (see samples/README.md):
#   apt-get install aapt android-framework-res libsmali-java zipalign apksigner default-jdk-headless zip unzip
#
# The output is deterministic: smali and aapt are, every zip entry gets the same
# timestamp, entries are added in a fixed order, and the committed throwaway key
# (samples/sample.jks) signs with deterministic RSA PKCS#1 v1.5 signatures. Running
# this script on a clean checkout therefore reproduces the committed APKs byte for
# byte (same tool versions assumed), which is how anyone can check that a binary
# matches its source: rebuild, then `git status samples/`.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FRAMEWORK_RES="${FRAMEWORK_RES:-/usr/share/android-framework-res/framework-res.apk}"
SMALI_CP="${SMALI_CP:-/usr/share/java/smali.jar:/usr/share/java/*}"
KEYSTORE="$HERE/sample.jks"
KS_PASS="sample-password"   # throwaway test key, committed on purpose
KEY_ALIAS="sample"
APPS=(walkie chatter shopper blank legacy seed-pttoc seed-airtalk seed-52phone tianqi exodus-probes obfuscated host-decoy)

export TZ=UTC LC_ALL=C

die() { echo "build.sh: $*" >&2; exit 2; }

check_tools() {
    local tool
    for tool in java aapt zipalign apksigner zip unzip; do
        command -v "$tool" >/dev/null || die "missing tool '$tool' (see samples/README.md)"
    done
    [[ -f "$FRAMEWORK_RES" ]] || die "missing $FRAMEWORK_RES (apt-get install android-framework-res)"
}

ensure_keystore() {
    [[ -f "$KEYSTORE" ]] && return
    echo "note: $KEYSTORE missing, generating a new key; the signer of every APK changes" >&2
    keytool -genkeypair -keystore "$KEYSTORE" -storetype PKCS12 \
        -storepass "$KS_PASS" -keypass "$KS_PASS" -alias "$KEY_ALIAS" \
        -keyalg RSA -keysize 2048 -validity 36500 \
        -dname "CN=consistency sample apps, O=consistency test fixtures"
}

# smali/ -> classes.dex, smali_classes2/ -> classes2.dex, ... (apktool's layout)
assemble_dex() {
    local src_dir="$1" tree="$2" dir name
    for dir in "$src_dir"/smali "$src_dir"/smali_classes*; do
        [[ -d "$dir" ]] || continue
        name="$(basename "$dir")"
        if [[ "$name" == smali ]]; then name=classes; else name="classes${name#smali_classes}"; fi
        # one thread: with several, smali now and then lays out the same dex differently
        java -cp "$SMALI_CP" org.jf.smali.Main assemble --api 21 --jobs 1 -o "$tree/$name.dex" "$dir"
    done
}

build_app() {
    local app="$1" src="$HERE/$1" work tree res_args=()
    [[ -f "$src/AndroidManifest.xml" ]] || die "no such sample: $app"
    work="$(mktemp -d)"
    tree="$work/tree"
    mkdir -p "$tree"

    # 1. binary manifest and resources, linked against the platform's framework-res
    [[ -d "$src/res" ]] && res_args=(-S "$src/res")
    aapt package -f -M "$src/AndroidManifest.xml" "${res_args[@]}" -I "$FRAMEWORK_RES" -F "$work/base.apk"
    unzip -q "$work/base.apk" -d "$tree"

    # 2. code and native libraries
    assemble_dex "$src" "$tree"
    [[ -d "$src/lib" ]] && cp -R "$src/lib" "$tree/lib"
    # files/ is copied as is (META-INF/*.version, assets/): what libraries leave besides code
    [[ -d "$src/files" ]] && cp -R "$src/files/." "$tree/"

    # 3. one zip, fixed timestamps, fixed order; resources.arsc stored uncompressed
    #    as Android 11+ requires (zip ignores -n when a level such as -9 is given)
    find "$tree" -exec touch -h -d '1980-01-01 00:00:00' {} +
    (
        cd "$tree"
        {
            echo AndroidManifest.xml
            find . -type f ! -name AndroidManifest.xml | sed 's|^\./||' | sort
        } | zip -q -X -D -n .arsc "$work/unsigned.apk" -@
    )

    # 4. align (page-align .so files) and sign (v1 + v2 + v3, no v4 side file)
    zipalign -p -f 4 "$work/unsigned.apk" "$work/aligned.apk"
    apksigner sign --ks "$KEYSTORE" --ks-pass "pass:$KS_PASS" --key-pass "pass:$KS_PASS" \
        --ks-key-alias "$KEY_ALIAS" --v4-signing-enabled false \
        --out "$src/$app.apk" "$work/aligned.apk"
    apksigner verify "$src/$app.apk" || die "$app.apk does not verify"
    rm -rf "$work"
    printf '%-14s %7d bytes  %s\n' "$app" "$(stat -c %s "$src/$app.apk")" \
        "$(sha256sum "$src/$app.apk" | cut -c1-16)"
}

render_pdfs() {
    local py="${PDF_PYTHON:-python3}"
    "$py" -c "import reportlab" 2>/dev/null \
        || die "--pdf needs a Python with reportlab (PDF_PYTHON=/path/to/python)"
    "$py" "$HERE/tools/text_to_pdf.py" "$HERE/legacy/policy.md" "$HERE/legacy/policy.pdf"
    "$py" "$HERE/tools/text_to_pdf.py" "$HERE/../tests/data/policies/src/fitness_tracker.md" \
        "$HERE/../tests/data/policies/fitness_tracker.pdf"
}

main() {
    local apps=() want_pdf=0 arg
    for arg in "$@"; do
        case "$arg" in
            --pdf) want_pdf=1 ;;
            -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
            *) apps+=("$arg") ;;
        esac
    done
    [[ ${#apps[@]} -eq 0 ]] && apps=("${APPS[@]}")
    check_tools
    ensure_keystore
    for arg in "${apps[@]}"; do build_app "$arg"; done
    if [[ $want_pdf -eq 1 ]]; then render_pdfs; fi
}

main "$@"
