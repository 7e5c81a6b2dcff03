package layout

import (
	"bytes"
	"image"
	"math"
	"strconv"
	"strings"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
)

// The setting of the model's richer nodes: code blocks, tables, images
// displayed as blocks, definition lists, and blocks nested in list items
// and quotations. Each takes the indent x of its text from the text
// block's left edge and the width w it may fill.

// codeSize is the type size of code blocks and of their lead.
func (l *layouter) codeSize() float64 { return l.g.size * 0.84 }

// contMark ends a code line that goes on on the next line.
const contMark = "→"

// codeBlock sets code line for line in the monospace face: never
// justified or hyphenated; a line longer than the measure goes on on the
// next, after a continuation mark at the margin.
func (l *layouter) codeBlock(c *doc.CodeBlock, x, w float64, unit string) (*vblock, error) {
	size := l.codeSize()
	lead := size * 1.3
	pad := size
	mono := l.faces.get(fonts.Mono)
	markW := mono.Width(contMark, size)
	avail := w - pad
	var lines []line
	for _, src := range strings.Split(c.Text, "\n") {
		rest := []rune(src)
		for {
			n, width := len(rest), mono.Width(string(rest), size)
			if width > avail {
				// As many characters as fit before the mark.
				n, width = 0, 0
				for n < len(rest) {
					cw := mono.Width(string(rest[n]), size)
					if width+cw > avail-markW*1.5 && n > 0 {
						break
					}
					width += cw
					n++
				}
			}
			ln, err := l.codeLine(string(rest[:n]), size, mono, unit)
			if err != nil {
				return nil, err
			}
			if n < len(rest) {
				ln.runs = append(ln.runs, placed{x: avail - markW, w: markW, r: &run{text: contMark, face: mono, size: size}})
			}
			lines = append(lines, ln)
			rest = rest[n:]
			if len(rest) == 0 {
				break
			}
		}
	}
	return &vblock{lines: lines, x: x + pad, lead: lead, size: size, unit: unit,
		spaceBefore: l.g.lead * 0.4, spaceAfter: l.g.lead * 0.4}, nil
}

// codeLine is one line of code as runs: the monospace face, or the next
// face that has a character it lacks.
func (l *layouter) codeLine(s string, size float64, mono *fonts.Face, unit string) (line, error) {
	ln := line{unit: unit, text: s}
	x := 0.0
	var cur *run
	var b strings.Builder
	flush := func() {
		if cur != nil && b.Len() > 0 {
			cur.text = b.String()
			w := cur.face.Width(cur.text, size)
			ln.runs = append(ln.runs, placed{x: x, r: cur, w: w})
			x += w
		}
		cur = nil
		b.Reset()
	}
	for _, c := range s {
		f := mono
		if !f.Has(c) {
			if g := l.faces.substitute(c); g != nil {
				f = g
			} else {
				l.missing = append(l.missing, &MissingGlyphError{Rune: c, Unit: unit, Lang: l.p.Code, Font: mono.Name})
				continue
			}
		}
		if cur == nil || cur.face != f {
			flush()
			cur = &run{face: f, size: size}
		}
		b.WriteRune(c)
	}
	flush()
	return ln, nil
}

// tableCell is a cell set into lines.
type tableCell struct {
	lines []line
	align doc.Align
}

