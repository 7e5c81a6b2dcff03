// Package html writes a web edition: one semantic HTML page with its
// stylesheet, subset fonts and images beside it, from the same translated
// model as the EPUB. It walks the model generically, so that a block or
// inline kind it does not know yet still reaches the page as text.
package html

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/press/press/internal/doc"
)

// Font is a face to embed, already subset to the edition's characters.
type Font struct {
	Family   string
	Style    string // "normal" or "italic"
	Weight   int
	FileName string // e.g. "NotoSerif-Regular.ttf"
	Data     []byte
	// Heading is true for faces of the headings (sans).
	Heading bool
}

// Options tune the page.
type Options struct {
	TOCDepth int // deepest heading level in the contents (0: 2)
	Fonts    []Font
	// Head is extra markup for <head> (press serve adds its live-reload
	// script); empty for the published edition.
	Head string
}

// Site is the rendered edition: index.html and the files it refers to,
// by path relative to it.
type Site struct {
	Index []byte
	Files map[string][]byte
}

// Render writes the edition.
func Render(d *doc.Document, opt Options) (*Site, error) {
	if d == nil {
		return nil, fmt.Errorf("html: no document")
	}
	r := &renderer{d: d, opt: opt, ids: map[string]bool{}, files: map[string][]byte{}, num: map[*doc.Note]int{}}
	if r.opt.TOCDepth <= 0 {
		r.opt.TOCDepth = 2
	}
	for i, n := range d.Notes {
		if n == nil {
			continue
		}
		k := n.Number
		if k <= 0 {
			k = i + 1
		}
		r.num[n] = k
	}
	body := r.body()
	var w bytes.Buffer
	l := d.Meta.Lang
	if l == "" {
		l = "en"
	}
	w.WriteString("<!DOCTYPE html>\n")
	w.WriteString(`<html lang="` + esc(l) + `"` + dir(l) + ">\n<head>\n")
	w.WriteString(`<meta charset="utf-8"/>` + "\n")
	w.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1"/>` + "\n")
	w.WriteString("<title>" + esc(oneLine(d.Meta.Title.Text)) + "</title>\n")
	if s := oneLine(d.Labels.AccessibilitySummary); s != "" {
		w.WriteString(`<meta name="description" content="` + esc(s) + `"/>` + "\n")
	}
	var authors []string
	for _, a := range d.Meta.Authors {
		if t := oneLine(a.Text); t != "" {
			authors = append(authors, t)
		}
	}
	if len(authors) > 0 {
		w.WriteString(`<meta name="author" content="` + esc(strings.Join(authors, ", ")) + `"/>` + "\n")
	}
	w.WriteString(`<link rel="stylesheet" href="style.css"/>` + "\n")
	w.WriteString(opt.Head)
	w.WriteString("</head>\n<body>\n")
	w.WriteString(body)
	w.WriteString(notesScript)
	w.WriteString("</body>\n</html>\n")
	r.files["style.css"] = []byte(stylesheet(l, opt.Fonts))
	for _, f := range opt.Fonts {
		r.files["fonts/"+f.FileName] = f.Data
	}
	return &Site{Index: w.Bytes(), Files: r.files}, nil
}

func dir(lang string) string {
	switch strings.SplitN(strings.ToLower(lang), "-", 2)[0] {
	case "ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv":
		return ` dir="rtl"`
	}
	return ""
}

type renderer struct {
	d      *doc.Document
	opt    Options
	ids    map[string]bool
	files  map[string][]byte
	num    map[*doc.Note]int
	inLink bool
	imgs   int
	refs   map[*doc.Note][]string // ids of the citations of each note
	// plainRefs writes citations as numbers, not links (Fragment).
	plainRefs bool
}

// uniqueID is s as an id not used before on the page.
func (r *renderer) uniqueID(s string) string {
	id := xmlID(s)
	if !r.ids[id] {
		r.ids[id] = true
		return id
	}
	for k := 2; ; k++ {
		c := id + "-" + strconv.Itoa(k)
		if !r.ids[c] {
			r.ids[c] = true
			return c
		}
	}
}

