// Package markdown reads a manuscript written in CommonMark with footnotes,
// YAML front matter, heading attributes and pandoc-style fenced divs
// (pull quotes and figures) into press's canonical model.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/press/press/internal/doc"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"
)

// Error is a problem in the manuscript, with its place.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Options control how a manuscript is read.
type Options struct {
	// Root is the project folder: figures must lie inside it.
	// Empty means the folder above the manuscript's folder.
	Root string
	// Unnumbered gives no heading a number (press.toml: [headings]
	// numbered = false), as {.unnumbered} does for one.
	Unnumbered bool
}

// MaxSourceSize bounds the manuscript size so a hostile file cannot
// exhaust memory: 4 MiB is some 1,500 pages (the policy paper is 55 KB, 21
// pages), and typesetting costs about 150 times the source in memory.
const MaxSourceSize = 4 << 20

// ReadFile reads the manuscript at path.
func ReadFile(path string, opt Options) (*doc.Document, []string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	if !st.Mode().IsRegular() {
		return nil, nil, &Error{File: path, Msg: "source is not a regular file"}
	}
	if st.Size() > MaxSourceSize {
		return nil, nil, tooBig(path, st.Size())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	// The file may grow between Stat and ReadAll: read no more than allowed.
	src, err := io.ReadAll(io.LimitReader(f, MaxSourceSize+1))
	if err != nil {
		return nil, nil, &Error{File: path, Msg: err.Error()}
	}
	if len(src) > MaxSourceSize {
		return nil, nil, tooBig(path, int64(len(src)))
	}
	if opt.Root == "" {
		opt.Root = filepath.Dir(filepath.Dir(path))
	}
	return Read(src, path, opt)
}

func tooBig(path string, size int64) error {
	return &Error{File: path, Msg: fmt.Sprintf("source is %d bytes; the limit is %d (%d MiB): split the manuscript", size, MaxSourceSize, MaxSourceSize>>20)}
}

// Read parses src (named file in messages) into a document. It also
// returns warnings (e.g. a figure without an image).
func Read(src []byte, file string, opt Options) (*doc.Document, []string, error) {
	if len(src) > MaxSourceSize {
		return nil, nil, tooBig(file, int64(len(src)))
	}
	r := &reader{file: file, opt: opt}
	src, err := r.normalize(src)
	if err != nil {
		return nil, nil, err
	}
	r.src = src
	titleBlock := pandocTitleBlock(src)
	if titleBlock != nil {
		// The title block's lines become blank: the lines keep their numbers.
		src = blankLines(src, titleBlock.lines)
		r.src = src
	}
	md := newMarkdown()
	r.md = md
	pc := parser.NewContext()
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if err := r.checkNoteDefinitions(); err != nil {
		return nil, nil, err
	}
	d := &doc.Document{}
	d.Meta.SourceName = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	if err := r.frontMatter(pc, &d.Meta, titleBlock); err != nil {
		return nil, nil, err
	}
	if err := r.convert(root, d); err != nil {
		return nil, nil, err
	}
	if d.Meta.Title.Text == "" {
		d.Meta.Title = doc.Field{ID: "meta.title", Text: defaultTitle(d)}
	}
	r.checkLinks(d)
	r.flushWarnings()
	if err := doc.Validate(d); err != nil {
		return nil, nil, &Error{File: file, Msg: err.Error()}
	}
	doc.Number(d)
	return d, r.warnings, nil
}

// newMarkdown is the parser: CommonMark with pandoc's and GitHub's
// extensions as goldmark provides them, and press's own (fenced divs,
// pandoc's inline syntax).
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Footnote,
			extension.Linkify,
			extension.Table,
			extension.TaskList,
			extension.DefinitionList,
			// Only the dashes: quotes are the typography stage's, per
			// language, and "..." stays as written.
			extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation][]byte{
				extension.EnDash: []byte("–"), extension.EmDash: []byte("—"),
				extension.LeftSingleQuote: nil, extension.RightSingleQuote: nil, extension.LeftDoubleQuote: nil,
				extension.RightDoubleQuote: nil, extension.Ellipsis: nil, extension.LeftAngleQuote: nil,
				extension.RightAngleQuote: nil, extension.Apostrophe: nil,
			})),
			&frontmatter.Extender{},
			fencedDivExtension{},
			pandocInlines{},
		),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
}