// table sets a table: columns as wide as their content where the measure
// allows, else shared out by it (cells wrap, nothing overflows); one
// unbreakable block a row, the header rows repeated at the top of every
// page the table runs on to.
func (l *layouter) table(t *doc.Table, x, w float64) ([]*vblock, error) {
	g := l.g
	cols := t.Columns()
	if cols == 0 {
		return nil, nil
	}
	size := g.size * 0.88
	lead := size * 1.3
	pad := size * 0.45
	headSt := style{size: size, bold: true}
	bodySt := style{size: size}
	// Natural widths (one line) and the longest word of each column.
	natural := make([]float64, cols)
	least := make([]float64, cols)
	measure := func(cells [][]*doc.Cell, st style) error {
		for _, row := range cells {
			for i, c := range row {
				lines, err := l.shapeLines(c.ID, c.Content, st, []float64{1e6}, 0, true)
				if err != nil {
					return err
				}
				for _, ln := range lines {
					natural[i] = max(natural[i], lineWidth(ln))
				}
				// The longest word, in the face it is set in (code is
				// wider than text).
				for _, sp := range flatten(c.Content, st, nil) {
					f := l.faces.face(sp.st, 'n', false)
					for _, word := range strings.Fields(sp.text) {
						least[i] = max(least[i], f.Width(word, st.size))
					}
				}
			}
		}
		return nil
	}
	if err := measure(t.Head, headSt); err != nil {
		return nil, err
	}
	if err := measure(t.Rows, bodySt); err != nil {
		return nil, err
	}
	widths := fitColumns(natural, least, w-2*pad*float64(cols), size)
	for i := range widths {
		widths[i] += 2 * pad
	}
	setRow := func(row []*doc.Cell, st style) ([]tableCell, float64, error) {
		cells := make([]tableCell, cols)
		h := 0.0
		for i := range cols {
			if i < len(t.Align) {
				cells[i].align = t.Align[i]
			}
			if i >= len(row) {
				continue
			}
			lines, err := l.shapeLines(row[i].ID, row[i].Content, st, []float64{widths[i] - 2*pad}, 0, true)
			if err != nil {
				return nil, 0, err
			}
			cells[i].lines = lines
			h = max(h, float64(len(lines))*lead)
		}
		return cells, h + 2*pad, nil
	}
	total := 0.0
	for _, cw := range widths {
		total += cw
	}
	rowBlock := func(cells []tableCell, h float64, head, first bool) *vblock {
		vb := &vblock{h: h, unit: t.CaptionID, draw: func(pg *Page, px, top float64) {
			left := px + x
			if head {
				pg.Items = append(pg.Items, Item{Kind: RuleItem, X: left, Y: top, W: total, Line: 0.8})
			} else if first {
				pg.Items = append(pg.Items, Item{Kind: RuleItem, X: left, Y: top, W: total, Line: 0.5})
			}
			cx := left
			for i, c := range cells {
				y := top + pad
				for _, ln := range c.lines {
					dx := pad
					switch c.align {
					case doc.AlignRight:
						dx = widths[i] - pad - lineWidth(ln)
					case doc.AlignCenter:
						dx = (widths[i] - lineWidth(ln)) / 2
					}
					drawLine(pg, ln, cx+dx, baseline(y, lead, size))
					y += lead
				}
				cx += widths[i]
			}
			line := 0.25
			if head {
				line = 0.5
			}
			pg.Items = append(pg.Items, Item{Kind: RuleItem, X: left, Y: top + h, W: total, Line: line, Gray: 0.4})
		}}
		for _, c := range cells {
			for _, ln := range c.lines {
				vb.notes = append(vb.notes, ln.notes...)
			}
		}
		return vb
	}
	var out []*vblock
	if len(t.Caption) > 0 {
		lines, err := l.shapeLines(t.CaptionID, t.Caption, style{size: size, heading: true}, []float64{w}, 0, true)
		if err != nil {
			return nil, err
		}
		out = append(out, &vblock{lines: lines, x: x, lead: lead, size: size, keepWithNext: true, spaceBefore: g.lead * 0.6, unit: t.CaptionID})
	}
	var head []*vblock
	for _, row := range t.Head {
		cells, h, err := setRow(row, headSt)
		if err != nil {
			return nil, err
		}
		head = append(head, rowBlock(cells, h, true, false))
	}
	out = append(out, head...)
	for i, row := range t.Rows {
		cells, h, err := setRow(row, bodySt)
		if err != nil {
			return nil, err
		}
		vb := rowBlock(cells, h, false, i == 0 && len(head) == 0)
		vb.repeat = head
		out = append(out, vb)
	}
	if len(out) > 0 {
		out[0].spaceBefore = g.lead * 0.6
		out[len(out)-1].spaceAfter = g.lead * 0.6
		for _, vb := range head {
			vb.keepWithNext = true
		}
	}
	return out, nil
}

