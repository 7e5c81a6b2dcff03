package layout

import "math"

// The line breaker: Knuth and Plass's total-fit algorithm ("Breaking
// paragraphs into lines", 1981) over boxes, glue and penalties, with
// fitness classes, demerits for consecutive hyphenated lines and for a
// hyphen on the second-to-last line, and a final emergency pass that never
// gives up (it reports overfull lines instead).

type kind uint8

const (
	kBox kind = iota
	kGlue
	kPenalty
)

// item is one element of a paragraph's horizontal list.
type item struct {
	kind    kind
	width   float64
	stretch float64
	shrink  float64
	penalty float64
	flagged bool // a hyphenation penalty: the line ends with a hyphen
	space   bool // glue: a word space (drawn as a space glyph)
	run     *run // for boxes: what to draw
}

const infPenalty = 10000

// breakParams are the knobs of one paragraph's breaking.
type breakParams struct {
	widths      []float64 // line widths; the last repeats
	tolerance   float64   // highest badness allowed
	linePenalty float64
	flaggedDem  float64 // two hyphenated lines in a row
	fitnessDem  float64 // adjacent lines of very different tightness
	lastHyphDem float64 // the second-to-last line ends with a hyphen
	emergency   bool    // accept overfull lines rather than fail
	hyphenRuns  bool    // allow three hyphenated lines in a row (last resort)
	looseness   int
	noHyphens   bool // the first pass: no break at a discretionary hyphen
	// minLast is the shortest natural width of a paragraph's last line
	// (of two or more): no lone syllable or character below the text.
	minLast float64
}

// The tuning of the breaker, TeX's names in brackets.
var (
	preTolerance  = 100.0   // the first pass, without hyphenation [\pretolerance]
	tolerance     = 200.0   // the pass with hyphenation [\tolerance]
	hyphenPenalty = 200.0   // a break at a discretionary hyphen [\hyphenpenalty]
	exHyphen      = 50.0    // after a hard hyphen [\exhyphenpenalty]
	doubleHyphen  = 10000.0 // two hyphenated lines in a row [\doublehyphendemerits]
	finalHyphen   = 50000.0 // a hyphen on the second-to-last line [\finalhyphendemerits]
	adjDemerits   = 10000.0 // adjacent lines of very different tightness [\adjdemerits]
	shortLast     = 1e6     // a last line shorter than the indent and two characters
)

type breakNode struct {
	pos      int // index of the break item
	line     int // line number ending here
	fitness  int
	hyphens  int // hyphenated lines in a row ending here (0..2)
	totalW   float64
	totalY   float64
	totalZ   float64
	demerits float64
	prev     *breakNode
}

// lineBreak is one chosen break: the line ends at item pos and is set with
// adjustment ratio ratio.
type lineBreak struct {
	pos   int
	ratio float64
}

func (p *breakParams) width(line int) float64 {
	if line < len(p.widths) {
		return p.widths[line]
	}
	return p.widths[len(p.widths)-1]
}

