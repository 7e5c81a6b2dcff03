package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// fencedDiv is a pandoc-style fenced div:
//
//	::: pullquote
//	…
//	:::
//
//	::: {.figure #fig-id kind=graph src="figures/x.png" alt="…"}
//	…
//	:::
type fencedDiv struct {
	ast.BaseBlock
	Class  string
	ID     string
	Attrs  map[string]string
	Offset int // byte offset of the opening fence, for error messages
	Closed bool
	Err    string // a malformed attribute list, reported by the converter
}

var kindFencedDiv = ast.NewNodeKind("FencedDiv")

func (n *fencedDiv) Kind() ast.NodeKind { return kindFencedDiv }

func (n *fencedDiv) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"class": n.Class, "id": n.ID}, nil)
}

type fencedDivParser struct{}

func (fencedDivParser) Trigger() []byte { return []byte{':'} }

func (fencedDivParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 {
		return nil, parser.NoChildren
	}
	rest := line[pos:]
	n := 0
	for n < len(rest) && rest[n] == ':' {
		n++
	}
	if n < 3 {
		return nil, parser.NoChildren
	}
	info := strings.TrimSpace(string(rest[n:]))
	info = strings.TrimRight(info, ":")
	info = strings.TrimSpace(info)
	if info == "" {
		// A bare ":::" closes a div; it never opens one.
		return nil, parser.NoChildren
	}
	div := &fencedDiv{Attrs: map[string]string{}, Offset: seg.Start + pos}
	if err := parseDivInfo(info, div); err != nil {
		div.Err = err.Error()
	}
	reader.AdvanceToEOL()
	return div, parser.HasChildren
}

func (fencedDivParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w < 4 {
		rest := line[pos:]
		n := 0
		for n < len(rest) && rest[n] == ':' {
			n++
		}
		if n >= 3 && util.IsBlank(rest[n:]) {
			node.(*fencedDiv).Closed = true
			reader.AdvanceToEOL()
			return parser.Close
		}
	}
	return parser.Continue | parser.HasChildren
}

func (fencedDivParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (fencedDivParser) CanInterruptParagraph() bool                                { return true }
func (fencedDivParser) CanAcceptIndentedLine() bool                                { return false }

// parseDivInfo reads "pullquote" or "{.figure #id key=value key="v w"}".
func parseDivInfo(info string, div *fencedDiv) error {
	if !strings.HasPrefix(info, "{") {
		if strings.ContainsAny(info, " \t{}") {
			return fmt.Errorf("div class %q: expected one word or an attribute list in braces", info)
		}
		div.Class = info
		return nil
	}
	if !strings.HasSuffix(info, "}") {
		return fmt.Errorf("attribute list %q: missing closing brace", info)
	}
	s := strings.TrimSpace(info[1 : len(info)-1])
	for s != "" {
		var tok string
		if i := strings.IndexAny(s, " \t"); i >= 0 && !strings.Contains(s[:i], "=\"") {
			tok, s = s[:i], strings.TrimSpace(s[i:])
		} else if j := strings.Index(s, "=\""); j >= 0 && (strings.IndexAny(s, " \t") < 0 || j < strings.IndexAny(s, " \t")) {
			end := strings.Index(s[j+2:], "\"")
			if end < 0 {
				return fmt.Errorf("attribute list %q: unterminated quoted value", info)
			}
			tok, s = s[:j+2+end+1], strings.TrimSpace(s[j+2+end+1:])
		} else {
			tok, s = s, ""
		}
		switch {
		case strings.HasPrefix(tok, "."):
			if div.Class == "" {
				div.Class = tok[1:]
			}
		case strings.HasPrefix(tok, "#"):
			div.ID = tok[1:]
		case strings.Contains(tok, "="):
			k, v, _ := strings.Cut(tok, "=")
			div.Attrs[k] = strings.Trim(v, "\"")
		default:
			return fmt.Errorf("attribute list %q: unexpected %q", info, tok)
		}
	}
	return nil
}

type fencedDivExtension struct{}

func (fencedDivExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(fencedDivParser{}, 90)))
}