// fitColumns shares the width avail out among columns: their natural
// widths when they fit; else each gets its longest word and the rest in
// proportion to what it would like more; a column narrower than a few
// characters is widened at the others' cost.
func fitColumns(natural, least []float64, avail, size float64) []float64 {
	n := len(natural)
	out := make([]float64, n)
	sumNat, sumLeast := 0.0, 0.0
	for i := range natural {
		least[i] = min(max(least[i], 2*size), natural[i]+1)
		sumNat += natural[i]
		sumLeast += least[i]
	}
	switch {
	case sumNat <= avail:
		copy(out, natural)
		// Spread what is left so the table fills the measure when it is
		// nearly full anyway; narrow tables keep their width.
		if sumNat > avail*0.7 {
			for i := range out {
				out[i] += (avail - sumNat) * natural[i] / math.Max(sumNat, 1)
			}
		}
	case sumLeast <= avail:
		extra := avail - sumLeast
		want := sumNat - sumLeast
		for i := range out {
			out[i] = least[i] + extra*(natural[i]-least[i])/math.Max(want, 1)
		}
	default:
		for i := range out {
			out[i] = avail * least[i] / sumLeast
		}
	}
	return out
}

// imageBlock draws an image read with the manuscript, at most the width
// w and 0.6 of the measure high, centred.
func (l *layouter) imageBlock(img *doc.Image, x, w float64, name string) *vblock {
	maxH := l.g.measure() * 0.6
	iw, ih := w, maxH
	if c, _, err := image.DecodeConfig(bytes.NewReader(img.Data)); err == nil && c.Width > 0 && c.Height > 0 {
		// 96 pixels to the inch, as browsers show a README's image.
		nw, nh := float64(c.Width)*0.75, float64(c.Height)*0.75
		k := math.Min(1, math.Min(w/nw, maxH/nh))
		iw, ih = nw*k, nh*k
	}
	return &vblock{h: ih, spaceBefore: l.g.lead * 0.5, spaceAfter: l.g.lead * 0.5, draw: func(pg *Page, px, top float64) {
		pg.Items = append(pg.Items, Item{Kind: ImageItem, X: px + x + (w-iw)/2, Y: top, W: iw, H: ih, Image: img.Data, ImageType: img.Type, ImageName: name})
	}}
}

// paragraphBlocks sets a paragraph at x, w; an image alone in it is
// displayed, and images read with the manuscript inside the text are
// drawn below it.
func (l *layouter) paragraphBlocks(p *doc.Paragraph, x, w, indent float64, st style) ([]*vblock, error) {
	if img, ok := doc.ImageBlock(p); ok && img.Data != nil {
		return []*vblock{l.imageBlock(img, x, w, p.ID)}, nil
	}
	lines, err := l.shapeLines(p.ID, p.Content, st, []float64{w}, indent, false)
	if err != nil {
		return nil, err
	}
	out := []*vblock{{lines: lines, x: x, lead: l.g.lead * st.size / l.g.size, size: st.size, unit: p.ID}}
	n := 0
	doc.WalkInlines(p.Content, func(in doc.Inline) {
		if img, ok := in.(*doc.Image); ok && img.Data != nil {
			n++
			out = append(out, l.imageBlock(img, x, w, p.ID+".img"+strconv.Itoa(n)))
		}
	})
	return out, nil
}

