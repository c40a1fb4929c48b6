"""The shipped DejaVu fonts, parsed once per process instead of once per document (issue 17).

fpdf2's ``add_font`` parses the whole TTF for every document (cmap, the widths of 6,000 glyphs,
the glyph order), and ``output`` then decompiles ``glyf`` and ``hmtx`` of the full font again to
cut the subset: together about two thirds of a plan's render time. Here:

* the font is parsed once per process (``_face``) and every document gets a light copy that
  shares the read-only tables (cmap, widths, glyph ids) but has its own subset map, so two
  documents never see each other's glyphs;
* when ``output`` cuts the subset, the copy's ``ttfont`` is swapped for a small *source* font: the full
  font cut once to the Latin glyphs (``_BASE_RANGES``) plus, for a document with letters beyond
  them, every glyph of the blocks of 128 code points those letters lie in (a Greek or Cyrillic
  name brings in those alphabets whole), kept in a small cache keyed by the blocks. So every
  Greek name of a batch shares one source, cut once per process, instead of one cut of the whole
  font per name. fpdf2 then cuts its usual exact subset from that small font, so the embedded
  font, and the PDF, are what plain ``add_font`` gives, at a fraction of the cost.

A font with colour glyphs or CFF outlines is not handled here (fpdf2's own path is used): the
shipped DejaVu fonts are plain TrueType.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from fontTools import subset as ftsubset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

# Code points whose glyphs every source font carries: ASCII, Latin-1, Latin Extended-A/B,
# combining marks, Latin Extended Additional (Vietnamese), general punctuation and the arrows
# and check marks the labels use. Names in these ranges (nearly all) reuse one cached source.
_BASE_RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF), (0x2000, 0x206F),
                (0x20A0, 0x20BF), (0x2190, 0x21FF), (0x2610, 0x2612), (0x2713, 0x2717))
_SOURCES_KEPT = 16  # distinct sets of blocks beyond the base (a Greek name adds one, for all of them)
_BLOCK_BITS = 7  # a source holds whole blocks of 2**7 = 128 code points beyond the base

# What fpdf2 drops when it subsets (fpdf/output.py, _add_fonts); dropped here too so the
# source font is small. Everything else, including the glyph names, is kept.
_DROPPED = ["FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT", "CBLC", "EBDT",
            "EBLC", "EBSC", "SVG ", "CPAL", "COLR"]


@dataclass
class _Face:
    """One parsed font file: fpdf2's TTFFont built once, the raw file, the base glyph names."""

    prototype: TTFFont
    data: bytes
    base_names: frozenset[str]
    blocks: dict[str, frozenset[int]]  # glyph name -> the blocks of the code points mapped to it
    block_names: dict[int, frozenset[str]]  # block -> every glyph name a code point in it maps to
    sources: OrderedDict[frozenset[int | str], bytes]
    lock: threading.Lock

    def source_key(self, used: frozenset[str]) -> frozenset[int | str]:
        """The blocks (and any glyph names no code point maps to) that ``used`` needs beyond the base."""
        key: set[int | str] = set()
        for name in used - self.base_names:
            blocks = self.blocks.get(name)
            if blocks:
                key |= blocks
            else:
                key.add(name)
        return frozenset(key)

    def source_for(self, used: frozenset[str]) -> bytes:
        """A font file holding at least the glyphs ``used`` (and the base ones), glyph names kept."""
        key = self.source_key(used)
        with self.lock:
            cached = self.sources.get(key)
            if cached is not None:
                self.sources.move_to_end(key)
                return cached
        names = set(self.base_names | used)
        for part in key:
            if isinstance(part, int):
                names |= self.block_names[part]
        data = _cut(self.data, frozenset(names))
        with self.lock:
            self.sources[key] = data
            while len(self.sources) > _SOURCES_KEPT:
                self.sources.popitem(last=False)
        return data


_FACES: dict[Path, _Face] = {}
_FACES_LOCK = threading.Lock()


def _face(path: Path) -> _Face:
    with _FACES_LOCK:
        face = _FACES.get(path)
        if face is None:
            face = _FACES[path] = _parse(path)
        return face


def _parse(path: Path) -> _Face:
    scratch = FPDF()
    scratch.add_font("face", "", str(path))
    prototype = scratch.fonts["face"]
    assert isinstance(prototype, TTFFont)
    base = frozenset(name for code, name in prototype.cmap.items()
                     if any(low <= code <= high for low, high in _BASE_RANGES)) \
        | frozenset(prototype.ttfont.getGlyphOrder()[:1])  # .notdef: every subset keeps it
    blocks: dict[str, set[int]] = {}
    block_names: dict[int, set[str]] = {}
    for code, name in prototype.cmap.items():
        blocks.setdefault(name, set()).add(code >> _BLOCK_BITS)
        block_names.setdefault(code >> _BLOCK_BITS, set()).add(name)
    return _Face(prototype, path.read_bytes(), base, {n: frozenset(b) for n, b in blocks.items()},
                 {b: frozenset(n) for b, n in block_names.items()}, OrderedDict(), threading.Lock())


def _cut(data: bytes, names: frozenset[str]) -> bytes:
    font = TTFont(BytesIO(data), recalcTimestamp=False, lazy=True)
    options = ftsubset.Options(notdef_outline=True, recommended_glyphs=True)
    options.glyph_names = True  # fpdf2's own subset finds the glyphs again by name
    options.drop_tables += _DROPPED
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(glyphs=sorted(names))
    subsetter.subset(font)
    out = BytesIO()
    font.save(out)
    font.close()
    return out.getvalue()


def warm_up_font(path: Path) -> None:
    """Parse ``path`` and cut its base source font now rather than in the first document."""
    if supported(Path(path).resolve()):
        _face(Path(path).resolve()).source_for(frozenset())


def supported(path: Path) -> bool:
    """True when ``path`` can be shared this way (plain TrueType, no colour glyphs)."""
    prototype = _face(path).prototype
    return not prototype.is_cff and prototype.color_font is None and not prototype.is_compressed


def add_shared_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """``pdf.add_font(family, style, path)``, with the parsing done once per process."""
    path = Path(path).resolve()
    if not supported(path):
        pdf.add_font(family, style, str(path))
        return
    proto = _face(path).prototype
    font = TTFFont.__new__(TTFFont)
    for slot in TTFFont.__slots__:
        if hasattr(proto, slot):  # a few slots fpdf2 never sets
            setattr(font, slot, getattr(proto, slot))
    fontkey = f"{family.lower()}{''.join(sorted(style.upper()))}"
    font.i = len(pdf.fonts) + 1
    font.fontkey = fontkey
    font.biggest_size_pt = 0
    font.missing_glyphs = []
    # The read-only tables (cmap, cw, glyph_ids, desc) stay shared with the prototype; the
    # glyphs this document uses are its own.
    font.subset = _SharedSubset(font, _face(path))
    pdf.fonts[fontkey] = font


class _SharedSubset(SubsetMap):
    """A document's own glyphs of a shared font. fpdf2's ``output`` asks for the glyph names
    once, right before it cuts the subset from ``font.ttfont`` in place (and closes it): that is
    the moment to hand it a small source font of its own instead of the shared, parsed one."""

    def __init__(self, font: TTFFont, face: _Face) -> None:
        self._face = face
        super().__init__(font)

    def get_all_glyph_names(self) -> Sequence[str]:
        names = super().get_all_glyph_names()
        if self.font.ttfont is self._face.prototype.ttfont:
            source = self._face.source_for(frozenset(names))
            self.font.ttfont = TTFont(BytesIO(source), recalcTimestamp=False, lazy=True)
        return names
