package markdown

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/press/press/internal/doc"
)

// The manuscript test: the Markdown source says exactly what the original
// text says. The original is read independently of the reader under test.

const (
	sourcePath      = "../../source/china-image-kazakhstan.md"
	originalPath    = "../../source/original/china-image-kazakhstan.txt"
	correctionsPath = "../../source/CORRECTIONS.md"
)

var supDigits = strings.NewReplacer("⁰", "0", "¹", "1", "²", "2", "³", "3", "⁴", "4", "⁵", "5", "⁶", "6", "⁷", "7", "⁸", "8", "⁹", "9")

var (
	noteLineRe   = regexp.MustCompile(`(?s)^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$`)
	headingNumRe = regexp.MustCompile(`^(Chapter \d+\.|\d\.\d\.?|\d\.)\s+`)
	graphRe      = regexp.MustCompile(`^Graph \d+\.\s+`)
	wordRe       = regexp.MustCompile(`[\p{L}\p{N}]+`)
)

// words is the normalized word sequence of s: letters and digits only,
// so quotes, emphasis marks, escapes and footnote marks do not count.
func words(s string) []string {
	s = strings.NewReplacer("⁰", " ", "¹", " ", "²", " ", "³", " ", "⁴", " ", "⁵", " ", "⁶", " ", "⁷", " ", "⁸", " ", "⁹", " ").Replace(s)
	return wordRe.FindAllString(strings.ToLower(s), -1)
}

type original struct {
	body  []string // paragraphs of the body, page-break splits as they are
	notes map[int]string
}

func readOriginal(t *testing.T) original {
	data, err := os.ReadFile(originalPath)
	if err != nil {
		t.Fatal(err)
	}
	corr, err := os.ReadFile(correctionsPath)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := parseCorrections(string(corr))
	if err != nil {
		t.Fatalf("%s: %v", correctionsPath, err)
	}
	text, err := applyCorrections(string(data), cs)
	if err != nil {
		t.Fatalf("%s: %v", correctionsPath, err)
	}
	var blocks []string
	for _, b := range regexp.MustCompile(`\n\s*\n`).Split(text, -1) {
		if b = strings.TrimSpace(b); b != "" {
			blocks = append(blocks, b)
		}
	}
	// The body starts at the heading "Abstract", after the typed contents.
	start := -1
	for i, b := range blocks {
		if b == "Abstract" {
			start = i
			break
		}
	}
	if start < 0 {
		t.Fatal("original: no Abstract heading")
	}
	o := original{notes: map[int]string{}}
	for _, b := range blocks[start:] {
		if m := noteLineRe.FindStringSubmatch(b); m != nil {
			n, _ := strconv.Atoi(supDigits.Replace(m[1]))
			o.notes[n] = strings.Join(strings.Fields(m[2]), " ")
			continue
		}
		b = headingNumRe.ReplaceAllString(b, "")
		b = graphRe.ReplaceAllString(b, "")
		b = strings.TrimPrefix(b, "Source:")
		o.body = append(o.body, b)
	}
	return o
}

func readModel(t *testing.T) *doc.Document {
	d, _, err := ReadFile(sourcePath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestFidelityWords(t *testing.T) {
	o := readOriginal(t)
	d := readModel(t)
	var pulls []string
	var model []string
	for _, u := range doc.Units(d) {
		if u.Kind == "meta" || u.Kind == "footnote" {
			continue
		}
		text := doc.PlainText(*u.Inlines)
		if u.Kind == "pullquote" {
			pulls = append(pulls, strings.Join(words(text), " "))
			continue
		}
		model = append(model, words(text)...)
	}
	isPull := map[string]bool{}
	for _, p := range pulls {
		isPull[p] = true
	}
	var orig []string
	found := map[string]bool{}
	for _, b := range o.body {
		w := strings.Join(words(b), " ")
		if isPull[w] {
			found[w] = true
			continue
		}
		orig = append(orig, words(b)...)
	}
	for _, p := range pulls {
		if !found[p] {
			t.Errorf("pull quote not in the original as a paragraph: %q", p)
		}
	}
	if len(pulls) != 5 {
		t.Errorf("pull quotes: got %d, want 5", len(pulls))
	}
	for i := 0; i < len(orig) && i < len(model); i++ {
		if orig[i] != model[i] {
			lo, hi := max(0, i-8), min(len(orig), i+8)
			t.Fatalf("word %d differs: original %q … model %q\noriginal: %v\nmodel:    %v", i, orig[i], model[i], orig[lo:hi], model[lo:min(len(model), hi)])
		}
	}
	if len(orig) != len(model) {
		t.Fatalf("original body has %d words, model %d", len(orig), len(model))
	}
}

func TestFidelityNotes(t *testing.T) {
	o := readOriginal(t)
	d := readModel(t)
	if len(o.notes) != 69 || len(d.Notes) != 69 {
		t.Fatalf("notes: original %d, model %d, want 69", len(o.notes), len(d.Notes))
	}
	norm := func(s string) string {
		s = strings.NewReplacer("*", "", "<", "", ">", "", `\`, "").Replace(s)
		return strings.Join(strings.Fields(s), " ")
	}
	for _, n := range d.Notes {
		label, _ := strconv.Atoi(n.Label)
		if n.Number != label {
			t.Errorf("note [^%s] is number %d: notes must keep their order", n.Label, n.Number)
		}
		got := norm(plainWithURLs(n.Content))
		want := norm(o.notes[label])
		if got != want {
			t.Errorf("note %d:\n got %q\nwant %q", label, got, want)
		}
	}
}

// plainWithURLs is the note's text; a link shows its own text.
func plainWithURLs(ins []doc.Inline) string { return doc.PlainText(ins) }

func TestNoParagraphStartsMidSentence(t *testing.T) {
	d := readModel(t)
	for _, u := range doc.Units(d) {
		if u.Kind != "paragraph" && u.Kind != "quote" {
			continue
		}
		text := strings.TrimLeft(doc.PlainText(*u.Inlines), `"“*(. `)
		r := []rune(text)
		if len(r) > 0 && unicode.IsLower(r[0]) {
			t.Errorf("%s starts in lower case: %.40q", u.ID, text)
		}
	}
}
