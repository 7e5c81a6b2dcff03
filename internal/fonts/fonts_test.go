package fonts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const dir = "../../fonts"

func TestFacesCoverKazakh(t *testing.T) {
	s := NewSet(dir)
	for _, r := range []Role{Body, BodyBold, BodyItalic, BodyBoldItalic, Heading, HeadingBold} {
		f, err := s.Get(r)
		if err != nil {
			t.Fatal(err)
		}
		if m := f.Missing("ӘәҒғҚқҢңӨөҰұҮүҺһІі«»—№₸\u00a0\u202f“”‘’…–"); m >= 0 {
			t.Errorf("%s lacks %U", f.Name, m)
		}
	}
}

func TestCJKFaces(t *testing.T) {
	s := NewSet(dir)
	for _, r := range []Role{CJKBody, CJKHeading} {
		f, err := s.Get(r)
		if err != nil {
			t.Fatal(err)
		}
		if m := f.Missing("中国在哈萨克斯坦的形象，。、；：？！“”（）《》……——"); m >= 0 {
			t.Errorf("%s lacks %U", f.Name, m)
		}
		if w := f.Width("中", 10); w < 9.9 || w > 10.1 {
			t.Errorf("%s: width of 中 at 10 = %v, want 10", f.Name, w)
		}
	}
}

func TestRejects(t *testing.T) {
	tmp := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	real, _ := os.ReadFile(filepath.Join(dir, "NotoSerif-Regular.ttf"))
	for _, c := range []struct{ name, path, want string }{
		{"missing", filepath.Join(tmp, "nope.ttf"), "cannot read font"},
		{"cff", write("cff.otf", append([]byte("OTTO"), make([]byte, 40)...)), "CFF-outline"},
		{"collection", write("c.ttc", append([]byte("ttcf"), make([]byte, 40)...)), "font collection"},
		{"garbage", write("g.ttf", []byte("hello, this is not a font at all")), "not a TrueType font"},
		{"truncated", write("t.ttf", real[:2000]), "font"},
		{"empty", write("e.ttf", nil), "too short"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(c.path, "x", "")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Load: %v, want error containing %q", err, c.want)
			}
		})
	}
}

func TestSubset(t *testing.T) {
	f, err := NewSet(dir).Get(CJKBody)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("中国在哈萨克斯坦的形象，。“”")
	data, err := f.Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 60000 || len(data) >= len(f.Data)/10 {
		t.Errorf("subset is %d bytes of %d", len(data), len(f.Data))
	}
	sub, err := Parse(data, "sub", "x", "")
	if err != nil {
		t.Fatal(err)
	}
	if m := sub.Missing(string(runes)); m >= 0 {
		t.Errorf("subset lacks %U", m)
	}
	if sub.Has('龙') {
		t.Error("subset keeps a character it was not asked for")
	}
}
