package markdown

import (
	"regexp"
	"slices"
	"strings"

	"github.com/press/press/internal/doc"
	"golang.org/x/net/html"
)

// htmlFolder turns raw HTML (a block, or the tags between a paragraph's
// inlines) into the model: comments go, the text stays, the tags press
// understands become spans, line breaks, images and paragraph breaks;
// any other tag is dropped with one warning naming it.
type htmlFolder struct {
	r       *reader
	off     int  // where the HTML is, for messages
	block   bool // a block: paragraph tags split paragraphs
	stack   []*htmlFrame
	out     []doc.Block
	unknown []string
}

type htmlFrame struct {
	tag     string
	href    string
	content []doc.Inline
}

func newHTMLFolder(r *reader, block bool, off int) *htmlFolder {
	return &htmlFolder{r: r, off: off, block: block, stack: []*htmlFrame{{}}}
}

var spanTags = map[string]bool{"em": true, "i": true, "strong": true, "b": true, "sup": true, "sub": true,
	"kbd": true, "code": true, "tt": true, "samp": true, "s": true, "del": true, "strike": true, "a": true}

// Block tags end a paragraph in a block; inside a paragraph they are
// ignored like any tag press does not draw, but without a warning.
var breakTags = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "tr": true, "table": true, "ul": true, "ol": true, "blockquote": true, "pre": true, "center": true,
	"section": true, "details": true, "summary": true, "dl": true, "dt": true, "dd": true, "figure": true, "figcaption": true}

// quietTags carry nothing press prints (layout only).
var quietTags = map[string]bool{"p": true, "span": true, "small": true, "picture": true, "source": true, "tbody": true, "thead": true, "td": true, "th": true}

func (f *htmlFolder) top() *htmlFrame { return f.stack[len(f.stack)-1] }

func (f *htmlFolder) add(ins ...doc.Inline) { f.top().content = append(f.top().content, ins...) }

func (f *htmlFolder) feed(raw string) {
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			f.add(&doc.Text{Text: string(z.Text())})
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			f.start(tok, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			tok := z.Token()
			f.end(tok.Data)
		}
	}
}

func attr(tok html.Token, name string) string {
	for _, a := range tok.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func (f *htmlFolder) start(tok html.Token, selfClosing bool) {
	name := tok.Data
	switch {
	case name == "br":
		f.add(&doc.LineBreak{})
	case name == "img":
		alt := attr(tok, "alt")
		var content []doc.Inline
		if alt != "" {
			content = []doc.Inline{&doc.Text{Text: alt}}
		}
		img, err := f.r.image(attr(tok, "src"), attr(tok, "title"), content, f.off)
		if err != nil {
			img = &doc.Image{URL: attr(tok, "src"), Content: content}
		}
		f.add(img)
	case name == "hr":
		if f.block {
			f.breakParagraph()
			f.out = append(f.out, &doc.ThematicBreak{})
		}
	case spanTags[name] && !selfClosing:
		f.stack = append(f.stack, &htmlFrame{tag: name, href: attr(tok, "href")})
	case f.block && breakTags[name]:
		f.breakParagraph()
	case name == "li" || name == "p" || name == "div" || name == "tr":
		// Inside a paragraph (a table cell): a new line, a list item
		// its bullet.
		if len(f.top().content) > 0 {
			f.add(&doc.LineBreak{})
		}
		if name == "li" {
			f.add(&doc.Text{Text: "• "})
		}
	case breakTags[name] || quietTags[name]:
	default:
		f.unknownTag(name)
	}
}

func (f *htmlFolder) unknownTag(name string) {
	if !slices.Contains(f.unknown, name) {
		f.unknown = append(f.unknown, name)
	}
}

func (f *htmlFolder) end(name string) {
	if spanTags[name] {
		for i := len(f.stack) - 1; i > 0; i-- {
			if f.stack[i].tag == name {
				for len(f.stack) > i {
					f.close()
				}
				return
			}
		}
		return // a stray end tag
	}
	if f.block && breakTags[name] {
		f.breakParagraph()
		return
	}
	if !breakTags[name] && !quietTags[name] && name != "br" && name != "img" && name != "hr" {
		f.unknownTag(name)
	}
}

// close ends the innermost span.
func (f *htmlFolder) close() {
	fr := f.top()
	f.stack = f.stack[:len(f.stack)-1]
	c := fr.content
	var in doc.Inline
	switch fr.tag {
	case "em", "i":
		in = &doc.Emph{Content: c}
	case "strong", "b":
		in = &doc.Strong{Content: c}
	case "sup":
		in = &doc.Sup{Content: c}
	case "sub":
		in = &doc.Sub{Content: c}
	case "kbd", "code", "tt", "samp":
		in = &doc.Code{Text: doc.PlainText(c)}
	case "s", "del", "strike":
		in = &doc.Strike{Content: c}
	case "a":
		f.add(f.r.link(fr.href, c, f.off)...)
		return
	}
	f.add(in)
}

// finish closes what is open and gives the inline content.
func (f *htmlFolder) finish() []doc.Inline {
	for len(f.stack) > 1 {
		f.close()
	}
	return f.stack[0].content
}

var spaceRun = regexp.MustCompile(`[ \t\r\n]+`)

// breakParagraph ends the paragraph being gathered in a block.
func (f *htmlFolder) breakParagraph() {
	ins := f.finish()
	f.stack[0].content = nil
	for _, in := range ins {
		if t, ok := in.(*doc.Text); ok {
			t.Text = spaceRun.ReplaceAllString(t.Text, " ")
		}
	}
	ins = trimInlines(mergeText(ins))
	if len(ins) > 0 {
		f.out = append(f.out, &doc.Paragraph{Content: ins})
	}
}

func (f *htmlFolder) blocks() []doc.Block {
	f.breakParagraph()
	return f.out
}

// warn says once which tags were dropped.
func (f *htmlFolder) warn(off int) {
	if len(f.unknown) > 0 {
		f.r.warnAt(off, "raw HTML <%s>: the tags are not printed, their text is kept", strings.Join(f.unknown, ">, <"))
	}
}