// listItems sets a list at x, w: each item's mark (a task's box drawn),
// its text, then its blocks one indent further.
func (l *layouter) listItems(b *doc.List, x, w float64, depth int) ([]*vblock, error) {
	g := l.g
	var out []*vblock
	ind := l.listIndent()
	for i, it := range b.Items {
		lines, err := l.shapeLines(it.ID, it.Content, style{size: g.size}, []float64{w - ind}, 0, false)
		if err != nil {
			return nil, err
		}
		mark := []string{"•", "◦", "▪"}[depth%3]
		if !l.faces.get(fonts.Body).Has([]rune(mark)[0]) {
			mark = "•"
		}
		if b.Ordered {
			mark = strconv.Itoa(b.Start+i) + "."
		}
		face := l.faces.face(style{size: g.size}, '1', false)
		task, itemID := it.Task, it.ID
		vb := &vblock{lines: lines, x: x + ind, lead: g.lead, size: g.size, unit: it.ID,
			firstLine: func(pg *Page, lx, base float64) {
				if task != doc.TaskNone {
					s := g.size * 0.7
					bx, by := lx-ind, base-s
					pg.Items = append(pg.Items, Item{Kind: RectItem, X: bx, Y: by, W: s, H: s, Line: 0.6})
					if task == doc.TaskDone {
						pg.Items = append(pg.Items, Item{Kind: RuleItem, X: bx, Y: by, W: s, H: s, Line: 0.6},
							Item{Kind: RuleItem, X: bx, Y: by + s, W: s, H: -s, Line: 0.6})
					}
					return
				}
				pg.Items = append(pg.Items, Item{Kind: TextItem, X: lx - ind, Y: base, Text: mark, Face: face, Size: g.size, Unit: "lbl:" + itemID})
			}}
		if len(lines) == 0 {
			// An item that starts with a block: its mark goes with
			// an empty line.
			vb.lines = []line{{unit: it.ID}}
		}
		out = append(out, vb)
		inner, err := l.nested(it.Blocks, x+ind, w-ind, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, inner...)
	}
	return out, nil
}

// nested sets blocks inside a list item, quotation or definition.
func (l *layouter) nested(bs []doc.Block, x, w float64, depth int) ([]*vblock, error) {
	g := l.g
	var out []*vblock
	for _, b := range bs {
		var vbs []*vblock
		var err error
		switch b := b.(type) {
		case *doc.Paragraph:
			vbs, err = l.paragraphBlocks(b, x, w, 0, style{size: g.size})
			if err == nil && len(vbs) > 0 {
				vbs[0].spaceBefore = g.lead * 0.3
			}
		case *doc.Heading:
			var lines []line
			lines, err = l.shapeLines(b.ID, b.Content, style{size: g.size, bold: true}, []float64{w}, 0, true)
			vbs = []*vblock{{lines: lines, x: x, lead: g.lead, size: g.size, unit: b.ID, keepWithNext: true}}
		case *doc.List:
			vbs, err = l.listItems(b, x, w, depth)
		case *doc.CodeBlock:
			var vb *vblock
			vb, err = l.codeBlock(b, x, w, "code")
			vbs = []*vblock{vb}
		case *doc.Table:
			vbs, err = l.table(b, x, w)
		case *doc.DefinitionList:
			vbs, err = l.definitions(b, x, w, depth)
		case *doc.BlockQuote:
			in := l.quoteIndent()
			vbs, err = l.nested(b.Blocks, x+in, w-in, depth)
		case *doc.ThematicBreak:
			vbs = []*vblock{{h: g.lead, draw: func(pg *Page, px, top float64) {
				pg.Items = append(pg.Items, Item{Kind: RuleItem, X: px + x + w*0.4, Y: top + g.lead/2, W: w * 0.2, Line: 0.5})
			}}}
		case *doc.PullQuote, *doc.Figure:
			// The reader keeps these at the top level.
		}
		if err != nil {
			return nil, err
		}
		out = append(out, vbs...)
	}
	return out, nil
}

