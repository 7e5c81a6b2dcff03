package doc

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
				l.Items = append(l.Items, &ListItem{ID: it.ID, Content: cloneInlines(it.Content, notes)})
			}
			out = append(out, l)
		case *ThematicBreak:
			out = append(out, &ThematicBreak{})
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
		}
	}
	return out
}
