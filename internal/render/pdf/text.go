package pdf

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/layout"
	"github.com/press/press/internal/shape"
)

// textWriter writes a page's text items as TJ arrays: one text object
// per stretch of items sharing a baseline, face, size and gray; the
// glyphs the layout measured (package shape) with their kerning as TJ
// adjustments; a real space glyph before each word space, its stretch
// or shrink as an adjustment. fpdf keeps the fonts (Tf is set with its
// SetFont) but does not see the text.
type textWriter struct {
	pdf    *fpdf.Fpdf
	tags   *tagger
	unit   string // the unit of the open text object
	lang   string
	cache  shape.Cache
	family func(*fonts.Face) string
	out    strings.Builder

	open       bool
	face       *fonts.Face
	size, gray float64
	scale      float64 // horizontal scale (Tz / 100)
	y          float64
	pen        float64 // where a viewer's pen stands, pt from the left
	inArray    bool
}

// item writes one text item at (x, y) on the PDF page (from the top).
func (w *textWriter) item(it layout.Item, x, y float64) {
	if it.Text == "" {
		return
	}
	scale := it.Scale
	if scale == 0 {
		scale = 1
	}
	if w.open && (w.face != it.Face || w.size != it.Size || w.gray != it.Gray || w.y != y || w.scale != scale || w.unit != it.Unit) {
		w.close()
	}
	start := x - it.Space
	// Horizontal scaling multiplies every advance and adjustment: the
	// pen arithmetic uses the scaled size.
	size := fpdfSize(it.Size) * scale
	if !w.open {
		w.pdf.SetFont(w.family(it.Face), it.Face.Style, it.Size)
		w.face, w.size, w.gray, w.y, w.scale, w.unit = it.Face, it.Size, it.Gray, y, scale, it.Unit
		_, pageH := w.pdf.GetPageSize()
		w.out.WriteString("q BT\n")

		if it.Gray != 0 {
			w.out.WriteString(num(it.Gray) + " g\n")
		}
		// The text matrix places the baseline and scales it horizontally
		// (font expansion); poppler reads ActualText right with a scaled
		// matrix, not with Tz.
		w.out.WriteString(num(scale) + " 0 0 1 " + num(start) + " " + num(pageH-y) + " Tm\n")
		w.open, w.pen = true, start
	}
	w.moveTo(start, size)
	if it.Space > 0 {
		w.glyph(' ', it.Face.Width(" ", 1), size)
		w.moveTo(x, size)
	}
	// A scaled item's glyphs were measured unscaled: its advances in
	// text space stay as shaped, the scale applies on the page.
	if w.cache.Lang == "" {
		w.cache.Lang = w.lang
	}
	run := w.cache.For(it.Face).Shape(it.Text)
	// English inside another language's text (the titles in the notes)
	// is marked as such, for screen readers (PDF/UA: Lang on spans).
	foreign := w.lang != "en" && latinWords(it.Text)
	if foreign {
		w.endArray()
		w.out.WriteString("/Span <</Lang (en)>> BDC\n")
	}
	for _, g := range run.Glyphs {
		if g.Ligature() {
			// Copying a ligature gives its letters.
			w.endArray()
			w.out.WriteString("/Span <</ActualText " + hexUTF16(g.Text, true) + ">> BDC\n")
			w.glyph(g.Code, g.Nominal, size)
			w.endArray()
			w.out.WriteString("EMC\n")
		} else {
			w.glyph(g.Code, g.Nominal, size)
		}
		if d := g.Advance - g.Nominal; math.Abs(d) > 1e-6 {
			w.adjust(-d*1000, size)
		}
	}
	if foreign {
		w.endArray()
		w.out.WriteString("EMC\n")
	}
}

// latinWords reports text with Latin letters and no letters of another
// script: a word of English in a Kazakh, Russian or Chinese edition.
func latinWords(s string) bool {
	latin := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			latin = true
		}
	}
	return latin
}

// glyph shows one character whose width table entry is nominal em.
func (w *textWriter) glyph(code rune, nominal, size float64) {
	if !w.inArray {
		w.out.WriteByte('[')
		w.inArray = true
	}
	w.out.WriteString(hexUTF16(string(code), false))
	w.pen += nominal * size
}

// moveTo adjusts the pen to x.
func (w *textWriter) moveTo(x, size float64) {
	if d := x - w.pen; math.Abs(d) > 0.0005 {
		w.adjust(-d*1000/size, size)
	}
}

// adjust writes a TJ adjustment of n thousandths of an em (positive moves
// left), rounded as written, and moves the pen by it.
func (w *textWriter) adjust(n, size float64) {
	n = math.Round(n*100) / 100
	if n == 0 {
		return
	}
	if !w.inArray {
		w.out.WriteByte('[')
		w.inArray = true
	}
	w.out.WriteString(" " + num(n) + " ")
	w.pen -= n / 1000 * size
}

func (w *textWriter) endArray() {
	if w.inArray {
		w.out.WriteString("] TJ\n")
		w.inArray = false
	}
}

// close ends the open text object and hands it to fpdf.
func (w *textWriter) close() {
	if !w.open {
		return
	}
	w.endArray()
	w.out.WriteString("ET Q\nEMC")
	w.pdf.RawWriteStr(w.tags.begin(w.unit) + "\n" + w.out.String())
	w.out.Reset()
	w.open = false
}

// fpdfSize is a font size as fpdf writes it in Tf (two decimals).
func fpdfSize(s float64) float64 { return math.Round(s*100) / 100 }

// num formats a number for a content stream: at most three decimals, no
// trailing zeros.
func num(f float64) string {
	s := strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// hexUTF16 is s as a PDF hex string of UTF-16BE code units (what fpdf's
// Identity-H fonts take as CIDs), with a byte order mark for text strings.
func hexUTF16(s string, bom bool) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.WriteByte('<')
	if bom {
		b.WriteString("FEFF")
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(hex[u>>12])
		b.WriteByte(hex[u>>8&15])
		b.WriteByte(hex[u>>4&15])
		b.WriteByte(hex[u&15])
	}
	b.WriteByte('>')
	return b.String()
}
