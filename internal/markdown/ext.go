package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// pandocInlines adds the inline syntax of pandoc's Markdown that goldmark
// lacks: ~~strikeout~~ and H~2~O (goldmark's own strikethrough takes one
// tilde as strikeout too), x^2^, inline notes ^[…] and $math$.
type pandocInlines struct{}

func (pandocInlines) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(tildeParser{}, 500),
		util.Prioritized(caretParser{}, 500),
		util.Prioritized(mathParser{}, 500),
	))
}

// subscript and superscript are the spans of one ~ or ^.
type scriptNode struct {
	ast.BaseInline
	Sup bool
}

var kindScript = ast.NewNodeKind("Script")

func (n *scriptNode) Kind() ast.NodeKind                { return kindScript }
func (n *scriptNode) Dump(source []byte, level int)     { ast.DumpHelper(n, source, level, nil, nil) }
func (n *inlineNoteNode) Kind() ast.NodeKind            { return kindInlineNote }
func (n *inlineNoteNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
func (n *mathNode) Kind() ast.NodeKind                  { return kindMath }
func (n *mathNode) Dump(source []byte, level int)       { ast.DumpHelper(n, source, level, nil, nil) }

type delim struct{ char byte }

func (d delim) IsDelimiter(b byte) bool { return b == d.char }
func (d delim) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char && opener.Length == closer.Length
}
func (d delim) OnMatch(consumes int) ast.Node {
	switch {
	case d.char == '~' && consumes == 2:
		return east.NewStrikethrough()
	case d.char == '^':
		return &scriptNode{Sup: true}
	}
	return &scriptNode{}
}

func scanDelim(block text.Reader, pc parser.Context, char byte) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	node := parser.ScanDelimiter(line, before, 1, delim{char})
	if node == nil || node.OriginalLength > 2 || before == rune(char) || (char == '^' && node.OriginalLength != 1) {
		return nil
	}
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

type tildeParser struct{}

func (tildeParser) Trigger() []byte { return []byte{'~'} }
func (tildeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	return scanDelim(block, pc, '~')
}

// caretParser reads ^[an inline note] and x^superscript^.
type caretParser struct{}

func (caretParser) Trigger() []byte { return []byte{'^'} }
func (caretParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) > 1 && line[1] == '[' {
		src := block.Source()
		start := seg.Start + 2
		end := matchBracket(src, start)
		if end < 0 {
			return nil
		}
		block.Advance(end + 1 - seg.Start)
		return &inlineNoteNode{Start: start, Stop: end}
	}
	return scanDelim(block, pc, '^')
}

// matchBracket finds the "]" that closes the "[" before from, skipping
// escapes, nested brackets and code spans; -1 when there is none before
// a blank line.
func matchBracket(src []byte, from int) int {
	depth := 0
	for i := from; i < len(src); i++ {
		switch c := src[i]; c {
		case '\\':
			i++
		case '`':
			j := i
			for j < len(src) && src[j] == '`' {
				j++
			}
			n := j - i
			for k := j; k < len(src); k++ {
				if src[k] == '`' {
					m := k
					for m < len(src) && src[m] == '`' {
						m++
					}
					if m-k == n {
						i = m - 1
						break
					}
					k = m
				}
			}
		case '[':
			depth++
		case ']':
			if depth == 0 {
				return i
			}
			depth--
		case '\n':
			if i+1 < len(src) && src[i+1] == '\n' {
				return -1
			}
		}
	}
	return -1
}

// inlineNoteNode is pandoc's ^[inline note]: the note's text is
// src[Start:Stop], read by the reader as a paragraph of its own.
type inlineNoteNode struct {
	ast.BaseInline
	Start, Stop int
}

var kindInlineNote = ast.NewNodeKind("InlineNote")

// mathNode is TeX math between $…$ or $$…$$ (src[Start:Stop]).
type mathNode struct {
	ast.BaseInline
	Start, Stop int
	Display     bool
}

var kindMath = ast.NewNodeKind("Math")

// mathParser follows pandoc's tex_math_dollars: the opening $ is followed
// by a non-space, the closing $ has a non-space before it and no digit
// after it; $$ … $$ is display math. Math stays on one line.
type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$'} }
func (mathParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) >= 2 && line[1] == '$' {
		for i := 2; i+1 < len(line); i++ {
			if line[i] == '\\' {
				i++
				continue
			}
			if line[i] == '$' && line[i+1] == '$' && i > 2 {
				block.Advance(i + 2)
				return &mathNode{Start: seg.Start + 2, Stop: seg.Start + i, Display: true}
			}
		}
		return nil
	}
	if len(line) < 3 || line[1] == ' ' || line[1] == '\t' || line[1] == '\n' {
		return nil
	}
	if b := block.PrecendingCharacter(); b == '\\' {
		return nil
	}
	for i := 1; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '$':
			prev := line[i-1]
			if prev == ' ' || prev == '\t' {
				return nil
			}
			if i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9' {
				return nil
			}
			block.Advance(i + 1)
			return &mathNode{Start: seg.Start + 1, Stop: seg.Start + i}
		}
	}
	return nil
}
