// Package preflight reads a PDF back and checks it against a printer
// profile (layout.Profiles): page size and trim, bleed, page boxes, crop
// marks, the safe margin, the page count, fonts, annotations, bookmarks,
// image resolution and colour. It reads the file with pdfcpu and its own
// reading of the content streams, not with the layout that made it, so
// it checks any PDF, press's or not.
package preflight

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/press/press/internal/layout"
)

// Status is a check's outcome.
type Status string

// The outcomes: a warning does not fail the preflight.
const (
	Pass Status = "pass"
	Warn Status = "warn"
	Fail Status = "fail"
)

// Check is one line of a report.
type Check struct {
	Name   string `json:"check"`
	Status Status `json:"status"`
	Detail string `json:"detail"`
}

// Report is the preflight of one file.
type Report struct {
	File    string  `json:"file"`
	Profile string  `json:"profile"`
	Pages   int     `json:"pages"`
	OK      bool    `json:"ok"` // no check failed
	Checks  []Check `json:"checks"`
}

// Failed lists the failed checks.
func (r *Report) Failed() []Check {
	var out []Check
	for _, c := range r.Checks {
		if c.Status == Fail {
			out = append(out, c)
		}
	}
	return out
}

// Options choose the rules.
type Options struct {
	Profile string // a layout profile name; "" is screen
	// Size, when set, is the trim the file must have (a layout size name
	// or WxH); otherwise any trim the printer accepts passes.
	Size string
}

// tol is how far apart two lengths in pt may be and still be equal: PDF
// writers round to a hundredth of a point.
const tol = 0.05

// File preflights the PDF at path.
func File(path string, o Options) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r, err := Bytes(data, o)
	if r != nil {
		r.File = path
	}
	return r, err
}

// Bytes preflights a PDF in memory. An error means the options are wrong;
// a file that cannot be read is a failed "pdf" check.
func Bytes(data []byte, o Options) (*Report, error) {
	prof, err := layout.ProfileByName(o.Profile)
	if err != nil {
		return nil, err
	}
	var want *[2]float64
	if o.Size != "" {
		w, h, err := layout.PageSize(o.Size)
		if err != nil {
			return nil, err
		}
		want = &[2]float64{w, h}
	}
	rep := &Report{Profile: prof.Name}
	d, err := readPDF(data)
	if err != nil {
		rep.Checks = append(rep.Checks, Check{"pdf", Fail, err.Error()})
		return rep, nil
	}
	rep.Pages = len(d.pages)
	c := &checker{p: prof, d: d, want: want}
	for _, f := range []func() Check{c.pdf, c.pageSize, c.bleed, c.boxes, c.marks, c.safe, c.pageCount, c.fonts, c.annotations, c.bookmarks, c.images, c.colour, c.pdfx} {
		rep.Checks = append(rep.Checks, f())
	}
	rep.OK = len(rep.Failed()) == 0
	return rep, nil
}

type checker struct {
	p    layout.PrintProfile
	d    *document
	want *[2]float64
}

// trimOf is a page's trim: its TrimBox, else its MediaBox.
func trimOf(pg *page) rect {
	if pg.trim != nil {
		return *pg.trim
	}
	return *pg.media
}

// inch formats a length in pt as inches, to a thousandth.
func inch(v float64) string { return strconv.FormatFloat(roundTo(v/layout.Inch, 3), 'f', -1, 64) }

func near(a, b float64) bool { return math.Abs(a-b) <= tol }

// sizeText is "432 × 648 pt (6 × 9 in, 152.4 × 228.6 mm)".
func sizeText(w, h float64) string {
	mm := func(v float64) string { return strconv.FormatFloat(math.Round(v/layout.MM*10)/10, 'f', -1, 64) }
	return pt(w) + " × " + pt(h) + " pt (" + layout.Inches(w, h) + ", " + mm(w) + " × " + mm(h) + " mm)"
}

// pageList is "3, 5, 7 and 9 more".
func pageList(ns []int) string {
	var s []string
	for i, n := range ns {
		if i == 5 {
			s = append(s, fmt.Sprintf("and %d more", len(ns)-5))
			break
		}
		s = append(s, strconv.Itoa(n))
	}
	return strings.Join(s, ", ")
}

