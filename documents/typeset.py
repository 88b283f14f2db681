"""The Anlagenverzeichnis, the Lebenslauf and the Vollmacht laid out here, without WeasyPrint.

WeasyPrint pays for every box it lays out (style cascade, Pango line breaking, table widths):
the one-page Lebenslauf took a third of the four-page letter's time and the Anlagenverzeichnis
of 40 Anlagen more than the whole letter, which put the package far above its time budget
(issue 5: at most 1.5 times what the libraries alone need). These three documents are simple —
headings, left-aligned paragraphs, tables with fixed or content-sized columns, rules and
signature lines, no images — so they are set here with the same font files (Arimo, the
"Brief Sans" of the print stylesheet), the same sizes, margins, rules and spacing that
`templates/documents/print.css` gives their templates, in a few milliseconds each.

The result is a list of pages with positioned text runs and rules; documents/bundling.py
writes them as PDF with real, searchable text. Text this module cannot set correctly —
letters outside Arimo's Latin files, combining marks, right-to-left or other scripts that
need shaping, a table row taller than a page — makes the functions return None, and the
caller renders the document's template with WeasyPrint instead, which handles everything.

Differences to the WeasyPrint rendering, all deliberate or harmless: no kerning (widths are
the fonts' advance widths), and in the Anlagenverzeichnis every group's table has the same
columns, so "Person", "Datum" and "Seiten" line up down the whole index.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pyphen  # type: ignore[import-untyped]

from documents.context import CvContext, IndexContext, PowerOfAttorneyContext
from documents.fonts import Face, face

MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
PAGE_HEIGHT = 297 * MM
# print.css: @page { margin: 20mm 20mm 25mm 25mm }
MARGIN_TOP = 20 * MM
MARGIN_RIGHT = 20 * MM
MARGIN_BOTTOM = 25 * MM
MARGIN_LEFT = 25 * MM
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
CONTENT_RIGHT = MARGIN_LEFT + CONTENT_WIDTH
CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN_BOTTOM
LINE_HEIGHT = 1.15
# --line: one blank line of the 11 pt body
BLANK_LINE = 4.5 * MM

TITLE_SIZE = 16.0  # h1.document-title
BODY_SIZE = 11.0  # html, p, h2
TABLE_SIZE = 10.0  # table, .signature-line
FOOTER_SIZE = 9.0
# th, td { padding: 0.6mm 1.5mm 0.6mm 0 }
CELL_PADDING_Y = 0.6 * MM
CELL_PADDING_RIGHT = 1.5 * MM
# caption { padding: 2mm 0 1mm }
CAPTION_PADDING_TOP = 2 * MM
CAPTION_PADDING_BOTTOM = 1 * MM
HEAD_RULE = 0.5  # th { border-bottom: 0.5pt solid #000 }
ROW_RULE = 0.25  # td { border-bottom: 0.25pt solid #999 }
ROW_RULE_GREY = 0x99 / 255
# .signature-line { margin-top: 3 lines; width: 80mm; border-top: 0.5pt; padding-top: 1mm }
SIGNATURE_WIDTH = 80 * MM
SIGNATURE_RULE = 0.5
SIGNATURE_PADDING = 1 * MM
# The footer margin box: 9 pt, top of its line 4 mm below the bottom margin's edge,
# right-aligned at the right margin.
FOOTER_TOP = CONTENT_BOTTOM + 4 * MM
# p { orphans: 2; widows: 2 }
ORPHANS = WIDOWS = 2

# Anlagenverzeichnis: the columns of table.index plus the cells' right padding. "Person" and
# "Seiten" grow to their content within limits; "Bezeichnung" takes what is left.
NUMBER_COLUMN = 14 * MM + CELL_PADDING_RIGHT
DATE_COLUMN = 22 * MM + CELL_PADDING_RIGHT
PAGES_COLUMN_MIN = 24 * MM + CELL_PADDING_RIGHT
PERSON_SHARE_MAX = 0.35
# Room between a name and the date beside it, beyond the cell padding.
PERSON_GAP = 1 * MM
INDEX_HEADERS = ("Anlage", "Bezeichnung", "Person", "Datum", "Seiten")
# Lebenslauf: the 45 mm label and period columns (table.personal th has 3 mm padding).
CV_LABEL_COLUMN = 45 * MM + 3 * MM
CV_PERIOD_COLUMN = 45 * MM + CELL_PADDING_RIGHT

# The draft watermark of the templates: .watermark in print.css (96 pt bold, #d9d9d9,
# turned 55° counter-clockwise around the centre of a page-wide box 70 mm below the top
# margin), behind the text.
WATERMARK_TEXT = "ENTWURF"
WATERMARK_SIZE = 96.0
WATERMARK_GREY = 0xD9 / 255
WATERMARK_ANGLE = 55.0
WATERMARK_BOX_TOP = MARGIN_TOP + 70 * MM

# A row with more lines than this is no entry a person typed; WeasyPrint handles it.
MAX_ROW_LINES = 12
# Characters that only steer line breaking or joining; invisible in Latin text.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Break opportunities inside a word (after the character), as Pango finds them in titles
# such as "Lohn-/Gehaltsabrechnung".
_BREAK_AFTER = frozenset("-/–—")
# hyphenate-limit-chars: auto — words of five letters or more, two on each side.
_HYPHENATE_MIN_WORD = 5


@dataclass(frozen=True, slots=True)
class Text:
    """A run of text in one face. `x`/`baseline` are measured from the page's top-left
    corner; `angle` turns the run counter-clockwise around that point."""

    font: Face
    size: float
    x: float
    baseline: float
    text: str
    grey: float = 0.0
    angle: float = 0.0


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal line; `y` is its centre, from the page's top."""

    x0: float
    x1: float
    y: float
    width: float
    grey: float = 0.0


