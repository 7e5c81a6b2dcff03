package layout

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // figures
	_ "image/png"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/hyph"
	"github.com/press/press/internal/lang"
	"github.com/press/press/internal/shape"
)

// Options choose the page.
type Options struct {
	Size     string // "a4", "a5", "6x9", … or WxH (see PageSize); "" is the profile's trim
	TwoSided bool   // mirrored margins, chapters on recto pages
	Profile  string // printer profile: screen (default), kdp, ingram, lulu, offset… (see Profiles)
	TOCDepth int    // deepest heading level in the contents (0: 2)
}

// geometry is the page and type sizes, in pt.
type geometry struct {
	w, h                      float64
	top, bottom, inner, outer float64
	size, lead                float64 // body text
	noteSize, noteLead        float64
	indent                    float64 // paragraph first-line indent
}

var (
	geomA4  = geometry{w: 595.28, h: 841.89, top: 76, bottom: 78, inner: 82, outer: 82, size: 10.5, lead: 14.2, noteSize: 8.2, noteLead: 10.4}
	geomA5  = geometry{w: 419.53, h: 595.28, top: 52, bottom: 58, inner: 52, outer: 44, size: 9.5, lead: 12.6, noteSize: 7.6, noteLead: 9.5}
	geom6x9 = geometry{w: 432, h: 648, top: 56, bottom: 60, inner: 58, outer: 46, size: 10, lead: 13.2, noteSize: 7.8, noteLead: 9.8}
)

func newGeometry(size string, p *lang.Profile) (geometry, error) {
	var g geometry
	switch strings.ToLower(size) {
	case "", "a4":
		g = geomA4
	case "a5":
		g = geomA5
	case "6x9":
		g = geom6x9
	default:
		// Any other trim: the type of the designed size nearest in width,
		// its margins scaled to the page.
		w, h, err := PageSize(size)
		if err != nil {
			return g, err
		}
		g = geomA4
		for _, b := range []geometry{geomA5, geom6x9} {
			if math.Abs(b.w-w) < math.Abs(g.w-w) {
				g = b
			}
		}
		sx, sy := w/g.w, h/g.h
		g.inner, g.outer, g.top, g.bottom = g.inner*sx, g.outer*sx, g.top*sy, g.bottom*sy
		g.w, g.h = w, h
	}
	g.indent = 1.5 * g.size
	if p.Script == lang.Han {
		g.lead *= 1.3
		g.noteLead *= 1.25
		g.indent = 2 * g.size
	}
	return g, nil
}

func (g geometry) measure() float64 { return g.w - g.inner - g.outer }

// left is the x of the text block on page n (mirrored when two-sided).
func (g geometry) left(n int, twoSided bool) float64 {
	if twoSided && n%2 == 0 {
		return g.outer
	}
	return g.inner
}

// Layout typesets d for the printer profile o.Profile: the profile
// chooses the trim (unless o.Size does), the margins, two-sided pages and
// the blank pages at the end (see Profiles).
func Layout(d *doc.Document, fs *fonts.Set, p *lang.Profile, o Options) (*Book, error) {
	prof, err := ProfileByName(o.Profile)
	if err != nil {
		return nil, err
	}
	size := o.Size
	if size == "" {
		size = prof.Trim
	}
	if prof.TwoSided {
		o.TwoSided = true
	}
	g, err := newGeometry(size, p)
	if err != nil {
		return nil, err
	}
	if err := prof.TrimOK(g.w, g.h); err != nil {
		return nil, err
	}
	// The faces' extents, for the running heads and folios near the edge.
	ascent, descent := 0.0, 0.0
	for _, r := range fonts.Roles(p.Script == lang.Han) {
		if f, err := fs.Get(r); err == nil {
			ascent, descent = math.Max(ascent, f.Ascent), math.Min(descent, f.Descent)
		}
	}
	g = g.applyProfile(prof, 0, ascent, descent)
	book, err := layoutOnce(d, fs, p, o, g)
	if err != nil {
		return nil, err
	}
	// The inside margin a printer asks for grows with the page count,
	// which depends on the margin: set the book again until it holds.
	for i := 0; i < 4; i++ {
		ng := g.applyProfile(prof, len(book.Pages), ascent, descent)
		if ng.inner <= g.inner {
			break
		}
		g = ng
		if book, err = layoutOnce(d, fs, p, o, g); err != nil {
			return nil, err
		}
	}
	// Blank pages to the printer's multiple (a sheet, a signature).
	if m := prof.PageMultiple; m > 1 {
		for len(book.Pages)%m != 0 {
			book.Pages = append(book.Pages, &Page{Number: len(book.Pages) + 1})
			book.Report.BlankPagesAdded++
		}
		book.Report.Pages = len(book.Pages)
	}
	book.Sheet = newSheet(prof, o.TwoSided)
	book.Report.Profile = book.Sheet.Profile
	if prof.Print {
		book.Report.InnerMargin = math.Round(g.inner*100) / 100
	}
	return book, nil
}

