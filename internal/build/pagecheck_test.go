package build

import (
	"fmt"
	"html"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/verify"
)

// The page rules of the acceptance item (no widow, no orphan, no heading
// at a page foot, every footnote on its citing page, no more than two
// hyphenated lines in a row), checked independently of the layout
// report: the built PDF is read back with pdftotext -bbox-layout, its
// word boxes are grouped into lines, and the lines are matched to the
// document model, which says only what is a paragraph, a heading and a
// note.

// pdfWord is one word box as pdftotext gives it, in pt from the top left.
type pdfWord struct {
	x0, y0, x1, y1 float64
	text           string
}

func (w pdfWord) h() float64 { return w.y1 - w.y0 }

// pdfPage is one page's words, in the order pdftotext lists them.
type pdfPage struct {
	w, h  float64
	words []pdfWord
}

var bboxPageRe = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)

// parseBBox reads pdftotext -bbox-layout (or -bbox) output. The flows,
// blocks and lines it also gives are not used: pdftotext sometimes cuts
// one printed line in two (Chinese punctuation set tight), so lines are
// rebuilt from the word boxes (pageLines).
func parseBBox(out string) []pdfPage {
	var pages []pdfPage
	locs := bboxPageRe.FindAllStringSubmatchIndex(out, -1)
	for i, loc := range locs {
		end := len(out)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		w, _ := strconv.ParseFloat(out[loc[2]:loc[3]], 64)
		h, _ := strconv.ParseFloat(out[loc[4]:loc[5]], 64)
		pg := pdfPage{w: w, h: h}
		for _, m := range bboxWordRe.FindAllStringSubmatch(out[loc[1]:end], -1) {
			var f [4]float64
			for k := range f {
				f[k], _ = strconv.ParseFloat(m[k+1], 64)
			}
			pg.words = append(pg.words, pdfWord{f[0], f[1], f[2], f[3], html.UnescapeString(m[5])})
		}
		pages = append(pages, pg)
	}
	return pages
}

// textBlock is where body and notes are set on the default page (A4,
// screen profile: internal/layout geomA4, 76 pt top and 78 pt bottom
// margins). The running head (baseline at 0.62 of the top margin) and the
// folio (at half the bottom margin) lie well outside it.
type textBlock struct{ w, h, top, bottom float64 }

var a4Block = textBlock{w: 595.28, h: 841.89, top: 76, bottom: 841.89 - 78}

// inside keeps the words of the text block, with a few points to spare for
// the ascenders of the first line and the descenders of the last.
func (b textBlock) inside(w pdfWord) bool { return w.y0 >= b.top-8 && w.y1 <= b.bottom+8 }

// pdfLine is one printed line of a page's text block.
type pdfLine struct {
	page   int // from 1
	y0, y1 float64
	h      float64   // the tallest word: the size the line is set in
	words  []pdfWord // left to right, without the note marks
	marks  []int     // superscript note numbers in the line
	toks   []string  // verify.Tokens of the words
	hyphen bool      // the last word ends with a hyphen
	broken bool      // … and the word goes on on the next line (set by matching)
	note   int       // the note this line starts, 0 for none
	unit   int       // the unit (index) the line belongs to, -1 for none
}

func (l *pdfLine) text() string {
	var ws []string
	for _, w := range l.words {
		ws = append(ws, w.text)
	}
	return strings.Join(ws, " ")
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil && !strings.HasPrefix(s, "+") && !strings.HasPrefix(s, "-")
}

