package xliff

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/catalog/catalogtest"
	"github.com/press/press/internal/markdown"
	"github.com/press/press/internal/testtool"
)

// roundTrip exports, imports and exports again.
func roundTrip(t *testing.T, lang string) (first, second []byte, before, after *catalog.Catalogue) {
	src, c := catalogtest.Fixture(t, lang)
	english := catalogtest.English(t, filepath.Dir(c.Dir))
	first, err := Export(src, english, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, units, err := Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	document, obsolete, _, err := catalog.Import(src, c, Imports(units), lang+".xlf")
	if err != nil {
		t.Fatal(err)
	}
	edition, err := catalog.ImportEdition(english, c, EditionImports(units), lang+".xlf")
	if err != nil {
		t.Fatal(err)
	}
	before = c
	beforeEdition := catalog.Format("", c.Edition.Entries)
	after = catalogtest.Reload(t, c, document, obsolete, edition)
	if !bytes.Equal(beforeEdition, catalog.Format("", after.Edition.Entries)) {
		t.Errorf("the import changed the edition strings")
	}
	if second, err = Export(src, english, after, nil); err != nil {
		t.Fatal(err)
	}
	return first, second, before, after
}

// Export, import, export: the same file and the same catalogue, drafts,
// stale units (with their earlier English), reviewed and final units and
// translator notes included.
func TestRoundTripChangesNothing(t *testing.T) {
	for _, lang := range []string{"kk", "ru", "zh"} {
		t.Run(lang, func(t *testing.T) {
			first, second, before, after := roundTrip(t, lang)
			if !bytes.Equal(first, second) {
				t.Errorf("the second export differs from the first")
			}
			if a, b := catalog.Format("", before.Document.Entries), catalog.Format("", after.Document.Entries); !bytes.Equal(a, b) {
				t.Errorf("the import changed the catalogue")
			}
			for _, want := range []string{
				`state="initial"`, `state="reviewed"`, `state="final"`, `<note category="previous">`,
				`<note category="translator">The URL has a space`, `<pc id="1" canDelete="no" type="fmt" subType="xlf:i"`,
				`type="link"`, `<mrk id="m1" translate="no">`, `<ph id="n1" canDelete="no"`, `<note category="context">paragraph; section: Introduction</note>`,
				`<file id="edition"`, `<segment id="other" state="translated">`, `<note category="translator">Is &#34;notes&#34;`,
			} {
				if !bytes.Contains(first, []byte(want)) {
					t.Errorf("the export lacks %s", want)
				}
			}
		})
	}
}

// The exports validate against the OASIS XLIFF 2.1 core schema.
func TestExportValidatesAgainstTheSchema(t *testing.T) {
	testtool.Validators(t)
	schema := filepath.Join(catalogtest.Root, "testdata/xliff/xliff_core_2.0.xsd")
	for _, lang := range []string{"kk", "ru", "zh"} {
		first, _, _, _ := roundTrip(t, lang)
		f := filepath.Join(t.TempDir(), lang+".xlf")
		os.WriteFile(f, first, 0o644)
		_, errText, err := testtool.Try(t, time.Minute, "xmllint", "--noout", "--nonet", "--schema", schema, f)
		if err != nil || !strings.Contains(errText, "validates") {
			t.Errorf("%s: %v\n%s", lang, err, errText)
		}
	}
	// The schema is strict enough to refuse what it should.
	bad := filepath.Join(t.TempDir(), "bad.xlf")
	os.WriteFile(bad, []byte(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en"><file id="f"><unit id="u"><segment state="done"><source>x</source></segment></unit></file></xliff>`), 0o644)
	if _, errText, err := testtool.Try(t, time.Minute, "xmllint", "--noout", "--nonet", "--schema", schema, bad); err == nil {
		t.Errorf("an invalid state validated:\n%s", errText)
	}
}

// What CAT tools write: a unit in two segments, <sc>/<ec>, <mrk>, a
// translator's note, match suggestions of another namespace.
func TestParseWhatToolsWrite(t *testing.T) {
	in := `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.1" srcLang="en" trgLang="ru">
 <file id="document">
  <unit id="a.p1">
   <mtc:matches><mtc:match ref="#s1"><source>A b.</source><target>НЕ ЭТО</target></mtc:match></mtc:matches>
   <notes><note category="translator">Query</note><note category="context">paragraph</note></notes>
   <segment id="s1" state="translated"><source>One <pc id="1">two</pc>.</source><target>Один <sc id="1"/>два<ec startRef="1"/>.</target></segment>
   <ignorable><source> </source><target> </target></ignorable>
   <segment id="s2" state="initial"><source>Three<ph id="n4"/>.</source><target><mrk id="m1" type="term">Три</mrk><ph id="n4"/>.</target></segment>
  </unit>
 </file>
 <file id="other">
  <notes><note>A file's note, not a unit's.</note></notes>
  <unit id="b"><segment><source>x</source></segment></unit>
 </file>
</xliff>`
	lang, units, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if lang != "ru" || len(units) != 2 || units[1].Note != "" {
		t.Fatalf("%s %+v", lang, units)
	}
	u := units[0]
	if u.Target != "Один <1>два</1>. Три{n:4}." || u.Source != "One <1>two</1>. Three{n:4}." || u.State != "initial" || u.Note != "Query" {
		t.Errorf("%+v", u)
	}
	if ims := Imports(units); ims[0].State != catalog.StateDraft {
		t.Errorf("a unit with an initial segment is not a draft: %+v", ims[0])
	}
}

// An XLIFF exported before the English changed comes back: its units are
// stale, with the English the translator saw, never current.
func TestImportOfAnOlderExportIsStale(t *testing.T) {
	orig, _, err := markdown.ReadFile(filepath.Join(catalogtest.Root, catalogtest.Manuscript), markdown.Options{Root: catalogtest.Root})
	if err != nil {
		t.Fatal(err)
	}
	src, c := catalogtest.Fixture(t, "ru")
	c0, err := catalog.Load(filepath.Join(catalogtest.Root, "locales"), "ru")
	if err != nil {
		t.Fatal(err)
	}
	old, err := Export(orig, nil, c0, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The translator "improves" the unit whose English changed since.
	old = bytes.Replace(old, []byte("Казахстанцы особенно"), []byte("Казахстанцы ОСОБЕННО"), 1)
	_, units, err := Parse(old)
	if err != nil {
		t.Fatal(err)
	}
	document, obsolete, rep, err := catalog.Import(src, c, Imports(units), "old.xlf")
	if err != nil {
		t.Fatal(err)
	}
	after := catalogtest.Reload(t, c, document, obsolete, nil)
	st := catalog.Status(src, after)
	if rep.Stale == 0 || st.Stale != catalog.Status(src, c).Stale {
		t.Errorf("report %+v, status %+v", rep, st)
	}
	found := false
	for _, e := range after.Document.Entries {
		if strings.Contains(e.Other, "ОСОБЕННО") {
			found = true
			if e.State != catalog.StateStale || !strings.Contains(e.Previous, "particularly") || e.ID != "agriculture.p2" {
				t.Errorf("the older translation was taken as current: %+v", e)
			}
		}
	}
	if !found {
		t.Error("the imported translation is nowhere")
	}
}

func TestBrokenImportRefused(t *testing.T) {
	src, c := catalogtest.Fixture(t, "ru")
	data, err := Export(src, nil, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A CAT tool that lost a footnote code.
	i := bytes.Index(data, []byte(`<unit id="introduction.p1">`))
	i += bytes.Index(data[i:], []byte("<target>"))
	j := bytes.Index(data[i:], []byte(`<ph id="n1" `))
	k := bytes.Index(data[i+j:], []byte("/>"))
	broken := append(append([]byte{}, data[:i+j]...), data[i+j+k+2:]...)
	_, units, err := Parse(broken)
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, err = catalog.Import(src, c, Imports(units), "ru.xlf")
	if err == nil || !strings.Contains(err.Error(), "unit introduction.p1: footnote reference {n:1} is missing") || !strings.Contains(err.Error(), "unchanged") {
		t.Errorf("got %v", err)
	}
	if _, _, err := Parse([]byte("<xliff><file><unit id=\"a\"><segment><target><pc id=\"1\">x</target></segment></unit></file></xliff>")); err == nil {
		t.Error("malformed XML accepted")
	}
}
