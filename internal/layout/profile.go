package layout

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Units, in pt.
const (
	Inch = 72.0
	MM   = 72.0 / 25.4
)

// A PrintProfile is what one printer asks of a PDF interior: trim, bleed,
// marks, margins, page count, and what interactive parts the file may
// keep. The Profiles table below is the one place these rules live: the
// layout (margins, two-sided pages, blank pages), the PDF backend (page
// boxes, bleed, crop marks, links, bookmarks) and press preflight (which
// reads a PDF back and checks it) all read it.
//
// The printers' numbers are those of their published guides (KDP
// "Paperback manuscript formatting", IngramSpark "File Creation Guide",
// Lulu "Book Creation Guide" and help centre, as of 2025); a printer can
// change them, so check its current guide before an upload.
type PrintProfile struct {
	Name    string
	Summary string // one line, for help and reports

	// Trim is the page size when none is chosen (--size); MinTrim and
	// MaxTrim, when set, bound the trims the printer accepts (w, h in pt).
	Trim             string
	MinTrim, MaxTrim [2]float64

	// Bleed is how far the sheet extends beyond the trim, in pt. Without
	// GutterBleed it is on the top, bottom and outside edges only (the
	// print-on-demand rule: the page is trim + 1 bleed wide, trim + 2
	// bleeds high); with it, on all four edges.
	Bleed       float64
	GutterBleed bool
	Marks       bool // crop marks outside the bleed, in the registration colour

	Links     bool // link annotations (notes, contents, URLs)
	Bookmarks bool // the outline
	TwoSided  bool // mirrored margins, chapters on recto pages

	// Safe is the smallest distance, in pt, from the trim edge to anything
	// printed (text, running heads, folios); the margins grow to keep it.
	Safe float64
	// Gutter is the smallest inside margin by page count (the printer's
	// table); the layout grows the inside margin when the book needs it.
	Gutter []GutterStep

	// Cover, for a printer that binds paperbacks, is its cover's rules:
	// the build writes a cover PDF beside the interior and preflight
	// checks its size.
	Cover *CoverSpec

	PageMultiple int     // blank pages are added to make the count a multiple of this
	MinPages     int     // the printer's minimum page count (checked, not padded)
	MinDPI       float64 // images below this resolution at their placed size are warned about
	Print        bool    // a print interior: greyscale expected, no interactive parts
}

// CoverSpec is how a printer wants a paperback's cover: one sheet with
// the back, the spine and the front, PaperPerPage × pages wide at the
// spine, Bleed beyond the trim on every outer edge, and text on the
// spine only from SpineTextPages pages on.
type CoverSpec struct {
	PaperPerPage   float64 // paper thickness per page (one leaf is two pages), pt
	Bleed          float64 // pt
	SpineTextPages int
}

// Spine is the spine's width for a book of pages pages, in pt.
func (c CoverSpec) Spine(pages int) float64 { return float64(pages) * c.PaperPerPage }

// CoverSize is the cover sheet's size for a trim and a page count, in pt:
// 2 × trim width + spine + 2 × bleed by trim height + 2 × bleed.
func (c CoverSpec) CoverSize(trimW, trimH float64, pages int) (w, h float64) {
	return 2*trimW + c.Spine(pages) + 2*c.Bleed, trimH + 2*c.Bleed
}

// GutterStep says: up to MaxPages pages (0: any number), the inside
// margin is at least Inner pt.
type GutterStep struct {
	MaxPages int
	Inner    float64
}

// Mark geometry for profiles with Marks: crop marks start MarkGap beyond
// the bleed, are MarkLength long and MarkWeight thick; the sheet has
// MarkSlug of room beyond the bleed for them.
const (
	MarkGap    = 2.0
	MarkLength = 14.0
	MarkWeight = 0.25
	MarkSlug   = MarkGap + MarkLength + 6
)

