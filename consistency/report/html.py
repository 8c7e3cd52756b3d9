"""One self-contained HTML file a privacy reviewer would rather read than the JSON.

Top: the verdict and the counts. Then every finding (filter buttons by class;
without JavaScript everything is simply visible), each linking to its evidence
in the full policy text below, where evidence sentences are ``<mark>``-ed with
anchors and the matched phrases emphasised. Then what the app can reach: its
permissions and the SDKs found, with the evidence that found them.

Self-contained on purpose: inline CSS and a few lines of inline JS, no CDN, no
web fonts, no images, so the report opens offline, in a mail attachment, or
years later in an archive, and leaks nothing to any server when opened.

Every string that comes from the policy or the APK is untrusted and passes
through :func:`html.escape` (a policy containing ``<script>`` shows as text).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..models import FINDING_CLASSES, CheckResult, Evidence, Finding
from ..verdict import summarize, verdict_line
from .interface import Presentation, Reporter
from .wording import (
    CLASS_TITLES,
    describe_sources,
    fold_space,
    language_notice,
    quote_window,
    section_path,
    where,
)

_CSS = """
:root { --fg:#1d1d1f; --muted:#5f6368; --line:#d9dce0; --bg:#fff; --soft:#f6f7f9;
  --contradicted:#b3261e; --omitted:#b06000; --vague:#1a73a8; --unsupported:#5b5fc7; --unknown:#7b3f99; --disclosed:#1e7e34; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 1.2rem; }
header { padding-top: 1.2rem; }
h1 { font-size: 1.5rem; margin: .2rem 0; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 0 0 .3rem; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 0 .25em; border-radius: 3px; }
.meta { color: var(--muted); margin: .2rem 0; font-size: .9rem; word-break: break-all; }
.verdict { font-size: 1.15rem; font-weight: 600; padding: .6rem .9rem; border-radius: 6px; margin: .8rem 0; }
.verdict.fail { background: #fce8e6; color: var(--contradicted); } .verdict.pass { background: #e6f4ea; color: var(--disclosed); }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: .4rem 0; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: .2rem .6rem; }
.filters { margin: 1rem 0 .5rem; display: flex; flex-wrap: wrap; gap: .4rem; }
.filters button { font: inherit; border: 1px solid var(--line); background: var(--soft); border-radius: 16px; padding: .15rem .8rem; cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--fg); color: var(--bg); }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--muted); border-radius: 6px; padding: .6rem .9rem; margin: .6rem 0; }
.finding.contradicted { border-left-color: var(--contradicted); } .finding.omitted { border-left-color: var(--omitted); }
.finding.vague { border-left-color: var(--vague); } .finding.unknown { border-left-color: var(--unknown); }
.badge.unknown { background: var(--unknown); } .notice { background: #f3e8f7; padding: .5rem .9rem; border-radius: 6px; } .finding.unsupported { border-left-color: var(--unsupported); }
.finding.disclosed { border-left-color: var(--disclosed); }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; padding: 0 .45rem; border-radius: 4px; color: #fff; background: var(--muted); vertical-align: 1px; }
.badge.contradicted { background: var(--contradicted); } .badge.omitted { background: var(--omitted); } .badge.vague { background: var(--vague); }
.badge.unsupported { background: var(--unsupported); } .badge.disclosed { background: var(--disclosed); }
.sev { font-size: .8rem; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 .35rem; }
.sev.high { color: var(--contradicted); border-color: var(--contradicted); } .sev.medium { color: var(--omitted); border-color: var(--omitted); }
.msg { margin: .2rem 0; } .small { font-size: .88rem; color: var(--muted); margin: .2rem 0; }
.evidence { margin: .3rem 0 0; padding-left: 1.1rem; } .evidence li { margin: .15rem 0; }
.role { font-size: .75rem; color: var(--muted); text-transform: uppercase; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0; }
th, td { border-bottom: 1px solid var(--line); text-align: left; padding: .3rem .4rem; vertical-align: top; }
th { background: var(--soft); }
td code { overflow-wrap: anywhere; }
.policy { white-space: pre-wrap; word-wrap: break-word; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 1rem; font-size: .92rem; }
mark { background: #fff3b0; padding: 0 .1em; border-radius: 2px; scroll-margin-top: 4rem; }
mark.denial { background: #f9d4d0; } mark.catch_all { background: #eceff1; } mark.vague { background: #d6ebf7; } mark.claim { background: #e3e4f7; }
mark:target { outline: 3px solid var(--fg); }
mark strong { text-decoration: underline; text-decoration-thickness: 2px; }
.hidden { display: none; }
footer { color: var(--muted); font-size: .8rem; margin: 2rem 0; }
@media print {
  .filters, .back { display: none !important; }
  .hidden { display: block !important; }
  body { font-size: 11pt; }
  table { font-size: 8pt; } tr { break-inside: avoid; page-break-inside: avoid; }
  .finding { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  #policy { break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
  mark { outline: none !important; }
}
"""

_JS = """
(function () {
  var nav = document.getElementById('filters');
  if (!nav) return;
  nav.hidden = false;
  var buttons = nav.querySelectorAll('button');
  function show(cls) {
    document.querySelectorAll('.finding').forEach(function (el) {
      el.classList.toggle('hidden', cls !== 'all' && !el.classList.contains(cls));
    });
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.show === cls)); });
  }
  buttons.forEach(function (b) { b.addEventListener('click', function () { show(b.dataset.show); }); });
})();
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def finding_anchor(finding: Finding) -> str:
    return f"f-{finding.fingerprint[:16]}"


