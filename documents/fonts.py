"""The fonts this program draws with itself, outside WeasyPrint: stamps, the draft watermark
of attachments, and the Anlagenverzeichnis, Lebenslauf and Vollmacht (documents/typeset.py).

Each face is loaded once per process from the font files the print stylesheet uses
(`static/fonts`), so text drawn here looks like the text WeasyPrint sets. A face carries
what layout needs (advance widths, vertical metrics, which characters it has) and what
embedding needs (a TrueType program, already compressed). Nothing here knows about PDF
objects; documents/bundling.py embeds faces.
"""

from __future__ import annotations

import functools
import io
import logging
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

STATIC_FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"

# Faces by role. "sans" is the documents' "Brief Sans" (Arimo, Arial-metric), split by
# Fontsource into a Latin and a Latin Extended file; "stamp" is DejaVu Sans Bold, the face
# of stamps and the watermark.
_FILES = {
    "sans-400": STATIC_FONTS / "arimo" / "arimo-latin-400-normal.woff2",
    "sans-700": STATIC_FONTS / "arimo" / "arimo-latin-700-normal.woff2",
    "sans-ext-400": STATIC_FONTS / "arimo" / "arimo-latin-ext-400-normal.woff2",
    "sans-ext-700": STATIC_FONTS / "arimo" / "arimo-latin-ext-700-normal.woff2",
    "stamp": STATIC_FONTS / "dejavu" / "DejaVuSans-Bold.ttf",
}
# DejaVu is large, and every stamped file embeds this face (each file of the upload export
# too): it holds only what stamps and the draft watermark print, "Anlage 12 – Seite 3/4" and
# "ENTWURF", and "?" for anything else.
_STAMP_CHARACTERS = frozenset(map(ord, "Anlage – Seite 0123456789/ ENTWURF?"))
# Tables a PDF viewer never reads from an embedded TrueType program.
_UNUSED_TABLES = ("GPOS", "GSUB", "GDEF", "STAT", "FFTM", "DSIG")


@dataclass(frozen=True, slots=True, eq=False)
class Face:
    role: str  # the key of _FILES it was loaded from; unique, unlike the PostScript name
    name: str  # PostScript name (the same in Arimo's Latin and Latin Extended files)
    data: bytes  # the TrueType program, zlib-compressed (a PDF /FlateDecode stream)
    length: int  # its uncompressed length (/Length1)
    glyphs: dict[int, int]  # code point → glyph id
    widths: tuple[float, ...]  # advance per glyph id, in 1/1000 em
    ascent: float  # 1/1000 em, positive
    descent: float  # 1/1000 em, negative
    cap_height: float
    bbox: tuple[float, float, float, float]

    def has(self, char: str) -> bool:
        return ord(char) in self.glyphs

    def encode(self, text: str) -> bytes:
        """Two-byte glyph ids (Identity-H) for `text`; unknown letters fall back to their
        base letter ("ṣ" → "s") or "?"."""
        out = bytearray()
        for char in text:
            glyph = self.glyphs.get(ord(char))
            if glyph is None:
                base = unicodedata.normalize("NFKD", char)[:1]
                glyph = self.glyphs.get(ord(base), self.glyphs[ord("?")]) if base else 0
            out += glyph.to_bytes(2, "big")
        return bytes(out)

    def width(self, text: str, size: float) -> float:
        encoded = self.encode(text)
        units = sum(
            self.widths[int.from_bytes(encoded[i : i + 2], "big")]
            for i in range(0, len(encoded), 2)
        )
        return units * size / 1000


@functools.cache
def face(role: str) -> Face:
    """The face for `role` (a key of _FILES), loaded on first use."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    font = TTFont(_FILES[role])
    font.flavor = None  # WOFF2 → plain TrueType
    if role == "stamp":
        options = subset.Options()
        options.hinting = False
        options.layout_features = []
        options.notdef_outline = True
        options.drop_tables += ["FFTM"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=_STAMP_CHARACTERS)
        subsetter.subset(font)
    else:
        for table in _UNUSED_TABLES:
            if table in font:
                del font[table]
    out = io.BytesIO()
    font.save(out)
    program = out.getvalue()
    order = font.getGlyphOrder()
    gid = {name: index for index, name in enumerate(order)}
    scale = 1000 / font["head"].unitsPerEm
    head = font["head"]
    os2 = font["OS/2"]
    return Face(
        role=role,
        name=str(font["name"].getDebugName(6) or _FILES[role].stem),
        data=zlib.compress(program),
        length=len(program),
        glyphs={code: gid[name] for code, name in font.getBestCmap().items()},
        widths=tuple(font["hmtx"][name][0] * scale for name in order),
        ascent=font["hhea"].ascent * scale,
        descent=font["hhea"].descent * scale,
        cap_height=getattr(os2, "sCapHeight", 0) * scale or 730.0,
        bbox=(head.xMin * scale, head.yMin * scale, head.xMax * scale, head.yMax * scale),
    )
