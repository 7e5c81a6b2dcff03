package layout

import (
	"cmp"
	"strconv"
)

// builder places vertical blocks on pages.
type builder struct {
	l            *layouter
	first        int // number of the first page it makes
	pages        []*Page
	pg           *Page
	y            float64 // top of the free space
	empty        bool    // nothing placed on pg yet
	notes        []*noteBlock
	notesH       float64
	chapter      string
	opening      bool // pg opens a chapter
	headingPages map[string]string
	outline      []OutlineEntry
	lines        int
	lastHeading  string // the unit of a heading that is the last thing on pg
	pageLines    int    // body lines on pg (a drawn block counts as a full page)
	// carry are the notes, or the rest of notes, that go on at the foot
	// of the next page (a note longer than the room left, as TeX does).
	carry []*noteBlock
}

// noteH is the height a note asks for at its mark: all of it, unless it
// is longer than half a page; then three lines, the rest going on at the
// next page's foot.
func (b *builder) noteH(nb *noteBlock) float64 {
	if nb.h > (b.bottom()-b.top())/2 {
		return 3*b.l.g.noteLead + 1.5
	}
	return nb.h
}

// splitNote keeps on the page the lines of nb that fit in avail and
// carries the rest to the next page.
func (b *builder) splitNote(nb *noteBlock, avail float64) *noteBlock {
	lead := b.l.g.noteLead
	k := int((avail - 1.5) / lead)
	if k >= len(nb.lines) {
		return nb
	}
	k = max(k, 1)
	part := &noteBlock{note: nb.note, lines: nb.lines[:k], h: float64(k)*lead + 1.5, cont: nb.cont}
	rest := nb.lines[k:]
	b.carry = append(b.carry, &noteBlock{note: nb.note, lines: rest, h: float64(len(rest))*lead + 1.5, cont: true})
	return part
}

// minChapterEnd is the fewest body lines a chapter's last page may hold
// when the chapter began on an earlier page.
const minChapterEnd = 6

func (l *layouter) newBuilder(first int) *builder {
	return &builder{l: l, first: first, headingPages: map[string]string{}}
}

func (b *builder) top() float64 { return b.l.g.top }
func (b *builder) bottom() float64 {
	return b.l.g.h - b.l.g.bottom - b.l.short[b.pg.Number]
}
func (b *builder) x() float64 { return b.l.g.left(b.pg.Number, b.l.o.TwoSided) }

// sepH is the room the footnote rule takes above the first note.
func (b *builder) sepH() float64 { return b.l.g.noteLead * 1.1 }

func (b *builder) newPage(opening bool) {
	if b.lastHeading != "" {
		b.l.rep.HeadingsAtFoot = append(b.l.rep.HeadingsAtFoot, b.lastHeading)
	}
	if opening {
		b.chapterEnd()
	}
	b.finishPage()
	n := b.first + len(b.pages)
	if opening && b.l.o.TwoSided && n%2 == 0 {
		b.pages = append(b.pages, &Page{Number: n}) // blank verso
		n++
	}
	b.pg = &Page{Number: n}
	b.pages = append(b.pages, b.pg)
	b.y = b.top()
	b.empty = true
	b.opening = opening
	b.pageLines = 0
	b.notes = nil
	b.notesH = 0
	// Notes carried from the page before come first, leaving room for
	// two lines of text.
	carry := b.carry
	b.carry = nil
	for _, nb := range carry {
		sep := b.sepH()
		if len(b.notes) > 0 {
			sep = 0
		}
		avail := b.bottom() - b.top() - 2*b.l.g.lead - b.notesH - sep
		if len(b.carry) > 0 || avail < 2*b.l.g.noteLead {
			b.carry = append(b.carry, nb)
			continue
		}
		part := b.splitNote(nb, avail)
		b.notes = append(b.notes, part)
		b.notesH += sep + part.h
	}
}

