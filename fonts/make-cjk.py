#!/usr/bin/env python3
"""Make the Chinese faces press embeds: NotoSerifCJKsc-Regular.ttf (body)
and NotoSansCJKsc-Bold.ttf (headings).

Debian's fonts-noto-cjk ships Noto Serif/Sans CJK as CFF outlines inside
.ttc collections, which fpdf cannot read. This script takes the SC face out
of each collection, subsets it to GB2312 plus every character the project's
catalogues and manuscript use plus CJK punctuation, Latin and Cyrillic
basics, and converts the CFF outlines to TrueType (quadratic) outlines.

Run from the project root after the catalogues change (make fonts-cjk):
    apt-get install fonts-noto-cjk python3-fonttools
    /usr/bin/python3 fonts/make-cjk.py
The output is deterministic: the same inputs give the same bytes.
"""
import glob
import os
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

SRC = "/usr/share/fonts/opentype/noto"
FACES = [
    ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "NotoSerifCJKsc-Regular.ttf"),
    ("NotoSansCJK-Bold.ttc", "Noto Sans CJK SC Bold", "NotoSansCJKsc-Bold.ttf"),
    ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "NotoSansCJKsc-Regular.ttf"),
]
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def gb2312():
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def project_chars():
    chars = set()
    paths = glob.glob(os.path.join(ROOT, "locales", "*", "*.toml"))
    paths += glob.glob(os.path.join(ROOT, "source", "*.md"))
    for p in sorted(paths):
        with open(p, encoding="utf-8") as f:
            chars.update(f.read())
    return chars


def ranges(*pairs):
    return {chr(c) for a, b in pairs for c in range(a, b + 1)}


def wanted():
    chars = gb2312() | project_chars()
    chars |= ranges((0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2027), (0x2030, 0x205E),
                    (0x3000, 0x303F), (0xFF01, 0xFF5E), (0x0400, 0x045F), (0x2116, 0x2116))
    return sorted(c for c in chars if ord(c) <= 0xFFFF and (c.isprintable() or c in "\u00a0\u3000"))


def find_face(ttc, name):
    coll = TTCollection(os.path.join(SRC, ttc))
    for font in coll.fonts:
        if font["name"].getDebugName(4) == name:
            return font
    sys.exit(f"{ttc}: no face named {name!r}")


def cff_to_glyf(font):
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    for tag in ("VORG",):
        if tag in font:
            del font[tag]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def main():
    text = "".join(wanted())
    only = set(sys.argv[1:])  # output names to make; all when none
    for ttc, name, out in FACES:
        if only and out not in only:
            continue
        font = find_face(ttc, name)
        opts = subset.Options()
        opts.layout_features = []
        opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx"]
        opts.hinting = False
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        opts.recalc_timestamp = False
        sub = subset.Subsetter(opts)
        sub.populate(text=text)
        sub.subset(font)
        cff_to_glyf(font)
        font["head"].modified = font["head"].created
        path = os.path.join(HERE, out)
        font.save(path, reorderTables=True)
        print(f"{path}: {len(font.getGlyphOrder())} glyphs, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