@dataclass(frozen=True, slots=True)
class DrawnPage:
    width: float
    height: float
    items: tuple[Text | Rule, ...]


@dataclass(frozen=True, slots=True)
class DrawnDocument:
    pages: tuple[DrawnPage, ...]


class CannotTypeset(Exception):
    """The text needs WeasyPrint (another script, an absurdly long entry)."""


# --------------------------------------------------------------------------------------------
# Text in the documents' face


class _Style:
    """Arimo in one weight and size: the Latin file first, Latin Extended for the rest, as
    the unicode-range rules of print.css choose them."""

    __slots__ = ("_advances", "latin", "size", "weight")

    def __init__(self, weight: int, size: float) -> None:
        self.weight = weight
        self.latin = face(f"sans-{weight}")
        self.size = size
        self._advances: dict[str, float] = {}

    @staticmethod
    @functools.cache
    def of(weight: int, size: float) -> _Style:
        return _Style(weight, size)

    @property
    def extended(self) -> Face:
        # Loaded on first need: most documents never leave the Latin file.
        return face(f"sans-ext-{self.weight}")

    def font_for(self, char: str) -> Face | None:
        if self.latin.has(char):
            return self.latin
        extended = self.extended
        if extended.has(char):
            return extended
        return None

    def runs(self, text: str) -> list[tuple[Face, str]]:
        runs: list[tuple[Face, str]] = []
        for char in text:
            font = self.font_for(char) or self.latin
            if runs and runs[-1][0] is font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        return runs

    def width(self, text: str) -> float:
        advances = self._advances
        total = 0.0
        for char in text:
            advance = advances.get(char)
            if advance is None:
                font = self.font_for(char) or self.latin
                advance = advances[char] = font.width(char, self.size)
            total += advance
        return total

    @property
    def line_height(self) -> float:
        return self.size * LINE_HEIGHT

    @property
    def baseline(self) -> float:
        """From the top of a line box to the baseline: half the leading, then the ascent
        (how Pango places a line; the metrics are the same in both Arimo files)."""
        ascent = self.latin.ascent * self.size / 1000
        descent = -self.latin.descent * self.size / 1000
        return (self.line_height - ascent - descent) / 2 + ascent


def _regular(size: float) -> _Style:
    return _Style.of(400, size)


def _bold(size: float) -> _Style:
    return _Style.of(700, size)


def _clean(text: str) -> str:
    # HTML collapses white space; the templates print every value exactly that way.
    return " ".join(unicodedata.normalize("NFC", text).translate(_INVISIBLE).split())