func layoutOnce(d *doc.Document, fs *fonts.Set, p *lang.Profile, o Options, g geometry) (*Book, error) {
	// A chapter's nearly empty last page is balanced by ending the page
	// before it sooner; set again until no page asks for it (or the
	// asking stops helping).
	short := map[int]float64{}
	var book *Book
	for range 6 {
		b, want, err := layoutShort(d, fs, p, o, g, short)
		if err != nil {
			return nil, err
		}
		if book == nil || len(b.Report.ShortChapterEnds) < len(book.Report.ShortChapterEnds) {
			book = b
		}
		// What a page still asks adds to what it was given, up to half
		// a page.
		grew := false
		for n, h := range want {
			if next := math.Min(short[n]+h, (g.h-g.top-g.bottom)/2); next > short[n] {
				short[n] = next
				grew = true
			}
		}
		if len(want) == 0 || !grew {
			break
		}
	}
	return book, nil
}

func layoutShort(d *doc.Document, fs *fonts.Set, p *lang.Profile, o Options, g geometry, short map[int]float64) (*Book, map[int]float64, error) {
	han := p.Script == lang.Han
	// Every face the edition needs, loaded once before the paragraphs are
	// set in parallel: a look-up per character then takes no lock.
	byRole := map[fonts.Role]*fonts.Face{}
	for _, r := range fonts.Roles(han) {
		f, err := fs.Get(r)
		if err != nil {
			return nil, nil, err
		}
		byRole[r] = f
	}
	get := func(r fonts.Role) *fonts.Face {
		if f := byRole[r]; f != nil {
			return f
		}
		return byRole[fonts.Body]
	}
	var fbMu sync.Mutex
	fallback := func(r fonts.Role) *fonts.Face {
		if f := byRole[r]; f != nil {
			return f
		}
		fbMu.Lock()
		defer fbMu.Unlock()
		f, err := fs.Get(r) // loaded once, only for a book that needs it
		if err != nil {
			return nil
		}
		return f
	}
	l := &layouter{d: d, g: g, p: p, o: o, faces: &faceSet{get: get, fallback: fallback}, han: han, short: short, wantShort: map[int]float64{}}
	h, err := hyph.For(p.Code, p.LeftMin, p.RightMin)
	if err != nil {
		return nil, nil, err
	}
	if h != nil {
		l.hyphenate = h.Hyphenate
	}
	if en, err := hyph.For("en", 2, 3); err == nil && p.Script != lang.Latin {
		l.hyphenateLatin = en.Hyphenate
	} else {
		l.hyphenateLatin = l.hyphenate
	}
	b, err := l.run()
	return b, l.wantShort, err
}

type layouter struct {
	d     *doc.Document
	g     geometry
	p     *lang.Profile
	o     Options
	faces *faceSet
	han   bool
	rep   Report
	notes map[string]*noteBlock // by note id
	pre   map[shapeKey]*shaped  // paragraphs set ahead, in parallel
	// short gives pages (by number) that end this many pt above the
	// foot, so that a chapter's last page is not nearly empty; wantShort
	// collects what this setting asks of the next.
	short, wantShort map[int]float64
	// targets are the ids internal links point to (set on first use).
	targets map[string]bool
	// missing are the characters no shipped face has, reported together.
	missing []*MissingGlyphError
	// hyphenate gives a word's hyphenation points; nil for no hyphenation.
	hyphenate, hyphenateLatin func(string) []int
}

// width is the shaped width of text in face f at size.
func (l *layouter) width(f *fonts.Face, text string, size float64) float64 {
	return shape.For(f, l.p.Code).Width(text, size)
}

// noteBlock is a footnote set into lines.
type noteBlock struct {
	note  *doc.Note
	lines []line
	h     float64
	cont  bool // the rest of a note split at a page foot
}

func (l *layouter) run() (*Book, error) {
	l.rep.NotePages = map[string]int{}
	l.preshape()
	if err := l.setNotes(); err != nil {
		return nil, err
	}
	body, err := l.bodyBlocks()
	if err != nil {
		return nil, err
	}
	if err := l.missingGlyphs(); err != nil {
		return nil, err
	}
	// The title page, then the contents, then the body. The contents'
	// length does not depend on its page numbers, so set it once with
	// placeholders to know where the body starts.
	title, err := l.titlePage()
	if err != nil {
		return nil, err
	}
	toc, err := l.tocBlocks(nil)
	if err != nil {
		return nil, err
	}
	tb := l.newBuilder(2)
	tb.place(toc)
	tocPages := len(tb.finish())
	first := 2 + tocPages
	if l.o.TwoSided && first%2 == 0 {
		first++
	}
	bb := l.newBuilder(first)
	bb.place(body)
	bodyPages := bb.finish()
	// Now the real numbers.
	toc, err = l.tocBlocks(bb.headingPages)
	if err != nil {
		return nil, err
	}
	tb = l.newBuilder(2)
	tb.place(toc)
	tocPagesReal := tb.finish()
	for _, pg := range tocPagesReal {
		pg.Start = nil // the contents' lines name headings, not body text
	}
	pages := []*Page{title}
	pages = append(pages, tocPagesReal...)
	for len(pages) < first-1 {
		pages = append(pages, &Page{Number: len(pages) + 1})
	}
	pages = append(pages, bodyPages...)
	for i, pg := range pages {
		if pg.Number != i+1 {
			return nil, fmt.Errorf("layout: page %d numbered %d", i+1, pg.Number)
		}
	}
	book := &Book{Pages: pages, Width: l.g.w, Height: l.g.h, Lang: l.p.Code, HeadingPages: bb.headingPages}
	book.Outline = append(book.Outline, OutlineEntry{Title: l.d.Labels.Contents, Level: 0, Page: 2, Y: l.g.top})
	book.Outline = append(book.Outline, bb.outline...)
	l.rep.Pages = len(pages)
	l.rep.Lines += bb.lines
	if l.rep.Lines > 0 {
		l.rep.HyphenatedShare = math.Round(float64(l.rep.Hyphenated)/float64(l.rep.Lines)*1000) / 1000
	}
	// Every note must start on the page of its mark.
	for _, n := range l.d.Notes {
		if l.rep.NotePages["ref:"+n.ID] != l.rep.NotePages["note:"+n.ID] {
			l.rep.NotesAway = append(l.rep.NotesAway, n.ID)
		}
	}
	if err := l.missingGlyphs(); err != nil {
		return nil, err
	}
	book.Report = l.rep
	for _, b := range l.d.Blocks {
		if f, ok := b.(*doc.Figure); ok && f.ImageData == nil {
			book.Report.MissingImages = append(book.Report.MissingImages, f.ID)
		}
	}
	return book, nil
}

