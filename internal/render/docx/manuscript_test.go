package docx

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/markdown"
	"github.com/press/press/internal/testtool"
)

const manuscript = "../../../source/china-image-kazakhstan.md"

// englishLabels fills the labels as the catalogue stage would for English.
func englishLabels(d *doc.Document) {
	d.Meta.Lang = "en"
	d.Meta.Modified = "2019-02-01T00:00:00Z"
	d.Meta.DateText = "February 2019"
	missing := 0
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			switch {
			case !b.Numbered:
			case len(b.Number) == 1:
				b.Label = fmt.Sprintf("Chapter %d", b.Number[0])
			case len(b.Number) == 2:
				b.Label = fmt.Sprintf("%d.%d", b.Number[0], b.Number[1])
			}
		case *doc.Figure:
			kind := map[string]string{"graph": "Graph", "map": "Map", "photo": "Photo"}[b.Kind]
			if kind == "" {
				kind = "Figure"
			}
			if b.Number > 0 {
				b.Label = fmt.Sprintf("%s %d", kind, b.Number)
			}
			if len(b.ImageData) == 0 {
				missing++
			}
		}
	}
	d.Labels = doc.Labels{
		Contents:         "Contents",
		Notes:            "Notes",
		Source:           "Source:",
		ImageNotIncluded: "Image not included",
		BackToText:       "Back to text",
		TitlePage:        "Title page",
		LabelSep:         ". ",
		OpenQuote:        "“",
		CloseQuote:       "”",
		Colophon:         "About this edition",
		ColophonText: []string{
			fmt.Sprintf("This edition has %d notes.", len(d.Notes)),
			fmt.Sprintf("%d figures are shown as frames: their images are not included.", missing),
		},
		NoteRef: func(n int) string { return fmt.Sprintf("Note %d", n) },
		PageOf:  func(n int) string { return fmt.Sprintf("Page %d", n) },
	}
}

// headingText is a heading as the DOCX displays it.
func headingText(d *doc.Document, h *doc.Heading) string {
	s := doc.PlainText(h.Content)
	if h.Label != "" {
		s = h.Label + d.Labels.LabelSep + s
	}
	return strings.Join(strings.Fields(s), " ")
}

// TestManuscript renders the real manuscript and reads it back with
// pandoc and LibreOffice. Set PRESS_DOCX_OUT to a folder to keep the DOCX
// and PDF for a look.
func TestManuscript(t *testing.T) {
	d, _, err := markdown.ReadFile(manuscript, markdown.Options{})
	if err != nil {
		t.Fatal(err)
	}
	englishLabels(d)
	data, err := Render(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, data)
	wellFormed(t, parts)
	path := writeDocx(t, "china-image-kazakhstan", data)

	t.Run("pandoc", func(t *testing.T) {
		t.Parallel()
		testtool.Validators(t)
		r := pandoc(t, path)
		if r.Notes != 69 || len(d.Notes) != 69 {
			t.Errorf("pandoc read %d notes, the model has %d; want 69", r.Notes, len(d.Notes))
		}
		got := map[string]bool{}
		for _, h := range r.Headings {
			got[h] = true
		}
		for _, h := range doc.Headings(d) {
			if want := headingText(d, h); !got[want] {
				t.Errorf("pandoc did not read heading %q; it read %q", want, r.Headings)
			}
		}
		if want := d.Labels.Colophon; !got[want] {
			t.Errorf("pandoc did not read the colophon heading %q", want)
		}
		for _, n := range d.Notes {
			if s := strings.Join(strings.Fields(doc.PlainText(n.Content)), " "); !strings.Contains(strings.Join(strings.Fields(r.Text), " "), s) {
				t.Errorf("note %d is not in pandoc's text: %q", n.Number, s)
			}
		}
	})
	t.Run("libreoffice", func(t *testing.T) {
		t.Parallel()
		testtool.Validators(t)
		pdf := sofficePDF(t, path)
		text := flat(pdfText(t, pdf))
		for _, want := range []string{d.Meta.Title.Text, "Contents", "February 2019", "Chapter 1. The Economic Agenda of China-Kazakhstan Relations", "Image not included", "Source: Tengrinews.kz", "About this edition"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF from LibreOffice lacks %q", want)
			}
		}
		// The title page stands alone (no page number), the table of
		// contents starts page 2.
		page1 := flat(pdfPages(t, pdf, 1, 1))
		page2 := flat(pdfPages(t, pdf, 2, 2))
		if want := "China's Image in Kazakhstan Polyxeni Davarinou (ed.) Ilia Cocali Michael Saouach Wills Hutras II February 2019"; page1 != want {
			t.Errorf("page 1 is %q, want the title page %q", page1, want)
		}
		if !strings.HasPrefix(page2, "Contents Abstract Introduction Chapter 1.") || !strings.HasSuffix(page2, "About this edition 2") {
			t.Errorf("page 2 is not the table of contents with page number 2: %q", page2)
		}
		keep(t, "china-image-kazakhstan", path, pdf)
	})
}

// keep copies the outputs to $PRESS_DOCX_OUT, when set, as name.docx and
// name.pdf, to look at them.
func keep(t *testing.T, name string, paths ...string) {
	t.Helper()
	out := os.Getenv("PRESS_DOCX_OUT")
	if out == "" {
		return
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name+filepath.Ext(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