type tocEntry struct {
	text, href string
	children   []*tocEntry
}

func (r *renderer) body() string {
	d := r.d
	r.refs = map[*doc.Note][]string{}
	for _, id := range []string{"top", "toc", "toc-title", "main", "notes", "notes-title", "colophon", "note-popup"} {
		r.ids[id] = true
	}
	var main bytes.Buffer
	var toc []*tocEntry
	for _, c := range doc.Chapters(d) {
		var entry *tocEntry
		blocks := c.Blocks
		if c.Heading != nil && len(blocks) > 0 && blocks[0] == c.Heading {
			id := r.uniqueID(c.Heading.ID)
			entry = &tocEntry{text: r.headingText(c.Heading), href: "#" + id}
			toc = append(toc, entry)
			main.WriteString(`<section class="chapter" role="doc-chapter" aria-labelledby="` + id + `">` + "\n")
			r.heading(&main, c.Heading, id)
			blocks = blocks[1:]
		} else {
			main.WriteString(`<section class="chapter">` + "\n")
		}
		for _, b := range blocks {
			if h, ok := b.(*doc.Heading); ok {
				id := r.uniqueID(h.ID)
				if h.Level <= r.opt.TOCDepth {
					sub := &tocEntry{text: r.headingText(h), href: "#" + id}
					if entry != nil && h.Level > 1 {
						entry.children = append(entry.children, sub)
					} else {
						toc = append(toc, sub)
					}
				}
				r.heading(&main, h, id)
				continue
			}
			r.block(&main, b)
		}
		main.WriteString("</section>\n")
	}
	notes := r.notes()
	var w bytes.Buffer
	l := d.Labels
	m := d.Meta
	w.WriteString(`<header class="titlepage" id="top" aria-label="` + esc(oneLine(l.TitlePage)) + `">` + "\n")
	w.WriteString(`<h1 class="title">` + esc(m.Title.Text) + "</h1>\n")
	if t := strings.TrimSpace(m.Subtitle.Text); t != "" {
		w.WriteString(`<p class="subtitle">` + esc(m.Subtitle.Text) + "</p>\n")
	}
	if t := strings.TrimSpace(m.Editor.Text); t != "" {
		w.WriteString(`<p class="editor">` + esc(m.Editor.Text) + "</p>\n")
	}
	var authors []string
	for _, a := range m.Authors {
		if strings.TrimSpace(a.Text) != "" {
			authors = append(authors, esc(a.Text))
		}
	}
	if len(authors) > 0 {
		w.WriteString(`<p class="authors">` + strings.Join(authors, "<br/>") + "</p>\n")
	}
	if strings.TrimSpace(m.DateText) != "" {
		w.WriteString(`<p class="date">` + esc(m.DateText) + "</p>\n")
	}
	w.WriteString("</header>\n")
	if len(toc) > 0 {
		w.WriteString(`<nav class="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">` + "\n")
		w.WriteString(`<h2 id="toc-title">` + esc(l.Contents) + "</h2>\n")
		writeTOC(&w, toc)
		w.WriteString("</nav>\n")
	}
	w.WriteString(`<main id="main">` + "\n")
	w.Write(main.Bytes())
	w.WriteString("</main>\n")
	w.WriteString(notes)
	if strings.TrimSpace(l.Colophon) != "" || len(l.ColophonText) > 0 {
		w.WriteString(`<footer class="colophon" id="colophon">` + "\n")
		if strings.TrimSpace(l.Colophon) != "" {
			w.WriteString("<h2>" + esc(l.Colophon) + "</h2>\n")
		}
		for _, s := range l.ColophonText {
			w.WriteString("<p>" + esc(s) + "</p>\n")
		}
		w.WriteString("</footer>\n")
	}
	return w.String()
}

