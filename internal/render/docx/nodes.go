package docx

import (
	"fmt"

	"github.com/press/press/internal/doc"
)

// The rendering of the model's richer nodes: code, tables, definition
// lists, nested list items, images in the text.

const (
	styleSourceCode = "SourceCode"
	styleDefTerm    = "DefinitionTerm"
	styleDefinition = "Definition"
	styleTableText  = "TableText"
	styleListCont   = "ListContinue"
)

// richStyles are the paragraph styles of those nodes (pandoc's names, so
// pandoc reads them back as what they are).
func richStyles() []style {
	return []style{
		{Type: "paragraph", ID: styleSourceCode, Name: "Source Code", BasedOn: "Normal", QFormat: true,
			PPr: `<w:wordWrap w:val="1"/><w:suppressAutoHyphens/><w:spacing w:before="60" w:after="120" w:line="240" w:lineRule="auto"/><w:ind w:left="284"/><w:jc w:val="left"/>`,
			RPr: fonts(monoFont) + `<w:sz w:val="18"/><w:szCs w:val="18"/>`},
		{Type: "paragraph", ID: styleDefTerm, Name: "Definition Term", BasedOn: "Normal", Next: styleDefinition, QFormat: true,
			PPr: `<w:keepNext/><w:spacing w:before="120" w:after="0"/><w:jc w:val="left"/>`, RPr: `<w:b/><w:bCs/>`},
		{Type: "paragraph", ID: styleDefinition, Name: "Definition", BasedOn: "Normal", QFormat: true,
			PPr: `<w:spacing w:after="60"/><w:ind w:left="567"/>`},
		{Type: "paragraph", ID: styleTableText, Name: "Table Text", BasedOn: "Normal", QFormat: true,
			PPr: `<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>`,
			RPr: `<w:sz w:val="20"/><w:szCs w:val="20"/>`},
		{Type: "paragraph", ID: styleListCont, Name: "List Continue", BasedOn: styleListPara, QFormat: true,
			PPr: `<w:spacing w:after="60"/>`},
	}
}

func (w *writer) codeBlock(c *ctx, b *doc.CodeBlock) {
	w.pOpen(c, pp{style: styleSourceCode})
	w.text(c.b, runFmt{}, b.Text)
	c.b.WriteString("</w:p>")
}

var jcOf = map[doc.Align]string{doc.AlignCenter: "center", doc.AlignRight: "right", doc.AlignLeft: "left"}

// table writes a w:tbl the width of the text block, its header rows
// repeated on every page the table runs over.
func (w *writer) table(c *ctx, t *doc.Table) {
	if len(t.Caption) > 0 {
		w.pOpen(c, pp{style: styleCaption, keepNext: true})
		w.inlines(c, t.Caption, runFmt{})
		c.b.WriteString("</w:p>")
	}
	cols := t.Columns()
	if cols == 0 {
		return
	}
	colW := w.geo.TextW / cols
	b := c.b
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>`)
	b.WriteString(`<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders>`)
	b.WriteString(`<w:tblLayout w:type="autofit"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>`)
	b.WriteString(`<w:tblGrid>`)
	for range cols {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, colW)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []*doc.Cell, head bool) {
		b.WriteString("<w:tr>")
		if head {
			b.WriteString(`<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
		} else {
			b.WriteString(`<w:trPr><w:cantSplit/></w:trPr>`)
		}
		for i := range cols {
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, colW)
			if head {
				b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="EDEDED"/>`)
			}
			b.WriteString(`</w:tcPr><w:p><w:pPr><w:pStyle w:val="` + styleTableText + `"/>`)
			if i < len(t.Align) && jcOf[t.Align[i]] != "" {
				b.WriteString(`<w:jc w:val="` + jcOf[t.Align[i]] + `"/>`)
			}
			b.WriteString(`</w:pPr>`)
			if i < len(cells) {
				w.inlines(c, cells[i].Content, runFmt{bold: head})
			}
			b.WriteString("</w:p></w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	for _, r := range t.Head {
		row(r, true)
	}
	for _, r := range t.Rows {
		row(r, false)
	}
	b.WriteString(`</w:tbl>`)
	// Two tables in a row would merge: a paragraph keeps them apart.
	b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>`)
}

func (w *writer) definitions(c *ctx, dl *doc.DefinitionList) error {
	for _, it := range dl.Items {
		w.pOpen(c, pp{style: styleDefTerm})
		w.inlines(c, it.Term, runFmt{})
		c.b.WriteString("</w:p>")
		for _, def := range it.Defs {
			for _, b := range def {
				if p, ok := b.(*doc.Paragraph); ok {
					w.pOpen(c, pp{style: styleDefinition})
					w.inlines(c, p.Content, runFmt{})
					c.b.WriteString("</w:p>")
					continue
				}
				if err := w.block(c, b); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// list writes a list, nested lists one level deeper, and an item's
// further paragraphs indented under its text.
func (w *writer) list(c *ctx, l *doc.List) error {
	if len(l.Items) == 0 {
		return nil
	}
	start := l.Start
	if start <= 0 {
		start = 1
	}
	w.lists = append(w.lists, listDef{ordered: l.Ordered, start: start, depth: w.listDepth})
	num := len(w.lists)
	for _, it := range l.Items {
		if it == nil {
			continue
		}
		w.pOpen(c, pp{style: styleListPara, numID: num})
		switch it.Task {
		case doc.TaskOpen:
			w.text(c.b, runFmt{}, "☐ ")
		case doc.TaskDone:
			w.text(c.b, runFmt{}, "☒ ")
		}
		w.inlines(c, it.Content, runFmt{})
		c.b.WriteString("</w:p>")
		w.listDepth++
		for _, b := range it.Blocks {
			if p, ok := b.(*doc.Paragraph); ok {
				if _, img := doc.ImageBlock(p); !img {
					w.pOpen(c, pp{style: styleListCont, indent: listIndent(w.listDepth - 1)})
					w.inlines(c, p.Content, runFmt{})
					c.b.WriteString("</w:p>")
					continue
				}
			}
			if err := w.block(c, b); err != nil {
				w.listDepth--
				return err
			}
		}
		w.listDepth--
	}
	return nil
}

// listIndent is the text indent of a list at depth d, in twips.
func listIndent(d int) int { return 720 + 360*d }

// inlineImage draws an image read with the manuscript in the text; one
// that was not read is its alt text and address.
func (w *writer) inlineImage(c *ctx, img *doc.Image, f runFmt) {
	descr := doc.PlainText(img.Content)
	if len(img.Data) > 0 && !c.toc {
		if run, err := w.imageRun(c, img.Data, descr); err == nil {
			c.b.WriteString(run)
			return
		}
	}
	w.inlines(c, img.Content, f)
	if descr != "" {
		w.text(c.b, f, " ")
	}
	w.text(c.b, f, "("+img.URL+")")
}
