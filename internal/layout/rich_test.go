package layout

import (
	"strings"
	"testing"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/lang"
)

// TestLongNoteSplits: a note of some 1,100 words, longer than a page,
// goes on at the foot of the next pages (as TeX does): every word is
// drawn, and nothing above the text block's top or below its bottom.
func TestLongNoteSplits(t *testing.T) {
	p, _ := lang.Get("en")
	d := testDoc(3)
	long := strings.Repeat(english+" ", 1100/len(strings.Fields(english))+1)
	note := &doc.Note{ID: "fn.1", Label: "1", Number: 1, Content: []doc.Inline{&doc.Text{Text: long}}}
	d.Notes = []*doc.Note{note}
	d.Blocks = append(d.Blocks[:2], append([]doc.Block{&doc.Paragraph{ID: "cite", Content: []doc.Inline{&doc.Text{Text: "Cites."}, &doc.NoteRef{Note: note}}}}, d.Blocks[2:]...)...)
	b, err := Layout(d, faceSetForTest, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := geomA4
	noteItems, pages := 0, map[int]bool{}
	var text strings.Builder
	for _, pg := range b.Pages {
		for _, it := range pg.Items {
			if it.Kind != TextItem {
				continue
			}
			if it.Size != g.noteSize {
				continue // body text, running head, folio, note marks
			}
			if it.Y < g.top || it.Y > g.h-g.bottom {
				t.Errorf("page %d: note text %q drawn at y %.1f, off the text block", pg.Number, it.Text, it.Y)
			}
			{
				noteItems++
				pages[pg.Number] = true
				text.WriteString(it.Text + " ")
			}
		}
	}
	if len(pages) < 2 {
		t.Errorf("the long note is on %d page(s), want it split over two or more", len(pages))
	}
	words := len(strings.Fields(long))
	if got := len(strings.Fields(text.String())); got < words {
		t.Errorf("%d words of the note drawn, want %d", got, words)
	}
}

// TestTableHeaderRepeats: a table longer than a page draws its header
// row at the top of each page it runs on to.
func TestTableHeaderRepeats(t *testing.T) {
	p, _ := lang.Get("en")
	d := testDoc(1)
	tb := &doc.Table{Align: []doc.Align{doc.AlignLeft, doc.AlignRight}}
	tb.Head = [][]*doc.Cell{{{ID: "t.h1c1", Content: plain("Name")}, {ID: "t.h1c2", Content: plain("Amount")}}}
	for i := 0; i < 120; i++ {
		tb.Rows = append(tb.Rows, []*doc.Cell{{ID: "t.r", Content: plain("Row " + strings.Repeat("x", i%7))}, {ID: "t.r2", Content: plain("12")}})
	}
	d.Blocks = append(d.Blocks, tb)
	b, err := Layout(d, faceSetForTest, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	heads := 0
	for _, pg := range b.Pages {
		for _, it := range pg.Items {
			if it.Kind == TextItem && it.Text == "Amount" {
				heads++
			}
		}
	}
	if heads < 3 {
		t.Errorf("header drawn %d times; a 120-row table spans 3+ pages", heads)
	}
}
