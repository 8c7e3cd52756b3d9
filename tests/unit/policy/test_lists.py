"""SDK lists and permission lists (``consistency.policy.lists``) read from real
documents in every layout policies use, through the real reader and tables."""

from __future__ import annotations

import pytest
import yaml

from consistency.policy import read_policy
from consistency.policy.document.read import read_document
from consistency.policy.extract.hanzi import fold_chinese
from consistency.policy.lists import read_lists
from consistency.policy.lists.cues import read_lists_table
from tests.helpers.paths import MAPPINGS
from tests.helpers.policy_docs import builtin_mappings


def lists_of(text: str, name: str = "policy.txt"):
    return read_lists(read_document(text.encode("utf-8"), name=name), builtin_mappings())


def rows(text: str, name: str = "policy.txt") -> list[tuple[str, tuple[str, ...]]]:
    return [(r.name, r.sdk_ids) for r in lists_of(text, name).sdks]


def exact_types(row) -> set[str]:
    return {t for m in row.data if m.level == "exact" for t in m.data_types}


# ------------------------------------------------------------- the table's words


def _examples():
    table = yaml.safe_load((MAPPINGS / "lists.yaml").read_text(encoding="utf-8"))
    for kind in ("sdk_list", "permission_list"):
        spec = table[kind]
        for text in spec["titles"]["examples"]["match"]:
            yield pytest.param(kind, "title", text, True, id=f"{kind}-title-{text}")
        for text in spec["titles"]["examples"]["no_match"]:
            yield pytest.param(kind, "title", text, False, id=f"{kind}-title-not-{text}")
        for field in spec["fields"]:
            for text in field["examples"]["match"]:
                yield pytest.param(kind, field["field"], text, True, id=f"{kind}-{field['field']}-{text}")
            for text in field["examples"]["no_match"]:
                yield pytest.param(
                    kind, field["field"], text, False, id=f"{kind}-{field['field']}-not-{text}"
                )


@pytest.mark.parametrize(("kind", "field", "text", "expected"), list(_examples()))
def test_every_example_of_lists_yaml(kind, field, text, expected):
    compiled = builtin_mappings().list_cues
    # the compiled classifier, and one reading's (asked twice: the second answer is its memo's)
    for cues in (compiled, compiled.for_reading()):
        classifier = cues.sdk if kind == "sdk_list" else cues.permission
        for _ in range(2):
            if field == "title":
                assert classifier.is_title(text) is expected
            else:
                assert (classifier.field_of(text) == field) is expected


def test_lists_table_validates_closed():
    table = read_lists_table(MAPPINGS / "lists.yaml")
    assert {f.field for f in table.sdk_list.fields} == {
        "name",
        "company",
        "purpose",
        "data",
        "permissions",
        "link",
    }


# -------------------------------------------------------------------- SDK lists

MARKDOWN_TABLE = """# 隐私政策

## 第三方SDK目录

| SDK名称 | 第三方主体 | 使用目的 | 收集个人信息类型 | 隐私政策链接 |
|---|---|---|---|---|
| 高德定位SDK | 高德软件有限公司 | 定位 | 精确位置、设备标识符 | https://lbs.amap.com/pages/privacy/ |
| 友盟统计SDK | 友盟同欣（北京）科技有限公司 | 统计 | 设备信息 | https://www.umeng.com/page/policy |
| 某某推送SDK | 某某公司 | 推送 | 无 | 无 |
"""


def test_markdown_table_rows_become_per_sdk_disclosures():
    lists = lists_of(MARKDOWN_TABLE, "policy.md")
    assert lists.sdk_list
    assert [(r.name, r.sdk_ids) for r in lists.sdks] == [
        ("高德定位SDK", ("amap-location",)),
        ("友盟统计SDK", ("umeng-analytics",)),
        ("某某推送SDK", ()),
    ]
    amap, umeng, unknown = lists.sdks
    assert exact_types(amap) == {"location.precise", "device.ids"}
    assert amap.company == "高德软件有限公司" and amap.link == "https://lbs.amap.com/pages/privacy/"
    assert exact_types(umeng) == set() and {m.level for m in umeng.data} == {"broad"}
    assert unknown.data == ()


def test_text_blocks_one_field_per_line_and_several_per_line():
    per_line = "第三方SDK目录\n\nSDK名称：极光推送\n第三方主体：深圳市和讯华谷信息技术有限公司\n收集个人信息类型：设备标识符\n使用目的：推送消息\n\nSDK名称：腾讯Bugly\n收集个人信息类型：崩溃日志\n"
    assert rows(per_line) == [("极光推送", ("jpush",)), ("腾讯Bugly", ("tencent-bugly",))]
    inline = "1.SDK名称：融云IM；第三方主体：北京云中融信网络科技有限公司；收集个人信息类型：聊天记录；使用目的：消息收发\n"
    (row,) = lists_of(inline).sdks
    assert row.sdk_ids == ("rongcloud",) and exact_types(row) == {"messages.in_app"}
    assert row.purpose == "消息收发"