// shapeLines sets inline content into lines, taking them from the
// pre-set paragraphs when preshape has done this one, and records the
// lines' problems in the report (in document order, so the report does
// not depend on which paragraphs were set ahead).
func (l *layouter) shapeLines(unit string, ins []doc.Inline, st style, widths []float64, indent float64, ragged bool) ([]line, error) {
	var r shaped
	if k, ok := keyOf(unit, ins, st, widths, indent, ragged); ok && l.pre[k] != nil {
		r = *l.pre[k]
	} else {
		r = l.shape(unit, ins, st, widths, indent, ragged)
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.missing) > 0 {
		// Set aside: every missing character of the book is reported at
		// once, when the book is done.
		for c, font := range r.missing {
			l.missing = append(l.missing, &MissingGlyphError{Rune: c, Unit: unit, Lang: l.p.Code, Font: font})
		}
		return nil, nil
	}
	for _, b := range r.broken {
		l.rep.Broken = append(l.rep.Broken, LineProblem{Unit: unit, Text: b})
	}
	for _, c := range r.astral {
		l.rep.CodePoints = append(l.rep.CodePoints, LineProblem{Unit: unit, Text: c})
	}
	lines, probs := r.lines, r.probs
	l.rep.Overfull = append(l.rep.Overfull, probs...)
	run := 0
	for _, ln := range lines {
		if ln.hyph || ln.hardHyph {
			run++
			if run == 3 {
				l.rep.HyphenRuns = append(l.rep.HyphenRuns, LineProblem{Unit: unit, Text: ln.text})
			}
		} else {
			run = 0
		}
		if !ragged && ln.runs != nil && !ln.last && (l.rep.WorstStretch == nil || ln.ratio > l.rep.WorstStretch.Ratio) {
			l.rep.WorstStretch = &LineProblem{Unit: unit, Ratio: math.Round(ln.ratio*1000) / 1000, Text: ln.text}
		}
		if ln.ratio > 1.5 && !ragged && ln.runs != nil {
			l.rep.Loose = append(l.rep.Loose, LineProblem{Unit: unit, Ratio: ln.ratio, Text: ln.text})
		}
		if ln.hyph || ln.hardHyph {
			l.rep.Hyphenated++
		}
	}
	return lines, nil
}

// The indents of the body's kinds of text, in one place for setting them
// (bodyBlocks, setNotes), setting them ahead (preshape) and placing them.

// noteIndent is where a footnote's text starts, after its number.
func (l *layouter) noteIndent() float64 {
	if l.han {
		return 2.4 * l.g.noteSize
	}
	return 1.9 * l.g.noteSize
}

// paragraphIndent is a paragraph's first-line indent: after another
// paragraph, or always where the language wants it.
func (l *layouter) paragraphIndent(afterParagraph bool) float64 {
	if afterParagraph || l.p.IndentFirst {
		return l.g.indent
	}
	return 0
}

// quoteSize and quoteIndent set a block quotation smaller, indented on
// both sides.
func (l *layouter) quoteSize() float64   { return l.g.size * 0.92 }
func (l *layouter) quoteIndent() float64 { return l.g.indent * 1.3 }

// listIndent is where a list item's text starts, after its mark.
func (l *layouter) listIndent() float64 { return 1.4 * l.g.size }

// shaped is a paragraph set into lines, with its overfull lines.
type shaped struct {
	lines   []line
	probs   []LineProblem
	err     error
	broken  []string
	missing map[rune]string
	astral  []string // characters beyond U+FFFF, printed as their code points
}

