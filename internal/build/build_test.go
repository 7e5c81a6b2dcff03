package build

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/testtool"
	"github.com/press/press/internal/verify"
)

// These tests build the real manuscript in every language and check the
// files with the real validators. A missing validator is a failure.

const root = "../.."

var (
	builtOnce sync.Once
	builtDir  string
	builtOut  *Outcome
	builtErr  error
)

func built(t *testing.T) (string, *Outcome) {
	t.Helper()
	builtOnce.Do(func() {
		builtDir, builtErr = os.MkdirTemp("", "press-build-*")
		if builtErr != nil {
			return
		}
		builtOut, builtErr = Run(Config{Root: root, Out: builtDir})
	})
	if builtErr != nil {
		t.Fatal(builtErr)
	}
	return builtDir, builtOut
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

// run runs a validator (internal/testtool: hermetic fonts, a missing tool
// fails) and returns its output; under -short the test is skipped here.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	return string(testtool.Output(t, 5*time.Minute, name, args...))
}

var langs = []string{"en", "kk", "ru", "zh"}

func file(dir, lang, ext string) string {
	return filepath.Join(dir, lang, "china-image-kazakhstan."+ext)
}

// edition rebuilds the translated model the files were made from.
func edition(t *testing.T, code string) *Edition {
	t.Helper()
	c := Config{Root: root}
	if err := c.Resolve(); err != nil {
		t.Fatal(err)
	}
	src, _, err := Load(&c)
	if err != nil {
		t.Fatal(err)
	}
	en, err := catalog.Load(c.Locales, "en")
	if err != nil {
		t.Fatal(err)
	}
	ed, _, err := MakeEdition(src, &c, en, code, fonts.NewSet(c.Fonts))
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

func TestBuildsEveryFile(t *testing.T) {
	dir, out := built(t)
	want := len(langs) * len(FormatNames())
	if len(out.Results) != want {
		t.Fatalf("built %d files, want %d", len(out.Results), want)
	}
	for _, r := range out.Results {
		st, err := os.Stat(r.Path)
		if err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", r.Path, err)
		}
		if !strings.HasPrefix(r.Path, dir) {
			t.Errorf("%s written outside %s", r.Path, dir)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "*", ".*tmp*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestPDFValidates(t *testing.T) {
	dir, _ := built(t)
	for _, l := range langs {
		t.Run(l, func(t *testing.T) {
			out := run(t, "qpdf", "--check", file(dir, l, "pdf"))
			if !strings.Contains(out, "No syntax or stream encoding errors found") {
				t.Errorf("qpdf --check:\n%s", out)
			}
		})
	}
}

func TestPDFFontsEmbeddedAndSubset(t *testing.T) {
	dir, _ := built(t)
	for _, l := range langs {
		t.Run(l, func(t *testing.T) {
			out := run(t, "pdffonts", file(dir, l, "pdf"))
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) < 3 {
				t.Fatalf("pdffonts lists no font:\n%s", out)
			}
			for _, ln := range lines[2:] {
				f := strings.Fields(ln)
				// name type encoding emb sub uni object ID
				n := len(f)
				if n < 7 || f[n-5] != "yes" || f[n-4] != "yes" {
					t.Errorf("font not embedded and subset: %s", ln)
				}
			}
			if l == "zh" && !strings.Contains(out, "CJK") {
				t.Errorf("the Chinese edition embeds no CJK face:\n%s", out)
			}
		})
	}
}

var (
	spaceRe  = regexp.MustCompile(`\s+`)
	leaderRe = regexp.MustCompile(`\.\s*\.\s*\.`)
)

// normalize makes PDF text and model text comparable: no soft hyphens,
// one space for any run of white space, none at all for Chinese (where
// the typesetter's gaps are not text).
func normalize(s string, han bool) string {
	s = strings.NewReplacer("\u00ad", "", "\u00a0", " ", "\u202f", " ", "\u2060", "", "-\n", "-").Replace(s)
	if han {
		return spaceRe.ReplaceAllString(s, "")
	}
	return strings.TrimSpace(spaceRe.ReplaceAllString(s, " "))
}

// TestNothingLost reads every file back with press verify's reader.
func TestNothingLost(t *testing.T) {
	dir, _ := built(t)
	for _, l := range langs {
		ed := edition(t, l)
		for _, f := range FormatNames() {
			t.Run(l+"/"+f, func(t *testing.T) {
				if f == "pdf" {
					testtool.Validators(t) // verify reads PDFs with pdftotext
				}
				r, err := verify.File(ed.Doc, l, f, file(dir, l, f))
				if err != nil {
					t.Fatal(err)
				}
				if !r.OK() || r.Units != 166 || r.Notes != 69 { // 165 of the original and the editor's note (source/CORRECTIONS.md)
					t.Errorf("%s\n%s", r.Summary(), strings.Join(r.Details(), "\n"))
				}
			})
		}
	}
}

// TestTOCPageNumbers reads the contents page back and checks that each
// heading stands on the page the contents gives.
func TestTOCPageNumbers(t *testing.T) {
	dir, _ := built(t)
	for _, l := range langs {
		t.Run(l, func(t *testing.T) {
			ed := edition(t, l)
			han := l == "zh"
			pdf := file(dir, l, "pdf")
			toc := run(t, "pdftotext", "-layout", "-f", "2", "-l", "2", "-enc", "UTF-8", pdf, "-")
			hs := doc.Headings(ed.Doc)
			numRe := regexp.MustCompile(`(\d+)\s*$`)
			var nums []int
			for _, ln := range strings.Split(toc, "\n") {
				if m := numRe.FindStringSubmatch(strings.TrimSpace(ln)); m != nil && leaderRe.MatchString(ln) {
					n, _ := strconv.Atoi(m[1])
					nums = append(nums, n)
				}
			}
			if len(nums) != len(hs) {
				t.Fatalf("contents lists %d page numbers, the document has %d headings:\n%s", len(nums), len(hs), toc)
			}
			for i, h := range hs {
				page := normalize(run(t, "pdftotext", "-f", strconv.Itoa(nums[i]), "-l", strconv.Itoa(nums[i]), "-enc", "UTF-8", pdf, "-"), han)
				title := normalize(doc.PlainText(h.Content), han)
				if !strings.Contains(page, title) {
					t.Errorf("heading %s: contents says page %d, which does not show %q", h.ID, nums[i], title)
				}
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	dir, _ := built(t)
	again := t.TempDir()
	if _, err := Run(Config{Root: root, Out: again, Jobs: 1}); err != nil {
		t.Fatal(err)
	}
	for _, l := range langs {
		for _, f := range FormatNames() {
			a, _ := os.ReadFile(file(dir, l, f))
			b, _ := os.ReadFile(file(again, l, f))
			if len(a) == 0 || !bytes.Equal(a, b) {
				t.Errorf("%s %s: two builds differ (%d vs %d bytes)", l, f, len(a), len(b))
			}
		}
	}
	// One file alone is the same file as built with all the others (the
	// font subsets an edition's formats share must not depend on them).
	for _, f := range FormatNames() {
		alone := t.TempDir()
		if _, err := Run(Config{Root: root, Out: alone, Langs: []string{"zh"}, Formats: []string{f}}); err != nil {
			t.Fatal(err)
		}
		a, _ := os.ReadFile(file(dir, "zh", f))
		b, _ := os.ReadFile(file(alone, "zh", f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("zh %s built alone differs from the full build (%d vs %d bytes)", f, len(b), len(a))
		}
	}
}

func TestFailedBuildLeavesDistUntouched(t *testing.T) {
	out := t.TempDir()
	if _, err := Run(Config{Root: root, Out: out, Langs: []string{"en"}, Formats: []string{"pdf"}}); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(file(out, "en", "pdf"))
	// A catalogue that breaks mid-build: the Russian edition fails, and
	// neither language's files may change.
	locales := t.TempDir()
	copyDir(t, filepath.Join(root, "locales"), locales)
	os.WriteFile(filepath.Join(locales, "ru", "document.toml"), []byte("[\"abstract\"]\nother = \"<1>broken\"\n"), 0o644)
	_, err := Run(Config{Root: root, Out: out, Locales: locales, Langs: []string{"en", "ru"}, Formats: []string{"pdf"}})
	if err == nil || !strings.Contains(err.Error(), "document.toml:1: abstract:") {
		t.Fatalf("want a file:line error naming the unit, got %v", err)
	}
	now, _ := os.ReadFile(file(out, "en", "pdf"))
	if !bytes.Equal(good, now) {
		t.Error("the English PDF changed although the build failed")
	}
	if _, err := os.Stat(file(out, "ru", "pdf")); err == nil {
		t.Error("a Russian PDF was written although the build failed")
	}
}

func TestUnwritableDist(t *testing.T) {
	if os.Getuid() == 0 {
		// root writes anywhere: make the output path a file instead.
		out := filepath.Join(t.TempDir(), "dist")
		os.WriteFile(out, []byte("x"), 0o644)
		_, err := Run(Config{Root: root, Out: out, Langs: []string{"en"}, Formats: []string{"pdf"}})
		if err == nil {
			t.Fatal("want an error")
		}
		return
	}
	out := t.TempDir()
	os.Chmod(out, 0o500)
	defer os.Chmod(out, 0o755)
	if _, err := Run(Config{Root: root, Out: out, Langs: []string{"en"}, Formats: []string{"pdf"}}); err == nil {
		t.Fatal("want an error")
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

var _ = fmt.Sprint
var _ = unicode.IsSpace

func TestDOCXReadsBack(t *testing.T) {
	dir, _ := built(t)
	// LibreOffice converts the four files in one run (its start costs
	// more than a file); each subtest then finds its PDF made.
	if !testing.Short() {
		var docx []string
		for _, l := range langs {
			docx = append(docx, file(dir, l, "docx"))
		}
		testtool.ToPDF(t, docx...)
	}
	for _, l := range langs {
		t.Run(l, func(t *testing.T) {
			t.Parallel()
			f := file(dir, l, "docx")
			js := run(t, "pandoc", "-f", "docx", "-t", "json", f)
			if n := strings.Count(js, `"t":"Note"`); n != 69 {
				t.Errorf("pandoc reads %d notes, want 69", n)
			}
			ed := edition(t, l)
			plain := run(t, "pandoc", "-f", "docx", "-t", "plain", "--wrap=none", f)
			for _, h := range doc.Headings(ed.Doc) {
				if !strings.Contains(plain, doc.PlainText(h.Content)) {
					t.Errorf("heading %s missing from the DOCX text", h.ID)
				}
			}
			testtool.ToPDF(t, f)
		})
	}
}

func TestEPUBValidates(t *testing.T) {
	dir, _ := built(t)
	for _, l := range langs {
		t.Run(l, func(t *testing.T) {
			t.Parallel()
			f := file(dir, l, "epub")
			testtool.Epubcheck(t, f)
			// The XHTML in spine order: every note once, the language tagged.
			ed := edition(t, l)
			xhtml := zipText(t, f, "EPUB/xhtml/")
			if n := strings.Count(xhtml, `epub:type="footnote"`); n != 69 {
				t.Errorf("%d footnotes, want 69", n)
			}
			if !strings.Contains(xhtml, `xml:lang="`+ed.Doc.Meta.Lang+`"`) {
				t.Errorf("no xml:lang=%q", ed.Doc.Meta.Lang)
			}
		})
	}
}

// zipText concatenates the zip entries under prefix, in name order.
func zipText(t *testing.T, path, prefix string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, prefix) {
			names = append(names, f.Name)
			files[f.Name] = f
		}
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		rc, err := files[n].Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		b.Write(data)
	}
	return b.String()
}

var bboxWordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// TestNothingBeyondTheMargins re-reads every word's box with pdftotext
// -bbox, independently of the layout report: no text may run past the
// text block (an overfull line) on any page.
func TestNothingBeyondTheMargins(t *testing.T) {
	dir, out := built(t)
	for _, l := range langs {
		t.Run(l, func(t *testing.T) {
			html := run(t, "pdftotext", "-bbox", "-enc", "UTF-8", file(dir, l, "pdf"), "-")
			// The A4 text block: 82 pt margins on either side.
			left, right := 82.0-0.5, 595.28-82+0.5
			n := 0
			for _, m := range bboxWordRe.FindAllStringSubmatch(html, -1) {
				x0, _ := strconv.ParseFloat(m[1], 64)
				x1, _ := strconv.ParseFloat(m[3], 64)
				n++
				if x0 < left || x1 > right {
					t.Errorf("%q runs outside the text block: x %.1f–%.1f", m[5], x0, x1)
				}
			}
			if n < 3000 {
				t.Errorf("only %d words read back", n)
			}
			for _, lr := range out.Layouts {
				if lr.Lang != l {
					continue
				}
				r := lr.Report
				if len(r.Overfull)+len(r.Widows)+len(r.Orphans)+len(r.HeadingsAtFoot)+len(r.NotesAway)+len(r.HyphenRuns) > 0 {
					t.Errorf("layout report: %d overfull, %d widows, %d orphans, %d headings at foot, %d notes away, %d hyphen runs",
						len(r.Overfull), len(r.Widows), len(r.Orphans), len(r.HeadingsAtFoot), len(r.NotesAway), len(r.HyphenRuns))
				}
			}
		})
	}
}

// TestEditionCharactersInEmbeddedFonts: every character of the Kazakh and
// Chinese editions is in a font the PDF embeds and in a font the EPUB
// embeds: no tofu on any reading system.
func TestEditionCharactersInEmbeddedFonts(t *testing.T) {
	dir, _ := built(t)
	for _, l := range []string{"kk", "zh"} {
		t.Run(l, func(t *testing.T) {
			ed := edition(t, l)
			runes := EditionRunes(ed.Doc)
			// PDF: the faces layout draws with (it refuses a missing glyph;
			// this checks the faces independently).
			var pdfFaces []*fonts.Face
			for _, r := range fonts.Roles(l == "zh") {
				f, err := ed.Fonts.Get(r)
				if err != nil {
					t.Fatal(err)
				}
				pdfFaces = append(pdfFaces, f)
			}
			// EPUB: the font files inside the package.
			zr, err := zip.OpenReader(file(dir, l, "epub"))
			if err != nil {
				t.Fatal(err)
			}
			defer zr.Close()
			var epubFaces []*fonts.Face
			for _, f := range zr.File {
				if strings.HasSuffix(f.Name, ".ttf") {
					rc, _ := f.Open()
					data, _ := io.ReadAll(rc)
					rc.Close()
					face, err := fonts.Parse(data, f.Name, "x", "")
					if err != nil {
						t.Fatal(err)
					}
					epubFaces = append(epubFaces, face)
				}
			}
			if len(epubFaces) == 0 {
				t.Fatal("the EPUB embeds no font")
			}
			has := func(faces []*fonts.Face, r rune) bool {
				for _, f := range faces {
					if f.Has(r) {
						return true
					}
				}
				return false
			}
			for _, r := range runes {
				if r == '\n' || r == '\u00ad' {
					continue
				}
				if !has(pdfFaces, r) {
					t.Errorf("PDF fonts lack %q %U", r, r)
				}
				if !has(epubFaces, r) {
					t.Errorf("EPUB fonts lack %q %U", r, r)
				}
			}
			if l == "kk" {
				for _, r := range "ӘәҒғҚқҢңӨөҰұҮүҺһІі" {
					if strings.ContainsRune(string(runes), r) && !has(epubFaces, r) {
						t.Errorf("Kazakh letter %q missing", r)
					}
				}
			}
		})
	}
}

// TestChineseLinesStartWell reads the Chinese PDF's lines back: none may
// start with closing punctuation or end with an opening one (kinsoku).
func TestChineseLinesStartWell(t *testing.T) {
	dir, _ := built(t)
	// Printed lines are read from the words' boxes (pdftotext's own line
	// grouping splits a line where punctuation compression makes two
	// full-width marks' boxes overlap, as in "》，").
	pages := parseBBox(run(t, "pdftotext", "-bbox-layout", "-enc", "UTF-8", file(dir, "zh", "pdf"), "-"))
	lines := 0
	for n, pg := range pages {
		for _, l := range pageLines(n+1, pg, a4Block) {
			ln := strings.ReplaceAll(l.text(), " ", "")
			if ln == "" || !regexp.MustCompile(`\p{Han}`).MatchString(ln) {
				continue
			}
			lines++
			first, _ := utf8.DecodeRuneInString(ln)
			last, _ := utf8.DecodeLastRuneInString(ln)
			if strings.ContainsRune("，。、；：？！）」』》〉】…", first) {
				t.Errorf("page %d: a line starts with %q: %q", n+1, first, ln)
			}
			if strings.ContainsRune("（「『《〈【“", last) {
				t.Errorf("page %d: a line ends with %q: %q", n+1, last, ln)
			}
		}
	}
	if lines < 200 {
		t.Errorf("only %d Chinese lines read back", lines)
	}
}

// fpdf writes into the font bytes it is handed; the PDF renderer must
// give it a copy, or the subset an edition shares with its EPUB (and, in
// the past, the faces every edition shares) changes under the others.
func TestPDFLeavesSharedFontBytesAlone(t *testing.T) {
	ed := edition(t, "zh")
	var faces []*fonts.Face
	var before [][]byte
	for _, r := range fonts.Roles(true) {
		f, err := ed.Fonts.Get(r)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := ed.Subset(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, f)
		before = append(before, bytes.Clone(sub), bytes.Clone(f.Data))
	}
	if _, _, err := formats["pdf"](ed); err != nil {
		t.Fatal(err)
	}
	for i, f := range faces {
		sub, _ := ed.Subset(f, nil)
		if !bytes.Equal(sub, before[2*i]) {
			t.Errorf("%s: the shared subset changed while the PDF was made", f.PSName)
		}
		if !bytes.Equal(f.Data, before[2*i+1]) {
			t.Errorf("%s: the font changed while the PDF was made", f.PSName)
		}
	}
}

// --toc-depth 1: the contents of every format list the chapters only.
func TestTOCDepth(t *testing.T) {
	out := t.TempDir()
	if _, err := Run(Config{Root: root, Out: out, Langs: []string{"en"}, TOCDepth: 1}); err != nil {
		t.Fatal(err)
	}
	toc := run(t, "pdftotext", "-f", "2", "-l", "2", file(out, "en", "pdf"), "-")
	if !strings.Contains(toc, "Chapter 1.") || strings.Contains(toc, "Joint Ventures") {
		t.Errorf("PDF contents at depth 1:\n%s", toc)
	}
	nav := zipText(t, file(out, "en", "epub"), "EPUB/nav.xhtml")
	if !strings.Contains(nav, "Chapter 1.") || strings.Contains(nav, "Joint Ventures") {
		t.Errorf("EPUB navigation at depth 1:\n%s", nav)
	}
	body := zipText(t, file(out, "en", "docx"), "word/document.xml")
	if !strings.Contains(body, `TOC \o &#34;1-1&#34;`) && !strings.Contains(body, `TOC \o "1-1"`) {
		t.Error(`DOCX: no TOC \o "1-1" field`)
	}
}
