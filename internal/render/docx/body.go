package docx

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // figure images
	_ "image/png"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/press/press/internal/doc"
)

// Style ids used in the body. Their definitions are in styles.go.
const (
	styleTitle       = "Title"
	styleSubtitle    = "Subtitle"
	styleEditor      = "Editor"
	styleAuthor      = "Author"
	styleDate        = "Date"
	styleQuote       = "Quote"
	stylePullQuote   = "PullQuote"
	styleCaption     = "Caption"
	styleSource      = "FigureSource"
	styleFigure      = "Figure"
	stylePlaceholder = "FigurePlaceholder"
	styleTOCHeading  = "TOCHeading"
	styleListPara    = "ListParagraph"
	styleSceneBreak  = "SceneBreak"
	styleColophon    = "Colophon"
	styleFootnote    = "FootnoteText"
	styleNoteRef     = "FootnoteReference"
	styleHyperlink   = "Hyperlink"
	styleCode        = "VerbatimChar"
)

// DefaultTOCDepth is the deepest heading level in the table of contents
// when Options.TOCDepth is 0; the TOC field's \o switch says the same.
const DefaultTOCDepth = 2

type media struct {
	name, ext string
	data      []byte
}

type listDef struct {
	ordered bool
	start   int
	depth   int // 0 for a list in the body, 1 inside an item …
}

// writer holds the state of one rendering.
type writer struct {
	d    *doc.Document
	opt  Options
	geo  geometry
	lang language

	docRels   rels // relationships of word/document.xml
	noteRels  rels // relationships of word/footnotes.xml
	footerRel string

	notes     []*doc.Note // in footnote id order: id = index + 1
	noteIDs   map[*doc.Note]int
	cited     map[*doc.Note]bool // a footnoteReference was written
	citations map[*doc.Note]int

	headingBM map[*doc.Heading]string
	anchors   map[string]string // heading id → bookmark name
	colophon  *doc.Heading
	bookmarks int
	rendered  map[*doc.Heading]bool // headings whose bookmark is written

	media     []media
	lists     []listDef
	listDepth int
	drawings  int

	titlePage bool
	breakNext bool // the next body paragraph starts a page
}

func newWriter(d *doc.Document, opt Options, geo geometry, lang language) *writer {
	w := &writer{
		d: d, opt: opt, geo: geo, lang: lang,
		noteIDs:   map[*doc.Note]int{},
		cited:     map[*doc.Note]bool{},
		citations: doc.Citations(d),
		headingBM: map[*doc.Heading]string{},
		anchors:   map[string]string{},
		rendered:  map[*doc.Heading]bool{},
	}
	w.docRels.add(relStyles, "styles.xml", false)
	w.docRels.add(relSettings, "settings.xml", false)
	w.docRels.add(relFontTable, "fontTable.xml", false)
	w.docRels.add(relFootnotes, "footnotes.xml", false)
	w.footerRel = w.docRels.add(relFooter, "footer1.xml", false)

	n := 0
	for _, h := range doc.Headings(d) {
		if h == nil {
			continue
		}
		n++
		bm := "_Toc" + strconv.Itoa(n)
		w.headingBM[h] = bm
		if h.ID != "" {
			if _, dup := w.anchors[h.ID]; !dup {
				w.anchors[h.ID] = bm
			}
		}
	}
	// Figures that links point to get a bookmark too.
	targets := map[string]bool{}
	for _, u := range doc.Units(d) {
		if u.Inlines != nil {
			doc.WalkInlines(*u.Inlines, func(in doc.Inline) {
				if l, ok := in.(*doc.Link); ok && strings.HasPrefix(l.URL, "#") {
					targets[l.URL[1:]] = true
				}
			})
		}
	}
	for i, b := range d.Blocks {
		if f, ok := b.(*doc.Figure); ok && targets[f.ID] {
			if _, dup := w.anchors[f.ID]; !dup {
				w.anchors[f.ID] = "_Fig" + strconv.Itoa(i+1)
			}
		}
	}
	if d.Labels.Colophon != "" && hasText(d.Labels.ColophonText) {
		w.colophon = &doc.Heading{ID: "colophon", Level: 1, Content: []doc.Inline{&doc.Text{Text: d.Labels.Colophon}}}
		w.headingBM[w.colophon] = "_Toc" + strconv.Itoa(n+1)
	}
	return w
}

func hasText(ss []string) bool {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return true
		}
	}
	return false
}