// pageLines groups the text block's words into printed lines, top to
// bottom: a word whose vertical centre falls inside the line being built
// belongs to it (body lines are set 14.2 pt apart in 14.3 pt high boxes,
// so a neighbour's centre never does). A note mark is a number in a box
// under 0.8 of its line's height (it is set at 0.62 of the size): it is
// taken out of the text and kept as the line's mark.
func pageLines(n int, pg pdfPage, b textBlock) []*pdfLine {
	var ws []pdfWord
	for _, w := range pg.words {
		if b.inside(w) {
			ws = append(ws, w)
		}
	}
	c := func(w pdfWord) float64 { return (w.y0 + w.y1) / 2 }
	sort.SliceStable(ws, func(i, j int) bool { return c(ws[i]) < c(ws[j]) })
	var lines []*pdfLine
	var cur *pdfLine
	for _, w := range ws {
		if cur == nil || c(w) > cur.y1 || c(w) < cur.y0 {
			cur = &pdfLine{page: n, y0: w.y0, y1: w.y1, unit: -1}
			lines = append(lines, cur)
		}
		cur.y0, cur.y1 = math.Min(cur.y0, w.y0), math.Max(cur.y1, w.y1)
		cur.h = math.Max(cur.h, w.h())
		cur.words = append(cur.words, w)
	}
	for _, l := range lines {
		sort.SliceStable(l.words, func(i, j int) bool { return l.words[i].x0 < l.words[j].x0 })
		var keep []pdfWord
		for _, w := range l.words {
			if isNumber(w.text) && w.h() < 0.8*l.h {
				m, _ := strconv.Atoi(w.text)
				l.marks = append(l.marks, m)
				continue
			}
			keep = append(keep, w)
		}
		l.words = keep
		l.toks = verify.Tokens(l.text())
		if len(keep) > 0 {
			last := keep[len(keep)-1].text
			l.hyphen = strings.HasSuffix(last, "-") || strings.HasSuffix(last, "\u2010") || strings.HasSuffix(last, "\u00ad")
		}
	}
	return lines
}

// pageUnit is a block of the model as the page shows it.
type pageUnit struct {
	id    string
	kind  string // "heading", "paragraph" (paragraphs, quotations, list items: what is broken across pages) or "other"
	toks  []string
	words string // its first words, for messages
}

// pageUnits lists the body's blocks in reading order with the text the
// layout prints for them (a heading's label, a figure's label, the
// credit's "Source:").
func pageUnits(d *doc.Document) []pageUnit {
	var us []pageUnit
	add := func(id, kind, text string) {
		f := strings.Fields(text)
		words := []rune(strings.Join(f[:min(6, len(f))], " "))
		if len(words) > 48 { // a Chinese sentence is one "word"
			words = append(words[:48], '…')
		}
		us = append(us, pageUnit{id: id, kind: kind, toks: verify.Tokens(text), words: string(words)})
	}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			add(b.ID, "heading", b.Label+" "+doc.PlainText(b.Content))
		case *doc.Paragraph:
			add(b.ID, "paragraph", doc.PlainText(b.Content))
		case *doc.BlockQuote:
			for _, p := range b.Blocks {
				if p, ok := p.(*doc.Paragraph); ok {
					add(p.ID, "paragraph", doc.PlainText(p.Content))
				}
			}
		case *doc.List:
			for _, it := range b.Items {
				add(it.ID, "paragraph", doc.PlainText(it.Content))
			}
		case *doc.PullQuote:
			add(b.ID, "other", doc.PlainText(b.Content))
		case *doc.Figure:
			add(b.CaptionID, "other", b.Label+" "+doc.PlainText(b.Caption))
			if b.CreditID != "" {
				add(b.CreditID, "other", d.Labels.Source+" "+doc.PlainText(b.Credit))
			}
		}
	}
	return us
}

// streamTok is one token of the body text and the line it is on.
type streamTok struct {
	s    string
	line int
}

// matchAt tries unit's tokens at position s of the body text. Tokens must
// follow one another exactly, except that a word hyphenated at a line end
// reads as its two halves ("promo-" "tion" for "promotion"): the joins
// are returned (the index of each first half). A hyphen that is part of
// the word ("China-" "Kazakhstan") splits the model's text into the same
// two tokens, so it never needs a join: that is how a word broken by an
// added hyphen is told from one broken after its own.
func matchAt(text []streamTok, unit []string, s, limit int) (end int, joins []int, ok bool) {
	i := s
	for j := 0; j < len(unit); j++ {
		switch {
		case i < limit && text[i].s == unit[j]:
			i++
		case i+1 < limit && text[i].line != text[i+1].line && text[i].s+text[i+1].s == unit[j]:
			joins = append(joins, i)
			i += 2
		default:
			return 0, nil, false
		}
	}
	return i, joins, true
}