// definitions sets terms in bold and their definitions indented.
func (l *layouter) definitions(dl *doc.DefinitionList, x, w float64, depth int) ([]*vblock, error) {
	g := l.g
	var out []*vblock
	in := 1.5 * g.size
	for _, it := range dl.Items {
		lines, err := l.shapeLines(it.ID, it.Term, style{size: g.size, bold: true}, []float64{w}, 0, true)
		if err != nil {
			return nil, err
		}
		out = append(out, &vblock{lines: lines, x: x, lead: g.lead, size: g.size, unit: it.ID, keepWithNext: true, spaceBefore: g.lead * 0.4})
		for _, def := range it.Defs {
			vbs, err := l.nested(def, x+in, w-in, depth)
			if err != nil {
				return nil, err
			}
			out = append(out, vbs...)
		}
	}
	return out, nil
}

// noteBlocks sets a note's blocks after its text, at note size: their
// lines join the note's (a note's text is one flow of lines).
func (l *layouter) noteBlocks(n *doc.Note, w float64) ([]line, error) {
	var out []line
	var walk func(bs []doc.Block, prefix string) error
	walk = func(bs []doc.Block, prefix string) error {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Paragraph:
				ins := b.Content
				if prefix != "" {
					ins = append([]doc.Inline{&doc.Text{Text: prefix}}, doc.CloneInlines(ins)...)
				}
				lines, err := l.shapeLines(b.ID, ins, style{size: l.g.noteSize}, []float64{w}, 0, false)
				if err != nil {
					return err
				}
				out = append(out, lines...)
			case *doc.List:
				for i, it := range b.Items {
					mark := "• "
					if b.Ordered {
						mark = strconv.Itoa(b.Start+i) + ". "
					}
					lines, err := l.shapeLines(it.ID, append([]doc.Inline{&doc.Text{Text: prefix + mark}}, doc.CloneInlines(it.Content)...), style{size: l.g.noteSize}, []float64{w}, 0, false)
					if err != nil {
						return err
					}
					out = append(out, lines...)
					if err := walk(it.Blocks, prefix+"  "); err != nil {
						return err
					}
				}
			case *doc.CodeBlock:
				vb, err := l.codeBlock(b, 0, w, n.ID)
				if err != nil {
					return err
				}
				out = append(out, vb.lines...)
			case *doc.BlockQuote:
				if err := walk(b.Blocks, prefix); err != nil {
					return err
				}
			case *doc.Table:
				for _, rows := range [][][]*doc.Cell{b.Head, b.Rows} {
					for _, row := range rows {
						var ins []doc.Inline
						for i, c := range row {
							if i > 0 {
								ins = append(ins, &doc.Text{Text: " | "})
							}
							ins = append(ins, doc.CloneInlines(c.Content)...)
						}
						lines, err := l.shapeLines(n.ID, ins, style{size: l.g.noteSize}, []float64{w}, 0, true)
						if err != nil {
							return err
						}
						out = append(out, lines...)
					}
				}
			case *doc.DefinitionList:
				for _, it := range b.Items {
					lines, err := l.shapeLines(it.ID, it.Term, style{size: l.g.noteSize, bold: true}, []float64{w}, 0, true)
					if err != nil {
						return err
					}
					out = append(out, lines...)
					for _, def := range it.Defs {
						if err := walk(def, prefix+"  "); err != nil {
							return err
						}
					}
				}
			}
		}
		return nil
	}
	return out, walk(n.Blocks, "")
}

// linked is the set of ids that internal links ("#id") point to.
func (l *layouter) linked() map[string]bool {
	if l.targets == nil {
		l.targets = map[string]bool{}
		for _, u := range doc.Units(l.d) {
			if u.Inlines != nil {
				doc.WalkInlines(*u.Inlines, func(in doc.Inline) {
					if k, ok := in.(*doc.Link); ok && strings.HasPrefix(k.URL, "#") {
						l.targets[k.URL[1:]] = true
					}
				})
			}
		}
	}
	return l.targets
}
