package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/press/press/internal/doc"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// firstPlace counts a kind of warning said once per document.
type firstPlace struct {
	n, off int
}

func (r *reader) note(p **firstPlace, off int) {
	if *p == nil {
		*p = &firstPlace{off: off}
	}
	(*p).n++
}

func (r *reader) warnAt(off int, format string, args ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf("%s:%d: %s", r.file, mustLine(r.src, off), fmt.Sprintf(format, args...)))
}

// flushWarnings says the once-per-document warnings.
func (r *reader) flushWarnings() {
	if r.math != nil {
		r.warnAt(r.math.off, "%d TeX math expression(s) ($…$) are shown as code: press does not typeset math", r.math.n)
	}
}

// pendingLink is an internal link, checked when every id is known.
type pendingLink struct {
	link *doc.Link
	off  int
}

// block context: where a block sits decides what it may be and how its
// paragraphs' units are named.
type context struct {
	nested bool // inside a list item, quotation, note or definition
	quote  bool
}

// mark records the manuscript line of a unit.
func (r *reader) mark(id string, off int) {
	if r.d.Meta.Lines == nil {
		r.d.Meta.Lines = map[string]int{}
	}
	r.d.Meta.Lines[id] = mustLine(r.src, off)
}

func (r *reader) convert(root ast.Node, d *doc.Document) error {
	r.d = d
	r.notes = map[int]*doc.Note{}
	r.cited = map[*doc.Note]int{}
	r.ids = map[string]int{}
	r.autoIDs = map[string]int{}
	r.counters = map[string]int{}
	r.section = "body"
	// Notes first: paragraphs cite them by goldmark's index.
	var lists []*east.FootnoteList
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if list, ok := n.(*east.FootnoteList); ok {
			lists = append(lists, list)
			for c := list.FirstChild(); c != nil; c = c.NextSibling() {
				fn := c.(*east.Footnote)
				note := &doc.Note{Label: string(fn.Ref), ID: "fn." + string(fn.Ref)}
				r.notes[fn.Index] = note
			}
		}
	}
	for _, list := range lists {
		for c := list.FirstChild(); c != nil; c = c.NextSibling() {
			fn := c.(*east.Footnote)
			note := r.notes[fn.Index]
			r.mark(note.ID, r.offset(fn))
			if err := r.noteBody(note, fn); err != nil {
				return err
			}
			d.Notes = append(d.Notes, note)
		}
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*east.FootnoteList); ok {
			continue
		}
		bs, err := r.block(n, context{})
		if err != nil {
			return err
		}
		d.Blocks = append(d.Blocks, bs...)
	}
	// Inline notes were made while the body was read.
	d.Notes = append(d.Notes, r.pendingNotes...)
	return nil
}

// noteBody reads a note: its paragraphs up to the first other block are
// its text (joined by line breaks, as editions print a note as one
// paragraph); the rest are its blocks.
func (r *reader) noteBody(note *doc.Note, parent ast.Node) error {
	var content []doc.Inline
	p := parent.FirstChild()
	for ; p != nil && (p.Kind() == ast.KindParagraph || p.Kind() == ast.KindTextBlock); p = p.NextSibling() {
		ins, err := r.inlines(p)
		if err != nil {
			return err
		}
		if len(content) > 0 {
			content = append(content, &doc.LineBreak{})
		}
		content = append(content, ins...)
	}
	note.Content = trimInlines(content)
	section := r.section
	r.section = note.ID
	defer func() { r.section = section }()
	for ; p != nil; p = p.NextSibling() {
		bs, err := r.block(p, context{nested: true})
		if err != nil {
			return err
		}
		note.Blocks = append(note.Blocks, bs...)
	}
	return nil
}

// children converts the blocks under n.
func (r *reader) children(n ast.Node, ctx context) ([]doc.Block, error) {
	var out []doc.Block
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		bs, err := r.block(c, ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, bs...)
	}
	return out, nil
}

