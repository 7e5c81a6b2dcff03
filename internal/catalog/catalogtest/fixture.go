// Package catalogtest builds, for the exchange formats' tests, a copy of a
// real catalogue in every state a translator meets: current, reviewed and
// final units, a draft, stale units (from a changed manuscript), an
// untranslated unit and a translator's query.
package catalogtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/markdown"
)

// Root is the repository, from a package two levels down.
const Root = "../.."

// Manuscript is the source, from Root.
const Manuscript = "source/china-image-kazakhstan.md"

// Edits change the manuscript so that sync makes stale and new units.
var Edits = []struct{ Old, New string }{
	{"Kazakhs have been particularly resistant", "Kazakhs have been notably resistant"},
	{"Ibid. p. 13.", "Ibid. p. 14."},
	{"# Closing Remarks {#closing-remarks}", "# Concluding Remarks {#closing-remarks}"},
	{"Soft power, a state's ability to persuade another", "Scholars disagree on how far such narratives travel beyond official statements.\n\nSoft power, a state's ability to persuade another"},
}

// Fixture writes the catalogue of lang, synced to the edited manuscript,
// with a draft, a reviewed, a final unit and a query, into a temporary
// locales folder, and loads it.
func Fixture(t testing.TB, lang string) (*doc.Document, *catalog.Catalogue) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(Root, Manuscript))
	if err != nil {
		t.Fatal(err)
	}
	md := string(raw)
	for _, e := range Edits {
		if !strings.Contains(md, e.Old) {
			t.Fatalf("the manuscript no longer has %q", e.Old)
		}
		md = strings.Replace(md, e.Old, e.New, 1)
	}
	src, _, err := markdown.Read([]byte(md), Manuscript, markdown.Options{Root: Root})
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(filepath.Join(Root, "locales"), lang)
	if err != nil {
		t.Fatal(err)
	}
	document, obsolete, _ := catalog.Sync(src, c)
	set := map[string]func(*catalog.Entry){
		"abstract.p1": func(e *catalog.Entry) { e.State = catalog.StateDraft },
		"abstract.p2": func(e *catalog.Entry) { e.State = catalog.StateReviewed },
		"abstract.p3": func(e *catalog.Entry) { e.State = catalog.StateFinal },
		"fn.9": func(e *catalog.Entry) {
			e.Note = "The URL has a space: \"chin perspectives\".\nIs it \"chinaperspectives\"?"
		},
		"introduction": func(e *catalog.Entry) { e.Note = "Query: \"Introduction\" or \"Preface\"?" },
	}
	for _, e := range document {
		if f := set[e.ID]; f != nil {
			f(e)
			delete(set, e.ID)
		}
	}
	if len(set) > 0 {
		t.Fatalf("units not in the catalogue: %v", set)
	}
	dir := filepath.Join(t.TempDir(), "locales")
	os.MkdirAll(filepath.Join(dir, lang), 0o755)
	write := func(name string, es []*catalog.Entry) {
		if err := os.WriteFile(filepath.Join(dir, lang, name), catalog.Format(catalog.Header(lang), es), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(catalog.DocumentFile, document)
	write(catalog.ObsoleteFile, obsolete)
	// The English edition strings, with "Contents" reworded: a stale
	// edition string.
	os.MkdirAll(filepath.Join(dir, "en"), 0o755)
	enEdition, err := os.ReadFile(filepath.Join(Root, "locales/en", catalog.EditionFile))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "en", catalog.EditionFile), enEdition, 0o644)
	data, err := os.ReadFile(filepath.Join(Root, "locales", lang, catalog.EditionFile))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, lang, catalog.EditionFile), data, 0o644)
	english := English(t, dir)
	if c, err = catalog.Load(dir, lang); err != nil {
		t.Fatal(err)
	}
	edition, _ := catalog.SyncEdition(english, c) // the hashes
	for _, e := range edition {
		switch e.ID {
		case "colophon.notes":
			e.Note = "Is \"notes\" the footnotes or the endnotes?"
		case "back-to-text":
			e.State = catalog.StateDraft
		}
	}
	os.WriteFile(filepath.Join(dir, lang, catalog.EditionFile), catalog.Format(c.Edition.Header, edition), 0o644)
	os.WriteFile(filepath.Join(dir, "en", catalog.EditionFile), []byte(strings.Replace(string(enEdition), `other = "Contents"`, `other = "Table of Contents"`, 1)), 0o644)
	english = English(t, dir)
	if c, err = catalog.Load(dir, lang); err != nil {
		t.Fatal(err)
	}
	edition, _ = catalog.SyncEdition(english, c)
	os.WriteFile(filepath.Join(dir, lang, catalog.EditionFile), catalog.Format(c.Edition.Header, edition), 0o644)
	if c, err = catalog.Load(dir, lang); err != nil {
		t.Fatal(err)
	}
	st := catalog.Status(src, c)
	catalog.EditionStatus(&st, english, c)
	if st.Stale < 3 || st.Draft != 1 || st.Missing != 1 || st.Queries != 3 || st.EditionStale != 1 {
		t.Fatalf("fixture %s: %+v", lang, st)
	}
	return src, c
}

// English loads the English catalogue of a locales folder (Fixture's:
// filepath.Dir(c.Dir)).
func English(t testing.TB, locales string) *catalog.Catalogue {
	t.Helper()
	en, err := catalog.Load(locales, "en")
	if err != nil {
		t.Fatal(err)
	}
	return en
}

// Reload writes entries as the catalogue's files and reads them back
// (edition nil: the edition file stays as it is).
func Reload(t testing.TB, c *catalog.Catalogue, document, obsolete, edition []*catalog.Entry) *catalog.Catalogue {
	t.Helper()
	os.WriteFile(c.Document.Path, catalog.Format(c.Document.HeaderOr(catalog.Header(c.Lang)), document), 0o644)
	os.WriteFile(c.Obsolete.Path, catalog.Format(catalog.ObsoleteHeader, obsolete), 0o644)
	if edition != nil {
		os.WriteFile(c.Edition.Path, catalog.Format(c.Edition.Header, edition), 0o644)
	}
	c2, err := catalog.Load(filepath.Dir(c.Dir), c.Lang)
	if err != nil {
		t.Fatal(err)
	}
	return c2
}
