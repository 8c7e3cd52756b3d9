"""SDK names that share one head word across a list of vendors: "the Huawei,
Xiaomi, OPPO and vivo push SDKs", 华为、小米、OPPO和vivo推送SDK. Only the last
vendor is written out with the head ("vivo push"), so a scan finds one SDK
where the policy names four, and `check` would report three bundled push SDKs
as undisclosed.

When an SDK name is preceded by a run of coordinated words, each run is tried
with the SDK name's trailing words as a name of its own ("Huawei push"). Only
when every run of the list is such a name does each become an SDK mention: in
"Firebase, Sentry and Google Analytics" the head belongs to Google alone
("Sentry Analytics" names nothing), so "Firebase" does not become "Firebase
Analytics". Nothing is guessed: a vendor counts only when the tables list the
vendor with that head.
"""

from __future__ import annotations

from .lexicon import Match, PartyEntry, Token

COORDINATORS = frozenset({"or", "and", ",", "/", "、", "或", "和", "及", "与", "，"})
"""Words joining list items ("X, Y and Z", X、Y和Z)."""
MAX_VENDORS = 8
"""Vendors looked at before an SDK name: such lists are short."""
MAX_RUN = 4
"""Tokens a vendor may span (华为 is two; "the Huawei" has a leading word)."""


def distributed_heads(
    mentions: list[Match], tokens: list[Token], text: str, offset: int, scan
) -> list[Match]:
    """``mentions`` plus an SDK mention for each coordinated vendor before an SDK
    name that, with the name's trailing words, is an SDK name of its own.
    ``scan(text)`` returns the lexicon's mention matches of a text."""
    heads = [
        m
        for m in mentions
        if m.last_token - m.first_token > 1
        and m.first_token > 0
        and tokens[m.first_token - 1].text in COORDINATORS
        and m.names_sdk()
    ]
    if not heads:
        return mentions
    added: list[Match] = []
    taken = {i for m in mentions for i in range(m.first_token, m.last_token)}
    for mention in heads:
        runs = _coordinated_runs(tokens, mention.first_token, taken)
        found = [_vendor_name(mention, tokens, start, end, text, offset, scan) for start, end in runs]
        if found and all(m is not None for m in found):
            added += found
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: m.first_token)


def _coordinated_runs(tokens: list[Token], end: int, taken: set[int]) -> list[tuple[int, int]]:
    """The token runs of the list that ends right before token ``end`` ("Huawei",
    "Xiaomi", "OPPO" before "and vivo push"), nearest first; none when a run holds
    a phrase the scan already read."""
    runs: list[tuple[int, int]] = []
    while len(runs) < MAX_VENDORS and end > 0 and tokens[end - 1].text in COORDINATORS:
        run_end = end - 1
        run_start = run_end
        while (
            run_start > 0 and run_end - run_start < MAX_RUN and tokens[run_start - 1].text not in COORDINATORS
        ):
            run_start -= 1
        if run_start == run_end or any(i in taken for i in range(run_start, run_end)):
            return []
        runs.append((run_start, run_end))
        end = run_start
    return runs


def _vendor_name(
    mention: Match, tokens: list[Token], run_start: int, run_end: int, text: str, offset: int, scan
) -> Match | None:
    """The SDK mention over tokens ``run_start:run_end`` when the run, followed by
    the trailing words of ``mention`` (every split after its first token), is an
    SDK name the tables list; None otherwise."""
    vendor = text[tokens[run_start].start - offset : tokens[run_end - 1].end - offset]
    for split in range(mention.first_token + 1, mention.last_token):
        head = text[tokens[split].start - offset : mention.end - offset]
        joiner = " " if vendor[-1:].isascii() and head[:1].isascii() else ""
        candidate = f"{vendor}{joiner}{head}"
        for match in scan(candidate):
            if match.end == len(candidate) and match.start < len(vendor) and match.names_sdk():
                first = _token_at(tokens, run_start, run_end, tokens[run_start].start + match.start)
                return Match(
                    tokens[first].start, tokens[run_end - 1].end, first, run_end, match.of(PartyEntry)
                )
    return None


def _token_at(tokens: list[Token], run_start: int, run_end: int, position: int) -> int:
    """The run's token that holds document ``position`` (where the match starts)."""
    for index in range(run_start, run_end):
        if tokens[index].end > position:
            return index
    return run_start
