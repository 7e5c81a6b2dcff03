// Package cover draws typographic covers from an edition's metadata: the
// front cover of an ebook (a PNG) and the spread of a printed paperback
// (back, spine and front with bleed), in the edition's language and
// script, with the shipped fonts and Go's image packages only. Nothing
// comes from outside the project: no picture, no font of the system.
package cover

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Text is what a cover says, already in the edition's language.
type Text struct {
	Title, Subtitle string
	Authors         []string
	Editor          string
	Date            string
	// Han says the text is Chinese: a line may break between any two
	// Han characters (but not before closing punctuation).
	Han bool
}

// Fonts are the faces, as TrueType or OpenType data: a bold display face
// for the title and the spine, a regular one for the rest.
type Fonts struct {
	Bold, Regular []byte
}

// The palette: light type on a deep blue-green, a warm rule between the
// title and the names.
var (
	background = color.RGBA{0x1d, 0x3a, 0x4a, 0xff}
	titleInk   = color.RGBA{0xfa, 0xf6, 0xee, 0xff}
	nameInk    = color.RGBA{0xe3, 0xdc, 0xcc, 0xff}
	accent     = color.RGBA{0xd9, 0xa4, 0x41, 0xff}
)

// faces parses the fonts once per drawing.
type faces struct {
	bold, regular *opentype.Font
}

func parse(f Fonts) (*faces, error) {
	if len(f.Bold) == 0 || len(f.Regular) == 0 {
		return nil, errors.New("cover: a bold and a regular face are needed")
	}
	b, err := opentype.Parse(f.Bold)
	if err != nil {
		return nil, fmt.Errorf("cover: bold face: %w", err)
	}
	r, err := opentype.Parse(f.Regular)
	if err != nil {
		return nil, fmt.Errorf("cover: regular face: %w", err)
	}
	return &faces{b, r}, nil
}

func face(f *opentype.Font, px float64) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
}

// Front draws the front cover, w × h pixels.
func Front(t Text, f Fonts, w, h int) (*image.RGBA, error) {
	fs, err := parse(f)
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(background), image.Point{}, draw.Src)
	if err := drawFront(img, img.Bounds(), t, fs); err != nil {
		return nil, err
	}
	return img, nil
}

// drawFront sets the front cover inside r: the title in the upper part,
// a rule, the authors, the editor, and the date at the foot.
func drawFront(img *image.RGBA, r image.Rectangle, t Text, fs *faces) error {
	w, h := float64(r.Dx()), float64(r.Dy())
	margin := w * 0.11
	measure := w - 2*margin
	// The title: as large as fits in four lines.
	size := h * 0.075
	var titleLines []string
	var tf font.Face
	for ; size > h*0.02; size *= 0.92 {
		var err error
		if tf, err = face(fs.bold, size); err != nil {
			return err
		}
		titleLines = wrap(tf, t.Title, measure, t.Han)
		if len(titleLines) <= 4 && widest(tf, titleLines) <= measure {
			break
		}
	}
	y := float64(r.Min.Y) + h*0.2
	lead := size * 1.18
	for _, l := range titleLines {
		y += lead
		drawCentered(img, tf, l, float64(r.Min.X)+w/2, y, titleInk)
	}
	if strings.TrimSpace(t.Subtitle) != "" {
		sf, err := face(fs.regular, size*0.45)
		if err != nil {
			return err
		}
		y += size * 0.5
		for _, l := range wrap(sf, t.Subtitle, measure, t.Han) {
			y += size * 0.45 * 1.3
			drawCentered(img, sf, l, float64(r.Min.X)+w/2, y, nameInk)
		}
	}
	// The rule.
	y += size * 0.9
	rule := image.Rect(int(float64(r.Min.X)+w/2-w*0.08), int(y), int(float64(r.Min.X)+w/2+w*0.08), int(y+max(2, h*0.004)))
	draw.Draw(img, rule, image.NewUniform(accent), image.Point{}, draw.Src)
	// The names.
	nameSize := h * 0.028
	nf, err := face(fs.regular, nameSize)
	if err != nil {
		return err
	}
	y += nameSize * 1.6
	for _, a := range t.Authors {
		for _, l := range wrap(nf, a, measure, t.Han) {
			y += nameSize * 1.45
			drawCentered(img, nf, l, float64(r.Min.X)+w/2, y, nameInk)
		}
	}
	if strings.TrimSpace(t.Editor) != "" {
		y += nameSize * 0.9
		for _, l := range wrap(nf, t.Editor, measure, t.Han) {
			y += nameSize * 1.45
			drawCentered(img, nf, l, float64(r.Min.X)+w/2, y, nameInk)
		}
	}
	if strings.TrimSpace(t.Date) != "" {
		df, err := face(fs.regular, nameSize*0.85)
		if err != nil {
			return err
		}
		drawCentered(img, df, t.Date, float64(r.Min.X)+w/2, float64(r.Max.Y)-h*0.07, accent)
	}
	return nil
}

// drawCentered draws s with its baseline at y, centred on x.
func drawCentered(img *image.RGBA, f font.Face, s string, x, y float64, c color.Color) {
	d := &font.Drawer{Dst: img, Src: image.NewUniform(c), Face: f}
	w := d.MeasureString(s)
	d.Dot = fixed.Point26_6{X: fixed.Int26_6(x*64) - w/2, Y: fixed.Int26_6(y * 64)}
	d.DrawString(s)
}

func widest(f font.Face, lines []string) float64 {
	m := 0.0
	for _, l := range lines {
		m = max(m, float64(font.MeasureString(f, l))/64)
	}
	return m
}

// noLineStart are characters a Chinese line must not begin with.
const noLineStart = "，。、：；！？）》」』”’·…%"

// wrap breaks s into lines no wider than measure: at spaces, and for
// Chinese between Han characters as well.
func wrap(f font.Face, s string, measure float64, han bool) []string {
	var tokens []string
	for _, word := range strings.Fields(s) {
		if !han {
			tokens = append(tokens, word)
			continue
		}
		// Han characters are tokens of their own; closing punctuation
		// stays with the character before it, runs of other letters
		// stay whole.
		var cur []rune
		flush := func() {
			if len(cur) > 0 {
				tokens = append(tokens, string(cur))
				cur = nil
			}
		}
		for _, c := range word {
			switch {
			case strings.ContainsRune(noLineStart, c):
				cur = append(cur, c)
			case unicode.Is(unicode.Han, c) || unicode.In(c, unicode.Punct) && c > 0x2000:
				flush()
				cur = append(cur, c)
			default:
				if len(cur) > 0 && !isLatin(cur[len(cur)-1]) && !strings.ContainsRune(noLineStart, cur[len(cur)-1]) {
					flush()
				}
				cur = append(cur, c)
			}
		}
		flush()
		tokens = append(tokens, " ")
	}
	var lines []string
	line := ""
	width := func(s string) float64 { return float64(font.MeasureString(f, s)) / 64 }
	for i, tok := range tokens {
		if tok == " " {
			continue
		}
		sep := ""
		if line != "" && (!han || (i > 0 && tokens[i-1] == " ")) {
			sep = " "
		}
		if line != "" && width(line+sep+tok) > measure {
			lines = append(lines, line)
			line = tok
			continue
		}
		line += sep + tok
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func isLatin(c rune) bool { return c < 0x2000 && unicode.IsLetter(c) || unicode.IsDigit(c) }

// PNG encodes img; the same image gives the same bytes.
func PNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
