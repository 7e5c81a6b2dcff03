// Package docx renders a document as Office Open XML (a Word .docx file),
// written by hand with archive/zip: real paragraph and character styles,
// real footnotes, a pre-filled table of contents, hyperlinks as
// relationships, a page-number footer and document properties.
//
// The output is deterministic: the same document and options give the same
// bytes. Entry times come from Meta.Modified, never from the clock.
package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/typo"
)

// Options set the page and the fonts.
type Options struct {
	PageWidthMM, PageHeightMM float64 // default A4 (210 × 297)
	BodyFont, HeadingFont     string  // font family names, default "Noto Serif" / "Noto Sans"
	// EastAsiaFont is the font of Chinese, Japanese and Korean text, e.g.
	// "Noto Serif CJK SC". Empty means none, except for a Chinese edition,
	// where it defaults to "Noto Serif CJK SC".
	EastAsiaFont string
	// HeadingEastAsiaFont is the font of Han text in headings; for a
	// Chinese edition it defaults to "Noto Sans CJK SC".
	HeadingEastAsiaFont string
	// Runs splits text into runs by language (typo.Runs): runs in
	// another language than the edition's get their w:lang. Nil:
	// nothing is tagged.
	Runs func(string) []typo.Run
	// Fonts are embedded (obfuscated, as Word does) and the document
	// asks for them to be used.
	Fonts []EmbeddedFont
	// TOCPages are the pages of the headings by id, from press's
	// pagination: the table of contents shows them (and asks Word to
	// update them on opening). Nil: the page numbers are left empty.
	TOCPages map[string]string
	// TOCDepth is the deepest heading level in the contents (0: 2).
	TOCDepth int
}

// Defaults and limits of Options.
const (
	DefaultBodyFont    = "Noto Serif"
	DefaultHeadingFont = "Noto Sans"
	DefaultCJKFont     = "Noto Serif CJK SC"
	// DefaultCJKHeadingFont is the Chinese face of headings.
	DefaultCJKHeadingFont = "Noto Sans CJK SC"
	monoFont              = "Noto Sans Mono"

	a4WidthMM, a4HeightMM = 210, 297
	minPageMM, maxPageMM  = 50, 558 // Word accepts at most 22 inches
)

// geometry is the page in twentieths of a point (twips).
type geometry struct {
	PageW, PageH   int
	Margin         int // all four sides
	HeaderFooter   int // distance of the footer from the page edge
	TextW, TextH   int
	TextWEMU       int64 // text width in EMU (914400 per inch)
	TextHEMU       int64
	SceneBreakIndt int
}

func mmToTwips(mm float64) int { return int(math.Round(mm / 25.4 * 1440)) }

func (o *Options) normalize(lang language) (geometry, error) {
	var g geometry
	w, h := o.PageWidthMM, o.PageHeightMM
	if w == 0 {
		w = a4WidthMM
	}
	if h == 0 {
		h = a4HeightMM
	}
	for _, v := range []struct {
		name string
		mm   float64
	}{{"width", w}, {"height", h}} {
		if math.IsNaN(v.mm) || v.mm < minPageMM || v.mm > maxPageMM {
			return g, fmt.Errorf("docx: page %s %v mm is outside %d–%d mm", v.name, v.mm, minPageMM, maxPageMM)
		}
	}
	o.PageWidthMM, o.PageHeightMM = w, h
	o.BodyFont = strings.TrimSpace(clean(o.BodyFont))
	o.HeadingFont = strings.TrimSpace(clean(o.HeadingFont))
	o.EastAsiaFont = strings.TrimSpace(clean(o.EastAsiaFont))
	if o.BodyFont == "" {
		o.BodyFont = DefaultBodyFont
	}
	if o.HeadingFont == "" {
		o.HeadingFont = DefaultHeadingFont
	}
	if o.EastAsiaFont == "" && strings.HasPrefix(lang.Word, "zh") {
		o.EastAsiaFont = DefaultCJKFont
	}
	o.HeadingEastAsiaFont = strings.TrimSpace(clean(o.HeadingEastAsiaFont))
	if o.HeadingEastAsiaFont == "" && strings.HasPrefix(lang.Word, "zh") {
		o.HeadingEastAsiaFont = DefaultCJKHeadingFont
	}
	marginMM := math.Min(25, 0.12*math.Min(w, h))
	g.PageW, g.PageH = mmToTwips(w), mmToTwips(h)
	g.Margin = mmToTwips(marginMM)
	g.HeaderFooter = mmToTwips(marginMM / 2)
	g.TextW = g.PageW - 2*g.Margin
	g.TextH = g.PageH - 2*g.Margin
	g.TextWEMU = int64(g.TextW) * 635 // 914400 / 1440
	g.TextHEMU = int64(g.TextH) * 635
	g.SceneBreakIndt = g.TextW * 2 / 5
	return g, nil
}

