package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/press/press/internal/build"
)

// These tests build the four PDFs of the real manuscript and read them
// back with poppler (pdftotext) and qpdf: the text is in kerned TJ arrays
// with real spaces, extraction gives the words with single spaces, and a
// ligature copies as its letters.

var (
	editionsOnce sync.Once
	editionsDir  string
	editionsErr  error
)

func editions(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the four editions; not under -short")
	}
	editionsOnce.Do(func() {
		editionsDir, editionsErr = os.MkdirTemp("", "press-pdf-text-*")
		if editionsErr != nil {
			return
		}
		_, editionsErr = build.Run(build.Config{Root: "../../..", Out: editionsDir, Langs: []string{"en", "kk", "ru", "zh"}, Formats: []string{"pdf"}, NoCache: true})
	})
	if editionsErr != nil {
		t.Fatal(editionsErr)
	}
	return editionsDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if editionsDir != "" {
		os.RemoveAll(editionsDir)
	}
	os.Exit(code)
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is not installed: run `make deps` (validators are required, not optional)", name)
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// content is the file's page content, uncompressed by qpdf.
func content(t *testing.T, path string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "qdf.pdf")
	run(t, "qpdf", "--qdf", "--object-streams=disable", path, out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	tjRe     = regexp.MustCompile(`\[([^\]]*)\] TJ`)
	kernRe   = regexp.MustCompile(`> -?[0-9.]+ <`)
	spaceRe  = regexp.MustCompile(`<0020>`)
	tjOpRe   = regexp.MustCompile(`\) Tj|> Tj`)
	ligRe    = regexp.MustCompile(`(?i)/ActualText <FEFF0066(0069|006C|0066)`)
	glyphsRe = regexp.MustCompile(`(?i)<FB0[0-4]>`)
)

func TestTextInKernedArraysWithSpaces(t *testing.T) {
	dir := editions(t)
	for _, lang := range []string{"en", "kk", "ru", "zh"} {
		path := filepath.Join(dir, lang, "china-image-kazakhstan.pdf")
		c := content(t, path)
		if n := len(tjOpRe.FindAllString(c, -1)); n > 0 {
			t.Errorf("%s: %d Tj operators; text must go in TJ arrays", lang, n)
		}
		arrays := tjRe.FindAllStringSubmatch(c, -1)
		var kerned, spaced int
		for _, a := range arrays {
			if kernRe.MatchString(a[1]) {
				kerned++
			}
			spaced += len(spaceRe.FindAllString(a[1], -1))
		}
		if len(arrays) < 300 || kerned < len(arrays)/10 {
			t.Errorf("%s: %d TJ arrays, %d with adjustments between glyphs", lang, len(arrays), kerned)
		}
		if lang != "zh" && spaced < 1000 {
			t.Errorf("%s: %d space glyphs drawn; word spaces must be real spaces", lang, spaced)
		}
		text := run(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-")
		for i, ln := range strings.Split(text, "\n") {
			if strings.Contains(ln, "  ") {
				t.Errorf("%s: line %d of pdftotext -raw has a double space: %q", lang, i+1, ln)
			}
			// Words run together would make long tokens (URLs aside).
			for _, w := range strings.Fields(ln) {
				if utf8.RuneCountInString(w) > 28 && !strings.ContainsAny(w, "/.") && lang != "zh" {
					t.Errorf("%s: line %d: %q looks like words run together", lang, i+1, w)
				}
			}
		}
	}
}

func TestJustifiedLineExtractsWithSingleSpaces(t *testing.T) {
	dir := editions(t)
	path := filepath.Join(dir, "en", "china-image-kazakhstan.pdf")
	text := run(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-")
	// A justified paragraph of the introduction, across its lines
	// (a line-end hyphen joined back).
	joined := strings.ReplaceAll(strings.ReplaceAll(text, "-\n", ""), "\n", " ")
	want := "Central Asia has always been a strategically important part of China’s neighbourhood. For the present research project, Kazakhstan has been chosen as a case study regarding the effectiveness and limitations of Chinese soft power in the region."
	if !strings.Contains(joined, want) {
		t.Errorf("pdftotext -raw lacks %q", want)
	}
}

func TestLigatureCopiesAsLetters(t *testing.T) {
	dir := editions(t)
	path := filepath.Join(dir, "en", "china-image-kazakhstan.pdf")
	c := content(t, path)
	if len(glyphsRe.FindAllString(c, -1)) == 0 {
		t.Fatal("no f-ligature drawn in the English edition")
	}
	if len(ligRe.FindAllString(c, -1)) == 0 {
		t.Error("ligatures drawn without ActualText")
	}
	text := run(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-")
	if strings.ContainsAny(text, "\ufb00\ufb01\ufb02\ufb03\ufb04") {
		t.Error("pdftotext gives a ligature character, not its letters")
	}
	for _, w := range []string{"influence", "significant", "first"} {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext lacks %q", w)
		}
	}
}