// shape sets one paragraph. It reads the layouter but changes nothing in
// it, so paragraphs can be set in parallel.
func (l *layouter) shape(unit string, ins []doc.Inline, st style, widths []float64, indent float64, ragged bool) shaped {
	sh := &shaper{faces: l.faces, han: l.han, unit: unit, lang: l.p.Code, ragged: ragged, hyphenate: l.hyphenate, hyphenateLatin: l.hyphenateLatin}
	for _, w := range widths {
		sh.measure = max(sh.measure, w)
	}
	spans, astral := outsideBMP(flatten(ins, st, nil))
	if err := sh.shape(spans, indent); err != nil {
		return shaped{err: err}
	}
	if len(sh.missing) > 0 {
		return shaped{missing: sh.missing}
	}
	items := sh.items
	if ragged {
		items = raggedItems(items, st.size)
	}
	// The last line at least as long as the indent and two characters
	// (justified text; a lone word below ragged text is no fault).
	minLast := 0.0
	if !ragged {
		ch := st.size / 2
		if l.han {
			ch = st.size
		}
		minLast = max(indent, l.paragraphIndent(true)) + 2*ch
	}
	lines, probs := paragraphLines(items, widths, unit, minLast)
	return shaped{lines: lines, probs: probs, broken: sh.broken, astral: astral}
}

// shapeKey names one setting of one paragraph: the same content (its
// first inline, by identity), style and measure give the same lines.
type shapeKey struct {
	unit          string
	first         doc.Inline
	st            style
	width, indent float64
	ragged        bool
}

func keyOf(unit string, ins []doc.Inline, st style, widths []float64, indent float64, ragged bool) (shapeKey, bool) {
	if len(ins) == 0 || len(widths) != 1 {
		return shapeKey{}, false
	}
	return shapeKey{unit: unit, first: ins[0], st: st, width: widths[0], indent: indent, ragged: ragged}, true
}

// shapeJob is a paragraph preshape sets ahead.
type shapeJob struct {
	unit   string
	ins    []doc.Inline
	st     style
	width  float64
	indent float64
	ragged bool
}

// preshape sets the notes and the body's paragraphs, list items and
// quotations (nearly all the shaping work of a book) on all processors
// before the sequential make-up asks for them. It mirrors the measures
// setNotes and bodyBlocks use; a paragraph it guesses wrong is simply set
// again when asked for, so the result never depends on it.
func (l *layouter) preshape() {
	g := l.g
	m := g.measure()
	var jobs []shapeJob
	for _, n := range l.d.Notes {
		jobs = append(jobs, shapeJob{n.ID, n.Content, style{size: g.noteSize}, m - l.noteIndent(), 0, true})
	}
	afterParagraph := false
	for _, b := range l.d.Blocks {
		switch b := b.(type) {
		case *doc.Paragraph:
			jobs = append(jobs, shapeJob{b.ID, b.Content, style{size: g.size}, m, l.paragraphIndent(afterParagraph), false})
			afterParagraph = true
			continue
		case *doc.BlockQuote:
			for _, p := range b.Blocks {
				if pp, ok := p.(*doc.Paragraph); ok {
					jobs = append(jobs, shapeJob{pp.ID, pp.Content, style{size: l.quoteSize()}, m - 2*l.quoteIndent(), 0, false})
				}
			}
		case *doc.List:
			for _, it := range b.Items {
				jobs = append(jobs, shapeJob{it.ID, it.Content, style{size: g.size}, m - l.listIndent(), 0, false})
			}
		}
		afterParagraph = false
	}
	results := make([]shaped, len(jobs))
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				j := jobs[i]
				results[i] = l.shape(j.unit, j.ins, j.st, []float64{j.width}, j.indent, j.ragged)
			}
		})
	}
	wg.Wait()
	l.pre = make(map[shapeKey]*shaped, len(jobs))
	for i, j := range jobs {
		if k, ok := keyOf(j.unit, j.ins, j.st, []float64{j.width}, j.indent, j.ragged); ok {
			l.pre[k] = &results[i]
		}
	}
}

// raggedItems turns each breakable space into TeX's ragged-right glue:
// the stretch sits at the line end, spaces keep their width.
func raggedItems(items []item, size float64) []item {
	R := 3 * size
	var out []item
	for i, it := range items {
		if it.kind == kGlue && it.stretch < 1e4 && i > 0 && items[i-1].kind == kBox {
			out = append(out, item{kind: kGlue, stretch: R}, item{kind: kPenalty}, item{kind: kGlue, width: it.width, stretch: -R, space: it.space})
			continue
		}
		out = append(out, it)
	}
	return out
}

func (l *layouter) setNotes() error {
	l.notes = map[string]*noteBlock{}
	w := l.g.measure() - l.noteIndent()
	for _, n := range l.d.Notes {
		// Notes are set ragged-right: their long URLs would stretch a
		// justified line's spaces to gaps.
		lines, err := l.shapeLines(n.ID, n.Content, style{size: l.g.noteSize}, []float64{w}, 0, true)
		if err != nil {
			return err
		}
		more, err := l.noteBlocks(n, w)
		if err != nil {
			return err
		}
		lines = append(lines, more...)
		l.notes[n.ID] = &noteBlock{note: n, lines: lines, h: float64(len(lines))*l.g.noteLead + 1.5}
	}
	return nil
}

// plain wraps a string as inline content.
func plain(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }

