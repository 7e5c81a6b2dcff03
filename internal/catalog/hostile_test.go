package catalog

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/press/press/internal/doc"
)

// Fixes of issue 8 (hostile inputs).

func TestParseFileRefusesControlCharacters(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"[\"a.p1\"]\nother = \"x\\u0007y\"\n", `f.toml:1: a.p1: control character U+0007 in the text (before "y"): remove it`},
		{"\n[\"a.p1\"]\nother = \"ok\"\nfew = \"\\u009b\"\n", `f.toml:2: a.p1: control character U+009B in the text (before ""): remove it`},
		{"[\"a\\u0000\"]\nother = \"x\"\n", `f.toml:1: a\x00: control character U+0000`},
		// A TOML message that quotes a raw newline stays on one line.
		{"[\"a\"]\nother = \"x\\\n\"\n", `f.toml:3: TOML: invalid escape in string '\\n'`},
	} {
		_, err := ParseFile([]byte(c.in), "f.toml")
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || strings.ContainsAny(err.Error(), "\n\r") {
			t.Errorf("%q: got %v\nwant %s…", c.in, err, c.want)
		}
	}
	// Tabs and line feeds are text.
	if _, err := ParseFile([]byte("[\"a\"]\nother = \"x\\ty\\nz\"\n"), "f.toml"); err != nil {
		t.Error(err)
	}
}

func TestEditionTemplatesAreNotRun(t *testing.T) {
	for _, ok := range []string{"Глава {{.N}}", "{{ .Count }} notes", "{{.Month}} {{.Year}}", "no template", "}} {", "{n:1}"} {
		if err := checkTemplate(&Entry{Other: ok}); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"{{range 9}}x{{end}}", `{{printf "%s" "x"}}`, "{{.N}} {{.Secret}}", "{{template \"t\"}}", "{{.N", "{{- .N}}", "{{/* c */}}", "{{call .F}}"} {
		err := checkTemplate(&Entry{One: bad, Other: "x"})
		if err == nil || !strings.Contains(err.Error(), "edition strings may use only {{.N}}, {{.Count}}, {{.Month}} and {{.Year}}") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestImportNamesLinesAndRefusesDuplicates(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{&doc.Paragraph{ID: "a.p1", Content: []doc.Inline{&doc.Text{Text: "A "}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: "b"}}}}}}}
	c := Empty(t.TempDir(), "ru")
	_, _, _, err := Import(d, c, []Imported{
		{ID: "a.p1", Target: "Б <1>в</1>", Line: 3},
		{ID: "a.p1", Target: "Б <1>в</1>", Line: 9},
		{ID: "nope", Target: "x", Line: 12},
		{ID: "a.p1", Target: "x"},
	}, "x.po")
	for _, want := range []string{"x.po:9: unit a.p1: appears twice (first at line 3)", "x.po:12: unit nope: not in the source", "x.po: unit a.p1: appears twice (first at line 3)"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v\nwant %q", err, want)
		}
	}
}

func TestMessagesCutAtCharacters(t *testing.T) {
	s := clip(strings.Repeat("ж", 30))
	if !utf8.ValidString(s) || !strings.HasSuffix(s, "…") {
		t.Errorf("clip: %q", s)
	}
	if got := Printable("a\nb\x00c\xffd"); got != `a\nb\x00c\xffd` {
		t.Errorf("printable: %q", got)
	}
}