type reader struct {
	file     string
	src      []byte
	opt      Options
	md       goldmark.Markdown
	warnings []string
	// Warnings said once for the document, with their first place.
	math, html   *firstPlace
	inlineNotes  int
	pendingNotes []*doc.Note // inline notes, added after the others
	d            *doc.Document
	links        []pendingLink
	autoIDs      map[string]int
	notes        map[int]*doc.Note // by goldmark footnote index
	cited        map[*doc.Note]int // offset of each note's citation
	ids          map[string]int    // id -> offset of first use
	section      string
	level        int // of the last heading
	counters     map[string]int
}

// normalize rejects what is not text and folds CRLF and a BOM away.
func (r *reader) normalize(src []byte) ([]byte, error) {
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, &Error{File: r.file, Msg: "source is empty"}
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(src, 0); i >= 0 {
		l, c := position(src, i)
		return nil, &Error{File: r.file, Line: l, Col: c, Msg: "NUL byte in source"}
	}
	for i := 0; i < len(src); {
		ru, n := utf8.DecodeRune(src[i:])
		if ru == utf8.RuneError && n <= 1 {
			l, c := position(src, i)
			return nil, &Error{File: r.file, Line: l, Col: c, Msg: "invalid UTF-8"}
		}
		// No edition can print a control character (fpdf has no glyph,
		// XML 1.0 no way to write most of them).
		if ru != '\t' && ru != '\n' && ru != '\r' && unicode.IsControl(ru) {
			l, c := position(src, i)
			return nil, &Error{File: r.file, Line: l, Col: c, Msg: fmt.Sprintf("control character %U in source: remove it", ru)}
		}
		i += n
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return src, nil
}

func position(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	col = 1 + utf8.RuneCount(src[start:off])
	return line, col
}

func (r *reader) errAt(off int, format string, args ...any) error {
	l, c := position(r.src, off)
	return &Error{File: r.file, Line: l, Col: c, Msg: fmt.Sprintf(format, args...)}
}

var noteDefRe = regexp.MustCompile(`(?m)^ {0,3}\[\^([^\]\s]+)\]:`)
var noteRefRe = regexp.MustCompile(`\[\^([^\]\s]+)\]`)

// checkNoteDefinitions finds duplicate and uncited footnote definitions,
// which goldmark silently merges or drops.
func (r *reader) checkNoteDefinitions() error {
	seen := map[string]int{}
	for _, m := range noteDefRe.FindAllSubmatchIndex(r.src, -1) {
		label := string(r.src[m[2]:m[3]])
		if first, dup := seen[label]; dup {
			l, _ := position(r.src, first)
			return r.errAt(m[0], "footnote [^%s] is defined twice (first at line %d)", label, l)
		}
		seen[label] = m[0]
	}
	cited := map[string]bool{}
	for _, m := range noteRefRe.FindAllSubmatchIndex(r.src, -1) {
		if m[1] < len(r.src) && r.src[m[1]] == ':' {
			continue // a definition
		}
		cited[string(r.src[m[2]:m[3]])] = true
	}
	for label, off := range seen {
		if !cited[label] {
			return r.errAt(off, "footnote [^%s] is defined but never cited", label)
		}
	}
	return nil
}

type frontMatter struct {
	Title    string `yaml:"title"`
	Subtitle string `yaml:"subtitle"`
	Editor   string `yaml:"editor"`
	// pandoc's keys: author is one name or a list; authors too.
	Author  any    `yaml:"author"`
	Authors any    `yaml:"authors"`
	Date    string `yaml:"date"`
	Lang    string `yaml:"lang"`
	ID      string `yaml:"identifier"`
}

// names reads a YAML string or list of strings (pandoc's author forms;
// a map's "name" is taken too).
func names(v any) []string {
	switch v := v.(type) {
	case string:
		if strings.TrimSpace(v) != "" {
			return []string{v}
		}
	case []string:
		return v
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, names(x)...)
		}
		return out
	case map[string]any:
		return names(v["name"])
	}
	return nil
}

// namesOK says whether v is a name or a list of names (pandoc also
// allows {name: …} maps).
func namesOK(v any) bool {
	switch v := v.(type) {
	case string, []string:
		return true
	case map[string]any:
		_, ok := v["name"].(string)
		return ok
	case []any:
		for _, x := range v {
			if !namesOK(x) {
				return false
			}
		}
		return true
	}
	return false
}