// pageFindings is what checkPages finds: the problems, one message each,
// and counts that show it looked.
type pageFindings struct {
	widows, orphans, headingsAtFoot, notesAway, hyphenRuns []string

	pages, bodyLines, noteLines   int
	paragraphs, paragraphsMatched int
	split                         int // paragraphs broken across pages
	headings, headingsMatched     int
	noteStarts, notesMatched      int
	marks                         int
	hyphenated, ownHyphens        int
	unmatched                     []string
}

func (f *pageFindings) all() []string {
	var out []string
	for _, p := range [][]string{f.widows, f.orphans, f.headingsAtFoot, f.notesAway, f.hyphenRuns} {
		out = append(out, p...)
	}
	return out
}

// hyphenRun reports a third line in a row, among ls (one paragraph's or
// note's lines), that ends in a word broken by an added hyphen.
func (f *pageFindings) hyphenRun(ls []*pdfLine, where func(*pdfLine) string) {
	run := 0
	for _, l := range ls {
		switch {
		case l.hyphen && l.broken:
			f.hyphenated++
		case l.hyphen:
			f.ownHyphens++
		}
		if !l.hyphen || !l.broken {
			run = 0
			continue
		}
		if run++; run == 3 {
			f.hyphenRuns = append(f.hyphenRuns, fmt.Sprintf("%s: three hyphenated lines in a row, the third %q", where(l), l.text()))
		}
	}
}

// startsNote says which note, if any, line starts: a line set smaller
// than the body (notes are at 8.2 pt against 10.5) that begins with a
// number n and goes on with the first words of note n. Checking the words
// keeps a note's continuation line that happens to begin with a number
// (or the colophon's "4 figures …") from counting.
func startsNote(l *pdfLine, notes [][]string, body float64) int {
	if l.h >= 0.85*body || len(l.words) < 2 || !isNumber(l.words[0].text) || len(l.toks) < 2 {
		return 0
	}
	n, _ := strconv.Atoi(l.words[0].text)
	if n < 1 || n > len(notes) || len(notes[n-1]) == 0 {
		return 0
	}
	want := notes[n-1]
	for i := 0; i < min(3, len(want)); i++ {
		k := i + 1
		if k >= len(l.toks) {
			break
		}
		if k == len(l.toks)-1 && l.hyphen {
			if !strings.HasPrefix(want[i], l.toks[k]) {
				return 0
			}
			break
		}
		if l.toks[k] != want[i] {
			return 0
		}
	}
	return n
}

