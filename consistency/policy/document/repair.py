"""Undo encoding accidents (mojibake) in decoded policy text, and say what was undone.

Policies are copied between Word, CMS editors and web pages, and text that was
UTF-8 is often decoded once as Windows-1252 on the way: "We’ll" becomes
"Weâ€™ll", a Word bullet (Symbol font, U+F0B7) becomes "ï‚·", and bullets lost
in a conversion become U+FFFD replacement characters. Left alone, this garbage
splits words and hides phrases from matching.

Three repairs, each reported as a warning on the Document so a reviewer knows
the evidence text is not byte-for-byte what was published:

* ftfy, restricted to its encoding fixes (no quote uncurling, width or
  normalisation changes: :mod:`consistency.policy.document.normalize` owns those),
  applied line by line so one damaged line does not decide for the rest;
* Symbol-font bullets decoded as Windows-1252 ("ï‚·" and kin), which ftfy
  leaves alone because the repaired character is a private-use code point;
* the right double quote garbled as "â€" (its third byte, 9D, does not exist
  in Windows-1252 and is usually dropped), completed so ftfy can decode it;
* replacement characters at the start of a line, which were bullets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SYMBOL_FONT_MOJIBAKE = re.compile("\u00ef[\u201a\u0192][\u0080-\u02ff\u2000-\u203a\u20ac\u2122]")
_CP1252_CONTINUATION = (
    "\u00a0-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
    "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\u0080-\u009f"
)
_LOST_RIGHT_QUOTE = re.compile(f"\u00e2\u20ac(?![{_CP1252_CONTINUATION}])")
"""UTF-8 of a punctuation mark (E2 80 xx) read as Windows-1252 whose last byte was
dropped because Windows-1252 has no character for it: of those bytes (81, 8D, 8F,
90, 9D) only 9D, the right double quote, occurs in policies."""
_LOST_BULLET = re.compile("^([ \t]*)\ufffd+[ \t]*(?=[^\\s\ufffd])", re.MULTILINE)
"""A run of U+FFFD opening a line and followed by text. The whole run is the bullet:
text may not start with another U+FFFD, or "\ufffd\ufffd" would become "• \ufffd" here
and again, differently, when that text is read back (normalising must be idempotent)."""
_BULLET = "\u2022"


@dataclass(frozen=True)
class RepairedText:
    text: str
    warnings: tuple[str, ...] = ()


def repair_mojibake(text: str) -> RepairedText:
    """Repair mojibake; ASCII text is returned untouched at once."""
    if text.isascii():
        return RepairedText(text)
    warnings: list[str] = []
    text, symbol_bullets = _SYMBOL_FONT_MOJIBAKE.subn(_symbol_font_bullet, text)
    if symbol_bullets:
        warnings.append(
            f"repaired {symbol_bullets} Symbol-font bullet(s) garbled as Windows-1252 (e.g. 'ï‚·')"
        )
    text, lost_quotes = _LOST_RIGHT_QUOTE.subn("\u00e2\u20ac\u009d", text)
    text, ftfy_lines, steps = _ftfy_lines(text)
    if lost_quotes:
        warnings.append(f"restored {lost_quotes} right quote(s) garbled as 'â€' (last byte lost)")
    if ftfy_lines:
        warnings.append(f"repaired mojibake on {ftfy_lines} line(s) (ftfy: {', '.join(steps)})")
    text, lost = _LOST_BULLET.subn(lambda m: m.group(1) + _BULLET + " ", text)
    if lost:
        warnings.append(f"replaced {lost} lost bullet(s) (U+FFFD at line start) with '•'")
    return RepairedText(text, tuple(warnings))


def repair_unit(text: str, config: object | None = None) -> str:
    """The same repairs on one unit, silently: used by ``segment`` to make sure a
    unit is a fixed point of repair after normalisation (NFKC or joining wrapped
    lines can bring together characters that read as mojibake only then).
    ``config``: :func:`unit_repair_config`, when the caller repairs many units
    (building it is most of what asking about a sound unit costs)."""
    if text.isascii():
        return text
    text = _SYMBOL_FONT_MOJIBAKE.sub(_symbol_font_bullet, text)
    if config is None:
        config = _config()
    if len(text) <= config.max_decode_length and not any(map(_ftfy_may_change, _ftfy_segments(text))):
        return text
    import ftfy

    return ftfy.fix_text(text, config)


_FTFY_CHARACTERS = re.compile("[\x80-\x9f\ud800-\udfff]")
"""C1 controls and surrogates: what ftfy's ``fix_c1_controls`` and ``fix_surrogates`` replace."""


def _ftfy_may_change(segment: str) -> bool:
    """Whether ``ftfy.fix_and_explain`` with :func:`_config` could change ``segment``.
    That configuration leaves on only the encoding fixes, which touch text ftfy's own
    badness heuristic flags, and the C1-control and surrogate fixes; so a segment with
    none of these is returned as it is. Asking first skips ftfy's per-call set-up, which
    was a tenth of reading a Chinese policy (every unit of one is non-ASCII)."""
    from ftfy.badness import is_bad

    return bool(_FTFY_CHARACTERS.search(segment)) or is_bad(segment)


def _ftfy_segments(text: str) -> list[str]:
    """The pieces ``ftfy.fix_text`` fixes one by one: lines, each with its newline."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def unit_repair_config():
    """The ftfy settings :func:`repair_unit` uses, for a caller that repairs many units."""
    return _config()


def _config():
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


def _symbol_font_bullet(match: re.Match[str]) -> str:
    try:
        original = match.group().encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return match.group()
    return _BULLET if "\uf000" <= original <= "\uf0ff" else match.group()


def _ftfy_lines(text: str) -> tuple[str, int, list[str]]:
    import ftfy

    config = _config()
    lines = text.split("\n")
    changed = 0
    steps: list[str] = []
    for i, line in enumerate(lines):
        if line.isascii() or not _ftfy_may_change(line):
            continue
        fixed = ftfy.fix_and_explain(line, config)
        if fixed.text != line:
            lines[i] = fixed.text
            changed += 1
            for action, parameter in fixed.explanation or ():
                step = f"{action} {parameter}"
                if step not in steps:
                    steps.append(step)
    return ("\n".join(lines) if changed else text), changed, steps
