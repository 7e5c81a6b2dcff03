package typst

import (
	"strings"
	"testing"

	"github.com/press/press/internal/doc"
)

func TestSource(t *testing.T) {
	n := &doc.Note{ID: "fn.1", Number: 1, Content: []doc.Inline{&doc.Text{Text: "A note."}}}
	d := &doc.Document{Meta: doc.Meta{Lang: "en", Title: doc.Field{Text: "A #title"}}, Blocks: []doc.Block{
		&doc.Heading{ID: "h", Level: 1, Content: []doc.Inline{&doc.Text{Text: "Intro"}}},
		&doc.Paragraph{ID: "p", Content: []doc.Inline{&doc.Text{Text: "5*3 = 15 [x] "}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: "so"}}}, &doc.NoteRef{Note: n}}},
	}}
	src := Source(d)
	for _, want := range []string{`title: "A #title"`, "= Intro\n", `5\*3 \= 15 \[x\] #emph[so]#footnote[A note.]`, `lang: "en"`} {
		if !strings.Contains(src, want) {
			t.Errorf("source lacks %q:\n%s", want, src)
		}
	}
}
