"""The printed plan's page: US Letter, shipped Unicode font, running header, footer, DRAFT mark.

``PlanDocument`` knows the look (fonts, colours, spacing) and the page furniture; it knows
nothing about plans. plan_pdf.py says what goes on the pages.

Paragraphs and tables are laid out here rather than with fpdf2's multi_cell and table(): their
line breaker re-measures a line for every character (table() does it twice per cell), which
made up most of a plan's render time; measuring words once is several times faster, and owning
the table loop lets a row taller than a page continue on the next one with its headings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fpdf import FPDF

from iep_desktop.pdf.fonts import add_shared_font, warm_up_font
from iep_desktop.resources import resource_path

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}  # style -> shipped file
MARGIN = 15.0  # mm; left, right and bottom
TOP = 20.0  # room for the running header above the content
FOOTER_BAND = 18.0  # auto page break leaves this much for the footer

BODY_PT = 10.0
SMALL_PT = 8.5
TABLE_PT = 9.0

INK = (33, 37, 41)  # near-black text: softer than pure black on screen, identical on paper
MUTED = (96, 103, 112)
ACCENT = (23, 62, 110)  # headings: a dark navy that prints well in greyscale too
RULE = (190, 197, 206)
BAND = (230, 237, 246)  # goal bands and table headings
ZEBRA = (246, 248, 251)
DRAFT_RED = (176, 32, 32)
WATERMARK = (150, 150, 150)


@dataclass(frozen=True)
class CellLook:
    style: str = ""
    size: float = TABLE_PT
    color: tuple[int, int, int] = INK


HEADING_CELL = CellLook("B", TABLE_PT, ACCENT)
BODY_CELL = CellLook("", TABLE_PT, INK)
GROUP_CELL = CellLook("B", TABLE_PT, INK)
LABEL_CELL = CellLook("B", 9.0, MUTED)
VALUE_CELL = CellLook("", BODY_PT, INK)
CELL_PAD = (1.5, 1.3)  # mm inside each table cell: (left/right, top/bottom)


@dataclass(frozen=True)
class TableCell:
    x: float
    width: float
    lines: tuple[str, ...]
    look: CellLook
    line_height: float


@dataclass(frozen=True)
class TableRow:
    cells: tuple[TableCell, ...]
    fill: tuple[int, int, int] | None
    rule: bool  # a thin line under the row

    @property
    def height(self) -> float:
        return max(len(c.lines) * c.line_height for c in self.cells) + 2 * CELL_PAD[1]


@dataclass(frozen=True)
class Paragraph:
    """Text already broken into lines for one column, ready to draw."""

    lines: tuple[str, ...]
    size: float
    style: str
    color: tuple[int, int, int]
    x: float
    width: float
    line_height: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height


@dataclass(frozen=True)
class PageFurniture:
    """What every page repeats: the running header and the footer."""

    running_title: str  # top left, e.g. "Individual Employment Plan (IEP) · Ana García"
    copy_label: str  # top right: "Office copy" / "Participant copy"
    footer_prefix: str  # "Plan version 1a2b3c4d5e6f"
    draft: bool
    # In the copy's language (issue 18); "{page}" and "{pages}" are filled on every page.
    page_words: str = "page {page} of {pages}"
    draft_words: str = "DRAFT — not signed"
    watermark: str = "DRAFT"


def warm_up() -> None:
    """Parse the fonts now (a PDF worker does it while its first job is read from the store)."""
    for name in FONT_FILES.values():
        warm_up_font(resource_path("fonts", name))


class PlanDocument(FPDF):
    def __init__(self, furniture: PageFurniture, *, created: datetime, title: str, author: str,
                 subject: str, creator: str, producer: str, lang: str = "en-US") -> None:
        super().__init__(orientation="P", unit="mm", format="letter")
        self.furniture = furniture
        self._widths: dict[tuple[str, float, str], float] = {}  # word widths, per font and size
        self.set_margins(MARGIN, TOP, MARGIN)
        self.set_auto_page_break(True, margin=FOOTER_BAND)
        # Subsetting (fpdf2's default) embeds only the glyphs used: a plan stays a few dozen kB.
        # The font files are parsed once per process (fonts.py), not for every document.
        for style, name in FONT_FILES.items():
            add_shared_font(self, FONT, style, resource_path("fonts", name))
        self.set_font(FONT, size=BODY_PT)
        self.set_text_color(*INK)
        # No inner cell margin: text starts exactly where we place it, so headings, rules and
        # paragraphs share one left edge (tables set their own padding).
        self.c_margin = 0
        # Fixed metadata: with a fixed creation date fpdf2's /ID (an MD5 of the bytes and the
        # date) is fixed too, so the same version and signatures give the same bytes.
        self.set_creation_date(created)
        self.set_title(title)
        self.set_author(author)
        self.set_subject(subject)
        self.set_creator(creator)
        self.set_producer(producer)
        self.set_lang(lang)

    # -- page furniture (fpdf2 calls these on every page) ----------------------------------

    def header(self) -> None:
        f = self.furniture
        with self.local_context(font_family=FONT, font_style="", font_size_pt=SMALL_PT, text_color=MUTED):
            self.set_xy(MARGIN, 9)
            right = f"{f.draft_words} · {f.copy_label}" if f.draft else f.copy_label
            right_w = self.get_string_width(right) + 2
            self.cell(self.full_width - right_w, 5, self._fitted(f.running_title, self.full_width - right_w - 4),
                      align="L")
            if f.draft:
                self.set_text_color(*DRAFT_RED)
                self.set_font(FONT, "B", SMALL_PT)
            self.cell(right_w, 5, right, align="R")
            self._rule(15)
        self.set_xy(MARGIN, TOP)

    def footer(self) -> None:
        with self.local_context(font_family=FONT, font_style="", font_size_pt=SMALL_PT, text_color=MUTED):
            self._rule(self.h - 13)
            self.set_xy(MARGIN, self.h - 12)
            # "{nb}" is fpdf2's total-pages alias, replaced when the document is closed.
            pages = self.furniture.page_words.format(page=self.page_no(), pages="{nb}")
            self.cell(self.full_width, 5, f"{self.furniture.footer_prefix} · {pages}", align="C")
        if self.furniture.draft:
            self._watermark()

    def _fitted(self, text: str, width: float) -> str:
        """``text`` shortened with an ellipsis to fit ``width`` (a very long name in the header)."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def _watermark(self) -> None:
        # Drawn last on the page (from the footer) so filled table rows cannot hide it; the
        # transparency keeps the text under it readable.
        with self.local_context(font_family=FONT, font_style="B", font_size_pt=120,
                                text_color=WATERMARK, fill_opacity=0.22):
            label = self.furniture.watermark
            cx, cy = self.w / 2, self.h / 2
            width = self.get_string_width(label)
            with self.rotation(angle=50, x=cx, y=cy):
                self.text(cx - width / 2, cy + 120 * 0.3528 / 3, label)

    def _rule(self, y: float, color: tuple[int, int, int] = RULE, width: float = 0.2) -> None:
        with self.local_context(draw_color=color, line_width=width):
            self.line(MARGIN, y, self.w - MARGIN, y)

    @property
    def full_width(self) -> float:
        # The header and footer always span the page between the fixed margins, whatever
        # margins the body happens to use when a page break occurs.
        return self.w - 2 * MARGIN

    # -- building blocks -------------------------------------------------------------------

    def room_left(self) -> float:
        return self.page_break_trigger - self.y

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit: keeps a block in one piece."""
        if height > self.room_left() and self.y > TOP + 1:
            self.add_page()

    def paragraph(self, text: str, *, size: float = BODY_PT, style: str = "", x: float | None = None,
                  width: float | None = None, color: tuple[int, int, int] = INK) -> Paragraph:
        """``text`` broken into lines for a column at ``x`` of ``width`` (default: to the right
        margin), not drawn yet: its height is known before deciding where it goes."""
        x = MARGIN if x is None else x
        width = (self.w - MARGIN - x) if width is None else width
        lines = self._wrap(text, width, style, size)
        return Paragraph(tuple(lines), size, style, color, x, width, self.line_for(size))

    def wrap(self, text: str, width: float) -> list[str]:
        """Greedy word wrap in the current font (see ``_wrap``)."""
        return self._wrap(text, width, self.font_style, self.font_size_pt)

    def _wrap(self, text: str, width: float, style: str, size: float) -> list[str]:
        """Greedy word wrap in the house font at ``style`` and ``size``, measured without
        selecting that font: no graphics state is pushed (a local_context writes q/Q and font
        operators into the page even when it only measures). fpdf2's multi_cell re-measures the
        whole line for every character it adds (quadratic in the line length); measuring each
        word once, with a cache, keeps it linear."""
        lines: list[str] = []
        space = self._measure(" ", style, size)
        for raw in text.split("\n"):
            line, used = "", 0.0
            for word in raw.split(" "):
                wide = self._measure(word, style, size)
                if line and used + space + wide <= width:
                    line, used = f"{line} {word}", used + space + wide
                    continue
                if line:
                    lines.append(line)
                line, used = word, wide
                while used > width and len(line) > 1:  # a word wider than the column
                    head = self._longest_prefix(line, width, style, size)
                    lines.append(head)
                    line = line[len(head):]
                    used = self._measure(line, style, size)
            lines.append(line)
        return lines

    def _measure(self, word: str, style: str, size: float) -> float:
        """The width of ``word`` in the house font, what ``get_string_width`` gives with that
        font selected (the house style never sets character spacing or stretching)."""
        key = (style, size, word)
        width = self._widths.get(key)
        if width is None:
            font = self.fonts[f"{FONT.lower()}{style}"]
            width = self._widths[key] = font.get_text_width(word, size, None)[1] / self.k
        return width

    def _longest_prefix(self, word: str, width: float, style: str, size: float) -> str:
        end = 1
        while end < len(word) and self._measure(word[:end + 1], style, size) <= width:
            end += 1
        return word[:end]

    def draw(self, para: Paragraph) -> None:
        """Draw a paragraph from the current y; a long one flows onto the next page."""
        with self.local_context(font_family=FONT, font_style=para.style, font_size_pt=para.size,
                                text_color=para.color):
            # Each line where cell() would draw it, after the page break cell() would make
            # (fpdf2's own, which carries the local context over), drawn with text().
            rise = self._baseline_below_top(para.line_height)
            for line in para.lines:
                if self.will_page_break(para.line_height):
                    self._perform_page_break()
                if line:
                    self.text(para.x, self.y + rise, line)
                self.set_xy(self.l_margin, self.y + para.line_height)

    def _baseline_below_top(self, line_height: float) -> float:
        """Where cell() puts a line's baseline in the current font: half the line height plus 0.3
        of the font size below the line's top."""
        return 0.5 * line_height + 0.3 * self.font_size

    def write_block(self, text: str, **style: Any) -> None:
        """A wrapped paragraph (see ``paragraph`` for the options); the cursor ends below it."""
        self.draw(self.paragraph(text, **style))

    @staticmethod
    def line_for(size_pt: float) -> float:
        """Line height in mm for a font size: 1.35 x the size reads well in dense forms."""
        return round(size_pt * 0.3528 * 1.35, 3)

    def section_heading(self, title: str, *, keep_with: float = 30.0) -> None:
        """A section title that never sits alone at the bottom of a page."""
        self.ln(3)
        self.keep(10 + keep_with)
        with self.local_context(font_family=FONT, font_style="B", font_size_pt=13, text_color=ACCENT):
            self.cell(self.epw, 8, title, new_x="LMARGIN", new_y="NEXT")
        self._rule(self.y, ACCENT, 0.4)
        self.ln(2.5)

    def subheading(self, title: str, *, keep_with: float = 15.0, x: float = MARGIN) -> None:
        self.keep(6 + keep_with)
        with self.local_context(font_family=FONT, font_style="B", font_size_pt=9.5, text_color=MUTED):
            self.set_x(x)
            self.cell(self.w - MARGIN - x, 6, title, new_x="LMARGIN", new_y="NEXT")

    def data_table(self, headings: Sequence[str], rows: Sequence[Sequence[str]],
                   col_widths: Sequence[float], *, x: float = MARGIN,
                   group_rows: Sequence[int] = ()) -> None:
        """A table in the house style from ``x`` to the right margin; ``col_widths`` are
        proportions. Headings repeat on every page the table spans; rows whose index is in
        ``group_rows`` are one bold cell across the table (a group title). A row moves to the
        next page whole unless it is taller than a page, which then continues line by line."""
        width = self.w - MARGIN - x
        widths = [width * w / sum(col_widths) for w in col_widths]
        offsets = [x + sum(widths[:i]) for i in range(len(widths))]
        head = self._row(list(zip(offsets, widths, headings)), HEADING_CELL, fill=BAND)
        body = [
            self._row([(x, width, values[0])], GROUP_CELL, fill=ZEBRA) if index in group_rows
            else self._row(list(zip(offsets, widths, values)), BODY_CELL)
            for index, values in enumerate(rows)
        ]
        first = body[0].height if body else 0.0
        self.keep(head.height + min(first, self.line_for(TABLE_PT) * 3 + 2 * CELL_PAD[1]))
        self._draw_row(head, None)
        for row in body:
            self._draw_row(row, head)
        self.ln(2)

    def label_grid(self, pairs: Sequence[tuple[str, str]], *, columns: int = 2) -> None:
        """Label/value pairs, ``columns`` pairs a row, on a shaded panel (the header block)."""
        unit = self.epw / columns
        label_w, value_w = unit * 0.34, unit * 0.66
        for start in range(0, len(pairs), columns):
            cells: list[tuple[float, float, str, CellLook]] = []
            for i, (label, value) in enumerate(pairs[start:start + columns]):
                left = MARGIN + i * unit
                cells += [(left, label_w, label, LABEL_CELL), (left + label_w, value_w, value, VALUE_CELL)]
            row = self._row([(x, w, t) for x, w, t, _ in cells], VALUE_CELL, fill=BAND, rule=False,
                            looks=[look for *_, look in cells])
            self._draw_row(row, None)

    # -- table machinery -------------------------------------------------------------------

    def _row(self, cells: Sequence[tuple[float, float, str]], look: CellLook, *,
             fill: tuple[int, int, int] | None = None, rule: bool = True,
             looks: Sequence[CellLook] | None = None) -> TableRow:
        laid: list[TableCell] = []
        for index, (x, width, text) in enumerate(cells):
            cell_look = looks[index] if looks else look
            lines = tuple(self._wrap(str(text), width - 2 * CELL_PAD[0], cell_look.style, cell_look.size))
            laid.append(TableCell(x, width, lines, cell_look, self.line_for(cell_look.size)))
        return TableRow(tuple(laid), fill, rule)

    def _draw_row(self, row: TableRow, heading: TableRow | None) -> None:
        done = [0] * len(row.cells)  # lines of each cell already drawn (a row taller than a page)
        while True:
            remaining = max((len(c.lines) - d) * c.line_height for c, d in zip(row.cells, done)) + 2 * CELL_PAD[1]
            fresh_page = self.page_break_trigger - TOP - (heading.height if heading else 0)
            smallest = min(c.line_height for c in row.cells) + 2 * CELL_PAD[1]
            if remaining > self.room_left() and (remaining <= fresh_page or self.room_left() < smallest * 2):
                self.add_page()
                if heading is not None:
                    self._draw_row(heading, None)
            room = self.room_left() - 2 * CELL_PAD[1]
            counts = [min(len(c.lines) - d, max(1, int(room // c.line_height)))
                      for c, d in zip(row.cells, done)]
            height = max(n * c.line_height for n, c in zip(counts, row.cells)) + 2 * CELL_PAD[1]
            self._paint_row(row, done, counts, height)
            done = [d + n for d, n in zip(done, counts)]
            if all(d >= len(c.lines) for d, c in zip(done, row.cells)):
                return

    def _paint_row(self, row: TableRow, done: list[int], counts: list[int], height: float) -> None:
        top = self.y
        left, right = row.cells[0].x, row.cells[-1].x + row.cells[-1].width
        if row.fill is not None:
            with self.local_context(fill_color=row.fill):
                self.rect(left, top, right - left, height, style="F")
        for cell, first, count in zip(row.cells, done, counts):
            look = cell.look
            with self.local_context(font_family=FONT, font_style=look.style, font_size_pt=look.size,
                                    text_color=look.color):
                # Where cell() would put each line (its baseline: half the line height plus 0.3
                # of the font size below the top), drawn with text(): cell()'s machinery for
                # borders, alignment and page breaks is not needed here and was most of a row's time.
                baseline = top + CELL_PAD[1] + self._baseline_below_top(cell.line_height)
                for i, line in enumerate(cell.lines[first:first + count]):
                    if line:
                        self.text(cell.x + CELL_PAD[0], baseline + i * cell.line_height, line)
        if row.rule:
            with self.local_context(draw_color=RULE, line_width=0.2):
                self.line(left, top + height, right, top + height)
        self.set_xy(MARGIN, top + height)