def _check_settable(texts: Sequence[str]) -> None:
    styles = (_regular(TABLE_SIZE), _bold(TABLE_SIZE))
    for char in set().union(*texts):
        if unicodedata.category(char)[0] in "MC":  # marks, controls, format characters
            raise CannotTypeset(f"U+{ord(char):04X}")
        if unicodedata.bidirectional(char) in ("R", "AL", "AN", "RLE", "RLO", "RLI"):
            raise CannotTypeset(f"U+{ord(char):04X}")
        if any(style.font_for(char) is None for style in styles):
            raise CannotTypeset(f"U+{ord(char):04X}")


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="de_DE", left=2, right=2)


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Unbreakable pieces and whether a space follows each."""
    pieces: list[tuple[str, bool]] = []
    for word in text.split(" "):
        start = 0
        for index, char in enumerate(word[:-1]):
            if char in _BREAK_AFTER and word[index + 1].isalpha() and index > start:
                pieces.append((word[start : index + 1], False))
                start = index + 1
        pieces.append((word[start:], True))
    if pieces:
        pieces[-1] = (pieces[-1][0], False)
    return pieces


def _hyphenated(piece: str, style: _Style, room: float) -> tuple[str, str] | None:
    """The longest head of `piece` that fits `room` with a hyphen, and the rest."""
    start = 0
    while start < len(piece) and not piece[start].isalpha():
        start += 1
    end = start
    while end < len(piece) and piece[end].isalpha():
        end += 1
    word = piece[start:end]
    if len(word) < _HYPHENATE_MIN_WORD:
        return None
    for head, tail in _hyphenator().iterate(word):
        candidate = piece[:start] + head + "-"
        if style.width(candidate) <= room:
            return candidate, tail + piece[end:]
    return None


def _wrap(text: str, style: _Style, width: float, *, hyphenate: bool = False) -> list[str]:
    """Greedy line breaking at spaces and after dashes and slashes, with German
    hyphenation where asked (p { hyphens: auto }); a piece wider than the line is cut
    between letters (overflow-wrap: break-word)."""
    lines: list[str] = []
    line = ""
    for piece, space_after in _pieces(text):
        candidate = line + piece
        if line and style.width(candidate) > width:
            split = _hyphenated(piece, style, width - style.width(line)) if hyphenate else None
            if split is not None:
                lines.append(line + split[0])
                piece = split[1]
            else:
                lines.append(line.rstrip(" "))
            line, candidate = "", piece
        while style.width(candidate) > width and len(candidate) > 1:
            split = _hyphenated(candidate, style, width) if hyphenate else None
            if split is not None and split[1]:
                lines.append(split[0])
                candidate = split[1]
                continue
            cut = len(candidate) - 1
            while cut > 1 and style.width(candidate[:cut]) > width:
                cut -= 1
            lines.append(candidate[:cut])
            candidate = candidate[cut:]
        line = candidate + (" " if space_after else "")
    if line.strip(" ") or not lines:
        lines.append(line.rstrip(" "))
    return lines


# --------------------------------------------------------------------------------------------
# Blocks and their flow onto pages


@dataclass(frozen=True, slots=True)
class _Lines:
    """Lines of one style: a heading or a paragraph (already broken into lines)."""

    lines: tuple[str, ...]
    style: _Style
    margin_top: float
    margin_bottom: float
    keep_with_next: bool = False
    # Lines that may go to the foot and the head of a page (orphans, widows); a heading
    # is never split.
    splittable: bool = True


@dataclass(frozen=True, slots=True)
class _Row:
    cells: tuple[tuple[str, ...], ...]  # lines per cell
    styles: tuple[_Style, ...]
    rule: float
    rule_grey: float

    @property
    def height(self) -> float:
        lines = max(
            len(cell) * style.line_height
            for cell, style in zip(self.cells, self.styles, strict=True)
        )
        return 2 * CELL_PADDING_Y + lines + self.rule


@dataclass(frozen=True, slots=True)
class _Table:
    columns: tuple[float, ...]  # widths including the cells' right padding
    header: _Row | None
    rows: tuple[_Row, ...]
    caption: tuple[str, ...] = ()
    margin_bottom: float = BLANK_LINE


@dataclass(frozen=True, slots=True)
class _Signature:
    """.signature-line: a rule with the signer's name below, never split."""

    text: str
    margin_top: float = 3 * BLANK_LINE


