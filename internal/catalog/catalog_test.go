package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/lang"
	"github.com/press/press/internal/markdown"
)

const head = "---\ntitle: T\nlang: en\n---\n\n# Intro {#intro}\n\n"

func read(t testing.TB, src string) *doc.Document {
	t.Helper()
	d, _, err := markdown.Read([]byte(src), "m.md", markdown.Options{Root: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func ids(d *doc.Document) map[string]string {
	m := map[string]string{}
	for _, u := range doc.Units(d) {
		m[u.ID] = SourceText(u)
	}
	return m
}

func TestIDsStableAcrossNeighbourEdit(t *testing.T) {
	a := ids(read(t, head+"First paragraph.\n\nSecond *one*.[^1]\n\nThird.\n\n[^1]: A note.\n"))
	b := ids(read(t, head+"First paragraph, now edited at length.\n\nSecond *one*.[^1]\n\nThird.\n\n[^1]: A note.\n"))
	for _, id := range []string{"intro.p2", "intro.p3", "fn.1"} {
		if a[id] == "" || a[id] != b[id] {
			t.Errorf("unit %s changed: %q → %q", id, a[id], b[id])
		}
	}
	if a["intro.p1"] == b["intro.p1"] {
		t.Error("the edited unit should differ")
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	d := read(t, head+"Text with *emphasis*, **strong**, [a link](http://x.org), `code`, a note[^7] and a literal \\<tag> and {{braces}}.\n\n[^7]: N.\n")
	u := doc.Units(d)[2]
	s := Encode(*u.Inlines)
	want := `Text with <1>emphasis</1>, <2>strong</2>, <3>a link</3>, <4>code</4>, a note{n:7} and a literal \<tag> and \{\{braces}}.`
	if s != want {
		t.Fatalf("Encode:\n got %s\nwant %s", s, want)
	}
	back, err := Decode(s, *u.Inlines)
	if err != nil {
		t.Fatal(err)
	}
	if Encode(back) != s {
		t.Errorf("round trip: %s", Encode(back))
	}
}

func TestDecodeErrors(t *testing.T) {
	d := read(t, head+"A *b* c.[^1] D.[^2]\n\n[^1]: N.\n\n[^2]: M.\n")
	en := *doc.Units(d)[2].Inlines
	for _, c := range []struct{ in, want string }{
		{"A b c.{n:1} D.{n:2}", "placeholder <1>…</1> is missing"},
		{"A <1>b</1> <1>b</1> c.{n:1} D.{n:2}", "appears twice"},
		{"A <2>b</2> c.{n:1} D.{n:2}", "does not exist in the English"},
		{"A <1>b c.{n:1} D.{n:2}", "<1> is never closed"},
		{"A <1>b</1> c. D.{n:2}", "footnote reference {n:1} is missing"},
		{"A <1>b</1> c.{n:1}{n:1} D.{n:2}", "{n:1} appears twice"},
		{"A <1>b</1> c.{n:9} D.{n:2}{n:1}", "{n:9} is not in the English unit"},
		{"A <1>b</1> {{.Evil}} c.{n:1} D.{n:2}", "unknown placeholder"},
		{"A <1>b</1> <script> c.{n:1} D.{n:2}", "unknown tag <script>"},
	} {
		if _, err := Decode(c.in, en); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Decode(%q) = %v, want %q", c.in, err, c.want)
		}
	}
}

// writeCat writes a catalogue folder and loads it.
func writeCat(t *testing.T, lang, document string) *Catalogue {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, lang), 0o755)
	os.WriteFile(filepath.Join(dir, lang, DocumentFile), []byte(document), 0o644)
	c, err := Load(dir, lang)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSyncStaleNewObsolete(t *testing.T) {
	v1 := read(t, head+"Old text.\n\nKept.\n\nRemoved later.\n")
	first := Extract(v1)
	// A Russian catalogue made from v1.
	var tr []*Entry
	for _, e := range first {
		tr = append(tr, &Entry{ID: e.ID, Description: e.Other, Hash: e.Hash, Other: "перевод " + e.ID})
	}
	c := writeCat(t, "ru", string(Format("test", tr)))
	v2 := read(t, head+"New text.\n\nKept.\n\n## Added {#added}\n\nBrand new.\n")
	docs, obs, rep := Sync(v2, c)
	if rep.NewlyStale != 1 || rep.Added != 2 || rep.Obsoleted != 1 {
		t.Fatalf("report %+v", rep)
	}
	byID := map[string]*Entry{}
	for _, e := range docs {
		byID[e.ID] = e
	}
	stale := byID["intro.p1"]
	if stale.Other != "перевод intro.p1" || stale.State != StateStale || stale.Previous != "Old text." ||
		stale.Description != "New text." || stale.Hash != Hash("Old text.") {
		t.Errorf("stale unit: %+v", stale)
	}
	if byID["added.p1"] == nil || byID["added.p1"].Other != "" {
		t.Errorf("new unit: %+v", byID["added.p1"])
	}
	if len(obs) != 1 || obs[0].ID != "intro.p3" || obs[0].Other != "перевод intro.p3" {
		t.Errorf("obsolete: %+v", obs)
	}
	// Deleting the description accepts nothing: the unit stays stale.
	stale.Description = ""
	c1 := writeCat(t, "ru", string(Format("test", docs)))
	if _, _, rep := Sync(v2, c1); rep.Accepted != 0 || Status(v2, c1).Stale != 1 {
		t.Fatalf("a stale unit without its description was accepted: %+v", rep)
	}
	// The translator updates the text and deletes the state line.
	stale.Other, stale.Description, stale.State = "новый перевод", "New text.", ""
	c2 := writeCat(t, "ru", string(Format("test", docs)))
	docs2, _, rep2 := Sync(v2, c2)
	if rep2.Accepted != 1 {
		t.Fatalf("report %+v", rep2)
	}
	for _, e := range docs2 {
		if e.ID == "intro.p1" && (e.Hash != Hash("New text.") || e.Description != "New text." || e.Previous != "" || e.State != "") {
			t.Errorf("accepted unit: %+v", e)
		}
	}
	st := Status(v2, c1)
	if st.Missing != 2 || st.Stale != 1 {
		t.Errorf("status %+v", st)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, c := range []struct{ name, file, want string }{
		{"broken toml", "[\"a\"]\nother = \"x\n", "document.toml:2: TOML:"},
		{"duplicate id", "[\"a\"]\nother = \"x\"\n\n[\"a\"]\nother = \"y\"\n", "document.toml:4: TOML:"},
		{"mixed keys", "[\"a\"]\nother = \"x\"\nbogus = \"y\"\n", "go-i18n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "ru"), 0o755)
			os.WriteFile(filepath.Join(dir, "ru", DocumentFile), []byte(c.file), 0o644)
			_, err := Load(dir, "ru")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

func TestTranslateErrorsNameFileLineUnit(t *testing.T) {
	d := read(t, head+"A *b* c.\n")
	c := writeCat(t, "ru", "# x\n\n[\"intro\"]\nother = \"Введение\"\n\n[\"intro.p1\"]\nother = \"А б в.\"\n")
	en := writeCat(t, "en", "")
	p, _ := lang.Get("ru")
	_, _, err := Translate(d, en, c, p, false)
	if err == nil || !strings.Contains(err.Error(), "document.toml:6: intro.p1: placeholder <1>…</1> is missing") {
		t.Errorf("got %v", err)
	}
	c = writeCat(t, "ru", "[\"nope\"]\nother = \"x\"\n")
	if _, _, err = Translate(d, en, c, p, false); err == nil || !strings.Contains(err.Error(), "document.toml:1: nope: unknown unit id") {
		t.Errorf("got %v", err)
	}
}

func TestLintChecks(t *testing.T) {
	d := read(t, head+"China spent $27 billion (46.2%) on soft power; see *Forbes*.[^1]\n\n[^1]: See <http://example.org/a>.\n")
	g := &Glossary{}
	gl := filepath.Join(t.TempDir(), "g.toml")
	os.WriteFile(gl, []byte("[[term]]\nen = \"soft power\"\nru = \"мягкая сила\"\nru_match = \"мягк\\\\p{L}* сил\\\\p{L}*\"\n"), 0o644)
	g, err := LoadGlossary(gl)
	if err != nil {
		t.Fatal(err)
	}
	good := "Китай потратил 27\u00a0млрд долларов (46,2\u00a0%) на мягкую силу; см. <1>Forbes</1>.{n:1}"
	for _, c := range []struct {
		name, p1, fn, want string
	}{
		{"good", good, "См. <1>http://example.org/a</1>.", ""},
		{"placeholder", strings.Replace(good, "<1>Forbes</1>", "Forbes", 1), "См. <1>http://example.org/a</1>.", "placeholder <1>…</1> is missing"},
		{"number", strings.Replace(good, "46,2", "46,3", 1), "См. <1>http://example.org/a</1>.", "number 46.2 of the English is missing"},
		{"magnitude", strings.Replace(good, "млрд", "млн", 1), "См. <1>http://example.org/a</1>.", "number 27 of the English is missing"},
		{"url", good, "См. <1>http://example.org/b</1>.", "URL http://example.org/a changed"},
		{"glossary", strings.Replace(good, "мягкую силу", "влияние", 1), "См. <1>http://example.org/a</1>.", `glossary: "soft power"`},
		{"straight quotes", strings.Replace(good, "на мягкую", `на "мягкую`, 1), "См. <1>http://example.org/a</1>.", "straight quotes"},
		{"untranslated", "China spent $27 billion (46.2%) on soft power; see <1>Forbes</1>.{n:1}", "См. <1>http://example.org/a</1>.", "untranslated"},
		{"homoglyph", strings.Replace(good, "Китай", "Kитай", 1), "См. <1>http://example.org/a</1>.", "mixes Latin and Cyrillic"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cat := writeCat(t, "ru", string(Format("t", []*Entry{
				{ID: "meta.title", Hash: Hash("T"), Other: "Т"},
				{ID: "intro", Hash: Hash("Intro"), Other: "Введение"},
				{ID: "intro.p1", Hash: Hash(SourceText(doc.Units(d)[2])), Other: c.p1},
				{ID: "fn.1", Hash: Hash(SourceText(doc.Units(d)[3])), Other: c.fn},
			})))
			ps := Lint(d, cat, g, "Cyrillic")
			var errs []string
			for _, p := range ps {
				if p.Severity == "error" {
					errs = append(errs, p.String())
				}
			}
			all := strings.Join(errs, "\n")
			if c.want == "" {
				if len(errs) > 0 {
					t.Errorf("want no error, got:\n%s", all)
				}
				return
			}
			if !strings.Contains(all, c.want) {
				t.Errorf("want %q, got:\n%s", c.want, all)
			}
			if !strings.Contains(all, "document.toml:") {
				t.Errorf("errors must name file:line: %s", all)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		want       float64
	}{
		{"en", "12,831 scholarships", 12831},
		{"ru", "12\u00a0831 стипендия", 12831},
		{"ru", "46,2\u00a0%", 46.2},
		{"ru", "27 млрд долларов", 27e9},
		{"kk", "27\u00a0млрд доллар", 27e9},
		{"zh", "270亿美元", 27e9},
		{"zh", "80万标准箱", 800000},
		{"zh", "“十三五”规划", 13},
		{"en", "approximately 3.000 Kazakhs", 3000},
	} {
		ns := numbers(c.text, c.lang)
		if !hasNumber(ns, number{values: []float64{c.want}}) {
			t.Errorf("%s %q: %v has no %v", c.lang, c.text, ns, c.want)
		}
	}
}

// The real catalogues: every unit resolves in every language.
func BenchmarkLoadAndResolveAll(b *testing.B) {
	d, _, err := markdown.ReadFile("../../source/china-image-kazakhstan.md", markdown.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		en, err := Load("../../locales", "en")
		if err != nil {
			b.Fatal(err)
		}
		for _, code := range []string{"en", "kk", "ru", "zh"} {
			p, _ := lang.Get(code)
			var c *Catalogue
			if code != "en" {
				if c, err = Load("../../locales", code); err != nil {
					b.Fatal(err)
				}
			}
			if _, _, err := Translate(d, en, c, p, true); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestLintChineseAndEditionStrings(t *testing.T) {
	d := read(t, head+"China and Kazakhstan.\n")
	mk := func(p1 string) *Catalogue {
		return writeCat(t, "zh", string(Format("t", []*Entry{
			{ID: "meta.title", Hash: Hash("T"), Other: "题"},
			{ID: "intro", Hash: Hash("Intro"), Other: "引言"},
			{ID: "intro.p1", Hash: Hash("China and Kazakhstan."), Other: p1},
		})))
	}
	errorsOf := func(ps []Problem) string {
		var b strings.Builder
		for _, p := range ps {
			if p.Severity == "error" {
				b.WriteString(p.String() + "\n")
			}
		}
		return b.String()
	}
	if e := errorsOf(Lint(d, mk("中国和哈萨克斯坦。"), nil, "Han")); e != "" {
		t.Errorf("good Chinese: %s", e)
	}
	if e := errorsOf(Lint(d, mk("中国,和哈萨克斯坦."), nil, "Han")); !strings.Contains(e, "ASCII punctuation next to Chinese characters") {
		t.Errorf("ASCII punctuation not found: %s", e)
	}
	if e := errorsOf(Lint(d, mk("China and Kazakhstan."), nil, "Han")); !strings.Contains(e, "untranslated") || !strings.Contains(e, "no Chinese character") {
		t.Errorf("untranslated not found: %s", e)
	}
	// Edition strings: a template field dropped.
	dir := t.TempDir()
	for _, l := range []string{"en", "zh"} {
		os.MkdirAll(filepath.Join(dir, l), 0o755)
	}
	os.WriteFile(filepath.Join(dir, "en", EditionFile), []byte("[\"chapter\"]\nother = \"Chapter {{.N}}\"\n\n[\"notes\"]\nother = \"Notes\"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "zh", EditionFile), []byte("[\"chapter\"]\nother = \"第章\"\n"), 0o644)
	en, _ := Load(dir, "en")
	zh, _ := Load(dir, "zh")
	ps := EditionLint(en, zh)
	all := fmt.Sprint(ps)
	if !strings.Contains(all, "template fields [] , the English has [{{.N}}]") && !strings.Contains(all, "template fields") {
		t.Errorf("dropped template field not found: %v", ps)
	}
	if !strings.Contains(all, "notes") {
		t.Errorf("missing edition string not reported: %v", ps)
	}
}

// A stale unit written by earlier versions of press (the mark and both
// Englishes in the description) reads as stale, with its previous English.
func TestLegacyStaleDescription(t *testing.T) {
	c := writeCat(t, "ru", "[\"intro.p1\"]\ndescription = \"STALE: the English changed. Update the translation, then delete this description.\\nwas: Old text.\\nnow: New text.\"\nhash = \""+Hash("Old text.")+"\"\nother = \"старый\"\n")
	e := c.Document.Get("intro.p1")
	if e.State != StateStale || e.Previous != "Old text." || e.Description != "New text." {
		t.Errorf("%+v", e)
	}
	d := read(t, head+"New text.\n")
	docs, _, rep := Sync(d, c)
	if p1 := docs[2]; rep.NewlyStale != 0 || p1.ID != "intro.p1" || p1.State != StateStale || p1.Other != "старый" || p1.Previous != "Old text." {
		t.Errorf("%+v %+v", rep, p1)
	}
}

// Two translations obsoleted under the same id are both kept.
func TestObsoleteKeepsBothOfOneID(t *testing.T) {
	old := "[\"intro.p1\"]\ndescription = \"Gone once.\"\nhash = \"" + Hash("Gone once.") + "\"\nother = \"первый\"\n"
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "ru"), 0o755)
	os.WriteFile(filepath.Join(dir, "ru", ObsoleteFile), []byte(old), 0o644)
	os.WriteFile(filepath.Join(dir, "ru", DocumentFile), []byte("[\"intro.p1\"]\ndescription = \"Gone twice.\"\nhash = \""+Hash("Gone twice.")+"\"\nother = \"второй\"\n"), 0o644)
	c, err := Load(dir, "ru")
	if err != nil {
		t.Fatal(err)
	}
	_, obs, _ := Sync(read(t, head+"Something else entirely, nothing like either.\n"), c)
	if len(obs) != 2 || obs[0].Other != "первый" || obs[1].Other != "второй" || obs[0].ID == obs[1].ID {
		t.Fatalf("%+v", obs)
	}
	if _, err := ParseFile(Format(ObsoleteHeader, obs), "obsolete.toml"); err != nil {
		t.Error(err)
	}
}

// A state press does not know is refused with its line.
func TestUnknownState(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "ru"), 0o755)
	os.WriteFile(filepath.Join(dir, "ru", DocumentFile), []byte("\n[\"a\"]\nstate = \"done\"\nother = \"x\"\n"), 0o644)
	if _, err := Load(dir, "ru"); err == nil || !strings.Contains(err.Error(), "document.toml:2: a: state \"done\"") {
		t.Errorf("got %v", err)
	}
}
