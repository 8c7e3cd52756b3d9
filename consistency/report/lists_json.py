"""The structured lists of a policy (SDK list, permission list) as JSON, for
``consistency policy --format json``. Each entry keeps the policy's own words (name,
company, purpose, link) next to what the tables made of them (SDK ids, data types,
permissions), so a reviewer sees both."""

from __future__ import annotations

from typing import Any

from ..models import PolicyLists


def lists_to_dict(lists: PolicyLists) -> dict[str, Any]:
    return {
        "sdk_list": [
            {
                "name": row.name,
                "sdk_ids": list(row.sdk_ids),
                "company": row.company,
                "purpose": row.purpose,
                "data_types": sorted({t for m in row.data if m.level == "exact" for t in m.data_types}),
                "broad_terms": sorted({m.phrase for m in row.data if m.level == "broad"}),
                "permissions": list(row.permissions),
                "link": row.link,
                "line": row.line,
            }
            for row in lists.sdks
        ],
        "permission_list": [
            {
                "name": entry.name,
                "permissions": list(entry.permissions),
                "data_types": list(entry.data_types),
                "purpose": entry.purpose,
                "denied": entry.denied,
                "line": entry.line,
            }
            for entry in lists.permissions
        ],
    }