def evidence_anchor(evidence: Evidence) -> str:
    return f"ev-{evidence.start}"


class HtmlReporter(Reporter[CheckResult]):
    def __init__(self, presentation: Presentation = Presentation(), *, quote_width: int = 160) -> None:
        super().__init__(presentation)
        self.quote_width = quote_width

    def render(self, result: CheckResult) -> str:
        facts = result.profile.facts
        title = f"consistency: {facts.package} against {result.policy.document.source}"
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            self._header(result),
            "<main>",
            self._findings(result),
            _data_safety_html(result),  # issue 16
            self._app(result),
            self._policy(result),
            "</main>",
            f"<footer><div class='meta' style='max-width:1100px;margin:0 auto;padding:0 1.2rem'>"
            f"consistency {esc(result.tool_version)}, mapping tables {esc(result.profile.mappings_digest)}"
            + (f", {esc(result.timestamp)}" if result.timestamp else "")
            + "</div></footer>",
            f"<script>{_JS}</script>",
            "</body>",
            "</html>",
        ]
        return "\n".join(parts) + "\n"

    # ---------------------------------------------------------------- header

    def _header(self, result: CheckResult) -> str:
        facts = result.profile.facts
        document = result.policy.document
        summary = summarize(result)
        name = facts.app_label or facts.package
        version = " ".join(
            x
            for x in (
                facts.version_name or "",
                f"(version code {facts.version_code})" if facts.version_code is not None else "",
            )
            if x
        )
        counts = "".join(
            f'<li><span class="badge {c}">{esc(CLASS_TITLES[c])}</span> {n}</li>'
            for c, n in summary.by_status
        )
        extra = []
        if result.suppressed:
            extra.append(f"{len(result.suppressed)} finding(s) suppressed by the baseline.")
        if result.stale_baseline:
            extra.append(
                f"{len(result.stale_baseline)} stale baseline entr{'y' if len(result.stale_baseline) == 1 else 'ies'} matched nothing."
            )
        return (
            "<header>"
            f"<h1>Privacy policy check: {esc(name)}</h1>"
            f'<p class="meta">App <code>{esc(facts.package)}</code> {esc(version)} &middot; {esc(facts.path)} &middot; sha256 {esc(facts.sha256)}</p>'
            f'<p class="meta">Policy {esc(document.source)} ({esc(document.format)}) &middot; sha256 {esc(document.sha256)}</p>'
            f'<div class="verdict {summary.verdict}">{esc(verdict_line(summary))}</div>'
            + (f'<p class="notice">{esc(notice)}</p>' if (notice := language_notice(result)) else "")
            + f'<ul class="counts">{counts}</ul>'
            + "".join(f'<p class="small">{esc(e)}</p>' for e in extra)
            + "</header>"
        )

    # -------------------------------------------------------------- findings

    def _findings(self, result: CheckResult) -> str:
        present = [c for c in FINDING_CLASSES if any(f.status == c for f in result.findings)]
        buttons = ['<button type="button" data-show="all" aria-pressed="true">All</button>'] + [
            f'<button type="button" data-show="{c}" aria-pressed="false">{esc(CLASS_TITLES[c])} '
            f"({sum(f.status == c for f in result.findings)})</button>"
            for c in present
        ]
        articles = [self._finding(f) for f in result.findings]
        if not articles:
            articles = [
                '<p class="small">No findings: the app reaches no data type the tables know and bundles no known SDK.</p>'
            ]
        return (
            '<section id="findings"><h2>Findings</h2>'
            f'<nav id="filters" class="filters" hidden aria-label="Filter findings by class">{"".join(buttons)}</nav>'
            + "\n".join(articles)
            + "</section>"
        )

    def _finding(self, finding: Finding) -> str:
        items = []
        for ev in finding.evidence:
            place = where(ev) + (f" &rsaquo; {esc(section_path(ev))}" if ev.section else "")
            items.append(
                f'<li><a href="#{evidence_anchor(ev)}">{place}</a> <span class="role">{esc(ev.role.replace("_", "-"))}</span>: '
                f"&ldquo;{_highlighted_quote(ev, self.quote_width)}&rdquo;</li>"
            )
        evidence = f'<ul class="evidence">{"".join(items)}</ul>' if items else ""
        if finding.subject_type == "sdk" and finding.sdk is not None:
            found = ", ".join(
                f"{esc(e.kind.replace('_', ' '))} <code>{esc(e.value)}</code>"
                + (f" ({e.count})" if e.count > 1 else "")
                for e in finding.sdk.evidence
            )
            sources = f'<p class="small">Found by {found}. Vendor: {esc(finding.sdk.vendor)}; category: {esc(finding.sdk.category)}.</p>'
        elif finding.sources:
            sources = f'<p class="small">Sources: {esc(describe_sources(finding.sources))}</p>'
        else:
            sources = ""
        return (
            f'<article class="finding {finding.status}" id="{finding_anchor(finding)}">'
            f'<h3><span class="badge {finding.status}">{esc(finding.status)}</span> '
            f'<span class="sev {finding.severity}">{esc(finding.severity)}</span> '
            f"{esc(finding.name)} <code>{esc(finding.subject)}</code></h3>"
            f'<p class="msg">{esc(finding.message)}</p>{sources}{evidence}</article>'
        )

    # ------------------------------------------------------------------- app

    def _app(self, result: CheckResult) -> str:
        profile = result.profile
        by_permission: dict[str, list[str]] = {}
        for item in profile.data:
            for source in item.sources:
                if source.kind == "permission":
                    by_permission.setdefault(source.id, []).append(item.data_type)
        flags = {s.id: s for item in profile.data for s in item.sources if s.kind == "permission"}
        rows = []
        for perm in sorted(profile.facts.permissions, key=lambda p: p.name):
            src = flags.get(perm.name)
            notes = []
            if src is not None and src.dangerous:
                notes.append("dangerous")
            if not perm.in_effect or (src is not None and not src.in_effect):
                notes.append("not in effect")
            if perm.max_sdk_version is not None:
                notes.append(f"maxSdkVersion {perm.max_sdk_version}")
            if src is not None and src.api_used is True:
                notes.append("API used")
            elif src is not None and src.api_used is False:
                notes.append("API not referenced")
            rows.append(
                f"<tr><td><code>{esc(perm.name)}</code></td><td>{esc(', '.join(notes))}</td>"
                f"<td>{esc(', '.join(sorted(set(by_permission.get(perm.name, ())))))}</td></tr>"
            )
        permissions = (
            "<table><thead><tr><th>Permission</th><th>Notes</th><th>Data types</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
            if rows
            else '<p class="small">The app requests no permissions.</p>'
        )
        sdk_rows = []
        for hit in sorted(profile.sdks, key=lambda h: h.sdk_id):
            evidence = "<br>".join(
                f"{esc(e.kind.replace('_', ' '))} <code>{esc(e.value)}</code>"
                + (f" ({e.count})" if e.count > 1 else "")
                for e in hit.evidence
            )
            examples = "<br>".join(f"<code>{esc(x)}</code>" for x in hit.examples)
            sdk_rows.append(
                f"<tr><td>{esc(hit.name)}<br><code>{esc(hit.sdk_id)}</code></td><td>{esc(hit.vendor)}</td>"
                f"<td>{esc(hit.category)}</td><td>{evidence}</td><td>{examples}</td>"
                f"<td>{esc(', '.join(hit.data_types))}</td></tr>"
            )
        sdks = (
            "<table><thead><tr><th>SDK</th><th>Vendor</th><th>Category</th><th>Evidence</th>"
            "<th>Example classes</th><th>Collects</th></tr></thead><tbody>"
            + "".join(sdk_rows)
            + "</tbody></table>"
            if sdk_rows
            else '<p class="small">No known third-party SDK was found.</p>'
        )
        return (
            '<section id="app"><h2>What the app can reach</h2>'
            f"<h3>Permissions</h3>{permissions}<h3>Third-party SDKs</h3>{sdks}</section>"
        )

    # ---------------------------------------------------------------- policy

    def _policy(self, result: CheckResult) -> str:
        document = result.policy.document
        return (
            '<section id="policy"><h2>The policy</h2>'
            f'<p class="small">{esc(document.source)}, as read ({esc(document.format)}, {esc(document.encoding)}); '
            "evidence is highlighted and each finding links here.</p>"
            f'<div class="policy">{_marked_policy(document.text, result.findings)}</div></section>'
        )


