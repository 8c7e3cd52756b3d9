"""``check`` holds each bundled SDK to its row of the policy's SDK list
(``consistency.sdk_lists``), on the committed Chinese sample ``samples/tianqi`` (real
APK, Chinese policy with an SDK table) and on variants of its policy."""

from __future__ import annotations

import json
from functools import cache

import pytest

from consistency import check
from consistency.report.interface import render
from tests.helpers.paths import SAMPLES
from tests.helpers.policy_docs import builtin_mappings

pytestmark = pytest.mark.e2e

APK = SAMPLES / "tianqi" / "tianqi.apk"
POLICY = SAMPLES / "tianqi" / "policy.md"


@cache
def result():
    if not APK.is_file():
        pytest.skip("sample tianqi is not built")
    return check(APK, POLICY, builtin_mappings())


def problems(res) -> set[tuple[str, str, str, str | None]]:
    """(class, subject type, subject, SDK of a per-SDK finding) of every finding that is not disclosed."""
    return {
        (f.status, f.subject_type, f.subject, f.sdk.sdk_id if f.subject_type == "data" and f.sdk else None)
        for f in res.findings
        if f.status != "disclosed"
    }


def test_reports_exactly_the_missing_sdk_and_the_short_row():
    assert problems(result()) == {
        ("omitted", "sdk", "tencent-bugly", None),
        ("omitted", "data", "app_activity.interactions", "umeng-analytics"),
        ("vague", "data", "app_info.diagnostics", "umeng-analytics"),
    }


def test_the_missing_sdk_message_counts_the_list():
    (bugly,) = [f for f in result().findings if f.subject == "tencent-bugly"]
    assert "the policy lists 2 SDKs" in bugly.message and "is not among them" in bugly.message
    assert bugly.severity == "medium"
    assert "高德定位SDK" in bugly.evidence[0].text


def test_per_sdk_findings_quote_the_row_and_never_collide_with_the_type_finding():
    res = result()
    short = [
        f for f in res.findings if f.subject_type == "data" and f.sdk and f.sdk.sdk_id == "umeng-analytics"
    ]
    assert {f.status for f in short} == {"omitted", "vague"}
    assert all("友盟统计SDK" in f.evidence[0].text for f in short)
    assert all(
        f.evidence[0].text == res.policy.document.text[f.evidence[0].start : f.evidence[0].end] for f in short
    )
    fingerprints = [f.fingerprint for f in res.findings]
    assert len(fingerprints) == len(set(fingerprints))
    general = next(
        f for f in res.findings if f.subject == "app_activity.interactions" and f.status == "disclosed"
    )
    assert general.sdk is None


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html", "markdown"])
def test_every_format_carries_the_findings_in_chinese(fmt):
    out = render(result(), fmt, kind="check")
    assert "友盟统计SDK" in out  # Chinese kept as text (no \\u escapes, no mojibake)
    assert "tencent-bugly" in out
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt == "json":
        messages = [f["message"] for f in json.loads(out)["findings"]]
        assert any("is not among them" in m for m in messages)
    if fmt == "html":
        assert "charset" in out.lower() and "utf-8" in out.lower()


def test_cli_terminal_output_is_utf8(tmp_path):
    import subprocess
    import sys

    if not APK.is_file():
        pytest.skip("sample tianqi is not built")
    run = subprocess.run(
        [sys.executable, "-m", "consistency", "check", str(APK), str(POLICY), "--no-timestamp"],
        capture_output=True,
        env={"PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert run.returncode == 1, run.stderr.decode("utf-8", "replace")
    out = run.stdout.decode("utf-8")
    assert "友盟统计SDK" in out and "Tencent Bugly" in out


def _variant(tmp_path, old: str, new: str):
    text = POLICY.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "policy.md"
    path.write_text(text.replace(old, new), encoding="utf-8")
    if not APK.is_file():
        pytest.skip("sample tianqi is not built")
    return check(APK, path, builtin_mappings())


def test_a_complete_list_leaves_nothing_to_report(tmp_path):
    rows = (
        "| 友盟统计SDK | 友盟同欣（北京）科技有限公司 | 统计App的使用情况 | 设备标识符（Android ID、OAID）、设备信息 | https://www.umeng.com/page/policy |",
        "| 友盟统计SDK | 友盟同欣（北京）科技有限公司 | 统计 | 设备标识符、使用记录、性能数据 | https://www.umeng.com/page/policy |\n"
        "| 腾讯Bugly | 深圳市腾讯计算机系统有限公司 | 崩溃分析 | 崩溃日志、性能数据、设备标识符 | https://privacy.qq.com |",
    )
    assert problems(_variant(tmp_path, *rows)) == set()


def test_a_listed_sdk_absent_from_the_apk_is_info(tmp_path):
    extra = "| 极光推送 | 深圳市和讯华谷信息技术有限公司 | 推送 | 设备标识符 | https://www.jiguang.cn/license/privacy |\n"
    anchor = "| 友盟统计SDK |"
    res = _variant(tmp_path, anchor, extra + anchor)
    (stale,) = [f for f in res.findings if f.subject == "jpush"]
    assert (stale.status, stale.severity) == ("unsupported", "info")
    assert "may be stale" in stale.message
    missing = next(f for f in res.findings if f.subject == "tencent-bugly")
    assert "the policy lists 3 SDKs" in missing.message


def test_without_an_sdk_list_the_general_comparison_stands(tmp_path):
    start = POLICY.read_text(encoding="utf-8").index("## 二、第三方SDK目录")
    end = POLICY.read_text(encoding="utf-8").index("## 三、申请权限说明")
    res = _variant(tmp_path, POLICY.read_text(encoding="utf-8")[start:end], "")
    assert not res.policy.lists.sdk_list
    assert not any(f.subject_type == "data" and f.sdk for f in res.findings)
    bugly = next(f for f in res.findings if f.subject == "tencent-bugly")
    assert "is not among them" not in bugly.message


def test_an_sdk_named_elsewhere_but_not_listed_is_vague(tmp_path):
    res = _variant(tmp_path, "发送给第三方崩溃分析服务", "发送给腾讯Bugly")
    bugly = next(f for f in res.findings if f.subject == "tencent-bugly")
    assert (bugly.status, bugly.severity) == ("vague", "low")
    assert "is not among them" in bugly.message and "腾讯Bugly" in bugly.evidence[0].text
