package build

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/press/press/internal/testtool"
	"github.com/press/press/internal/typo"
)

// aceBin is DAISY Ace, installed by `make deps` (npm, pinned) into the
// project's .cache folder.
var aceBin = filepath.Join(root, ".cache", "ace", "node_modules", ".bin", "ace-puppeteer")

// aceReport is the part of Ace's report.json the test reads.
type aceReport struct {
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Impact string `json:"earl:impact"`
				Title  string `json:"dct:title"`
			} `json:"earl:test"`
		} `json:"assertions"`
	} `json:"assertions"`
	Metadata struct {
		Missing []string `json:"missing"`
		Present []string `json:"present"`
	} `json:"a11y-metadata"`
}

// TestEPUBAccessibility checks every EPUB with DAISY Ace in headless
// Chromium: no serious or critical violation, the conformance claim and
// its certifier declared; and the package: the contents in the reading
// order, a cover image, a page-list with every page of the PDF.
func TestEPUBAccessibility(t *testing.T) {
	if testing.Short() {
		t.Skip("runs DAISY Ace in Chromium")
	}
	dir, _ := built(t)
	if _, err := os.Stat(aceBin); err != nil {
		t.Fatalf("DAISY Ace is not installed (%v): run `make deps`", err)
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("chromium is not installed: run `make deps`")
	}
	conf := testtool.FontconfigFile(t)
	for _, l := range langs {
		t.Run(l, func(t *testing.T) {
			out := t.TempDir()
			cmd := exec.Command(aceBin, "-f", "-s", "-o", out, file(dir, l, "epub"))
			cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium, "FONTCONFIG_FILE="+conf, "HOME="+t.TempDir())
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("ace: %v\n%s", err, msg)
			}
			data, err := os.ReadFile(filepath.Join(out, "report.json"))
			if err != nil {
				t.Fatal(err)
			}
			var r aceReport
			if err := json.Unmarshal(data, &r); err != nil {
				t.Fatal(err)
			}
			for _, a := range r.Assertions {
				for _, x := range a.Assertions {
					switch x.Test.Impact {
					case "serious", "critical":
						t.Errorf("ace: %s %s in %s", x.Test.Impact, x.Test.Title, a.Subject.URL)
					default:
						t.Logf("ace: %s %s in %s", x.Test.Impact, x.Test.Title, a.Subject.URL)
					}
				}
			}
			for _, m := range []string{"dcterms:conformsTo", "a11y:certifiedBy", "schema:accessibilitySummary"} {
				if !contains(r.Metadata.Present, m) {
					t.Errorf("ace: %s not present (missing: %v)", m, r.Metadata.Missing)
				}
			}
			opf := zipText(t, file(dir, l, "epub"), "EPUB/package.opf")
			for _, want := range []string{
				`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>`,
				`<itemref idref="nav"/>`,
				`properties="cover-image"`,
			} {
				if !strings.Contains(opf, want) {
					t.Errorf("package.opf has no %s", want)
				}
			}
			if strings.Contains(opf, "(ed.)") || strings.Contains(opf, "（编）") || strings.Contains(opf, "(ред.)") {
				t.Errorf("the contributor keeps its printed role mark:\n%s", opf)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestPageBreaksMatchThePDF reads each page-break marker of the EPUB and
// checks that the text after it begins page N of the PDF built with it:
// print and ebook readers cite the same page.
func TestPageBreaksMatchThePDF(t *testing.T) {
	if testing.Short() {
		t.Skip("runs pdftotext")
	}
	dir, out := built(t)
	for _, l := range langs {
		t.Run(l, func(t *testing.T) {
			pages := 0
			for _, r := range out.Results {
				if r.Lang == l && r.Format == "pdf" {
					pages = r.Pages
				}
			}
			xhtml := zipText(t, file(dir, l, "epub"), "EPUB/xhtml/")
			nav := zipText(t, file(dir, l, "epub"), "EPUB/nav.xhtml")
			list := regexp.MustCompile(`(?s)<nav epub:type="page-list".*?</nav>`).FindString(nav)
			if n := strings.Count(list, "<li>"); n != pages || pages == 0 {
				t.Fatalf("page-list has %d entries, the PDF %d pages", n, pages)
			}
			marks := regexp.MustCompile(`<span epub:type="pagebreak" role="doc-pagebreak" id="page-(\d+)" aria-label="(\d+)"></span>`).FindAllStringSubmatchIndex(xhtml, -1)
			checked := 0
			for _, m := range marks {
				n, _ := strconv.Atoi(xhtml[m[4]:m[5]])
				after := visibleText(xhtml[m[1]:min(len(xhtml), m[1]+2000)], 6)
				if after == "" || n < 3 {
					continue
				}
				page := squeeze(run(t, "pdftotext", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), file(dir, l, "pdf"), "-"))
				if !strings.Contains(page, after) {
					t.Errorf("page %d: the EPUB marker is followed by %q, which the PDF page does not hold:\n%.300s", n, after, page)
				}
				checked++
			}
			if checked < pages/2 {
				t.Errorf("only %d of %d markers checked", checked, pages)
			}
		})
	}
}

var tags = regexp.MustCompile(`<[^>]*>`)

// visibleText is the first n characters of an XHTML fragment's text,
// without white space; a note citation's number counts as text.
func visibleText(s string, n int) string {
	s = tags.ReplaceAllString(s, "")
	s = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(s)
	var out []rune
	for _, c := range s {
		if unicode.IsSpace(c) || c == '\u2060' {
			continue
		}
		out = append(out, c)
		if len(out) == n {
			break
		}
	}
	return string(out)
}

// squeeze is pdftotext output without white space, words hyphenated at a
// line end joined again.
func squeeze(s string) string {
	s = regexp.MustCompile(`-\n`).ReplaceAllString(s, "")
	return strings.Map(func(c rune) rune {
		if unicode.IsSpace(c) {
			return -1
		}
		return c
	}, s)
}

// TestLanguageRuns counts the runs in English inside the Kazakh, Russian
// and Chinese editions (the titles in the notes, names of companies) in
// the model, and checks that the EPUB tags each with lang="en" and the
// DOCX with w:lang en-GB; the English edition tags none.
func TestLanguageRuns(t *testing.T) {
	dir, _ := built(t)
	for _, l := range langs {
		t.Run(l, func(t *testing.T) {
			ed := edition(t, l)
			model := len(typo.ForeignRuns(ed.Doc, ed.Profile))
			if l != "en" && model < 50 {
				t.Errorf("only %d English runs found in the %s model", model, l)
			}
			if l == "en" && model != 0 {
				t.Errorf("%d foreign runs in the English model", model)
			}
			xhtml := zipText(t, file(dir, l, "epub"), "EPUB/xhtml/")
			if n := len(regexp.MustCompile(`<(span|em) lang="en" xml:lang="en">`).FindAllString(xhtml, -1)); n != model {
				t.Errorf("EPUB: %d runs tagged English, the model has %d", n, model)
			}
			docx := zipText(t, file(dir, l, "docx"), "word/document.xml") + zipText(t, file(dir, l, "docx"), "word/footnotes.xml")
			if n := strings.Count(docx, `<w:lang w:val="en-GB"/>`); n != model {
				t.Errorf("DOCX: %d runs tagged en-GB, the model has %d", n, model)
			}
		})
	}
}