func headingText(h *doc.Heading, sep string) string {
	t := doc.PlainText(h.Content)
	if h.Label != "" {
		return h.Label + sep + t
	}
	return t
}

// vblock is a piece of the vertical list.
type vblock struct {
	lines        []line
	x            float64 // indent from the text block's left edge
	lead, size   float64
	center       bool
	draw         func(pg *Page, x, top float64) // an unbreakable unit
	h            float64
	spaceBefore  float64
	spaceAfter   float64
	keepWithNext bool
	newPage      bool
	chapter      string // running head from here on
	outline      *OutlineEntry
	headingID    string
	unit         string
	heading      bool
	firstLine    func(pg *Page, x, baseline float64) // e.g. a list bullet
	lastLine     func(pg *Page, x, baseline float64, ln line)
	// repeat are drawn first when this block starts a page (a table's
	// header rows); notes are the note marks a drawn block holds.
	repeat []*vblock
	notes  []*noteRef
	anchor string // an id internal links point to (a figure's)
}

func (l *layouter) bodyBlocks() ([]*vblock, error) {
	var out []*vblock
	g := l.g
	m := g.measure()
	indentNext := false
	for _, b := range l.d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			vb, err := l.headingBlock(b)
			if err != nil {
				return nil, err
			}
			out = append(out, vb...)
			indentNext = false
		case *doc.Paragraph:
			vbs, err := l.paragraphBlocks(b, 0, m, l.paragraphIndent(indentNext), style{size: g.size})
			if err != nil {
				return nil, err
			}
			out = append(out, vbs...)
			indentNext = len(vbs) == 1 && vbs[0].draw == nil
		case *doc.CodeBlock, *doc.Table, *doc.DefinitionList:
			vbs, err := l.nested([]doc.Block{b}, 0, m, 0)
			if err != nil {
				return nil, err
			}
			out = append(out, vbs...)
			indentNext = false
		case *doc.BlockQuote:
			for i, p := range b.Blocks {
				pp, ok := p.(*doc.Paragraph)
				if !ok {
					// Lists, code, quotations in the quotation.
					vbs, err := l.nested([]doc.Block{p}, l.quoteIndent(), m-2*l.quoteIndent(), 0)
					if err != nil {
						return nil, err
					}
					out = append(out, vbs...)
					continue
				}
				size, in := l.quoteSize(), l.quoteIndent()
				lines, err := l.shapeLines(pp.ID, pp.Content, style{size: size}, []float64{m - 2*in}, 0, false)
				if err != nil {
					return nil, err
				}
				vb := &vblock{lines: lines, x: in, lead: g.lead * 0.92, size: size, unit: pp.ID}
				if i == 0 {
					vb.spaceBefore = g.lead * 0.6
				}
				vb.spaceAfter = g.lead * 0.6
				out = append(out, vb)
			}
			indentNext = false
		case *doc.PullQuote:
			vb, err := l.pullQuote(b)
			if err != nil {
				return nil, err
			}
			out = append(out, vb)
			indentNext = false
		case *doc.Figure:
			vb, err := l.figure(b)
			if err != nil {
				return nil, err
			}
			out = append(out, vb)
			indentNext = false
		case *doc.List:
			vbs, err := l.listItems(b, 0, m, 0)
			if err != nil {
				return nil, err
			}
			out = append(out, vbs...)
			indentNext = false
		case *doc.ThematicBreak:
			out = append(out, &vblock{h: g.lead, spaceBefore: g.lead / 2, spaceAfter: g.lead / 2, draw: func(pg *Page, x, top float64) {
				pg.Items = append(pg.Items, Item{Kind: RuleItem, X: x + m*0.4, Y: top + g.lead/2, W: m * 0.2, Line: 0.5})
			}})
			indentNext = false
		}
	}
	if len(l.d.Labels.ColophonText) > 0 && l.d.Labels.Colophon != "" {
		size := g.noteSize * 1.05
		head, err := l.shapeLines("colophon", plain(l.d.Labels.Colophon), style{size: size + 1, heading: true, bold: true}, []float64{m}, 0, true)
		if err != nil {
			return nil, err
		}
		out = append(out, &vblock{lines: head, lead: (size + 1) * 1.35, size: size + 1, spaceBefore: 3 * g.lead, keepWithNext: true, heading: true})
		for _, s := range l.d.Labels.ColophonText {
			lines, err := l.shapeLines("colophon", plain(s), style{size: size}, []float64{m}, 0, true)
			if err != nil {
				return nil, err
			}
			out = append(out, &vblock{lines: lines, lead: size * 1.35, size: size})
		}
	}
	return out, nil
}

