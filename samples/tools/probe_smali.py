"""Write the smali sources of ``samples/exodus-probes``: one small class under each
package signature of the tracker list snapshot in
``tests/data/tracker_lists/exodus_trackers.json``.

    python samples/tools/probe_smali.py && bash samples/build.sh exodus-probes

Each class has a constructor and a static method, so it is real code and not an
empty stub (which detection would rate low). The class names come from
``consistency.tracker_lists.probe_class``, the same function the coverage command
and its test use, so the APK, the command and the test cannot disagree.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from consistency.tracker_lists import probe_class, read_tracker_list  # noqa: E402

SNAPSHOT = ROOT / "tests" / "data" / "tracker_lists" / "exodus_trackers.json"
OUT = HERE.parent / "exodus-probes" / "smali"

TEMPLATE = """.class public {descriptor}
.super Ljava/lang/Object;
.source "Probe.java"

.method public constructor <init>()V
    .locals 0
    invoke-direct {{p0}}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static probe()V
    .locals 0
    return-void
.end method
"""


def main() -> int:
    classes = sorted({probe_class(s) for t in read_tracker_list(SNAPSHOT) for s in t.signatures})
    shutil.rmtree(OUT, ignore_errors=True)
    for name in classes:
        path = OUT / (name.replace(".", "/") + ".smali")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEMPLATE.format(descriptor="L" + name.replace(".", "/") + ";"), encoding="utf-8")
    print(f"{len(classes)} probe classes under {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