// keyLine is the line of the front matter that sets key, or 1.
func (r *reader) keyLine(key string) int {
	for i, l := range strings.Split(string(r.src), "\n") {
		if strings.HasPrefix(l, key+":") {
			return i + 1
		}
		if i > 0 && (l == "---" || l == "...") {
			break
		}
	}
	return 1
}

// titleBlock is pandoc's "% title / % author; author / % date" block.
type titleBlock struct {
	title, date string
	authors     []string
	lines       int
}

func pandocTitleBlock(src []byte) *titleBlock {
	if !bytes.HasPrefix(src, []byte("%")) {
		return nil
	}
	lines := strings.SplitN(string(src), "\n", 4)
	tb := &titleBlock{}
	for i, l := range lines[:min(3, len(lines))] {
		if !strings.HasPrefix(l, "%") {
			break
		}
		v := strings.TrimSpace(l[1:])
		switch i {
		case 0:
			tb.title = v
		case 1:
			for _, a := range strings.Split(v, ";") {
				if a = strings.TrimSpace(a); a != "" {
					tb.authors = append(tb.authors, a)
				}
			}
		case 2:
			tb.date = v
		}
		tb.lines = i + 1
	}
	return tb
}

// blankLines empties the first n lines of src, keeping their newlines.
func blankLines(src []byte, n int) []byte {
	out := bytes.Clone(src)
	line := 0
	for i := 0; i < len(out) && line < n; i++ {
		if out[i] == '\n' {
			line++
		} else {
			out[i] = ' '
		}
	}
	return out
}

// dateLayouts are the dates press understands beside YYYY and YYYY-MM.
var dateLayouts = []string{"2006-01-02", "January 2, 2006", "January 2 2006", "2 January 2006", "January 2006", "Jan 2, 2006", "2006/01/02"}

func parseDate(s string) (y, m int, ok bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Year(), int(t.Month()), true
		}
	}
	var mo int
	if n, _ := fmt.Sscanf(s, "%d-%d", &y, &mo); n >= 1 && y >= 1000 && mo >= 0 && mo <= 12 {
		return y, mo, true
	}
	return 0, 0, false
}

// frontMatter reads the metadata. Every key is optional: without a
// title the first heading or the file name gives one.
func (r *reader) frontMatter(pc parser.Context, m *doc.Meta, tb *titleBlock) error {
	var fm frontMatter
	if data := frontmatter.Get(pc); data != nil {
		if err := data.Decode(&fm); err != nil {
			return r.frontMatterError(err)
		}
	} else if tb != nil {
		fm.Title, fm.Date = tb.title, tb.date
		fm.Authors = tb.authors
	}
	for _, k := range []struct {
		key string
		v   any
	}{{"author", fm.Author}, {"authors", fm.Authors}} {
		if k.v != nil && !namesOK(k.v) {
			return &Error{File: r.file, Line: r.keyLine(k.key), Col: 1, Msg: "front matter: " + k.key + ": expected a name or a list of names"}
		}
	}
	if strings.TrimSpace(fm.Title) != "" {
		m.Title = doc.Field{ID: "meta.title", Text: fm.Title}
	}
	if fm.Subtitle != "" {
		m.Subtitle = doc.Field{ID: "meta.subtitle", Text: fm.Subtitle}
	}
	if fm.Editor != "" {
		m.Editor = doc.Field{ID: "meta.editor", Text: fm.Editor}
	}
	for i, a := range append(names(fm.Authors), names(fm.Author)...) {
		m.Authors = append(m.Authors, doc.Field{ID: "meta.author." + strconv.Itoa(i+1), Text: a})
	}
	if fm.Date != "" {
		y, mo, ok := parseDate(fm.Date)
		if !ok {
			r.warnings = append(r.warnings, fmt.Sprintf("%s:1: date %q not understood (YYYY, YYYY-MM, YYYY-MM-DD or \"July 17, 2006\"): the editions carry no date", r.file, fm.Date))
		}
		m.Year, m.Month = y, mo
	}
	m.SourceLang = fm.Lang
	if m.SourceLang == "" {
		m.SourceLang = "en"
	}
	m.Lang = m.SourceLang
	m.Identifier = fm.ID
	if m.Identifier == "" {
		m.Identifier = "urn:press:" + m.SourceName
	}
	return nil
}