func (l *layouter) headingBlock(h *doc.Heading) ([]*vblock, error) {
	g := l.g
	m := g.measure()
	title := doc.PlainText(h.Content)
	entry := &OutlineEntry{Title: headingText(h, l.d.Labels.LabelSep), Level: h.Level - 1}
	switch h.Level {
	case 1:
		var out []*vblock
		top := &vblock{newPage: true, chapter: title, outline: entry, headingID: h.ID, h: 0, spaceBefore: 0}
		out = append(out, top)
		if h.Label != "" {
			size := g.size * 1.05
			lines, err := l.shapeLines(h.ID, plain(h.Label), style{size: size, heading: true}, []float64{m}, 0, true)
			if err != nil {
				return nil, err
			}
			out = append(out, &vblock{lines: lines, lead: size * 1.4, size: size, spaceBefore: 3.2 * g.lead, keepWithNext: true, heading: true, unit: h.ID})
		}
		size := g.size * 1.9
		lines, err := l.shapeLines(h.ID, h.Content, style{size: size, heading: true, bold: true}, []float64{m * 0.9}, 0, true)
		if err != nil {
			return nil, err
		}
		sb := 0.4 * g.lead
		if h.Label == "" {
			sb = 3.2 * g.lead
		}
		out = append(out, &vblock{lines: lines, lead: size * 1.22, size: size, spaceBefore: sb, spaceAfter: 1.6 * g.lead, keepWithNext: true, heading: true, unit: h.ID})
		return out, nil
	default:
		// Six levels, each distinct: sans bold at two sizes, sans
		// regular, serif bold italic, serif italic.
		size := g.size * 1.16
		st := style{heading: true, bold: true}
		switch h.Level {
		case 3:
			size = g.size * 1.06
		case 4:
			size, st = g.size, style{heading: true}
		case 5:
			size, st = g.size, style{bold: true, italic: true}
		case 6:
			size, st = g.size, style{italic: true}
		}
		st.size = size
		ins := h.Content
		if h.Label != "" {
			ins = append([]doc.Inline{&doc.Text{Text: h.Label + l.d.Labels.LabelSep}}, doc.CloneInlines(h.Content)...)
		}
		lines, err := l.shapeLines(h.ID, ins, st, []float64{m * 0.92}, 0, true)
		if err != nil {
			return nil, err
		}
		return []*vblock{{lines: lines, lead: size * 1.3, size: size, spaceBefore: 1.3 * g.lead, spaceAfter: 0.45 * g.lead,
			keepWithNext: true, outline: entry, headingID: h.ID, heading: true, unit: h.ID}}, nil
	}
}

func (l *layouter) pullQuote(q *doc.PullQuote) (*vblock, error) {
	g := l.g
	m := g.measure()
	size := g.size * 1.22
	lead := size * 1.3
	in := 2.2 * g.indent
	ins := append([]doc.Inline{&doc.Text{Text: l.d.Labels.OpenQuote}}, doc.CloneInlines(q.Content)...)
	ins = append(ins, &doc.Text{Text: l.d.Labels.CloseQuote})
	lines, err := l.shapeLines(q.ID, ins, style{size: size, italic: !l.han}, []float64{m - 2*in}, 0, true)
	if err != nil {
		return nil, err
	}
	pad := 0.7 * g.lead
	h := float64(len(lines))*lead + 2*pad
	return &vblock{h: h, spaceBefore: g.lead, spaceAfter: g.lead, unit: q.ID, draw: func(pg *Page, x, top float64) {
		pg.Items = append(pg.Items, Item{Kind: RuleItem, X: x + in, Y: top, W: m - 2*in, Line: 0.6, Gray: 0.45})
		y := top + pad
		for _, ln := range lines {
			w := lineWidth(ln)
			drawLine(pg, ln, x+in+(m-2*in-w)/2, baseline(y, lead, size))
			y += lead
		}
		pg.Items = append(pg.Items, Item{Kind: RuleItem, X: x + in, Y: top + h, W: m - 2*in, Line: 0.6, Gray: 0.45})
	}}, nil
}

