package epub

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/typo"
)

// book is everything the container is made of, before go-epub packs it.
type book struct {
	lang      string
	files     []*xfile // spine order
	toc       []*tocEntry
	landmarks []landmark
	css       string
	fonts     []fontFile
	images    []imageFile
	// hasImages tells whether any figure carries an image; altText whether
	// every such image has a text alternative.
	hasImages, altText bool
	cover              []byte    // PNG, or nil
	pages              []pageRef // the page-list, in print order
	navMarks           []*marker // page breaks inside the contents
}

// xfile is one XHTML content document.
type xfile struct {
	name  string // file name inside EPUB/xhtml/
	title string // <title>, plain text
	body  string // what goes between <body> and </body>
}

// tocEntry is one line of the table of contents; href is relative to
// EPUB/xhtml/.
type tocEntry struct {
	text, href string
	children   []*tocEntry
}

type landmark struct{ typ, text, href string }

type fontFile struct {
	fileName, mediaType string
	data                []byte
	family, style       string
	weight              int
}

type imageFile struct {
	fileName, mediaType string
	data                []byte
}

// refLoc is where one citation of a note stands.
type refLoc struct{ file, id string }

// renderer turns the document into XHTML bodies. Citations are rendered
// before notes, so a note knows where its first citation is.
type renderer struct {
	d        *doc.Document
	tocDepth int
	b        *book
	ids      map[string]bool // ids used in the whole publication
	file     string          // the file being written
	chap     int             // the chapter being written
	inLink   bool
	// Notes: their printed numbers, the chapter whose file holds them, and
	// every citation in rendering order.
	notes   []*doc.Note
	num     map[*doc.Note]int
	home    map[*doc.Note]int
	refs    map[*doc.Note][]refLoc
	imgSrc  map[*doc.Figure]string
	chFiles []string
	// inlineImg are the paths of images read with the manuscript;
	// anchors the files and ids of headings, figures and tables.
	inlineImg map[*doc.Image]string
	anchors   map[string]anchor
	// writingNotes is set while notes are written: citations inside notes
	// do not decide where the cited note lives.
	writingNotes bool
	// Page-break markers (pages.go): waiting for their block, for the
	// title page, inside the block being written, and that block's
	// visible characters written so far.
	marks, titleMarks, navMarks, inside []*marker
	pos                                 int
	// runs splits text by language; foreign is set inside an element
	// already tagged with another language.
	runs    func(string) []typo.Run
	foreign bool
}

