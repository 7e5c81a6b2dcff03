package doc

import (
	"fmt"
	"strings"
)

// Unit is one translation unit: a block, note or metadata field whose
// content is translated as a whole. Exactly one of Inlines and Text is set.
type Unit struct {
	ID      string
	Kind    string // heading, paragraph, quote, pullquote, item, caption, credit, footnote, meta
	Inlines *[]Inline
	Text    *string
}

// Units lists the document's translation units in reading order: metadata,
// body, then notes.
func Units(d *Document) []Unit {
	var us []Unit
	field := func(f *Field) {
		if f.ID != "" {
			us = append(us, Unit{ID: f.ID, Kind: "meta", Text: &f.Text})
		}
	}
	field(&d.Meta.Title)
	field(&d.Meta.Subtitle)
	field(&d.Meta.Editor)
	for i := range d.Meta.Authors {
		field(&d.Meta.Authors[i])
	}
	var walk func(bs []Block, para string)
	walk = func(bs []Block, para string) {
		for _, b := range bs {
			switch b := b.(type) {
			case *Heading:
				us = append(us, Unit{ID: b.ID, Kind: "heading", Inlines: &b.Content})
			case *Paragraph:
				us = append(us, Unit{ID: b.ID, Kind: para, Inlines: &b.Content})
			case *BlockQuote:
				walk(b.Blocks, "quote")
			case *PullQuote:
				us = append(us, Unit{ID: b.ID, Kind: "pullquote", Inlines: &b.Content})
			case *Figure:
				us = append(us, Unit{ID: b.CaptionID, Kind: "caption", Inlines: &b.Caption})
				if b.CreditID != "" {
					us = append(us, Unit{ID: b.CreditID, Kind: "credit", Inlines: &b.Credit})
				}
			case *List:
				for _, it := range b.Items {
					us = append(us, Unit{ID: it.ID, Kind: "item", Inlines: &it.Content})
					walk(it.Blocks, para)
				}
			case *Table:
				if b.CaptionID != "" {
					us = append(us, Unit{ID: b.CaptionID, Kind: "caption", Inlines: &b.Caption})
				}
				for _, rows := range [][][]*Cell{b.Head, b.Rows} {
					for _, row := range rows {
						for _, c := range row {
							us = append(us, Unit{ID: c.ID, Kind: "cell", Inlines: &c.Content})
						}
					}
				}
			case *DefinitionList:
				for _, it := range b.Items {
					us = append(us, Unit{ID: it.ID, Kind: "term", Inlines: &it.Term})
					for _, def := range it.Defs {
						walk(def, para)
					}
				}
			}
		}
	}
	walk(d.Blocks, "paragraph")
	for _, n := range d.Notes {
		us = append(us, Unit{ID: n.ID, Kind: "footnote", Inlines: &n.Content})
		walk(n.Blocks, "footnote")
	}
	return us
}

// Validate checks the structural rules every reader must meet: ids are
// unique, every note is cited. (Heading levels may skip: real documents
// start at ## or go from # to ###; the reader warns.)
func Validate(d *Document) error {
	seen := map[string]bool{}
	for _, u := range Units(d) {
		if seen[u.ID] {
			return fmt.Errorf("unit id %q is used twice", u.ID)
		}
		seen[u.ID] = true
	}
	cites := Citations(d)
	for _, n := range d.Notes {
		if cites[n] == 0 {
			return fmt.Errorf("footnote [^%s] is never cited", n.Label)
		}
	}
	return nil
}

// Citations counts the references to each note.
func Citations(d *Document) map[*Note]int {
	c := map[*Note]int{}
	for _, u := range Units(d) {
		if u.Inlines != nil {
			WalkInlines(*u.Inlines, func(in Inline) {
				if r, ok := in.(*NoteRef); ok {
					c[r.Note]++
				}
			})
		}
	}
	return c
}

// Number derives heading numbers, note numbers (citation order) and figure
// numbers (per kind) from the structure.
func Number(d *Document) {
	var chapter, section int
	chapterNumbered := false
	figures := map[string]int{}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *Heading:
			switch b.Level {
			case 1:
				section = 0
				chapterNumbered = b.Numbered
				if b.Numbered {
					chapter++
					b.Number = []int{chapter}
				}
			case 2:
				if !chapterNumbered {
					b.Numbered = false
				}
				if b.Numbered {
					section++
					b.Number = []int{chapter, section}
				}
			default:
				b.Numbered = false
			}
		case *Figure:
			figures[b.Kind]++
			b.Number = figures[b.Kind]
		}
	}
	n := 0
	numbered := map[*Note]bool{}
	for _, u := range Units(d) {
		if u.Inlines == nil || u.Kind == "footnote" {
			continue
		}
		WalkInlines(*u.Inlines, func(in Inline) {
			if r, ok := in.(*NoteRef); ok && !numbered[r.Note] {
				n++
				r.Note.Number = n
				numbered[r.Note] = true
			}
		})
	}
}

// WalkInlines calls fn for every inline, depth first.
func WalkInlines(ins []Inline, fn func(Inline)) {
	for _, in := range ins {
		fn(in)
		if c, ok := Children(in); ok {
			WalkInlines(c, fn)
		}
	}
}

// PlainText is the text of inlines without markup; note references and
// line breaks become nothing and a space.
func PlainText(ins []Inline) string {
	var b strings.Builder
	WalkInlines(ins, func(in Inline) {
		switch in := in.(type) {
		case *Text:
			b.WriteString(in.Text)
		case *Code:
			b.WriteString(in.Text)
		case *LineBreak:
			b.WriteByte(' ')
		}
	})
	return b.String()
}

// Chapter is a level-1 heading with the blocks up to the next one.
type Chapter struct {
	Heading *Heading // nil for blocks before the first heading
	Blocks  []Block  // the heading itself first, when present
}

// Chapters splits the body at level-1 headings.
func Chapters(d *Document) []Chapter {
	var cs []Chapter
	for _, b := range d.Blocks {
		if h, ok := b.(*Heading); ok && h.Level == 1 {
			cs = append(cs, Chapter{Heading: h})
		} else if len(cs) == 0 {
			cs = append(cs, Chapter{})
		}
		cs[len(cs)-1].Blocks = append(cs[len(cs)-1].Blocks, b)
	}
	return cs
}

// Headings lists all headings in order.
func Headings(d *Document) []*Heading {
	var hs []*Heading
	for _, b := range d.Blocks {
		if h, ok := b.(*Heading); ok {
			hs = append(hs, h)
		}
	}
	return hs
}

// WalkBlocks calls fn for every block, depth first: the blocks of list
// items, quotations and definitions too (not the notes': walk each
// note's Blocks for those).
func WalkBlocks(bs []Block, fn func(Block)) {
	for _, b := range bs {
		fn(b)
		switch b := b.(type) {
		case *BlockQuote:
			WalkBlocks(b.Blocks, fn)
		case *List:
			for _, it := range b.Items {
				WalkBlocks(it.Blocks, fn)
			}
		case *DefinitionList:
			for _, it := range b.Items {
				for _, def := range it.Defs {
					WalkBlocks(def, fn)
				}
			}
		}
	}
}

// AllBlocks is every block of the body and of the notes, nested ones too.
func AllBlocks(d *Document) []Block {
	var out []Block
	add := func(b Block) { out = append(out, b) }
	WalkBlocks(d.Blocks, add)
	for _, n := range d.Notes {
		WalkBlocks(n.Blocks, add)
	}
	return out
}
