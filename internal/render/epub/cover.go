package epub

import (
	"strings"
)

// coverPage is the first page of the reading order: the cover image,
// whose text alternative is what the cover says.
func (r *renderer) coverPage() *xfile {
	m := r.d.Meta
	parts := []string{oneLine(m.Title.Text)}
	if s := oneLine(m.Subtitle.Text); s != "" {
		parts = append(parts, s)
	}
	var authors []string
	for _, a := range m.Authors {
		if s := oneLine(a.Text); s != "" {
			authors = append(authors, s)
		}
	}
	if len(authors) > 0 {
		parts = append(parts, strings.Join(authors, ", "))
	}
	if s := oneLine(m.Editor.Text); s != "" {
		parts = append(parts, s)
	}
	if s := oneLine(m.DateText); s != "" {
		parts = append(parts, s)
	}
	alt := strings.Join(parts, "; ")
	body := `<section class="cover" epub:type="cover" id="cover">` + "\n" +
		`<img role="doc-cover" src="../images/` + coverImage + `" alt="` + esc(alt) + `"/>` + "\n</section>"
	return &xfile{name: coverFileName, title: oneLine(m.Title.Text), body: body}
}