var (
	podMinTrim = [2]float64{4 * Inch, 6 * Inch}
	podMaxTrim = [2]float64{8.5 * Inch, 11.69 * Inch}
	// KDP, by page count: 24–150 pages 0.375 in, 151–300 0.5 in, 301–500
	// 0.625 in, 501–700 0.75 in, 701–828 0.875 in.
	kdpGutter = []GutterStep{{150, 0.375 * Inch}, {300, 0.5 * Inch}, {500, 0.625 * Inch}, {700, 0.75 * Inch}, {0, 0.875 * Inch}}
	// IngramSpark: 0.5 in minimum margins; the inside grows with the
	// spine: up to 150 pages 0.5 in, 400 0.625 in, 600 0.75 in, then 0.875 in.
	ingramGutter = []GutterStep{{150, 0.5 * Inch}, {400, 0.625 * Inch}, {600, 0.75 * Inch}, {0, 0.875 * Inch}}
	// Lulu: 0.5 in safety margin plus a gutter of 0.2–0.3 in.
	luluGutter = []GutterStep{{150, 0.7 * Inch}, {0, 0.8 * Inch}}

	// Covers, white paper. KDP: 0.002252 in a page, 0.125 in bleed, spine
	// text from 79 pages. IngramSpark: 50 lb white, about 0.0025 in a page,
	// 0.125 in bleed, spine text from 48 pages. Lulu: 0.0025 in a page,
	// 0.125 in bleed, spine text from 80 pages.
	kdpCover    = &CoverSpec{PaperPerPage: 0.002252 * Inch, Bleed: 0.125 * Inch, SpineTextPages: 79}
	ingramCover = &CoverSpec{PaperPerPage: 0.0025 * Inch, Bleed: 0.125 * Inch, SpineTextPages: 48}
	luluCover   = &CoverSpec{PaperPerPage: 0.0025 * Inch, Bleed: 0.125 * Inch, SpineTextPages: 80}
)

// Profiles is the table of printer profiles. A variant ("kdp-bleed")
// differs from its base in one respect and says so in its summary.
var Profiles = []PrintProfile{
	{
		Name: "screen", Summary: "reading on screen and office printing: A4 (or --size), RGB, links and bookmarks",
		Trim: "a4", Links: true, Bookmarks: true, PageMultiple: 1, MinDPI: 150,
	},
	{
		Name: "kdp", Summary: "Amazon KDP paperback: 6×9 in (or --size), no bleed, no marks, no annotations; inside margin by page count, outside ≥ 0.25 in",
		Trim: "6x9", MinTrim: podMinTrim, MaxTrim: podMaxTrim,
		TwoSided: true, Safe: 0.25 * Inch, Gutter: kdpGutter, PageMultiple: 2, MinPages: 24, MinDPI: 300, Print: true, Cover: kdpCover,
	},
	{
		Name: "kdp-bleed", Summary: "kdp with 0.125 in bleed on the top, bottom and outside edges; outside margins ≥ 0.375 in",
		Trim: "6x9", MinTrim: podMinTrim, MaxTrim: podMaxTrim, Bleed: 0.125 * Inch,
		TwoSided: true, Safe: 0.375 * Inch, Gutter: kdpGutter, PageMultiple: 2, MinPages: 24, MinDPI: 300, Print: true, Cover: kdpCover,
	},
	{
		Name: "ingram", Summary: "IngramSpark paperback: 6×9 in (or --size), no bleed, no marks, no annotations, 0.5 in minimum margins, inside by page count",
		Trim: "6x9", MinTrim: podMinTrim, MaxTrim: podMaxTrim,
		TwoSided: true, Safe: 0.5 * Inch, Gutter: ingramGutter, PageMultiple: 2, MinPages: 18, MinDPI: 300, Print: true, Cover: ingramCover,
	},
	{
		Name: "ingram-bleed", Summary: "ingram with 0.125 in bleed on the top, bottom and outside edges",
		Trim: "6x9", MinTrim: podMinTrim, MaxTrim: podMaxTrim, Bleed: 0.125 * Inch,
		TwoSided: true, Safe: 0.5 * Inch, Gutter: ingramGutter, PageMultiple: 2, MinPages: 18, MinDPI: 300, Print: true, Cover: ingramCover,
	},
	{
		Name: "lulu", Summary: "Lulu paperback: 6×9 in (or --size), 0.125 in bleed on every edge (Lulu's file size), no marks, no annotations, 0.5 in safety margin",
		Trim: "6x9", MinTrim: [2]float64{4.25 * Inch, 6.875 * Inch}, MaxTrim: podMaxTrim, Bleed: 0.125 * Inch, GutterBleed: true,
		TwoSided: true, Safe: 0.5 * Inch, Gutter: luluGutter, PageMultiple: 2, MinPages: 32, MinDPI: 300, Print: true, Cover: luluCover,
	},
	{
		Name: "offset", Summary: "offset printing: A4 (or --size), 3 mm bleed on every edge, crop marks outside the bleed, pages padded to a multiple of 4, bookmarks kept",
		Trim: "a4", Bleed: 3 * MM, GutterBleed: true, Marks: true, Bookmarks: true,
		TwoSided: true, Safe: 5 * MM, PageMultiple: 4, MinDPI: 300, Print: true,
	},
}

