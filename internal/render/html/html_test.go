package html_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/render/html"
	"github.com/press/press/internal/testtool"
)

// editions renders the sample manuscript's web edition in every language.
func editions(t *testing.T) map[string]*build.Edition {
	t.Helper()
	root := testtool.Root(t)
	cfg := build.Config{Root: root}
	if err := cfg.Resolve(); err != nil {
		t.Fatal(err)
	}
	src, _, err := build.Load(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	english, err := build.SourceCatalogue(cfg.Locales, src.Meta.SourceLang)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*build.Edition{}
	fs := cfg.FontSet()
	for _, l := range []string{"en", "ru", "kk", "zh"} {
		ed, _, err := build.MakeEdition(src, &cfg, english, l, fs)
		if err != nil {
			t.Fatal(err)
		}
		out[l] = ed
	}
	return out
}

var (
	tags     = regexp.MustCompile(`<[^>]*>`)
	noteRefs = regexp.MustCompile(`<a class="noteref"[^>]*>\d+</a>`)
)

// Every unit, every note and every word reaches the page; the page is
// well-formed (it parses as XML too), ids are unique, every citation
// leads to its note and back, and the page carries its language.
func TestEveryUnitAndNoteOnThePage(t *testing.T) {
	for l, ed := range editions(t) {
		t.Run(l, func(t *testing.T) {
			site, err := html.Render(ed.Doc, html.Options{})
			if err != nil {
				t.Fatal(err)
			}
			page := string(site.Index)
			dec := xml.NewDecoder(bytes.NewReader(site.Index))
			dec.Strict = true
			ids := map[string]bool{}
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed: %v", err)
				}
				if se, ok := tok.(xml.StartElement); ok {
					for _, a := range se.Attr {
						if a.Name.Local == "id" {
							if ids[a.Value] {
								t.Errorf("id %q twice", a.Value)
							}
							ids[a.Value] = true
						}
					}
				}
			}
			if !strings.Contains(page, `<html lang="`+ed.Doc.Meta.Lang+`"`) {
				t.Errorf("no lang=%q on <html>", ed.Doc.Meta.Lang)
			}
			text := strings.Join(strings.Fields(unescape(tags.ReplaceAllString(noteRefs.ReplaceAllString(page, ""), ""))), " ")
			for _, u := range doc.Units(ed.Doc) {
				plain := ""
				if u.Text != nil {
					plain = *u.Text
				} else {
					plain = doc.PlainText(*u.Inlines)
					if u.Kind != "meta" && !strings.Contains(page, `data-unit="`+u.ID+`"`) {
						t.Errorf("unit %s has no element", u.ID)
					}
				}
				for _, w := range strings.Fields(plain) {
					if !strings.Contains(text, w) {
						t.Errorf("unit %s: %q is missing", u.ID, w)
						break
					}
				}
			}
			for _, n := range ed.Doc.Notes {
				num := strconv.Itoa(n.Number)
				if !ids["fn-"+num] || !ids["fnref-"+num] {
					t.Errorf("note %s: fn-%s or its citation missing", n.ID, num)
				}
				if !strings.Contains(page, `href="#fn-`+num+`"`) || !strings.Contains(page, `href="#fnref-`+num+`"`) {
					t.Errorf("note %s: no link to it or back", n.ID)
				}
			}
			if l != "en" && !strings.Contains(page, `<span lang="en">`) {
				t.Error("no English run marked lang=en")
			}
			if !strings.Contains(page, `role="doc-noteref"`) || !strings.Contains(page, `role="doc-endnotes"`) || !strings.Contains(page, `role="doc-toc"`) {
				t.Error("DPUB-ARIA roles missing")
			}
		})
	}
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(s)
}

// The built web edition: its files are there, the fonts are the subsets
// the stylesheet names, and xmllint finds the page well-formed.
func TestBuiltWebEdition(t *testing.T) {
	testtool.Validators(t)
	xmllint := testtool.Need(t, "xmllint")
	root := testtool.Root(t)
	dir := t.TempDir()
	for _, d := range []string{"source", "locales"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(root, d))); err != nil {
			t.Fatal(err)
		}
	}
	out, err := build.Run(build.Config{Root: dir, Formats: []string{"html"}, Langs: []string{"kk", "zh"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Results) != 2 {
		t.Fatalf("%d files, want 2", len(out.Results))
	}
	for _, r := range out.Results {
		folder := filepath.Dir(r.Path)
		if filepath.Base(r.Path) != "index.html" {
			t.Errorf("%s: want index.html", r.Path)
		}
		css, err := os.ReadFile(filepath.Join(folder, "style.css"))
		if err != nil {
			t.Fatal(err)
		}
		fonts := regexp.MustCompile(`url\("(fonts/[^"]+)"\)`).FindAllStringSubmatch(string(css), -1)
		if len(fonts) < 6 {
			t.Errorf("%s: %d faces, want the six body and heading faces", r.Lang, len(fonts))
		}
		for _, f := range fonts {
			st, err := os.Stat(filepath.Join(folder, f[1]))
			if err != nil {
				t.Errorf("%s: %v", r.Lang, err)
			} else if st.Size() > 3<<20 {
				t.Errorf("%s: %s is %d bytes: not a subset", r.Lang, f[1], st.Size())
			}
		}
		testtool.Output(t, time.Minute, xmllint, "--noout", r.Path)
	}
}
