// Package doc is press's canonical document model: the contract between
// readers (which build it), the catalogue (which translates it), the
// typography stage (which adapts it to a language) and the backends (which
// render it). Nothing in this package knows about Markdown, catalogues or
// output formats.
package doc

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

// ListItem is one list item; tight items hold inline content only.
type ListItem struct {
	ID      string
	Content []Inline
}

// ThematicBreak is a scene break (a horizontal rule).
type ThematicBreak struct{}

func (*Heading) isBlock()       {}
func (*Paragraph) isBlock()     {}
func (*BlockQuote) isBlock()    {}
func (*PullQuote) isBlock()     {}
func (*Figure) isBlock()        {}
func (*List) isBlock()          {}
func (*ThematicBreak) isBlock() {}

// Note is a footnote. Label is the label used in the source ("7"); Number
// is its position in citation order, which is what editions print.
type Note struct {
	ID      string
	Label   string
	Number  int
	Content []Inline
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

func (*Text) isInline()      {}
func (*Emph) isInline()      {}
func (*Strong) isInline()    {}
func (*Link) isInline()      {}
func (*Code) isInline()      {}
func (*NoteRef) isInline()   {}
func (*LineBreak) isInline() {}

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
