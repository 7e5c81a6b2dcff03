package xliff

import (
	"strings"
	"testing"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/markdown"
)

func realCatalogue(t *testing.T, lang string) (*catalog.Catalogue, []catalog.Imported, func() []byte) {
	t.Helper()
	d, _, err := markdown.ReadFile("../../source/china-image-kazakhstan.md", markdown.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load("../../locales", lang)
	if err != nil {
		t.Fatal(err)
	}
	data, err := Export(d, c)
	if err != nil {
		t.Fatal(err)
	}
	_, units, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var ims []catalog.Imported
	for _, u := range units {
		ims = append(ims, catalog.Imported{ID: u.ID, Target: u.Target, Done: u.State == "translated"})
	}
	return c, ims, func() []byte { return data }
}

func TestRoundTripChangesNothing(t *testing.T) {
	for _, lang := range []string{"ru", "kk", "zh"} {
		t.Run(lang, func(t *testing.T) {
			d, _, _ := markdown.ReadFile("../../source/china-image-kazakhstan.md", markdown.Options{})
			c, ims, data := realCatalogue(t, lang)
			if !strings.Contains(string(data()), `<ph id="n1" equiv="{n:1}"`) || !strings.Contains(string(data()), `<pc id="1">`) {
				t.Error("inline codes missing")
			}
			entries, err := catalog.Import(d, c, ims, "x.xlf")
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != len(c.Document.Entries) {
				t.Fatalf("%d entries, had %d", len(entries), len(c.Document.Entries))
			}
			for i, e := range entries {
				o := c.Document.Entries[i]
				if e.ID != o.ID || e.Other != o.Other || e.Hash != o.Hash || e.Description != o.Description {
					t.Errorf("unit %s changed:\n%+v\n%+v", e.ID, o, e)
				}
			}
		})
	}
}

func TestBrokenImportRefused(t *testing.T) {
	d, _, _ := markdown.ReadFile("../../source/china-image-kazakhstan.md", markdown.Options{})
	c, _, data := realCatalogue(t, "ru")
	// A CAT tool that lost a footnote code in one unit and an italic in another.
	broken := strings.Replace(string(data()), `<ph id="n1" equiv="{n:1}" disp="1"/>`, "", 2)
	_, units, err := Parse([]byte(broken))
	if err != nil {
		t.Fatal(err)
	}
	var ims []catalog.Imported
	for _, u := range units {
		ims = append(ims, catalog.Imported{ID: u.ID, Target: u.Target, Done: true})
	}
	_, err = catalog.Import(d, c, ims, "ru.xlf")
	if err == nil || !strings.Contains(err.Error(), "ru.xlf: unit introduction.p1: footnote reference {n:1} is missing") || !strings.Contains(err.Error(), "unchanged") {
		t.Errorf("got %v", err)
	}
	if _, _, err := Parse([]byte("<xliff><file><unit id=\"a\"><segment><target><pc id=\"1\">x</target></segment></unit></file></xliff>")); err == nil {
		t.Error("malformed XML accepted")
	}
}