// checkPages reads pages against the model d.
func checkPages(pages []pdfPage, d *doc.Document, b textBlock) *pageFindings {
	f := &pageFindings{pages: len(pages)}
	var all [][]*pdfLine
	heights := map[int]int{}
	for i, pg := range pages {
		ls := pageLines(i+1, pg, b)
		all = append(all, ls)
		for _, l := range ls {
			heights[int(math.Round(l.h*10))]++
		}
	}
	// The body size is the most common line height.
	body, most := 0.0, 0
	for h, n := range heights {
		if n > most || n == most && float64(h)/10 < body {
			body, most = float64(h)/10, n
		}
	}
	notes := make([][]string, len(d.Notes))
	for _, n := range d.Notes {
		if n.Number >= 1 && n.Number <= len(notes) {
			notes[n.Number-1] = verify.Tokens(doc.PlainText(n.Content))
		}
	}

	// Each page's notes are at its foot, from the first line that starts
	// one; the lines above are the body.
	var lines []*pdfLine
	starts := map[int][]int{}
	refs := map[int][]int{}
	noteLines := map[int][]*pdfLine{} // by note, the lines from its start to the next
	for p, ls := range all {
		foot, cur := len(ls), 0
		for i, l := range ls {
			if l.note = startsNote(l, notes, body); l.note > 0 {
				if foot == len(ls) {
					foot = i
				}
				starts[l.note] = append(starts[l.note], p+1)
				f.noteStarts++
				cur = l.note
			}
			if cur > 0 {
				noteLines[cur] = append(noteLines[cur], l)
			}
		}
		f.noteLines += len(ls) - foot
		for _, l := range ls[:foot] {
			lines = append(lines, l)
			for _, m := range l.marks {
				refs[m] = append(refs[m], p+1)
				f.marks++
			}
		}
	}
	f.bodyLines = len(lines)

	// Every note starts once, on the page of its (first) mark.
	for n := 1; n <= len(notes); n++ {
		switch {
		case len(starts[n]) != 1:
			f.notesAway = append(f.notesAway, fmt.Sprintf("note %d starts %d times at a page foot (pages %v), want once", n, len(starts[n]), starts[n]))
		case len(refs[n]) == 0:
			f.notesAway = append(f.notesAway, fmt.Sprintf("note %d (page %d): no mark for it in the text", n, starts[n][0]))
		case refs[n][0] != starts[n][0]:
			f.notesAway = append(f.notesAway, fmt.Sprintf("note %d: cited on page %d, starts on page %d", n, refs[n][0], starts[n][0]))
		}
	}
	for m, ps := range refs {
		if m < 1 || m > len(notes) {
			f.notesAway = append(f.notesAway, fmt.Sprintf("page %d: a mark %d for no note", ps[0], m))
		}
	}
	// Each note's text read through its lines (the number left out), to
	// tell its hyphenated lines.
	for n := 1; n <= len(notes); n++ {
		ls := noteLines[n]
		if len(starts[n]) != 1 || len(ls) == 0 {
			continue
		}
		var text []streamTok
		for i, l := range ls {
			for k, s := range l.toks {
				if i > 0 || k > 0 {
					text = append(text, streamTok{s, i})
				}
			}
		}
		_, joins, ok := matchAt(text, notes[n-1], 0, len(text))
		if !ok {
			f.unmatched = append(f.unmatched, fmt.Sprintf("note %d", n))
			continue
		}
		f.notesMatched++
		for _, j := range joins {
			ls[text[j].line].broken = true
		}
		f.hyphenRun(ls, func(l *pdfLine) string { return fmt.Sprintf("page %d, note %d", l.page, n) })
	}

	// The body text as one token stream, across pages (the running heads,
	// folios and notes are not in it, so a paragraph reads on unbroken).
	var text []streamTok
	for i, l := range lines {
		for _, s := range l.toks {
			text = append(text, streamTok{s, i})
		}
	}
	units := pageUnits(d)
	type span struct{ start, end int }
	spans := make([]span, len(units))
	for i := range spans {
		spans[i] = span{-1, -1}
	}
	claim := func(u int, s, e int, joins []int) {
		spans[u] = span{s, e}
		for _, j := range joins {
			lines[text[j].line].broken = true
		}
	}
	// First all but the headings, each at its first place after the one
	// before: paragraphs are long and found only where they are.
	at := 0
	for u, un := range units {
		if un.kind == "heading" || len(un.toks) == 0 {
			continue
		}
		for s := at; s < len(text); s++ {
			if e, joins, ok := matchAt(text, un.toks, s, len(text)); ok {
				claim(u, s, e, joins)
				at = e
				break
			}
		}
	}
	// Then each heading between its neighbours, at the last place there:
	// the contents page repeats the headings' words, and a heading stands
	// right before its section.
	for u, un := range units {
		if un.kind != "heading" || len(un.toks) == 0 {
			continue
		}
		lo, hi := 0, len(text)
		for k := u - 1; k >= 0; k-- {
			if spans[k].end >= 0 {
				lo = spans[k].end
				break
			}
		}
		for k := u + 1; k < len(units); k++ {
			if spans[k].start >= 0 {
				hi = spans[k].start
				break
			}
		}
		for s := hi - 1; s >= lo; s-- {
			if e, joins, ok := matchAt(text, un.toks, s, hi); ok {
				claim(u, s, e, joins)
				break
			}
		}
	}
	for u, sp := range spans {
		for k := sp.start; k < sp.end && sp.start >= 0; k++ {
			lines[text[k].line].unit = u
		}
	}
	// A line with no word (only punctuation, say the "." after a mark)
	// belongs with the line before it.
	for i, l := range lines {
		if len(l.toks) == 0 && i > 0 && l.unit < 0 {
			l.unit = lines[i-1].unit
		}
	}
	byUnit := make([][]int, len(units))
	for i, l := range lines {
		if l.unit >= 0 {
			byUnit[l.unit] = append(byUnit[l.unit], i)
		}
	}

	for u, un := range units {
		ls := byUnit[u]
		switch un.kind {
		case "paragraph":
			f.paragraphs++
		case "heading":
			f.headings++
		}
		if spans[u].start < 0 {
			f.unmatched = append(f.unmatched, fmt.Sprintf("%s %s %q", un.kind, un.id, un.words))
			continue
		}
		switch un.kind {
		case "paragraph":
			f.paragraphsMatched++
		case "heading":
			f.headingsMatched++
		}
		first, last := lines[ls[0]], lines[ls[len(ls)-1]]
		on := func(page int) int {
			n := 0
			for _, i := range ls {
				if lines[i].page == page {
					n++
				}
			}
			return n
		}
		where := func(l *pdfLine) string {
			return fmt.Sprintf("page %d, %s %q (%s)", l.page, un.kind, un.words, un.id)
		}
		if un.kind == "paragraph" && first.page != last.page {
			f.split++
			if on(first.page) == 1 {
				f.orphans = append(f.orphans, where(first)+": its first line alone at the page foot")
			}
			if on(last.page) == 1 {
				f.widows = append(f.widows, where(last)+": its last line alone at the page head")
			}
		}
		if un.kind == "heading" {
			// Two lines of its section below it on its page.
			end, after := ls[len(ls)-1], 0
			for i := end + 1; i < len(lines) && lines[i].page == last.page; i++ {
				after++
			}
			if after < 2 {
				f.headingsAtFoot = append(f.headingsAtFoot, fmt.Sprintf("%s: %d line(s) below it on the page", where(last), after))
			}
		}
		var own []*pdfLine
		for _, i := range ls {
			own = append(own, lines[i])
		}
		f.hyphenRun(own, where)
	}
	return f
}

