"""The shipped DejaVu fonts, parsed once per process instead of once per document (issue 17).

fpdf2's ``add_font`` parses the whole TTF for every document (cmap, the widths of 6,000 glyphs,
the glyph order), and ``output`` then decompiles ``glyf`` and ``hmtx`` of the full font again to
cut the subset: together about two thirds of a plan's render time. Here:

* the font is parsed once per process (``_face``) and every document gets a light copy that
  shares the read-only tables (cmap, widths, glyph ids) but has its own subset map, so two
  documents never see each other's glyphs;
* when ``output`` cuts the subset, the copy's ``ttfont`` is swapped for one already cut: the
  document's glyphs plus a fixed set (``_FIXED_RANGES``: ASCII, Latin-1, Latin Extended-A, dashes
  and quotes; for a glyph beyond them, its whole block of 128 code points, so a Greek name
  embeds the Greek block), cut with fpdf2's own options and kept in a small cache keyed by that set.
  Most plans (English or Spanish, most names) use no glyph outside the fixed set, so they all
  embed one subset, cut once per process, and fpdf2 does no font work at all for them (it was
  about 40% of a plan's render time). The fixed glyphs cost about 30 KiB a PDF; they depend on
  nothing but the constant, so a PDF still depends only on its own text (the same version
  gives the same bytes, and no document carries glyphs another one printed);
* a subset within the Latin glyphs (``_BASE_RANGES``) is cut from a small *source* font, the
  full font cut once to them; a subset beyond them (a Greek or Cyrillic name) straight from the
  full font, as fpdf2 does, once per alphabet and process rather than once per name.

The bytes are what fpdf2's own ``add_font`` and ``output`` give when told to embed the same
glyphs (``_Face.embed_names``; tests/test_pdf_speed_paths.py checks it byte for byte).

A font with colour glyphs or CFF outlines is not handled here (fpdf2's own path is used): the
shipped DejaVu fonts are plain TrueType.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from fontTools import subset as ftsubset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

# Code points whose glyphs every source font carries: ASCII, Latin-1, Latin Extended-A/B,
# combining marks, Latin Extended Additional (Vietnamese), general punctuation and the arrows
# and check marks the labels use. Names in these ranges (nearly all) reuse one cached source.
_BASE_RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF), (0x2000, 0x206F),
                (0x20A0, 0x20BF), (0x2190, 0x21FF), (0x2610, 0x2612), (0x2713, 0x2717))
# Glyphs every embedded subset carries, whatever the document prints: ASCII, Latin-1 (Spanish
# included), Latin Extended-A and the dashes, quotes, bullet and ellipsis. Most plans use none
# beyond these, so they embed one and the same subset, cut once per process (``_CUTS_KEPT``).
_FIXED_RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2027))
_CUTS_KEPT = 64  # embedded subsets kept per font (fixed glyphs plus a document's others)
_BLOCK_BITS = 7  # beyond the fixed glyphs a subset holds whole blocks of 2**7 = 128 code points

# What fpdf2 drops when it subsets (fpdf/output.py, _add_fonts); dropped here too so the
# source font is small. Everything else, including the glyph names, is kept.
_DROPPED = ["FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT", "CBLC", "EBDT",
            "EBLC", "EBSC", "SVG ", "CPAL", "COLR"]


@dataclass(frozen=True)
class _Cut:
    """An embedded subset: the font file fpdf2 would write, and its glyph order."""

    data: bytes
    order: tuple[str, ...]


@dataclass
class _Face:
    """One parsed font file: fpdf2's TTFFont built once, the raw file, the base glyph names."""

    prototype: TTFFont
    data: bytes
    base_names: frozenset[str]
    blocks: dict[str, frozenset[int]]  # glyph name -> the blocks of the code points mapped to it
    block_names: dict[int, frozenset[str]]  # block -> every glyph name a code point in it maps to
    lock: threading.Lock
    fixed_names: frozenset[str] = frozenset()  # glyphs every embedded subset carries
    cuts: OrderedDict[frozenset[str], _Cut] = field(default_factory=OrderedDict)
    source: bytes | None = None  # base_source, once cut

    def embed_names(self, used: frozenset[str]) -> frozenset[str]:
        """The glyphs a document using ``used`` embeds: the fixed ones, and for a glyph beyond
        them every glyph of its blocks of 128 code points (a Greek name embeds the Greek block),
        so documents in one alphabet share one subset. It depends on the document's text alone."""
        names = set(self.fixed_names | used)
        for name in used - self.fixed_names:
            for block in self.blocks.get(name, ()):
                names |= self.block_names[block]
        return frozenset(names)

    def embedded(self, used: frozenset[str]) -> _Cut:
        """The subset a document embeds (``embed_names``), cut exactly as fpdf2's ``output`` cuts
        it (same options, from a source holding them all)."""
        key = self.embed_names(used)
        with self.lock:
            cached = self.cuts.get(key)
            if cached is not None:
                self.cuts.move_to_end(key)
                return cached
        # Within the base, from the cached Latin source; beyond it, straight from the full font
        # (as fpdf2 does): a source of those blocks would serve this one cut only, since the
        # blocks decide the subset, and it is cheaper to save the subset than a source.
        cut = _final_cut(self.base_source() if key <= self.base_names else self.data, key)
        with self.lock:
            self.cuts[key] = cut
            while len(self.cuts) > _CUTS_KEPT:
                self.cuts.popitem(last=False)
        return cut

    def base_source(self) -> bytes:
        """The full font cut once to the base glyphs (glyph names kept): what a subset within
        the base is cut from, much faster than from the full font."""
        with self.lock:
            if self.source is not None:
                return self.source
        data = _cut(self.data, self.base_names)
        with self.lock:
            self.source = data
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
    fixed = frozenset(name for code, name in prototype.cmap.items()
                      if any(low <= code <= high for low, high in _FIXED_RANGES)) \
        | frozenset(prototype.ttfont.getGlyphOrder()[:1])
    assert fixed <= base
    return _Face(prototype, path.read_bytes(), base, {n: frozenset(b) for n, b in blocks.items()},
                 {b: frozenset(n) for b, n in block_names.items()}, threading.Lock(),
                 fixed)