_Block = _Lines | _Table | _Signature


def _table(
    columns: Sequence[float],
    header: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    *,
    first_column_bold: bool = False,
    row_rule: float = ROW_RULE,
    caption: str | None = None,
) -> _Table:
    head = _bold(TABLE_SIZE)
    cell = _regular(TABLE_SIZE)
    styles = (head if first_column_bold else cell,) + (cell,) * (len(columns) - 1)

    def row_of(values: Sequence[str], row_styles: Sequence[_Style], rule: float) -> _Row:
        cells = tuple(
            tuple(_wrap(value, style, width - CELL_PADDING_RIGHT))
            for value, style, width in zip(values, row_styles, columns, strict=True)
        )
        if max(map(len, cells)) > MAX_ROW_LINES:
            raise CannotTypeset("a table row longer than a page")
        grey = 0.0 if rule == HEAD_RULE else ROW_RULE_GREY
        return _Row(cells, tuple(row_styles), rule, grey)

    return _Table(
        columns=tuple(columns),
        header=row_of(header, (head,) * len(columns), HEAD_RULE) if header else None,
        rows=tuple(row_of(row, styles, row_rule) for row in rows),
        caption=tuple(_wrap(caption, head, CONTENT_WIDTH)) if caption else (),
    )


def _auto_columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
    """Column widths as CSS automatic table layout gives them: each column its widest
    content, extra room shared in proportion; when that does not fit, each its longest
    word and the rest shared in proportion to what more it would take."""
    head, cell = _bold(TABLE_SIZE), _regular(TABLE_SIZE)
    widest = []
    longest_word = []
    for index, title in enumerate(header):
        values = [row[index] for row in rows]
        widest.append(max([head.width(title)] + [cell.width(v) for v in values]))
        words = [w for v in values for w in v.split()] or [""]
        longest_word.append(max([head.width(title)] + [cell.width(w) for w in words]))
    maximum = [w + CELL_PADDING_RIGHT for w in widest]
    minimum = [w + CELL_PADDING_RIGHT for w in longest_word]
    if sum(maximum) <= CONTENT_WIDTH:
        extra = CONTENT_WIDTH - sum(maximum)
        return [w + extra * w / sum(maximum) for w in maximum]
    room = CONTENT_WIDTH - sum(minimum)
    wanted = [high - low for high, low in zip(maximum, minimum, strict=True)]
    if room <= 0 or sum(wanted) <= 0:
        return [CONTENT_WIDTH / len(header)] * len(header)
    return [low + room * want / sum(wanted) for low, want in zip(minimum, wanted, strict=True)]


