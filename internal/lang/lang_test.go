package lang

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	builtin "github.com/press/press/locales"
)

func TestChinese(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{1, "一"}, {5, "五"}, {10, "十"}, {12, "十二"}, {20, "二十"}, {21, "二十一"}, {99, "九十九"}, {100, "100"}} {
		if got := Chinese(c.n); got != c.want {
			t.Errorf("Chinese(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

// The built-in languages, read from their language.toml, are what press
// set before languages were data.
func TestBuiltinProfiles(t *testing.T) {
	for _, c := range []struct {
		code, tag, wordTag, name string
		script                   Script
		quotes                   [4]string
		sep                      string
		left, right              int
		indent                   bool
		chapter12                string
		patterns, rules          string
	}{
		{"en", "en", "en-GB", "English", Latin, [4]string{"“", "”", "‘", "’"}, ". ", 2, 3, false, "12", "hyph-en-gb", ""},
		{"ru", "ru", "ru-RU", "Русский", Cyrillic, [4]string{"«", "»", "„", "“"}, ". ", 2, 2, true, "12", "hyph-ru", ""},
		{"kk", "kk", "kk-KZ", "Қазақша", Cyrillic, [4]string{"«", "»", "„", "“"}, ". ", 2, 2, true, "12", "", "kazakh"},
		{"zh", "zh-Hans", "zh-CN", "简体中文", Han, [4]string{"“", "”", "‘", "’"}, "\u3000", 1, 1, true, "十二", "", ""},
		{"en-XA", "en-XA", "en-US", "Pseudo-English", Latin, [4]string{"“", "”", "‘", "’"}, ". ", 2, 3, false, "12", "hyph-en-gb", ""},
	} {
		p, err := Get(c.code)
		if err != nil {
			t.Fatal(err)
		}
		got := []any{p.Code, p.Tag, p.WordTag, p.Name, p.Script, p.Quotes, p.LabelSep, p.LeftMin, p.RightMin, p.IndentFirst, p.Numeral(12), p.HyphenationPatterns, p.HyphenationRules}
		want := []any{c.code, c.tag, c.wordTag, c.name, c.script, c.quotes, c.sep, c.left, c.right, c.indent, c.chapter12, c.patterns, c.rules}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: field %d = %v, want %v", c.code, i, got[i], want[i])
			}
		}
	}
	if p, _ := Get("en-XA"); !p.Pseudo {
		t.Error("en-XA is not the pseudo-locale")
	}
	if _, err := Get("xx"); err == nil || !strings.Contains(err.Error(), "press lang add xx") {
		t.Errorf("Get(xx): %v", err)
	}
}

var update = flag.Bool("update", false, "rewrite locales/*/language.toml in Format's form")

// The built-in files are in the form Format writes (press lang add's),
// so they read the same as a new language's.
func TestBuiltinFilesAreFormatted(t *testing.T) {
	paths, _ := fs.Glob(builtin.FS, "*/"+FileName)
	if len(paths) != 4 {
		t.Fatalf("built-in profiles: %v", paths)
	}
	for _, path := range paths {
		data, _ := fs.ReadFile(builtin.FS, path)
		p, err := Parse(data, path, "")
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			os.WriteFile(filepath.Join("../../locales", path), Format(p, nil), 0o644)
			continue
		}
		if got := string(Format(p, nil)); got != string(data) {
			t.Errorf("%s is not as Format writes it:\n%s", path, got)
		}
	}
}

func TestParseErrors(t *testing.T) {
	good := string(Format(&Profile{Code: "de", Tag: "de", WordTag: "de-DE", Name: "Deutsch", Script: Latin,
		Quotes: [4]string{"„", "“", "‚", "‘"}, LabelSep: ". ", LeftMin: 2, RightMin: 2, Numerals: "western"}, nil))
	if _, err := Parse([]byte(good), "language.toml", ""); err != nil {
		t.Fatalf("good profile: %v", err)
	}
	for _, c := range []struct{ old, new, want string }{
		{`code = "de"`, `code = ""`, "language.toml:3: code: missing"},
		{`script = "Latin"`, `script = "Arabic"`, `language.toml:8: script: script "Arabic": press sets Latin, Cyrillic and Han text`},
		{`outer = ["„", "“"]`, `outer = ["„"]`, "language.toml:12: outer: want quotes.outer and quotes.inner"},
		{`numerals = "western"`, `numerals = "roman"`, `numerals = "roman": want western or chinese`},
		{`rules = ""`, `rules = "german"`, `"german": the rule-based hyphenators are: kazakh`},
		{`left_min = 2`, `left_min = 0`, "want 1 or more"},
		{`name = "Deutsch"`, "name = \"Deutsch\"\nsurname = 1", `unknown key "surname"`},
		{`tag = "de"`, `tag = "de`, "language.toml:4:"},
	} {
		bad := strings.Replace(good, c.old, c.new, 1)
		if bad == good {
			t.Fatalf("%q not in the profile", c.old)
		}
		_, err := Parse([]byte(bad), "language.toml", "")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s → %v; want %q", c.new, err, c.want)
		}
	}
}

func TestScaffold(t *testing.T) {
	for _, c := range []struct {
		code, name, english, wordTag string
		script                       Script
		quotes                       [4]string
		decimal, group               string
	}{
		{"de", "Deutsch", "German", "de-DE", Latin, [4]string{"„", "“", "‚", "‘"}, ",", "."},
		{"uk", "українська", "Ukrainian", "uk-UA", Cyrillic, [4]string{"«", "»", "„", "“"}, ",", "\u00a0"},
		{"pt-BR", "português", "Brazilian Portuguese", "pt-BR", Latin, [4]string{"“", "”", "‘", "’"}, ",", "."},
		{"zh-Hant", "繁體中文", "Traditional Chinese", "zh-TW", Han, [4]string{"“", "”", "‘", "’"}, ".", ","},
	} {
		p, todo, err := Scaffold(c.code)
		if err != nil {
			t.Fatal(err)
		}
		got := []any{p.Name, p.EnglishName, p.WordTag, p.Script, p.Quotes, p.DecimalSeparator, p.GroupSeparator}
		want := []any{c.name, c.english, c.wordTag, c.script, c.quotes, c.decimal, c.group}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: field %d = %q, want %q", c.code, i, got[i], want[i])
			}
		}
		if _, ok := todo["indent_first_paragraph"]; !ok {
			t.Errorf("%s: indent_first_paragraph not left to check", c.code)
		}
		// What it makes reads back.
		if _, err := Parse(Format(p, todo), "language.toml", ""); err != nil {
			t.Errorf("%s: %v", c.code, err)
		}
	}
	if _, _, err := Scaffold("ar"); err == nil || !strings.Contains(err.Error(), "Arab") {
		t.Errorf("Arabic: %v", err)
	}
	if _, _, err := Scaffold("not a tag"); err == nil {
		t.Error("a bad tag was taken")
	}
}
