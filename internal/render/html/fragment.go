package html

import (
	"bytes"
	"strconv"

	"github.com/press/press/internal/doc"
)

// Fragment is a unit's inline content as HTML for a page of press's own
// (press serve's bilingual view): the edition's markup, with a citation
// shown as its number rather than a link to a note that page lacks.
func Fragment(d *doc.Document, ins []doc.Inline) string {
	r := &renderer{d: d, ids: map[string]bool{}, files: map[string][]byte{}, num: map[*doc.Note]int{}, refs: map[*doc.Note][]string{}, plainRefs: true}
	for i, n := range d.Notes {
		if n != nil {
			r.num[n] = n.Number
			if n.Number <= 0 {
				r.num[n] = i + 1
			}
		}
	}
	var w bytes.Buffer
	r.inlines(&w, ins)
	return w.String()
}

// plainRef writes a citation as a bare superscript number.
func (r *renderer) plainRef(w *bytes.Buffer, n *doc.Note) {
	w.WriteString(`<sup class="noteref">` + strconv.Itoa(r.num[n]) + "</sup>")
}
