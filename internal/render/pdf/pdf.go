// Package pdf draws a typeset book (package layout) with fpdf. It makes no
// typesetting decisions: every glyph run, rule and link comes placed.
package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/layout"
)

// Options are the document-level settings of the file.
type Options struct {
	Links bool // clickable links and note references (screen profile)
}

// Render writes the book as PDF bytes. d supplies the metadata.
func Render(b *layout.Book, d *doc.Document, opt Options) ([]byte, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: b.Width, Ht: b.Height}})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetDisplayMode("fullpage", "OneColumn")
	when, err := time.Parse(time.RFC3339, d.Meta.Modified)
	if err != nil {
		return nil, fmt.Errorf("pdf: modification time %q: %v", d.Meta.Modified, err)
	}
	pdf.SetCreationDate(when.UTC())
	pdf.SetModificationDate(when.UTC())
	pdf.SetTitle(d.Meta.Title.Text, true)
	var authors []string
	for _, a := range d.Meta.Authors {
		authors = append(authors, a.Text)
	}
	pdf.SetAuthor(strings.Join(authors, ", "), true)
	if d.Meta.Editor.Text != "" {
		pdf.SetSubject(d.Meta.Title.Text+" — "+d.Meta.Editor.Text, true)
	}
	pdf.SetCreator("press", false)
	pdf.SetProducer("press (fpdf)", false)
	pdf.SetLang(d.Meta.Lang)

	// Fonts: every face the book uses, added once.
	families := map[*fonts.Face]bool{}
	for _, pg := range b.Pages {
		for _, it := range pg.Items {
			if it.Kind == layout.TextItem && it.Face != nil && !families[it.Face] {
				families[it.Face] = true
				pdf.AddUTF8FontFromBytes(it.Face.Family, it.Face.Style, it.Face.Data)
				if pdf.Err() {
					return nil, fmt.Errorf("pdf: font %s: %v", it.Face.Path, pdf.Error())
				}
			}
		}
	}
	if len(families) == 0 {
		return nil, fmt.Errorf("pdf: the book has no text")
	}
	var anyFace *fonts.Face
	for f := range families {
		if anyFace == nil || f.Path < anyFace.Path {
			anyFace = f
		}
	}

	// Anchors: one fpdf link per name, pointed at its page.
	links := map[string]int{}
	if opt.Links {
		for _, pg := range b.Pages {
			for _, a := range pg.Anchors {
				if _, ok := links[a.Name]; !ok {
					id := pdf.AddLink()
					pdf.SetLink(id, a.Y, pg.Number)
					links[a.Name] = id
				}
			}
		}
	}
	outline := map[int][]layout.OutlineEntry{}
	for _, e := range b.Outline {
		outline[e.Page] = append(outline[e.Page], e)
	}
	images := map[string]bool{}
	for _, pg := range b.Pages {
		pdf.AddPage()
		// Print-ready boxes: nothing is trimmed and there is no bleed.
		pdf.SetPageBox("trim", 0, 0, b.Width, b.Height)
		pdf.SetPageBox("bleed", 0, 0, b.Width, b.Height)
		pdf.SetFont(anyFace.Family, anyFace.Style, 10)
		for _, e := range outline[pg.Number] {
			pdf.Bookmark(e.Title, e.Level, e.Y)
		}
		for _, it := range pg.Items {
			gray := int(it.Gray * 255)
			switch it.Kind {
			case layout.TextItem:
				pdf.SetFont(it.Face.Family, it.Face.Style, it.Size)
				pdf.SetTextColor(gray, gray, gray)
				pdf.Text(it.X, it.Y, it.Text)
			case layout.RuleItem:
				pdf.SetDrawColor(gray, gray, gray)
				pdf.SetLineWidth(it.Line)
				pdf.Line(it.X, it.Y, it.X+it.W, it.Y+it.H)
			case layout.RectItem:
				pdf.SetDrawColor(gray, gray, gray)
				pdf.SetLineWidth(it.Line)
				pdf.Rect(it.X, it.Y, it.W, it.H, "D")
			case layout.ImageItem:
				tp := map[string]string{"png": "PNG", "jpeg": "JPG"}[it.ImageType]
				if !images[it.ImageName] {
					pdf.RegisterImageOptionsReader(it.ImageName, fpdf.ImageOptions{ImageType: tp}, bytes.NewReader(it.Image))
					images[it.ImageName] = true
				}
				pdf.ImageOptions(it.ImageName, it.X, it.Y, it.W, it.H, false, fpdf.ImageOptions{ImageType: tp}, 0, "")
			}
			if pdf.Err() {
				return nil, fmt.Errorf("pdf: page %d: %v", pg.Number, pdf.Error())
			}
		}
		if opt.Links {
			for _, l := range pg.Links {
				switch {
				case l.URL != "":
					pdf.LinkString(l.X, l.Y, l.W, l.H, l.URL)
				case l.Anchor != "":
					if id, ok := links[l.Anchor]; ok {
						pdf.Link(l.X, l.Y, l.W, l.H, id)
					}
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %v", err)
	}
	return buf.Bytes(), nil
}
