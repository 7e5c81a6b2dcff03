package epub

// The post-pass over go-epub's output.
//
// go-epub writes a correct container but decides some things that press
// must decide itself:
//
//   - package.opf: dcterms:modified is the clock (time.Now), the manifest
//     order follows Go map iteration (random), and there is no way to add
//     creators with roles, a date or accessibility metadata;
//   - nav.xhtml: the title is the book title and the heading the English
//     "Table of Contents"; there are no landmarks and no section entries;
//   - toc.ncx: same English-free but flat table of contents, and an empty
//     docAuthor;
//   - the XHTML files carry no lang/xml:lang on <html>;
//   - the zip has no entry times (MS-DOS date 0) and no place for Apple's
//     display-options file.
//
// So the post-pass reads the zip go-epub wrote, keeps every content file
// as is (except for the lang attributes on <html>), writes package.opf,
// nav.xhtml and toc.ncx anew from go-epub's manifest and spine and press's
// own table of contents, and writes a new zip: mimetype first, stored and
// without extra fields (as OCF requires), then the other entries in a
// fixed order, all with the same time (d.Meta.Modified, or 1980-01-01 when
// that is earlier than zip can say). Rendering twice therefore gives the
// same bytes.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/press/press/internal/doc"
)

const (
	opfPath       = "EPUB/package.opf"
	navPath       = "EPUB/nav.xhtml"
	ncxPath       = "EPUB/toc.ncx"
	appleOptsPath = "META-INF/com.apple.ibooks.display-options.xml"
	htmlOpen      = `<html xmlns="http://www.w3.org/1999/xhtml"`
)

// opfIn is the part of go-epub's package document that the post-pass
// keeps: what is in the container and in which reading order.
type opfIn struct {
	Items []struct {
		ID         string `xml:"id,attr"`
		Href       string `xml:"href,attr"`
		MediaType  string `xml:"media-type,attr"`
		Properties string `xml:"properties,attr"`
	} `xml:"manifest>item"`
	Spine []struct {
		IDRef string `xml:"idref,attr"`
	} `xml:"spine>itemref"`
}

func postPass(raw []byte, d *doc.Document, b *book, opt Options, modified time.Time) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		files[f.Name] = data
	}
	for _, name := range []string{"mimetype", "META-INF/container.xml", opfPath, navPath, ncxPath} {
		if _, ok := files[name]; !ok {
			return nil, fmt.Errorf("go-epub wrote no %s", name)
		}
	}

	var in opfIn
	if err := xml.Unmarshal(files[opfPath], &in); err != nil {
		return nil, fmt.Errorf("%s: %w", opfPath, err)
	}
	// Every content file must be one press asked for, and every file press
	// asked for must be there: go-epub logs some failures instead of
	// returning them.
	inManifest := map[string]bool{}
	for _, it := range in.Items {
		inManifest["EPUB/"+it.Href] = true
		if _, ok := files["EPUB/"+it.Href]; !ok {
			return nil, fmt.Errorf("manifest item %s is not in the container", it.Href)
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "EPUB/") && name != opfPath && !inManifest[name] {
			return nil, fmt.Errorf("%s is in the container but not in the manifest", name)
		}
	}
	if len(in.Spine) != len(b.files) {
		return nil, fmt.Errorf("spine has %d items, expected %d", len(in.Spine), len(b.files))
	}

	lang := esc(b.lang)
	for _, f := range b.files {
		name := xhtmlDir + f.name
		data, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("go-epub wrote no %s", name)
		}
		if !bytes.Contains(data, []byte(htmlOpen)) {
			return nil, fmt.Errorf("%s: no %s to put the language on", name, htmlOpen)
		}
		files[name] = bytes.Replace(data, []byte(htmlOpen),
			[]byte(htmlOpen+` lang="`+lang+`" xml:lang="`+lang+`"`), 1)
	}

	files[opfPath] = packageDocument(d, b, &in, opt, modified)
	files[navPath] = navDocument(d, b)
	files[ncxPath] = ncxDocument(d, b)
	if len(b.fonts) > 0 {
		files[appleOptsPath] = []byte(appleDisplayOptions)
	}
	return writeZip(files, modified)
}

// appleDisplayOptions tells Apple Books to use the embedded fonts.
const appleDisplayOptions = `<?xml version="1.0" encoding="UTF-8"?>
<display_options>
  <platform name="*">
    <option name="specified-fonts">true</option>
  </platform>
</display_options>
`