// ctx is where inline content goes: the builder, the relationships of the
// part, and what the content is part of.
type ctx struct {
	b    *strings.Builder
	rels *rels
	note bool // inside a footnote
	toc  bool // a table of contents entry: no notes, no links
	link bool // inside a hyperlink
}

func (w *writer) tocDepth() int {
	if w.opt.TOCDepth > 0 {
		return min(w.opt.TOCDepth, 9)
	}
	return DefaultTOCDepth
}

// document renders word/document.xml.
func (w *writer) document() (string, error) {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="` + nsWP + `"><w:body>`)
	c := &ctx{b: &b, rels: &w.docRels}
	w.title(c)
	var entries []*doc.Heading
	for _, h := range doc.Headings(w.d) {
		if h != nil && h.Level <= w.tocDepth() {
			entries = append(entries, h)
		}
	}
	if w.colophon != nil {
		entries = append(entries, w.colophon)
	}
	w.toc(c, entries)
	for _, blk := range w.d.Blocks {
		if err := w.block(c, blk); err != nil {
			return "", err
		}
	}
	w.colophonPage(c)
	if len(w.lists) > 0 {
		w.docRels.add(relNumbering, "numbering.xml", false)
	}
	g := w.geo
	b.WriteString(`<w:sectPr>`)
	fmt.Fprintf(&b, `<w:footerReference w:type="default" r:id="%s"/>`, w.footerRel)
	orient := ""
	if g.PageW > g.PageH {
		orient = ` w:orient="landscape"`
	}
	fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"%s/>`, g.PageW, g.PageH, orient)
	fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
		g.Margin, g.Margin, g.Margin, g.Margin, g.HeaderFooter, g.HeaderFooter)
	b.WriteString(`<w:cols w:space="720"/>`)
	if w.titlePage {
		b.WriteString(`<w:titlePg/>`) // no page number on the title page
	}
	b.WriteString(`<w:docGrid w:linePitch="360"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.String(), nil
}

// pp are the properties of a paragraph.
type pp struct {
	style    string
	keepNext bool
	numID    int
	indent   int // left indent in twips, 0 for the style's
}

// pOpen starts a paragraph. A pending page break becomes pageBreakBefore
// unless the style already breaks the page.
func (w *writer) pOpen(c *ctx, p pp) {
	brk := false
	if w.breakNext && !c.note {
		w.breakNext = false
		brk = p.style != "Heading1" && p.style != styleTOCHeading
	}
	c.b.WriteString("<w:p>")
	if p.style == "" && !p.keepNext && !brk && p.numID == 0 && p.indent == 0 {
		return
	}
	c.b.WriteString("<w:pPr>")
	if p.style != "" {
		c.b.WriteString(`<w:pStyle w:val="` + p.style + `"/>`)
	}
	if p.keepNext {
		c.b.WriteString(`<w:keepNext/>`)
	}
	if brk {
		c.b.WriteString(`<w:pageBreakBefore/>`)
	}
	if p.numID > 0 {
		fmt.Fprintf(c.b, `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>`, p.numID)
	}
	if p.indent > 0 {
		fmt.Fprintf(c.b, `<w:ind w:left="%d"/>`, p.indent)
	}
	c.b.WriteString("</w:pPr>")
}

func (w *writer) para(c *ctx, style, text string) {
	w.pOpen(c, pp{style: style})
	w.text(c.b, runFmt{}, text)
	c.b.WriteString("</w:p>")
}

// title writes the title page: title, subtitle, editor, authors, date.
func (w *writer) title(c *ctx) {
	m := w.d.Meta
	p := func(style, text string) {
		if strings.TrimSpace(text) != "" {
			w.para(c, style, text)
			w.titlePage = true
		}
	}
	p(styleTitle, m.Title.Text)
	p(styleSubtitle, m.Subtitle.Text)
	p(styleEditor, m.Editor.Text)
	for _, a := range m.Authors {
		p(styleAuthor, a.Text)
	}
	p(styleDate, m.DateText)
	if w.titlePage {
		w.breakNext = true
	}
}

// toc writes the table of contents: a TOC field whose result is already
// filled with the entries, each a link to its heading's bookmark with a
// PAGEREF field for the page number.
func (w *writer) toc(c *ctx, entries []*doc.Heading) {
	if len(entries) == 0 {
		return
	}
	c.b.WriteString(`<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>`)
	if t := w.d.Labels.Contents; strings.TrimSpace(t) != "" {
		w.para(c, styleTOCHeading, t)
	}
	tc := *c
	tc.toc = true
	for i, h := range entries {
		style := "TOC1"
		if h.Level >= 2 {
			style = "TOC2"
		}
		w.pOpen(c, pp{style: style})
		if i == 0 {
			field(c.b, `TOC \o "1-`+strconv.Itoa(w.tocDepth())+`" \h \z \u`, false)
		}
		bm := w.headingBM[h]
		c.b.WriteString(`<w:hyperlink w:anchor="` + bm + `" w:history="1">`)
		w.headingText(&tc, h)
		c.b.WriteString(`<w:r><w:tab/></w:r>`)
		field(c.b, `PAGEREF `+bm+` \h`, false)
		if p := w.opt.TOCPages[h.ID]; p != "" {
			c.b.WriteString(`<w:r><w:t>` + esc(p) + `</w:t></w:r>`)
		}
		c.b.WriteString(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
		c.b.WriteString(`</w:hyperlink>`)
		if i == len(entries)-1 {
			c.b.WriteString(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
		}
		c.b.WriteString("</w:p>")
	}
	c.b.WriteString(`</w:sdtContent></w:sdt>`)
	w.breakNext = true
}

// field writes the start of a complex field up to its separator; with end
// it also closes it, leaving the result empty for the reader to compute.
func field(b *strings.Builder, instr string, end bool) {
	b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r>`)
	b.WriteString(`<w:r><w:instrText xml:space="preserve"> ` + esc(instr) + ` </w:instrText></w:r>`)
	b.WriteString(`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
	if end {
		b.WriteString(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
	}
}

func (w *writer) block(c *ctx, blk doc.Block) error {
	switch b := blk.(type) {
	case *doc.Heading:
		if b != nil {
			w.heading(c, b)
		}
	case *doc.CodeBlock:
		w.codeBlock(c, b)
	case *doc.Table:
		w.table(c, b)
	case *doc.DefinitionList:
		return w.definitions(c, b)
	case *doc.Paragraph:
		if img, ok := doc.ImageBlock(b); ok && len(img.Data) > 0 {
			w.pOpen(c, pp{style: styleFigure})
			w.inlineImage(c, img, runFmt{})
			c.b.WriteString("</w:p>")
			return nil
		}
		if b != nil {
			w.pOpen(c, pp{})
			w.inlines(c, b.Content, runFmt{})
			c.b.WriteString("</w:p>")
		}
	case *doc.BlockQuote:
		if b == nil {
			return nil
		}
		for _, x := range b.Blocks {
			if p, ok := x.(*doc.Paragraph); ok && p != nil {
				w.pOpen(c, pp{style: styleQuote})
				w.inlines(c, p.Content, runFmt{})
				c.b.WriteString("</w:p>")
			} else if err := w.block(c, x); err != nil {
				return err
			}
		}
	case *doc.PullQuote:
		if b != nil {
			L := w.d.Labels
			w.pOpen(c, pp{style: stylePullQuote})
			w.text(c.b, runFmt{}, L.OpenQuote)
			w.inlines(c, b.Content, runFmt{})
			w.text(c.b, runFmt{}, L.CloseQuote)
			c.b.WriteString("</w:p>")
		}
	case *doc.Figure:
		if b != nil {
			return w.figure(c, b)
		}
	case *doc.List:
		if b == nil {
			return nil
		}
		return w.list(c, b)
	case *doc.ThematicBreak:
		w.pOpen(c, pp{style: styleSceneBreak})
		c.b.WriteString("</w:p>")
	}
	return nil
}

func headingStyle(level int) string {
	level = max(1, min(level, 6))
	return "Heading" + strconv.Itoa(level)
}

func (w *writer) heading(c *ctx, h *doc.Heading) {
	w.pOpen(c, pp{style: headingStyle(h.Level)})
	if w.rendered[h] { // the same heading twice: one bookmark only
		w.headingText(c, h)
		c.b.WriteString("</w:p>")
		return
	}
	w.rendered[h] = true
	id := w.bookmarks
	w.bookmarks++
	fmt.Fprintf(c.b, `<w:bookmarkStart w:id="%d" w:name="%s"/>`, id, w.headingBM[h])
	w.headingText(c, h)
	fmt.Fprintf(c.b, `<w:bookmarkEnd w:id="%d"/>`, id)
	c.b.WriteString("</w:p>")
}

// headingText is the heading as displayed: Label, separator, title.
func (w *writer) headingText(c *ctx, h *doc.Heading) {
	if h.Label != "" {
		sep := w.d.Labels.LabelSep
		if len(h.Content) == 0 {
			sep = ""
		}
		w.text(c.b, runFmt{}, h.Label+sep)
	}
	w.inlines(c, h.Content, runFmt{})
}

// figure writes the image (or the frame that stands for it), the caption
// and the credit line.
func (w *writer) figure(c *ctx, f *doc.Figure) error {
	L := w.d.Labels
	hasCaption := f.Label != "" || len(f.Caption) > 0
	hasCredit := len(f.Credit) > 0
	if len(f.ImageData) > 0 {
		run, err := w.image(c, f)
		if err != nil {
			return err
		}
		w.pOpen(c, pp{style: styleFigure})
		c.b.WriteString(run)
		c.b.WriteString("</w:p>")
	} else {
		w.para(c, stylePlaceholder, L.ImageNotIncluded)
	}
	bm, linked := w.anchors[f.ID]
	if linked {
		fmt.Fprintf(c.b, `<w:bookmarkStart w:id="%d" w:name="%s"/><w:bookmarkEnd w:id="%d"/>`, w.bookmarks, bm, w.bookmarks)
		w.bookmarks++
	}
	if hasCaption {
		w.pOpen(c, pp{style: styleCaption, keepNext: hasCredit})
		if f.Label != "" {
			sep := L.LabelSep
			if len(f.Caption) == 0 {
				sep = ""
			}
			w.text(c.b, runFmt{}, f.Label+sep)
		}
		w.inlines(c, f.Caption, runFmt{})
		c.b.WriteString("</w:p>")
	}
	if hasCredit {
		w.pOpen(c, pp{style: styleSource})
		w.text(c.b, runFmt{}, sourcePrefix(L.Source))
		w.inlines(c, f.Credit, runFmt{})
		c.b.WriteString("</w:p>")
	}
	return nil
}

// sourcePrefix is the "Source:" label followed by a space, unless it ends
// in a space or in a full-width (CJK) mark that carries its own.
func sourcePrefix(s string) string {
	if s == "" {
		return ""
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsSpace(r) || r >= 0x2E80 {
		return s
	}
	return s + " "
}

const emuPerPixel = 9525 // at 96 dpi

// image stores the figure's image as a media part and returns the run
// that draws it inline, scaled to fit the text block.
func (w *writer) image(c *ctx, f *doc.Figure) (string, error) {
	descr := doc.PlainText(f.Caption)
	if f.Label != "" {
		if descr != "" {
			descr = f.Label + w.d.Labels.LabelSep + descr
		} else {
			descr = f.Label
		}
	}
	run, err := w.imageRun(c, f.ImageData, descr)
	if err != nil {
		return "", fmt.Errorf("docx: figure %q: %w", f.ID, err)
	}
	return run, nil
}

// imageRun stores an image as a media part and returns the run that
// draws it inline, scaled to fit the text block, described by descr.
func (w *writer) imageRun(c *ctx, data []byte, descr string) (string, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("image: %w", err)
	}
	var ext string
	switch format {
	case "png":
		ext = "png"
	case "jpeg":
		ext = "jpeg"
	default:
		return "", fmt.Errorf("image format %q is not supported (png or jpeg)", format)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return "", fmt.Errorf("image has no size")
	}
	name := fmt.Sprintf("image%d.%s", len(w.media)+1, ext)
	w.media = append(w.media, media{name: name, ext: ext, data: data})
	rid := c.rels.add(relImage, "media/"+name, false)

	cx, cy := int64(cfg.Width)*emuPerPixel, int64(cfg.Height)*emuPerPixel
	maxW, maxH := w.geo.TextWEMU, w.geo.TextHEMU*3/5
	if cx > maxW {
		cy = cy * maxW / cx
		cx = maxW
	}
	if cy > maxH {
		cx = cx * maxH / cy
		cy = maxH
	}
	cx, cy = max(cx, 1), max(cy, 1)
	w.drawings++
	id := w.drawings
	var b strings.Builder
	b.WriteString(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">`)
	fmt.Fprintf(&b, `<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/>`, cx, cy)
	fmt.Fprintf(&b, `<wp:docPr id="%d" name="Picture %d" descr="%s"/>`, id, id, attr(descr))
	b.WriteString(`<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="` + nsA + `" noChangeAspect="1"/></wp:cNvGraphicFramePr>`)
	b.WriteString(`<a:graphic xmlns:a="` + nsA + `"><a:graphicData uri="` + nsPic + `"><pic:pic xmlns:pic="` + nsPic + `">`)
	fmt.Fprintf(&b, `<pic:nvPicPr><pic:cNvPr id="%d" name="%s"/><pic:cNvPicPr/></pic:nvPicPr>`, id, name)
	fmt.Fprintf(&b, `<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`, rid)
	fmt.Fprintf(&b, `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`, cx, cy)
	b.WriteString(`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`)
	return b.String(), nil
}

