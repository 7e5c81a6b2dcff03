package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/press/press/internal/doc"
)

// The placeholder notation, as translators see it in a unit's text:
//
//	<1>…</1>   an inline span of the English (emphasis, strong, link, code),
//	           numbered in the order its opening appears in the English unit
//	<2/>       a line break
//	{n:7}      the reference to footnote 7
//	\<  \{  \\ a literal "<", "{" or "\"
//
// A translator may move placeholders and translate the text between
// <1> and </1>, but must keep each exactly once and keep pairs nested.

// Encode writes inline content in the placeholder notation.
func Encode(ins []doc.Inline) string {
	var b strings.Builder
	k := 0
	var enc func([]doc.Inline)
	span := func(content []doc.Inline) {
		k++
		n := strconv.Itoa(k)
		b.WriteString("<" + n + ">")
		enc(content)
		b.WriteString("</" + n + ">")
	}
	enc = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				b.WriteString(escape(in.Text))
			case *doc.Code:
				span([]doc.Inline{&doc.Text{Text: in.Text}})
			case *doc.NoteRef:
				b.WriteString("{n:" + in.Note.Label + "}")
			case *doc.LineBreak:
				k++
				b.WriteString("<" + strconv.Itoa(k) + "/>")
			default:
				if c, ok := doc.Children(in); ok { // emphasis, link, image alt …
					span(c)
				}
			}
		}
	}
	enc(ins)
	return b.String()
}

func escape(s string) string {
	if !strings.ContainsAny(s, `\<{`) {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `<`, `\<`, `{`, `\{`)
	return r.Replace(s)
}

// PlaceholderError is a translation whose placeholders do not match the
// English unit's.
type PlaceholderError struct {
	Msg string
}

func (e *PlaceholderError) Error() string { return Printable(e.Msg) }

// Decode parses a translated unit text against the English unit it
// translates, giving the translated inline content. The English decides
// what each numbered span is; every span, line break and note reference of
// the English must appear exactly once.
func Decode(s string, english []doc.Inline) ([]doc.Inline, error) {
	// Number the English spans exactly as Encode does.
	spans := map[int]doc.Inline{}
	notes := map[string]*doc.Note{}
	k := 0
	var index func([]doc.Inline)
	index = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Code:
				k++
				spans[k] = in
			case *doc.LineBreak:
				k++
				spans[k] = in
			case *doc.NoteRef:
				notes[in.Note.Label] = in.Note
			default:
				if c, ok := doc.Children(in); ok {
					k++
					spans[k] = in
					index(c)
				}
			}
		}
	}
	index(english)

	p := &decoder{s: s, spans: spans, notes: notes, used: map[int]bool{}, usedNotes: map[string]bool{}}
	out, err := p.parse(0)
	if err != nil {
		return nil, err
	}
	for i := 1; i <= k; i++ {
		if !p.used[i] {
			if _, ok := spans[i].(*doc.LineBreak); ok {
				return nil, &PlaceholderError{fmt.Sprintf("placeholder <%d/> is missing", i)}
			}
			return nil, &PlaceholderError{fmt.Sprintf("placeholder <%d>…</%d> is missing", i, i)}
		}
	}
	for label := range notes {
		if !p.usedNotes[label] {
			return nil, &PlaceholderError{fmt.Sprintf("footnote reference {n:%s} is missing", label)}
		}
	}
	return out, nil
}

type decoder struct {
	s         string
	i         int
	spans     map[int]doc.Inline
	notes     map[string]*doc.Note
	used      map[int]bool
	usedNotes map[string]bool
}

