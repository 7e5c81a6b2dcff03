package catalog

import (
	"fmt"
	"strconv"
	"strings"
)

// TokenKind is a piece of a unit text in the placeholder notation.
type TokenKind int

// The kinds of token.
const (
	TextToken  TokenKind = iota // plain text (unescaped)
	OpenToken                   // <1>
	CloseToken                  // </1>
	EmptyToken                  // <2/>
	NoteToken                   // {n:7}
)

// Token is one piece of a unit text.
type Token struct {
	Kind TokenKind
	Text string // TextToken: the text; NoteToken: the note label
	N    int    // span number for Open/Close/Empty
}

// Tokenize splits a unit text into tokens without checking it against
// the English (Decode does that); exchange formats use it.
func Tokenize(s string) ([]Token, error) {
	var out []Token
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, Token{Kind: TextToken, Text: text.String()})
			text.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte(`\<{`, s[i+1]) >= 0:
			text.WriteByte(s[i+1])
			i += 2
		case c == '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return nil, fmt.Errorf("unterminated tag at %q", clip(s[i:]))
			}
			tag := s[i+1 : i+end]
			kind := OpenToken
			switch {
			case strings.HasPrefix(tag, "/"):
				kind, tag = CloseToken, tag[1:]
			case strings.HasSuffix(tag, "/"):
				kind, tag = EmptyToken, tag[:len(tag)-1]
			}
			n, err := strconv.Atoi(tag)
			if err != nil || n <= 0 {
				return nil, fmt.Errorf("unknown tag <%s>", Printable(s[i+1:i+end]))
			}
			flush()
			out = append(out, Token{Kind: kind, N: n})
			i += end + 1
		case c == '{' && strings.HasPrefix(s[i:], "{n:"):
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unterminated footnote reference at %q", clip(s[i:]))
			}
			flush()
			out = append(out, Token{Kind: NoteToken, Text: s[i+3 : i+end]})
			i += end + 1
		default:
			text.WriteByte(c)
			i++
		}
	}
	flush()
	return out, nil
}

// Join writes tokens back in the placeholder notation.
func Join(ts []Token) string {
	var b strings.Builder
	for _, t := range ts {
		switch t.Kind {
		case TextToken:
			b.WriteString(escape(t.Text))
		case OpenToken:
			b.WriteString("<" + strconv.Itoa(t.N) + ">")
		case CloseToken:
			b.WriteString("</" + strconv.Itoa(t.N) + ">")
		case EmptyToken:
			b.WriteString("<" + strconv.Itoa(t.N) + "/>")
		case NoteToken:
			b.WriteString("{n:" + t.Text + "}")
		}
	}
	return b.String()
}