// build renders the document and prepares the resources.
func build(d *doc.Document, opt Options) (*book, error) {
	b := &book{lang: oneLine(d.Meta.Lang), altText: true}
	r := &renderer{
		d: d, b: b, tocDepth: opt.TOCDepth, runs: opt.Runs,
		ids:       map[string]bool{},
		num:       map[*doc.Note]int{},
		home:      map[*doc.Note]int{},
		refs:      map[*doc.Note][]refLoc{},
		imgSrc:    map[*doc.Figure]string{},
		inlineImg: map[*doc.Image]string{},
	}
	for _, id := range []string{"toc", "toc-title", "landmarks", "page-list", "titlepage", "colophon", "cover"} {
		r.ids[id] = true
	}
	if err := r.collectFonts(opt.Fonts); err != nil {
		return nil, err
	}
	if err := r.collectImages(); err != nil {
		return nil, err
	}
	r.numberNotes()
	if err := r.checkLabels(); err != nil {
		return nil, err
	}
	b.css = stylesheet(b.lang, b.fonts)
	r.queueMarkers(opt.Pages)
	if len(opt.Cover) > 0 {
		if !bytes.HasPrefix(opt.Cover, []byte("\x89PNG\r\n\x1a\n")) {
			return nil, fmt.Errorf("epub: the cover is not a PNG image")
		}
		b.cover = opt.Cover
		b.files = append(b.files, r.coverPage())
		b.landmarks = append(b.landmarks, landmark{"cover", oneLine(d.Meta.Title.Text), coverFileName})
	}

	chapters := doc.Chapters(d)
	if len(chapters) == 0 && len(r.notes) > 0 {
		// Notes need a file to live in even when there is no body.
		chapters = []doc.Chapter{{}}
	}
	for i := range chapters {
		r.chFiles = append(r.chFiles, fmt.Sprintf("ch%02d.xhtml", i+1))
	}
	r.reserveAnchors(chapters)

	b.files = append(b.files, r.titlePage())
	b.landmarks = append(b.landmarks, landmark{"titlepage", oneLine(d.Labels.TitlePage), titleFileName})
	b.landmarks = append(b.landmarks, landmark{"toc", oneLine(d.Labels.Contents), "../" + path.Base(navPath) + "#toc"})
	for _, m := range r.navMarks {
		b.navMarks = append(b.navMarks, m)
		b.pages = append(b.pages, pageRef{label: m.label, href: path.Base(navPath) + "#" + m.id})
	}
	first := len(b.files) // the first chapter's file

	// Bodies first, so that every citation is known before the notes are
	// written.
	bodies := make([]*bytes.Buffer, len(chapters))
	for i, c := range chapters {
		r.file, r.chap = r.chFiles[i], i
		bodies[i] = &bytes.Buffer{}
		f := &xfile{name: r.file}
		r.chapter(bodies[i], c, f)
		b.files = append(b.files, f)
	}
	if len(chapters) > 0 {
		b.landmarks = append(b.landmarks, landmark{"bodymatter", b.files[first].title, b.files[first].name})
	}
	// A note that no body text cites (only another note does, or nothing)
	// goes to the last chapter.
	for _, n := range r.notes {
		if _, ok := r.home[n]; !ok {
			r.home[n] = len(chapters) - 1
		}
	}
	colophon := r.colophon()
	for i := range chapters {
		r.file, r.chap = r.chFiles[i], i
		r.notesSection(bodies[i], i)
		if i == len(chapters)-1 && colophon == nil {
			r.flushMarkers(bodies[i])
		}
		bodies[i].WriteString("</section>\n")
	}
	for i := range chapters {
		b.files[first+i].body = r.backLinks(bodies[i].String(), r.chFiles[i])
	}
	if colophon != nil {
		b.files = append(b.files, colophon)
	}
	if len(b.toc) == 0 {
		// The navigation document needs at least one entry.
		b.toc = append(b.toc, &tocEntry{text: oneLine(d.Labels.TitlePage), href: titleFileName})
	}
	for _, f := range b.files {
		if err := wellFormed(f.body); err != nil {
			return nil, fmt.Errorf("epub: %s: generated XHTML is not well-formed: %w", f.name, err)
		}
	}
	return b, nil
}

// checkLabels makes sure the words this document needs are there: an
// edition must not silently lose its "Notes" heading or its missing-image
// notice.
func (r *renderer) checkLabels() error {
	var missing []string
	l := r.d.Labels
	need := func(v, name string) {
		if strings.TrimSpace(v) == "" {
			for _, m := range missing {
				if m == name {
					return
				}
			}
			missing = append(missing, name)
		}
	}
	if len(r.notes) > 0 {
		need(l.Notes, "Labels.Notes")
		need(l.BackToText, "Labels.BackToText")
	}
	walkBlocks(r.d.Blocks, func(b doc.Block) {
		switch b := b.(type) {
		case *doc.Figure:
			if len(b.ImageData) == 0 {
				need(l.ImageNotIncluded, "Labels.ImageNotIncluded")
			}
			if len(b.Credit) > 0 {
				need(l.Source, "Labels.Source")
			}
		case *doc.PullQuote:
			need(l.OpenQuote, "Labels.OpenQuote")
			need(l.CloseQuote, "Labels.CloseQuote")
		}
	}, nil)
	if len(missing) > 0 {
		return fmt.Errorf("epub: document has no %s", strings.Join(missing, ", "))
	}
	return nil
}

