package epub

import (
	"regexp"
	"strings"
	"testing"

	"github.com/press/press/internal/doc"
)

// TestPullQuoteHidden checks that a pull quote, which repeats the text, is
// hidden from screen readers and has its DPUB-ARIA role.
func TestPullQuoteHidden(t *testing.T) {
	data, err := Render(sampleDoc(t, false), Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := unzip(t, data)
	all := strings.Join(xhtmlBodies(files), "\n")
	re := regexp.MustCompile(`<blockquote class="pullquote"[^>]*>`)
	tags := re.FindAllString(all, -1)
	if len(tags) != 1 {
		t.Fatalf("%d pull quotes, want 1", len(tags))
	}
	for _, want := range []string{`role="doc-pullquote"`, `aria-hidden="true"`, `epub:type="pullquote"`} {
		if !strings.Contains(tags[0], want) {
			t.Errorf("pull quote %s lacks %s", tags[0], want)
		}
	}
}

func xhtmlBodies(files map[string]string) []string {
	var out []string
	for _, name := range xhtmlFiles(files) {
		out = append(out, files[name])
	}
	return out
}

// TestPageMarkers gives the renderer pages of a print edition and checks
// each marker: at a block's start, inside a paragraph before the line's
// text, in the title page and contents for the front pages, and in a
// page-list in print order; the publication still passes epubcheck.
func TestPageMarkers(t *testing.T) {
	d := sampleDoc(t, false)
	// Give the blocks ids, as the reader does.
	var para *doc.Paragraph
	walkBlocks(d.Blocks, func(b doc.Block) {
		if p, ok := b.(*doc.Paragraph); ok && p.ID == "" {
			p.ID = "p" + string(rune('a'+len(p.Content)%26))
			if para == nil && len(p.Content) > 5 {
				para = p
			}
		}
	}, nil)
	para.ID = "long"
	pages := []Page{
		{Label: "1"}, {Label: "2"}, // title page, contents
		{Label: "3", Unit: "abstract"},
		{Label: "4", Unit: "economic-agenda"},
		{Label: "5", Unit: "long", Text: "soft power2 again1; see the"}, // begins inside the paragraph
		{Label: "6"}, // a blank verso: marked where page 7 is
		{Label: "7", Unit: "soft-power"},
		{Label: "8", Unit: "no-such-block"}, // a block the EPUB does not have: at the end
	}
	data, err := Render(d, Options{Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	epubcheck(t, "pages", data)
	files, _ := unzip(t, data)
	mark := func(n string) string {
		return `<span epub:type="pagebreak" role="doc-pagebreak" id="page-` + n + `" aria-label="` + n + `"></span>`
	}
	checks := []struct{ file, before, after string }{
		{"EPUB/xhtml/title.xhtml", "", mark("1")},
		{"EPUB/nav.xhtml", "", mark("2") + "\n<nav epub:type=\"toc\""},
		{"EPUB/xhtml/ch01.xhtml", "", mark("3") + `<h1 id="abstract">`},
		{"EPUB/xhtml/ch02.xhtml", "", mark("4") + `<h1 id="economic-agenda">`},
		{"EPUB/xhtml/ch02.xhtml", "Image <strong>and</strong> ", mark("5") + "soft power"},
		{"EPUB/xhtml/ch03.xhtml", "", mark("6") + mark("7") + `<h1 id="soft-power">`},
	}
	for _, c := range checks {
		if !strings.Contains(files[c.file], c.before+c.after) {
			t.Errorf("%s: no %q", c.file, c.after)
		}
	}
	last := files["EPUB/xhtml/ch03.xhtml"]
	if c, ok := files["EPUB/xhtml/colophon.xhtml"]; ok {
		last = c
	}
	if !strings.Contains(last, mark("8")) {
		t.Errorf("page 8, whose block is unknown, is not marked at the end")
	}
	list := regexp.MustCompile(`(?s)<nav epub:type="page-list".*?</nav>`).FindString(files["EPUB/nav.xhtml"])
	labels := regexp.MustCompile(`>(\d+)</a>`).FindAllStringSubmatch(list, -1)
	var got []string
	for _, l := range labels {
		got = append(got, l[1])
	}
	if strings.Join(got, " ") != "1 2 3 4 5 6 7 8" {
		t.Errorf("page-list %v, want 1 … 8 in order", got)
	}
	opf := files["EPUB/package.opf"]
	for _, want := range []string{`<meta property="schema:accessibilityFeature">pageBreakMarkers</meta>`,
		`<meta refines="#print-source" property="source-of">pagination</meta>`} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %s", want)
		}
	}
}

// TestCover checks the cover: the image in the manifest as cover-image,
// the first page of the reading order with a text alternative that says
// what the cover says.
func TestCover(t *testing.T) {
	d := sampleDoc(t, false)
	data, err := Render(d, Options{Cover: testPNG(t)})
	if err != nil {
		t.Fatal(err)
	}
	epubcheck(t, "cover", data)
	files, _ := unzip(t, data)
	opf := files["EPUB/package.opf"]
	if !regexp.MustCompile(`href="images/cover.png" media-type="image/png" properties="cover-image"`).MatchString(opf) {
		t.Errorf("no cover-image item:\n%s", opf)
	}
	spine := regexp.MustCompile(`<itemref idref="([^"]+)"/>`).FindAllStringSubmatch(opf, -1)
	if len(spine) < 3 || spine[0][1] != "cover.xhtml" || spine[1][1] != "title.xhtml" || spine[2][1] != "nav" {
		t.Errorf("spine %v, want cover, title page, contents first", spine)
	}
	cover := files["EPUB/xhtml/cover.xhtml"]
	if !strings.Contains(cover, `alt="China’s Image in Kazakhstan; Ilia Cocali, Michael Saouach; Polyxeni Davarinou (ed.); February 2019"`) {
		t.Errorf("cover page's text alternative:\n%s", cover)
	}
	if _, err := Render(d, Options{Cover: []byte("GIF89a")}); err == nil {
		t.Errorf("a cover that is not a PNG was accepted")
	}
}

// TestChineseBold checks that bold Chinese text has a real bold face: a
// family without one borrows the embedded bold, and synthesis is off.
func TestChineseBold(t *testing.T) {
	fonts := []Font{
		{Family: "Noto Serif CJK SC", Weight: 400, FileName: "NotoSerifCJKsc-Regular.ttf", Data: testFont()},
		{Family: "Noto Sans CJK SC", Weight: 700, FileName: "NotoSansCJKsc-Bold.ttf", Data: testFont()},
	}
	data, err := Render(zhDoc(t), Options{Fonts: fonts})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := unzip(t, data)
	css := files["EPUB/css/press.css"]
	borrowed := "@font-face {\n  font-family: \"Noto Serif CJK SC\";\n  font-style: normal;\n  font-weight: 700;\n  src: url(\"../fonts/NotoSansCJKsc-Bold.ttf\");\n}"
	for _, want := range []string{borrowed, "font-synthesis: none", `h1:lang(zh), h2:lang(zh), h3:lang(zh), h4:lang(zh), h5:lang(zh), h6:lang(zh) { font-family: "Noto Sans CJK SC"`} {
		if !strings.Contains(css, want) {
			t.Errorf("stylesheet lacks %q", want)
		}
	}
	// A note citation is glued to the character before it.
	for _, name := range xhtmlFiles(files) {
		for _, m := range regexp.MustCompile(`(.)<a class="noteref"`).FindAllStringSubmatch(files[name], -1) {
			if m[1] != "\u2060" {
				t.Errorf("%s: citation after %q, not after a word joiner", name, m[1])
			}
		}
	}
}
