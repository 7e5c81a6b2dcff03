package epub

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/press/press/internal/doc"
)

// hostile is text that must not break the XML: markup, entities, a CDATA
// end, C0 and C1 controls, non-characters, invalid UTF-8, quotes.
const hostile = "<script>alert('x')</script> & &amp; ]]> \x01\x02\x08\x0b\x0c\x0e\x1f\x7f \u0085\u009f \ufffe\uffff \xff\xfe bad \r\n tab\there \u00a0nbsp \"quoted\" 'single'"

// hostileDoc puts hostile text everywhere text goes: metadata, labels,
// headings and ids, paragraphs, links, notes, figures, pull quotes, lists.
func hostileDoc(t *testing.T) *doc.Document {
	d := sampleDoc(t, true)
	d.Meta.Title.Text = "Title " + hostile
	d.Meta.Subtitle.Text = "Sub " + hostile
	d.Meta.Authors = append(d.Meta.Authors, doc.Field{Text: hostile})
	d.Meta.Editor.Text = hostile
	d.Meta.DateText = hostile
	d.Meta.Identifier = "urn:press:<&>\"\x01"
	l := &d.Labels
	l.Contents = "Contents " + hostile
	l.TitlePage = "TP " + hostile
	l.Notes = "Notes " + hostile
	l.BackToText = "Back " + hostile
	l.Source = "Source " + hostile
	l.ImageNotIncluded = "INI " + hostile
	l.AccessibilitySummary = "Sum " + hostile
	l.LabelSep = ". " + hostile
	l.OpenQuote, l.CloseQuote = "<\x01", "]]>"
	l.NoteRef = func(int) string { return hostile }
	l.Colophon = hostile
	l.ColophonText = []string{hostile, hostile}
	d.Notes[0].Content = append(d.Notes[0].Content, &doc.Text{Text: hostile})
	d.Blocks = append(d.Blocks,
		&doc.Heading{ID: "1 <bad> \"id\"", Level: 2, Label: hostile, Content: text(hostile)},
		&doc.Heading{ID: "fn-1", Level: 3, Content: text(hostile)},
		&doc.Heading{ID: "", Level: 9, Content: text(hostile)},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: hostile}, &doc.Emph{Content: text(hostile)},
			&doc.Link{URL: "javascript:alert(1)", Content: text(hostile)},
			&doc.Link{URL: "http://example.com/?a=1&b=\"><script>", Content: text(hostile)},
			&doc.Link{URL: "http://exa mple.com/", Content: text("bad host")},
			&doc.Link{URL: "mailto:a@b.c?subject=<x>", Content: []doc.Inline{&doc.Link{URL: "http://nested.example/", Content: text("nested")}}},
			&doc.Link{URL: "../../etc/passwd", Content: text("relative")},
			&doc.Link{URL: "http://example.com/%zz%41#frag ment", Content: text("bad escapes")},
			&doc.Code{Text: hostile}}},
		&doc.Figure{ID: "\"><x", Kind: "<kind>", Label: hostile, Caption: text(hostile), Credit: text(hostile)},
		&doc.PullQuote{Content: text(hostile)},
		&doc.List{Items: []*doc.ListItem{{Content: text(hostile)}, nil}},
		&doc.List{},
		nil,
	)
	return d
}

// zhDoc is the sample as a Chinese edition with embedded fonts.
func zhDoc(t *testing.T) *doc.Document {
	d := sampleDoc(t, false)
	d.Meta.Lang = "zh-Hans"
	d.Meta.Title.Text = "中国在哈萨克斯坦的形象"
	d.Labels.Contents = "目录"
	d.Labels.TitlePage = "书名页"
	d.Labels.Notes = "注释"
	d.Labels.Source = "资料来源："
	d.Labels.ImageNotIncluded = "未收录图片"
	d.Labels.BackToText = "返回正文"
	d.Labels.LabelSep = "　"
	d.Labels.OpenQuote, d.Labels.CloseQuote = "“", "”"
	d.Blocks = append(d.Blocks, &doc.Paragraph{Content: text("中国在中亚地区，特别是在哈萨克斯坦，展开了一场魅力攻势，以推进其议程。")})
	return d
}

var zhFonts = []Font{
	{Family: "Noto Serif SC", Weight: 400, FileName: "NotoSerifSC-Regular.ttf", Data: testFont()},
	{Family: "Noto Serif SC", Weight: 700, FileName: "NotoSerifSC-Bold.ttf", Data: testFont()},
}

