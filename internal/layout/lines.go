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
	notes []*noteRef
	unit  string
	text  string // plain text, for reports
}

// placed is a run at a horizontal offset.
type placed struct {
	x     float64
	r     *run
	w     float64
	space float64 // the word space set before it on the line, 0 for none
}

type noteRef struct {
	num int
	id  string
}

// paragraphLines breaks the items into lines of the given widths.
func paragraphLines(items []item, widths []float64, unit string, hyphenated bool) ([]line, []LineProblem) {
	p := breakParams{widths: widths, tolerance: 200, linePenalty: 10, flaggedDem: 3000, fitnessDem: 3000, lastHyphDem: 50000}
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
				x += it.width
				natural += it.width
			case kGlue:
				gw := it.width
				if br.ratio > 0 {
					gw += br.ratio * it.stretch
				} else if br.ratio < 0 {
					gw += br.ratio * it.shrink
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
		if end := items[br.pos]; end.kind == kPenalty && end.flagged && end.run != nil {
			ln.runs = append(ln.runs, placed{x: x, r: end.run, w: end.width})
			ln.hyph = true
			x += end.width
			natural += end.width
			text.WriteString(end.run.text)
		}
		ln.text = text.String()
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
	brs := breakLines(items, p)
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