// colophonPage writes the colophon at the end: its heading and sentences.
func (w *writer) colophonPage(c *ctx) {
	L := w.d.Labels
	if !hasText(L.ColophonText) {
		return
	}
	if w.colophon != nil {
		w.heading(c, w.colophon)
	} else {
		w.breakNext = true
	}
	for _, t := range L.ColophonText {
		if strings.TrimSpace(t) != "" {
			w.para(c, styleColophon, t)
		}
	}
}

// runFmt is the character formatting of a run.
type runFmt struct {
	style        string
	bold, italic bool
	lang         string // w:lang of a run in another language, e.g. "en-GB"
	strike       bool
	vert         string // "superscript", "subscript" or ""
	smallCaps    bool
}

func (f runFmt) rPr() string {
	if f == (runFmt{}) {
		return ""
	}
	s := "<w:rPr>"
	if f.style != "" {
		s += `<w:rStyle w:val="` + f.style + `"/>`
	}
	if f.bold {
		s += "<w:b/>"
	}
	if f.italic {
		s += "<w:i/>"
	}
	if f.lang != "" {
		s += `<w:lang w:val="` + attr(f.lang) + `"/>`
	}
	if f.smallCaps {
		s += "<w:smallCaps/>"
	}
	if f.strike {
		s += "<w:strike/>"
	}
	if f.vert != "" {
		s += `<w:vertAlign w:val="` + f.vert + `"/>`
	}
	return s + "</w:rPr>"
}