class _Pages:
    """Pages being filled from the top. `y` is the bottom edge of the last block (its
    margin not yet added); `margin` is that block's bottom margin, which collapses with the
    next block's top margin and disappears at a page break."""

    def __init__(self, watermark: bool) -> None:
        self.watermark = watermark
        self.pages: list[list[Text | Rule]] = []
        self.y = 0.0
        self.margin = 0.0
        self.new_page()

    def new_page(self) -> None:
        self.pages.append([_watermark()] if self.watermark else [])
        self.y = MARGIN_TOP
        self.margin = 0.0

    @property
    def at_top(self) -> bool:
        return self.y <= MARGIN_TOP

    def top(self, margin_top: float) -> float:
        """Where a block with this top margin starts on the current page."""
        return self.y if self.at_top else self.y + max(self.margin, margin_top)

    def fits(self, margin_top: float, height: float) -> bool:
        return self.top(margin_top) + height <= CONTENT_BOTTOM + 0.01

    def text(self, style: _Style, x: float, line_top: float, text: str) -> None:
        baseline = line_top + style.baseline
        for font, part in style.runs(text):
            self.pages[-1].append(Text(font, style.size, x, baseline, part))
            x += font.width(part, style.size)

    def rule(self, x0: float, x1: float, y: float, width: float, grey: float = 0.0) -> None:
        self.pages[-1].append(Rule(x0, x1, y, width, grey))

    # The blocks

    def lines(self, block: _Lines, following: _Block | None) -> None:
        height = block.style.line_height
        if block.keep_with_next and following is not None:
            needed = height * len(block.lines) + _first_part(following)
        elif block.splittable:
            needed = height * min(len(block.lines), ORPHANS)
        else:
            needed = height * len(block.lines)
        if not self.fits(block.margin_top, needed) and not self.at_top:
            self.new_page()
        y = self.top(block.margin_top)
        remaining = list(block.lines)
        while remaining:
            room = int((CONTENT_BOTTOM + 0.01 - y) // height)
            if room >= len(remaining):
                count = len(remaining)
            else:
                # Orphans and widows: at least two lines at the foot and at the head.
                count = min(room, len(remaining) - WIDOWS)
                if count < ORPHANS:
                    count = 0
            if count == 0 and y <= MARGIN_TOP:
                count = max(1, room)
            for line in remaining[:count]:
                self.text(block.style, MARGIN_LEFT, y, line)
                y += height
            remaining = remaining[count:]
            if remaining:
                self.new_page()
                y = MARGIN_TOP
        self.y = y
        self.margin = block.margin_bottom

    def row(self, row: _Row, columns: Sequence[float], y: float) -> float:
        x = MARGIN_LEFT
        for lines, style, width in zip(row.cells, row.styles, columns, strict=True):
            top = y + CELL_PADDING_Y
            for line in lines:
                self.text(style, x, top, line)
                top += style.line_height
            x += width
        bottom = y + row.height - row.rule
        if row.rule:
            self.rule(MARGIN_LEFT, CONTENT_RIGHT, bottom + row.rule / 2, row.rule, row.rule_grey)
        return y + row.height

    def table(self, table: _Table) -> None:
        head = _bold(TABLE_SIZE)
        caption = 0.0
        if table.caption:
            caption = CAPTION_PADDING_TOP + len(table.caption) * head.line_height
            caption += CAPTION_PADDING_BOTTOM
        header = table.header.height if table.header else 0.0
        first = table.rows[0].height if table.rows else 0.0
        if any(header + row.height > CONTENT_BOTTOM - MARGIN_TOP for row in table.rows):
            raise CannotTypeset("a table row longer than a page")
        # Caption, head and first row stay together (caption { break-after: avoid }).
        if not self.fits(0.0, caption + header + first) and not self.at_top:
            self.new_page()
        y = self.top(0.0)
        if table.caption:
            y += CAPTION_PADDING_TOP
            for line in table.caption:
                self.text(head, MARGIN_LEFT, y, line)
                y += head.line_height
            y += CAPTION_PADDING_BOTTOM
        if table.header:
            y = self.row(table.header, table.columns, y)
        for row in table.rows:
            # Rows never break (tr { break-inside: avoid }); the head repeats on a new page.
            if y + row.height > CONTENT_BOTTOM + 0.01:
                self.new_page()
                y = MARGIN_TOP
                if table.header:
                    y = self.row(table.header, table.columns, y)
            y = self.row(row, table.columns, y)
        self.y = y
        self.margin = table.margin_bottom

    def signature(self, block: _Signature) -> None:
        style = _regular(TABLE_SIZE)
        height = SIGNATURE_RULE + SIGNATURE_PADDING + style.line_height
        if not self.fits(block.margin_top, height) and not self.at_top:
            self.new_page()
        y = self.top(block.margin_top)
        self.rule(MARGIN_LEFT, MARGIN_LEFT + SIGNATURE_WIDTH, y + SIGNATURE_RULE / 2, 0.5)
        self.text(style, MARGIN_LEFT, y + SIGNATURE_RULE + SIGNATURE_PADDING, block.text)
        self.y = y + height
        self.margin = 0.0


def _first_part(block: _Block) -> float:
    """What of `block` must share a page with a heading before it."""
    if isinstance(block, _Lines):
        return block.margin_top + block.style.line_height * min(len(block.lines), ORPHANS)
    if isinstance(block, _Table):
        caption = 0.0
        if block.caption:
            caption = CAPTION_PADDING_TOP + CAPTION_PADDING_BOTTOM
            caption += len(block.caption) * _bold(TABLE_SIZE).line_height
        header = block.header.height if block.header else 0.0
        return caption + header + (block.rows[0].height if block.rows else 0.0)
    return block.margin_top + SIGNATURE_RULE + SIGNATURE_PADDING + _regular(TABLE_SIZE).line_height


def _watermark() -> Text:
    style = _bold(WATERMARK_SIZE)
    font = style.latin
    width = font.width(WATERMARK_TEXT, WATERMARK_SIZE)
    centre_x = PAGE_WIDTH / 2
    centre_y = WATERMARK_BOX_TOP + style.line_height / 2
    # The run starts half its width left of the centre, on the box's baseline; both offsets
    # turn with the box.
    dx, dy = -width / 2, style.baseline - style.line_height / 2
    angle = math.radians(WATERMARK_ANGLE)
    cos, sin = math.cos(angle), math.sin(angle)
    # Page coordinates grow downwards, the angle counter-clockwise as seen on the page.
    x = centre_x + dx * cos + dy * sin
    y = centre_y - dx * sin + dy * cos
    return Text(font, WATERMARK_SIZE, x, y, WATERMARK_TEXT, WATERMARK_GREY, WATERMARK_ANGLE)


def _document(
    blocks: Sequence[_Block], footer: Callable[[int, int], str], draft: bool
) -> DrawnDocument:
    out = _Pages(draft)
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, _Lines):
            out.lines(block, following)
        elif isinstance(block, _Table):
            out.table(block)
        else:
            out.signature(block)
    style = _regular(FOOTER_SIZE)
    total = len(out.pages)
    pages = []
    for number, items in enumerate(out.pages, start=1):
        label = footer(number, total)
        x = CONTENT_RIGHT - style.width(label)
        for font, part in style.runs(label):
            items.append(Text(font, FOOTER_SIZE, x, FOOTER_TOP + style.baseline, part))
            x += font.width(part, FOOTER_SIZE)
        pages.append(DrawnPage(PAGE_WIDTH, PAGE_HEIGHT, tuple(items)))
    return DrawnDocument(tuple(pages))