var explicitIDRe = regexp.MustCompile(`^[\pL\pN][\pL\pN_.-]*$`)

// autoID is pandoc's auto_identifiers rule: the heading's text in lower
// case, without what is not a letter, digit, "_", "-" or ".", spaces
// made hyphens, everything before the first letter dropped; "section"
// when nothing is left. Cyrillic and Han letters are kept, as pandoc does.
func autoID(s string) string {
	var b strings.Builder
	started := false
	for _, c := range strings.ToLower(s) {
		if !started {
			if !unicode.IsLetter(c) {
				continue
			}
			started = true
		}
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' || c == '-' || c == '.':
			b.WriteRune(c)
		case unicode.IsSpace(c):
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// uniqueID makes an automatic id unique as pandoc does: id, id-1, id-2 …
func (r *reader) uniqueID(id string) string {
	if _, used := r.ids[id]; !used {
		return id
	}
	for i := r.autoIDs[id] + 1; ; i++ {
		c := id + "-" + strconv.Itoa(i)
		if _, used := r.ids[c]; !used {
			r.autoIDs[id] = i
			return c
		}
	}
}

func (r *reader) heading(n *ast.Heading) (doc.Block, error) {
	off := r.offset(n)
	ins, err := r.inlines(n)
	if err != nil {
		return nil, err
	}
	var ids string
	if id, ok := n.AttributeString("id"); ok {
		ids = string(id.([]byte))
		if !explicitIDRe.MatchString(ids) {
			return nil, r.errAt(off, "heading id %q: use letters, digits, hyphens, underscores and periods, starting with a letter or digit", ids)
		}
	} else {
		ids = r.uniqueID(autoID(doc.PlainText(ins)))
	}
	if err := r.useID(ids, off); err != nil {
		return nil, err
	}
	if r.level > 0 && n.Level > r.level+1 {
		r.warnAt(off, "heading level %d follows level %d (a level is skipped)", n.Level, r.level)
	}
	r.level = n.Level
	numbered := !r.opt.Unnumbered
	if cl, ok := n.AttributeString("class"); ok && bytes.Contains(cl.([]byte), []byte("unnumbered")) {
		numbered = false
	}
	r.section = ids
	r.mark(ids, off)
	return &doc.Heading{ID: ids, Level: n.Level, Numbered: numbered, Content: trimInlines(ins)}, nil
}

func (r *reader) paragraph(n ast.Node, ctx context) (*doc.Paragraph, error) {
	ins, err := r.inlines(n)
	if err != nil {
		return nil, err
	}
	kind := "p"
	if ctx.quote {
		kind = "quote"
	}
	id := r.nextID(kind)
	r.mark(id, r.offset(n))
	return &doc.Paragraph{ID: id, Content: trimInlines(ins)}, nil
}

func (r *reader) block(n ast.Node, ctx context) ([]doc.Block, error) {
	one := func(b doc.Block, err error) ([]doc.Block, error) {
		if err != nil || b == nil {
			return nil, err
		}
		return []doc.Block{b}, nil
	}
	switch n := n.(type) {
	case *ast.Heading:
		if ctx.nested {
			// A heading inside a list item or quotation: a bold paragraph
			// (the contents and chapters are the body's headings).
			p, err := r.paragraph(n, ctx)
			if err != nil {
				return nil, err
			}
			p.Content = []doc.Inline{&doc.Strong{Content: p.Content}}
			return []doc.Block{p}, nil
		}
		return one(r.heading(n))
	case *ast.Paragraph, *ast.TextBlock:
		p, err := r.paragraph(n, ctx)
		if err != nil || len(p.Content) == 0 {
			return nil, err
		}
		return []doc.Block{p}, nil
	case *ast.Blockquote:
		bs, err := r.children(n, context{nested: true, quote: true})
		if err != nil {
			return nil, err
		}
		return []doc.Block{&doc.BlockQuote{Blocks: bs}}, nil
	case *ast.List:
		return one(r.list(n, ctx))
	case *ast.ThematicBreak:
		return []doc.Block{&doc.ThematicBreak{}}, nil
	case *fencedDiv:
		if ctx.nested {
			return nil, r.errAt(n.Offset, "a %q div cannot stand inside a list, quotation or note", n.Class)
		}
		return one(r.div(n))
	case *ast.HTMLBlock:
		return r.htmlBlock(n, ctx)
	case *ast.FencedCodeBlock:
		return []doc.Block{&doc.CodeBlock{Lang: string(n.Language(r.src)), Text: r.codeText(n)}}, nil
	case *ast.CodeBlock:
		return []doc.Block{&doc.CodeBlock{Text: r.codeText(n)}}, nil
	case *east.Table:
		return one(r.table(n))
	case *east.DefinitionList:
		return one(r.definitions(n, ctx))
	case *ast.LinkReferenceDefinition:
		return nil, nil // goldmark has resolved the references
	}
	return nil, r.errAt(r.offset(n), "unsupported block %s", n.Kind())
}

// codeText is a code block's text, tabs expanded to stops of 4 (as
// pandoc does), without the last newline.
func (r *reader) codeText(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		col := 0
		for _, c := range string(seg.Value(r.src)) {
			switch c {
			case '\t':
				k := 4 - col%4
				b.WriteString(strings.Repeat(" ", k))
				col += k
			case '\n':
				b.WriteRune(c)
				col = 0
			default:
				b.WriteRune(c)
				col++
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func (r *reader) list(n *ast.List, ctx context) (*doc.List, error) {
	l := &doc.List{Ordered: n.IsOrdered(), Start: n.Start}
	inner := context{nested: true, quote: ctx.quote}
	for it := n.FirstChild(); it != nil; it = it.NextSibling() {
		item := &doc.ListItem{ID: r.nextID("item")}
		r.mark(item.ID, r.offset(it))
		c := it.FirstChild()
		if c != nil && (c.Kind() == ast.KindParagraph || c.Kind() == ast.KindTextBlock) {
			if cb, ok := c.FirstChild().(*east.TaskCheckBox); ok {
				item.Task = doc.TaskOpen
				if cb.IsChecked {
					item.Task = doc.TaskDone
				}
			}
			ins, err := r.inlines(c)
			if err != nil {
				return nil, err
			}
			item.Content = trimInlines(ins)
			c = c.NextSibling()
		}
		for ; c != nil; c = c.NextSibling() {
			bs, err := r.block(c, inner)
			if err != nil {
				return nil, err
			}
			item.Blocks = append(item.Blocks, bs...)
		}
		l.Items = append(l.Items, item)
	}
	return l, nil
}

func (r *reader) table(n *east.Table) (*doc.Table, error) {
	key := r.nextID("table")
	t := &doc.Table{}
	for _, a := range n.Alignments {
		t.Align = append(t.Align, map[east.Alignment]doc.Align{east.AlignLeft: doc.AlignLeft, east.AlignCenter: doc.AlignCenter, east.AlignRight: doc.AlignRight}[a])
	}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		head := row.Kind() == east.KindTableHeader
		var cells []*doc.Cell
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			ins, err := r.inlines(c)
			if err != nil {
				return nil, err
			}
			prefix := "r" + strconv.Itoa(len(t.Rows)+1)
			if head {
				prefix = "h" + strconv.Itoa(len(t.Head)+1)
			}
			id := key + "." + prefix + "c" + strconv.Itoa(len(cells)+1)
			r.mark(id, r.offset(row))
			cells = append(cells, &doc.Cell{ID: id, Content: trimInlines(ins)})
		}
		if head {
			t.Head = append(t.Head, cells)
		} else {
			t.Rows = append(t.Rows, cells)
		}
	}
	return t, nil
}

func (r *reader) definitions(n *east.DefinitionList, ctx context) (*doc.DefinitionList, error) {
	dl := &doc.DefinitionList{}
	inner := context{nested: true, quote: ctx.quote}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case east.KindDefinitionTerm:
			ins, err := r.inlines(c)
			if err != nil {
				return nil, err
			}
			id := r.nextID("term")
			r.mark(id, r.offset(c))
			dl.Items = append(dl.Items, &doc.Definition{ID: id, Term: trimInlines(ins)})
		case east.KindDefinitionDescription:
			if len(dl.Items) == 0 {
				dl.Items = append(dl.Items, &doc.Definition{ID: r.nextID("term")})
			}
			bs, err := r.children(c, inner)
			if err != nil {
				return nil, err
			}
			it := dl.Items[len(dl.Items)-1]
			it.Defs = append(it.Defs, bs)
		}
	}
	return dl, nil
}

// htmlBlock keeps the text of raw HTML and understands its simple tags;
// comments are dropped without a word, other tags with one.
func (r *reader) htmlBlock(n *ast.HTMLBlock, ctx context) ([]doc.Block, error) {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		b.Write(s.Value(r.src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(r.src))
	}
	off := r.offset(n)
	f := newHTMLFolder(r, true, off)
	f.feed(b.String())
	bs := f.blocks()
	f.warn(off)
	kind := "p"
	if ctx.quote {
		kind = "quote"
	}
	for _, b := range bs {
		if p, ok := b.(*doc.Paragraph); ok {
			p.ID = r.nextID(kind)
		}
	}
	return bs, nil
}

func (r *reader) inlines(n ast.Node) ([]doc.Inline, error) {
	f := newHTMLFolder(r, false, r.offset(n))
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if raw, ok := c.(*ast.RawHTML); ok {
			var b strings.Builder
			for i := 0; i < raw.Segments.Len(); i++ {
				s := raw.Segments.At(i)
				b.Write(s.Value(r.src))
			}
			f.feed(b.String())
			continue
		}
		ins, err := r.inline(c)
		if err != nil {
			return nil, err
		}
		f.add(ins...)
	}
	f.warn(r.offset(n))
	out := mergeText(f.finish())
	// goldmark leaves a reference to an undefined note as plain text.
	for _, in := range out {
		if t, ok := in.(*doc.Text); ok {
			if m := noteRefRe.FindStringSubmatch(t.Text); m != nil {
				off := r.offset(n)
				if i := bytes.Index(r.src[off:], []byte(m[0])); i >= 0 {
					off += i
				}
				return nil, r.errAt(off, "footnote reference [^%s] has no definition", m[1])
			}
		}
	}
	return out, nil
}

var schemeRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// link decides what a link becomes: external (a scheme) and internal
// (#id, checked at the end) links stay; a link to a file or a path of
// the author's site cannot work in an edition: its text is kept.
func (r *reader) link(url string, content []doc.Inline, off int) []doc.Inline {
	switch {
	case url == "":
		return content
	case strings.HasPrefix(url, "#"):
		l := &doc.Link{URL: url, Content: content}
		r.links = append(r.links, pendingLink{l, off})
		return []doc.Inline{l}
	case schemeRe.MatchString(url):
		return []doc.Inline{&doc.Link{URL: url, Content: content}}
	}
	r.warnAt(off, "link to %q: a relative link leads nowhere in an edition; its text is kept", url)
	return content
}

// checkLinks unlinks internal links whose target does not exist.
func (r *reader) checkLinks(d *doc.Document) {
	bad := map[*doc.Link]bool{}
	for _, pl := range r.links {
		id := strings.TrimPrefix(pl.link.URL, "#")
		if _, ok := r.ids[id]; !ok {
			r.warnAt(pl.off, "link to %q: no heading, figure or table has that id; its text is kept", pl.link.URL)
			bad[pl.link] = true
		}
	}
	if len(bad) == 0 {
		return
	}
	for _, u := range doc.Units(d) {
		if u.Inlines != nil {
			*u.Inlines = unlink(*u.Inlines, bad)
		}
	}
}

