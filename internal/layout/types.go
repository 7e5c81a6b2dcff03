// Package layout sets a translated document into pages: it breaks
// paragraphs into lines (Knuth–Plass), places lines, footnotes, headings,
// figures and pull quotes on pages, and builds the table of contents with
// the pages the headings really fall on. Its output, a Book, is what a
// backend draws; the backend makes no typesetting decision of its own.
package layout

import (
	"github.com/press/press/internal/fonts"
)

// Book is a typeset document.
type Book struct {
	Pages   []*Page
	Outline []OutlineEntry
	Report  Report
	// HeadingPages gives the physical page of every heading by its id.
	HeadingPages map[string]string
	Width        float64 // trim size in pt
	Height       float64
	// Sheet places the trim on the PDF page (bleed, marks) and says what
	// else the file keeps (links, bookmarks); zero for the screen.
	Sheet Sheet
	// Lang is the language the text was shaped for (package shape): the
	// backend shapes each text item again with it and gets the glyphs
	// that were measured.
	Lang string
}

// Page is one typeset page. Coordinates are in pt from the top left.
type Page struct {
	Number  int    // physical page number, from 1
	Folio   string // printed page number, "" for none
	Head    string // running head, "" for none
	Items   []Item
	Links   []LinkRect
	Anchors []Anchor
	// Start is where the body text of the page begins, nil for a page
	// without body text (title, contents, a blank verso). The EPUB puts
	// its page-break markers there, so that print and ebook readers cite
	// the same page.
	Start *PageStart
}

// PageStart names the first body block on a page: its unit (the block's
// id) and, when the page begins inside a paragraph, the text of the line
// it begins with (without an added hyphen).
type PageStart struct {
	Unit string
	// Text is "" when the page begins with the block's first line.
	Text string
}

// ItemKind says what an Item draws.
type ItemKind int

// The kinds of drawing.
const (
	TextItem  ItemKind = iota // Text at (X, Y) = left end of the baseline
	RuleItem                  // a line from (X, Y) to (X+W, Y+H) of width Line
	RectItem                  // a rectangle at (X, Y) of size W×H, stroked
	ImageItem                 // Image drawn at (X, Y) scaled to W×H
)

// Item is one drawing instruction.
type Item struct {
	Kind ItemKind
	X, Y float64
	Text string
	Face *fonts.Face
	Size float64
	W, H float64
	Line float64
	Gray float64 // 0 black … 1 white
	// Space is the width of the word space set before Text on its line
	// (0 for none): the backend writes a real space glyph there, so that
	// text extraction and screen readers get the words.
	Space float64
	// Unit is the translation unit the text belongs to (a paragraph's,
	// a heading's, a note's id; "toc:<heading>" for a contents entry,
	// "lbl:<unit>" for a list mark or note number), for the structure of
	// a tagged PDF; "" or "running-head" for page furniture (artifacts).
	Unit string
	// Scale is the horizontal scale of the glyphs (font expansion of a
	// justified line), 0 or 1 for none.
	Scale float64
	// Image data (PNG or JPEG) for ImageItem, named so the renderer
	// embeds it once.
	Image     []byte
	ImageType string
	ImageName string
}

// LinkRect is a clickable area: to a URL or to an anchor.
type LinkRect struct {
	X, Y, W, H float64
	URL        string
	Anchor     string
}

// Anchor is a named place a link can point to.
type Anchor struct {
	Name string
	Y    float64
}

// OutlineEntry is a PDF bookmark.
type OutlineEntry struct {
	Title string
	Level int
	Page  int
	Y     float64
}

// Report counts what a publisher checks on the page, with the unit
// responsible where there is one.
type Report struct {
	Pages      int           `json:"pages"`
	Lines      int           `json:"lines"`
	Overfull   []LineProblem `json:"overfull"`
	Loose      []LineProblem `json:"loose"`
	Hyphenated int           `json:"hyphenated_lines"`
	// HyphenatedShare is Hyphenated over Lines (lines ending in a hyphen,
	// added or of the text), 0…1.
	HyphenatedShare float64 `json:"hyphenated_share"`
	// WorstStretch is the justified line whose spaces stretch most: its
	// ratio is the adjustment ratio of its spaces (1 = by their full
	// stretch, half a space).
	WorstStretch   *LineProblem  `json:"worst_stretch,omitempty"`
	HyphenRuns     []LineProblem `json:"more_than_two_hyphens_in_a_row"`
	Widows         []string      `json:"widows"`
	Orphans        []string      `json:"orphans"`
	HeadingsAtFoot []string      `json:"headings_at_page_foot"`
	NotesAway      []string      `json:"notes_not_on_citing_page"`
	MissingImages  []string      `json:"figures_without_image"`
	// ShortChapterEnds are pages that end a chapter begun earlier with
	// fewer than six lines (after balancing; should be none).
	ShortChapterEnds []int `json:"short_chapter_ends"`
	// Broken are unbreakable runs (an address, a code span) longer than
	// the line, cut where they reached the margin.
	Broken []LineProblem `json:"runs_cut_at_the_margin,omitempty"`
	// CodePoints are characters beyond U+FFFF (emoji), which the PDF
	// writer cannot draw: printed as [U+1F49A].
	CodePoints []LineProblem `json:"characters_printed_as_code_points,omitempty"`
	// The printer profile (omitted for the screen), the inside margin it
	// led to, in pt, and the blank pages added to reach its page multiple.
	Profile         string         `json:"profile,omitempty"`
	InnerMargin     float64        `json:"inner_margin_pt,omitempty"`
	BlankPagesAdded int            `json:"blank_pages_added,omitempty"`
	NotePages       map[string]int `json:"-"`
}

// LineProblem is one badly set line.
type LineProblem struct {
	Unit  string  `json:"unit"`
	Page  int     `json:"page"`
	Ratio float64 `json:"ratio"`
	Text  string  `json:"text"`
}