// TestEpubcheck renders documents that exercise every feature and every
// kind of hostile input, and validates each with epubcheck.
func TestEpubcheck(t *testing.T) {
	t.Parallel()
	ru := sampleDoc(t, true)
	ru.Meta.Lang = "ru"
	ru.Labels.Contents, ru.Labels.TitlePage = "Содержание", "Титульный лист"
	minimal := &doc.Document{
		Meta:   doc.Meta{Title: doc.Field{Text: "T"}, Lang: "kk", Identifier: "urn:press:min", Modified: "2020-01-02T03:04:05+06:00"},
		Labels: doc.Labels{Contents: "Мазмұны", TitlePage: "Титул парағы"},
	}
	notesOnly := &doc.Document{
		Meta:   doc.Meta{Title: doc.Field{Text: "T"}, Lang: "en", Identifier: "urn:press:notes", Modified: "2020-01-02T03:04:05Z"},
		Notes:  []*doc.Note{{Number: 1, Content: text("An uncited note.")}},
		Labels: englishLabels(),
	}
	tests := []struct {
		name string
		d    *doc.Document
		opt  Options
	}{
		{"sample-en", sampleDoc(t, true), Options{}},
		{"no-images", sampleDoc(t, false), Options{}},
		{"hostile", hostileDoc(t), Options{}},
		{"zh-fonts", zhDoc(t), Options{Fonts: zhFonts}},
		{"ru", ru, Options{}},
		{"minimal-kk", minimal, Options{}},
		{"uncited-notes-only", notesOnly, Options{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			data, err := Render(tc.d, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			epubcheck(t, tc.name, data)
		})
	}
}

// TestHostileText checks that hostile text survives as text: no element
// is injected, no forbidden character is written, and what can be kept
// is kept.
func TestHostileText(t *testing.T) {
	data, err := Render(hostileDoc(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := unzip(t, data)
	for name, content := range files {
		if name == "mimetype" || strings.HasSuffix(name, ".png") {
			continue
		}
		for _, c := range content {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0xFFFE || c == 0xFFFF {
				t.Errorf("%s contains the forbidden character %U", name, c)
				break
			}
		}
		if !strings.HasSuffix(name, ".xhtml") && !strings.HasSuffix(name, ".opf") && !strings.HasSuffix(name, ".ncx") {
			continue
		}
		root := parseXML(t, name, content)
		if s := root.find(byName("script")); len(s) > 0 {
			t.Errorf("%s: hostile text became a <script> element", name)
		}
		for _, a := range root.find(byName("a")) {
			if h := a.attrs["href"]; strings.HasPrefix(h, "javascript:") || strings.Contains(h, "..") {
				t.Errorf("%s: link to %q", name, h)
			}
		}
	}
	ch := parseXML(t, "ch03", files["EPUB/xhtml/ch03.xhtml"])
	want := "<script>alert('x')</script> & &amp; ]]> "
	if !strings.Contains(ch.text, want) {
		t.Errorf("the text %q did not survive as text", want)
	}
	for _, keep := range []string{"\u00a0nbsp", "\"quoted\"", "\u0085\u009f", "tab\there", "\uFFFD"} {
		if !strings.Contains(ch.text, keep) {
			t.Errorf("%q was lost", keep)
		}
	}
}

// checkNotes checks the footnote markup in every chapter file: bare
// noterefs pointing at an existing note, each note an aside whose first
// content is its number linking back to a citation, and notes at the end
// of the file in number order.
func checkNotes(t *testing.T, files map[string]string) {
	t.Helper()
	type target struct{ file, id string }
	ids := map[target]*node{}
	var refs []*node
	refFile := map[*node]string{}
	var asides []*node
	asideFile := map[*node]string{}
	for _, name := range xhtmlFiles(files) {
		if !strings.HasPrefix(name, "EPUB/xhtml/") {
			continue
		}
		base := strings.TrimPrefix(name, "EPUB/xhtml/")
		root := parseXML(t, name, files[name])
		for _, n := range root.find(func(*node) bool { return true }) {
			if id := n.attrs["id"]; id != "" {
				if ids[target{base, id}] != nil {
					t.Errorf("%s: id %q used twice", base, id)
				}
				ids[target{base, id}] = n
			}
		}
		for _, a := range root.find(hasType("noteref")) {
			refs = append(refs, a)
			refFile[a] = base
		}
		fs := root.find(hasType("footnote"))
		for _, a := range fs {
			asides = append(asides, a)
			asideFile[a] = base
		}
		// The notes come last: after the last note there is no more text
		// in the chapter.
		if len(fs) > 0 {
			sections := root.find(hasType("footnotes"))
			if len(sections) != 1 {
				t.Errorf("%s: %d footnote sections, want 1", base, len(sections))
				continue
			}
			sec := sections[0]
			parent := sec.parent
			if parent.children[len(parent.children)-1] != sec {
				t.Errorf("%s: the notes are not at the end of the chapter", base)
			}
			prev := 0
			for _, a := range fs {
				n, _ := strconv.Atoi(strings.TrimPrefix(a.attrs["id"], "fn-"))
				if n <= prev {
					t.Errorf("%s: note %d after note %d", base, n, prev)
				}
				prev = n
			}
		}
	}
	resolve := func(from, href string) *node {
		file, frag, _ := strings.Cut(href, "#")
		if file == "" {
			file = from
		}
		return ids[target{file, frag}]
	}
	for _, a := range refs {
		if a.name != "a" || len(a.children) > 0 {
			t.Errorf("%s: noteref %q is not a bare <a>", refFile[a], a.attrs["id"])
		}
		if _, err := strconv.Atoi(a.text); err != nil {
			t.Errorf("%s: noteref text %q is not a number", refFile[a], a.text)
		}
		if !strings.HasPrefix(a.attrs["id"], "fnref-"+a.text) {
			t.Errorf("%s: noteref id %q for note %s", refFile[a], a.attrs["id"], a.text)
		}
		if n := resolve(refFile[a], a.attrs["href"]); n == nil || !hasType("footnote")(n) || n.attrs["id"] != "fn-"+a.text {
			t.Errorf("%s: noteref %q points to %q, which is not note %s", refFile[a], a.attrs["id"], a.attrs["href"], a.text)
		}
	}
	for _, as := range asides {
		if as.name != "aside" || as.attrs["role"] != "doc-footnote" || !noteIDRe.MatchString(as.attrs["id"]) {
			t.Errorf("%s: footnote %v is not <aside epub:type=footnote role=doc-footnote id=fn-N>", asideFile[as], as.attrs)
			continue
		}
		num := strings.TrimPrefix(as.attrs["id"], "fn-")
		if len(as.children) == 0 || as.children[0].name != "p" || len(as.children[0].children) == 0 {
			t.Errorf("%s: note %s has no content", asideFile[as], num)
			continue
		}
		back := as.children[0].children[0]
		if back.name != "a" || back.text != num || back.attrs["title"] == "" || !strings.HasPrefix(strings.TrimSpace(as.text), num) {
			t.Errorf("%s: note %s does not start with its number as a back-link", asideFile[as], num)
			continue
		}
		if r := resolve(asideFile[as], back.attrs["href"]); r == nil || !hasType("noteref")(r) || r.text != num {
			t.Errorf("%s: note %s links back to %q, which is not a citation of it", asideFile[as], num, back.attrs["href"])
		}
	}
}

// TestNotes checks that every note appears exactly once, that citations
// are bare noterefs, and where the notes go: the file of their first
// citation in the body, or the last chapter for a note that only another
// note cites.
func TestNotes(t *testing.T) {
	tests := []struct {
		name  string
		d     *doc.Document
		where map[string]string // note id -> file
	}{
		{"sample", sampleDoc(t, false), map[string]string{
			"fn-1": "ch01.xhtml", "fn-2": "ch02.xhtml", "fn-3": "ch02.xhtml", "fn-4": "ch03.xhtml"}},
		{"hostile", hostileDoc(t), map[string]string{
			"fn-1": "ch01.xhtml", "fn-2": "ch02.xhtml", "fn-3": "ch02.xhtml", "fn-4": "ch03.xhtml"}},
		{"cited-not-listed", func() *doc.Document {
			d := sampleDoc(t, false)
			d.Notes = d.Notes[:1] // notes 2 to 4 are cited but not in d.Notes
			return d
		}(), map[string]string{
			"fn-1": "ch01.xhtml", "fn-2": "ch02.xhtml", "fn-3": "ch02.xhtml", "fn-4": "ch03.xhtml"}},
		{"duplicate-numbers", func() *doc.Document {
			d := sampleDoc(t, false)
			for _, n := range d.Notes {
				n.Number = 1
			}
			return d
		}(), map[string]string{
			"fn-1": "ch01.xhtml", "fn-2": "ch02.xhtml", "fn-3": "ch02.xhtml", "fn-4": "ch03.xhtml"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Render(tc.d, Options{})
			if err != nil {
				t.Fatal(err)
			}
			files, _ := unzip(t, data)
			checkNotes(t, files)
			got := map[string]string{}
			for _, name := range xhtmlFiles(files) {
				for _, a := range parseXML(t, name, files[name]).find(hasType("footnote")) {
					id := a.attrs["id"]
					if f, dup := got[id]; dup {
						t.Errorf("note %s appears in %s and %s", id, f, name)
					}
					got[id] = strings.TrimPrefix(name, "EPUB/xhtml/")
				}
			}
			if len(got) != len(tc.where) {
				t.Errorf("%d notes, want %d: %v", len(got), len(tc.where), got)
			}
			for id, file := range tc.where {
				if got[id] != file {
					t.Errorf("note %s is in %q, want %q", id, got[id], file)
				}
			}
		})
	}
}

// TestDeterministic renders the same documents twice and compares bytes,
// and checks the zip layout that OCF and reproducibility need.
func TestDeterministic(t *testing.T) {
	tests := []struct {
		name string
		d    func() *doc.Document
		opt  Options
	}{
		{"sample", func() *doc.Document { return sampleDoc(t, true) }, Options{}},
		{"zh-fonts", func() *doc.Document { return zhDoc(t) }, Options{Fonts: zhFonts}},
		{"hostile", func() *doc.Document { return hostileDoc(t) }, Options{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Render(tc.d(), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Render(tc.d(), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Fatalf("two renderings differ (%d and %d bytes)", len(a), len(b))
			}
			_, zf := unzip(t, a)
			if zf[0].Name != "mimetype" || zf[0].Method != 0 || len(zf[0].Extra) != 0 {
				t.Errorf("first entry is %q (method %d, %d extra bytes), want mimetype stored without extra field", zf[0].Name, zf[0].Method, len(zf[0].Extra))
			}
			if !bytes.HasPrefix(a[30:], []byte("mimetypeapplication/epub+zip")) {
				t.Errorf("mimetype is not at offset 30 uncompressed")
			}
			want := time.Date(2019, 2, 1, 0, 0, 0, 0, time.UTC)
			for _, f := range zf {
				if !f.Modified.Equal(want) {
					t.Errorf("%s: time %v, want %v", f.Name, f.Modified, want)
				}
			}
		})
	}
}

// TestLanguage checks xml:lang and lang on every XHTML document, the
// package language, and that the navigation speaks the edition's
// language, not go-epub's English.
func TestLanguage(t *testing.T) {
	tests := []struct {
		lang, contents, titlePage string
	}{
		{"en", "Contents", "Title page"},
		{"ru", "Содержание", "Титульный лист"},
		{"kk", "Мазмұны", "Титул парағы"},
		{"zh-Hans", "目录", "书名页"},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			d := sampleDoc(t, false)
			d.Meta.Lang = tc.lang
			d.Labels.Contents, d.Labels.TitlePage = tc.contents, tc.titlePage
			data, err := Render(d, Options{})
			if err != nil {
				t.Fatal(err)
			}
			files, _ := unzip(t, data)
			names := xhtmlFiles(files)
			if len(names) != 5 { // nav, title page, 3 chapters
				t.Errorf("%d XHTML files: %v", len(names), names)
			}
			for _, name := range names {
				html := parseXML(t, name, files[name]).children[0]
				if html.name != "html" || html.attrs["lang"] != tc.lang || html.attrs["xml:lang"] != tc.lang {
					t.Errorf("%s: <html> has lang=%q xml:lang=%q, want %q", name, html.attrs["lang"], html.attrs["xml:lang"], tc.lang)
				}
			}
			opf := parseXML(t, "opf", files["EPUB/package.opf"])
			if l := opf.find(byName("language")); len(l) != 1 || l[0].text != tc.lang {
				t.Errorf("dc:language is not %q", tc.lang)
			}
			nav := parseXML(t, "nav", files["EPUB/nav.xhtml"])
			if ti := nav.find(byName("title")); len(ti) != 1 || ti[0].text != tc.contents {
				t.Errorf("nav title is not %q", tc.contents)
			}
			if h := nav.find(byName("h1")); len(h) != 1 || h[0].text != tc.contents {
				t.Errorf("nav heading is not %q", tc.contents)
			}
			lm := nav.find(hasType("landmarks"))
			if len(lm) != 1 || len(lm[0].find(hasType("titlepage"))) != 1 || lm[0].find(hasType("titlepage"))[0].text != tc.titlePage {
				t.Errorf("no landmark %q for the title page", tc.titlePage)
			}
			for name, content := range files {
				if strings.Contains(content, "Table of Contents") || strings.Contains(content, "Cover Image") {
					t.Errorf("%s: go-epub's English is left", name)
				}
			}
		})
	}
}

// TestMetadata checks the package document: identifier, modification
// date, creators, accessibility metadata.
func TestMetadata(t *testing.T) {
	tests := []struct {
		name      string
		withImage bool
		want      []string
		notWant   []string
	}{
		{"with-image", true, []string{
			`<meta property="schema:accessMode">visual</meta>`,
			`<meta property="schema:accessibilityFeature">alternativeText</meta>`,
		}, nil},
		{"without-image", false, nil, []string{
			`<meta property="schema:accessMode">visual</meta>`,
			`alternativeText`,
		}},
	}
	common := []string{
		`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="en">`,
		`<dc:identifier id="pub-id">urn:press:sample</dc:identifier>`,
		`<meta property="dcterms:modified">2019-02-01T00:00:00Z</meta>`,
		`<dc:creator id="creator-1">Ilia Cocali</dc:creator>`,
		`<meta refines="#editor" property="role" scheme="marc:relators">edt</meta>`,
		`<dc:contributor id="editor">Polyxeni Davarinou</dc:contributor>`,
		`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>`,
		`<meta property="a11y:certifiedBy">press</meta>`,
		`<itemref idref="title.xhtml"/>` + "\n" + `    <itemref idref="nav"/>`,
		`<dc:date>2019-02</dc:date>`,
		`<meta property="schema:accessMode">textual</meta>`,
		`<meta property="schema:accessModeSufficient">textual</meta>`,
		`<meta property="schema:accessibilityFeature">structuralNavigation</meta>`,
		`<meta property="schema:accessibilityFeature">tableOfContents</meta>`,
		`<meta property="schema:accessibilityFeature">readingOrder</meta>`,
		`<meta property="schema:accessibilityHazard">none</meta>`,
		`<meta property="schema:accessibilitySummary">This publication has`,
		`<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>`,
		`<spine toc="ncx">`,
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Render(sampleDoc(t, tc.withImage), Options{})
			if err != nil {
				t.Fatal(err)
			}
			files, _ := unzip(t, data)
			opf := files["EPUB/package.opf"]
			for _, w := range append(common, tc.want...) {
				if !strings.Contains(opf, w) {
					t.Errorf("package document lacks %s", w)
				}
			}
			for _, w := range append(tc.notWant, "(ed.)", "urn:uuid:", "pageBreakMarkers", "dc:source", "cover-image") {
				if strings.Contains(opf, w) {
					t.Errorf("package document has %s", w)
				}
			}
			if ncx := files["EPUB/toc.ncx"]; !strings.Contains(ncx, `<meta name="dtb:uid" content="urn:press:sample"/>`) {
				t.Errorf("toc.ncx uid is not the identifier")
			}
		})
	}
}