// Render returns the .docx bytes of d.
func Render(d *doc.Document, opt Options) ([]byte, error) {
	if d == nil {
		return nil, errors.New("docx: no document")
	}
	lang := wordLang(d.Meta.Lang)
	geo, err := opt.normalize(lang)
	if err != nil {
		return nil, err
	}
	stamp, err := modified(d.Meta.Modified)
	if err != nil {
		return nil, err
	}
	w := newWriter(d, opt, geo, lang)
	body, err := w.document()
	if err != nil {
		return nil, err
	}
	footnotes := w.footnotes()
	embeds, err := embedFonts(opt.Fonts)
	if err != nil {
		return nil, err
	}

	type part struct {
		name string
		data []byte
	}
	var parts []part
	add := func(name, data string) { parts = append(parts, part{name, []byte(data)}) }

	add("[Content_Types].xml", w.contentTypes())
	add("_rels/.rels", packageRels())
	add("docProps/core.xml", coreXML(d, stamp))
	add("docProps/app.xml", appXML())
	add("word/document.xml", body)
	add("word/_rels/document.xml.rels", w.docRels.xml())
	add("word/styles.xml", stylesXML(opt, geo, lang))
	add("word/settings.xml", settingsXML(lang, len(opt.TOCPages) > 0, len(embeds) > 0))
	add("word/fontTable.xml", fontTableXML(opt, embeds))
	if len(embeds) > 0 {
		add("word/_rels/fontTable.xml.rels", fontTableRels(embeds))
	}
	for _, f := range embeds {
		parts = append(parts, part{"word/" + f.part, f.Data})
	}
	add("word/footnotes.xml", footnotes)
	if len(w.noteRels.list) > 0 {
		add("word/_rels/footnotes.xml.rels", w.noteRels.xml())
	}
	add("word/footer1.xml", footerXML())
	if len(w.lists) > 0 {
		add("word/numbering.xml", w.numberingXML())
	}
	for _, m := range w.media {
		parts = append(parts, part{"word/media/" + m.name, m.data})
	}

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		method := zip.Deflate
		if strings.HasPrefix(p.name, "word/media/") {
			method = zip.Store // already compressed
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: zipTime(stamp)})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(p.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// zipEpoch is the earliest time a zip entry can carry.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// modified parses Meta.Modified. An empty value gives the zip epoch (and
// no dates in the document properties); an invalid one is an error.
func modified(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("docx: Meta.Modified %q is not an RFC 3339 date-time: %w", s, err)
	}
	return t.UTC(), nil
}

// zipTime is the time stored in the zip entries: t clamped to what the
// MS-DOS date fields can hold.
func zipTime(t time.Time) time.Time {
	if t.Before(zipEpoch) {
		return zipEpoch
	}
	if max := time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC); t.After(max) {
		return max
	}
	return t.Truncate(2 * time.Second)
}