def _highlighted_quote(evidence: Evidence, width: int) -> str:
    """The trimmed quote with its matched phrases in <strong>, escaped."""
    start, end = quote_window(evidence, width)
    spans = {(a - evidence.start, b - evidence.start) for a, b in evidence.highlight}
    body = _emphasised(evidence.text, start, end, spans, fold=True).strip()
    return ("&hellip;" if start > 0 else "") + body + ("&hellip;" if end < len(evidence.text) else "")


def _marked_policy(text: str, findings: Iterable[Finding]) -> str:
    """The whole policy text, escaped, with every evidence sentence in a ``<mark>``
    (anchored, titled with the findings that cite it) and matched phrases in <strong>."""
    sentences: dict[int, tuple[Evidence, list[Finding]]] = {}
    highlights: dict[int, set[tuple[int, int]]] = {}
    for finding in findings:
        for ev in finding.evidence:
            entry = sentences.setdefault(ev.start, (ev, []))
            entry[1].append(finding)
            highlights.setdefault(ev.start, set()).update(ev.highlight)
    out: list[str] = []
    pos = 0
    for start in sorted(sentences):
        ev, cited_by = sentences[start]
        if ev.start < pos or ev.end > len(text):
            continue  # overlapping or out of range: never happens with one normalised text, but never crash
        out.append(esc(text[pos : ev.start]))
        role = _strongest_role(e.role for f in cited_by for e in f.evidence if e.start == ev.start)
        title = "; ".join(sorted({f"{f.status}: {f.name}" for f in cited_by}))
        out.append(f'<mark id="{evidence_anchor(ev)}" class="{role}" title="{esc(title)}">')
        out.append(_emphasised(text, ev.start, ev.end, highlights[start]))
        out.append("</mark>")
        pos = ev.end
    out.append(esc(text[pos:]))
    return "".join(out)


def _emphasised(text: str, start: int, end: int, spans: set[tuple[int, int]], fold: bool = False) -> str:
    """``text[start:end]`` escaped, with the spans inside it in <strong>; ``fold``
    puts it on one line (for quotes; the policy view keeps its line breaks)."""
    show = (lambda t: esc(fold_space(t))) if fold else esc
    out, pos = [], start
    for a, b in sorted(spans):
        if a < pos or b > end:
            continue
        out += [show(text[pos:a]), "<strong>", show(text[a:b]), "</strong>"]
        pos = b
    out.append(show(text[pos:end]))
    return "".join(out)


_ROLE_ORDER = ("denial", "disclosure", "claim", "vague", "catch_all")


def _strongest_role(roles: Iterable[str]) -> str:
    present = set(roles)
    return next((r for r in _ROLE_ORDER if r in present), "disclosure")


def _data_safety_html(result: CheckResult) -> str:
    """Issue 16: the Data safety form's section, when a form was checked."""
    if result.data_safety is None:
        return ""
    from ..datasafety.render import findings_html

    return findings_html(result.data_safety)