func writeTOC(w *bytes.Buffer, es []*tocEntry) {
	w.WriteString("<ol>\n")
	for _, e := range es {
		w.WriteString(`<li><a href="` + esc(e.href) + `">` + esc(e.text) + "</a>")
		if len(e.children) > 0 {
			w.WriteString("\n")
			writeTOC(w, e.children)
		}
		w.WriteString("</li>\n")
	}
	w.WriteString("</ol>\n")
}

func (r *renderer) headingText(h *doc.Heading) string {
	t := oneLine(doc.PlainText(h.Content))
	if l := oneLine(h.Label); l != "" {
		return oneLine(l + joinLabel(l, r.d.Labels.LabelSep) + t)
	}
	return t
}

func (r *renderer) heading(w *bytes.Buffer, h *doc.Heading, id string) {
	lv := h.Level + 1 // the title is the page's h1
	if lv < 2 {
		lv = 2
	}
	if lv > 6 {
		lv = 6
	}
	tag := "h" + strconv.Itoa(lv)
	w.WriteString("<" + tag + ` id="` + id + `" data-unit="` + esc(h.ID) + `">`)
	if l := oneLine(h.Label); l != "" {
		w.WriteString(`<span class="label">` + esc(h.Label) + "</span>")
		if len(h.Content) > 0 {
			w.WriteString(esc(joinLabel(l, r.d.Labels.LabelSep)))
		}
	}
	r.inlines(w, h.Content)
	w.WriteString("</" + tag + ">\n")
}

// unit opens an element carrying the unit id, so that a reader (and
// press serve) can point at it.
func unitAttr(id string) string {
	if id == "" {
		return ""
	}
	return ` data-unit="` + esc(id) + `"`
}

func (r *renderer) block(w *bytes.Buffer, b doc.Block) {
	switch b := b.(type) {
	case nil:
	case *doc.Heading:
		r.heading(w, b, r.uniqueID(b.ID))
	case *doc.Paragraph:
		w.WriteString("<p" + unitAttr(b.ID) + ">")
		r.inlines(w, b.Content)
		w.WriteString("</p>\n")
	case *doc.BlockQuote:
		w.WriteString("<blockquote>\n")
		for _, p := range b.Blocks {
			r.block(w, p)
		}
		w.WriteString("</blockquote>\n")
	case *doc.PullQuote:
		l := r.d.Labels
		w.WriteString(`<blockquote class="pullquote"` + unitAttr(b.ID) + `><p>` + esc(l.OpenQuote))
		r.inlines(w, b.Content)
		w.WriteString(esc(l.CloseQuote) + "</p></blockquote>\n")
	case *doc.Figure:
		r.figure(w, b)
	case *doc.List:
		tag := "ul"
		attr := ""
		if b.Ordered {
			tag = "ol"
			if b.Start != 1 && b.Start != 0 {
				attr = ` start="` + strconv.Itoa(b.Start) + `"`
			}
		}
		var items []*doc.ListItem
		for _, it := range b.Items {
			if it != nil {
				items = append(items, it)
			}
		}
		if len(items) == 0 {
			return
		}
		w.WriteString("<" + tag + attr + ">\n")
		for _, it := range items {
			w.WriteString("<li" + unitAttr(it.ID) + ">")
			r.inlines(w, it.Content)
			w.WriteString("</li>\n")
		}
		w.WriteString("</" + tag + ">\n")
	case *doc.ThematicBreak:
		w.WriteString(`<hr class="break"/>` + "\n")
	default:
		r.unknownBlock(w, b)
	}
}

// unknownBlock writes a block kind this package does not know (one added
// to the model after it) by its fields: inline content as a paragraph,
// nested blocks in turn, so that no word is lost.
func (r *renderer) unknownBlock(w *bytes.Buffer, b doc.Block) {
	v := reflect.Indirect(reflect.ValueOf(b))
	class := classToken(v.Type().Name())
	w.WriteString(`<div class="block ` + class + `">` + "\n")
	r.fields(w, v, true)
	w.WriteString("</div>\n")
}