// ProfileNames lists the profiles' names in table order.
func ProfileNames() []string {
	var ns []string
	for _, p := range Profiles {
		ns = append(ns, p.Name)
	}
	return ns
}

// ProfileByName finds a profile; "" is screen.
func ProfileByName(name string) (PrintProfile, error) {
	if name == "" {
		name = "screen"
	}
	for _, p := range Profiles {
		if p.Name == strings.ToLower(name) {
			return p, nil
		}
	}
	return PrintProfile{}, fmt.Errorf("unknown printer profile %q (%s)", name, strings.Join(ProfileNames(), ", "))
}

// InnerMargin is the smallest inside margin the profile allows for a
// book of pages pages, 0 if it sets none.
func (p PrintProfile) InnerMargin(pages int) float64 {
	for _, s := range p.Gutter {
		if s.MaxPages == 0 || pages <= s.MaxPages {
			return s.Inner
		}
	}
	return 0
}

// TrimOK says whether the printer accepts a trim of w × h pt.
func (p PrintProfile) TrimOK(w, h float64) error {
	if p.MaxTrim[0] == 0 {
		return nil
	}
	const tol = 0.5
	if w < p.MinTrim[0]-tol || h < p.MinTrim[1]-tol || w > p.MaxTrim[0]+tol || h > p.MaxTrim[1]+tol {
		return fmt.Errorf("%s takes trims from %s to %s, not %s", p.Name, Inches(p.MinTrim[0], p.MinTrim[1]), Inches(p.MaxTrim[0], p.MaxTrim[1]), Inches(w, h))
	}
	return nil
}

// Inches formats a size in pt as "6 × 9 in".
func Inches(w, h float64) string {
	f := func(v float64) string { return strconv.FormatFloat(math.Round(v/Inch*100)/100, 'f', -1, 64) }
	return f(w) + " × " + f(h) + " in"
}

// The named page sizes, in pt. Any other size can be given as WxH in
// inches ("5.5x8.5", "6.14x9.21in") or millimetres ("170x240mm").
var pageSizes = []struct {
	name string
	w, h float64
}{
	{"a4", 595.28, 841.89},
	{"a5", 419.53, 595.28},
	{"6x9", 6 * Inch, 9 * Inch},
	{"letter", 8.5 * Inch, 11 * Inch},
	{"5x8", 5 * Inch, 8 * Inch},
	{"5.25x8", 5.25 * Inch, 8 * Inch},
	{"5.5x8.5", 5.5 * Inch, 8.5 * Inch},
	{"royal", 6.14 * Inch, 9.21 * Inch},
}

// SizeNames lists the named page sizes.
func SizeNames() []string {
	var ns []string
	for _, s := range pageSizes {
		ns = append(ns, s.name)
	}
	return ns
}

// PageSize gives the size in pt of a named size or of WxH[in|mm].
func PageSize(name string) (w, h float64, err error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		n = "a4"
	}
	for _, s := range pageSizes {
		if s.name == n {
			return s.w, s.h, nil
		}
	}
	unit := Inch
	switch {
	case strings.HasSuffix(n, "mm"):
		unit, n = MM, strings.TrimSuffix(n, "mm")
	case strings.HasSuffix(n, "in"):
		n = strings.TrimSuffix(n, "in")
	}
	a, b, ok := strings.Cut(strings.ReplaceAll(n, "×", "x"), "x")
	if ok {
		x, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		y, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if err1 == nil && err2 == nil && x > 0 && y > 0 && x*unit >= 144 && y*unit >= 144 && x*unit <= 2000 && y*unit <= 2000 {
			return x * unit, y * unit, nil
		}
	}
	return 0, 0, fmt.Errorf("unknown page size %q (%s, or WxH in inches or mm: 5.5x8.5, 170x240mm)", name, strings.Join(SizeNames(), ", "))
}