// synthPages lays out lines as pdftotext reports a page: body lines from
// the top of the A4 text block, one 14.2 pt lead apart; lines that begin
// with "~" are notes, set small at the foot; "word^n" is a word and a
// superscript mark n. Every page gets a running head and a folio, which must be ignored.
func synthPages(pages ...[]string) []pdfPage {
	b := a4Block
	var out []pdfPage
	for p, lines := range pages {
		pg := pdfPage{w: b.w, h: b.h}
		put := func(text string, y, h float64) {
			x := 82.0
			for _, w := range strings.Fields(text) {
				w, m, mark := strings.Cut(w, "^")
				wd := 5 * float64(len([]rune(w)))
				pg.words = append(pg.words, pdfWord{x, y, x + wd, y + h, w})
				x += wd
				if mark {
					pg.words = append(pg.words, pdfWord{x, y + 0.8, x + 3.6, y + 0.8 + 8.9, m})
					x += 3.6
				}
				x += 3
			}
		}
		put("Running head", 37.9, 11.7)
		put(strconv.Itoa(p+1), 793.4, 12.1)
		var notes []string
		y := b.top - 1.2
		for _, l := range lines {
			if n, ok := strings.CutPrefix(l, "~"); ok {
				notes = append(notes, n)
				continue
			}
			put(l, y, 14.3)
			y += 14.2
		}
		for i, n := range notes {
			put(n, b.bottom-float64(len(notes)-i)*10.4-1, 11.2)
		}
		out = append(out, pg)
	}
	return out
}

// synthDoc makes a model: "# x" is a heading, anything else a paragraph
// in which "word^n" cites note n after the word; notes are the notes' texts.
func synthDoc(blocks []string, notes ...string) *doc.Document {
	d := &doc.Document{}
	for i, t := range notes {
		d.Notes = append(d.Notes, &doc.Note{ID: "n" + strconv.Itoa(i+1), Number: i + 1, Content: []doc.Inline{&doc.Text{Text: t}}})
	}
	for i, b := range blocks {
		id := "b" + strconv.Itoa(i)
		if h, ok := strings.CutPrefix(b, "# "); ok {
			d.Blocks = append(d.Blocks, &doc.Heading{ID: id, Level: 2, Content: []doc.Inline{&doc.Text{Text: h}}})
			continue
		}
		var ins []doc.Inline
		for _, w := range strings.Fields(b) {
			w, m, mark := strings.Cut(w, "^")
			ins = append(ins, &doc.Text{Text: w})
			if mark {
				n, _ := strconv.Atoi(m)
				ins = append(ins, &doc.NoteRef{Note: d.Notes[n-1]})
			}
			ins = append(ins, &doc.Text{Text: " "})
		}
		d.Blocks = append(d.Blocks, &doc.Paragraph{ID: id, Content: ins})
	}
	return d
}