// TestFonts checks embedding: font files listed with a font media type,
// @font-face rules, the body font for a Chinese edition only, and Apple's
// display options only when fonts are embedded.
func TestFonts(t *testing.T) {
	tests := []struct {
		name      string
		d         *doc.Document
		fonts     []Font
		bodyFont  bool
		appleOpts bool
	}{
		{"zh-with-fonts", zhDoc(t), zhFonts, true, true},
		{"en-with-fonts", sampleDoc(t, false), zhFonts[:1], true, true}, // fonts are embedded only when an edition needs them: then they set the body
		{"en-without-fonts", sampleDoc(t, false), nil, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Render(tc.d, Options{Fonts: tc.fonts})
			if err != nil {
				t.Fatal(err)
			}
			files, _ := unzip(t, data)
			css := files["EPUB/css/press.css"]
			opf := files["EPUB/package.opf"]
			for _, f := range tc.fonts {
				if _, ok := files["EPUB/fonts/"+f.FileName]; !ok {
					t.Errorf("font %s not embedded", f.FileName)
				}
				if !strings.Contains(opf, `href="fonts/`+f.FileName+`" media-type="font/ttf"`) {
					t.Errorf("font %s not in the manifest as font/ttf", f.FileName)
				}
				if !strings.Contains(css, `src: url("../fonts/`+f.FileName+`");`) {
					t.Errorf("no @font-face for %s", f.FileName)
				}
			}
			if got := strings.Contains(css, "body { font-family:"); got != tc.bodyFont {
				t.Errorf("body font-family set: %v, want %v", got, tc.bodyFont)
			}
			noCode := strings.ReplaceAll(css, "font-family: monospace", "")
			if got := strings.Contains(noCode, "font-family:"); got != (len(tc.fonts) > 0) {
				t.Errorf("a font-family other than for code: %v, want %v", got, len(tc.fonts) > 0)
			}
			_, got := files[appleOptsPath]
			if got != tc.appleOpts {
				t.Errorf("Apple display options present: %v, want %v", got, tc.appleOpts)
			}
			if got && !strings.Contains(files[appleOptsPath], `<option name="specified-fonts">true</option>`) {
				t.Errorf("Apple display options do not ask for the specified fonts")
			}
			for _, w := range []string{"hyphens: auto", "text-align: justify"} {
				if !strings.Contains(css, w) {
					t.Errorf("stylesheet lacks %q", w)
				}
			}
			// Rules for Chinese text only in a Chinese edition.
			if zh := isChinese(tc.d.Meta.Lang); strings.Contains(css, ":lang(zh)") != zh || strings.Contains(css, "line-break: strict") != zh {
				t.Errorf("Chinese rules in the stylesheet of a %s edition: %v", tc.d.Meta.Lang, !zh)
			}
			for _, unit := range []string{"px", "pt;", "cm", "mm", "width:"} {
				if strings.Contains(strings.ReplaceAll(css, "max-width:", ""), unit) {
					t.Errorf("stylesheet uses %q", unit)
				}
			}
		})
	}
}

