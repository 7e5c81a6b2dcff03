package fonts

import (
	"bytes"
	"testing"
)

func TestSubsetLeavesFaceAlone(t *testing.T) {
	f, err := NewSet(dir).Get(CJKBody)
	if err != nil {
		t.Fatal(err)
	}
	before := append([]byte(nil), f.Data...)
	a, _ := f.Subset([]rune("中国在哈萨克斯坦的形象，。“”abc"))
	if !bytes.Equal(before, f.Data) {
		t.Fatal("Subset changed the face's data")
	}
	b, _ := f.Subset([]rune("“”abc，。中国在哈萨克斯坦的形象"))
	if !bytes.Equal(a, b) {
		t.Fatal("two subsets of the same characters differ")
	}
}

// Characters that share a glyph survive subsetting (the library keeps one
// character a glyph): U+2012 and U+2013 are one glyph in Noto CJK.
func TestSubsetKeepsSharedGlyphs(t *testing.T) {
	f, err := NewSet(dir).Get(CJKBody)
	if err != nil {
		t.Fatal(err)
	}
	for _, rs := range [][]rune{{'–'}, {'‒', '–'}, []rune("中国–2019‒年，。")} {
		data, err := f.Subset(rs)
		if err != nil {
			t.Fatalf("%q: %v", string(rs), err)
		}
		sub, err := Parse(data, "subset", f.Family, f.Style)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if !sub.Has(r) {
				t.Errorf("%q: subset lost %U", string(rs), r)
			}
			if w, want := sub.Width(string(r), 1), f.Width(string(r), 1); w != want {
				t.Errorf("%U: width %v in the subset, %v in the font", r, w, want)
			}
		}
	}
}
