package epub

import (
	"bytes"
	"strings"

	"github.com/press/press/internal/doc"
)

// The rendering of the model's richer nodes: code, tables, definition
// lists, nested list items, images and internal links.

// anchor is where a document id lands: its file and its XML id.
type anchor struct{ file, id string }

// reserveAnchors gives every heading, figure and table id its XML id and
// file before any body is written, so an internal link can point forward.
func (r *renderer) reserveAnchors(chapters []doc.Chapter) {
	r.anchors = map[string]anchor{}
	for i, c := range chapters {
		walkBlocks(c.Blocks, func(b doc.Block) {
			var id string
			switch b := b.(type) {
			case *doc.Heading:
				id = b.ID
			case *doc.Figure:
				id = b.ID
			case *doc.Table:
				id = b.ID
			}
			if id != "" {
				if _, dup := r.anchors[id]; !dup {
					r.anchors[id] = anchor{file: r.chFiles[i], id: r.uniqueID(id)}
				}
			}
		}, nil)
	}
}

// anchorID is the XML id reserved for a document id, or a new one.
func (r *renderer) anchorID(id string) string {
	if a, ok := r.anchors[id]; ok {
		return a.id
	}
	return r.uniqueID(id)
}

// internalHref is the href of a "#id" link, false when nothing has it.
func (r *renderer) internalHref(url string) (string, bool) {
	a, ok := r.anchors[strings.TrimPrefix(url, "#")]
	if !ok {
		return "", false
	}
	if a.file == r.file {
		return "#" + a.id, true
	}
	return a.file + "#" + a.id, true
}

func (r *renderer) codeBlock(w *bytes.Buffer, c *doc.CodeBlock) {
	w.WriteString(`<pre class="code"><code`)
	if l := classToken(c.Lang); l != "" {
		w.WriteString(` class="language-` + l + `"`)
	}
	w.WriteString(">" + esc(c.Text) + "</code></pre>\n")
}

var alignClass = map[doc.Align]string{doc.AlignLeft: "left", doc.AlignCenter: "center", doc.AlignRight: "right"}

func (r *renderer) table(w *bytes.Buffer, t *doc.Table) {
	w.WriteString("<table")
	if t.ID != "" {
		w.WriteString(` id="` + r.anchorID(t.ID) + `"`)
	}
	w.WriteString(">\n")
	if len(t.Caption) > 0 {
		w.WriteString("<caption>")
		r.inlines(w, t.Caption)
		w.WriteString("</caption>\n")
	}
	row := func(cells []*doc.Cell, head bool) {
		w.WriteString("<tr>")
		for i, c := range cells {
			tag := "td"
			if head {
				tag = "th"
			}
			w.WriteString("<" + tag)
			if head {
				w.WriteString(` scope="col"`)
			}
			if i < len(t.Align) && alignClass[t.Align[i]] != "" {
				w.WriteString(` class="` + alignClass[t.Align[i]] + `"`)
			}
			w.WriteString(">")
			r.inlines(w, c.Content)
			w.WriteString("</" + tag + ">")
		}
		w.WriteString("</tr>\n")
	}
	if len(t.Head) > 0 {
		w.WriteString("<thead>\n")
		for _, cells := range t.Head {
			row(cells, true)
		}
		w.WriteString("</thead>\n")
	}
	if len(t.Rows) > 0 {
		w.WriteString("<tbody>\n")
		for _, cells := range t.Rows {
			row(cells, false)
		}
		w.WriteString("</tbody>\n")
	}
	w.WriteString("</table>\n")
}

func (r *renderer) definitions(w *bytes.Buffer, dl *doc.DefinitionList) {
	if len(dl.Items) == 0 {
		return
	}
	w.WriteString("<dl>\n")
	for _, it := range dl.Items {
		w.WriteString("<dt>")
		r.inlines(w, it.Term)
		w.WriteString("</dt>\n")
		for _, def := range it.Defs {
			w.WriteString("<dd>\n")
			for _, b := range def {
				r.block(w, b)
			}
			w.WriteString("</dd>\n")
		}
	}
	w.WriteString("</dl>\n")
}

// listItem writes an item: its box, its text and its blocks.
func (r *renderer) listItem(w *bytes.Buffer, it *doc.ListItem) {
	w.WriteString("<li>")
	switch it.Task {
	case doc.TaskOpen:
		w.WriteString(`<span class="task">☐</span> `)
	case doc.TaskDone:
		w.WriteString(`<span class="task">☒</span> `)
	}
	if len(it.Blocks) == 0 {
		r.startBlock(w, it.ID, r.visibleRunes(it.Content))
		r.inlines(w, it.Content)
		r.endBlock(w)
	} else {
		if len(it.Content) > 0 {
			w.WriteString("<p>")
			r.startBlock(w, it.ID, r.visibleRunes(it.Content))
			r.inlines(w, it.Content)
			r.endBlock(w)
			w.WriteString("</p>")
		}
		w.WriteString("\n")
		for _, b := range it.Blocks {
			r.block(w, b)
		}
	}
	w.WriteString("</li>\n")
}

// image writes an image; one that was not read (remote, missing) is its
// alt text and its address.
func (r *renderer) image(w *bytes.Buffer, img *doc.Image) {
	alt := oneLine(doc.PlainText(img.Content))
	if src, ok := r.inlineImg[img]; ok {
		if alt == "" {
			r.b.altText = false
		}
		w.WriteString(`<img src="` + esc(src) + `" alt="` + esc(alt) + `"/>`)
		return
	}
	w.WriteString(`<span class="image-missing">`)
	r.inlines(w, img.Content)
	if alt != "" {
		w.WriteString(" ")
	}
	w.WriteString("(" + esc(img.URL) + ")</span>")
}