// finishPage draws the notes, running head and folio of the current page.
func (b *builder) finishPage() {
	if b.pg == nil {
		return
	}
	g := b.l.g
	pg := b.pg
	x := b.x()
	m := g.measure()
	if len(b.notes) > 0 {
		y := b.bottom() - b.notesH
		pg.Items = append(pg.Items, Item{Kind: RuleItem, X: x, Y: y + g.noteLead*0.45, W: m * 0.3, Line: 0.4})
		y += b.sepH()
		ind := b.l.noteIndent()
		numFace := b.l.faces.face(style{size: g.noteSize}, '1', false)
		for _, nb := range b.notes {
			if nb.cont {
				// The rest of a note begun on a page before.
				for _, ln := range nb.lines {
					drawLine(pg, ln, x+ind, baseline(y, g.noteLead, g.noteSize))
					y += g.noteLead
				}
				y += 1.5
				continue
			}
			pg.Anchors = append(pg.Anchors, Anchor{Name: "note-" + nb.note.ID, Y: y})
			num := strconv.Itoa(nb.note.Number)
			base := baseline(y, g.noteLead, g.noteSize)
			nw := b.l.width(numFace, num, g.noteSize)
			pg.Items = append(pg.Items, Item{Kind: TextItem, X: x + ind - nw - g.noteSize*0.45, Y: base, Text: num, Face: numFace, Size: g.noteSize, Unit: "lbl:" + nb.note.ID})
			pg.Links = append(pg.Links, LinkRect{X: x, Y: base - g.noteSize, W: ind, H: g.noteSize * 1.2, Anchor: "ref-" + nb.note.ID})
			for _, ln := range nb.lines {
				drawLine(pg, ln, x+ind, baseline(y, g.noteLead, g.noteSize))
				y += g.noteLead
			}
			y += 1.5
		}
	}
	if pg.Number > 1 {
		pg.Folio = strconv.Itoa(pg.Number)
		face := b.l.faces.face(style{size: g.size * 0.85, heading: true}, '1', false)
		fw := b.l.width(face, pg.Folio, g.size*0.85)
		fx := x + (m-fw)/2
		if b.l.o.TwoSided {
			if pg.Number%2 == 0 {
				fx = x
			} else {
				fx = x + m - fw
			}
		}
		pg.Items = append(pg.Items, Item{Kind: TextItem, X: fx, Y: g.h - g.bottom*0.5, Text: pg.Folio, Face: face, Size: g.size * 0.85, Gray: 0.2})
	}
	if !b.opening && !b.empty {
		head := b.chapter
		if pg.Number%2 == 0 {
			head = b.l.d.Meta.Title.Text
		}
		if head != "" {
			pg.Head = head
			size := g.size * 0.82
			lines, err := b.l.shapeLines("running-head", plain(head), style{size: size, heading: true}, []float64{m}, 0, true)
			if err == nil && len(lines) > 0 {
				ln := lines[0]
				hx := x + (m-lineWidth(ln))/2
				drawLineGray(pg, ln, hx, g.top*0.62, 0.3)
				pg.Items = append(pg.Items, Item{Kind: RuleItem, X: x, Y: g.top*0.62 + size*0.55, W: m, Line: 0.3, Gray: 0.5})
			}
		}
	}
	b.pg = nil
}

func (b *builder) finish() []*Page {
	b.chapterEnd()
	// Notes still to go on: pages of their own.
	for len(b.carry) > 0 && b.pg != nil {
		b.newPage(false)
		b.empty = false
	}
	b.finishPage()
	return b.pages
}

// newNotes lists the notes a line brings that the page does not have yet,
// and the height they add.
func (b *builder) newNotes(ln line, already map[string]bool) ([]*noteBlock, float64) {
	var nbs []*noteBlock
	h := 0.0
	for _, r := range ln.notes {
		if already[r.id] {
			continue
		}
		nb := b.l.notes[r.id]
		if nb == nil {
			continue
		}
		nbs = append(nbs, nb)
		h += b.noteH(nb)
	}
	if len(nbs) > 0 && len(b.notes) == 0 && (already == nil || len(already) == 0) {
		h += b.sepH()
	}
	return nbs, h
}

// fitCount says how many of lines fit at the current position.
func (b *builder) fitCount(lines []line, lead float64) int {
	y := b.y
	notesH := b.notesH
	have := map[string]bool{}
	for _, n := range b.notes {
		have[n.note.ID] = true
	}
	count := 0
	for _, ln := range lines {
		nbs, h := b.newNotes(ln, have)
		if len(nbs) > 0 && notesH == 0 {
			h = 0
			for _, nb := range nbs {
				h += b.noteH(nb)
			}
			h += b.sepH()
		}
		if y+lead+notesH+h > b.bottom()+0.01 {
			break
		}
		y += lead
		notesH += h
		for _, nb := range nbs {
			have[nb.note.ID] = true
		}
		count++
	}
	return count
}