// TestPageCheckFindsProblems: each rule, broken once on a made-up pair of
// pages, is reported once, and the clean pages report nothing.
func TestPageCheckFindsProblems(t *testing.T) {
	model := synthDoc([]string{
		"# Trade",
		"Alpha beta gamma delta epsilon zeta eta theta iota kappa.",
		"# Culture",
		"Nu xi omicron pi^1 rho sigma tau upsilon phi chi psi omega.",
		"Second paragraph with China-Kazakhstan relations and promotion of Sino-Kazakh goods.",
	}, "Ibid. p. 13, on the promotion of Sino-Kazakh cooperation.")
	p1 := []string{"Trade", "Alpha beta gamma delta", "epsilon zeta eta theta", "iota kappa.", "Culture"}
	// Two words broken by added hyphens in a row, then one after its own.
	p3 := []string{"Second paragraph with Chi-", "na-Kazakhstan relations and pro-", "motion of Sino-", "Kazakh goods."}
	cat := func(ls ...[]string) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l...)
		}
		return out
	}
	note := "~1 Ibid. p. 13, on the promotion of Sino-Kazakh cooperation."
	type counts struct{ widows, orphans, headingsAtFoot, notesAway, hyphenRuns int }
	tests := []struct {
		name  string
		pages [][]string
		want  counts
	}{
		{"clean", [][]string{
			cat(p1, []string{"Nu xi omicron pi^1", "rho sigma tau", note}),
			cat([]string{"upsilon phi chi", "psi omega."}, p3),
		}, counts{}},
		{"widow", [][]string{
			cat(p1, []string{"Nu xi omicron pi^1", "rho sigma tau upsilon", "phi chi psi", note}),
			cat([]string{"omega."}, p3),
		}, counts{widows: 1}},
		{"orphan", [][]string{
			cat(p1, []string{"Nu xi omicron pi^1", "rho sigma tau", "upsilon phi chi", "psi omega.", "Second paragraph with China-", note}),
			{"Kazakhstan relations and pro-", "motion of Sino-Kazakh goods."},
		}, counts{orphans: 1}},
		{"heading at foot", [][]string{
			p1,
			cat([]string{"Nu xi omicron pi^1", "rho sigma tau", "upsilon phi chi", "psi omega.", note}, p3),
		}, counts{headingsAtFoot: 1}},
		{"heading over one line", [][]string{
			cat(p1, []string{"Nu xi omicron pi^1 rho sigma tau upsilon phi chi psi omega.", note}),
			p3,
		}, counts{headingsAtFoot: 1}},
		{"note away", [][]string{
			cat(p1, []string{"Nu xi omicron pi^1", "rho sigma tau"}),
			cat([]string{"upsilon phi chi", "psi omega."}, p3, []string{note}),
		}, counts{notesAway: 1}},
		{"note missing", [][]string{
			cat(p1, []string{"Nu xi omicron pi^1", "rho sigma tau"}),
			cat([]string{"upsilon phi chi", "psi omega."}, p3),
		}, counts{notesAway: 1}},
		{"three hyphens", [][]string{
			cat(p1, []string{"Nu xi omicron pi^1", "rho sigma tau", note}),
			{"upsilon phi chi", "psi omega.", "Second paragraph with Chi-", "na-Kazakhstan relations and pro-", "motion of Si-", "no-Kazakh goods."},
		}, counts{hyphenRuns: 1}},
		{"three hyphens in a note", [][]string{
			cat(p1, []string{"Nu xi omicron pi^1", "rho sigma tau", "~1 Ibid. p. 13, on the pro-", "~motion of Si-", "~no-Kazakh co-", "~operation."}),
			cat([]string{"upsilon phi chi", "psi omega."}, p3),
		}, counts{hyphenRuns: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := checkPages(synthPages(tc.pages...), model, a4Block)
			got := counts{len(f.widows), len(f.orphans), len(f.headingsAtFoot), len(f.notesAway), len(f.hyphenRuns)}
			if got != tc.want {
				t.Errorf("got %+v, want %+v\n%s", got, tc.want, strings.Join(f.all(), "\n"))
			}
			// It saw everything: all blocks placed, the mark and note read,
			// the running heads and folios left out.
			notes := 1
			if tc.name == "note missing" {
				notes = 0
			}
			if len(f.unmatched) > 0 || f.paragraphsMatched != 3 || f.headingsMatched != 2 || f.marks != 1 || f.notesMatched != notes {
				t.Errorf("unmatched %v, %d paragraphs, %d headings, %d marks, %d notes", f.unmatched, f.paragraphsMatched, f.headingsMatched, f.marks, f.notesMatched)
			}
		})
	}
	t.Run("own hyphens", func(t *testing.T) {
		f := checkPages(synthPages(tests[0].pages...), model, a4Block)
		if f.hyphenated != 2 || f.ownHyphens != 1 {
			t.Errorf("%d hyphenated lines, %d broken at their own hyphen; want 2 and 1", f.hyphenated, f.ownHyphens)
		}
	})
}

