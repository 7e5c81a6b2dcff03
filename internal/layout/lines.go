package layout

import (
	"math"
	"strings"
)

// line is one set line: its runs placed horizontally from the left edge
// of its measure.
type line struct {
	runs  []placed
	width float64 // the measure it was set to
	ratio float64
	hyph  bool // ends with an added hyphen
	// hardHyph: ends after a hyphen of the text ("China-/Kazakhstan").
	hardHyph bool
	last     bool // a paragraph's last line (set to its natural width)
	notes    []*noteRef
	unit     string
	text     string // plain text, for reports
}

// placed is a run at a horizontal offset.
type placed struct {
	x     float64
	r     *run
	w     float64
	space float64 // the word space set before it on the line, 0 for none
	scale float64 // horizontal scale of its glyphs (font expansion), 0 for none
}

// expansion is how far a justified line's glyphs may be widened or
// narrowed (pdfTeX's font expansion, ±2 %) to spare the spaces.
const expansion = 0.02

// splitRatio splits a line's adjustment ratio between the boxes' font
// expansion, which takes it first within ±1, and the glue, which takes
// the rest; items ends with the line's break.
func splitRatio(items []item, width, ratio float64) (boxR, glueR float64) {
	var w, boxY, boxZ, glueY, glueZ float64
	for i, it := range items {
		switch it.kind {
		case kBox:
			w += it.width
			boxY += it.stretch
			boxZ += it.shrink
		case kGlue:
			if i < len(items)-1 {
				w += it.width
				glueY += it.stretch
				glueZ += it.shrink
			}
		case kPenalty:
			if i == len(items)-1 {
				w += it.width
			}
		}
	}
	if boxY == 0 && boxZ == 0 {
		return 0, ratio
	}
	switch {
	case ratio > 0 && glueY+boxY > 0:
		boxR = min(ratio, 1)
		if glueY > 0 {
			glueR = (width - w - boxR*boxY) / glueY
		}
	case ratio < 0 && glueZ+boxZ > 0:
		boxR = max(ratio, -1)
		if glueZ > 0 {
			glueR = (width - w - boxR*boxZ) / glueZ
		}
	}
	return boxR, glueR
}

type noteRef struct {
	num int
	id  string
}

// paragraphLines breaks the items into lines of the given widths.
// minLast is the shortest a last line may be (0 for no limit).
func paragraphLines(items []item, widths []float64, unit string, minLast float64) ([]line, []LineProblem) {
	p := breakParams{widths: widths, tolerance: tolerance, linePenalty: 10, flaggedDem: doubleHyphen, fitnessDem: adjDemerits, lastHyphDem: finalHyphen, minLast: minLast}
	brs := breakAll(items, p)
	var lines []line
	var problems []LineProblem
	start := 0
	for li, br := range brs {
		w := p.width(li)
		ln := line{width: w, ratio: br.ratio, unit: unit}
		x := 0.0
		// Skip discardable items at the line start.
		for start < br.pos && items[start].kind != kBox {
			start++
		}
		// Font expansion takes its share of the adjustment first, up to
		// its limit; the spaces take the rest.
		boxR, glueR := splitRatio(items[start:br.pos+1], w, br.ratio)
		ln.ratio = glueR
		var natural float64
		// The glue set since the last box, and whether a word space is
		// part of it (ragged lines set a space as three items).
		var gap float64
		var isSpace bool
		var text strings.Builder
		for j := start; j < br.pos; j++ {
			it := items[j]
			switch it.kind {
			case kBox:
				if it.run != nil && it.run.text != "" {
					p := placed{x: x, r: it.run, w: it.width}
					if it.stretch > 0 && boxR != 0 {
						p.scale = 1 + boxR*it.stretch/it.width
						p.w = it.width * p.scale
					}
					if isSpace && len(ln.runs) > 0 && gap > 0 {
						p.space = gap
					}
					ln.runs = append(ln.runs, p)
					gap, isSpace = 0, false
					text.WriteString(it.run.text)
					if it.run.noteMark && it.run.note != nil {
						ln.notes = append(ln.notes, &noteRef{num: it.run.note.Number, id: it.run.note.ID})
					}
				}
				if it.stretch > 0 && boxR > 0 {
					x += boxR * it.stretch
				} else if it.shrink > 0 && boxR < 0 {
					x += boxR * it.shrink
				}
				x += it.width
				natural += it.width
			case kGlue:
				gw := it.width
				if glueR > 0 {
					gw += glueR * it.stretch
				} else if glueR < 0 {
					gw += glueR * it.shrink
				}
				x += gw
				gap += gw
				isSpace = isSpace || it.space
				natural += it.width
				if it.width > 0 && text.Len() > 0 && !strings.HasSuffix(text.String(), " ") {
					text.WriteByte(' ')
				}
			}
		}
		if end := items[br.pos]; end.kind == kPenalty && end.flagged && end.run == nil {
			ln.hardHyph = true
		}
		if end := items[br.pos]; end.kind == kPenalty && end.flagged && end.run != nil {
			ln.runs = append(ln.runs, placed{x: x, r: end.run, w: end.width})
			ln.hyph = true
			x += end.width
			natural += end.width
			text.WriteString(end.run.text)
		}
		ln.text = text.String()
		ln.last = li == len(brs)-1
		if x > w+0.5 {
			problems = append(problems, LineProblem{Unit: unit, Ratio: br.ratio, Text: ln.text})
		}
		lines = append(lines, ln)
		start = br.pos + 1
	}
	return lines, problems
}

// breakAll tries the normal tolerance, a looser one, then the emergency
// pass that never fails.
func breakAll(items []item, p breakParams) []lineBreak {
	// First without hyphenation, at a stricter tolerance (TeX's first
	// pass): a paragraph that sets well without a hyphen gets none.
	first := p
	first.noHyphens, first.tolerance = true, preTolerance
	brs := breakLines(items, first)
	if brs == nil {
		brs = breakLines(items, p)
	}
	if brs == nil {
		p.tolerance = 2000
		brs = breakLines(items, p)
	}
	if brs == nil {
		p.emergency = true
		p.tolerance = math.Inf(1)
		brs = breakLines(items, p)
	}
	if brs == nil {
		p.hyphenRuns = true
		brs = breakLines(items, p)
	}
	return brs
}