// TestErrors checks that documents that cannot make a valid EPUB are
// refused with a message that names the problem.
func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*doc.Document)
		opt    Options
		want   string
	}{
		{"no title", func(d *doc.Document) { d.Meta.Title.Text = " \x01" }, Options{}, "Meta.Title"},
		{"no language", func(d *doc.Document) { d.Meta.Lang = "" }, Options{}, "Meta.Lang"},
		{"bad language", func(d *doc.Document) { d.Meta.Lang = `en" x="` }, Options{}, "BCP 47"},
		{"no identifier", func(d *doc.Document) { d.Meta.Identifier = "" }, Options{}, "Meta.Identifier"},
		{"no modified", func(d *doc.Document) { d.Meta.Modified = "" }, Options{}, "Meta.Modified"},
		{"bad modified", func(d *doc.Document) { d.Meta.Modified = "2019-02-01" }, Options{}, "RFC 3339"},
		{"no contents label", func(d *doc.Document) { d.Labels.Contents = "" }, Options{}, "Labels.Contents"},
		{"no notes label", func(d *doc.Document) { d.Labels.Notes = "" }, Options{}, "Labels.Notes"},
		{"no back label", func(d *doc.Document) { d.Labels.BackToText = "" }, Options{}, "Labels.BackToText"},
		{"no image label", func(d *doc.Document) { d.Labels.ImageNotIncluded = "" }, Options{}, "Labels.ImageNotIncluded"},
		{"no quotes", func(d *doc.Document) { d.Labels.OpenQuote = "" }, Options{}, "Labels.OpenQuote"},
		{"not a font", func(*doc.Document) {}, Options{Fonts: []Font{{Family: "X", Data: []byte("GIF89a")}}}, "not a TrueType"},
		{"bad family", func(*doc.Document) {}, Options{Fonts: []Font{{Family: `X"; }`, Data: testFont()}}}, "cannot be named"},
		{"not an image", func(d *doc.Document) {
			d.Blocks = append(d.Blocks, &doc.Figure{ID: "f", ImageData: []byte("GIF89a")})
		}, Options{}, "neither PNG nor JPEG"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := sampleDoc(t, false)
			tc.change(d)
			_, err := Render(d, tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one that mentions %q", err, tc.want)
			}
		})
	}
	if _, err := Render(nil, Options{}); err == nil {
		t.Error("no error for a nil document")
	}
}
