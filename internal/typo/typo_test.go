package typo

import (
	"testing"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/lang"
)

func TestApply(t *testing.T) {
	en, _ := lang.Get("en")
	ru, _ := lang.Get("ru")
	for _, c := range []struct {
		name string
		p    *lang.Profile
		in   []doc.Inline
		want string
	}{
		{"en quotes", en, []doc.Inline{&doc.Text{Text: `an alternative "China model" of development`}}, "an alternative “China model” of development"},
		{"en apostrophe", en, []doc.Inline{&doc.Text{Text: "China's image"}}, "China’s image"},
		{"en quote across emphasis", en, []doc.Inline{&doc.Text{Text: `the idea of "`}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: "using virtue"}}}, &doc.Text{Text: `" to`}}, "the idea of “using virtue” to"},
		{"en ellipsis", en, []doc.Inline{&doc.Text{Text: `"...A state`}}, "“…A state"},
		{"en dash", en, []doc.Inline{&doc.Text{Text: "Initiative - notably"}}, "Initiative\u00a0– notably"},
		{"url untouched", en, []doc.Inline{&doc.Link{URL: "http://x.org/a'b", Content: []doc.Inline{&doc.Text{Text: "http://x.org/a'b"}}}}, "http://x.org/a'b"},
		{"ru dash and one-letter words", ru, []doc.Inline{&doc.Text{Text: "Казахстан — страна и в Азии"}}, "Казахстан\u00a0— страна и\u00a0в\u00a0Азии"},
		{"ru quotes", ru, []doc.Inline{&doc.Text{Text: `так называемые "три зла"`}}, "так называемые «три зла»"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := &doc.Document{Blocks: []doc.Block{&doc.Paragraph{ID: "p", Content: c.in}}}
			Apply(d, c.p)
			if got := doc.PlainText(d.Blocks[0].(*doc.Paragraph).Content); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