func unlink(ins []doc.Inline, bad map[*doc.Link]bool) []doc.Inline {
	var out []doc.Inline
	for _, in := range ins {
		if l, ok := in.(*doc.Link); ok && bad[l] {
			out = append(out, unlink(l.Content, bad)...)
			continue
		}
		if c, ok := doc.Children(in); ok {
			nc := unlink(c, bad)
			if len(nc) != len(c) {
				in = doc.WithChildren(in, nc)
			} else {
				copy(c, nc)
			}
		}
		out = append(out, in)
	}
	return out
}

func (r *reader) inline(n ast.Node) ([]doc.Inline, error) {
	switch n := n.(type) {
	case *ast.Text:
		// goldmark keeps backslash escapes and entities in the segment;
		// its renderers resolve them, and so must we.
		s := string(util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(n.Segment.Value(r.src)))))
		out := []doc.Inline{&doc.Text{Text: s}}
		if n.HardLineBreak() {
			out = append(out, &doc.LineBreak{})
		} else if n.SoftLineBreak() {
			out = append(out, &doc.Text{Text: " "})
		}
		return out, nil
	case *ast.String:
		return []doc.Inline{&doc.Text{Text: string(n.Value)}}, nil
	case *ast.Emphasis:
		ins, err := r.inlines(n)
		if err != nil {
			return nil, err
		}
		if n.Level >= 2 {
			return []doc.Inline{&doc.Strong{Content: ins}}, nil
		}
		return []doc.Inline{&doc.Emph{Content: ins}}, nil
	case *east.Strikethrough:
		ins, err := r.inlines(n)
		if err != nil {
			return nil, err
		}
		return []doc.Inline{&doc.Strike{Content: ins}}, nil
	case *scriptNode:
		ins, err := r.inlines(n)
		if err != nil {
			return nil, err
		}
		mark := "~"
		if n.Sup {
			mark = "^"
		}
		// pandoc: no unescaped space inside; else the marks are text.
		if strings.ContainsAny(doc.PlainText(ins), " \t\n") {
			return append(append([]doc.Inline{&doc.Text{Text: mark}}, ins...), &doc.Text{Text: mark}), nil
		}
		if n.Sup {
			return []doc.Inline{&doc.Sup{Content: ins}}, nil
		}
		return []doc.Inline{&doc.Sub{Content: ins}}, nil
	case *ast.Link:
		ins, err := r.inlines(n)
		if err != nil {
			return nil, err
		}
		return r.link(string(n.Destination), ins, r.offset(n.Parent())), nil
	case *ast.AutoLink:
		label := string(n.Label(r.src))
		url := string(n.URL(r.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url
		}
		return []doc.Inline{&doc.Link{URL: url, Content: []doc.Inline{&doc.Text{Text: label}}}}, nil
	case *ast.CodeSpan:
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(r.src))
			} else if s, ok := c.(*ast.String); ok {
				b.Write(s.Value)
			}
		}
		return []doc.Inline{&doc.Code{Text: b.String()}}, nil
	case *mathNode:
		r.note(&r.math, n.Start)
		delim := "$"
		if n.Display {
			delim = "$$"
		}
		return []doc.Inline{&doc.Code{Text: delim + string(r.src[n.Start:n.Stop]) + delim}}, nil
	case *inlineNoteNode:
		return r.inlineNote(n)
	case *east.FootnoteLink:
		note := r.notes[n.Index]
		if note == nil {
			return nil, r.errAt(r.offset(n.Parent()), "footnote reference %d has no definition", n.Index)
		}
		// Where the reference is: the next "[^label]" after the block's
		// start (and after the note's previous citation).
		from := r.offset(n.Parent())
		first, again := r.cited[note]
		if again && first >= from {
			from = first + 1
		}
		off := from
		if i := bytes.Index(r.src[min(from, len(r.src)):], []byte("[^"+note.Label+"]")); i >= 0 {
			off = from + i
		}
		if again {
			// A translation keeps each reference once ({n:7}), and an
			// edition prints each note once: one citation per note.
			return nil, r.errAt(off, "footnote [^%s] is cited twice (first at line %d): cite a note once", note.Label, mustLine(r.src, first))
		}
		r.cited[note] = off
		return []doc.Inline{&doc.NoteRef{Note: note}}, nil
	case *east.FootnoteBacklink, *east.TaskCheckBox:
		return nil, nil
	case *ast.Image:
		ins, err := r.inlines(n)
		if err != nil {
			return nil, err
		}
		img, err := r.image(string(n.Destination), string(n.Title), ins, r.offset(n.Parent()))
		if err != nil {
			return nil, err
		}
		return []doc.Inline{img}, nil
	}
	return nil, r.errAt(r.offset(n.Parent()), "unsupported inline %s", n.Kind())
}

