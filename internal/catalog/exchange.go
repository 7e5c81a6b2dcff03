package catalog

import (
	"strings"

	"github.com/press/press/internal/doc"
)

// Unit states as exchange formats see them.
const (
	StateNew        = "new"        // no translation
	StateTranslated = "translated" // a translation of today's English
)

// ExchangeUnit is one unit as an exchange format (XLIFF, PO) writes it:
// the English, the translation and its state, and the context a
// translator needs.
type ExchangeUnit struct {
	ID       string
	Kind     string // paragraph, heading, footnote, caption, meta…
	Section  string // the title of the section the unit is in
	English  string // today's English, in the placeholder notation
	Spans    map[int]Span
	Target   string
	State    string // StateNew, StateDraft, StateStale, StateTranslated, StateReviewed, StateFinal
	Previous string // a stale unit: the English its translation was made from
	Terms    []string
	Note     string
	Line     int // of the entry in the catalogue (0: none)
}

// Span is what a numbered placeholder of the English stands for.
type Span struct {
	Kind string // emph, strong, link, code, break
	URL  string // a link's target
	// Verbatim says the span's text is not to be translated: code, or a
	// link whose text is its URL.
	Verbatim bool
}

// Spans lists the English's numbered placeholders as Encode numbers them.
func Spans(ins []doc.Inline) map[int]Span {
	m := map[int]Span{}
	k := 0
	var walk func([]doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Emph:
				k++
				m[k] = Span{Kind: "emph"}
				walk(in.Content)
			case *doc.Strong:
				k++
				m[k] = Span{Kind: "strong"}
				walk(in.Content)
			case *doc.Link:
				k++
				m[k] = Span{Kind: "link", URL: in.URL, Verbatim: doc.PlainText(in.Content) == in.URL || "mailto:"+doc.PlainText(in.Content) == in.URL}
				walk(in.Content)
			case *doc.Code:
				k++
				m[k] = Span{Kind: "code", Verbatim: true}
			case *doc.LineBreak:
				k++
				m[k] = Span{Kind: "break"}
			}
		}
	}
	walk(ins)
	return m
}

// ExchangeUnits lists the document's units with their translations in c
// and their context (g may be nil).
func ExchangeUnits(src *doc.Document, c *Catalogue, g *Glossary) []ExchangeUnit {
	sections := Sections(src)
	var out []ExchangeUnit
	for _, u := range doc.Units(src) {
		en := SourceText(u)
		x := ExchangeUnit{ID: u.ID, Kind: u.Kind, Section: sections[u.ID], English: en, State: StateNew}
		if u.Inlines != nil {
			x.Spans = Spans(*u.Inlines)
		}
		if e := c.Document.Get(u.ID); e != nil {
			x.Note, x.Line = e.Note, e.Line
			if e.Other != "" {
				x.Target = e.Other
				switch {
				case IsStale(e, en):
					x.State = StateStale
					x.Previous = e.Previous
					if x.Previous == "" && e.Description != en && Hash(e.Description) == e.Hash {
						x.Previous = e.Description // changed English that sync has not seen yet
					}
				case e.State == "":
					x.State = StateTranslated
				default:
					x.State = e.State
				}
			}
		}
		if g != nil {
			plain := plainOf(u)
			for _, t := range g.Terms {
				if t.enRe != nil && t.enRe.MatchString(plain) {
					term := t.En
					if r := t.Lang[c.Lang]; r != "" {
						term += " = " + r
					}
					if n := t.Lang["note"]; n != "" {
						term += " (" + n + ")"
					}
					x.Terms = append(x.Terms, term)
				}
			}
		}
		out = append(out, x)
	}
	return out
}

// Sections maps each unit id to the title of the section it is in (a
// note: the section of the unit that first cites it).
func Sections(d *doc.Document) map[string]string {
	m := map[string]string{}
	title := ""
	notes := map[*doc.Note]string{}
	for _, b := range d.Blocks {
		if h, ok := b.(*doc.Heading); ok {
			title = strings.TrimSpace(doc.PlainText(h.Content))
		}
		for _, u := range doc.Units(&doc.Document{Blocks: []doc.Block{b}}) {
			m[u.ID] = title
			if u.Inlines != nil {
				for _, n := range noteRefs(*u.Inlines) {
					if _, seen := notes[n]; !seen {
						notes[n] = title
					}
				}
			}
		}
	}
	for _, n := range d.Notes {
		m[n.ID] = notes[n]
	}
	return m
}

func noteRefs(ins []doc.Inline) []*doc.Note {
	var out []*doc.Note
	var walk func([]doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.NoteRef:
				out = append(out, in.Note)
			case *doc.Emph:
				walk(in.Content)
			case *doc.Strong:
				walk(in.Content)
			case *doc.Link:
				walk(in.Content)
			}
		}
	}
	walk(ins)
	return out
}

// PluralForms are CLDR's plural categories, in CLDR's order.
var PluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// IsPluralForm says whether s names a CLDR plural category.
func IsPluralForm(s string) bool {
	for _, f := range PluralForms {
		if f == s {
			return true
		}
	}
	return false
}