// parse reads until the closing tag of span open (0: the end of text).
func (p *decoder) parse(open int) ([]doc.Inline, error) {
	var out []doc.Inline
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, &doc.Text{Text: text.String()})
			text.Reset()
		}
	}
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '\\' && p.i+1 < len(p.s) && strings.IndexByte(`\<{`, p.s[p.i+1]) >= 0:
			text.WriteByte(p.s[p.i+1])
			p.i += 2
		case c == '<':
			end := strings.IndexByte(p.s[p.i:], '>')
			if end < 0 {
				return nil, &PlaceholderError{fmt.Sprintf("unterminated tag at %q (write \\< for a literal \"<\")", clip(p.s[p.i:]))}
			}
			tag := p.s[p.i+1 : p.i+end]
			closing := strings.HasPrefix(tag, "/")
			selfClosing := strings.HasSuffix(tag, "/")
			num := strings.Trim(tag, "/")
			n, err := strconv.Atoi(num)
			if err != nil || n <= 0 {
				return nil, &PlaceholderError{fmt.Sprintf("unknown tag <%s> (placeholders are <1>…</1>, <2/>; write \\< for a literal \"<\")", tag)}
			}
			p.i += end + 1
			switch {
			case closing:
				if n != open {
					if open == 0 {
						return nil, &PlaceholderError{fmt.Sprintf("closing </%d> without opening <%d>", n, n)}
					}
					return nil, &PlaceholderError{fmt.Sprintf("</%d> closes while <%d> is open: tags must nest", n, open)}
				}
				flush()
				return out, nil
			case selfClosing:
				lb, ok := p.spans[n].(*doc.LineBreak)
				if !ok {
					return nil, &PlaceholderError{fmt.Sprintf("<%d/> is not a line break in the English", n)}
				}
				if p.used[n] {
					return nil, &PlaceholderError{fmt.Sprintf("placeholder <%d/> appears twice", n)}
				}
				p.used[n] = true
				flush()
				out = append(out, lb)
			default:
				sp, ok := p.spans[n]
				if !ok {
					return nil, &PlaceholderError{fmt.Sprintf("placeholder <%d> does not exist in the English", n)}
				}
				if _, lb := sp.(*doc.LineBreak); lb {
					return nil, &PlaceholderError{fmt.Sprintf("<%d> is a line break: write <%d/>", n, n)}
				}
				if p.used[n] {
					return nil, &PlaceholderError{fmt.Sprintf("placeholder <%d> appears twice", n)}
				}
				p.used[n] = true
				flush()
				inner, err := p.parse(n)
				if err != nil {
					return nil, err
				}
				if _, ok := sp.(*doc.Code); ok {
					out = append(out, &doc.Code{Text: doc.PlainText(inner)})
				} else {
					out = append(out, doc.WithChildren(sp, inner))
				}
			}
		case c == '{' && strings.HasPrefix(p.s[p.i:], "{n:"):
			end := strings.IndexByte(p.s[p.i:], '}')
			if end < 0 {
				return nil, &PlaceholderError{fmt.Sprintf("unterminated footnote reference at %q", clip(p.s[p.i:]))}
			}
			label := p.s[p.i+3 : p.i+end]
			note, ok := p.notes[label]
			if !ok {
				return nil, &PlaceholderError{fmt.Sprintf("footnote reference {n:%s} is not in the English unit", label)}
			}
			if p.usedNotes[label] {
				return nil, &PlaceholderError{fmt.Sprintf("footnote reference {n:%s} appears twice", label)}
			}
			p.usedNotes[label] = true
			p.i += end + 1
			flush()
			out = append(out, &doc.NoteRef{Note: note})
		case c == '{':
			return nil, &PlaceholderError{fmt.Sprintf("unknown placeholder at %q (footnote references are {n:7}; write \\{ for a literal \"{\")", clip(p.s[p.i:]))}
		default:
			text.WriteByte(c)
			p.i++
		}
	}
	if open != 0 {
		return nil, &PlaceholderError{fmt.Sprintf("<%d> is never closed", open)}
	}
	flush()
	return out, nil
}

// clip shortens s for a message, at a character boundary.
func clip(s string) string {
	if len(s) > 24 {
		n := 24
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + "…"
	}
	return s
}