func (c *checker) pdf() Check {
	if c.d.validErr != nil {
		return Check{"pdf", Fail, "pdfcpu validation: " + c.d.validErr.Error()}
	}
	return Check{"pdf", Pass, "PDF " + c.d.version + ", " + strconv.Itoa(len(c.d.pages)) + " pages, read and validated by pdfcpu"}
}

// pageSize: one trim on every page, the chosen one or one the printer takes.
func (c *checker) pageSize() Check {
	if len(c.d.pages) == 0 {
		return Check{"page size", Fail, "the file has no pages"}
	}
	t0 := trimOf(c.d.pages[0])
	var odd []int
	for _, pg := range c.d.pages {
		t := trimOf(pg)
		if !near(t.w(), t0.w()) || !near(t.h(), t0.h()) {
			odd = append(odd, pg.n)
		}
	}
	if len(odd) > 0 {
		return Check{"page size", Fail, fmt.Sprintf("pages differ in trim size from page 1 (%s): %s", sizeText(t0.w(), t0.h()), pageList(odd))}
	}
	w, h := t0.w(), t0.h()
	if c.want != nil && (math.Abs(w-c.want[0]) > 0.5 || math.Abs(h-c.want[1]) > 0.5) {
		return Check{"page size", Fail, fmt.Sprintf("trim %s, expected %s", sizeText(w, h), sizeText(c.want[0], c.want[1]))}
	}
	if err := c.p.TrimOK(w, h); err != nil {
		return Check{"page size", Fail, err.Error()}
	}
	what := "trim"
	if c.d.pages[0].trim == nil {
		what = "page"
	}
	return Check{"page size", Pass, fmt.Sprintf("%s %s on every page", what, sizeText(w, h))}
}

// bleed: the media is the trim plus the profile's bleed (plus room for
// marks).
func (c *checker) bleed() Check {
	b := c.p.Bleed
	var bad []string
	for _, pg := range c.d.pages {
		t, m := trimOf(pg), *pg.media
		// What the sheet has around the trim, per side.
		l, r, bo, to := t.x0-m.x0, m.x1-t.x1, t.y0-m.y0, m.y1-t.y1
		ok := true
		switch {
		case c.p.Marks:
			ok = math.Min(math.Min(l, r), math.Min(bo, to)) >= b+layout.MarkGap+layout.MarkLength-tol
		case b == 0:
			ok = near(l, 0) && near(r, 0) && near(bo, 0) && near(to, 0)
		case c.p.GutterBleed:
			ok = near(l, b) && near(r, b) && near(bo, b) && near(to, b)
		default:
			// top, bottom and the outside edge: the right of a recto (odd)
			// page, the left of a verso.
			out, spine := r, l
			if pg.n%2 == 0 {
				out, spine = l, r
			}
			ok = near(out, b) && near(spine, 0) && near(bo, b) && near(to, b)
		}
		if !ok {
			bad = append(bad, fmt.Sprintf("page %d: %s around the trim (left, right, bottom, top)", pg.n, strings.Join([]string{pt(l), pt(r), pt(bo), pt(to)}, ", ")))
		}
	}
	expect := "none: the page is the trim"
	switch {
	case c.p.Marks:
		expect = fmt.Sprintf("%s pt (%s mm) on every edge, and room for marks beyond it", pt(b), pt(b/layout.MM))
	case b > 0 && c.p.GutterBleed:
		expect = fmt.Sprintf("%s pt (%s in) on every edge", pt(b), inch(b))
	case b > 0:
		expect = fmt.Sprintf("%s pt (%s in) on the top, bottom and outside edges, none at the spine", pt(b), inch(b))
	}
	if len(bad) > 0 {
		more := ""
		if len(bad) > 3 {
			more = fmt.Sprintf(" (and %d more pages)", len(bad)-3)
			bad = bad[:3]
		}
		return Check{"bleed", Fail, "expected " + expect + "; " + strings.Join(bad, "; ") + more}
	}
	m := *c.d.pages[0].media
	return Check{"bleed", Pass, fmt.Sprintf("%s; media %s × %s pt", expect, pt(m.w()), pt(m.h()))}
}

