package epub

// Page-break markers: where each page of the print edition begins, so that
// a reader of the ebook can cite the printed page (EPUB Accessibility:
// pageBreakMarkers, pageNavigation).
//
// The pages come in print order, each naming the block its body text
// begins with and, when it begins inside a paragraph, the text of that
// line. A page without body text (the title page, the contents, a blank
// verso) is marked where the next one is, or, before the body, on the
// title page (page 1) and in the contents (the others).

import (
	"bytes"
	"slices"
	"strconv"
	"unicode"

	"github.com/press/press/internal/doc"
)

// marker is one page's break marker waiting to be placed.
type marker struct {
	label, unit, text string
	id                string
	at                int // for a marker inside a block: visible characters before it
}

// pageRef is a placed marker, for the page-list.
type pageRef struct{ label, href string }

// queueMarkers turns the pages into markers: the front pages are placed
// at once (title page, contents), the others wait for their block.
func (r *renderer) queueMarkers(pages []Page) {
	for _, p := range pages {
		label := oneLine(p.Label)
		if label == "" {
			continue
		}
		id := r.uniqueID("page-" + label)
		r.marks = append(r.marks, &marker{label: label, unit: p.Unit, text: p.Text, id: id})
	}
	// Front pages: those before the first page with body text.
	k := 0
	for k < len(r.marks) && r.marks[k].unit == "" {
		k++
	}
	if k == len(r.marks) {
		k = 0 // no body at all: every marker waits for the end
	}
	for i, m := range r.marks[:k] {
		if i == 0 {
			r.titleMarks = append(r.titleMarks, m)
		} else {
			r.navMarks = append(r.navMarks, m)
		}
	}
	r.marks = r.marks[k:]
}

// markerHTML is the empty element that marks a page break.
func markerHTML(m *marker) string {
	return `<span epub:type="pagebreak" role="doc-pagebreak" id="` + m.id + `" aria-label="` + esc(m.label) + `"></span>`
}

// placeMarker writes m in the current file.
func (r *renderer) placeMarker(w *bytes.Buffer, m *marker) {
	w.WriteString(markerHTML(m))
	r.b.pages = append(r.b.pages, pageRef{label: m.label, href: "xhtml/" + r.file + "#" + m.id})
}

// startBlock is called before a block with the given unit id is written:
// it writes the markers of the pages that begin with this block (and of
// any page before them still waiting) and prepares those that begin
// inside it, at their place in the block's visible text.
func (r *renderer) startBlock(w *bytes.Buffer, unit string, visible []rune) {
	r.inside, r.pos = nil, 0
	if unit == "" || len(r.marks) == 0 {
		return
	}
	k := -1
	for i, m := range r.marks {
		if m.unit == unit {
			k = i
			break
		}
	}
	if k < 0 {
		return
	}
	// A page that begins with the block's first line, and those before
	// it (blank pages, or blocks this renderer does not write).
	end := k
	if r.marks[k].text == "" {
		end = k + 1
	}
	for _, m := range r.marks[:end] {
		r.placeMarker(w, m)
	}
	r.marks = r.marks[end:]
	// Pages that begin inside the block.
	from := 0
	for len(r.marks) > 0 && r.marks[0].unit == unit && r.marks[0].text != "" {
		m := r.marks[0]
		r.marks = r.marks[1:]
		m.at = findLine(visible, m.text, from)
		from = m.at + 1
		r.inside = append(r.inside, m)
	}
}

// endBlock writes the markers of the block that its text did not reach.
func (r *renderer) endBlock(w *bytes.Buffer) {
	for _, m := range r.inside {
		r.placeMarker(w, m)
	}
	r.inside = nil
}

// flushMarkers writes every marker still waiting: at the end of the
// publication.
func (r *renderer) flushMarkers(w *bytes.Buffer) {
	for _, m := range r.marks {
		r.placeMarker(w, m)
	}
	r.marks = nil
}

// text writes s, placing the markers that fall inside it. Positions count
// visible characters: every character but white space.
func (r *renderer) text(w *bytes.Buffer, s string) {
	if len(r.inside) == 0 {
		w.WriteString(esc(s))
		return
	}
	start := 0
	for i, c := range s {
		if unicode.IsSpace(c) || c == '\u2060' {
			continue
		}
		for len(r.inside) > 0 && r.inside[0].at <= r.pos {
			w.WriteString(esc(s[start:i]))
			start = i
			r.placeMarker(w, r.inside[0])
			r.inside = r.inside[1:]
		}
		r.pos++
	}
	w.WriteString(esc(s[start:]))
}

// visibleRunes is the text of a block as the reader sees it, without
// white space: text, code and note numbers.
func (r *renderer) visibleRunes(ins []doc.Inline) []rune {
	var out []rune
	add := func(s string) {
		for _, c := range s {
			if !unicode.IsSpace(c) && c != '\u2060' {
				out = append(out, c)
			}
		}
	}
	var walk func([]doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				add(in.Text)
			case *doc.Code:
				add(in.Text)
			case *doc.Emph:
				walk(in.Content)
			case *doc.Strong:
				walk(in.Content)
			case *doc.Link:
				walk(in.Content)
			case *doc.NoteRef:
				if in.Note != nil {
					add(strconv.Itoa(r.num[in.Note]))
				}
			}
		}
	}
	walk(ins)
	return out
}

// findLine finds where a printed line begins in a block's visible text,
// at or after from: by its first characters, fewer if the line was set
// differently (a hyphen added or dropped). Not found, it is from.
func findLine(visible []rune, line string, from int) int {
	var key []rune
	for _, c := range line {
		if !unicode.IsSpace(c) && c != '\u2060' {
			key = append(key, c)
		}
	}
	for _, n := range []int{16, 8, 4} {
		k := key[:min(n, len(key))]
		if len(k) == 0 {
			break
		}
		if i := indexRunes(visible[min(from, len(visible)):], k); i >= 0 {
			return from + i
		}
	}
	return from
}

// indexRunes is the index of the first sub in s, or -1.
func indexRunes(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if slices.Equal(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
