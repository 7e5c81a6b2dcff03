package build

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/verify"
)

// TestManuscriptCorpus is the scoreboard of "any manuscript": pandoc's
// test suite and real READMEs (testdata/manuscripts, unedited) each build
// in English into PDF, EPUB and DOCX with no error; epubcheck finds
// nothing; press verify finds every unit in every file; and the files
// hold what the manuscript holds: its tables as <table> and w:tbl, its
// code blocks as <pre> and the Source Code style, its images (drawn, or
// their address printed).
func TestManuscriptCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds seven manuscripts and runs epubcheck, pdftotext")
	}
	for _, tool := range []string{"java", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed (make deps): %v", tool, err)
		}
	}
	const epubcheck = "/usr/share/java/epubcheck.jar"
	if _, err := os.Stat(epubcheck); err != nil {
		t.Fatalf("epubcheck is needed (make deps): %v", err)
	}
	repo, _ := filepath.Abs("../..")
	files, err := filepath.Glob(filepath.Join(repo, "testdata", "manuscripts", "*.md"))
	if err != nil || len(files) < 6 {
		t.Fatalf("testdata/manuscripts holds %d manuscripts, want pandoc's test suite and at least five more (%v)", len(files), err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		if name == "README" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			mustCopy(t, file, filepath.Join(dir, "source", name+".md"))
			mustCopy(t, filepath.Join(repo, "locales", "en", "edition.toml"), filepath.Join(dir, "locales", "en", "edition.toml"))
			c := Config{Root: dir, Fonts: filepath.Join(repo, "fonts"), Langs: []string{"en"}, Jobs: 1, NoCache: true}
			out, err := Run(c)
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			if len(out.Results) != 3 {
				t.Fatalf("built %d files, want 3", len(out.Results))
			}
			// The edition as the backends saw it.
			if err := c.Resolve(); err != nil {
				t.Fatal(err)
			}
			src, _, err := Load(&c)
			if err != nil {
				t.Fatal(err)
			}
			english, err := catalog.Load(c.Locales, "en")
			if err != nil {
				t.Fatal(err)
			}
			ed, _, err := MakeEdition(src, &c, english, "en", c.FontSet())
			if err != nil {
				t.Fatal(err)
			}
			base := filepath.Join(c.Out, "en", name)
			for _, f := range []string{"pdf", "epub", "docx"} {
				r, err := verify.File(ed.Doc, "en", f, base+"."+f)
				if err != nil {
					t.Fatal(err)
				}
				if !r.OK() {
					t.Errorf("%s: %s\n%s", f, r.Summary(), strings.Join(r.Details(), "\n"))
				}
			}
			ec, err := exec.Command("java", "-jar", epubcheck, base+".epub").CombinedOutput()
			if err != nil || !strings.Contains(string(ec), "No errors or warnings detected") {
				t.Errorf("epubcheck: %v\n%s", err, ec)
			}

			var tables, code, read, notRead int
			var urls []string
			for _, b := range doc.AllBlocks(ed.Doc) {
				switch b.(type) {
				case *doc.Table:
					tables++
				case *doc.CodeBlock:
					code++
				}
			}
			for _, u := range doc.Units(ed.Doc) {
				if u.Inlines == nil {
					continue
				}
				doc.WalkInlines(*u.Inlines, func(in doc.Inline) {
					if img, ok := in.(*doc.Image); ok {
						if img.Data != nil {
							read++
						} else {
							notRead++
							urls = append(urls, img.URL)
						}
					}
				})
			}
			t.Logf("%d tables, %d code blocks, %d images read, %d not read", tables, code, read, notRead)
			// The manuscript's own pages: the generated cover page (one
			// <img>, the cover image) is not the document's.
			xhtml := zipMatching(t, base+".epub", regexp.MustCompile(`^EPUB/(xhtml/ch\d+|nav)\.xhtml$`))
			docx := zipMatching(t, base+".docx", regexp.MustCompile(`^word/(document|footnotes)\.xml$`))
			count := func(what, s, sub string, want int) {
				if got := strings.Count(s, sub); got != want {
					t.Errorf("%s: %d × %q, want %d", what, got, sub, want)
				}
			}
			count("epub tables", xhtml, "<table", tables)
			count("epub header cells", xhtml, `<th scope="col"`, countHeadCells(ed.Doc))
			count("docx tables", docx, "<w:tbl>", tables)
			count("epub code blocks", xhtml, `<pre class="code">`, code)
			count("docx code blocks", docx, `<w:pStyle w:val="SourceCode"/>`, code)
			count("epub images", xhtml, "<img ", read)
			count("docx images", docx, "<pic:pic ", read)
			pdfText, err := exec.Command("pdftotext", "-enc", "UTF-8", base+".pdf", "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			// (pdftotext drops a hyphen at a line end: an address broken
			// after "mattn-" reads "mattn-" + "go" as "mattngo".)
			flat := strings.ReplaceAll(strings.Join(strings.Fields(string(pdfText)), ""), "-", "")
			for _, u := range urls {
				// An image not read: its address is printed in every format.
				esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(u)
				if !strings.Contains(xhtml, "("+esc+")") {
					t.Errorf("epub: image address %s not printed", u)
				}
				if !strings.Contains(docx, esc) {
					t.Errorf("docx: image address %s not printed", u)
				}
				if want := strings.ReplaceAll(strings.Join(strings.Fields(u), ""), "-", ""); !strings.Contains(flat, want) && !verify.Scattered(flat, want) {
					t.Errorf("pdf: image address %s not printed", u)
				}
			}
		})
	}
}

func countHeadCells(d *doc.Document) int {
	n := 0
	for _, b := range doc.AllBlocks(d) {
		if t, ok := b.(*doc.Table); ok {
			for _, row := range t.Head {
				n += len(row)
			}
		}
	}
	return n
}

func mustCopy(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// zipMatching joins the entries of a zip whose names match.
func zipMatching(t *testing.T, file string, names *regexp.Regexp) string {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	for _, f := range zr.File {
		if !names.MatchString(f.Name) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}
