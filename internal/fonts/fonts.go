// Package fonts loads the TrueType faces press embeds, checks that fpdf can
// read them (TrueType outlines, not CFF or a collection) and answers the
// two questions layout asks: does the face have this character, and how
// wide is this text.
package fonts

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Face is one loaded font file.
type Face struct {
	Family string // the family name fpdf knows it by, e.g. "serif"
	Style  string // "", "B", "I" or "BI"
	Path   string
	Data   []byte
	Name   string // the font's own full name
	PSName string // its PostScript name

	f          *sfnt.Font
	unitsPerEm float64
	// Ascent and Descent are in em (Descent is negative).
	Ascent, Descent float64

	// widths caches advances in em (-1 when the face lacks the rune);
	// a sync.Map because paragraphs are measured in parallel and nearly
	// every look-up is a hit.
	widths sync.Map
}

// Error is a font that cannot be used.
type Error struct {
	Path string
	Msg  string
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }

// Load reads and checks a TrueType font file.
func Load(path, family, style string) (*Face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: "cannot read font: " + unwrap(err)}
	}
	return Parse(data, path, family, style)
}

func unwrap(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// Parse checks font bytes. fpdf silently prints to stdout and carries on
// with a font it cannot read, so every check it needs is made here.
func Parse(data []byte, path, family, style string) (*Face, error) {
	if len(data) < 12 {
		return nil, &Error{Path: path, Msg: "not a font file (too short)"}
	}
	switch tag := string(data[:4]); tag {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return nil, &Error{Path: path, Msg: "CFF-outline OpenType font: fpdf needs TrueType outlines (convert it, see fonts/make-cjk.py)"}
	case "ttcf":
		return nil, &Error{Path: path, Msg: "font collection (.ttc): extract one face first (see fonts/make-cjk.py)"}
	default:
		return nil, &Error{Path: path, Msg: fmt.Sprintf("not a TrueType font (starts with %q)", tag)}
	}
	if !hasTable(data, "glyf") || !hasTable(data, "loca") || !hasTable(data, "cmap") || !hasTable(data, "hmtx") {
		return nil, &Error{Path: path, Msg: "TrueType font lacks a glyf, loca, cmap or hmtx table"}
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, &Error{Path: path, Msg: "corrupt font: " + err.Error()}
	}
	face := &Face{Family: family, Style: style, Path: path, Data: data, f: f,
		unitsPerEm: float64(f.UnitsPerEm())}
	var buf sfnt.Buffer
	if name, err := f.Name(&buf, sfnt.NameIDFull); err == nil {
		face.Name = name
	} else {
		face.Name = filepath.Base(path)
	}
	if ps, err := f.Name(&buf, sfnt.NameIDPostScript); err == nil {
		face.PSName = ps
	}
	m, err := f.Metrics(&buf, fixed.I(int(face.unitsPerEm)), font.HintingNone)
	if err != nil {
		return nil, &Error{Path: path, Msg: "corrupt font metrics: " + err.Error()}
	}
	face.Ascent = float64(m.Ascent) / 64 / face.unitsPerEm
	face.Descent = -float64(m.Descent) / 64 / face.unitsPerEm
	// fpdf needs these characters' glyphs to build its subset.
	if !face.Has(' ') {
		return nil, &Error{Path: path, Msg: "font has no space character"}
	}
	return face, nil
}

func hasTable(data []byte, tag string) bool {
	n := int(binary.BigEndian.Uint16(data[4:6]))
	for i := 0; i < n; i++ {
		off := 12 + 16*i
		if off+16 > len(data) {
			return false
		}
		if bytes.Equal(data[off:off+4], []byte(tag)) {
			return true
		}
	}
	return false
}

// advance returns the rune's advance in em, or -1 if the face lacks it.
// A character beyond U+FFFF counts as missing whatever the font holds:
// fpdf reads only the 16-bit part of a font's cmap and panics on such a
// character (index out of range in generateCIDFontMap).
func (f *Face) advance(r rune) float64 {
	if r > 0xFFFF || r < 0 {
		return -1
	}
	if w, ok := f.widths.Load(r); ok {
		return w.(float64)
	}
	var buf sfnt.Buffer
	w := -1.0
	if gi, err := f.f.GlyphIndex(&buf, r); err == nil && gi != 0 {
		if adv, err := f.f.GlyphAdvance(&buf, gi, fixed.I(int(f.unitsPerEm)), font.HintingNone); err == nil {
			// fpdf stores widths in whole thousandths of an em; match it.
			w = float64(int(float64(adv)/64/f.unitsPerEm*1000+0.5)) / 1000
		}
	}
	f.widths.Store(r, w)
	return w
}

// Has reports whether the face has a glyph for r that the PDF writer can
// draw (never a character outside the Basic Multilingual Plane).
func (f *Face) Has(r rune) bool { return f.advance(r) >= 0 }

// Width is the advance width of s at size (in the unit of size).
func (f *Face) Width(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if a := f.advance(r); a > 0 {
			w += a
		}
	}
	return w * size
}

// Missing returns the first rune of s the face lacks, or -1.
func (f *Face) Missing(s string) rune {
	for _, r := range s {
		if r == '\n' || r == '\u00ad' || r == '\u200b' {
			continue
		}
		if !f.Has(r) {
			return r
		}
	}
	return -1
}

// Ink is the horizontal extent of r's outline in em (from the origin), ok
// false when the face lacks r or r draws nothing.
func (f *Face) Ink(r rune) (xMin, xMax float64, ok bool) {
	var buf sfnt.Buffer
	gi, err := f.f.GlyphIndex(&buf, r)
	if err != nil || gi == 0 {
		return 0, 0, false
	}
	b, _, err := f.f.GlyphBounds(&buf, gi, fixed.I(int(f.unitsPerEm)), font.HintingNone)
	if err != nil || b.Max.X <= b.Min.X {
		return 0, 0, false
	}
	return float64(b.Min.X) / 64 / f.unitsPerEm, float64(b.Max.X) / 64 / f.unitsPerEm, true
}
