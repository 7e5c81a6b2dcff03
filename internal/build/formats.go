package build

import (
	"sort"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/lang"
	"github.com/press/press/internal/render/docx"
	"github.com/press/press/internal/render/epub"
	"github.com/press/press/internal/render/pdf"
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
		data, err := epub.Render(e.Doc, o)
		return data, 0, err
	},
	"docx": func(e *Edition) ([]byte, int, error) {
		o := docx.Options{TOCDepth: e.Layout.TOCDepth}
		switch e.Layout.Size {
		case "a5":
			o.PageWidthMM, o.PageHeightMM = 148, 210
		case "6x9":
			o.PageWidthMM, o.PageHeightMM = 152.4, 228.6
		}
		if e.Profile.Script == lang.Han {
			o.EastAsiaFont = "Noto Serif CJK SC"
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
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			add(b.Label)
		case *doc.Figure:
			add(b.Label)
		}
	}
	add("0123456789")
	var out []rune
	for r := range seen {
		out = append(out, r)
	}
	return out
}
