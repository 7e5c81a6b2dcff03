// Package xliff exchanges a language's catalogue with CAT tools as XLIFF
// 2.1. Placeholders become typed inline codes (<pc> for spans, <ph
// canDelete="no"> for line breaks and footnote references, URLs and code
// marked translate="no"); each unit carries notes for the translator (its
// kind and section, glossary terms, the earlier English of a stale unit, the
// translator's own query); the segment's state is initial (new, draft or
// stale), translated, reviewed or final. Import accepts what XLIFF 2.1
// tools write: several segments, <sc>/<ec>, <mrk>, <sm>/<em>, <cp>, and
// ignores elements of other namespaces (match suggestions, metadata).
package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
)

// Namespace is XLIFF 2's.
const Namespace = "urn:oasis:names:tc:xliff:document:2.0"

// Note categories press writes and reads.
const (
	NoteContext    = "context"    // the unit's kind and section
	NoteGlossary   = "glossary"   // a term of the glossary in the unit
	NotePrevious   = "previous"   // a stale unit: the English its translation was made from
	NoteTranslator = "translator" // the translator's comment or query
)

// Export writes the catalogue c of the source document as XLIFF 2.1: a
// file "document" of the manuscript's units and, given the English
// catalogue, a file "edition" of the edition strings (plural forms as
// segments named by CLDR category). g (may be nil) adds the glossary terms
// each unit uses.
func Export(src *doc.Document, english, c *catalog.Catalogue, g *catalog.Glossary) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<xliff xmlns="%s" version="2.1" srcLang="%s" trgLang="%s">`+"\n", Namespace, attr(src.Meta.SourceLang), attr(c.Lang))
	fmt.Fprintf(&b, ` <file id="document" original="%s">`+"\n", attr(c.Document.Path))
	for _, x := range catalog.ExchangeUnits(src, c, g) {
		if err := writeUnit(&b, x, c.Document.Path); err != nil {
			return nil, err
		}
	}
	b.WriteString(" </file>\n")
	if english != nil && len(english.Edition.Entries) > 0 {
		writeEdition(&b, english, c)
	}
	b.WriteString("</xliff>\n")
	return b.Bytes(), nil
}

func writeUnit(b *bytes.Buffer, x catalog.ExchangeUnit, path string) error {
	srcXML, err := inline(x.English, x.Spans)
	if err != nil {
		return fmt.Errorf("%s: source: %v", x.ID, err)
	}
	fmt.Fprintf(b, `  <unit id="%s">`+"\n", attr(x.ID))
	var notes []string
	ctx := x.Kind
	if x.Section != "" {
		ctx += "; section: " + x.Section
	}
	notes = append(notes, note(NoteContext, ctx))
	for _, t := range x.Terms {
		notes = append(notes, note(NoteGlossary, t))
	}
	if x.Previous != "" {
		notes = append(notes, note(NotePrevious, x.Previous))
	}
	if x.Note != "" {
		notes = append(notes, note(NoteTranslator, x.Note))
	}
	b.WriteString("   <notes>\n")
	for _, n := range notes {
		b.WriteString("    " + n + "\n")
	}
	b.WriteString("   </notes>\n")
	state := "initial"
	switch x.State {
	case catalog.StateTranslated, catalog.StateReviewed, catalog.StateFinal:
		state = x.State
	}
	fmt.Fprintf(b, `   <segment state="%s">`+"\n", state)
	fmt.Fprintf(b, "    <source>%s</source>\n", srcXML)
	if x.Target != "" {
		tgt, err := inline(x.Target, x.Spans)
		if err != nil {
			return &catalog.Error{File: path, Line: x.Line, ID: x.ID, Msg: err.Error()}
		}
		fmt.Fprintf(b, "    <target>%s</target>\n", tgt)
	}
	b.WriteString("   </segment>\n  </unit>\n")
	return nil
}

func note(category, text string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(text))
	return fmt.Sprintf(`<note category="%s">%s</note>`, category, b.String())
}

func attr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&quot;")
}

// inline converts the placeholder notation to XLIFF inline markup, typed
// by what each span is in the English.
func inline(s string, spans map[int]catalog.Span) (string, error) {
	ts, err := catalog.Tokenize(s)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var open []int // spans open, innermost last: <pc> must nest
	for _, t := range ts {
		switch t.Kind {
		case catalog.TextToken:
			xml.EscapeText(&b, []byte(t.Text))
		case catalog.OpenToken:
			open = append(open, t.N)
			sp := spans[t.N]
			fmt.Fprintf(&b, `<pc id="%d" canDelete="no"%s>`, t.N, pcType(sp))
			if sp.Verbatim {
				fmt.Fprintf(&b, `<mrk id="m%d" translate="no">`, t.N)
			}
		case catalog.CloseToken:
			switch {
			case len(open) == 0:
				return "", fmt.Errorf("closing </%d> without opening <%d>", t.N, t.N)
			case open[len(open)-1] != t.N:
				return "", fmt.Errorf("</%d> closes while <%d> is open: tags must nest", t.N, open[len(open)-1])
			}
			open = open[:len(open)-1]
			if spans[t.N].Verbatim {
				b.WriteString("</mrk>")
			}
			b.WriteString("</pc>")
		case catalog.EmptyToken:
			fmt.Fprintf(&b, `<ph id="%d" canDelete="no" type="fmt" subType="xlf:lb" equiv="&#10;" disp="↵"/>`, t.N)
		case catalog.NoteToken:
			fmt.Fprintf(&b, `<ph id="n%s" canDelete="no" canCopy="no" type="other" subType="press:noteref" equiv="{n:%s}" disp="[%s]"/>`, attr(t.Text), attr(t.Text), attr(t.Text))
		}
	}
	if len(open) > 0 {
		return "", fmt.Errorf("<%d> is never closed", open[len(open)-1])
	}
	return b.String(), nil
}

// pcType types a span: emphasis and strong as formatting, a link with its
// URL (never offered for translation), code as code.
func pcType(sp catalog.Span) string {
	switch sp.Kind {
	case "emph":
		return ` type="fmt" subType="xlf:i" dispStart="&lt;i&gt;" dispEnd="&lt;/i&gt;"`
	case "strong":
		return ` type="fmt" subType="xlf:b" dispStart="&lt;b&gt;" dispEnd="&lt;/b&gt;"`
	case "link":
		return fmt.Sprintf(` type="link" dispStart="%s" dispEnd="&lt;/a&gt;"`, attr("<a href="+sp.URL+">"))
	case "code":
		return ` type="other" subType="press:code" dispStart="&lt;code&gt;" dispEnd="&lt;/code&gt;"`
	}
	return ""
}

// Unit is one imported unit.
type Unit struct {
	File     string // the <file> id: "document" or "edition"
	ID       string
	Source   string // the English the translator saw, in the placeholder notation
	Target   string
	State    string // the lowest state of its segments
	Previous string // a stale unit's earlier English (a "previous" note)
	Note     string // the translator's notes, joined by blank lines
	Line     int    // of the <unit> element
	// Forms are an edition string's plural forms (segments named by CLDR
	// category: "one", "few"…), when it has them.
	Forms map[string]string
	// States are the plural forms' states.
	forms []form
}

type form struct {
	name, source, target, state string
}

// Imports converts the document units for catalog.Import.
func Imports(units []Unit) []catalog.Imported {
	var out []catalog.Imported
	for _, u := range units {
		if u.File == "edition" {
			continue
		}
		out = append(out, catalog.Imported{ID: u.ID, Source: u.Source, Previous: u.Previous, Target: u.Target, State: importState(u.State), Note: u.Note, Line: u.Line})
	}
	return out
}

func importState(s string) string {
	switch s {
	case "translated", "reviewed", "final":
		return s
	}
	return catalog.StateDraft
}

// stateRank orders XLIFF states; a unit is as far as its least segment.
var stateRank = map[string]int{"": 0, "initial": 0, "translated": 1, "reviewed": 2, "final": 3}

// Parse reads an XLIFF 2.x file. Targets, sources and notes come back in
// the placeholder notation, the segments of a unit joined. Errors are one
// line with the line of the file:
// "XLIFF line 12: unit intro.p1: unknown inline element <b>".
func Parse(data []byte) (lang string, units []Unit, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	fail := func(id string, err error) error {
		line, _ := d.InputPos()
		msg := err.Error()
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			line, msg = se.Line, se.Msg
		}
		if id != "" {
			msg = "unit " + id + ": " + msg
		}
		return fmt.Errorf("XLIFF line %d: %s", line, oneLine(msg))
	}
	cur := -1
	file := ""
	segState, segName, first := "", "", true
	var unitNotes []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", nil, fail("", err)
		}
		if ee, ok := tok.(xml.EndElement); ok && isXLIFF(ee.Name) && ee.Name.Local == "unit" && cur >= 0 {
			units[cur].Note = strings.Join(unitNotes, "\n\n")
			finishForms(&units[cur])
			cur = -1 // a note after it (a group's, a file's) is not its
			continue
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !isXLIFF(se.Name) {
			// Another namespace (match suggestions, a tool's metadata):
			// not the translation, whatever XLIFF it holds.
			if err := d.Skip(); err != nil {
				return "", nil, fail("", err)
			}
			continue
		}
		id := ""
		if cur >= 0 {
			id = units[cur].ID
		}
		switch se.Name.Local {
		case "xliff":
			lang = attrOf(se, "trgLang")
		case "file":
			file = attrOf(se, "id")
		case "unit":
			line, _ := d.InputPos()
			units = append(units, Unit{File: file, ID: attrOf(se, "id"), Line: line, State: "final"})
			cur, first, unitNotes = len(units)-1, true, nil
		case "note":
			text, err := readText(d)
			if err != nil {
				return "", nil, fail(id, err)
			}
			if cur < 0 {
				continue
			}
			switch attrOf(se, "category") {
			case NotePrevious:
				units[cur].Previous = text
			case NoteContext, NoteGlossary:
				// press's own context: not the translator's
			default:
				unitNotes = append(unitNotes, text)
			}
		case "segment", "ignorable":
			if cur < 0 {
				return "", nil, fail("", fmt.Errorf("<%s> outside a unit", se.Name.Local))
			}
			if se.Name.Local == "segment" {
				segState = attrOf(se, "state")
				if stateRank[segState] < stateRank[units[cur].State] || first {
					if segState == "" {
						segState = "initial"
					}
					units[cur].State = segState
				}
				first = false
				segName = attrOf(se, "id")
			} else {
				segName = ""
			}
		case "source", "target":
			if cur < 0 {
				return "", nil, fail("", fmt.Errorf("<%s> outside a unit", se.Name.Local))
			}
			s, err := readInline(d, se.Name.Local)
			if err != nil {
				return "", nil, fail(id, err)
			}
			u := &units[cur]
			if u.File == "edition" && catalog.IsPluralForm(segName) {
				addForm(u, segName, se.Name.Local, s, segState)
				continue
			}
			if se.Name.Local == "source" {
				u.Source += s
			} else {
				u.Target += s
			}
		}
	}
	return lang, units, nil
}

func addForm(u *Unit, name, which, text, state string) {
	for i := range u.forms {
		if u.forms[i].name == name {
			if which == "source" {
				u.forms[i].source = text
			} else {
				u.forms[i].target = text
			}
			return
		}
	}
	f := form{name: name, state: state}
	if which == "source" {
		f.source = text
	} else {
		f.target = text
	}
	u.forms = append(u.forms, f)
}

// finishForms puts an edition string's plural forms in place: the "other"
// form is its text.
func finishForms(u *Unit) {
	if len(u.forms) == 0 {
		return
	}
	u.Forms = map[string]string{}
	for _, f := range u.forms {
		u.Forms[f.name] = f.target
		if f.name == "other" {
			u.Source, u.Target = f.source, f.target
		}
	}
}

func isXLIFF(n xml.Name) bool {
	return n.Space == "" || n.Space == Namespace
}

// oneLine keeps a message on one line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

func attrOf(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name && (a.Name.Space == "" || a.Name.Space == Namespace) {
			return a.Value
		}
	}
	return ""
}

// readText reads an element's text (a note).
func readText(d *xml.Decoder) (string, error) {
	var b strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
		}
	}
}

// readInline turns source or target markup back into the placeholder
// notation: <pc> and <sc>/<ec> are spans, <ph> a line break or a note
// reference, <mrk>/<sm>/<em> annotations (their text kept), <cp> a
// character.
func readInline(d *xml.Decoder, end string) (string, error) {
	var ts []catalog.Token
	var open []int // <pc> spans open, innermost last
	var mrks []bool
	sc := map[string]int{} // <sc id> -> span
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			ts = append(ts, catalog.Token{Kind: catalog.TextToken, Text: string(t)})
		case xml.StartElement:
			if !isXLIFF(t.Name) {
				if err := d.Skip(); err != nil {
					return "", err
				}
				continue
			}
			id := attrOf(t, "id")
			switch t.Name.Local {
			case "pc":
				n, err := spanNumber(id)
				if err != nil {
					return "", fmt.Errorf("<pc id=%q>: not a span of the source", id)
				}
				open = append(open, n)
				ts = append(ts, catalog.Token{Kind: catalog.OpenToken, N: n})
			case "sc":
				n, err := spanNumber(id)
				if err != nil {
					return "", fmt.Errorf("<sc id=%q>: not a span of the source", id)
				}
				sc[id] = n
				ts = append(ts, catalog.Token{Kind: catalog.OpenToken, N: n})
				if err := d.Skip(); err != nil {
					return "", err
				}
			case "ec":
				ref := attrOf(t, "startRef")
				n, ok := sc[ref]
				if !ok {
					// An isolated end code names its span by id.
					var err error
					if n, err = spanNumber(id); err != nil || ref != "" {
						return "", fmt.Errorf("<ec startRef=%q>: no <sc> opened it", ref)
					}
				}
				ts = append(ts, catalog.Token{Kind: catalog.CloseToken, N: n})
				if err := d.Skip(); err != nil {
					return "", err
				}
			case "ph":
				if strings.HasPrefix(id, "n") && len(id) > 1 {
					ts = append(ts, catalog.Token{Kind: catalog.NoteToken, Text: id[1:]})
				} else {
					n, err := spanNumber(id)
					if err != nil {
						return "", fmt.Errorf("<ph id=%q>: unknown code", id)
					}
					ts = append(ts, catalog.Token{Kind: catalog.EmptyToken, N: n})
				}
				if err := d.Skip(); err != nil {
					return "", err
				}
			case "mrk":
				mrks = append(mrks, true)
			case "sm", "em":
				if err := d.Skip(); err != nil {
					return "", err
				}
			case "cp":
				r, err := strconv.ParseUint(attrOf(t, "hex"), 16, 32)
				if err != nil {
					return "", fmt.Errorf("<cp hex=%q>: not a code point", attrOf(t, "hex"))
				}
				ts = append(ts, catalog.Token{Kind: catalog.TextToken, Text: string(rune(r))})
				if err := d.Skip(); err != nil {
					return "", err
				}
			default:
				return "", fmt.Errorf("unknown inline element <%s>", t.Name.Local)
			}
		case xml.EndElement:
			if !isXLIFF(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "pc":
				if len(open) == 0 {
					return "", fmt.Errorf("</pc> without <pc>")
				}
				ts = append(ts, catalog.Token{Kind: catalog.CloseToken, N: open[len(open)-1]})
				open = open[:len(open)-1]
			case "mrk":
				if len(mrks) > 0 {
					mrks = mrks[:len(mrks)-1]
				}
			case end:
				return catalog.Join(ts), nil
			}
		}
	}
}

func spanNumber(id string) (int, error) {
	n, err := strconv.Atoi(id)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad span %q", id)
	}
	return n, nil
}

// writeEdition writes the edition strings as a second file.
func writeEdition(b *bytes.Buffer, english, c *catalog.Catalogue) {
	fmt.Fprintf(b, ` <file id="edition" original="%s">`+"\n", attr(c.Edition.Path))
	for _, x := range catalog.EditionUnits(english, c) {
		fmt.Fprintf(b, `  <unit id="%s">`+"\n", attr(x.ID))
		b.WriteString("   <notes>\n")
		b.WriteString("    " + note(NoteContext, "edition string: "+x.Description+"; keep {{.N}}, {{.Count}}, {{.Month}}, {{.Year}} as they are") + "\n")
		if x.Note != "" {
			b.WriteString("    " + note(NoteTranslator, x.Note) + "\n")
		}
		b.WriteString("   </notes>\n")
		state := "initial"
		switch x.State {
		case catalog.StateTranslated, catalog.StateReviewed, catalog.StateFinal:
			state = x.State
		}
		segment := func(id, source, target string) {
			if id != "" {
				id = ` id="` + id + `"`
			}
			fmt.Fprintf(b, `   <segment%s state="%s">`+"\n", id, state)
			fmt.Fprintf(b, "    <source>%s</source>\n", text(source))
			if target != "" {
				fmt.Fprintf(b, "    <target>%s</target>\n", text(target))
			}
			b.WriteString("   </segment>\n")
		}
		if len(x.Forms) == 0 {
			segment("", x.English, x.Target)
		}
		for _, f := range x.Forms {
			segment(f.Category, f.English, f.Target)
		}
		b.WriteString("  </unit>\n")
	}
	b.WriteString(" </file>\n")
}

func text(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// EditionImports converts the edition units for catalog.ImportEdition.
func EditionImports(units []Unit) []catalog.Imported {
	var out []catalog.Imported
	for _, u := range units {
		if u.File != "edition" {
			continue
		}
		forms := map[string]string{}
		for k, v := range u.Forms {
			forms[k] = raw(v)
		}
		out = append(out, catalog.Imported{ID: u.ID, Source: raw(u.Source), Target: raw(u.Target), Forms: forms, State: importState(u.State), Note: u.Note, Line: u.Line})
	}
	return out
}

// raw is an edition string's text: inline markup has no place in it, so
// the placeholder notation's escapes come off.
func raw(s string) string {
	ts, err := catalog.Tokenize(s)
	if err != nil {
		return s
	}
	var b strings.Builder
	for _, t := range ts {
		if t.Kind == catalog.TextToken {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}