// writeZip writes the container: mimetype first and stored, then
// META-INF, the package document and the rest in name order, every entry
// with the same time and no extra fields.
func writeZip(files map[string][]byte, modified time.Time) ([]byte, error) {
	rank := func(name string) int {
		switch {
		case name == "mimetype":
			return 0
		case strings.HasPrefix(name, "META-INF/"):
			return 1
		case name == opfPath:
			return 2
		}
		return 3
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		if ri, rj := rank(names[i]), rank(names[j]); ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})
	if string(files["mimetype"]) != "application/epub+zip" {
		return nil, errors.New("mimetype is not application/epub+zip")
	}
	date, tm := dosTime(modified)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, name := range names {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		h.SetMode(0o644)
		if name == "mimetype" {
			h.Method = zip.Store
		}
		// The legacy fields, not Modified: Modified adds an extended
		// timestamp extra field, which OCF forbids on mimetype.
		h.ModifiedDate, h.ModifiedTime = date, tm
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// dosTime is t in MS-DOS date and time format, clamped to the range zip
// can hold (1980 to 2107).
func dosTime(t time.Time) (date, tm uint16) {
	t = t.UTC()
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}

// packageDocument writes package.opf: press's metadata, go-epub's
// manifest in href order, go-epub's spine.
func packageDocument(d *doc.Document, b *book, in *opfIn, opt Options, modified time.Time) []byte {
	m := d.Meta
	var w bytes.Buffer
	w.WriteString(xml.Header)
	w.WriteString(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="` + esc(b.lang) + `">` + "\n")
	w.WriteString(`  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	w.WriteString(`    <dc:identifier id="pub-id">` + esc(oneLine(m.Identifier)) + "</dc:identifier>\n")
	w.WriteString(`    <dc:title id="title">` + esc(oneLine(m.Title.Text)) + "</dc:title>\n")
	if sub := oneLine(m.Subtitle.Text); sub != "" {
		w.WriteString(`    <meta refines="#title" property="title-type">main</meta>` + "\n")
		w.WriteString(`    <dc:title id="subtitle">` + esc(sub) + "</dc:title>\n")
		w.WriteString(`    <meta refines="#subtitle" property="title-type">subtitle</meta>` + "\n")
	}
	w.WriteString("    <dc:language>" + esc(b.lang) + "</dc:language>\n")
	n := 0
	for _, a := range m.Authors {
		if name := oneLine(a.Text); name != "" {
			n++
			id := "creator-" + strconv.Itoa(n)
			w.WriteString(`    <dc:creator id="` + id + `">` + esc(name) + "</dc:creator>\n")
			w.WriteString(`    <meta refines="#` + id + `" property="role" scheme="marc:relators">aut</meta>` + "\n")
		}
	}
	if ed := editorName(m.Editor.Text); ed != "" {
		el := "dc:contributor"
		if n == 0 {
			el = "dc:creator"
		}
		w.WriteString(`    <` + el + ` id="editor">` + esc(ed) + "</" + el + ">\n")
		w.WriteString(`    <meta refines="#editor" property="role" scheme="marc:relators">edt</meta>` + "\n")
	}
	if m.Year >= 1000 && m.Year <= 9999 {
		date := fmt.Sprintf("%04d", m.Year)
		if m.Month >= 1 && m.Month <= 12 {
			date += fmt.Sprintf("-%02d", m.Month)
		}
		w.WriteString("    <dc:date>" + date + "</dc:date>\n")
	}
	w.WriteString(`    <meta property="dcterms:modified">` + modified.Format("2006-01-02T15:04:05Z") + "</meta>\n")

	if len(b.pages) > 0 {
		src := oneLine(opt.PageSource)
		if src == "" {
			src = oneLine(m.Identifier) + ":print"
		}
		w.WriteString(`    <dc:source id="print-source">` + esc(src) + "</dc:source>\n")
		w.WriteString(`    <meta refines="#print-source" property="source-of">pagination</meta>` + "\n")
	}

	// EPUB Accessibility 1.1: the conformance claim and the discovery
	// metadata. The claim holds for what press makes: text in reading
	// order with its language (and English runs inside other languages)
	// marked, headings in order, navigation, page-break markers, text
	// alternatives for images (the cover's says what it shows; a figure's
	// repeats its caption), pull quotes hidden from screen readers, no
	// colour-only meaning; DAISY Ace finds no serious or critical issue
	// (tested).
	meta := func(prop, val string) {
		w.WriteString(`    <meta property="` + prop + `">` + esc(val) + "</meta>\n")
	}
	meta("dcterms:conformsTo", ConformsTo)
	certifier := oneLine(opt.CertifiedBy)
	if certifier == "" {
		certifier = "press"
	}
	meta("a11y:certifiedBy", certifier)
	meta("schema:accessMode", "textual")
	if b.hasImages || len(b.cover) > 0 {
		meta("schema:accessMode", "visual")
	}
	meta("schema:accessModeSufficient", "textual")
	if b.hasImages {
		meta("schema:accessModeSufficient", "textual,visual")
	}
	meta("schema:accessibilityFeature", "structuralNavigation")
	meta("schema:accessibilityFeature", "tableOfContents")
	meta("schema:accessibilityFeature", "readingOrder")
	meta("schema:accessibilityFeature", "displayTransformability")
	if len(b.pages) > 0 {
		meta("schema:accessibilityFeature", "pageBreakMarkers")
		meta("schema:accessibilityFeature", "pageNavigation")
	}
	if b.hasImages && b.altText {
		meta("schema:accessibilityFeature", "alternativeText")
	}
	meta("schema:accessibilityHazard", "none")
	if s := oneLine(d.Labels.AccessibilitySummary); s != "" {
		meta("schema:accessibilitySummary", s)
	}
	w.WriteString("  </metadata>\n")

	items := append(in.Items[:0:0], in.Items...)
	sort.Slice(items, func(i, j int) bool { return items[i].Href < items[j].Href })
	w.WriteString("  <manifest>\n")
	for _, it := range items {
		w.WriteString(`    <item id="` + esc(it.ID) + `" href="` + esc(it.Href) + `" media-type="` + esc(mediaType(it.Href, it.MediaType)) + `"`)
		switch it.Href {
		case path.Base(navPath):
			w.WriteString(` properties="nav"`)
		case "images/" + coverImage:
			if len(b.cover) > 0 {
				w.WriteString(` properties="cover-image"`)
			}
		}
		w.WriteString("/>\n")
	}
	w.WriteString("  </manifest>\n")
	w.WriteString(`  <spine toc="ncx">` + "\n")
	// The contents are part of the reading order, after the title page
	// (go-epub's spine has the content files only).
	navID := ""
	for _, it := range in.Items {
		if it.Href == path.Base(navPath) {
			navID = it.ID
		}
	}
	for _, it := range in.Spine {
		w.WriteString(`    <itemref idref="` + esc(it.IDRef) + `"/>` + "\n")
		if it.IDRef == titleFileName && navID != "" {
			w.WriteString(`    <itemref idref="` + esc(navID) + `"/>` + "\n")
		}
	}
	w.WriteString("  </spine>\n</package>\n")
	return w.Bytes()
}

// mediaType is the EPUB core media type for a file, or what go-epub
// detected for a kind press does not know.
func mediaType(href, detected string) string {
	switch strings.ToLower(path.Ext(href)) {
	case ".xhtml":
		return "application/xhtml+xml"
	case ".ncx":
		return "application/x-dtbncx+xml"
	case ".css":
		return "text/css"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".ttf":
		return "font/ttf"
	case ".otf":
		return "font/otf"
	case ".woff":
		return "font/woff"
	case ".woff2":
		return "font/woff2"
	}
	return detected
}

// navDocument writes nav.xhtml: the table of contents under the edition's
// word for Contents, and landmarks.
func navDocument(d *doc.Document, b *book) []byte {
	lang := esc(b.lang)
	contents := esc(oneLine(d.Labels.Contents))
	var w bytes.Buffer
	w.WriteString(xml.Header)
	w.WriteString("<!DOCTYPE html>\n")
	w.WriteString(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="` + lang + `" xml:lang="` + lang + `">` + "\n")
	w.WriteString("<head>\n<title>" + contents + "</title>\n")
	w.WriteString(`<link rel="stylesheet" type="text/css" href="css/` + cssName + `"/>` + "\n</head>\n<body>\n")
	for _, m := range b.navMarks {
		w.WriteString(markerHTML(m) + "\n")
	}
	w.WriteString(`<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">` + "\n")
	w.WriteString(`<h1 id="toc-title">` + contents + "</h1>\n")
	var list func(es []*tocEntry, indent string)
	list = func(es []*tocEntry, indent string) {
		w.WriteString(indent + "<ol>\n")
		for _, e := range es {
			w.WriteString(indent + `  <li><a href="xhtml/` + esc(e.href) + `">` + esc(e.text) + "</a>")
			if len(e.children) > 0 {
				w.WriteString("\n")
				list(e.children, indent+"    ")
				w.WriteString(indent + "  ")
			}
			w.WriteString("</li>\n")
		}
		w.WriteString(indent + "</ol>\n")
	}
	list(b.toc, "")
	w.WriteString("</nav>\n")
	if len(b.pages) > 0 {
		w.WriteString(`<nav epub:type="page-list" id="page-list" role="doc-pagelist" hidden="">` + "\n<ol>\n")
		for _, p := range b.pages {
			w.WriteString(`  <li><a href="` + esc(p.href) + `">` + esc(p.label) + "</a></li>\n")
		}
		w.WriteString("</ol>\n</nav>\n")
	}
	w.WriteString(`<nav epub:type="landmarks" id="landmarks" hidden="">` + "\n<ol>\n")
	for _, l := range b.landmarks {
		w.WriteString(`  <li><a epub:type="` + l.typ + `" href="` + esc(path.Clean("xhtml/"+l.href)) + `">` + esc(l.text) + "</a></li>\n")
	}
	w.WriteString("</ol>\n</nav>\n</body>\n</html>\n")
	return w.Bytes()
}

// ncxDocument writes toc.ncx, the EPUB 2 table of contents that older
// readers (and Kindle conversion) still use, with the same entries as the
// navigation document.
func ncxDocument(d *doc.Document, b *book) []byte {
	depth := 1
	for _, e := range b.toc {
		if len(e.children) > 0 {
			depth = 2
		}
	}
	var w bytes.Buffer
	w.WriteString(xml.Header)
	w.WriteString(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="` + esc(b.lang) + `">` + "\n")
	w.WriteString("  <head>\n")
	w.WriteString(`    <meta name="dtb:uid" content="` + esc(oneLine(d.Meta.Identifier)) + `"/>` + "\n")
	w.WriteString(`    <meta name="dtb:depth" content="` + strconv.Itoa(depth) + `"/>` + "\n")
	w.WriteString(`    <meta name="dtb:totalPageCount" content="0"/>` + "\n")
	w.WriteString(`    <meta name="dtb:maxPageNumber" content="0"/>` + "\n")
	w.WriteString("  </head>\n")
	w.WriteString("  <docTitle><text>" + esc(oneLine(d.Meta.Title.Text)) + "</text></docTitle>\n")
	w.WriteString("  <navMap>\n")
	n := 0
	var points func(es []*tocEntry, indent string)
	points = func(es []*tocEntry, indent string) {
		for _, e := range es {
			n++
			w.WriteString(indent + `<navPoint id="navpoint-` + strconv.Itoa(n) + `">` + "\n")
			w.WriteString(indent + "  <navLabel><text>" + esc(e.text) + "</text></navLabel>\n")
			w.WriteString(indent + `  <content src="xhtml/` + esc(e.href) + `"/>` + "\n")
			points(e.children, indent+"  ")
			w.WriteString(indent + "</navPoint>\n")
		}
	}
	points(b.toc, "    ")
	w.WriteString("  </navMap>\n</ncx>\n")
	return w.Bytes()
}

// wellFormed checks that an XHTML body fragment parses as XML.
func wellFormed(body string) error {
	dec := xml.NewDecoder(strings.NewReader(`<body xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">` + body + "</body>"))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// ConformsTo is the accessibility conformance claim (dcterms:conformsTo).
const ConformsTo = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

// editorName is the editor's name for the metadata, where the role says
// what the printed name's "(ed.)" says: that mark is dropped.
func editorName(s string) string {
	s = oneLine(s)
	return strings.TrimSpace(roleMark.ReplaceAllString(s, ""))
}

// roleMark is a parenthesised note at the end of a name: "(ed.)",
// "(ред.)", "（编）".
var roleMark = regexp.MustCompile(`\s*[(（][^()（）]{1,12}[)）]$`)