// inlineNote reads pandoc's ^[…]: its text is parsed as a note of its own.
func (r *reader) inlineNote(n *inlineNoteNode) ([]doc.Inline, error) {
	r.inlineNotes++
	label := "inline-" + strconv.Itoa(r.inlineNotes)
	note := &doc.Note{Label: label, ID: "fn." + label}
	tr := text.NewReader(r.src[:n.Stop])
	tr.Advance(n.Start)
	root := r.md.Parser().Parse(tr)
	if err := r.noteBody(note, root); err != nil {
		return nil, err
	}
	r.pendingNotes = append(r.pendingNotes, note)
	return []doc.Inline{&doc.NoteRef{Note: note}}, nil
}

// image reads a local PNG or JPEG; a remote image is never fetched and a
// missing one is not an error: editions print the alt text and address.
func (r *reader) image(url, title string, alt []doc.Inline, off int) (*doc.Image, error) {
	img := &doc.Image{URL: url, Title: title, Content: alt}
	if url == "" {
		r.warnAt(off, "image without an address: its alt text is printed")
		return img, nil
	}
	if schemeRe.MatchString(url) {
		r.warnAt(off, "remote image %s is not fetched: its alt text and address are printed", url)
		return img, nil
	}
	path := url
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	data, typ, err := r.readImage(path)
	switch {
	case err == errNoFile:
		r.warnAt(off, "image %q not found beside the manuscript: its alt text and address are printed", url)
		return img, nil
	case err != nil:
		return nil, r.errAt(off, "image %q: %v", url, err)
	}
	img.Data, img.Type = data, typ
	return img, nil
}

