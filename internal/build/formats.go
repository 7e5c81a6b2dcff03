package build

import (
	"cmp"
	"sort"
	"strconv"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/lang"
	"github.com/press/press/internal/layout"
	"github.com/press/press/internal/render/docx"
	"github.com/press/press/internal/render/epub"
	"github.com/press/press/internal/render/pdf"
	"github.com/press/press/internal/typo"
)

// renderFunc renders an edition in one format, returning the file and its
// page count (0 where pages are the reader's business).
type renderFunc func(*Edition) ([]byte, int, error)

// formats is the list of output formats: a new one is one line here and
// one package under internal/render.
var formats = map[string]renderFunc{
	"pdf": func(e *Edition) ([]byte, int, error) {
		b, err := e.Book()
		if err != nil {
			return nil, 0, e.locate(err)
		}
		data, err := pdf.Render(b, e.Doc, pdf.Options{Links: true, Subset: e.Subset})
		return data, len(b.Pages), err
	},
	"epub": func(e *Edition) ([]byte, int, error) {
		o := epub.Options{TOCDepth: e.Layout.TOCDepth}
		type embed struct {
			role          fonts.Role
			family, style string
			weight        int
		}
		var embeds []embed
		switch {
		case e.Profile.Script == lang.Han:
			// Readers without a CJK font would show tofu.
			embeds = []embed{{fonts.CJKBody, "Noto Serif CJK SC", "normal", 400}, {fonts.CJKHeading, "Noto Sans CJK SC", "normal", 700}}
		case e.Profile.Code == "kk":
			// Many reading systems' fonts lack Ә Ғ Қ Ң Ө Ұ Ү Һ І.
			embeds = []embed{{fonts.Body, "Noto Serif", "normal", 400}, {fonts.BodyBold, "Noto Serif", "normal", 700},
				{fonts.BodyItalic, "Noto Serif", "italic", 400}, {fonts.BodyBoldItalic, "Noto Serif", "italic", 700}}
		}
		if len(embeds) > 0 {
			// Subsets with just the edition's characters.
			for _, f := range embeds {
				face, err := e.Fonts.Get(f.role)
				if err != nil {
					return nil, 0, err
				}
				data, err := e.Subset(face, nil)
				if err != nil {
					return nil, 0, err
				}
				o.Fonts = append(o.Fonts, epub.Font{Family: f.family, Style: f.style, Weight: f.weight, FileName: face.PSName + ".ttf", Data: data})
			}
		}
		// Page-break markers from the print edition's pages.
		b, err := e.Book()
		if err != nil {
			return nil, 0, e.locate(err)
		}
		o.Pages = epubPages(b)
		if o.Cover, err = e.CoverPNG(); err != nil {
			return nil, 0, err
		}
		o.Runs = e.runs
		data, err := epub.Render(e.Doc, o)
		return data, 0, err
	},
	"docx": func(e *Edition) ([]byte, int, error) {
		o := docx.Options{TOCDepth: e.Layout.TOCDepth, Runs: e.runs}
		// The contents' page numbers from press's pagination of the same
		// page size.
		b, err := e.Book()
		if err != nil {
			return nil, 0, e.locate(err)
		}
		o.TOCPages = b.HeadingPages
		// The page of the PDF: the chosen size, else the printer
		// profile's trim (one table for the PDF, preflight and DOCX).
		size := e.Layout.Size
		if size == "" {
			prof, err := layout.ProfileByName(e.Layout.Profile)
			if err != nil {
				return nil, 0, err
			}
			size = prof.Trim
		}
		w, h, err := layout.PageSize(size)
		if err != nil {
			return nil, 0, err
		}
		o.PageWidthMM, o.PageHeightMM = w/layout.MM, h/layout.MM
		if e.Profile.Script == lang.Han {
			o.EastAsiaFont = "Noto Serif CJK SC"
		}
		// Fonts travel with the Kazakh and Chinese editions: few
		// machines have Noto CJK, many lack Kazakh letters.
		type embed struct {
			role        fonts.Role
			name, style string
		}
		var embeds []embed
		switch {
		case e.Profile.Script == lang.Han:
			embeds = []embed{{fonts.CJKBody, "Noto Serif CJK SC", "Regular"}, {fonts.CJKHeading, "Noto Sans CJK SC", "Bold"}}
		case e.Profile.Code == "kk":
		}
		if e.Profile.Script == lang.Han || e.Profile.Code == "kk" {
			embeds = append(embeds, embed{fonts.Body, "Noto Serif", "Regular"}, embed{fonts.BodyBold, "Noto Serif", "Bold"},
				embed{fonts.BodyItalic, "Noto Serif", "Italic"}, embed{fonts.HeadingBold, "Noto Sans", "Bold"}, embed{fonts.Heading, "Noto Sans", "Regular"})
		}
		for _, f := range embeds {
			face, err := e.Fonts.Get(f.role)
			if err != nil {
				return nil, 0, err
			}
			data, err := e.Subset(face, nil)
			if err != nil {
				return nil, 0, err
			}
			o.Fonts = append(o.Fonts, docx.EmbeddedFont{Name: f.name, Style: f.style, Data: data})
		}
		data, err := docx.Render(e.Doc, o)
		return data, 0, err
	},
	"html": renderHTML, // a folder: <name>/index.html with its CSS and fonts (html.go)
}

