package po

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/catalog/catalogtest"
	"github.com/press/press/internal/testtool"
)

// importInto imports a PO file into c and reads the result back.
func importInto(t *testing.T, c *catalog.Catalogue, data []byte) *catalog.Catalogue {
	t.Helper()
	src, _ := catalogtest.Fixture(t, c.Lang)
	all, err := Parse(data, c.Lang+".po")
	if err != nil {
		t.Fatal(err)
	}
	ims, eds := Split(all)
	document, obsolete, _, err := catalog.Import(src, c, ims, c.Lang+".po")
	if err != nil {
		t.Fatal(err)
	}
	edition, err := catalog.ImportEdition(catalogtest.English(t, filepath.Dir(c.Dir)), c, eds, c.Lang+".po")
	if err != nil {
		t.Fatal(err)
	}
	return catalogtest.Reload(t, c, document, obsolete, edition)
}

// Export, import, export: the same file and the same catalogue, drafts,
// stale units, reviewed and final units and translator notes included.
func TestRoundTripChangesNothing(t *testing.T) {
	for _, lang := range []string{"kk", "ru", "zh"} {
		t.Run(lang, func(t *testing.T) {
			src, c := catalogtest.Fixture(t, lang)
			english := catalogtest.English(t, filepath.Dir(c.Dir))
			first := Export(src, english, c, nil)
			before := catalog.Format("", c.Document.Entries)
			beforeEdition := catalog.Format("", c.Edition.Entries)
			after := importInto(t, c, first)
			if !bytes.Equal(before, catalog.Format("", after.Document.Entries)) {
				t.Error("the import changed the catalogue")
			}
			if !bytes.Equal(beforeEdition, catalog.Format("", after.Edition.Entries)) {
				t.Errorf("the import changed the edition strings:\n%s", catalog.Format("", after.Edition.Entries))
			}
			if second := Export(src, english, after, nil); !bytes.Equal(first, second) {
				t.Error("the second export differs from the first")
			}
			for _, want := range []string{"#, fuzzy\n#| msgid ", "# The URL has a space", "#. paragraph; section: Introduction\n", "#: locales/" + lang + "/document.toml:", "\"Plural-Forms: nplurals=", "msgctxt \"edition:colophon.notes\"\nmsgid \"This edition has {{.Count}} note.\"\nmsgid_plural \"This edition has {{.Count}} notes.\"\nmsgstr[0] "} {
				if !bytes.Contains(first, []byte(want)) {
					t.Errorf("the export lacks %q", want)
				}
			}
			if Language(first) != lang {
				t.Errorf("Language: %q", Language(first))
			}
		})
	}
}

// msgfmt -c accepts the exports without a warning; msgmerge (as Poedit
// and Weblate update a file from its template) and msgattrib rewrite them
// in their own way, and the result imports back to the same catalogue.
func TestGettextAcceptsAndRoundTrips(t *testing.T) {
	testtool.Validators(t)
	run := func(name string, args ...string) {
		t.Helper()
		_, errText, err := testtool.Try(t, time.Minute, name, args...)
		if err != nil || errText != "" {
			t.Fatalf("%s: %v\n%s", name, err, errText)
		}
	}
	for _, lang := range []string{"kk", "ru", "zh"} {
		t.Run(lang, func(t *testing.T) {
			src, c := catalogtest.Fixture(t, lang)
			dir := t.TempDir()
			po := filepath.Join(dir, lang+".po")
			data := Export(src, catalogtest.English(t, filepath.Dir(c.Dir)), c, nil)
			os.WriteFile(po, data, 0o644)
			run("msgfmt", "-c", "--check-format", "-o", os.DevNull, po)
			// The template: the same entries without translations.
			pot := filepath.Join(dir, lang+".pot")
			var tb strings.Builder
			for _, l := range strings.SplitAfter(string(data), "\n") {
				if strings.HasPrefix(l, "msgstr ") && !strings.HasPrefix(l, `msgstr ""`) {
					l = "msgstr \"\"\n"
				}
				if strings.HasPrefix(l, "msgstr[") {
					l = l[:strings.Index(l, "]")+1] + " \"\"\n"
				}
				tb.WriteString(l)
			}
			os.WriteFile(pot, []byte(tb.String()), 0o644)
			merged := filepath.Join(dir, "merged.po")
			run("msgmerge", "--quiet", "--previous", "-o", merged, po, pot)
			final := filepath.Join(dir, "final.po")
			run("msgattrib", "--no-obsolete", "--width=60", "-o", final, merged)
			rewritten, _ := os.ReadFile(final)
			if bytes.Equal(rewritten, data) {
				t.Fatal("gettext wrote the file unchanged: the test proves nothing")
			}
			before := catalog.Format("", c.Document.Entries)
			beforeEdition := catalog.Format("", c.Edition.Entries)
			after := importInto(t, c, rewritten)
			if !bytes.Equal(before, catalog.Format("", after.Document.Entries)) || !bytes.Equal(beforeEdition, catalog.Format("", after.Edition.Entries)) {
				t.Error("the file rewritten by msgmerge and msgattrib imported differently")
			}
		})
	}
}

func TestBrokenImportRefused(t *testing.T) {
	src, c := catalogtest.Fixture(t, "kk")
	lines := strings.Split(string(Export(src, nil, c, nil)), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "msgstr ") && strings.Contains(l, "</1>") && !strings.Contains(lines[i-1], "Soft") {
			lines[i] = strings.Replace(l, "</1>", "", 1)
			break
		}
	}
	ims, err := Parse([]byte(strings.Join(lines, "\n")), "kk.po")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := catalog.Import(src, c, ims, "kk.po"); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("broken import: %v", err)
	}
	if _, err := Parse([]byte("msgid \"unterminated\n"), "x.po"); err == nil || !strings.Contains(err.Error(), "x.po:1:") {
		t.Errorf("bad PO: %v", err)
	}
}

// A fuzzy entry is a draft, never finished; with "#| msgid" it is stale.
func TestFuzzyIsNotDone(t *testing.T) {
	ims, err := Parse([]byte("#, fuzzy\nmsgctxt \"a\"\nmsgid \"x\"\nmsgstr \"y\"\n\n#, fuzzy\n#| msgid \"old\"\nmsgctxt \"b\"\nmsgid \"x\"\nmsgstr \"z\"\n\n# a query\n#, c-format\nmsgctxt \"c\"\nmsgid \"x\"\nmsgstr \"w\"\n"), "f.po")
	if err != nil {
		t.Fatal(err)
	}
	if len(ims) != 3 || ims[0].State != catalog.StateDraft || ims[1].State != catalog.StateDraft || ims[1].Previous != "old" ||
		ims[2].State != "" || ims[2].Note != "a query" {
		t.Errorf("%+v", ims)
	}
}