var (
	inlinesType = reflect.TypeOf([]doc.Inline(nil))
	blocksType  = reflect.TypeOf([]doc.Block(nil))
	blockType   = reflect.TypeOf((*doc.Block)(nil)).Elem()
	inlineType  = reflect.TypeOf((*doc.Inline)(nil)).Elem()
)

// fields writes the content held in a struct's fields, recursively.
func (r *renderer) fields(w *bytes.Buffer, v reflect.Value, block bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return
		}
		if v.Type().Implements(blockType) && block {
			r.block(w, v.Interface().(doc.Block))
			return
		}
		if v.Type().Implements(inlineType) {
			if block {
				w.WriteString("<p>")
			}
			r.inline(w, v.Interface().(doc.Inline))
			if block {
				w.WriteString("</p>\n")
			}
			return
		}
		r.fields(w, v.Elem(), block)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if !v.Type().Field(i).IsExported() {
				continue
			}
			switch {
			case f.Type() == inlinesType:
				ins := f.Interface().([]doc.Inline)
				if len(ins) == 0 {
					continue
				}
				if block {
					w.WriteString("<p>")
				}
				r.inlines(w, ins)
				if block {
					w.WriteString("</p>\n")
				}
			case f.Type() == blocksType:
				for _, b := range f.Interface().([]doc.Block) {
					r.block(w, b)
				}
			case f.Kind() == reflect.String && textField(v.Type().Field(i).Name):
				if s := f.String(); s != "" {
					if block {
						w.WriteString("<pre>" + esc(s) + "</pre>\n")
					} else {
						w.WriteString(esc(s))
					}
				}
			case f.Kind() == reflect.Slice, f.Kind() == reflect.Pointer, f.Kind() == reflect.Struct, f.Kind() == reflect.Interface:
				if f.Kind() == reflect.Slice {
					if f.Type().Elem().Kind() == reflect.Uint8 {
						continue // bytes (an image)
					}
					for k := 0; k < f.Len(); k++ {
						r.fields(w, f.Index(k), block)
					}
					continue
				}
				r.fields(w, f, block)
			}
		}
	}
}

// textField tells the string fields that hold readable text from ids,
// URLs and kinds.
func textField(name string) bool {
	switch name {
	case "Text", "Code", "Source", "Body", "Content", "Literal", "Value":
		return true
	}
	return false
}

func (r *renderer) figure(w *bytes.Buffer, f *doc.Figure) {
	l := r.d.Labels
	class := "figure"
	if k := classToken(f.Kind); k != "" && k != "figure" {
		class += " " + k
	}
	w.WriteString(`<figure class="` + class + `" id="` + r.uniqueID(f.ID) + `">` + "\n")
	label := oneLine(f.Label)
	caption := oneLine(doc.PlainText(f.Caption))
	if len(f.ImageData) > 0 && (f.ImageType == "png" || f.ImageType == "jpeg") {
		r.imgs++
		ext := f.ImageType
		if ext == "jpeg" {
			ext = "jpg"
		}
		name := fmt.Sprintf("images/%s.%s", xmlID(f.ID), ext)
		if _, taken := r.files[name]; taken {
			name = fmt.Sprintf("images/image-%d.%s", r.imgs, ext)
		}
		r.files[name] = f.ImageData
		alt := caption
		if label != "" {
			alt = oneLine(label + joinLabel(label, l.LabelSep) + caption)
		}
		w.WriteString(`<img src="` + esc(name) + `" alt="` + esc(alt) + `"/>` + "\n")
	} else {
		w.WriteString(`<div class="image-missing"><p>` + esc(l.ImageNotIncluded) + "</p></div>\n")
	}
	if label != "" || len(f.Caption) > 0 || len(f.Credit) > 0 {
		w.WriteString("<figcaption>")
		if label != "" || len(f.Caption) > 0 {
			w.WriteString(`<p class="caption"` + unitAttr(f.CaptionID) + `>`)
			if label != "" {
				w.WriteString(`<span class="label">` + esc(f.Label) + "</span>")
				if len(f.Caption) > 0 {
					w.WriteString(esc(joinLabel(label, l.LabelSep)))
				}
			}
			r.inlines(w, f.Caption)
			w.WriteString("</p>")
		}
		if len(f.Credit) > 0 {
			src := oneLine(l.Source)
			w.WriteString(`<p class="credit"` + unitAttr(f.CreditID) + `><span class="source">` + esc(l.Source) + "</span>" + esc(joinLabel(src, "")))
			r.inlines(w, f.Credit)
			w.WriteString("</p>")
		}
		w.WriteString("</figcaption>\n")
	}
	w.WriteString("</figure>\n")
}

