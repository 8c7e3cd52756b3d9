"""The public-resource table built fast is androguard's own table, key for key."""

from __future__ import annotations

import json
import subprocess
import sys

DUMP = """
import json, sys
{prepare}
from androguard.core.resources import public
from androguard.core.axml import AXMLPrinter  # the importer that needs it still imports
print(json.dumps([public.SYSTEM_RESOURCES, public._public_res, type(public).__name__], sort_keys=True))
"""


def dump(prepare: str) -> list:
    done = subprocess.run(
        [sys.executable, "-c", DUMP.format(prepare=prepare)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def test_preloaded_table_equals_androguards():
    theirs = dump("")
    ours = dump(
        "from consistency.apk.axml_resources import preload_public_resources\n"
        "preload_public_resources()\n"
        "assert 'androguard.core.resources.public' in sys.modules"
    )
    assert len(theirs[0]["attributes"]["inverse"]) > 1000
    assert ours == theirs


def test_table_from_the_parse_cache_equals_androguards(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSISTENCY_CACHE_DIR", str(tmp_path))
    prepare = (
        "from consistency.apk.axml_resources import preload_public_resources\n"
        "preload_public_resources()\n"
        "assert 'androguard.core.resources.public' in sys.modules"
    )
    built = dump(prepare)
    assert len(list(tmp_path.glob("android-public-*.pickle"))) == 1
    served = dump(prepare)  # the second process reads the dicts back from the cache
    assert served == built == dump("")