// breakLines returns the breaks, or nil if none exist within tolerance
// (never nil in emergency mode).
func breakLines(items []item, p breakParams) []lineBreak {
	var sumW, sumY, sumZ float64
	active := []*breakNode{{pos: -1, fitness: 1}}
	isBreak := func(i int) bool {
		it := items[i]
		switch it.kind {
		case kGlue:
			return i > 0 && items[i-1].kind == kBox
		case kPenalty:
			return it.penalty < infPenalty && !(p.noHyphens && it.flagged && it.run != nil)
		}
		return false
	}
	for i, it := range items {
		if isBreak(i) {
			var next []*breakNode
			type cand struct {
				node *breakNode
				dem  float64
			}
			// The best way to reach this break per fitness class and per
			// run of hyphenated lines, so that a third hyphen in a row is
			// refused rather than merely priced.
			best := [4][3]cand{}
			for f := range best {
				for h := range best[f] {
					best[f][h].dem = math.Inf(1)
				}
			}
			flagged := it.kind == kPenalty && it.flagged
			// In the last pass, an overfull line is taken only when no
			// active node can reach here without one: then the paragraph
			// never loses its text.
			noneFits := p.emergency
			if noneFits {
				for _, a := range active {
					w := sumW - a.totalW
					if it.kind == kPenalty {
						w += it.width
					}
					if w <= p.width(a.line)+(sumZ-a.totalZ) {
						noneFits = false
						break
					}
				}
			}
			for _, a := range active {
				lineW := p.width(a.line)
				w := sumW - a.totalW
				if it.kind == kPenalty {
					w += it.width
				}
				var r float64
				switch {
				case w < lineW:
					y := sumY - a.totalY
					if y > 0 {
						r = (lineW - w) / y
					} else {
						r = math.Inf(1)
					}
				case w > lineW:
					z := sumZ - a.totalZ
					if z > 0 {
						r = (lineW - w) / z
					} else {
						r = math.Inf(-1)
					}
				}
				forced := it.kind == kPenalty && it.penalty <= -infPenalty
				deactivate := r < -1 || forced
				bad := badness(r)
				if math.IsInf(r, 1) {
					bad = 10000 // a short line that cannot stretch: TeX's inf_bad
				}
				feasible := r >= -1 && bad <= p.tolerance
				if p.emergency && !feasible && r < -1 && noneFits {
					// No other way on: take the line overfull, at a price,
					// and report it.
					feasible = true
					bad = 100000 + (w - lineW)
				}
				short := forced && i == len(items)-1 && a.pos >= 0 && w < p.minLast
				hyphens := 0
				if flagged {
					hyphens = a.hyphens + 1
				}
				if hyphens > 2 && !p.hyphenRuns {
					feasible = false
				}
				if feasible {
					hyphens = min(hyphens, 2)
					var dem float64
					pen := 0.0
					if it.kind == kPenalty {
						pen = it.penalty
					}
					base := p.linePenalty + math.Min(bad, 1e7)
					switch {
					case pen >= 0:
						dem = base*base + pen*pen
					case pen > -infPenalty:
						dem = base*base - pen*pen
					default:
						dem = base * base
					}
					if it.kind == kPenalty && it.flagged && a.pos >= 0 && items[a.pos].kind == kPenalty && items[a.pos].flagged {
						dem += p.flaggedDem
					}
					// A hyphen on the second-to-last line.
					if forced && a.pos >= 0 && items[a.pos].kind == kPenalty && items[a.pos].flagged {
						dem += p.lastHyphDem
					}
					fit := fitness(r)
					if abs(fit-a.fitness) > 1 {
						dem += p.fitnessDem
					}
					if short {
						dem += shortLast
					}
					// Nor a first line of a word or two with the paragraph
					// going on (ragged notes before a long URL).
					if a.pos < 0 && !forced && w < 0.3*lineW {
						dem += shortLast
					}
					dem += a.demerits
					if dem < best[fit][hyphens].dem {
						best[fit][hyphens] = cand{node: a, dem: dem}
					}
				}
				if !deactivate {
					next = append(next, a)
				}
			}
			active = next
			// The totals after the break skip the glue and penalties that
			// vanish at a line's start.
			tw, ty, tz := sumW, sumY, sumZ
			for j := i; j < len(items); j++ {
				if items[j].kind == kBox {
					break
				}
				if items[j].kind == kGlue {
					tw += items[j].width
					ty += items[j].stretch
					tz += items[j].shrink
				} else if items[j].penalty <= -infPenalty && j > i {
					break
				}
			}
			for f := range best {
				for h, c := range best[f] {
					if c.node == nil {
						continue
					}
					active = append(active, &breakNode{pos: i, line: c.node.line + 1, fitness: f, hyphens: h,
						totalW: tw, totalY: ty, totalZ: tz, demerits: c.dem, prev: c.node})
				}
			}
			if len(active) == 0 {
				return nil
			}
		}
		switch it.kind {
		case kBox:
			sumW += it.width
			sumY += it.stretch
			sumZ += it.shrink
		case kGlue:
			sumW += it.width
			sumY += it.stretch
			sumZ += it.shrink
		}
	}
	// The paragraph ends with a forced break: pick the best node there.
	var best *breakNode
	for _, a := range active {
		if a.pos == len(items)-1 && (best == nil || a.demerits < best.demerits) {
			best = a
		}
	}
	if best == nil {
		return nil
	}
	var out []lineBreak
	for n := best; n != nil && n.pos >= 0; n = n.prev {
		out = append(out, lineBreak{pos: n.pos})
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	// Ratios, computed once more for the chosen lines.
	start := 0
	for li := range out {
		end := out[li].pos
		var w, y, z float64
		for j := start; j < end; j++ {
			switch items[j].kind {
			case kBox, kGlue:
				w += items[j].width
				y += items[j].stretch
				z += items[j].shrink
			}
		}
		if items[end].kind == kPenalty {
			w += items[end].width
		}
		lineW := p.width(li)
		switch {
		case w < lineW && y > 0:
			out[li].ratio = (lineW - w) / y
		case w > lineW && z > 0:
			out[li].ratio = math.Max((lineW-w)/z, -1)
		}
		// The next line starts after the discardable items.
		start = end + 1
		for start < len(items) && items[start].kind != kBox {
			if items[start].kind == kPenalty && items[start].penalty <= -infPenalty {
				break
			}
			start++
		}
	}
	return out
}

func badness(r float64) float64 {
	if math.IsInf(r, 0) || r < -1 {
		return math.Inf(1)
	}
	b := 100 * math.Abs(r*r*r)
	return math.Min(b, 1e6)
}

func fitness(r float64) int {
	switch {
	case r < -0.5:
		return 0 // tight
	case r <= 0.5:
		return 1 // decent
	case r <= 1:
		return 2 // loose
	}
	return 3 // very loose
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