// text writes s as one run. Tabs and newlines become <w:tab/> and <w:br/>;
// everything else is kept as text, escaped.
func (w *writer) text(b *strings.Builder, f runFmt, s string) {
	s = clean(s)
	if s == "" {
		return
	}
	b.WriteString("<w:r>")
	b.WriteString(f.rPr())
	seg := func(t string) {
		if t != "" {
			b.WriteString(`<w:t xml:space="preserve">`)
			escText(b, t)
			b.WriteString(`</w:t>`)
		}
	}
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t':
			seg(s[start:i])
			b.WriteString("<w:tab/>")
			start = i + 1
		case '\n':
			seg(s[start:i])
			b.WriteString("<w:br/>")
			start = i + 1
		}
	}
	seg(s[start:])
	b.WriteString("</w:r>")
}

func (w *writer) inlines(c *ctx, ins []doc.Inline, f runFmt) {
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			if in == nil {
				continue
			}
			if w.opt.Runs == nil || f.lang != "" {
				w.text(c.b, w.cjkFmt(f), in.Text)
				continue
			}
			for _, r := range w.opt.Runs(in.Text) {
				g := f
				if r.Lang != "" {
					g.lang = wordLang(r.Lang).Word
				} else {
					g = w.cjkFmt(g)
				}
				w.text(c.b, g, r.Text)
			}
		case *doc.Code:
			if in != nil {
				g := f
				if g.style == "" {
					g.style = styleCode
				}
				w.text(c.b, g, in.Text)
			}
		case *doc.Emph:
			if in != nil {
				g := f
				g.italic = true
				w.inlines(c, in.Content, g)
			}
		case *doc.Strong:
			if in != nil {
				g := f
				g.bold = true
				w.inlines(c, in.Content, g)
			}
		case *doc.Link:
			if in != nil {
				w.link(c, in, f)
			}
		case *doc.Strike:
			g := f
			g.strike = true
			w.inlines(c, in.Content, g)
		case *doc.Sup:
			g := f
			g.vert = "superscript"
			w.inlines(c, in.Content, g)
		case *doc.Sub:
			g := f
			g.vert = "subscript"
			w.inlines(c, in.Content, g)
		case *doc.SmallCaps:
			g := f
			g.smallCaps = true
			w.inlines(c, in.Content, g)
		case *doc.Image:
			w.inlineImage(c, in, f)
		case *doc.NoteRef:
			if in != nil {
				w.noteRef(c, in.Note)
			}
		case *doc.LineBreak:
			if c.toc {
				w.text(c.b, f, " ")
			} else {
				c.b.WriteString("<w:r><w:br/></w:r>")
			}
		}
	}
}