def _seite(number: int, total: int) -> str:
    return f"Seite {number} von {total}"


def _title(text: str) -> _Lines:
    # h1.document-title { font-size: 16pt; margin: 0 0 2 lines }
    style = _bold(TITLE_SIZE)
    return _Lines(tuple(_wrap(text, style, CONTENT_WIDTH)), style, 0.0, 2 * BLANK_LINE, True, False)


def _heading(text: str) -> _Lines:
    # h2 { font-size: 1em; margin: 1 line 0 0; break-after: avoid }
    style = _bold(BODY_SIZE)
    return _Lines(tuple(_wrap(text, style, CONTENT_WIDTH)), style, BLANK_LINE, 0.0, True, False)


def _place_date(place: str) -> _Lines:
    # p.place-date { margin-top: 3 lines }
    return _paragraph(
        f"Ort, Datum: {place}{', ' if place else ''}________________", margin_top=3 * BLANK_LINE
    )


def _paragraph(*lines: str, margin_top: float = 0.0) -> _Lines:
    # p { margin: 0 0 1 line; hyphens: auto }; each of `lines` starts a new line (<br>).
    style = _regular(BODY_SIZE)
    wrapped = [part for line in lines for part in _wrap(line, style, CONTENT_WIDTH, hyphenate=True)]
    return _Lines(tuple(wrapped), style, margin_top, BLANK_LINE)


# --------------------------------------------------------------------------------------------
# The documents


