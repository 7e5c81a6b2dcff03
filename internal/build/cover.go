package build

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/press/press/internal/cover"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/lang"
	"github.com/press/press/internal/layout"
)

// Ebook covers are 1600 × 2560 pixels (1 : 1.6, what the stores ask for).
const coverW, coverH = 1600, 2560

// coverDPI is the resolution of a printed cover.
const coverDPI = 300

// coverText is what the edition's cover says.
func (e *Edition) coverText() cover.Text {
	m := e.Doc.Meta
	t := cover.Text{Title: m.Title.Text, Subtitle: m.Subtitle.Text, Editor: m.Editor.Text, Date: m.DateText,
		Han: e.Profile.Script == lang.Han}
	for _, a := range m.Authors {
		if strings.TrimSpace(a.Text) != "" {
			t.Authors = append(t.Authors, a.Text)
		}
	}
	return t
}

// coverFonts are the edition's display faces: the heading faces, which
// carry its script, bold for the title and regular for the names (the
// Chinese faces have one weight each).
func (e *Edition) coverFonts(t cover.Text) (cover.Fonts, error) {
	boldRole, regularRole := fonts.HeadingBold, fonts.Body
	if t.Han {
		boldRole, regularRole = fonts.CJKHeading, fonts.CJKBody
	}
	bold, err := e.Fonts.Get(boldRole)
	if err != nil {
		return cover.Fonts{}, err
	}
	regular, err := e.Fonts.Get(regularRole)
	if err != nil {
		return cover.Fonts{}, err
	}
	all := strings.Join(append([]string{t.Title, t.Subtitle, t.Editor, t.Date}, t.Authors...), "")
	for _, f := range []*fonts.Face{bold, regular} {
		if r := f.Missing(strings.ReplaceAll(all, " ", "")); r >= 0 {
			return cover.Fonts{}, fmt.Errorf("cover: %s has no glyph for %q (U+%04X)", f.Path, r, r)
		}
	}
	return cover.Fonts{Bold: bold.Data, Regular: regular.Data}, nil
}

// CoverPNG draws the ebook's front cover.
func (e *Edition) CoverPNG() ([]byte, error) {
	t := e.coverText()
	f, err := e.coverFonts(t)
	if err != nil {
		return nil, err
	}
	img, err := cover.Front(t, f, coverW, coverH)
	if err != nil {
		return nil, err
	}
	return cover.PNG(img)
}

// CoverPDF draws the printed cover for the book b when its printer
// profile binds paperbacks (nil otherwise): back, spine and front on one
// sheet, the spine as wide as the pages are thick.
func (e *Edition) CoverPDF(b *layout.Book) ([]byte, error) {
	prof, err := layout.ProfileByName(e.Layout.Profile)
	if err != nil || prof.Cover == nil {
		return nil, err
	}
	spec := prof.Cover
	pages := len(b.Pages)
	s := cover.Spread{TrimW: b.Width / layout.Inch, TrimH: b.Height / layout.Inch,
		Spine: spec.Spine(pages) / layout.Inch, Bleed: spec.Bleed / layout.Inch,
		SpineText: pages >= spec.SpineTextPages, DPI: coverDPI}
	t := e.coverText()
	f, err := e.coverFonts(t)
	if err != nil {
		return nil, err
	}
	img, err := s.Draw(t, f)
	if err != nil {
		return nil, err
	}
	data, err := cover.PNG(img)
	if err != nil {
		return nil, err
	}
	w, h := spec.CoverSize(b.Width, b.Height, pages)
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: w, Ht: h}})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCatalogSort(true)
	when, err := time.Parse(time.RFC3339, e.Doc.Meta.Modified)
	if err != nil {
		return nil, fmt.Errorf("cover: modification time %q: %v", e.Doc.Meta.Modified, err)
	}
	pdf.SetCreationDate(when.UTC())
	pdf.SetModificationDate(when.UTC())
	pdf.SetTitle(e.Doc.Meta.Title.Text, true)
	pdf.SetCreator("press", false)
	pdf.SetProducer("press (fpdf)", false)
	pdf.SetLang(e.Doc.Meta.Lang)
	pdf.AddPage()
	pdf.RegisterImageOptionsReader("cover", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(data))
	pdf.ImageOptions("cover", 0, 0, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	return out.Bytes(), nil
}

// coverPath is where the printed cover of the interior at pdf goes.
func coverPath(pdf string) string { return strings.TrimSuffix(pdf, ".pdf") + ".cover.pdf" }