def test_label_glued_to_the_value_before_it():
    # the plain-text reader joins wrapped lines: "…使用记录隐私政策链接：…" keeps 使用记录 in the data
    text = "SDK名称：友盟统计SDK\n收集个人信息类型：设备标识符、使用记录\n隐私政策链接：https://www.umeng.com/page/policy\n"
    (row,) = lists_of(text).sdks
    assert exact_types(row) == {"device.ids", "app_activity.interactions"}
    assert row.link == "https://www.umeng.com/page/policy"


def test_table_flattened_to_one_cell_per_line():
    text = (
        "第三方SDK列表\n\nSDK名称\n\n第三方公司\n\n使用目的\n\n收集个人信息\n\n"
        "个推推送\n\n每日互动股份有限公司\n\n消息推送\n\n设备标识符、应用列表\n\n"
        "优量汇\n\n深圳市腾讯计算机系统有限公司\n\n广告投放\n\n粗略位置\n"
    )
    lists = lists_of(text)
    assert [(r.name, r.sdk_ids) for r in lists.sdks] == [("个推推送", ("getui-push",)), ("优量汇", ("gdt",))]
    assert exact_types(lists.sdks[0]) == {"device.ids", "app_activity.installed_apps"}


def test_bullets_under_a_title_with_the_company_in_brackets():
    text = (
        "我们使用的第三方SDK\n\n"
        "- 高德定位SDK（高德软件有限公司）：用于推荐附近商家，会收集您的位置信息。\n"
        "- 支付宝SDK和微信SDK：用于支付，上述SDK会收集设备标识符。\n"
    )
    assert rows(text) == [("高德定位", ("amap-location",)), ("支付宝SDK和微信", ("alipay", "wechat-opensdk"))]


def test_an_sdk_that_does_not_collect_lists_no_data():
    text = (
        "Third-party SDKs\n\n"
        "• We use the Firebase Crashlytics SDK to collect crash traces.\n"
        "• Crashlytics does not collect names or email addresses.\n"
    )
    (row,) = lists_of(text).sdks
    assert row.sdk_ids == ("firebase-crashlytics",)
    assert "personal.email" not in exact_types(row) and "app_info.crash_logs" in exact_types(row)


def test_traditional_chinese_html_table():
    html = (
        "<html><body><h2>第三方SDK列表</h2><table><tr><th>SDK名稱</th><th>收集個人資訊類型</th></tr>"
        "<tr><td>騰訊Bugly</td><td>崩潰資訊、裝置識別碼</td></tr></table></body></html>"
    )
    (row,) = lists_of(html, "policy.html").sdks
    assert row.sdk_ids == ("tencent-bugly",)
    assert exact_types(row) == {"app_info.crash_logs", "device.ids"}


def test_no_list_no_rows():
    lists = lists_of("我们会收集您的位置信息，用于提供天气服务。我们使用高德定位SDK。\n")
    assert not lists.sdk_list and lists.sdks == ()


# ------------------------------------------------------------- permission lists


def perms(text: str, name: str = "policy.txt") -> list[tuple[str, ...]]:
    return [tuple(p.rsplit(".", 1)[-1] for p in e.permissions) for e in lists_of(text, name).permissions]


def test_permission_table_and_label_lines():
    table = "| 权限名称 | 使用目的 | 使用场景 |\n|---|---|---|\n| 相机权限（CAMERA） | 拍摄视频 | 点击拍摄时 |\n| 通知权限 | 推送提醒 | 首次打开时 |\n"
    assert perms(table, "p.md") == [("CAMERA",), ("POST_NOTIFICATIONS",)]
    lines = (
        "三、申请权限说明\n\n位置权限：用于查询天气。\n\n读取手机状态权限（READ_PHONE_STATE）：识别设备。\n"
    )
    entries = lists_of(lines).permissions
    assert [set(e.permissions) for e in entries] == [
        {"android.permission.ACCESS_FINE_LOCATION", "android.permission.ACCESS_COARSE_LOCATION"},
        {"android.permission.READ_PHONE_STATE"},
    ]
    assert entries[0].purpose == "用于查询天气。"
    # named by its label, READ_PHONE_STATE discloses the phone's identity, not its number (rule 12)
    assert set(entries[1].data_types) == {"device.ids"}


def test_permission_blocks_and_denied_entries():
    text = "权限名称：麦克风权限\n使用目的：行程录音\n\n权限名称：通讯录权限\n使用目的：不会申请\n"
    entries = lists_of(text).permissions
    assert entries[0].permissions == ("android.permission.RECORD_AUDIO",)
    assert "android.permission.READ_CONTACTS" in entries[1].permissions
    assert [e.denied for e in entries] == [False, True]


def test_english_list_of_permissions_with_headings():
    text = (
        "List of permissions\n\nPhone status read permission\n\n(IMEI, ICCID)\n\nPurpose Of Use\n\n"
        "- Account management.\n\nMicrophone permission\n\n- Voice messages.\n"
    )
    assert perms(text) == [("READ_PHONE_STATE",), ("RECORD_AUDIO",)]


# ----------------------------------------------- what the lists add to the reading


