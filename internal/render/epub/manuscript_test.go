package epub

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/markdown"
)

// manuscript is the real manuscript, relative to this package.
var manuscript = filepath.Join("..", "..", "..", "source", "china-image-kazakhstan.md")

// manuscriptNotes is the number of footnotes in the manuscript.
const manuscriptNotes = 69

// readManuscript reads the manuscript and fills the English labels by
// hand, as the catalogue stage would.
func readManuscript(t *testing.T) *doc.Document {
	t.Helper()
	d, _, err := markdown.ReadFile(manuscript, markdown.Options{})
	if err != nil {
		t.Fatalf("reading the manuscript: %v", err)
	}
	d.Labels = englishLabels()
	d.Meta.Modified = "2019-02-01T00:00:00Z"
	d.Meta.DateText = "February 2019"
	for _, h := range doc.Headings(d) {
		if !h.Numbered || len(h.Number) == 0 {
			continue
		}
		if h.Level == 1 {
			h.Label = "Chapter " + strconv.Itoa(h.Number[0])
		} else {
			parts := make([]string, len(h.Number))
			for i, n := range h.Number {
				parts[i] = strconv.Itoa(n)
			}
			h.Label = strings.Join(parts, ".")
		}
	}
	kinds := map[string]string{"graph": "Graph", "map": "Map", "photo": "Photo", "figure": "Figure"}
	walkBlocks(d.Blocks, func(b doc.Block) {
		if f, ok := b.(*doc.Figure); ok && f.Number > 0 {
			f.Label = fmt.Sprintf("%s %d", kinds[f.Kind], f.Number)
		}
	}, nil)
	return d
}

// TestManuscript renders the real manuscript and validates it with
// epubcheck: no error and no warning, and all 69 notes present once.
func TestManuscript(t *testing.T) {
	t.Parallel()
	d := readManuscript(t)
	if len(d.Notes) != manuscriptNotes {
		t.Fatalf("manuscript has %d notes, want %d", len(d.Notes), manuscriptNotes)
	}
	data, err := Render(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "china-image-kazakhstan.epub")
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("epubcheck", func(t *testing.T) {
		t.Logf("epubcheck:\n%s", epubcheck(t, "china-image-kazakhstan", data))
	})

	files, _ := unzip(t, data)
	seen := map[string]int{}
	chapters := 0
	for _, name := range xhtmlFiles(files) {
		if !strings.HasPrefix(name, "EPUB/xhtml/ch") {
			continue
		}
		chapters++
		root := parseXML(t, name, files[name])
		for _, a := range root.find(hasType("footnote")) {
			seen[a.attrs["id"]]++
		}
	}
	if want := len(doc.Chapters(d)); chapters != want {
		t.Errorf("%d chapter files, want %d", chapters, want)
	}
	for i := 1; i <= manuscriptNotes; i++ {
		if id := "fn-" + strconv.Itoa(i); seen[id] != 1 {
			t.Errorf("note %s appears %d times, want once", id, seen[id])
		}
	}
	if len(seen) != manuscriptNotes {
		t.Errorf("%d notes in the EPUB, want %d", len(seen), manuscriptNotes)
	}
	checkNotes(t, files)
}
