"""Render a small Markdown policy into a PDF, for the PDF test fixtures.

Usage: python text_to_pdf.py SOURCE.md OUTPUT.pdf   (needs reportlab; see samples/README.md)

Only what the fixtures use is understood: ``#``/``##`` headings, ``-`` bullets, blank-line
separated paragraphs and ``**bold**``. Runs of Chinese characters are set in reportlab's
built-in STSong-Light CID font so a text extractor gets real Unicode back. reportlab's
invariant mode removes the timestamp and random document id, so the output is reproducible.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

rl_config.invariant = 1
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
CJK_RUN = re.compile(r"([\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+)")


def inline(text: str) -> str:
    """Escape text for reportlab's mini-markup, then apply bold and the CJK font."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    return CJK_RUN.sub(r'<font name="STSong-Light">\1</font>', out)


def blocks(source: str) -> list[tuple[str, str | list[str]]]:
    """Split Markdown into (kind, text) blocks: h1, h2, bullets, para."""
    result: list[tuple[str, str | list[str]]] = []
    for chunk in re.split(r"\n\s*\n", source.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if lines[0].startswith("## "):
            result.append(("h2", lines[0][3:]))
            lines = lines[1:]
        elif lines[0].startswith("# "):
            result.append(("h1", lines[0][2:]))
            lines = lines[1:]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            result.append(("bullets", [line[2:] for line in lines]))
        else:
            result.append(("para", " ".join(lines)))
    return result


def render(source: Path, target: Path) -> None:
    styles = getSampleStyleSheet()
    story = []
    for kind, text in blocks(source.read_text(encoding="utf-8")):
        if kind == "h1":
            story.append(Paragraph(inline(text), styles["Title"]))
        elif kind == "h2":
            story.append(Paragraph(inline(text), styles["Heading2"]))
        elif kind == "bullets":
            items = [ListItem(Paragraph(inline(t), styles["BodyText"])) for t in text]
            story.append(ListFlowable(items, bulletType="bullet", leftIndent=12))
        else:
            story.append(Paragraph(inline(text), styles["BodyText"]))
        story.append(Spacer(1, 0.2 * cm))
    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        title=source.stem,
        author="consistency test fixtures",
        leftMargin=2.2 * cm,
        rightMargin=2.2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    doc.build(story)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: text_to_pdf.py SOURCE.md OUTPUT.pdf")
    render(Path(sys.argv[1]), Path(sys.argv[2]))
