package verify

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
)

// rewriteZip copies a zip, passing each entry through edit.
func rewriteZip(t *testing.T, from, to string, edit func(name string, data []byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(from)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: f.Method})
		w.Write(edit(f.Name, data))
	}
	zw.Close()
	os.WriteFile(to, buf.Bytes(), 0o644)
}

func TestDroppedParagraphIsReported(t *testing.T) {
	out := t.TempDir()
	cfg := build.Config{Root: "../..", Out: out, Langs: []string{"en"}, Formats: []string{"epub", "docx"}}
	if _, err := build.Run(cfg); err != nil {
		t.Fatal(err)
	}
	cfg.Resolve()
	src, _, err := build.Load(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	english, _ := catalog.Load(cfg.Locales, "en")
	ed, _, err := build.MakeEdition(src, &cfg, english, "en", fonts.NewSet(cfg.Fonts))
	if err != nil {
		t.Fatal(err)
	}
	const victim = "This port is part of China"
	cases := []struct {
		format string
		drop   *regexp.Regexp
	}{
		{"epub", regexp.MustCompile(`(?s)<p[ >](?:[^<]|<[^/]|</[^p])*?` + victim + `.*?</p>`)},
		{"docx", regexp.MustCompile(`(?s)<w:p>(?:(?:[^<]|<[^/]|</[^w]|</w:[^p])*?)` + victim + `.*?</w:p>`)},
	}
	for _, c := range cases {
		t.Run(c.format, func(t *testing.T) {
			good := filepath.Join(out, "en", "china-image-kazakhstan."+c.format)
			r, err := File(ed.Doc, "en", c.format, good)
			if err != nil || !r.OK() {
				t.Fatalf("the good file: %v %v", err, r.Details())
			}
			bad := filepath.Join(t.TempDir(), "bad."+c.format)
			dropped := false
			rewriteZip(t, good, bad, func(name string, data []byte) []byte {
				if c.drop.Match(data) && !dropped {
					dropped = true
					return c.drop.ReplaceAll(data, nil)
				}
				return data
			})
			if !dropped {
				t.Fatal("test setup: the paragraph was not found")
			}
			r, err = File(ed.Doc, "en", c.format, bad)
			if err != nil {
				t.Fatal(err)
			}
			if r.OK() || !strings.Contains(strings.Join(r.Details(), "\n"), "unit transport.p2 is missing") {
				t.Errorf("want transport.p2 reported missing, got %s\n%v", r.Summary(), r.Details())
			}
		})
	}
	_ = doc.Units
}

func TestFind(t *testing.T) {
	text := Tokens("Intro. The number grew to 4,0009 and then page 7 Running Head 8 more words here. Tail.")
	for _, c := range []struct {
		unit string
		ok   bool
	}{
		{"The number grew to 4,000 and then", true},
		{"and then more words here", true},
		{"The number fell", false},
	} {
		s, _, _ := Find(text, Tokens(c.unit), 0)
		if (s >= 0) != c.ok {
			t.Errorf("Find(%q) = %d", c.unit, s)
		}
	}
}

func TestScattered(t *testing.T) {
	for _, c := range []struct {
		text, s string
		want    bool
	}{
		{"githubuntentcomusercont13079058v4entcom", "githubusercontent", true},
		{"abcdef", "abcdef", true},
		{"githubxyz", "githubusercontent", false},
		{"tnetnocresubuhtig", "githubusercontent", false},
	} {
		if got := Scattered(c.text, c.s); got != c.want {
			t.Errorf("Scattered(%q, %q) = %v", c.text, c.s, got)
		}
	}
}

func TestNearby(t *testing.T) {
	text := Tokens("(Refer to atomic/) other http://www.example.com/really- words")
	if !nearby(text, Tokens("Refer to http://www.example.com/really-atomic/")) {
		t.Error("a unit whose words are all close together is there")
	}
	if nearby(text, Tokens("Refer to http://www.example.com/gone")) {
		t.Error("a unit with a word that is not there is not")
	}
}