def attachment_index(index: IndexContext) -> DrawnDocument | None:
    """The Anlagenverzeichnis (attachment_index.html), or None when WeasyPrint must set it."""
    subline = _clean(index.subline)
    groups = [
        (_clean(group.heading), [tuple(_clean(value) for value in row) for row in group.rows])
        for group in index.groups
    ]
    texts = [subline, *(heading for heading, _rows in groups)]
    texts += [value for _heading, rows in groups for row in rows for value in row]
    try:
        _check_settable(texts)
        head, cell = _bold(TABLE_SIZE), _regular(TABLE_SIZE)
        pages_width = max(
            [PAGES_COLUMN_MIN, head.width(INDEX_HEADERS[4]) + CELL_PADDING_RIGHT]
            + [cell.width(row[4]) + CELL_PADDING_RIGHT for _h, rows in groups for row in rows]
        )
        flexible = CONTENT_WIDTH - NUMBER_COLUMN - DATE_COLUMN - pages_width
        person = max(
            [head.width(INDEX_HEADERS[2])]
            + [cell.width(row[2]) for _h, rows in groups for row in rows]
        )
        person = min(person + CELL_PADDING_RIGHT + PERSON_GAP, flexible * PERSON_SHARE_MAX)
        columns = (NUMBER_COLUMN, flexible - person, person, DATE_COLUMN, pages_width)
        blocks: list[_Block] = [_title("Anlagenverzeichnis"), _paragraph(subline)]
        if not groups:
            blocks.append(_paragraph("Keine Anlagen."))
        blocks += [_table(columns, INDEX_HEADERS, rows, caption=h) for h, rows in groups]
        return _document(blocks, _seite, index.draft)
    except CannotTypeset:
        return None


def cv(context: CvContext) -> DrawnDocument | None:
    """The Tabellarischer Lebenslauf (cv.html), or None when WeasyPrint must set it."""
    personal = [(_clean(label), _clean(value)) for label, value in context.personal]
    rows = [(_clean(when), _clean(what)) for when, what in context.rows]
    languages = [_clean(line) for line in context.languages] or ["Keine Angaben."]
    place = _clean(context.place)
    name = _clean(context.person_name)
    footer_name = _clean(context.footer)
    title = _clean(context.title)
    texts = [title, name, footer_name, place, *languages]
    texts += [value for pair in personal + rows for value in pair]
    try:
        _check_settable(texts)
        rest = CONTENT_WIDTH - CV_LABEL_COLUMN
        blocks: list[_Block] = [
            _title(title),
            _heading("Persönliche Daten"),
            _table((CV_LABEL_COLUMN, rest), None, personal, first_column_bold=True, row_rule=0),
            _heading("Lebenslauf"),
            _table(
                (CV_PERIOD_COLUMN, CONTENT_WIDTH - CV_PERIOD_COLUMN),
                ("Zeitraum", "Station"),
                rows,
                row_rule=0,
            ),
            _heading("Sprachkenntnisse"),
            *(_paragraph(line) for line in languages),
            _place_date(place),
            _Signature(f"Unterschrift {name}"),
        ]
        return _document(
            blocks, lambda number, total: f"{footer_name} – {_seite(number, total)}", context.draft
        )
    except CannotTypeset:
        return None


def power_of_attorney(context: PowerOfAttorneyContext) -> DrawnDocument | None:
    """The Vollmacht (power_of_attorney.html), or None when WeasyPrint must set it."""
    grantors = [tuple(_clean(value) for value in row) for row in context.grantors]
    children = _clean(context.children) if context.children else None
    representative = [_clean(line) for line in context.representative]
    scope = (
        "Die oben genannte Person wird bevollmächtigt, mich bzw. uns im "
        f"{_clean(context.scope)} zu vertreten. Die Vollmacht umfasst insbesondere, Anträge "
        "zu stellen und zurückzunehmen, Erklärungen und Unterlagen einzureichen und "
        "entgegenzunehmen, Auskünfte einzuholen und Akteneinsicht zu beantragen."
    )
    place = _clean(context.place)
    signers = [_clean(signer) for signer in context.signers]
    texts = [scope, place, *representative, *signers, *(v for row in grantors for v in row)]
    texts += [children] if children else []
    try:
        _check_settable(texts)
        header = ("Name", "Geburtsdatum", "Anschrift")
        blocks: list[_Block] = [
            _title("Vollmacht"),
            _heading("Vollmachtgeber/in"),
            _table(_auto_columns(header, grantors), header, grantors),
        ]
        if children:
            blocks.append(_paragraph(children))
        blocks += [
            _heading("Bevollmächtigte/r"),
            _paragraph(*representative),
            _heading("Umfang der Vollmacht"),
            _paragraph(scope),
            _paragraph("Diese Vollmacht kann jederzeit widerrufen werden."),
            _place_date(place),
            *(_Signature(f"Unterschrift {signer}") for signer in signers),
        ]
        return _document(blocks, _seite, context.draft)
    except CannotTypeset:
        return None