// defaultTitle is the first heading's text, else the file's name.
func defaultTitle(d *doc.Document) string {
	for _, b := range d.Blocks {
		if h, ok := b.(*doc.Heading); ok {
			if t := strings.TrimSpace(doc.PlainText(h.Content)); t != "" {
				return t
			}
		}
	}
	return d.Meta.SourceName
}

var yamlLineRe = regexp.MustCompile(`^line (\d+): (.*)$`)

// frontMatterError makes a YAML (or TOML) error one line with the place
// in the manuscript. The front matter starts on line 2, after "---";
// yaml.v3 counts its lines from 1, except in parser errors ("did not find
// expected …"), where it counts them from 0.
func (r *reader) frontMatterError(err error) error {
	msg := strings.TrimSpace(strings.TrimPrefix(err.Error(), "yaml: "))
	msg = strings.TrimSpace(strings.TrimPrefix(msg, "unmarshal errors:"))
	if i := strings.IndexAny(msg, "\r\n"); i >= 0 {
		msg = msg[:i] // the first problem is enough
	}
	line := 1
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 && n < 1<<20 {
			line, msg = n+1, m[2]
		}
	}
	if strings.HasPrefix(msg, "did not find expected") {
		line++
	}
	// yaml.v3 cuts quoted values at a byte count, maybe inside a character.
	msg = strings.ToValidUTF8(msg, "")
	return &Error{File: r.file, Line: line, Col: 1, Msg: "front matter: " + msg}
}

func (r *reader) offset(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if d, ok := n.(*fencedDiv); ok {
			return d.Offset
		}
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

func (r *reader) useID(id string, off int) error {
	if first, dup := r.ids[id]; dup {
		l, _ := position(r.src, first)
		return r.errAt(off, "id %q is used twice (first at line %d)", id, l)
	}
	r.ids[id] = off
	return nil
}

// nextID gives the next unit id of a kind within the current section.
func (r *reader) nextID(kind string) string {
	key := r.section + "." + kind
	r.counters[key]++
	return key + strconv.Itoa(r.counters[key])
}

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (r *reader) div(n *fencedDiv) (doc.Block, error) {
	if n.Err != "" {
		return nil, r.errAt(n.Offset, "%s", n.Err)
	}
	if !n.Closed {
		return nil, r.errAt(n.Offset, "fenced div %q is not closed: expected a line \":::\"", n.Class)
	}
	var paras [][]doc.Inline
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if inner, ok := c.(*fencedDiv); ok {
			// Divs do not nest: most likely the outer one lacks its ":::".
			return nil, r.errAt(inner.Offset, "fenced div %q opens inside the %q div of line %d: divs do not nest (is its closing \":::\" missing?)", inner.Class, n.Class, mustLine(r.src, n.Offset))
		}
		if c.Kind() != ast.KindParagraph {
			return nil, r.errAt(r.offset(c), "only paragraphs are allowed in a %q div", n.Class)
		}
		ins, err := r.inlines(c)
		if err != nil {
			return nil, err
		}
		paras = append(paras, trimInlines(ins))
	}
	switch n.Class {
	case "pullquote":
		if len(paras) != 1 {
			return nil, r.errAt(n.Offset, "a pull quote holds exactly one paragraph, found %d", len(paras))
		}
		return &doc.PullQuote{ID: r.nextID("pull"), Content: paras[0]}, nil
	case "figure":
		if n.ID == "" || !idRe.MatchString(n.ID) {
			return nil, r.errAt(n.Offset, "figure needs an id: ::: {.figure #fig-name}")
		}
		if err := r.useID(n.ID, n.Offset); err != nil {
			return nil, err
		}
		if len(paras) == 0 || len(paras) > 2 {
			return nil, r.errAt(n.Offset, "a figure holds a caption paragraph and an optional \"Source: …\" paragraph, found %d paragraphs", len(paras))
		}
		f := &doc.Figure{ID: n.ID, Kind: n.Attrs["kind"], CaptionID: n.ID + ".caption", Caption: paras[0]}
		if f.Kind == "" {
			f.Kind = "figure"
		}
		if len(paras) == 2 {
			credit, ok := stripPrefix(paras[1], "Source:")
			if !ok {
				return nil, r.errAt(n.Offset, "the second paragraph of a figure must start with \"Source:\"")
			}
			f.CreditID, f.Credit = n.ID+".credit", credit
		}
		if err := r.figureImage(n, f); err != nil {
			return nil, err
		}
		return f, nil
	}
	return nil, r.errAt(n.Offset, "unknown div class %q (known: pullquote, figure)", n.Class)
}