// boxes: print files carry a TrimBox and a BleedBox on every page, nested
// in the media, the bleed box the trim plus the bleed.
func (c *checker) boxes() Check {
	var missing, outside, wrong []int
	for _, pg := range c.d.pages {
		if pg.trim == nil || (c.p.Print && pg.bleed == nil) {
			missing = append(missing, pg.n)
			continue
		}
		t, m := *pg.trim, *pg.media
		bl := t
		if pg.bleed != nil {
			bl = *pg.bleed
		}
		if !t.inside(bl, tol) || !bl.inside(m, tol) {
			outside = append(outside, pg.n)
			continue
		}
		if c.p.Print && !c.p.Marks && !(near(bl.x0, m.x0) && near(bl.y0, m.y0) && near(bl.x1, m.x1) && near(bl.y1, m.y1)) {
			wrong = append(wrong, pg.n) // without marks, the bleed box is the sheet
		}
		if c.p.Marks && near(bl.w(), t.w()) {
			wrong = append(wrong, pg.n) // with marks, the bleed box is the trim plus the bleed
		}
	}
	switch {
	case !c.p.Print && len(missing) == len(c.d.pages):
		return Check{"boxes", Pass, "no TrimBox (not needed on screen)"}
	case len(missing) > 0:
		need := "TrimBox and BleedBox"
		if !c.p.Print {
			need = "TrimBox"
		}
		return Check{"boxes", Fail, fmt.Sprintf("%s missing on pages %s", need, pageList(missing))}
	case len(outside) > 0:
		return Check{"boxes", Fail, "TrimBox ⊄ BleedBox ⊄ MediaBox on pages " + pageList(outside)}
	case len(wrong) > 0:
		return Check{"boxes", Fail, "BleedBox is not the trim plus the bleed on pages " + pageList(wrong)}
	}
	t, m := trimOf(c.d.pages[0]), *c.d.pages[0].media
	differs := "equal to the MediaBox"
	if !near(t.w(), m.w()) || !near(t.h(), m.h()) {
		differs = "inside the MediaBox"
	}
	if !c.p.Print {
		return Check{"boxes", Pass, "TrimBox on every page, " + differs}
	}
	return Check{"boxes", Pass, "TrimBox and BleedBox on every page; TrimBox " + differs}
}

// marks: crop marks are paths painted wholly outside the bleed box (and
// so outside the trim). Offset wants them on every page; the others want
// nothing outside the trim.
func (c *checker) marks() Check {
	var without, with []int
	minMarks := math.MaxInt
	for _, pg := range c.d.pages {
		t := trimOf(pg)
		bleed := t
		if pg.bleed != nil {
			bleed = *pg.bleed
		}
		outTrim, outBleed := 0, 0
		for _, p := range pg.ink.paths {
			if p.box.disjoint(t) {
				outTrim++
			}
			if p.box.disjoint(bleed) {
				outBleed++
			}
		}
		if outTrim > 0 {
			with = append(with, pg.n)
		}
		if outBleed < 8 {
			without = append(without, pg.n)
		}
		minMarks = min(minMarks, outBleed)
	}
	if c.p.Marks {
		if len(without) > 0 {
			return Check{"marks", Fail, "no crop marks (8 lines outside the bleed) on pages " + pageList(without)}
		}
		return Check{"marks", Pass, fmt.Sprintf("crop marks outside the bleed on all %d pages (at least %d lines each)", len(c.d.pages), minMarks)}
	}
	if len(with) > 0 {
		return Check{"marks", Fail, "lines painted outside the trim (printer's marks?) on pages " + pageList(with) + ": " + c.p.Name + " wants none"}
	}
	return Check{"marks", Pass, "none outside the trim"}
}

