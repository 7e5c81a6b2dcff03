package xliff

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/deadline"
	"github.com/press/press/internal/doc"
)

// Seeds are in testdata/fuzz/<FuzzName>.

// FuzzParse: any file is parsed or refused on one line, never a panic or
// a hang, and every target it returns is in the placeholder notation.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><xliff version="2.1" trgLang="ru"><file id="f"><unit id="a.p1"><segment state="final"><source>A <pc id="1">b</pc><ph id="n1"/></source><target>Б <pc id="1">в</pc><ph id="2"/><ph id="n1"/></target></segment></unit></file></xliff>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var units []Unit
		var err error
		deadline.Within(10*time.Second, "XLIFF parser", func() { _, units, err = Parse(data) })
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error is not one line: %q", err.Error())
			}
			return
		}
		for _, u := range units {
			if _, err := catalog.Tokenize(u.Target); err != nil {
				t.Fatalf("unit %s: target %q is not in the placeholder notation: %v", u.ID, u.Target, err)
			}
		}
	})
}

// FuzzExportParse: a translation exported to XLIFF and parsed back is the
// same, placeholder for placeholder; a translation that cannot travel as
// XLIFF is refused by Export, which never writes a file Parse cannot read.
func FuzzExportParse(f *testing.F) {
	f.Add(`Б <1>в</1><2/>{n:1} \< \{ \\ & ]]> "'`)
	en := "A <1>b</1><2/>{n:1}"
	f.Fuzz(func(t *testing.T, target string) {
		src, c := oneUnit(en, target)
		data, err := Export(src, nil, c, nil)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ru.toml:3: p.p1: ") {
				t.Fatalf("refusal does not name the unit: %v", err)
			}
			return
		}
		lang, units, err := Parse(data)
		if err != nil {
			t.Fatalf("Export wrote a file Parse refuses: %v\n%s", err, data)
		}
		if lang != "ru" || len(units) != 1 || units[0].ID != "p.p1" {
			t.Fatalf("lang %q, units %+v", lang, units)
		}
		if strings.TrimSpace(target) == "" {
			return // not exported as a target
		}
		want, _ := catalog.Tokenize(target)
		got, err := catalog.Tokenize(units[0].Target)
		if err != nil {
			t.Fatal(err)
		}
		if !xmlSafe(target) {
			return // XML cannot carry such characters; Export replaced them
		}
		if !reflect.DeepEqual(merge(want), merge(got)) {
			t.Fatalf("target changed through XLIFF:\n%q\n%q", target, units[0].Target)
		}
	})
}

// oneUnit is a document of one paragraph whose English is en (in the
// placeholder notation, over one emphasis, one break and note 1) and a
// Russian catalogue translating it as target.
func oneUnit(en, target string) (*doc.Document, *catalog.Catalogue) {
	note := &doc.Note{Label: "1", ID: "fn.1", Content: []doc.Inline{&doc.Text{Text: "N."}}}
	p := &doc.Paragraph{ID: "p.p1", Content: []doc.Inline{&doc.Text{Text: "A "}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: "b"}}},
		&doc.LineBreak{}, &doc.NoteRef{Note: note}}}
	d := &doc.Document{Meta: doc.Meta{SourceLang: "en"}, Blocks: []doc.Block{p}}
	if got := catalog.Encode(p.Content); got != en {
		panic("English unit is " + got)
	}
	file, err := catalog.ParseFile(catalog.Format("", []*catalog.Entry{{ID: "p.p1", Hash: catalog.Hash(en), Other: "x"}}), "ru.toml")
	if err != nil {
		panic(err)
	}
	file.Entries[0].Other = target
	return d, &catalog.Catalogue{Lang: "ru", Document: file, Edition: &catalog.File{}, Obsolete: &catalog.File{}}
}

// xmlSafe: XML 1.0 can carry every character of s.
func xmlSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}

// merge joins neighbouring text tokens, which XML may split or join.
func merge(ts []catalog.Token) []catalog.Token {
	var out []catalog.Token
	for _, t := range ts {
		if t.Kind == catalog.TextToken && len(out) > 0 && out[len(out)-1].Kind == catalog.TextToken {
			out[len(out)-1].Text += t.Text
			continue
		}
		out = append(out, t)
	}
	return out
}