var errNoFile = fmt.Errorf("no such file")

// readImage reads a PNG or JPEG at path (relative to the manuscript),
// which must stay inside the project.
func (r *reader) readImage(path string) ([]byte, string, error) {
	if filepath.IsAbs(path) || strings.HasPrefix(path, "/") {
		return nil, "", errNoFile
	}
	abs, err := filepath.Abs(filepath.Join(filepath.Dir(r.file), filepath.FromSlash(path)))
	if err != nil {
		return nil, "", err
	}
	root := r.opt.Root
	if root == "" {
		root = filepath.Dir(filepath.Dir(r.file))
	}
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return nil, "", err
	}
	if !inside(rootAbs, abs) {
		return nil, "", fmt.Errorf("the path leaves the project folder %s", rootAbs)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, "", errNoFile
	}
	if realRoot, _ := filepath.EvalSymlinks(rootAbs); !inside(realRoot, real) {
		return nil, "", fmt.Errorf("a link that leads out of the project")
	}
	data, err := os.ReadFile(real)
	if err != nil {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return data, "png", nil
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return data, "jpeg", nil
	case bytes.Contains(data[:min(len(data), 512)], []byte("<svg")):
		return nil, "", fmt.Errorf("SVG images are not supported: convert it to PNG (e.g. rsvg-convert -o x.png x.svg)")
	}
	return nil, "", fmt.Errorf("not a PNG or JPEG image")
}