// link writes a hyperlink: to a heading's bookmark for "#id", to an
// external relationship for web and mail addresses. Other targets keep
// their text only.
func (w *writer) link(c *ctx, l *doc.Link, f runFmt) {
	content := l.Content
	if len(content) == 0 {
		content = []doc.Inline{&doc.Text{Text: l.URL}}
	}
	if c.toc || c.link {
		w.inlines(c, content, f)
		return
	}
	var open string
	if frag, ok := strings.CutPrefix(l.URL, "#"); ok {
		if bm, ok := w.anchors[frag]; ok {
			open = `<w:hyperlink w:anchor="` + bm + `" w:history="1">`
		}
	} else if u, ok := externalURL(l.URL); ok {
		open = `<w:hyperlink r:id="` + c.rels.hyperlink(u) + `" w:history="1">`
	}
	if open == "" {
		w.inlines(c, content, f)
		return
	}
	c.b.WriteString(open)
	g := f
	g.style = styleHyperlink
	lc := *c
	lc.link = true
	w.inlines(&lc, content, g)
	c.b.WriteString(`</w:hyperlink>`)
}

// externalURL accepts http, https, mailto and ftp addresses (and "www."
// ones, as http) and percent-encodes what a URI may not contain.
func externalURL(raw string) (string, bool) {
	s := strings.TrimSpace(clean(raw))
	if strings.HasPrefix(strings.ToLower(s), "www.") {
		s = "http://" + s
	}
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", false
	}
	switch strings.ToLower(s[:i]) {
	case "http", "https", "mailto", "ftp":
	default:
		return "", false
	}
	var b strings.Builder
	for j := 0; j < len(s); j++ {
		ch := s[j]
		if ch <= 0x20 || ch >= 0x7f || strings.IndexByte("\"<>\\^`{|}", ch) >= 0 {
			fmt.Fprintf(&b, "%%%02X", ch)
		} else {
			b.WriteByte(ch)
		}
	}
	return b.String(), true
}