// TestPageRulesReadBack checks the built PDFs' pages against the rules,
// from the text pdftotext reads back, in every language.
func TestPageRulesReadBack(t *testing.T) {
	dir, _ := built(t)
	for _, l := range langs {
		t.Run(l, func(t *testing.T) {
			start := time.Now()
			ed := edition(t, l)
			pages := parseBBox(run(t, "pdftotext", "-bbox-layout", "-enc", "UTF-8", file(dir, l, "pdf"), "-"))
			for i, pg := range pages {
				if math.Abs(pg.w-a4Block.w) > 1 || math.Abs(pg.h-a4Block.h) > 1 {
					t.Fatalf("%s: page %d is %.2f × %.2f pt, not A4: the text block here is A4's", l, i+1, pg.w, pg.h)
				}
			}
			f := checkPages(pages, ed.Doc, a4Block)
			for _, p := range []struct {
				what string
				list []string
			}{{"widow", f.widows}, {"orphan", f.orphans}, {"heading at a page foot", f.headingsAtFoot}, {"footnote", f.notesAway}, {"hyphens", f.hyphenRuns}} {
				for _, m := range p.list {
					t.Errorf("%s: %s: %s", l, p.what, m)
				}
			}
			t.Logf("%s: %d pages, %d body lines, %d note lines; %d/%d paragraphs (%d across a page break) and %d/%d headings matched; %d note starts, %d notes matched, %d marks; %d hyphenated lines, %d broken at their own hyphen (%v)",
				l, f.pages, f.bodyLines, f.noteLines, f.paragraphsMatched, f.paragraphs, f.split, f.headingsMatched, f.headings, f.noteStarts, f.notesMatched, f.marks, f.hyphenated, f.ownHyphens, time.Since(start).Round(time.Millisecond))
			for _, u := range f.unmatched {
				t.Logf("%s: not found on the pages: %s", l, u)
			}
			// It must have looked: it cannot pass by finding nothing.
			if f.pages <= 10 || f.bodyLines < 200 {
				t.Errorf("%s: read %d pages, %d body lines", l, f.pages, f.bodyLines)
			}
			if f.paragraphs == 0 || f.paragraphsMatched*10 < f.paragraphs*9 || f.headingsMatched < f.headings || f.split == 0 {
				t.Errorf("%s: matched %d of %d paragraphs (%d across pages) and %d of %d headings to lines", l, f.paragraphsMatched, f.paragraphs, f.split, f.headingsMatched, f.headings)
			}
			if n := len(ed.Doc.Notes); n != 69 || f.noteStarts != n || f.marks != n || f.notesMatched*10 < n*9 {
				t.Errorf("%s: %d note starts, %d marks and %d notes' text read, the model has %d notes (want 69)", l, f.noteStarts, f.marks, f.notesMatched, n)
			}
			if l != "zh" && f.hyphenated == 0 {
				t.Errorf("%s: no hyphenated line read back", l)
			}
		})
	}
}