// Relationship types.
const (
	relBase      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	relStyles    = relBase + "styles"
	relSettings  = relBase + "settings"
	relFontTable = relBase + "fontTable"
	relFootnotes = relBase + "footnotes"
	relFooter    = relBase + "footer"
	relNumbering = relBase + "numbering"
	relImage     = relBase + "image"
	relHyperlink = relBase + "hyperlink"
)

type relationship struct {
	ID, Type, Target string
	External         bool
}

// rels is the relationship list of one part.
type rels struct {
	list   []relationship
	byLink map[string]string
}

func (r *rels) add(typ, target string, external bool) string {
	id := fmt.Sprintf("rId%d", len(r.list)+1)
	r.list = append(r.list, relationship{id, typ, target, external})
	return id
}

// hyperlink returns the id of the external relationship to url, adding it
// once.
func (r *rels) hyperlink(url string) string {
	if id, ok := r.byLink[url]; ok {
		return id
	}
	if r.byLink == nil {
		r.byLink = map[string]string{}
	}
	id := r.add(relHyperlink, url, true)
	r.byLink[url] = id
	return id
}

func (r *rels) xml() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Relationships xmlns="` + nsPR + `">`)
	for _, x := range r.list {
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="%s" Target="%s"`, x.ID, x.Type, attr(x.Target))
		if x.External {
			b.WriteString(` TargetMode="External"`)
		}
		b.WriteString(`/>`)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

func packageRels() string {
	return xmlHeader + `<Relationships xmlns="` + nsPR + `">` +
		`<Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="` + relBase + `extended-properties" Target="docProps/app.xml"/>` +
		`</Relationships>`
}

func (w *writer) contentTypes() string {
	const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Types xmlns="` + nsCT + `">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	if len(w.opt.Fonts) > 0 {
		b.WriteString(`<Default Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/>`)
	}
	seen := map[string]bool{}
	for _, m := range w.media {
		if !seen[m.ext] {
			seen[m.ext] = true
			fmt.Fprintf(&b, `<Default Extension="%s" ContentType="image/%s"/>`, m.ext, m.ext)
		}
	}
	override := func(part, typ string) {
		fmt.Fprintf(&b, `<Override PartName="%s" ContentType="%s"/>`, part, typ)
	}
	override("/word/document.xml", wml+"document.main+xml")
	override("/word/styles.xml", wml+"styles+xml")
	override("/word/settings.xml", wml+"settings+xml")
	override("/word/fontTable.xml", wml+"fontTable+xml")
	override("/word/footnotes.xml", wml+"footnotes+xml")
	override("/word/footer1.xml", wml+"footer+xml")
	if len(w.lists) > 0 {
		override("/word/numbering.xml", wml+"numbering+xml")
	}
	override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
	override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
	b.WriteString(`</Types>`)
	return b.String()
}

// coreXML is the document information: title, authors, language, dates.
func coreXML(d *doc.Document, stamp time.Time) string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	if t := d.Meta.Title.Text; t != "" {
		b.WriteString(`<dc:title>` + esc(t) + `</dc:title>`)
	}
	if t := d.Meta.Subtitle.Text; t != "" {
		b.WriteString(`<dc:subject>` + esc(t) + `</dc:subject>`)
	}
	var authors []string
	for _, a := range d.Meta.Authors {
		if a.Text != "" {
			authors = append(authors, a.Text)
		}
	}
	if len(authors) > 0 {
		b.WriteString(`<dc:creator>` + esc(strings.Join(authors, "; ")) + `</dc:creator>`)
	}
	if d.Meta.Identifier != "" {
		b.WriteString(`<dc:identifier>` + esc(d.Meta.Identifier) + `</dc:identifier>`)
	}
	if d.Meta.Lang != "" {
		b.WriteString(`<dc:language>` + esc(d.Meta.Lang) + `</dc:language>`)
	}
	if !stamp.IsZero() {
		ts := stamp.Format("2006-01-02T15:04:05Z")
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created>`)
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified>`)
	}
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}

func appXML() string {
	return xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
		`<Application>press</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
		`<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>` +
		`</Properties>`
}