func (b *builder) placeLine(ln line, vb *vblock, first bool) {
	g := b.l.g
	x := b.x() + vb.x
	base := baseline(b.y, vb.lead, vb.size)
	drawLine(b.pg, ln, x, base)
	b.pageLines++
	if unit := cmp.Or(vb.unit, ln.unit); b.pg.Start == nil && unit != "" {
		b.pg.Start = &PageStart{Unit: unit}
		if !first {
			t := []rune(ln.text)
			if ln.hyph && len(t) > 0 {
				t = t[:len(t)-1] // the added hyphen
			}
			b.pg.Start.Text = string(t)
		}
	}
	if first && vb.firstLine != nil {
		vb.firstLine(b.pg, x, base)
	}
	b.addNotes(ln.notes, vb.lead)
	_ = g
	b.y += vb.lead
	b.empty = false
	b.lines++
	b.lastHeading = ""
	if vb.heading {
		b.lastHeading = vb.unit
	}
}

// addNotes puts the notes that marks on the current line (of height
// below) cite on the page; what does not fit goes on at the next page.
func (b *builder) addNotes(refs []*noteRef, below float64) {
	for _, r := range refs {
		b.pg.Anchors = append(b.pg.Anchors, Anchor{Name: "ref-" + r.id, Y: b.y})
		b.l.rep.NotePages["ref:"+r.id] = b.pg.Number
		nb := b.l.notes[r.id]
		dup := false
		for _, n := range b.notes {
			if n == nb {
				dup = true
			}
		}
		if nb != nil && !dup {
			sep := 0.0
			if len(b.notes) == 0 {
				sep = b.sepH()
			}
			if len(b.carry) > 0 {
				// Notes go on in order: after the one carried over.
				b.carry = append(b.carry, nb)
				continue
			}
			if avail := b.bottom() - b.y - below - b.notesH - sep; nb.h > avail+0.01 {
				nb = b.splitNote(nb, avail)
			}
			b.notesH += sep
			b.notes = append(b.notes, nb)
			b.notesH += nb.h
			b.l.rep.NotePages["note:"+r.id] = b.pg.Number
		}
	}
}

// need is the height a block needs at the current position before it may
// start here: all of an unbreakable block, two lines of a paragraph, and
// for a heading the next block's start too.
func (b *builder) need(blocks []*vblock, i int) float64 {
	vb := blocks[i]
	h := 0.0
	if !b.empty {
		h += vb.spaceBefore
	}
	if vb.draw != nil || len(vb.lines) == 0 {
		h += vb.h
	} else {
		n := len(vb.lines)
		if !vb.heading && n > 2 {
			n = 2
		}
		for _, ln := range vb.lines[:n] {
			h += vb.lead
			_, nh := b.newNotes(ln, nil)
			h += nh
		}
	}
	if vb.keepWithNext && i+1 < len(blocks) {
		nb := blocks[i+1]
		h += vb.spaceAfter
		if nb.draw != nil {
			h += nb.spaceBefore + nb.h
			if nb.keepWithNext && i+2 < len(blocks) && blocks[i+2].draw != nil {
				// A table's header row and its first row.
				h += blocks[i+2].h
			}
		} else if len(nb.lines) > 0 {
			h += nb.spaceBefore
			n := len(nb.lines)
			if !nb.heading && n > 2 {
				n = 2
			}
			if nb.keepWithNext {
				// A chain of headings: the next ones and a little text.
				h += b.need(blocks, i+1) - nb.spaceBefore
			} else {
				for _, ln := range nb.lines[:n] {
					h += nb.lead
					_, nh := b.newNotes(ln, nil)
					h += nh
				}
			}
		}
	}
	return h
}