func (l *layouter) figure(f *doc.Figure) (*vblock, error) {
	g := l.g
	m := g.measure()
	capSize := g.size * 0.86
	capLead := capSize * 1.3
	ins := doc.CloneInlines(f.Caption)
	if f.Label != "" {
		ins = append([]doc.Inline{&doc.Strong{Content: []doc.Inline{&doc.Text{Text: f.Label + l.d.Labels.LabelSep}}}}, ins...)
	}
	capLines, err := l.shapeLines(f.CaptionID, ins, style{size: capSize, heading: true}, []float64{m}, 0, true)
	if err != nil {
		return nil, err
	}
	var credLines []line
	if f.CreditID != "" {
		cins := append([]doc.Inline{&doc.Text{Text: l.d.Labels.Source + " "}}, doc.CloneInlines(f.Credit)...)
		if l.han {
			cins = append([]doc.Inline{&doc.Text{Text: l.d.Labels.Source}}, doc.CloneInlines(f.Credit)...)
		}
		credLines, err = l.shapeLines(f.CreditID, cins, style{size: capSize * 0.92, heading: true}, []float64{m}, 0, true)
		if err != nil {
			return nil, err
		}
	}
	frameH := m * 0.42
	imgX, imgW := 0.0, m
	if f.ImageData != nil {
		// The image at its own proportions, as large as fits the measure
		// and 0.6 of it in height, centred.
		frameH = m * 0.6
		if c, _, err := image.DecodeConfig(bytes.NewReader(f.ImageData)); err == nil && c.Width > 0 && c.Height > 0 {
			k := math.Min(m/float64(c.Width), frameH/float64(c.Height))
			imgW, frameH = float64(c.Width)*k, float64(c.Height)*k
			imgX = (m - imgW) / 2
		}
	}
	noteSize := g.size * 0.85
	noteLines, err := l.shapeLines(f.ID, plain(l.d.Labels.ImageNotIncluded), style{size: noteSize, heading: true}, []float64{m}, 0, true)
	if err != nil {
		return nil, err
	}
	h := frameH + 0.5*g.lead + float64(len(capLines))*capLead + float64(len(credLines))*capLead*0.95
	anchor := ""
	if l.linked()[f.ID] {
		anchor = f.ID // the target of a link in the text
	}
	return &vblock{h: h, spaceBefore: g.lead, spaceAfter: g.lead, unit: f.CaptionID, anchor: anchor, draw: func(pg *Page, x, top float64) {
		if f.ImageData != nil {
			pg.Items = append(pg.Items, Item{Kind: ImageItem, X: x + imgX, Y: top, W: imgW, H: frameH, Image: f.ImageData, ImageType: f.ImageType, ImageName: f.ID, Unit: f.ID})
		} else {
			pg.Items = append(pg.Items, Item{Kind: RectItem, X: x, Y: top, W: m, H: frameH, Line: 0.6, Gray: 0.55})
			y := top + frameH/2 - float64(len(noteLines))*noteSize*1.3/2
			for _, ln := range noteLines {
				drawLineGray(pg, ln, x+(m-lineWidth(ln))/2, baseline(y, noteSize*1.3, noteSize), 0.45)
				y += noteSize * 1.3
			}
		}
		y := top + frameH + 0.5*g.lead
		for _, ln := range capLines {
			drawLine(pg, ln, x, baseline(y, capLead, capSize))
			y += capLead
		}
		for _, ln := range credLines {
			drawLineGray(pg, ln, x, baseline(y, capLead*0.95, capSize*0.92), 0.3)
			y += capLead * 0.95
		}
	}}, nil
}

func lineWidth(ln line) float64 {
	if len(ln.runs) == 0 {
		return 0
	}
	last := ln.runs[len(ln.runs)-1]
	return last.x + last.w
}

// baseline of a line whose box starts at top.
func baseline(top, lead, size float64) float64 {
	return top + lead - (lead-size)/2 - 0.22*size
}

func drawLine(pg *Page, ln line, x, base float64) { drawLineGray(pg, ln, x, base, 0) }

func drawLineGray(pg *Page, ln line, x, base float64, gray float64) {
	for _, p := range mergeRuns(ln.runs) {
		r := p.r
		pg.Items = append(pg.Items, Item{Kind: TextItem, X: x + p.x, Y: base - r.rise, Text: r.text, Face: r.face, Size: r.size, Gray: gray, Space: p.space, Scale: p.scale, Unit: ln.unit})
		if r.strike {
			pg.Items = append(pg.Items, Item{Kind: RuleItem, X: x + p.x, Y: base - r.rise - r.size*0.28, W: p.w, Line: r.size * 0.06, Gray: gray})
		}
		switch {
		case strings.HasPrefix(r.link, "#"):
			pg.Links = append(pg.Links, LinkRect{X: x + p.x, Y: base - r.size*0.8, W: p.w, H: r.size, Anchor: "h-" + r.link[1:]})
		case r.link != "":
			pg.Links = append(pg.Links, LinkRect{X: x + p.x, Y: base - r.size*0.8, W: p.w, H: r.size, URL: r.link})
		case r.noteMark:
			pg.Links = append(pg.Links, LinkRect{X: x + p.x, Y: base - r.rise - r.size*0.8, W: p.w, H: r.size, Anchor: "note-" + r.note.ID})
		case r.note != nil:
			pg.Links = append(pg.Links, LinkRect{X: x + p.x, Y: base - r.size*0.8, W: p.w, H: r.size, Anchor: "ref-" + r.note.ID})
		}
	}
}

func (l *layouter) titlePage() (*Page, error) {
	g := l.g
	m := g.measure()
	pg := &Page{Number: 1}
	x := g.left(1, l.o.TwoSided)
	center := func(unit string, ins []doc.Inline, st style, lead, y float64) (float64, error) {
		lines, err := l.shapeLines(unit, ins, st, []float64{m * 0.86}, 0, true)
		if err != nil {
			return 0, err
		}
		for _, ln := range lines {
			drawLine(pg, ln, x+(m-lineWidth(ln))/2, baseline(y, lead, st.size))
			y += lead
		}
		return y, nil
	}
	meta := l.d.Meta
	y := g.h * 0.24
	size := g.size * 2.5
	y, err := center(meta.Title.ID, plain(meta.Title.Text), style{size: size, heading: true, bold: true}, size*1.2, y)
	if err != nil {
		return nil, err
	}
	if meta.Subtitle.Text != "" {
		if y, err = center(meta.Subtitle.ID, plain(meta.Subtitle.Text), style{size: g.size * 1.4, heading: true}, g.size*1.8, y+g.lead*0.5); err != nil {
			return nil, err
		}
	}
	pg.Items = append(pg.Items, Item{Kind: RuleItem, X: x + m*0.35, Y: y + g.lead, W: m * 0.3, Line: 0.8, Gray: 0.4})
	y += 3 * g.lead
	if meta.Editor.Text != "" {
		if y, err = center(meta.Editor.ID, plain(meta.Editor.Text), style{size: g.size * 1.25}, g.size*1.8, y); err != nil {
			return nil, err
		}
		y += g.lead
	}
	for _, a := range meta.Authors {
		if y, err = center(a.ID, plain(a.Text), style{size: g.size * 1.25, italic: !l.han}, g.size*1.75, y); err != nil {
			return nil, err
		}
	}
	if meta.DateText != "" {
		if _, err = center("meta.date", plain(meta.DateText), style{size: g.size * 1.15, heading: true}, g.size*1.6, g.h*0.8); err != nil {
			return nil, err
		}
	}
	return pg, nil
}

