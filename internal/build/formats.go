package build

import (
	"sort"

	"github.com/press/press/internal/lang"
	"github.com/press/press/internal/render/docx"
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
			return nil, 0, err
		}
		data, err := pdf.Render(b, e.Doc, pdf.Options{Links: true})
		return data, len(b.Pages), err
	},
	"docx": func(e *Edition) ([]byte, int, error) {
		o := docx.Options{}
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
}

// FormatNames lists the known formats in build order.
func FormatNames() []string {
	var ns []string
	for n := range formats {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}