// Sheet is how a book's pages sit on the PDF's pages: the trim box, the
// bleed around it, the room for marks, and what the file keeps besides
// the page content. Its zero value is the screen profile: the PDF page
// is the trim, with links and bookmarks.
type Sheet struct {
	Profile     string
	Bleed       float64 // pt beyond the trim
	GutterBleed bool    // bleed on the spine edge too
	TwoSided    bool    // recto pages have the spine on the left
	Slug        float64 // pt beyond the bleed, for marks
	Marks       bool
	Boxes       bool // write TrimBox and BleedBox on every page
	NoLinks     bool
	NoBookmarks bool
}

func newSheet(p PrintProfile, twoSided bool) Sheet {
	s := Sheet{Profile: p.Name, Bleed: p.Bleed, GutterBleed: p.GutterBleed, TwoSided: twoSided,
		Marks: p.Marks, Boxes: p.Print, NoLinks: !p.Links, NoBookmarks: !p.Bookmarks}
	if p.Marks {
		s.Slug = MarkSlug
	}
	if p.Name == "screen" {
		s.Profile = ""
	}
	return s
}

// MediaSize is the size of the PDF pages: the trim plus the bleed plus
// the room for marks.
func (b *Book) MediaSize() (w, h float64) {
	s := b.Sheet
	side := s.Bleed
	if s.GutterBleed {
		side = 2 * s.Bleed
	}
	return b.Width + side + 2*s.Slug, b.Height + 2*s.Bleed + 2*s.Slug
}

// recto says whether page n is a right-hand page (the spine on its left).
func (s Sheet) recto(n int) bool { return !s.TwoSided || n%2 == 1 }

// TrimOrigin is where page n's trim lies on its PDF page: the offset of
// its top-left corner from the PDF page's top left, in pt. All of the
// page's content is drawn shifted by it.
func (b *Book) TrimOrigin(n int) (x, y float64) {
	s := b.Sheet
	x, y = s.Slug+s.Bleed, s.Slug+s.Bleed
	if !s.GutterBleed && s.recto(n) {
		x = s.Slug // the spine edge has no bleed
	}
	return x, y
}

// BleedRect is page n's bleed box as x, y (top left, from the PDF page's
// top left), w, h in pt.
func (b *Book) BleedRect(n int) (x, y, w, h float64) {
	s := b.Sheet
	tx, ty := b.TrimOrigin(n)
	x, y, w, h = tx-s.Bleed, ty-s.Bleed, b.Width+2*s.Bleed, b.Height+2*s.Bleed
	if !s.GutterBleed {
		w -= s.Bleed
		if s.recto(n) {
			x = tx
		}
	}
	return x, y, w, h
}

// applyProfile makes the geometry meet the profile's margins: nothing
// printed closer than Safe to the trim edge (running heads and folios
// included), the inside margin at least the profile's gutter for pages.
// ascent and descent (negative) are the tallest faces' extents, in em.
func (g geometry) applyProfile(p PrintProfile, pages int, ascent, descent float64) geometry {
	if p.Safe > 0 {
		// The running head's baseline is at 0.62 of the top margin, the
		// folio's at half the bottom margin (see finishPage); half a point
		// to spare.
		headSize, folioSize := g.size*0.82, g.size*0.85
		safe := p.Safe + 0.5
		g.top = math.Max(g.top, (safe+ascent*headSize)/0.62)
		g.bottom = math.Max(g.bottom, 2*(safe-descent*folioSize))
		g.outer = math.Max(g.outer, safe)
		g.inner = math.Max(g.inner, safe)
	}
	g.inner = math.Max(g.inner, p.InnerMargin(pages))
	return g
}
