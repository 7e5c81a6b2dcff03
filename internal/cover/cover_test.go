package cover

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/font"
)

func testFonts(t *testing.T, han bool) Fonts {
	t.Helper()
	dir := filepath.Join("..", "..", "fonts")
	bold, regular := "NotoSans-Bold.ttf", "NotoSerif-Regular.ttf"
	if han {
		bold, regular = "NotoSansCJKsc-Bold.ttf", "NotoSerifCJKsc-Regular.ttf"
	}
	b, err := os.ReadFile(filepath.Join(dir, bold))
	if err != nil {
		t.Fatal(err)
	}
	r, err := os.ReadFile(filepath.Join(dir, regular))
	if err != nil {
		t.Fatal(err)
	}
	return Fonts{Bold: b, Regular: r}
}

// inked counts the pixels of r that are not the background.
func inked(img *image.RGBA, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.RGBAAt(x, y) != background {
				n++
			}
		}
	}
	return n
}

func TestFront(t *testing.T) {
	for _, tc := range []struct {
		name string
		text Text
	}{
		{"en", Text{Title: "China’s Image in Kazakhstan", Authors: []string{"Ilia Cocali", "Michael Saouach"}, Editor: "Polyxeni Davarinou (ed.)", Date: "February 2019"}},
		{"zh", Text{Title: "中国在哈萨克斯坦的形象", Authors: []string{"伊利亚·科卡利"}, Editor: "波利克塞妮·达瓦里努（编）", Date: "2019年2月", Han: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, err := Front(tc.text, testFonts(t, tc.text.Han), 400, 640)
			if err != nil {
				t.Fatal(err)
			}
			// Type in the upper half (title) and lower half (names, date).
			if inked(img, image.Rect(0, 0, 400, 320)) < 2000 || inked(img, image.Rect(0, 320, 400, 640)) < 500 {
				t.Errorf("the cover is nearly empty")
			}
			a, _ := PNG(img)
			img2, _ := Front(tc.text, testFonts(t, tc.text.Han), 400, 640)
			b, _ := PNG(img2)
			if !bytes.Equal(a, b) {
				t.Errorf("two drawings differ")
			}
		})
	}
	if _, err := Front(Text{Title: "x"}, Fonts{}, 10, 10); err == nil {
		t.Errorf("no fonts: no error")
	}
}

// TestSpread checks the sheet's size and that the spine carries text
// only when it is wide enough.
func TestSpread(t *testing.T) {
	text := Text{Title: "China’s Image in Kazakhstan", Authors: []string{"Ilia Cocali"}}
	for _, spineText := range []bool{false, true} {
		s := Spread{TrimW: 6, TrimH: 9, Spine: 0.3, Bleed: 0.125, SpineText: spineText, DPI: 50}
		img, err := s.Draw(text, testFonts(t, false))
		if err != nil {
			t.Fatal(err)
		}
		if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != s.px(12.55) || h != s.px(9.25) {
			t.Errorf("sheet %d × %d px, want %d × %d", w, h, s.px(12.55), s.px(9.25))
		}
		spine := image.Rect(s.px(6.125), s.px(0.125), s.px(6.425), s.px(9.125))
		if n := inked(img, spine); (n > 0) != spineText {
			t.Errorf("spine text %v: %d pixels inked", spineText, n)
		}
	}
}

// TestWrap checks line breaking: at spaces, and between Han characters
// but never before closing punctuation.
func TestWrap(t *testing.T) {
	fs, err := parse(testFonts(t, true))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := face(fs.bold, 20)
	measure := float64(font.MeasureString(f, "中国在哈萨")) / 64
	for _, l := range wrap(f, "中国在哈萨克斯坦，的形象。", measure+1, true) {
		if r := []rune(l)[0]; r == '，' || r == '。' {
			t.Errorf("line %q begins with closing punctuation", l)
		}
		if float64(font.MeasureString(f, l))/64 > measure+1+20 {
			t.Errorf("line %q too wide", l)
		}
	}
	if got := wrap(f, "one two three", 1e6, false); len(got) != 1 || got[0] != "one two three" {
		t.Errorf("wrap = %q", got)
	}
}