// tocBlocks sets the contents; pages nil means placeholders.
func (l *layouter) tocBlocks(pages map[string]string) ([]*vblock, error) {
	g := l.g
	m := g.measure()
	size := g.size * 1.9
	title, err := l.shapeLines("toc", plain(l.d.Labels.Contents), style{size: size, heading: true, bold: true}, []float64{m}, 0, true)
	if err != nil {
		return nil, err
	}
	out := []*vblock{{newPage: true}, {lines: title, lead: size * 1.22, size: size, spaceBefore: 3.2 * g.lead, spaceAfter: 1.6 * g.lead, heading: true}}
	numFace := l.faces.face(style{size: g.size}, '0', false)
	dotFace := numFace
	depth := l.o.TOCDepth
	if depth <= 0 {
		depth = 2
	}
	for _, h := range doc.Headings(l.d) {
		if h.Level > depth {
			continue
		}
		num := "000"
		if pages != nil {
			num = pages[h.ID]
		}
		indent := 0.0
		st := style{size: g.size}
		sb := 0.0
		if h.Level == 1 {
			st.bold = true
			sb = 0.55 * g.lead
		} else {
			indent = 1.6 * g.size
		}
		numW := l.width(numFace, "000", g.size) + g.size
		ins := plain(headingText(h, l.d.Labels.LabelSep))
		// A wrapped entry hangs: its lines after the first start under
		// the title, past the label ("Глава 1. ").
		hang := 0.0
		if h.Label != "" {
			hang = l.width(l.faces.face(st, 'n', l.han), h.Label+l.d.Labels.LabelSep, g.size)
		}
		w := m - indent - numW - 2*g.size
		lines, err := l.shapeLines("toc:"+h.ID, ins, st, []float64{w, w - hang}, 0, true)
		if err != nil {
			return nil, err
		}
		lines = hangLines(lines, hang)
		nums := num
		vb := &vblock{lines: lines, x: indent, lead: g.lead, size: g.size, spaceBefore: sb, unit: h.ID}
		out = append(out, vb)
		vb.lastLine = func(pg *Page, x, base float64, ln line) {
			// Dot leaders from the title's end to the page number.
			end := x + indent + lineWidth(ln) + g.size*0.6
			nw := l.width(numFace, nums, g.size)
			pg.Items = append(pg.Items, Item{Kind: TextItem, X: x + m - nw, Y: base, Text: nums, Face: numFace, Size: g.size, Unit: "toc:" + h.ID})
			pg.Links = append(pg.Links, LinkRect{X: x + indent, Y: base - g.size, W: m - indent, H: g.size * 1.2, Anchor: "h-" + h.ID})
			dot := l.width(dotFace, ".", g.size) * 2.2
			for dx := float64(int(end/dot)+1) * dot; dx < x+m-nw-g.size*0.6; dx += dot {
				pg.Items = append(pg.Items, Item{Kind: TextItem, X: dx, Y: base, Text: ".", Face: dotFace, Size: g.size, Gray: 0.35})
			}
		}
	}
	return out, nil
}

// mergeRuns joins runs that touch and look the same (the parts of a
// hyphenatable word, the pieces of a URL), so that each becomes one text
// operation and one link in the PDF.
func mergeRuns(ps []placed) []placed {
	var out []placed
	for _, p := range ps {
		if n := len(out); n > 0 {
			q := out[n-1]
			if q.r.face == p.r.face && q.r.size == p.r.size && q.r.rise == p.r.rise && q.r.link == p.r.link && math.Abs(q.scale-p.scale) < 1e-9 &&
				q.r.note == p.r.note && q.r.noteMark == p.r.noteMark && p.x-(q.x+q.w) < 0.01 && p.x-(q.x+q.w) > -0.01 {
				r := *q.r
				r.text += p.r.text
				out[n-1] = placed{x: q.x, r: &r, w: q.w + p.w, space: q.space, scale: q.scale}
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// hangLines moves every line but the first right by hang (copies: set
// lines may be shared).
func hangLines(lines []line, hang float64) []line {
	if hang == 0 || len(lines) < 2 {
		return lines
	}
	out := slices.Clone(lines)
	for i := 1; i < len(out); i++ {
		runs := slices.Clone(out[i].runs)
		for j := range runs {
			runs[j].x += hang
		}
		out[i].runs = runs
	}
	return out
}