def test_flattened_rows_count_as_shares_by_their_sdk():
    text = (
        "第三方SDK列表\n\nSDK名称\n\n第三方公司\n\n使用目的\n\n收集个人信息\n\n"
        "个推推送\n\n每日互动股份有限公司\n\n消息推送\n\n设备标识符、应用列表\n"
    )
    reading = read_policy_text(text)
    status = {d.data_type: d.status for d in reading.data}
    assert status["device.ids"] == "shared" and status["app_activity.installed_apps"] == "shared"
    assert any(p.kind == "sdk" and p.id == "getui-push" and not p.denied for p in reading.parties)


def test_a_type_in_several_rows_has_each_rows_statement_once_newest_first():
    text = (
        "我们会收集您的设备标识符。\n\n第三方SDK目录\n\n"
        "SDK名称：极光推送\n收集个人信息类型：设备标识符、设备标识符\n\n"
        "SDK名称：腾讯Bugly\n收集个人信息类型：设备标识符\n"
    )
    reading = read_policy_text(text)
    (ids,) = [d for d in reading.data if d.data_type == "device.ids"]
    assert ids.status == "shared" and ids.shared_with_third_parties and ids.exact
    rows = [[p.id for p in e.parties] for e in ids.evidence if e.parties]
    # the rows newest first, the JPush row (naming the type twice) cited once
    assert rows == [["tencent-bugly"], ["jpush"]]
    assert ids.evidence[0].sentence.kind == ids.evidence[1].sentence.kind == "table_cell"
    # then the sentence reader's own statements, in their order
    own = [e.sentence.text for e in ids.evidence[2:]]
    assert own[0] == "我们会收集您的设备标识符。" and len(own) == len(set(own))
    assert ids.actions >= {"collect", "share"}


def test_a_vendor_name_in_a_company_cell_names_no_other_sdk():
    reading = read_policy_text("第三方SDK目录\n\nSDK名称：高德定位SDK\n第三方主体：高德软件有限公司\n")
    assert {p.id for p in reading.parties if p.kind == "sdk"} == {"amap-location"}


def test_a_denial_in_the_types_own_words_beats_a_permission_entry():
    text = "我们不会收集您的位置信息。\n\n权限列表\n\n位置权限：仅用于扫描附近的蓝牙设备。\n"
    status = {d.data_type: d.status for d in read_policy_text(text).data}
    assert status["location.precise"] == "denied"


def read_policy_text(text: str):
    from consistency.policy.extract.statements import read_statements
    from consistency.policy.lists import with_lists

    mappings = builtin_mappings()
    return with_lists(read_statements(read_document(text.encode("utf-8"), name="p.txt"), mappings), mappings)


# ------------------------------------------------------------ Chinese folding


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("裝置識別碼", "设备识别码"),
        ("聯絡人", "联系人"),
        ("簡訊", "短信"),
        ("麥克風", "麦克风"),
        ("蒐集", "收集"),
    ],
)
def test_traditional_folds_to_the_tables_words_at_the_same_length(traditional, simplified):
    assert fold_chinese(traditional) == simplified
    assert len(fold_chinese(traditional)) == len(traditional)


def test_mainland_words_are_not_folded():
    assert fold_chinese("资讯内容") == "资讯内容"


def test_traditional_policy_reads_like_simplified(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("我們不會讀取您的聯絡人或簡訊。我們會蒐集您的裝置識別碼。", encoding="utf-8")
    status = {d.data_type: d.status for d in read_policy(path, builtin_mappings()).data}
    assert status["contacts.contacts"] == "denied"
    assert status["messages.sms_mms"] == "denied"
    assert status["device.ids"] == "collected"


def test_policy_json_carries_both_lists(tmp_path):
    import json

    from consistency.report.interface import render

    path = tmp_path / "p.md"
    path.write_text(MARKDOWN_TABLE + "\n## 权限列表\n\n相机权限：扫描二维码。\n", encoding="utf-8")
    doc = json.loads(render(read_policy(path, builtin_mappings()), "json", kind="policy"))
    assert [r["sdk_ids"] for r in doc["sdk_list"]] == [["amap-location"], ["umeng-analytics"], []]
    assert doc["sdk_list"][1]["broad_terms"] == ["设备信息"]
    assert doc["permission_list"][0]["permissions"] == ["android.permission.CAMERA"]


def test_english_blocks_with_long_labels_and_bracketed_permission_names():
    text = (
        "Third-party SDK list\n\nSDK name: JPush SDK\nProvider: Aurora Mobile\n"
        "Information collected: device identifiers, network information\n\n"
        "Description of system permissions\n\n"
        "Permission name: Location (ACCESS_FINE_LOCATION / ACCESS_COARSE_LOCATION) Purpose of use: nearby stores\n"
    )
    lists = lists_of(text)
    (row,) = lists.sdks
    assert row.sdk_ids == ("jpush",) and exact_types(row) == {"device.ids"}
    (entry,) = lists.permissions
    assert set(entry.permissions) == {
        "android.permission.ACCESS_FINE_LOCATION",
        "android.permission.ACCESS_COARSE_LOCATION",
    }
    assert entry.purpose == "nearby stores"
