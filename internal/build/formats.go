package build

import (
	"sort"

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
