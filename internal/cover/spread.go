package cover

import (
	"image"
	"image/draw"
	"strings"
)

// Spread is the geometry of a printed cover, in inches: the book's trim,
// the spine's width and the bleed on every outer edge. The sheet is
// 2 × TrimW + Spine + 2 × Bleed wide and TrimH + 2 × Bleed high.
type Spread struct {
	TrimW, TrimH, Spine, Bleed float64
	// SpineText says whether the spine is wide enough for its text.
	SpineText bool
	DPI       float64
}

// Size is the sheet's size in inches.
func (s Spread) Size() (w, h float64) {
	return 2*s.TrimW + s.Spine + 2*s.Bleed, s.TrimH + 2*s.Bleed
}

func (s Spread) px(in float64) int { return int(in*s.DPI + 0.5) }

// Draw draws the spread: the back on the left, the spine, the front on
// the right, the background over the bleed. The back keeps its lower
// right corner free for the printer's barcode.
func (s Spread) Draw(t Text, f Fonts) (*image.RGBA, error) {
	fs, err := parse(f)
	if err != nil {
		return nil, err
	}
	w, h := s.Size()
	img := image.NewRGBA(image.Rect(0, 0, s.px(w), s.px(h)))
	draw.Draw(img, img.Bounds(), image.NewUniform(background), image.Point{}, draw.Src)
	top, bottom := s.px(s.Bleed), s.px(s.Bleed+s.TrimH)
	back := image.Rect(s.px(s.Bleed), top, s.px(s.Bleed+s.TrimW), bottom)
	spineX0, spineX1 := back.Max.X, s.px(s.Bleed+s.TrimW+s.Spine)
	front := image.Rect(spineX1, top, s.px(s.Bleed+2*s.TrimW+s.Spine), bottom)
	if err := drawFront(img, front, t, fs); err != nil {
		return nil, err
	}
	if err := s.drawBack(img, back, t, fs); err != nil {
		return nil, err
	}
	if s.SpineText {
		if err := s.drawSpine(img, image.Rect(spineX0, top, spineX1, bottom), t, fs); err != nil {
			return nil, err
		}
	}
	return img, nil
}

// drawBack sets the title and the names small in the upper half.
func (s Spread) drawBack(img *image.RGBA, r image.Rectangle, t Text, fs *faces) error {
	w, h := float64(r.Dx()), float64(r.Dy())
	size := h * 0.035
	tf, err := face(fs.bold, size)
	if err != nil {
		return err
	}
	y := float64(r.Min.Y) + h*0.18
	for _, l := range wrap(tf, t.Title, w*0.72, t.Han) {
		y += size * 1.25
		drawCentered(img, tf, l, float64(r.Min.X)+w/2, y, titleInk)
	}
	nf, err := face(fs.regular, size*0.62)
	if err != nil {
		return err
	}
	y += size
	names := append([]string(nil), t.Authors...)
	if strings.TrimSpace(t.Editor) != "" {
		names = append(names, t.Editor)
	}
	for _, n := range names {
		for _, l := range wrap(nf, n, w*0.72, t.Han) {
			y += size * 0.62 * 1.5
			drawCentered(img, nf, l, float64(r.Min.X)+w/2, y, nameInk)
		}
	}
	return nil
}

// drawSpine sets the title and the first author across the spine, read
// from top to bottom (the book lying face up, the title reads left to
// right).
func (s Spread) drawSpine(img *image.RGBA, r image.Rectangle, t Text, fs *faces) error {
	length, width := r.Dy(), r.Dx()
	// Drawn on a strip as long as the spine, then turned a quarter
	// clockwise onto it.
	strip := image.NewRGBA(image.Rect(0, 0, length, width))
	draw.Draw(strip, strip.Bounds(), image.NewUniform(background), image.Point{}, draw.Src)
	size := float64(width) * 0.5
	tf, err := face(fs.bold, size)
	if err != nil {
		return err
	}
	text := t.Title
	if len(t.Authors) > 0 {
		text += "  ·  " + t.Authors[0]
	}
	avail := float64(length) * 0.85
	for size > 4 && widest(tf, []string{text}) > avail {
		size *= 0.92
		if tf, err = face(fs.bold, size); err != nil {
			return err
		}
	}
	base := float64(width)/2 + size*0.35
	drawCentered(strip, tf, text, float64(length)/2, base, titleInk)
	for y := 0; y < width; y++ {
		for x := 0; x < length; x++ {
			// Strip (x, y) → spine (width-1-y, x): a quarter turn clockwise.
			img.Set(r.Min.X+width-1-y, r.Min.Y+x, strip.At(x, y))
		}
	}
	return nil
}