// figureImage finds the figure's image: the src attribute, or
// source/figures/<id>.png|.jpg by convention. Paths must stay inside the
// project.
func (r *reader) figureImage(n *fencedDiv, f *doc.Figure) error {
	src := n.Attrs["src"]
	dir := filepath.Dir(r.file)
	if src == "" {
		for _, ext := range []string{".png", ".jpg", ".jpeg"} {
			p := filepath.Join(dir, "figures", f.ID+ext)
			if _, err := os.Stat(p); err == nil {
				src = filepath.Join("figures", f.ID+ext)
				break
			}
		}
		if src == "" {
			r.warnings = append(r.warnings, fmt.Sprintf("%s:%d: figure %q has no image (put figures/%s.png or .jpg beside the source); a marked frame is printed instead", r.file, mustLine(r.src, n.Offset), f.ID, f.ID))
			return nil
		}
	}
	if filepath.IsAbs(src) {
		return r.errAt(n.Offset, "figure %q: image path %q is absolute; give a path inside the project", f.ID, src)
	}
	p := filepath.Join(dir, src)
	root, err := filepath.Abs(r.opt.Root)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return err
	}
	if !inside(root, abs) {
		return r.errAt(n.Offset, "figure %q: image path %q leaves the project folder %s", f.ID, src, root)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return r.errAt(n.Offset, "figure %q: image %q: %v", f.ID, src, errors.Unwrap(err))
	}
	realRoot, _ := filepath.EvalSymlinks(root)
	if !inside(realRoot, real) {
		return r.errAt(n.Offset, "figure %q: image %q is a link that leads out of the project", f.ID, src)
	}
	data, err := os.ReadFile(real)
	if err != nil {
		return r.errAt(n.Offset, "figure %q: %v", f.ID, err)
	}
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		f.ImageType = "png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		f.ImageType = "jpeg"
	default:
		return r.errAt(n.Offset, "figure %q: %q is not a PNG or JPEG image", f.ID, src)
	}
	f.Image, f.ImageData = filepath.ToSlash(src), data
	return nil
}

func inside(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func mustLine(src []byte, off int) int { l, _ := position(src, off); return l }

func stripPrefix(ins []doc.Inline, prefix string) ([]doc.Inline, bool) {
	if len(ins) == 0 {
		return nil, false
	}
	t, ok := ins[0].(*doc.Text)
	if !ok || !strings.HasPrefix(t.Text, prefix) {
		return nil, false
	}
	rest := strings.TrimLeft(t.Text[len(prefix):], " ")
	out := append([]doc.Inline{}, ins[1:]...)
	if rest != "" {
		out = append([]doc.Inline{&doc.Text{Text: rest}}, out...)
	}
	return out, true
}

// mergeText joins neighbouring text runs so units read naturally.
func mergeText(in []doc.Inline) []doc.Inline {
	var out []doc.Inline
	for _, x := range in {
		if t, ok := x.(*doc.Text); ok && len(out) > 0 {
			if p, ok := out[len(out)-1].(*doc.Text); ok {
				out[len(out)-1] = &doc.Text{Text: p.Text + t.Text}
				continue
			}
		}
		out = append(out, x)
	}
	return out
}

func trimInlines(in []doc.Inline) []doc.Inline {
	if len(in) == 0 {
		return in
	}
	if t, ok := in[0].(*doc.Text); ok {
		t.Text = strings.TrimLeft(t.Text, " \t")
		if t.Text == "" {
			in = in[1:]
		}
	}
	if len(in) > 0 {
		if t, ok := in[len(in)-1].(*doc.Text); ok {
			t.Text = strings.TrimRight(t.Text, " \t")
			if t.Text == "" {
				in = in[:len(in)-1]
			}
		}
	}
	return in
}