// noteID gives the footnote id of n, assigning the next one on first use.
func (w *writer) noteID(n *doc.Note) int {
	if id, ok := w.noteIDs[n]; ok {
		return id
	}
	w.notes = append(w.notes, n)
	id := len(w.notes)
	w.noteIDs[n] = id
	return id
}

const noteRefRPr = `<w:rPr><w:rStyle w:val="` + styleNoteRef + `"/></w:rPr>`

// noteRef cites a note: a footnote reference the first time, a NOTEREF
// cross-reference to it afterwards (a Word footnote has one reference).
func (w *writer) noteRef(c *ctx, n *doc.Note) {
	if n == nil || c.toc {
		return
	}
	id := w.noteID(n)
	if c.note {
		// Word has no footnotes inside footnotes: print the number.
		fmt.Fprintf(c.b, `<w:r>%s<w:t>%d</w:t></w:r>`, noteRefRPr, id)
		return
	}
	bm := fmt.Sprintf("_RefNote%d", id)
	if !w.cited[n] {
		w.cited[n] = true
		again := w.citations[n] > 1
		bid := w.bookmarks
		if again {
			w.bookmarks++
			fmt.Fprintf(c.b, `<w:bookmarkStart w:id="%d" w:name="%s"/>`, bid, bm)
		}
		fmt.Fprintf(c.b, `<w:r>%s<w:footnoteReference w:id="%d"/></w:r>`, noteRefRPr, id)
		if again {
			fmt.Fprintf(c.b, `<w:bookmarkEnd w:id="%d"/>`, bid)
		}
		return
	}
	fmt.Fprintf(c.b, `<w:r>%s<w:fldChar w:fldCharType="begin"/></w:r>`, noteRefRPr)
	fmt.Fprintf(c.b, `<w:r>%s<w:instrText xml:space="preserve"> NOTEREF %s \h </w:instrText></w:r>`, noteRefRPr, bm)
	fmt.Fprintf(c.b, `<w:r>%s<w:fldChar w:fldCharType="separate"/></w:r>`, noteRefRPr)
	fmt.Fprintf(c.b, `<w:r>%s<w:t>%d</w:t></w:r>`, noteRefRPr, id)
	fmt.Fprintf(c.b, `<w:r>%s<w:fldChar w:fldCharType="end"/></w:r>`, noteRefRPr)
}

