// Package doc is press's canonical document model: the contract between
// readers (which build it), the catalogue (which translates it), the
// typography stage (which adapts it to a language) and the backends (which
// render it). Nothing in this package knows about Markdown, catalogues or
// output formats.
package doc

import "strings"

// Document is one edition of a manuscript: metadata, body blocks and notes.
type Document struct {
	Meta   Meta
	Blocks []Block
	// Notes are the footnotes in the order of their first citation.
	Notes []*Note
	// Labels are the edition's own words (Contents, Notes, Source: …) in the
	// document's language. The reader leaves them empty; the catalogue stage
	// fills them.
	Labels Labels
}

// Meta is the title-page and document-information metadata.
type Meta struct {
	Title      Field
	Subtitle   Field
	Editor     Field
	Authors    []Field
	Year       int
	Month      int    // 1..12, 0 when unknown
	DateText   string // the date as printed, e.g. "February 2019"; set per language
	Lang       string // BCP 47 tag of this edition's language, e.g. "en", "zh-Hans"
	SourceLang string // BCP 47 tag of the manuscript's language
	// Identifier is a stable identifier of the work (used by EPUB).
	Identifier string
	// Modified is the RFC 3339 date-time that stands for this build: derived
	// from SOURCE_DATE_EPOCH or the source, never from the clock.
	Modified string
	// SourceName is the base name of the manuscript file without extension.
	SourceName string
	// Lines gives the manuscript line of units (for messages about them).
	Lines map[string]int
}

// Field is one translatable metadata value.
type Field struct {
	ID   string
	Text string
}

// Block is a block-level element. The concrete types are listed below.
type Block interface{ isBlock() }

// Heading is a section heading. Number is derived from the document
// structure (e.g. [1 2] for section 1.2); Label is the localized form of it
// ("Chapter 1", "1.2", "Глава 1") set by the catalogue stage.
type Heading struct {
	ID       string
	Level    int
	Numbered bool
	Number   []int
	Label    string
	Content  []Inline
}

// Paragraph is a paragraph of running text.
type Paragraph struct {
	ID      string
	Content []Inline
}

// BlockQuote is a displayed quotation; its blocks are paragraphs.
type BlockQuote struct {
	Blocks []Block
}

// PullQuote repeats a sentence of the text in display type. The renderer
// supplies the language's quotation marks.
type PullQuote struct {
	ID      string
	Content []Inline
}

// Figure is an image (or, until one is supplied, a marked frame) with a
// caption and an optional credit line.
type Figure struct {
	ID        string
	Kind      string // "graph", "map", "photo", "figure"
	Number    int    // per kind, counted from 1; 0 when the kind is unnumbered
	Label     string // localized, e.g. "Graph 1"; empty when unnumbered
	Image     string // path of the image file relative to the project, "" when missing
	ImageData []byte // the image bytes, read by the reader
	ImageType string // "png" or "jpeg"
	CaptionID string
	Caption   []Inline
	CreditID  string
	Credit    []Inline
}

// List is a bullet or ordered list.
type List struct {
	Ordered bool
	Start   int
	Items   []*ListItem
}

// ListItem is one list item: its first paragraph (Content) and the
// blocks that follow it (more paragraphs, nested lists, code, quotes).
type ListItem struct {
	ID      string
	Content []Inline
	Blocks  []Block
	Task    Task // a task list's box, TaskNone elsewhere
}

// Task is the state of a task list item's box.
type Task int

// The task states.
const (
	TaskNone Task = iota
	TaskOpen      // ☐
	TaskDone      // ☒
)

// CodeBlock is preformatted text (a listing, a program, a transcript):
// set in a monospace face, line for line, never hyphenated, justified or
// translated.
type CodeBlock struct {
	Lang string // the info string's first word ("go"), "" when none
	Text string // without the final newline
}

// Table is a table: header rows, body rows and an optional caption.
// Every cell is a translation unit.
type Table struct {
	ID        string // the anchor of the table ("" when it has none)
	CaptionID string
	Caption   []Inline
	Align     []Align // one per column
	Head      [][]*Cell
	Rows      [][]*Cell
}

// Columns is the number of columns (the widest row's).
func (t *Table) Columns() int {
	n := len(t.Align)
	for _, rs := range [][][]*Cell{t.Head, t.Rows} {
		for _, r := range rs {
			n = max(n, len(r))
		}
	}
	return n
}

// Align is a column's alignment.
type Align int

// The alignments; AlignDefault is the language's start side.
const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Cell is one table cell.
type Cell struct {
	ID      string
	Content []Inline
}

// DefinitionList is a list of terms, each with its definitions.
type DefinitionList struct {
	Items []*Definition
}

// Definition is one term and its definitions (each a list of blocks).
type Definition struct {
	ID   string
	Term []Inline
	Defs [][]Block
}

// ThematicBreak is a scene break (a horizontal rule).
type ThematicBreak struct{}