// optIn formats are built only when asked for with -t: the default set
// stays the three the README promises.
var optIn = map[string]bool{"html": true}

// FormatNames lists the formats a plain build makes, in build order.
func FormatNames() []string {
	var ns []string
	for n := range formats {
		if !optIn[n] {
			ns = append(ns, n)
		}
	}
	sort.Strings(ns)
	return ns
}

// AllFormatNames lists every known format, those made only on request too.
func AllFormatNames() []string {
	var ns []string
	for n := range formats {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}

// EditionRunes lists the characters of an edition's text and labels.
func EditionRunes(d *doc.Document) []rune {
	seen := map[rune]bool{}
	add := func(s string) {
		for _, r := range s {
			seen[r] = true
		}
	}
	for _, u := range doc.Units(d) {
		if u.Text != nil {
			add(*u.Text)
		} else {
			add(doc.PlainText(*u.Inlines))
		}
	}
	l := d.Labels
	for _, s := range append([]string{l.Contents, l.Notes, l.Source, l.ImageNotIncluded, l.BackToText, l.TitlePage,
		l.LabelSep, l.OpenQuote, l.CloseQuote, l.Colophon, d.Meta.DateText}, l.ColophonText...) {
		add(s)
	}
	for _, b := range doc.AllBlocks(d) {
		switch b := b.(type) {
		case *doc.Heading:
			add(b.Label)
		case *doc.Figure:
			add(b.Label)
		case *doc.CodeBlock:
			add(b.Text) // code is not a unit: it is never translated
		}
	}
	// Images not read are printed as their address.
	for _, u := range doc.Units(d) {
		if u.Inlines != nil {
			doc.WalkInlines(*u.Inlines, func(in doc.Inline) {
				if img, ok := in.(*doc.Image); ok && img.Data == nil {
					add(img.URL + " ()")
				}
			})
		}
	}
	add("0123456789")
	var out []rune
	for r := range seen {
		out = append(out, r)
	}
	return out
}

// epubPages lists the print edition's pages for the EPUB's page-break
// markers: each page's printed number and where its body text begins.
func epubPages(b *layout.Book) []epub.Page {
	ps := make([]epub.Page, 0, len(b.Pages))
	for _, pg := range b.Pages {
		p := epub.Page{Label: cmp.Or(pg.Folio, strconv.Itoa(pg.Number))}
		if pg.Start != nil {
			p.Unit, p.Text = pg.Start.Unit, pg.Start.Text
		}
		ps = append(ps, p)
	}
	return ps
}

// runs splits a text of the edition by language (English titles in a
// Chinese note): every backend tags the same runs.
func (e *Edition) runs(s string) []typo.Run { return typo.Runs(s, e.Profile, e.Doc.Meta.SourceLang) }