// footnotes renders word/footnotes.xml: the separators, then every note
// once, in id order. Notes never cited still get a footnote so none is
// lost.
func (w *writer) footnotes() string {
	for _, n := range w.d.Notes {
		if n != nil {
			w.noteID(n)
		}
	}
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:footnotes xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">`)
	b.WriteString(`<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>`)
	b.WriteString(`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
	c := &ctx{b: &b, rels: &w.noteRels, note: true}
	for i := 0; i < len(w.notes); i++ { // notes may cite notes: the list can grow
		n := w.notes[i]
		fmt.Fprintf(&b, `<w:footnote w:id="%d">`, i+1)
		w.pOpen(c, pp{style: styleFootnote})
		fmt.Fprintf(&b, `<w:r>%s<w:footnoteRef/></w:r>`, noteRefRPr)
		if !w.lang.CJK {
			b.WriteString(`<w:r><w:t xml:space="preserve"> </w:t></w:r>`)
		}
		w.inlines(c, n.Content, runFmt{})
		b.WriteString(`</w:p>`)
		for _, blk := range n.Blocks {
			if p, ok := blk.(*doc.Paragraph); ok {
				w.pOpen(c, pp{style: styleFootnote})
				w.inlines(c, p.Content, runFmt{})
				b.WriteString(`</w:p>`)
				continue
			}
			if err := w.block(c, blk); err != nil {
				w.inlines(c, []doc.Inline{&doc.Text{Text: err.Error()}}, runFmt{})
			}
		}
		b.WriteString(`</w:footnote>`)
	}
	b.WriteString(`</w:footnotes>`)
	return b.String()
}

// numberingXML defines one list numbering per list, so each ordered list
// starts at its own number.
func (w *writer) numberingXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:numbering xmlns:w="` + nsW + `">`)
	lvl := func(id int, format, text string) {
		fmt.Fprintf(&b, `<w:abstractNum w:abstractNumId="%d"><w:multiLevelType w:val="singleLevel"/>`, id)
		fmt.Fprintf(&b, `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/><w:lvlJc w:val="left"/>`, format, text)
		b.WriteString(`<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>`)
	}
	lvl(0, "bullet", "•")
	lvl(1, "decimal", "%1.")
	// Nested lists: the same marks, one indent step further each level.
	deep := map[[2]int]int{}
	for _, l := range w.lists {
		if l.depth == 0 {
			continue
		}
		k := [2]int{b2i(l.ordered), l.depth}
		if _, ok := deep[k]; ok {
			continue
		}
		id := 2 + len(deep)
		deep[k] = id
		format, text := "bullet", []string{"•", "◦", "▪"}[l.depth%3]
		if l.ordered {
			format, text = "decimal", "%1."
		}
		fmt.Fprintf(&b, `<w:abstractNum w:abstractNumId="%d"><w:multiLevelType w:val="singleLevel"/>`, id)
		fmt.Fprintf(&b, `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/><w:lvlJc w:val="left"/>`, format, text)
		fmt.Fprintf(&b, `<w:pPr><w:ind w:left="%d" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>`, listIndent(l.depth))
	}
	for i, l := range w.lists {
		abs := 0
		if l.ordered {
			abs = 1
		}
		if l.depth > 0 {
			abs = deep[[2]int{b2i(l.ordered), l.depth}]
		}
		fmt.Fprintf(&b, `<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>`, i+1, abs)
		if l.ordered {
			fmt.Fprintf(&b, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="%d"/></w:lvlOverride>`, l.start)
		}
		b.WriteString(`</w:num>`)
	}
	b.WriteString(`</w:numbering>`)
	return b.String()
}

// cjkFmt is the format of a run in the edition's language: Chinese,
// Japanese and Korean have no italic, so emphasis is bold, as in the
// EPUB and the PDF.
func (w *writer) cjkFmt(f runFmt) runFmt {
	if w.lang.CJK && f.italic {
		f.italic, f.bold = false, true
	}
	return f
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