func (b *builder) place(blocks []*vblock) {
	if b.pg == nil {
		b.newPage(false)
	}
	for i, vb := range blocks {
		page := b.pg
		if vb.newPage {
			if b.empty && (!b.l.o.TwoSided || b.pg.Number%2 == 1) {
				b.opening = true
			} else {
				b.newPage(true)
			}
		}
		if vb.chapter != "" {
			b.chapter = vb.chapter
		}
		if vb.headingID != "" || vb.outline != nil {
			// Recorded where the heading's first line lands, below.
		}
		if b.y+b.need(blocks, i)+b.notesH > b.bottom()+0.01 && !b.empty {
			if !(vb.heading && i > 0 && blocks[i-1].heading) {
				// (a heading chain was moved whole by its first heading)
				b.newPage(false)
			}
		}
		if !b.empty {
			b.y += vb.spaceBefore
		}
		if vb.headingID != "" {
			b.headingPages[vb.headingID] = strconv.Itoa(b.pg.Number)
			b.pg.Anchors = append(b.pg.Anchors, Anchor{Name: "h-" + vb.headingID, Y: b.y})
			if vb.outline != nil {
				e := *vb.outline
				e.Page, e.Y = b.pg.Number, b.y
				b.outline = append(b.outline, e)
			}
		}
		if vb.draw != nil {
			if b.y+vb.h+b.notesH > b.bottom()+0.01 && !b.empty {
				b.newPage(false)
			}
			if b.pg.Start == nil && vb.unit != "" {
				b.pg.Start = &PageStart{Unit: vb.unit}
			}
			if b.pg != page {
				// A table row on a new page: its header rows first.
				for _, h := range vb.repeat {
					h.draw(b.pg, b.x(), b.y)
					b.y += h.h
				}
			}
			b.addNotes(vb.notes, vb.h)
			if vb.anchor != "" {
				b.pg.Anchors = append(b.pg.Anchors, Anchor{Name: "h-" + vb.anchor, Y: b.y})
			}
			vb.draw(b.pg, b.x(), b.y)
			b.pageLines += minChapterEnd
			b.y += vb.h
			b.empty = false
			b.lastHeading = ""
		} else if len(vb.lines) > 0 {
			b.placeLines(vb)
		}
		b.y += vb.spaceAfter
	}
}

// placeLines places a paragraph's lines, splitting across pages with no
// orphan (a first line alone at a page foot) and no widow (a last line
// alone at a page head).
func (b *builder) placeLines(vb *vblock) {
	lines := vb.lines
	i := 0
	for i < len(lines) {
		rest := len(lines) - i
		k := b.fitCount(lines[i:], vb.lead)
		if k >= rest {
			for j := i; j < len(lines); j++ {
				b.placeLine(lines[j], vb, j == 0)
			}
			if vb.lastLine != nil {
				vb.lastLine(b.pg, b.x(), baseline(b.y-vb.lead, vb.lead, vb.size), lines[len(lines)-1])
			}
			return
		}
		maxK := k
		if rest-maxK < 2 {
			maxK = rest - 2 // leave at least two lines for the next page
		}
		minK := 1
		if i == 0 {
			minK = 2 // no orphan
		}
		if vb.heading {
			minK = rest // headings never split
		}
		// A page never ends with a hyphenated word (TeX's brokenpenalty,
		// made absolute): move the split up a line where the rules allow.
		for maxK > minK && lines[i+maxK-1].hyph {
			maxK--
		}
		if maxK < minK {
			if b.empty {
				// A fresh page and still no room: place what fits.
				maxK = k
				if maxK < 1 {
					maxK = 1
				}
			} else {
				b.newPage(false)
				continue
			}
		}
		if i == 0 && maxK == 1 && len(lines) > 1 {
			b.l.rep.Orphans = append(b.l.rep.Orphans, vb.unit)
		}
		if rest-maxK == 1 {
			b.l.rep.Widows = append(b.l.rep.Widows, vb.unit)
		}
		for j := i; j < i+maxK; j++ {
			b.placeLine(lines[j], vb, j == 0)
		}
		i += maxK
		b.newPage(false)
	}
}

// chapterEnd notes a chapter whose last page (pg, not its first) holds
// fewer than minChapterEnd lines: the page before it is to end that many
// lines sooner, so that the lines come over (Layout sets the book again).
func (b *builder) chapterEnd() {
	if b.pg == nil || b.opening || b.pageLines == 0 || b.pageLines >= minChapterEnd {
		return
	}
	b.l.rep.ShortChapterEnds = append(b.l.rep.ShortChapterEnds, b.pg.Number)
	b.l.wantShort[b.pg.Number-1] = float64(minChapterEnd-b.pageLines) * b.l.g.lead
}