func (r *renderer) inlines(w *bytes.Buffer, ins []doc.Inline) {
	for _, in := range ins {
		r.inline(w, in)
	}
}

func (r *renderer) inline(w *bytes.Buffer, in doc.Inline) {
	switch in := in.(type) {
	case nil:
	case *doc.Text:
		r.text(w, in.Text)
	case *doc.Emph:
		w.WriteString("<em>")
		r.inlines(w, in.Content)
		w.WriteString("</em>")
	case *doc.Strong:
		w.WriteString("<strong>")
		r.inlines(w, in.Content)
		w.WriteString("</strong>")
	case *doc.Code:
		w.WriteString(`<code translate="no">` + esc(in.Text) + "</code>")
	case *doc.LineBreak:
		w.WriteString("<br/>")
	case *doc.NoteRef:
		r.noteRef(w, in)
	case *doc.Link:
		href, ok := linkTarget(in.URL)
		if !ok || r.inLink {
			r.inlines(w, in.Content)
			return
		}
		// Links cannot nest and a citation is a link: citations in a
		// link's text follow it.
		var refs []*doc.NoteRef
		var strip func([]doc.Inline) []doc.Inline
		strip = func(ins []doc.Inline) []doc.Inline {
			var out []doc.Inline
			for _, x := range ins {
				switch x := x.(type) {
				case *doc.NoteRef:
					refs = append(refs, x)
				case *doc.Emph:
					out = append(out, &doc.Emph{Content: strip(x.Content)})
				case *doc.Strong:
					out = append(out, &doc.Strong{Content: strip(x.Content)})
				case *doc.Link:
					out = append(out, strip(x.Content)...)
				default:
					out = append(out, x)
				}
			}
			return out
		}
		content := strip(in.Content)
		w.WriteString(`<a href="` + esc(href) + `">`)
		r.inLink = true
		r.inlines(w, content)
		r.inLink = false
		w.WriteString("</a>")
		for _, ref := range refs {
			r.noteRef(w, ref)
		}
	default:
		// A kind added to the model later: its text, its content.
		v := reflect.Indirect(reflect.ValueOf(in))
		w.WriteString(`<span class="` + classToken(v.Type().Name()) + `">`)
		r.fields(w, v, false)
		w.WriteString("</span>")
	}
}

// text writes a run of text; in an edition not in a Latin script, runs of
// Latin letters (names, titles of English sources) get lang="en" so that
// browsers hyphenate and screen readers pronounce them as English.
func (r *renderer) text(w *bytes.Buffer, s string) {
	if isLatinLang(r.d.Meta.Lang) {
		w.WriteString(esc(s))
		return
	}
	src := r.d.Meta.SourceLang
	if src == "" {
		src = "en"
	}
	for _, run := range splitLatin(s) {
		if run.latin {
			w.WriteString(`<span lang="` + esc(src) + `">` + esc(run.text) + "</span>")
		} else {
			w.WriteString(esc(run.text))
		}
	}
}

