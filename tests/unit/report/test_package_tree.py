"""The "largest packages" tree of the inspect report: counts per depth-2 package
and its depth-3 sub-packages, the default package, odd names, stable ties."""

from __future__ import annotations

from consistency.report.inspect import DEFAULT_PACKAGE, package_tree


def test_counts_depth_two_packages_and_their_biggest_children():
    classes = {
        "com.acme.ads.Banner",
        "com.acme.ads.Banner$Listener",
        "com.acme.ads.internal.Loader",
        "com.acme.maps.View",
        "com.acme.Root",
        "org.other.Thing",
        "Main",
    }
    assert package_tree(classes) == [
        {
            "package": "com.acme",
            "classes": 5,
            "children": [
                {"package": "com.acme.ads", "classes": 3},
                {"package": "com.acme.maps", "classes": 1},
            ],
        },
        {"package": DEFAULT_PACKAGE, "classes": 1, "children": []},
        {"package": "org.other", "classes": 1, "children": []},
    ]


def test_names_with_empty_labels_keep_their_own_prefix():
    # a leading dot is an empty first label, not the default package
    tree = package_tree({".Hidden", "a..b.C", "x.Y"})
    assert {node["package"]: node["classes"] for node in tree} == {"": 1, "a.": 1, "x": 1}
    assert [child["package"] for node in tree for child in node["children"]] == ["a..b"]


def test_limits_and_ties_break_by_name():
    classes = {f"p{i}.q.C" for i in range(5)} | {"z.z.A", "z.z.B"}
    tree = package_tree(classes, limit=3, children=0)
    assert [(node["package"], node["classes"]) for node in tree] == [("z.z", 2), ("p0.q", 1), ("p1.q", 1)]
    assert all(node["children"] == [] for node in tree)