// uniqueID reserves an id derived from s.
func (r *renderer) uniqueID(s string) string {
	id := xmlID(s)
	// Generated ids (fn-N, fnref-N, notes-…) must not be taken by the
	// author's ids.
	for _, p := range []string{"fn-", "fnref-", "notes-"} {
		if strings.HasPrefix(id, p) {
			id = "x-" + id
		}
	}
	base := id
	for i := 2; r.ids[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	r.ids[id] = true
	return id
}

// numberNotes lists every note once, the document's notes first and then
// any note that is cited but missing from d.Notes, and gives each a unique
// printed number: its Number when that is set and free, else the next one.
func (r *renderer) numberNotes() {
	seen := map[*doc.Note]bool{}
	add := func(n *doc.Note) {
		if n != nil && !seen[n] {
			seen[n] = true
			r.notes = append(r.notes, n)
		}
	}
	for _, n := range r.d.Notes {
		add(n)
	}
	cite := func(ins []doc.Inline) {
		doc.WalkInlines(ins, func(in doc.Inline) {
			if ref, ok := in.(*doc.NoteRef); ok {
				add(ref.Note)
			}
		})
	}
	walkBlocks(r.d.Blocks, nil, cite)
	for i := 0; i < len(r.notes); i++ { // grows while notes cite new notes
		cite(r.notes[i].Content)
		walkBlocks(r.notes[i].Blocks, nil, cite)
	}
	used := map[int]bool{}
	maxNum := 0
	for _, n := range r.notes {
		if n.Number > 0 && !used[n.Number] {
			used[n.Number] = true
			r.num[n] = n.Number
			maxNum = max(maxNum, n.Number)
		}
	}
	for _, n := range r.notes {
		if _, ok := r.num[n]; !ok {
			maxNum++
			r.num[n] = maxNum
		}
	}
}

// walkBlocks calls bf for every block and inl for every run of inlines, in
// reading order.
func walkBlocks(bs []doc.Block, bf func(doc.Block), inl func([]doc.Inline)) {
	if inl == nil {
		inl = func([]doc.Inline) {}
	}
	for _, b := range bs {
		if b == nil {
			continue
		}
		if bf != nil {
			bf(b)
		}
		switch b := b.(type) {
		case *doc.Heading:
			inl(b.Content)
		case *doc.Paragraph:
			inl(b.Content)
		case *doc.BlockQuote:
			walkBlocks(b.Blocks, bf, inl)
		case *doc.PullQuote:
			inl(b.Content)
		case *doc.Figure:
			inl(b.Caption)
			inl(b.Credit)
		case *doc.List:
			for _, it := range b.Items {
				if it != nil {
					inl(it.Content)
					walkBlocks(it.Blocks, bf, inl)
				}
			}
		case *doc.Table:
			inl(b.Caption)
			for _, rows := range [][][]*doc.Cell{b.Head, b.Rows} {
				for _, row := range rows {
					for _, c := range row {
						inl(c.Content)
					}
				}
			}
		case *doc.DefinitionList:
			for _, it := range b.Items {
				inl(it.Term)
				for _, def := range it.Defs {
					walkBlocks(def, bf, inl)
				}
			}
		}
	}
}

func (r *renderer) collectFonts(fonts []Font) error {
	names := map[string]bool{}
	for i, f := range fonts {
		var ext, mt string
		switch {
		case bytes.HasPrefix(f.Data, []byte{0, 1, 0, 0}), bytes.HasPrefix(f.Data, []byte("true")):
			ext, mt = ".ttf", "font/ttf"
		case bytes.HasPrefix(f.Data, []byte("OTTO")):
			ext, mt = ".otf", "font/otf"
		case bytes.HasPrefix(f.Data, []byte("wOFF")):
			ext, mt = ".woff", "font/woff"
		case bytes.HasPrefix(f.Data, []byte("wOF2")):
			ext, mt = ".woff2", "font/woff2"
		default:
			return fmt.Errorf("epub: font %d (%q): data is not a TrueType, OpenType or WOFF font", i+1, f.Family)
		}
		if strings.TrimSpace(f.Family) == "" || strings.ContainsAny(f.Family, "\"\\<>&;{}\n\r") {
			return fmt.Errorf("epub: font %d: family %q cannot be named in CSS", i+1, f.Family)
		}
		name := f.FileName
		if name == "" {
			name = f.Family
		}
		name = strings.TrimSuffix(name, ".ttf")
		name = strings.TrimSuffix(name, ".otf")
		name = strings.TrimSuffix(name, ".woff2")
		name = strings.TrimSuffix(name, ".woff")
		base := xmlID(name)
		name = base + ext
		for j := 2; names[name]; j++ {
			name = base + "-" + strconv.Itoa(j) + ext
		}
		names[name] = true
		style := strings.ToLower(f.Style)
		if style != "italic" && style != "oblique" {
			style = "normal"
		}
		weight := f.Weight
		if weight <= 0 || weight > 1000 {
			weight = 400
		}
		r.b.fonts = append(r.b.fonts, fontFile{fileName: name, mediaType: mt, data: f.Data, family: f.Family, style: style, weight: weight})
	}
	return nil
}

// collectImages names the figure images and decides their paths.
func (r *renderer) collectImages() error {
	names := map[string]bool{coverImage: true}
	var err error
	walkBlocks(r.d.Blocks, func(b doc.Block) {
		f, ok := b.(*doc.Figure)
		if !ok || len(f.ImageData) == 0 || err != nil {
			return
		}
		var ext, mt string
		switch {
		case bytes.HasPrefix(f.ImageData, []byte("\x89PNG\r\n\x1a\n")):
			ext, mt = ".png", "image/png"
		case bytes.HasPrefix(f.ImageData, []byte("\xff\xd8\xff")):
			ext, mt = ".jpg", "image/jpeg"
		default:
			err = fmt.Errorf("epub: figure %q: image is neither PNG nor JPEG", f.ID)
			return
		}
		base := xmlID(f.ID)
		name := base + ext
		for j := 2; names[name]; j++ {
			name = base + "-" + strconv.Itoa(j) + ext
		}
		names[name] = true
		r.b.images = append(r.b.images, imageFile{fileName: name, mediaType: mt, data: f.ImageData})
		r.imgSrc[f] = "../images/" + name
		r.b.hasImages = true
	}, nil)
	// Images in the text, the notes' too.
	n := 0
	collect := func(ins []doc.Inline) {
		doc.WalkInlines(ins, func(in doc.Inline) {
			img, ok := in.(*doc.Image)
			if !ok || len(img.Data) == 0 {
				return
			}
			if _, done := r.inlineImg[img]; done {
				return
			}
			ext, mt := ".png", "image/png"
			if img.Type == "jpeg" {
				ext, mt = ".jpg", "image/jpeg"
			}
			n++
			name := "image-" + strconv.Itoa(n) + ext
			for names[name] {
				n++
				name = "image-" + strconv.Itoa(n) + ext
			}
			names[name] = true
			r.b.images = append(r.b.images, imageFile{fileName: name, mediaType: mt, data: img.Data})
			r.inlineImg[img] = "../images/" + name
			r.b.hasImages = true
		})
	}
	walkBlocks(r.d.Blocks, nil, collect)
	for _, note := range r.d.Notes {
		collect(note.Content)
		walkBlocks(note.Blocks, nil, collect)
	}
	return err
}

func (r *renderer) titlePage() *xfile {
	m := r.d.Meta
	var w bytes.Buffer
	w.WriteString(`<section class="titlepage" epub:type="titlepage" id="titlepage" aria-label="` + esc(oneLine(r.d.Labels.TitlePage)) + `">` + "\n")
	r.file = titleFileName
	for _, mk := range r.titleMarks {
		r.placeMarker(&w, mk)
	}
	w.WriteString(`<h1 class="title">` + esc(m.Title.Text) + "</h1>\n")
	if strings.TrimSpace(m.Subtitle.Text) != "" {
		w.WriteString(`<p class="subtitle">` + esc(m.Subtitle.Text) + "</p>\n")
	}
	if strings.TrimSpace(m.Editor.Text) != "" {
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
	w.WriteString("</section>")
	return &xfile{name: titleFileName, title: oneLine(m.Title.Text), body: w.String()}
}

func (r *renderer) colophon() *xfile {
	l := r.d.Labels
	if strings.TrimSpace(l.Colophon) == "" && len(l.ColophonText) == 0 {
		return nil
	}
	title := oneLine(l.Colophon)
	var w bytes.Buffer
	r.file = colophonName
	w.WriteString(`<section class="colophon" epub:type="colophon" role="doc-colophon" id="colophon">` + "\n")
	r.startBlock(&w, "colophon", nil)
	if title != "" {
		w.WriteString("<h1>" + esc(l.Colophon) + "</h1>\n")
		r.b.toc = append(r.b.toc, &tocEntry{text: title, href: colophonName})
	} else {
		title = oneLine(r.d.Meta.Title.Text)
	}
	text := l.ColophonText
	if len(l.ColophonScreen) > 0 {
		text = l.ColophonScreen
	}
	for _, s := range text {
		w.WriteString("<p>" + esc(s) + "</p>\n")
	}
	r.flushMarkers(&w)
	w.WriteString("</section>")
	return &xfile{name: colophonName, title: title, body: w.String()}
}

// headingText is the heading as displayed, as plain text.
func (r *renderer) headingText(h *doc.Heading) string {
	t := oneLine(doc.PlainText(h.Content))
	if l := oneLine(h.Label); l != "" {
		return oneLine(l + joinLabel(l, r.d.Labels.LabelSep) + t)
	}
	return t
}

// chapter writes the chapter's body up to its notes and adds it to the
// table of contents (the text before the first heading has no entry).
func (r *renderer) chapter(w *bytes.Buffer, c doc.Chapter, f *xfile) {
	var entry *tocEntry
	if c.Heading != nil {
		f.title = r.headingText(c.Heading)
		entry = &tocEntry{text: f.title, href: f.name}
		r.b.toc = append(r.b.toc, entry)
	}
	if f.title == "" {
		f.title = oneLine(r.d.Meta.Title.Text)
	}
	blocks := c.Blocks
	if c.Heading != nil && len(blocks) > 0 && blocks[0] == c.Heading {
		id := r.anchorID(c.Heading.ID)
		w.WriteString(`<section class="chapter" epub:type="chapter" role="doc-chapter" aria-labelledby="` + id + `">` + "\n")
		r.startBlock(w, c.Heading.ID, nil)
		r.heading(w, c.Heading, id)
		blocks = blocks[1:]
	} else {
		w.WriteString(`<section class="chapter" epub:type="chapter">` + "\n")
	}
	for _, b := range blocks {
		if h, ok := b.(*doc.Heading); ok && h.Level == 2 {
			id := r.anchorID(h.ID)
			sub := &tocEntry{text: r.headingText(h), href: f.name + "#" + id}
			switch {
			case r.tocDepth == 1:
			case entry != nil:
				entry.children = append(entry.children, sub)
			default:
				r.b.toc = append(r.b.toc, sub)
			}
			r.startBlock(w, h.ID, nil)
			r.heading(w, h, id)
			continue
		}
		r.block(w, b)
	}
}

func (r *renderer) heading(w *bytes.Buffer, h *doc.Heading, id string) {
	lv := min(max(h.Level, 1), 6)
	if id == "" {
		id = r.anchorID(h.ID)
	}
	tag := "h" + strconv.Itoa(lv)
	w.WriteString("<" + tag + ` id="` + id + `">`)
	if l := oneLine(h.Label); l != "" {
		w.WriteString(`<span class="label">` + esc(h.Label) + "</span>" + esc(joinLabel(l, r.d.Labels.LabelSep)))
	}
	r.inlines(w, h.Content)
	w.WriteString("</" + tag + ">\n")
}

func (r *renderer) block(w *bytes.Buffer, b doc.Block) {
	switch b := b.(type) {
	case nil:
	case *doc.Heading:
		r.startBlock(w, b.ID, nil)
		r.heading(w, b, "")
	case *doc.Paragraph:
		if img, ok := doc.ImageBlock(b); ok {
			w.WriteString(`<div class="image">`)
			r.image(w, img)
			w.WriteString("</div>\n")
			return
		}
		r.startBlock(w, b.ID, r.visibleRunes(b.Content))
		w.WriteString("<p>")
		r.inlines(w, b.Content)
		r.endBlock(w)
		w.WriteString("</p>\n")
	case *doc.CodeBlock:
		r.codeBlock(w, b)
	case *doc.Table:
		r.table(w, b)
	case *doc.DefinitionList:
		r.definitions(w, b)
	case *doc.BlockQuote:
		w.WriteString("<blockquote>\n")
		for _, p := range b.Blocks {
			r.block(w, p)
		}
		w.WriteString("</blockquote>\n")
	case *doc.PullQuote:
		// A blockquote rather than an aside: Apple Books hides asides from
		// the reading flow.
		// It repeats the text: hidden from screen readers, which would
		// read it twice.
		r.startBlock(w, b.ID, nil)
		l := r.d.Labels
		w.WriteString(`<blockquote class="pullquote" epub:type="pullquote" role="doc-pullquote" aria-hidden="true"><p>` + esc(l.OpenQuote))
		r.inlines(w, b.Content)
		w.WriteString(esc(l.CloseQuote) + "</p></blockquote>\n")
	case *doc.Figure:
		r.startBlock(w, b.CaptionID, nil)
		r.figure(w, b)
	case *doc.List:
		var items []*doc.ListItem
		for _, it := range b.Items {
			if it != nil {
				items = append(items, it)
			}
		}
		if len(items) == 0 {
			return
		}
		if b.Ordered {
			if b.Start > 1 || b.Start < 0 {
				w.WriteString(`<ol start="` + strconv.Itoa(b.Start) + `">` + "\n")
			} else {
				w.WriteString("<ol>\n")
			}
		} else {
			w.WriteString("<ul>\n")
		}
		for _, it := range items {
			r.listItem(w, it)
		}
		if b.Ordered {
			w.WriteString("</ol>\n")
		} else {
			w.WriteString("</ul>\n")
		}
	case *doc.ThematicBreak:
		w.WriteString(`<hr class="break"/>` + "\n")
	}
}

func (r *renderer) figure(w *bytes.Buffer, f *doc.Figure) {
	l := r.d.Labels
	class := "figure"
	if k := classToken(f.Kind); k != "" && k != "figure" {
		class += " " + k
	}
	id := r.anchorID(f.ID)
	w.WriteString(`<figure class="` + class + `" id="` + id + `">` + "\n")
	label := oneLine(f.Label)
	caption := oneLine(doc.PlainText(f.Caption))
	if src, ok := r.imgSrc[f]; ok {
		alt := caption
		if label != "" {
			alt = oneLine(label + joinLabel(label, l.LabelSep) + caption)
		}
		if alt == "" {
			r.b.altText = false
		}
		w.WriteString(`<img src="` + esc(src) + `" alt="` + esc(alt) + `"/>` + "\n")
	} else {
		w.WriteString(`<div class="image-missing"><p>` + esc(l.ImageNotIncluded) + "</p></div>\n")
	}
	if label != "" || len(f.Caption) > 0 || len(f.Credit) > 0 {
		w.WriteString("<figcaption>")
		if label != "" || len(f.Caption) > 0 {
			w.WriteString(`<p class="caption">`)
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
			w.WriteString(`<p class="credit"><span class="source">` + esc(l.Source) + "</span>" + esc(joinLabel(src, "")))
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
		if r.runs == nil || r.foreign {
			r.text(w, in.Text)
			return
		}
		for _, run := range r.runs(in.Text) {
			if run.Lang == "" {
				r.text(w, run.Text)
				continue
			}
			l := esc(run.Lang)
			w.WriteString(`<span lang="` + l + `" xml:lang="` + l + `">`)
			r.text(w, run.Text)
			w.WriteString("</span>")
		}
	case *doc.Emph:
		// Emphasis that is all in another language (a title in the
		// notes) carries the language itself: the edition's emphasis
		// rule (bold in Chinese) does not apply to it.
		if l := r.foreignWhole(in.Content); l != "" {
			w.WriteString(`<em lang="` + esc(l) + `" xml:lang="` + esc(l) + `">`)
			r.foreign = true
			r.inlines(w, in.Content)
			r.foreign = false
			w.WriteString("</em>")
			return
		}
		w.WriteString("<em>")
		r.inlines(w, in.Content)
		w.WriteString("</em>")
	case *doc.Strong:
		w.WriteString("<strong>")
		r.inlines(w, in.Content)
		w.WriteString("</strong>")
	case *doc.Code:
		w.WriteString("<code>")
		r.text(w, in.Text)
		w.WriteString("</code>")
	case *doc.Strike:
		w.WriteString("<del>")
		r.inlines(w, in.Content)
		w.WriteString("</del>")
	case *doc.Sup:
		w.WriteString("<sup>")
		r.inlines(w, in.Content)
		w.WriteString("</sup>")
	case *doc.Sub:
		w.WriteString("<sub>")
		r.inlines(w, in.Content)
		w.WriteString("</sub>")
	case *doc.SmallCaps:
		w.WriteString(`<span class="smallcaps">`)
		r.inlines(w, in.Content)
		w.WriteString("</span>")
	case *doc.Image:
		r.image(w, in)
	case *doc.LineBreak:
		w.WriteString("<br/>")
	case *doc.NoteRef:
		r.noteRef(w, in)
	case *doc.Link:
		href, ok := linkTarget(in.URL)
		if strings.HasPrefix(in.URL, "#") {
			href, ok = r.internalHref(in.URL)
		}
		if !ok || r.inLink {
			r.inlines(w, in.Content)
			return
		}
		// Links cannot nest, and a note reference is a link: references
		// inside a link's text are moved to just after it.
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
	}
}

// linkTarget returns the href for a link, or false when the link should
// be kept as text only: only web and mail addresses are linked, since a
// relative address would point into the EPUB and a script address must
// never be followed. The address is percent-encoded to strict RFC 3986,
// which epubcheck demands.
func linkTarget(raw string) (string, bool) {
	raw = strings.TrimSpace(clean(raw))
	if strings.HasPrefix(strings.ToLower(raw), "www.") {
		raw = "http://" + raw
	}
	// A "%" that starts no escape ("…/100%") would make the parse fail.
	u, err := url.Parse(strayPercent.ReplaceAllString(raw, "%25$1"))
	if err != nil {
		return "", false
	}
	var b strings.Builder
	switch scheme := strings.ToLower(u.Scheme); scheme {
	case "http", "https":
		if u.Host == "" || u.User != nil {
			return "", false
		}
		for _, c := range u.Host {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':') {
				return "", false
			}
		}
		b.WriteString(scheme + "://" + u.Host + uriEscape(u.EscapedPath()))
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
		b.WriteString("mailto:" + uriEscape(u.Opaque))
	default:
		return "", false
	}
	if u.RawQuery != "" {
		b.WriteString("?" + uriEscape(u.RawQuery))
	}
	if u.Fragment != "" {
		b.WriteString("#" + uriEscape(u.EscapedFragment()))
	}
	return b.String(), true
}

var strayPercent = regexp.MustCompile(`%([^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|[0-9A-Fa-f]?$)`)

// uriEscape percent-encodes every byte that RFC 3986 does not allow in a
// path, query or fragment, and a "%" that does not start an escape.
func uriEscape(s string) string {
	const hex = "0123456789ABCDEF"
	isHex := func(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			strings.IndexByte("-._~:/?@!$&'()*+,;=", c) >= 0:
			b.WriteByte(c)
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// noteRef writes a citation: a bare link, styled as a superscript by the
// stylesheet, as pop-up footnotes need it.
func (r *renderer) noteRef(w *bytes.Buffer, ref *doc.NoteRef) {
	n := ref.Note
	if n == nil {
		return
	}
	num := r.num[n]
	if _, ok := r.home[n]; !ok && r.refsInBody() {
		r.home[n] = r.chap
	}
	id := "fnref-" + strconv.Itoa(num)
	if k := len(r.refs[n]); k > 0 {
		id += "-" + strconv.Itoa(k+1)
	}
	r.refs[n] = append(r.refs[n], refLoc{file: r.file, id: id})
	r.ids[id] = true
	href := "#fn-" + strconv.Itoa(num)
	if home := r.chFiles[r.home[n]]; home != r.file {
		href = home + href
	}
	if !r.writingNotes {
		for len(r.inside) > 0 && r.inside[0].at <= r.pos { // a page that begins at the citation
			r.placeMarker(w, r.inside[0])
			r.inside = r.inside[1:]
		}
		r.pos += len(strconv.Itoa(num))
	}
	// The word joiner keeps the citation on the line of the word it
	// follows (Chinese text may otherwise break before it).
	w.WriteString("\u2060")
	w.WriteString(`<a class="noteref" epub:type="noteref" role="doc-noteref" href="` + href + `" id="` + id + `"`)
	if r.d.Labels.NoteRef != nil {
		if label := oneLine(r.d.Labels.NoteRef(num)); label != "" {
			w.WriteString(` aria-label="` + esc(label) + `"`)
		}
	}
	w.WriteString(">" + strconv.Itoa(num) + "</a>")
}

// refsInBody tells whether citations met now are in body text (rather than
// inside notes), which decide where a note lives.
func (r *renderer) refsInBody() bool { return !r.writingNotes }

// notesSection writes the notes whose home is chapter i, in number order.
func (r *renderer) notesSection(w *bytes.Buffer, i int) {
	var ns []*doc.Note
	for _, n := range r.notes {
		if r.home[n] == i {
			ns = append(ns, n)
		}
	}
	if len(ns) == 0 {
		return
	}
	sort.SliceStable(ns, func(a, b int) bool { return r.num[ns[a]] < r.num[ns[b]] })
	r.writingNotes = true
	defer func() { r.writingNotes = false }()
	l := r.d.Labels
	hid := "notes-" + strconv.Itoa(i+1)
	w.WriteString(`<section class="footnotes" epub:type="footnotes" aria-labelledby="` + hid + `">` + "\n")
	w.WriteString(`<h2 class="notes-heading" id="` + hid + `">` + esc(l.Notes) + "</h2>\n")
	for _, n := range ns {
		num := strconv.Itoa(r.num[n])
		w.WriteString(`<aside class="footnote" epub:type="footnote" id="fn-` + num + `" role="doc-footnote">` + "\n<p>")
		r.inside = nil
		// The target of the back-link is filled in by backLinks once every
		// citation, including those inside notes, has been placed.
		w.WriteString(`<a class="backlink" role="doc-backlink" href="` + backLinkMark(r.num[n]) + `" title="` + esc(l.BackToText) + `">` + num + "</a>")
		if len(n.Content) > 0 {
			w.WriteString(esc(noteSep(l.LabelSep)))
			r.inlines(w, n.Content)
		}
		w.WriteString("</p>\n")
		for _, b := range n.Blocks {
			r.block(w, b)
		}
		w.WriteString("</aside>\n")
	}
	w.WriteString("</section>\n")
}

// noteSep separates a note's number from its text: the label separator
// (". " gives "7. Text"), or a space.
func noteSep(sep string) string {
	if sep == "" {
		return " "
	}
	return sep
}

// backLinkMark is a placeholder that no cleaned text can contain (NUL).
func backLinkMark(num int) string { return "\x00back:" + strconv.Itoa(num) + "\x00" }

// backLinks fills in the back-link targets in the body of file: each note
// links back to its first citation; a note never cited keeps its number
// without a link.
func (r *renderer) backLinks(body, file string) string {
	if !strings.Contains(body, "\x00") {
		return body
	}
	for _, n := range r.notes {
		num := r.num[n]
		mark := backLinkMark(num)
		if !strings.Contains(body, mark) {
			continue
		}
		locs := r.refs[n]
		if len(locs) == 0 {
			s := strconv.Itoa(num)
			body = strings.Replace(body,
				`<a class="backlink" role="doc-backlink" href="`+mark+`" title="`+esc(r.d.Labels.BackToText)+`">`+s+"</a>",
				`<span class="backlink">`+s+"</span>", 1)
			continue
		}
		href := "#" + locs[0].id
		if locs[0].file != file {
			href = locs[0].file + href
		}
		body = strings.ReplaceAll(body, mark, href)
	}
	return body
}

// foreignWhole is the language of emphasised content that is one text
// whose letters are all in one other language, or "".
func (r *renderer) foreignWhole(ins []doc.Inline) string {
	if r.runs == nil || r.foreign || len(ins) != 1 {
		return ""
	}
	t, ok := ins[0].(*doc.Text)
	if !ok {
		return ""
	}
	lang := ""
	for _, run := range r.runs(t.Text) {
		switch {
		case run.Lang != "" && lang == "":
			lang = run.Lang
		case run.Lang != "":
			return "" // two runs
		case strings.IndexFunc(run.Text, unicode.IsLetter) >= 0:
			return "" // letters of the edition's language
		}
	}
	return lang
}