func (r *renderer) noteRef(w *bytes.Buffer, ref *doc.NoteRef) {
	n := ref.Note
	if n == nil {
		return
	}
	if r.plainRefs {
		r.plainRef(w, n)
		return
	}
	num := strconv.Itoa(r.num[n])
	id := "fnref-" + num
	if k := len(r.refs[n]); k > 0 {
		id += "-" + strconv.Itoa(k+1)
	}
	r.refs[n] = append(r.refs[n], id)
	r.ids[id] = true
	w.WriteString(`<a class="noteref" role="doc-noteref" href="#fn-` + num + `" id="` + id + `"`)
	if r.d.Labels.NoteRef != nil {
		if label := oneLine(r.d.Labels.NoteRef(r.num[n])); label != "" {
			w.WriteString(` aria-label="` + esc(label) + `"`)
		}
	}
	w.WriteString(">" + num + "</a>")
}

// notes writes every note at the end of the page. Without scripts a
// citation jumps to its note (highlighted by :target) and the number
// leads back; with them the note opens beside the citation.
func (r *renderer) notes() string {
	var ns []*doc.Note
	for _, n := range r.d.Notes {
		if n != nil {
			ns = append(ns, n)
		}
	}
	if len(ns) == 0 {
		return ""
	}
	sort.SliceStable(ns, func(a, b int) bool { return r.num[ns[a]] < r.num[ns[b]] })
	// Notes cite notes: write their bodies first, so that every citation
	// is known for the back-links.
	bodies := make([]string, len(ns))
	for i, n := range ns {
		var b bytes.Buffer
		r.inlines(&b, n.Content)
		bodies[i] = b.String()
	}
	l := r.d.Labels
	var w bytes.Buffer
	w.WriteString(`<section class="footnotes" id="notes" role="doc-endnotes" aria-labelledby="notes-title">` + "\n")
	w.WriteString(`<h2 id="notes-title">` + esc(l.Notes) + "</h2>\n<ol>\n")
	for i, n := range ns {
		num := strconv.Itoa(r.num[n])
		w.WriteString(`<li class="footnote" id="fn-` + num + `" value="` + num + `" role="doc-endnote"` + unitAttr(n.ID) + ">")
		back := "#main"
		if refs := r.refs[n]; len(refs) > 0 {
			back = "#" + refs[0]
		}
		w.WriteString(`<a class="backlink" role="doc-backlink" href="` + back + `" title="` + esc(l.BackToText) + `">` + num + "</a>" + esc(noteSep(l.LabelSep)))
		w.WriteString(bodies[i])
		w.WriteString("</li>\n")
	}
	w.WriteString("</ol>\n</section>\n")
	return w.String()
}

func noteSep(sep string) string {
	if sep == "" {
		return " "
	}
	return sep
}

// notesScript turns citations into pop-ups: a click shows the note in a
// box by the citation (Escape or a click elsewhere closes it). Without
// it the link still leads to the note.
const notesScript = `<div id="note-popup" class="note-popup" role="dialog" aria-modal="false" hidden="hidden"></div>
<script>
(function () {
  function box() { return document.getElementById("note-popup"); }
  function close() { var b = box(); if (b) { b.hidden = true; b.textContent = ""; } }
  document.addEventListener("click", function (ev) {
    var b = box();
    if (!b) return;
    var a = ev.target.closest ? ev.target.closest("a.noteref") : null;
    if (!a) { if (!b.contains(ev.target)) close(); return; }
    var note = document.getElementById(a.getAttribute("href").slice(1));
    if (!note) return;
    ev.preventDefault();
    b.textContent = "";
    var body = document.createElement("div");
    body.className = "note-body";
    var copy = note.cloneNode(true);
    while (copy.firstChild) body.appendChild(copy.firstChild);
    b.appendChild(body);
    b.setAttribute("aria-label", a.getAttribute("aria-label") || a.textContent);
    var r = a.getBoundingClientRect();
    b.hidden = false;
    var left = Math.max(8, Math.min(window.scrollX + r.left - 20, document.documentElement.clientWidth - b.offsetWidth - 8));
    b.style.top = (window.scrollY + r.bottom + 6) + "px";
    b.style.left = left + "px";
    b.tabIndex = -1;
    b.focus();
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") close(); });
})();
</script>
`