def _cut(data: bytes, names: frozenset[str]) -> bytes:
    return _subset(data, names, glyph_names=True)[0]  # fpdf2's own subset finds the glyphs again by name


def _final_cut(source: bytes, names: frozenset[str]) -> _Cut:
    """What fpdf2's ``output`` does to ``font.ttfont`` (fpdf/output.py, _add_fonts), once."""
    return _Cut(*_subset(source, names, glyph_names=False))


def _subset(data: bytes, names: frozenset[str], *, glyph_names: bool) -> tuple[bytes, tuple[str, ...]]:
    font = TTFont(BytesIO(data), recalcTimestamp=False, lazy=True)
    options = ftsubset.Options(notdef_outline=True, recommended_glyphs=True)
    options.glyph_names = glyph_names
    options.drop_tables += _DROPPED
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(glyphs=sorted(names))
    subsetter.subset(font)
    out = BytesIO()
    font.save(out)
    order = tuple(font.getGlyphOrder())
    font.close()
    return out.getvalue(), order


class _PreCut(TTFont):  # type: ignore[misc]  # fontTools has no type hints
    """An embedded subset already cut, handed to fpdf2's ``output`` in place of the font it
    would cut: it holds no tables, so fpdf2's subsetter (asked for every glyph it has) leaves
    it as it is; ``getGlyphID`` answers from its glyph order and ``save`` writes the cut file."""

    def __init__(self, cut: _Cut) -> None:
        super().__init__()
        self._cut = cut
        self.setGlyphOrder(list(cut.order))

    def save(self, file: Any, reorderTables: bool | None = True) -> None:  # fontTools' signature
        if tuple(self.getGlyphOrder()) != self._cut.order:  # the glyph ids fpdf2 mapped would be wrong
            raise RuntimeError("the embedded font subset changed after it was cut")
        file.write(self._cut.data)


def warm_up_font(path: Path) -> None:
    """Parse ``path`` and cut its base source and fixed subset now rather than in the first document."""
    if supported(Path(path).resolve()):
        _face(Path(path).resolve()).embedded(frozenset())


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
            cut = self._face.embedded(frozenset(names))
            self.font.ttfont = _PreCut(cut)
            return list(cut.order)  # every glyph of the cut: fpdf2's subsetter then keeps them all
        return names