// safe: every piece of text lies at least the profile's safe margin
// inside the trim.
func (c *checker) safe() Check {
	worst, worstPage, worstEdge := math.Inf(1), 0, ""
	count := 0
	for _, pg := range c.d.pages {
		t := trimOf(pg)
		for _, tx := range pg.ink.texts {
			for _, e := range []struct {
				name string
				d    float64
			}{{"left", tx.box.x0 - t.x0}, {"right", t.x1 - tx.box.x1}, {"bottom", tx.box.y0 - t.y0}, {"top", t.y1 - tx.box.y1}} {
				if e.d < worst {
					worst, worstPage, worstEdge = e.d, pg.n, e.name
				}
				if e.d < c.p.Safe-0.5 {
					count++
				}
			}
		}
	}
	if math.IsInf(worst, 1) {
		return Check{"safe margin", Pass, "no text"}
	}
	closest := fmt.Sprintf("closest: %s pt from the %s edge of the trim on page %d", pt(worst), worstEdge, worstPage)
	if count > 0 || worst < -0.5 {
		return Check{"safe margin", Fail, fmt.Sprintf("%d text edges closer than %s pt (%s in) to the trim; %s", count, pt(c.p.Safe), inch(c.p.Safe), closest)}
	}
	if c.p.Safe == 0 {
		return Check{"safe margin", Pass, "all text on the page; " + closest}
	}
	return Check{"safe margin", Pass, fmt.Sprintf("all text at least %s pt (%s in) inside the trim; %s", pt(c.p.Safe), inch(c.p.Safe), closest)}
}

func (c *checker) pageCount() Check {
	n := len(c.d.pages)
	var probs []string
	if m := c.p.PageMultiple; m > 1 && n%m != 0 {
		probs = append(probs, fmt.Sprintf("not a multiple of %d", m))
	}
	if n < c.p.MinPages {
		probs = append(probs, fmt.Sprintf("fewer than %s's minimum of %d", c.p.Name, c.p.MinPages))
	}
	if len(probs) > 0 {
		return Check{"page count", Fail, fmt.Sprintf("%d pages: %s", n, strings.Join(probs, ", "))}
	}
	detail := fmt.Sprintf("%d pages", n)
	if c.p.PageMultiple > 1 {
		detail += fmt.Sprintf(", a multiple of %d", c.p.PageMultiple)
	}
	if c.p.MinPages > 0 {
		detail += fmt.Sprintf(", at least %d", c.p.MinPages)
	}
	return Check{"page count", Pass, detail}
}

func (c *checker) fonts() Check {
	var bad []string
	subsets := 0
	for _, f := range c.d.fonts {
		if !f.embedded {
			bad = append(bad, f.name+" ("+f.subtype+")")
		}
		if f.subset {
			subsets++
		}
	}
	n := len(c.d.fonts)
	if len(bad) > 0 {
		return Check{"fonts", Fail, fmt.Sprintf("%d of %d fonts not embedded: %s", len(bad), n, strings.Join(bad, ", "))}
	}
	if n == 0 {
		return Check{"fonts", Pass, "no fonts"}
	}
	return Check{"fonts", Pass, fmt.Sprintf("%d fonts, all embedded (%d subsets)", n, subsets)}
}

func (c *checker) annotations() Check {
	kinds := map[string]int{}
	var pages []int
	total := 0
	for _, pg := range c.d.pages {
		if len(pg.annots) > 0 {
			pages = append(pages, pg.n)
		}
		for _, a := range pg.annots {
			kinds[a]++
			total++
		}
	}
	var ks []string
	for k, n := range kinds {
		ks = append(ks, fmt.Sprintf("%d %s", n, k))
	}
	sort.Strings(ks)
	if total == 0 {
		return Check{"annotations", Pass, "none"}
	}
	what := strings.Join(ks, ", ")
	if c.p.Print {
		return Check{"annotations", Fail, fmt.Sprintf("%s (%s allows none) on pages %s", what, c.p.Name, pageList(pages))}
	}
	return Check{"annotations", Pass, what + " (links kept for the screen)"}
}

func (c *checker) bookmarks() Check {
	switch {
	case c.d.outline && c.p.Bookmarks:
		return Check{"bookmarks", Pass, "an outline"}
	case c.d.outline:
		return Check{"bookmarks", Warn, "an outline, which " + c.p.Name + " does not need (printers ignore it)"}
	case c.p.Bookmarks:
		return Check{"bookmarks", Warn, "no outline: readers cannot navigate by headings"}
	}
	return Check{"bookmarks", Pass, "none"}
}

