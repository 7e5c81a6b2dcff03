package shape

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/press/press/internal/fonts"
)

func load(t *testing.T, file string) *fonts.Face {
	t.Helper()
	f, err := fonts.Load(filepath.Join("..", "..", "fonts", file), "serif", "")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestKerningAndLigatures(t *testing.T) {
	serif := load(t, "NotoSerif-Regular.ttf")
	s := For(serif, "en")
	for _, tc := range []struct {
		text     string
		kerned   bool // narrower than the sum of nominal advances
		ligature string
	}{
		{"AVATAR", true, ""},
		{"To", true, ""},
		{"office", false, "ffi"},
		{"fish", false, "fi"},
		{"Казахстан", false, ""},
	} {
		run := s.Shape(tc.text)
		var text string
		var nominal float64
		var lig string
		for _, g := range run.Glyphs {
			text += g.Text
			nominal += g.Nominal
			if g.Ligature() {
				lig = g.Text
			}
		}
		if text != tc.text {
			t.Errorf("%q: glyphs stand for %q", tc.text, text)
		}
		if tc.kerned && !(run.Width < nominal-0.01) {
			t.Errorf("%q: width %.3f em, nominal %.3f: not kerned", tc.text, run.Width, nominal)
		}
		if lig != tc.ligature {
			t.Errorf("%q: ligature %q, want %q", tc.text, lig, tc.ligature)
		}
		if math.Abs(s.Width(tc.text, 10)-run.Width*10) > 1e-9 {
			t.Errorf("%q: Width disagrees with Shape", tc.text)
		}
	}
}

// TestDashesJoin: "——" in the Chinese body face is one continuous line:
// the first dash advances by its ink, not by its (wider) advance.
func TestDashesJoin(t *testing.T) {
	s := For(load(t, "NotoSerifCJKsc-Regular.ttf"), "zh")
	one, two := s.Shape("—"), s.Shape("——")
	if len(two.Glyphs) != 2 || two.Glyphs[0].Text != "—" {
		t.Fatalf("—— shaped as %+v", two.Glyphs)
	}
	if !(two.Glyphs[0].Advance < one.Width-0.02) {
		t.Errorf("first dash advances %.3f em, a lone dash %.3f: not joined", two.Glyphs[0].Advance, one.Width)
	}
}
