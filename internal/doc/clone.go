package doc

import "fmt"

// Clone makes a deep copy of d, so that each edition can be translated and
// typeset without touching the source model or the other editions.
func Clone(d *Document) *Document {
	c := &Document{Meta: d.Meta, Labels: d.Labels}
	c.Meta.Authors = append([]Field(nil), d.Meta.Authors...)
	notes := make(map[*Note]*Note, len(d.Notes))
	for _, n := range d.Notes {
		nn := &Note{ID: n.ID, Label: n.Label, Number: n.Number}
		notes[n] = nn
		c.Notes = append(c.Notes, nn)
	}
	for i, n := range d.Notes {
		c.Notes[i].Content = cloneInlines(n.Content, notes)
	}
	for i, n := range d.Notes {
		c.Notes[i].Blocks = cloneBlocks(n.Blocks, notes)
	}
	c.Blocks = cloneBlocks(d.Blocks, notes)
	return c
}

func cloneBlocks(bs []Block, notes map[*Note]*Note) []Block {
	out := make([]Block, 0, len(bs))
	for _, b := range bs {
		switch b := b.(type) {
		case *Heading:
			h := *b
			h.Number = append([]int(nil), b.Number...)
			h.Content = cloneInlines(b.Content, notes)
			out = append(out, &h)
		case *Paragraph:
			out = append(out, &Paragraph{ID: b.ID, Content: cloneInlines(b.Content, notes)})
		case *BlockQuote:
			out = append(out, &BlockQuote{Blocks: cloneBlocks(b.Blocks, notes)})
		case *PullQuote:
			out = append(out, &PullQuote{ID: b.ID, Content: cloneInlines(b.Content, notes)})
		case *Figure:
			f := *b
			f.Caption = cloneInlines(b.Caption, notes)
			f.Credit = cloneInlines(b.Credit, notes)
			out = append(out, &f)
		case *List:
			l := &List{Ordered: b.Ordered, Start: b.Start}
			for _, it := range b.Items {
				l.Items = append(l.Items, &ListItem{ID: it.ID, Content: cloneInlines(it.Content, notes), Blocks: cloneBlocks(it.Blocks, notes), Task: it.Task})
			}
			out = append(out, l)
		case *ThematicBreak:
			out = append(out, &ThematicBreak{})
		case *CodeBlock:
			c := *b
			out = append(out, &c)
		case *Table:
			t := &Table{ID: b.ID, CaptionID: b.CaptionID, Caption: cloneInlines(b.Caption, notes), Align: append([]Align(nil), b.Align...)}
			rows := func(rs [][]*Cell) [][]*Cell {
				var out [][]*Cell
				for _, r := range rs {
					var row []*Cell
					for _, c := range r {
						row = append(row, &Cell{ID: c.ID, Content: cloneInlines(c.Content, notes)})
					}
					out = append(out, row)
				}
				return out
			}
			t.Head, t.Rows = rows(b.Head), rows(b.Rows)
			out = append(out, t)
		case *DefinitionList:
			dl := &DefinitionList{}
			for _, it := range b.Items {
				c := &Definition{ID: it.ID, Term: cloneInlines(it.Term, notes)}
				for _, def := range it.Defs {
					c.Defs = append(c.Defs, cloneBlocks(def, notes))
				}
				dl.Items = append(dl.Items, c)
			}
			out = append(out, dl)
		default:
			panic(fmt.Sprintf("doc: Clone does not know %T", b))
		}
	}
	return out
}

// CloneInlines copies inline content; note references keep their notes.
func CloneInlines(ins []Inline) []Inline { return cloneInlines(ins, nil) }

func cloneInlines(ins []Inline, notes map[*Note]*Note) []Inline {
	if ins == nil {
		return nil
	}
	out := make([]Inline, 0, len(ins))
	for _, in := range ins {
		switch in := in.(type) {
		case *Text:
			out = append(out, &Text{Text: in.Text})
		case *Emph:
			out = append(out, &Emph{Content: cloneInlines(in.Content, notes)})
		case *Strong:
			out = append(out, &Strong{Content: cloneInlines(in.Content, notes)})
		case *Link:
			out = append(out, &Link{URL: in.URL, Content: cloneInlines(in.Content, notes)})
		case *Code:
			out = append(out, &Code{Text: in.Text})
		case *NoteRef:
			n := in.Note
			if m, ok := notes[n]; ok {
				n = m
			}
			out = append(out, &NoteRef{Note: n})
		case *LineBreak:
			out = append(out, &LineBreak{})
		default:
			c, ok := Children(in)
			if !ok {
				panic(fmt.Sprintf("doc: Clone does not know %T", in))
			}
			out = append(out, WithChildren(in, cloneInlines(c, notes)))
		}
	}
	return out
}
