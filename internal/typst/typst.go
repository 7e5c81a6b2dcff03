// Package typst writes a document as Typst markup, set like press sets
// its PDF (A4, Noto Serif 10.5 pt, justified and hyphenated, footnotes):
// the source of the Typst row of `make bench`, an anchor for speed and
// for the line-breaking figures press is held to.
package typst

import (
	"fmt"
	"strings"

	"github.com/press/press/internal/doc"
)

// Source is d as a Typst document.
func Source(d *doc.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, `#set document(title: %q)
#set page(paper: "a4", margin: (inside: 72pt, outside: 72pt, top: 72pt, bottom: 72pt), numbering: "1")
#set text(font: "Noto Serif", size: 10.5pt, lang: %q, hyphenate: true)
#set par(justify: true, first-line-indent: 15.75pt, leading: 0.55em)
#show heading: set text(font: "Noto Sans")
#align(center, text(font: "Noto Sans", size: 26pt, weight: "bold")[%s])
#pagebreak()
#outline()
`, d.Meta.Title.Text, d.Meta.Lang, esc(d.Meta.Title.Text))
	for _, bl := range d.Blocks {
		switch bl := bl.(type) {
		case *doc.Heading:
			if bl.Level == 1 {
				b.WriteString("#pagebreak(weak: true)\n")
			}
			fmt.Fprintf(&b, "%s %s\n\n", strings.Repeat("=", bl.Level), inlines(bl.Content))
		case *doc.Paragraph:
			b.WriteString(inlines(bl.Content) + "\n\n")
		case *doc.BlockQuote:
			b.WriteString("#quote(block: true)[\n")
			for _, p := range bl.Blocks {
				if pp, ok := p.(*doc.Paragraph); ok {
					b.WriteString(inlines(pp.Content) + "\n\n")
				}
			}
			b.WriteString("]\n\n")
		case *doc.PullQuote:
			fmt.Fprintf(&b, "#align(center, text(size: 14pt, style: \"italic\")[%s])\n\n", inlines(bl.Content))
		case *doc.List:
			mark := "-"
			if bl.Ordered {
				mark = "+"
			}
			for _, it := range bl.Items {
				fmt.Fprintf(&b, "%s %s\n", mark, inlines(it.Content))
			}
			b.WriteString("\n")
		case *doc.Figure:
			fmt.Fprintf(&b, "#figure(rect(width: 100%%, height: 120pt), caption: [%s])\n\n", inlines(bl.Caption))
		case *doc.ThematicBreak:
			b.WriteString("#line(length: 20%)\n\n")
		}
	}
	return b.String()
}

func inlines(ins []doc.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			b.WriteString(esc(in.Text))
		case *doc.Code:
			b.WriteString("#raw(" + fmt.Sprintf("%q", in.Text) + ")")
		case *doc.Emph:
			b.WriteString("#emph[" + inlines(in.Content) + "]")
		case *doc.Strong:
			b.WriteString("#strong[" + inlines(in.Content) + "]")
		case *doc.Link:
			fmt.Fprintf(&b, "#link(%q)[%s]", in.URL, inlines(in.Content))
		case *doc.NoteRef:
			b.WriteString("#footnote[" + inlines(in.Note.Content) + "]")
		case *doc.LineBreak:
			b.WriteString(" \\\n")
		}
	}
	return b.String()
}

// esc escapes Typst's markup characters in plain text.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\#*_$@<>[]~"'`+"`=-+/", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