func (*Heading) isBlock()        {}
func (*Paragraph) isBlock()      {}
func (*BlockQuote) isBlock()     {}
func (*PullQuote) isBlock()      {}
func (*Figure) isBlock()         {}
func (*List) isBlock()           {}
func (*ThematicBreak) isBlock()  {}
func (*CodeBlock) isBlock()      {}
func (*Table) isBlock()          {}
func (*DefinitionList) isBlock() {}

// Note is a footnote. Label is the label used in the source ("7"); Number
// is its position in citation order, which is what editions print.
type Note struct {
	ID      string
	Label   string
	Number  int
	Content []Inline
	// Blocks follow Content when the note holds more than paragraphs
	// (a list, a code block, a quotation).
	Blocks []Block
}

// Inline is an inline element. The concrete types are listed below.
type Inline interface{ isInline() }

// Text is a run of plain text.
type Text struct{ Text string }

// Emph is emphasis (italics).
type Emph struct{ Content []Inline }

// Strong is strong emphasis (bold).
type Strong struct{ Content []Inline }

// Link is a hyperlink.
type Link struct {
	URL     string
	Content []Inline
}

// Code is inline code, never translated.
type Code struct{ Text string }

// NoteRef cites a footnote.
type NoteRef struct{ Note *Note }

// LineBreak is a hard line break.
type LineBreak struct{}

// Strike is struck-out text.
type Strike struct{ Content []Inline }

// Sup is superscript text.
type Sup struct{ Content []Inline }

// Sub is subscript text.
type Sub struct{ Content []Inline }

// SmallCaps is text in small capitals.
type SmallCaps struct{ Content []Inline }

// Image is an image in the text (alone in a paragraph, it is displayed
// as a block). Its Content is the alt text, translated like any text.
// Data is nil when the image was not read (a remote address is never
// fetched, a missing file is reported): editions print the alt text and
// the URL instead.
type Image struct {
	URL     string
	Title   string
	Content []Inline
	Data    []byte
	Type    string // "png" or "jpeg" when Data is set
}

func (*Text) isInline()      {}
func (*Emph) isInline()      {}
func (*Strong) isInline()    {}
func (*Link) isInline()      {}
func (*Code) isInline()      {}
func (*NoteRef) isInline()   {}
func (*LineBreak) isInline() {}
func (*Strike) isInline()    {}
func (*Sup) isInline()       {}
func (*Sub) isInline()       {}
func (*SmallCaps) isInline() {}
func (*Image) isInline()     {}

// Children is the content of an inline that holds other inlines (a
// span: emphasis, link, image alt text …), and whether it is one.
func Children(in Inline) ([]Inline, bool) {
	switch in := in.(type) {
	case *Emph:
		return in.Content, true
	case *Strong:
		return in.Content, true
	case *Link:
		return in.Content, true
	case *Strike:
		return in.Content, true
	case *Sup:
		return in.Content, true
	case *Sub:
		return in.Content, true
	case *SmallCaps:
		return in.Content, true
	case *Image:
		return in.Content, true
	}
	return nil, false
}

// WithChildren is a copy of the span in with other content (a
// translation of it); in itself is unchanged.
func WithChildren(in Inline, content []Inline) Inline {
	switch in := in.(type) {
	case *Emph:
		return &Emph{Content: content}
	case *Strong:
		return &Strong{Content: content}
	case *Link:
		return &Link{URL: in.URL, Content: content}
	case *Strike:
		return &Strike{Content: content}
	case *Sup:
		return &Sup{Content: content}
	case *Sub:
		return &Sub{Content: content}
	case *SmallCaps:
		return &SmallCaps{Content: content}
	case *Image:
		c := *in
		c.Content = content
		return &c
	}
	return in
}

// ImageBlock is the image of a paragraph that holds nothing else: it is
// displayed as a block.
func ImageBlock(p *Paragraph) (*Image, bool) {
	var img *Image
	for _, in := range p.Content {
		switch in := in.(type) {
		case *Image:
			if img != nil {
				return nil, false
			}
			img = in
		case *Text:
			if strings.TrimSpace(in.Text) != "" {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return img, img != nil
}

// Labels are the edition's own words, already localized.
type Labels struct {
	Contents             string
	Notes                string
	Source               string // "Source:"
	ImageNotIncluded     string
	BackToText           string // back-link text of a footnote
	AccessibilitySummary string
	TitlePage            string // name of the title page in navigation
	// LabelSep joins a heading's or figure's Label to its title:
	// ". " gives "Chapter 1. Title", "Graph 1. Caption".
	LabelSep string
	// OpenQuote and CloseQuote are the language's outer quotation marks,
	// used around pull quotes.
	OpenQuote, CloseQuote string
	// Colophon is the heading of the short note on the edition at the end;
	// ColophonText its sentences (already localized, counts filled in).
	Colophon     string
	ColophonText []string
	// ColophonScreen is ColophonText for an edition read on a screen
	// (EPUB): figures awaiting their image are shown, not printed.
	ColophonScreen []string
	// NoteRef gives the accessible name of a reference to note n ("Note 7").
	NoteRef func(n int) string
	// PageOf formats a page reference ("Page 3").
	PageOf func(n int) string
}