func (c *checker) images() Check {
	var low []string
	n := 0
	minDPI := math.Inf(1)
	for _, pg := range c.d.pages {
		for _, im := range pg.ink.images {
			n++
			if im.unknownScale {
				low = append(low, fmt.Sprintf("page %d: %s placed with no size", pg.n, im.name))
				continue
			}
			dpi := math.Min(im.dpiX, im.dpiY)
			minDPI = math.Min(minDPI, dpi)
			if dpi < c.p.MinDPI-0.5 {
				low = append(low, fmt.Sprintf("page %d: %s, %d×%d px at %s × %s pt, is %.0f dpi", pg.n, im.name, im.pixW, im.pixH, pt(im.box.w()), pt(im.box.h()), dpi))
			}
		}
	}
	if n == 0 {
		return Check{"images", Pass, "no images"}
	}
	if len(low) > 0 {
		return Check{"images", Warn, fmt.Sprintf("below %.0f dpi at the placed size: %s", c.p.MinDPI, strings.Join(low, "; "))}
	}
	return Check{"images", Pass, fmt.Sprintf("%d placed, the lowest at %.0f dpi (at least %.0f)", n, minDPI, c.p.MinDPI)}
}

// colour: a print interior is greyscale (with marks in the registration
// colour); colour in it is worth a look.
func (c *checker) colour() Check {
	spaces := map[string]bool{}
	rgb := false
	for _, pg := range c.d.pages {
		for s := range pg.ink.spaces {
			spaces[s] = true
		}
		rgb = rgb || pg.ink.rgb
		for _, im := range pg.ink.images {
			spaces[im.space+" (image)"] = true
			if strings.Contains(im.space, "RGB") || strings.Contains(im.space, "CMYK") {
				rgb = true
			}
		}
	}
	var ss []string
	for s := range spaces {
		ss = append(ss, s)
	}
	sort.Strings(ss)
	list := strings.Join(ss, ", ")
	if list == "" {
		list = "none set"
	}
	if c.p.Print && rgb {
		return Check{"colour", Warn, "colour in a print interior (" + list + "): a black-and-white book is printed in grey"}
	}
	if c.p.Marks && !spaces["Separation All"] {
		return Check{"colour", Warn, "crop marks not in the registration colour (Separation All): " + list}
	}
	return Check{"colour", Pass, list}
}

// pdfx: a print profile's file is PDF/X-4: the version in the Info
// dictionary, PDF 1.6 or later, and one GTS_PDFX output intent whose
// profile is an ICC output (prtr) profile with as many components as the
// intent declares.
func (c *checker) pdfx() Check {
	const name = "pdfx"
	if !c.p.Print {
		return Check{name, Pass, "not a print profile: PDF/X not asked for"}
	}
	d := c.d
	var problems []string
	if d.pdfxVersion != "PDF/X-4" {
		problems = append(problems, fmt.Sprintf("Info GTS_PDFXVersion %q, want PDF/X-4", d.pdfxVersion))
	}
	if d.version < "1.6" {
		problems = append(problems, "PDF "+d.version+", PDF/X-4 needs 1.6 or later")
	}
	var intent *outputIntent
	for i := range d.intents {
		if d.intents[i].subtype == "GTS_PDFX" {
			intent = &d.intents[i]
		}
	}
	switch {
	case intent == nil:
		problems = append(problems, "no GTS_PDFX output intent")
	case len(intent.profile) < 128:
		problems = append(problems, "the output intent has no ICC profile")
	default:
		class, space := string(intent.profile[12:16]), string(intent.profile[16:20])
		want := map[string]int{"GRAY": 1, "RGB ": 3, "CMYK": 4}[space]
		if class != "prtr" {
			problems = append(problems, fmt.Sprintf("ICC profile class %q, want an output (prtr) profile", class))
		}
		if want == 0 || want != intent.components {
			problems = append(problems, fmt.Sprintf("ICC colour space %q but /N %d", space, intent.components))
		}
	}
	if len(problems) > 0 {
		return Check{name, Fail, strings.Join(problems, "; ")}
	}
	return Check{name, Pass, fmt.Sprintf("PDF/X-4, output intent %s (%d-component ICC output profile)", intent.condition, intent.components)}
}
