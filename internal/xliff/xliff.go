// Package xliff exchanges a language's catalogue with CAT tools as XLIFF
// 2.1: placeholders become <pc> (spans) and <ph> (line breaks, footnote
// references) inline codes, and the unit's state is initial, translated,
// reviewed or final.
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

// Export writes the catalogue c of the source document as XLIFF 2.1.
func Export(src *doc.Document, c *catalog.Catalogue) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="%s" trgLang="%s">`+"\n", attr(src.Meta.SourceLang), attr(c.Lang))
	fmt.Fprintf(&b, ` <file id="document" original="%s">`+"\n", attr(c.Document.Path))
	for _, u := range doc.Units(src) {
		en := catalog.SourceText(u)
		e := c.Document.Get(u.ID)
		state := "initial"
		target := ""
		if e != nil && strings.TrimSpace(e.Other) != "" {
			target = e.Other
			if e.Hash == catalog.Hash(en) {
				state = "translated"
			}
		}
		srcXML, err := inline(en)
		if err != nil {
			return nil, fmt.Errorf("%s: source: %v", u.ID, err)
		}
		fmt.Fprintf(&b, `  <unit id="%s">`+"\n", attr(u.ID))
		fmt.Fprintf(&b, `   <segment state="%s">`+"\n", state)
		fmt.Fprintf(&b, "    <source>%s</source>\n", srcXML)
		if target != "" {
			tgt, err := inline(target)
			if err != nil {
				return nil, &catalog.Error{File: c.Document.Path, Line: e.Line, ID: u.ID, Msg: err.Error()}
			}
			fmt.Fprintf(&b, "    <target>%s</target>\n", tgt)
		}
		b.WriteString("   </segment>\n  </unit>\n")
	}
	b.WriteString(" </file>\n</xliff>\n")
	return b.Bytes(), nil
}

func attr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&quot;")
}

// inline converts the placeholder notation to XLIFF inline markup.
func inline(s string) (string, error) {
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
			fmt.Fprintf(&b, `<pc id="%d">`, t.N)
		case catalog.CloseToken:
			switch {
			case len(open) == 0:
				return "", fmt.Errorf("closing </%d> without opening <%d>", t.N, t.N)
			case open[len(open)-1] != t.N:
				return "", fmt.Errorf("</%d> closes while <%d> is open: tags must nest", t.N, open[len(open)-1])
			}
			open = open[:len(open)-1]
			b.WriteString("</pc>")
		case catalog.EmptyToken:
			fmt.Fprintf(&b, `<ph id="%d"/>`, t.N)
		case catalog.NoteToken:
			fmt.Fprintf(&b, `<ph id="n%s" equiv="{n:%s}" disp="%s"/>`, attr(t.Text), attr(t.Text), attr(t.Text))
		}
	}
	if len(open) > 0 {
		return "", fmt.Errorf("<%d> is never closed", open[len(open)-1])
	}
	return b.String(), nil
}

// Unit is one imported translation.
type Unit struct {
	ID, Target, State string
	Line              int // of the <unit> element
}

// Parse reads an XLIFF 2.x file into units with targets in the placeholder
// notation. Errors are one line with the line of the file:
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
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", nil, fail("", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "xliff":
			lang = attrOf(se, "trgLang")
		case "unit":
			line, _ := d.InputPos()
			units = append(units, Unit{ID: attrOf(se, "id"), Line: line})
			cur = len(units) - 1
		case "segment":
			if cur >= 0 {
				units[cur].State = attrOf(se, "state")
			}
		case "target":
			if cur < 0 {
				return "", nil, fail("", errors.New("<target> outside a unit"))
			}
			s, err := readInline(d, "target")
			if err != nil {
				return "", nil, fail(units[cur].ID, err)
			}
			units[cur].Target = s
		}
	}
	return lang, units, nil
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
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// readInline turns target markup back into the placeholder notation.
func readInline(d *xml.Decoder, end string) (string, error) {
	var ts []catalog.Token
	var open []int
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			ts = append(ts, catalog.Token{Kind: catalog.TextToken, Text: string(t)})
		case xml.StartElement:
			id := attrOf(t, "id")
			switch t.Name.Local {
			case "pc":
				n, err := strconv.Atoi(id)
				if err != nil || n <= 0 {
					return "", fmt.Errorf("<pc id=%q>: not a span of the source", id)
				}
				open = append(open, n)
				ts = append(ts, catalog.Token{Kind: catalog.OpenToken, N: n})
			case "ph":
				if strings.HasPrefix(id, "n") {
					ts = append(ts, catalog.Token{Kind: catalog.NoteToken, Text: id[1:]})
				} else {
					n, err := strconv.Atoi(id)
					if err != nil || n <= 0 {
						return "", fmt.Errorf("<ph id=%q>: unknown code", id)
					}
					ts = append(ts, catalog.Token{Kind: catalog.EmptyToken, N: n})
				}
				if err := d.Skip(); err != nil {
					return "", err
				}
			default:
				return "", fmt.Errorf("unknown inline element <%s>", t.Name.Local)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "pc":
				if len(open) == 0 {
					return "", fmt.Errorf("</pc> without <pc>")
				}
				ts = append(ts, catalog.Token{Kind: catalog.CloseToken, N: open[len(open)-1]})
				open = open[:len(open)-1]
			case end:
				return catalog.Join(ts), nil
			}
		}
	}
}
