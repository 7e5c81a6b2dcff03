package docx

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/testtool"
)

// Small documents built in Go.

func txt(s string) *doc.Text { return &doc.Text{Text: s} }

func para(ins ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: ins} }

func heading(level int, label, title string, more ...doc.Inline) *doc.Heading {
	return &doc.Heading{ID: strings.ToLower(strings.ReplaceAll(title, " ", "-")), Level: level, Numbered: label != "",
		Label: label, Content: append([]doc.Inline{txt(title)}, more...)}
}

func labels() doc.Labels {
	return doc.Labels{
		Contents: "Contents", Notes: "Notes", Source: "Source:", ImageNotIncluded: "Image not included",
		LabelSep: ". ", OpenQuote: "“", CloseQuote: "”",
		NoteRef: func(n int) string { return fmt.Sprintf("Note %d", n) },
		PageOf:  func(n int) string { return fmt.Sprintf("Page %d", n) },
	}
}

func newDoc(lang string, blocks ...doc.Block) *doc.Document {
	d := &doc.Document{Blocks: blocks, Labels: labels()}
	d.Meta = doc.Meta{
		Title:    doc.Field{Text: "A Small Book"},
		Editor:   doc.Field{Text: "Ed Itor (ed.)"},
		Authors:  []doc.Field{{Text: "Ann Author"}, {Text: "Bob Writer"}},
		DateText: "February 2019",
		Lang:     lang,
		Modified: "2019-02-01T00:00:00Z",
	}
	return d
}

// cite adds a note to d and returns a reference to it.
func cite(d *doc.Document, ins ...doc.Inline) *doc.NoteRef {
	n := &doc.Note{ID: fmt.Sprintf("fn.%d", len(d.Notes)+1), Label: fmt.Sprint(len(d.Notes) + 1), Number: len(d.Notes) + 1, Content: ins}
	d.Notes = append(d.Notes, n)
	return &doc.NoteRef{Note: n}
}

func pngImage(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func jpegImage(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{200, uint8(x % 256), uint8(y % 256), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// hostile is text that must stay text.
const hostile = "<script>alert(\"x\")</script> & ]]> </w:t></w:r></w:p><w:p> &amp; <!-- x --> <?pi?>"

// controls are characters XML cannot carry; they are dropped.
const controls = "\x00\x01\x08\x0b\x0c\x1b\r"

type testCase struct {
	name      string
	doc       func() *doc.Document
	opt       Options
	notes     int      // notes pandoc must read
	headings  []string // headings pandoc must read
	text      []string // in pandoc's plain text
	pdf       []string // in the text of LibreOffice's PDF
	parts     []string // zip entries that must exist
	noParts   []string // zip entries that must not exist
	pandocHas []string // pandoc element types that must occur
}

func cases() []testCase {
	return []testCase{
		{
			name: "minimal",
			doc: func() *doc.Document {
				return newDoc("en", heading(1, "Chapter 1", "Beginning"), para(txt("Hello, world.")))
			},
			headings: []string{"Chapter 1. Beginning"},
			text:     []string{"Hello, world."},
			pdf:      []string{"A Small Book", "Ann Author", "Contents", "Chapter 1. Beginning", "Hello, world."},
		},
		{
			name: "footnotes",
			doc: func() *doc.Document {
				d := newDoc("en")
				r1 := cite(d, txt("First note, with "), &doc.Emph{Content: []doc.Inline{txt("emphasis")}}, txt(" and "),
					&doc.Link{URL: "https://example.org/a?b=1&c=2", Content: []doc.Inline{txt("a link")}}, txt("."))
				r2 := cite(d, txt("Second note."), &doc.LineBreak{}, txt("Its second paragraph."))
				r3 := cite(d, txt("Note in a heading."))
				r4 := cite(d, txt("Cited twice."))
				r5 := cite(d, txt("Last note."))
				d.Blocks = []doc.Block{
					heading(1, "Chapter 1", "Notes", r3),
					para(txt("One"), r1, txt(" two"), r2, txt(" three"), r4, txt(".")),
					heading(2, "1.1", "Again"),
					para(txt("Again"), &doc.NoteRef{Note: r4.Note}, txt(" and last"), r5, txt(".")),
				}
				return d
			},
			notes:    5,
			headings: []string{"Chapter 1. Notes", "1.1. Again"},
			text:     []string{"First note, with emphasis and a link.", "Second note.", "Its second paragraph.", "Note in a heading.", "Cited twice.", "Last note."},
			pdf:      []string{"First note, with emphasis and a link.", "Last note."},
		},
		{
			name: "hostile",
			doc: func() *doc.Document {
				d := newDoc("en")
				d.Meta.Title.Text = "Title " + hostile + controls
				d.Meta.Authors = []doc.Field{{Text: "O'Brien & <Sons>"}}
				r := cite(d, txt("note "+hostile+controls), &doc.Link{URL: "javascript:alert(1)", Content: []doc.Inline{txt("js")}})
				d.Blocks = []doc.Block{
					heading(1, "Chapter 1", "Head "+hostile),
					para(txt("Body "+hostile+" tab\there"+controls+" end"), r,
						&doc.Link{URL: "https://example.org/\"><script>?q=<x>&y", Content: []doc.Inline{txt("link " + hostile)}},
						&doc.Code{Text: "code </w:t> & <x/>"}, txt(" bad utf8 \xff ok")),
					&doc.PullQuote{Content: []doc.Inline{txt("pull " + hostile)}},
					&doc.Figure{ID: "fig", Kind: "graph", Number: 1, Label: "Graph 1", Caption: []doc.Inline{txt("caption " + hostile)},
						Credit: []doc.Inline{txt("credit " + hostile)}},
				}
				d.Labels.ImageNotIncluded = "No <image> & ]]>"
				return d
			},
			notes:    1,
			headings: []string{"Chapter 1. Head " + strings.Join(strings.Fields(hostile), " ")},
			text: []string{"Body " + hostile, "note " + hostile, "link " + hostile, "code </w:t> & <x/>",
				"pull " + hostile, "caption " + hostile, "credit " + hostile, "No <image> & ]]>", "here end", "bad utf8 \uFFFD ok"},
			pdf: []string{"Body <script>alert(\"x\")</script> & ]]> </w:t></w:r></w:p><w:p>", "No <image> & ]]>", "O'Brien & <Sons>"},
		},
		{
			name: "figures",
			doc: func() *doc.Document {
				return newDoc("en",
					heading(1, "Chapter 1", "Figures"),
					&doc.Figure{ID: "fig-a", Kind: "graph", Number: 1, Label: "Graph 1", ImageData: pngImage(1600, 400), ImageType: "png",
						Caption: []doc.Inline{txt("A wide graph")}, Credit: []doc.Inline{txt("Somewhere")}},
					&doc.Figure{ID: "fig-b", Kind: "photo", Number: 1, Label: "Photo 1", ImageData: jpegImage(120, 90), ImageType: "jpeg",
						Caption: []doc.Inline{txt("A small photo")}},
					&doc.Figure{ID: "fig-c", Kind: "map", Number: 1, Label: "Map 1", Caption: []doc.Inline{txt("A missing map")}},
				)
			},
			headings:  []string{"Chapter 1. Figures"},
			text:      []string{"Graph 1. A wide graph", "Source: Somewhere", "Photo 1. A small photo", "Image not included", "Map 1. A missing map"},
			pdf:       []string{"Graph 1. A wide graph", "Image not included"},
			parts:     []string{"word/media/image1.png", "word/media/image2.jpeg"},
			pandocHas: []string{"Image"},
		},
		{
			name: "blocks",
			doc: func() *doc.Document {
				return newDoc("en",
					heading(1, "", "Blocks"),
					para(txt("Plain "), &doc.Strong{Content: []doc.Inline{txt("strong "), &doc.Emph{Content: []doc.Inline{txt("both")}}}},
						txt(" and "), &doc.Code{Text: "x := 1"}, &doc.LineBreak{}, txt("after break "),
						&doc.Link{URL: "#lists", Content: []doc.Inline{txt("to lists")}}, txt(" "),
						&doc.Link{URL: "mailto:someone@example.org", Content: []doc.Inline{txt("mail")}}),
					&doc.BlockQuote{Blocks: []doc.Block{para(txt("Quoted one.")), para(txt("Quoted two."))}},
					&doc.PullQuote{Content: []doc.Inline{txt("A pulled sentence.")}},
					&doc.ThematicBreak{},
					heading(2, "", "Lists"),
					&doc.List{Items: []*doc.ListItem{{Content: []doc.Inline{txt("bullet one")}}, {Content: []doc.Inline{txt("bullet two")}}}},
					&doc.List{Ordered: true, Start: 3, Items: []*doc.ListItem{{Content: []doc.Inline{txt("third")}}, {Content: []doc.Inline{txt("fourth")}}}},
					&doc.List{Ordered: true, Start: 1, Items: []*doc.ListItem{{Content: []doc.Inline{txt("first again")}}}},
					heading(3, "", "Deeper"),
					para(txt("End.")),
				)
			},
			headings:  []string{"Blocks", "Lists", "Deeper"},
			text:      []string{"Plain strong both and x := 1", "after break", "Quoted one.", "“A pulled sentence.”", "bullet one", "third", "first again", "End."},
			pdf:       []string{"“A pulled sentence.”", "3. third", "4. fourth", "1. first again", "• bullet one"},
			parts:     []string{"word/numbering.xml"},
			pandocHas: []string{"BulletList", "OrderedList", "BlockQuote", "Code", "Strong", "Emph", "LineBreak"},
		},
		{
			name: "zh",
			doc: func() *doc.Document {
				d := newDoc("zh-Hans")
				d.Meta.Title.Text = "中国在哈萨克斯坦的形象"
				d.Meta.DateText = "2019年2月"
				d.Labels.Contents, d.Labels.LabelSep = "目录", " "
				d.Labels.OpenQuote, d.Labels.CloseQuote = "“", "”"
				d.Labels.Source, d.Labels.ImageNotIncluded = "来源：", "图片未收录"
				r := cite(d, txt("王毅（2016）。"))
				d.Blocks = []doc.Block{
					heading(1, "第1章", "经济议程"),
					para(txt("在中亚，特别是在哈萨克斯坦，中国发起了魅力攻势，以推进其议程。"), r),
					&doc.Figure{ID: "f", Kind: "graph", Number: 1, Label: "图1", Caption: []doc.Inline{txt("图表")}, Credit: []doc.Inline{txt("新闻")}},
				}
				return d
			},
			notes:    1,
			headings: []string{"第1章 经济议程"},
			text:     []string{"中国发起了魅力攻势", "王毅（2016）。", "来源：新闻"},
			pdf:      []string{"中国在哈萨克斯坦的形象", "目录", "魅力攻势", "图片未收录"},
		},
		{
			name: "ru",
			doc: func() *doc.Document {
				d := newDoc("ru")
				d.Meta.Title.Text = "Образ Китая в Казахстане"
				d.Labels.Contents, d.Labels.OpenQuote, d.Labels.CloseQuote = "Содержание", "«", "»"
				r := cite(d, txt("Примечание."))
				d.Blocks = []doc.Block{heading(1, "Глава 1", "Экономика"), para(txt("Текст\u00a0— с неразрывным пробелом."), r),
					&doc.PullQuote{Content: []doc.Inline{txt("Цитата")}}}
				return d
			},
			notes:    1,
			headings: []string{"Глава 1. Экономика"},
			text:     []string{"Текст\u00a0— с неразрывным пробелом.", "«Цитата»"},
			pdf:      []string{"Образ Китая в Казахстане", "Содержание", "«Цитата»"},
		},
		{
			name: "kk, A5",
			doc: func() *doc.Document {
				d := newDoc("kk")
				d.Meta.Title.Text = "Қазақстандағы Қытай имиджі"
				r := cite(d, txt("Ескертпе."))
				d.Blocks = []doc.Block{heading(1, "1-тарау", "Экономика"), para(txt("Мәтін ғылыми."), r)}
				d.Labels.Colophon, d.Labels.ColophonText = "Басылым туралы", []string{"Бұл басылымда 1 ескертпе бар."}
				return d
			},
			opt:      Options{PageWidthMM: 148, PageHeightMM: 210, BodyFont: "DejaVu Serif", HeadingFont: "DejaVu Sans"},
			notes:    1,
			headings: []string{"1-тарау. Экономика", "Басылым туралы"},
			text:     []string{"Мәтін ғылыми.", "Бұл басылымда 1 ескертпе бар."},
			pdf:      []string{"Қазақстандағы Қытай имиджі", "Басылым туралы"},
		},
		{
			name: "bare",
			doc: func() *doc.Document {
				return &doc.Document{Blocks: []doc.Block{para(txt("Only a paragraph."))}}
			},
			text:    []string{"Only a paragraph."},
			pdf:     []string{"Only a paragraph."},
			noParts: []string{"word/numbering.xml", "word/_rels/footnotes.xml.rels"},
		},
	}
}

// frag makes a fragment of WordprocessingML parseable on its own.
func frag(s string) []byte {
	return []byte(`<frag xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">` + s + `</frag>`)
}

var requiredParts = []string{
	"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/footnotes.xml",
	"word/settings.xml", "word/_rels/document.xml.rels", "word/footer1.xml", "docProps/core.xml",
	"docProps/app.xml", "word/fontTable.xml",
}

func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestRender renders each small document and checks it with the real
// readers: encoding/xml for every part, pandoc and LibreOffice.
func TestRender(t *testing.T) {
	// Every case is rendered first, so that LibreOffice converts them all
	// in one run (its start costs more than a small document).
	type rendered struct {
		data []byte
		err  error
		path string
		pdf  string
	}
	cs := cases()
	out := make([]rendered, len(cs))
	var paths []string
	for i, tc := range cs {
		out[i].data, out[i].err = Render(tc.doc(), tc.opt)
		if out[i].err == nil {
			out[i].path = writeDocx(t, fmt.Sprintf("case%02d", i), out[i].data)
			paths = append(paths, out[i].path)
		}
	}
	if !testing.Short() {
		pdfs := testtool.ToPDF(t, paths...)
		for i := range out {
			if out[i].path != "" {
				out[i].pdf, pdfs = pdfs[0], pdfs[1:]
			}
		}
	}
	for i, tc := range cs {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			data, err, path := out[i].data, out[i].err, out[i].path
			if err != nil {
				t.Fatal(err)
			}
			parts, _ := unzip(t, data)
			wellFormed(t, parts)
			for _, p := range append(slices.Clone(requiredParts), tc.parts...) {
				if _, ok := parts[p]; !ok {
					t.Errorf("part %s is missing", p)
				}
			}
			for _, p := range tc.noParts {
				if _, ok := parts[p]; ok {
					t.Errorf("part %s should not be there", p)
				}
			}
			checkPackage(t, parts)
			testtool.Validators(t)

			r := pandoc(t, path)
			if r.Notes != tc.notes {
				t.Errorf("pandoc read %d notes, want %d", r.Notes, tc.notes)
			}
			for _, h := range tc.headings {
				if !slices.Contains(r.Headings, flat(h)) {
					t.Errorf("pandoc did not read heading %q; it read %q", h, r.Headings)
				}
			}
			text := flat(r.Text)
			for _, s := range tc.text {
				if !strings.Contains(text, flat(s)) {
					t.Errorf("pandoc's text lacks %q:\n%s", s, r.Text)
				}
			}
			for _, typ := range tc.pandocHas {
				if r.Types[typ] == 0 {
					t.Errorf("pandoc read no %s", typ)
				}
			}

			pdfPath := out[i].pdf
			keep(t, strings.NewReplacer(" ", "", ",", "-").Replace(tc.name), path, pdfPath)
			pdf := flat(pdfText(t, pdfPath))
			for _, s := range tc.pdf {
				if !strings.Contains(pdf, flat(s)) {
					t.Errorf("the PDF from LibreOffice lacks %q:\n%s", s, pdf)
				}
			}
		})
	}
}

// checkPackage checks the package structure: every part has a content
// type, every relationship target exists, every r:id used is defined and
// every style used is defined.
func checkPackage(t *testing.T, parts map[string][]byte) {
	t.Helper()
	ct := parts["[Content_Types].xml"]
	defaults := map[string]bool{}
	for _, e := range elements(t, ct, nsCT, "Default") {
		defaults[e["Extension"]] = true
	}
	overrides := map[string]bool{}
	for _, e := range elements(t, ct, nsCT, "Override") {
		overrides[e["PartName"]] = true
		if _, ok := parts[strings.TrimPrefix(e["PartName"], "/")]; !ok {
			t.Errorf("content type for missing part %s", e["PartName"])
		}
	}
	for name := range parts {
		if name == "[Content_Types].xml" {
			continue
		}
		ext := name[strings.LastIndexByte(name, '.')+1:]
		if !overrides["/"+name] && !defaults[ext] {
			t.Errorf("part %s has no content type", name)
		}
	}
	for _, owner := range []string{"word/document.xml", "word/footnotes.xml", "word/footer1.xml"} {
		relsName := "word/_rels/" + owner[len("word/"):] + ".rels"
		ids := map[string]string{}
		for _, rel := range elements(t, parts[relsName], nsPR, "Relationship") {
			ids[rel["Id"]] = rel["Type"]
			if rel["TargetMode"] == "External" {
				if !strings.HasSuffix(rel["Type"], "/hyperlink") {
					t.Errorf("%s: external relationship of type %s", relsName, rel["Type"])
				}
				continue
			}
			if _, ok := parts["word/"+rel["Target"]]; !ok {
				t.Errorf("%s: target %s is missing", relsName, rel["Target"])
			}
		}
		for _, m := range regexp.MustCompile(`r:(?:id|embed)="([^"]*)"`).FindAllStringSubmatch(string(parts[owner]), -1) {
			if _, ok := ids[m[1]]; !ok {
				t.Errorf("%s uses relationship %s, not defined in %s", owner, m[1], relsName)
			}
		}
	}
	defined := map[string]bool{}
	for _, s := range elements(t, parts["word/styles.xml"], nsW, "style") {
		defined[s["styleId"]] = true
	}
	for _, p := range []string{"word/document.xml", "word/footnotes.xml", "word/footer1.xml"} {
		for _, kind := range []string{"pStyle", "rStyle"} {
			for _, e := range elements(t, parts[p], nsW, kind) {
				if !defined[e["val"]] {
					t.Errorf("%s uses style %q, not defined", p, e["val"])
				}
			}
		}
	}
}

// TestFootnotes checks footnotes.xml: the two separators, every note
// exactly once with its footnoteRef mark first, every reference styled.
func TestFootnotes(t *testing.T) {
	var d *doc.Document
	for _, tc := range cases() {
		if tc.name == "footnotes" {
			d = tc.doc()
		}
	}
	data, err := Render(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, data)
	fn := string(parts["word/footnotes.xml"])
	body := string(parts["word/document.xml"])

	notes := regexp.MustCompile(`<w:footnote( w:type="(\w+)")? w:id="(-?\d+)">(.*?)</w:footnote>`).FindAllStringSubmatch(fn, -1)
	if len(notes) != 2+len(d.Notes) {
		t.Fatalf("footnotes.xml has %d footnotes, want 2 separators + %d", len(notes), len(d.Notes))
	}
	if notes[0][2] != "separator" || notes[0][3] != "-1" || notes[1][2] != "continuationSeparator" || notes[1][3] != "0" {
		t.Errorf("separators: got %q %q / %q %q", notes[0][2], notes[0][3], notes[1][2], notes[1][3])
	}
	for i, n := range notes[2:] {
		if n[3] != fmt.Sprint(i+1) {
			t.Errorf("footnote %d has id %s", i+1, n[3])
		}
		first := regexp.MustCompile(`<w:r>.*?</w:r>`).FindString(n[4])
		if first != `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>` {
			t.Errorf("footnote %d does not start with its styled mark: %s", i+1, first)
		}
		if !strings.Contains(n[4], `<w:pStyle w:val="FootnoteText"/>`) {
			t.Errorf("footnote %d is not in the FootnoteText style", i+1)
		}
	}
	refs := regexp.MustCompile(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="(\d+)"/></w:r>`).FindAllStringSubmatch(body, -1)
	if got := strings.Count(body, "<w:footnoteReference "); got != len(refs) {
		t.Errorf("%d footnote references, %d of them styled", got, len(refs))
	}
	var ids []string
	for _, r := range refs {
		ids = append(ids, r[1])
	}
	// Ids follow the order of first citation: the note in the heading
	// comes first.
	if want := []string{"1", "2", "3", "4", "5"}; !slices.Equal(ids, want) {
		t.Errorf("reference ids %v, want %v", ids, want)
	}
	order := []int{2, 0, 1, 3, 4} // d.Notes index of footnote id 1, 2, …
	for i, n := range notes[2:] {
		want := flat(doc.PlainText(d.Notes[order[i]].Content))
		if got := flat(wText(t, frag(n[4]))); got != want {
			t.Errorf("footnote %d: %q, want %q", i+1, got, want)
		}
	}
	all := flat(wText(t, parts["word/footnotes.xml"]))
	for i, n := range d.Notes {
		want := flat(doc.PlainText(n.Content))
		if c := strings.Count(all, want); c != 1 {
			t.Errorf("note %d text %q occurs %d times", i+1, want, c)
		}
	}
	// The second citation of a note is a NOTEREF to a bookmark on the first.
	if !strings.Contains(body, `NOTEREF _RefNote4 \h`) || !strings.Contains(body, `w:name="_RefNote4"`) {
		t.Error("the note cited twice has no NOTEREF cross-reference")
	}
	// Hyperlinks in notes are relationships of footnotes.xml.
	rels := elements(t, parts["word/_rels/footnotes.xml.rels"], nsPR, "Relationship")
	if len(rels) != 1 || rels[0]["Target"] != "https://example.org/a?b=1&c=2" || rels[0]["TargetMode"] != "External" {
		t.Errorf("footnotes.xml.rels: %v", rels)
	}
}

// TestStyles checks the style names, ids and key properties.
func TestStyles(t *testing.T) {
	data, err := Render(newDoc("en", para(txt("x"))), Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, data)
	styles := string(parts["word/styles.xml"])
	want := map[string]string{
		"Normal": "Normal", "Title": "Title", "Subtitle": "Subtitle",
		"Heading1": "heading 1", "Heading2": "heading 2", "Heading3": "heading 3",
		"Quote": "Quote", "PullQuote": "Pull Quote", "Caption": "caption",
		"FootnoteText": "footnote text", "FootnoteReference": "footnote reference",
		"TOC1": "toc 1", "TOC2": "toc 2", "TOCHeading": "TOC Heading", "Hyperlink": "Hyperlink",
	}
	for id, name := range want {
		re := regexp.MustCompile(`<w:style w:type="\w+"( w:default="1")? w:styleId="` + id + `"><w:name w:val="` + name + `"/>.*?</w:style>`)
		s := re.FindString(styles)
		if s == "" {
			t.Errorf("style %s (%q) is missing", id, name)
			continue
		}
		switch id {
		case "Normal":
			if !strings.Contains(s, `<w:jc w:val="both"/>`) {
				t.Error("Normal is not justified")
			}
		case "Heading1", "Heading2", "Heading3":
			lvl := int(id[len(id)-1]-'0') - 1
			if !strings.Contains(s, fmt.Sprintf(`<w:outlineLvl w:val="%d"/>`, lvl)) {
				t.Errorf("%s has no outline level %d", id, lvl)
			}
		case "FootnoteReference":
			if !strings.Contains(s, `<w:vertAlign w:val="superscript"/>`) {
				t.Error("FootnoteReference is not superscript")
			}
		case "TOCHeading":
			if !strings.Contains(s, `<w:outlineLvl w:val="9"/>`) {
				t.Error("TOC Heading would list itself in the table of contents")
			}
		}
	}
	// No direct formatting in body paragraphs: only a style, or nothing.
	for _, ppr := range regexp.MustCompile(`<w:pPr>(.*?)</w:pPr>`).FindAllStringSubmatch(string(parts["word/document.xml"]), -1) {
		if s := regexp.MustCompile(`<w:pStyle w:val="\w+"/>|<w:pageBreakBefore/>`).ReplaceAllString(ppr[1], ""); s != "" {
			t.Errorf("direct paragraph formatting: %s", ppr[1])
		}
	}
}

// TestSettingsAndLanguage checks the language defaults, kinsoku for
// Chinese, footnote settings, the absence of updateFields, and core.xml.
func TestSettingsAndLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang, word, eastAsia string
		kinsoku              bool
	}{
		{"en", "en-GB", "", false},
		{"en-US", "en-US", "", false},
		{"ru", "ru-RU", "", false},
		{"kk", "kk-KZ", "", false},
		{"kk-Cyrl-KZ", "kk-KZ", "", false},
		{"zh-Hans", "zh-CN", "zh-CN", true},
		{"zh", "zh-CN", "zh-CN", true},
		{"zh-Hant", "zh-TW", "zh-TW", true},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			d := newDoc(tc.lang, para(txt("x")))
			data, err := Render(d, Options{})
			if err != nil {
				t.Fatal(err)
			}
			parts, _ := unzip(t, data)
			styles, settings := parts["word/styles.xml"], parts["word/settings.xml"]
			def := frag(regexp.MustCompile(`<w:rPrDefault>.*?</w:rPrDefault>`).FindString(string(styles)))
			langs := elements(t, def, nsW, "lang")
			if len(langs) != 1 || langs[0]["val"] != tc.word || langs[0]["eastAsia"] != tc.eastAsia {
				t.Errorf("rPrDefault w:lang = %v, want val=%s eastAsia=%q", langs, tc.word, tc.eastAsia)
			}
			fonts := elements(t, def, nsW, "rFonts")
			if len(fonts) != 1 || fonts[0]["ascii"] != DefaultBodyFont {
				t.Fatalf("rPrDefault fonts %v", fonts)
			}
			if tc.kinsoku {
				if fonts[0]["eastAsia"] != DefaultCJKFont {
					t.Errorf("East Asian font %q, want %q", fonts[0]["eastAsia"], DefaultCJKFont)
				}
				ppr := regexp.MustCompile(`<w:pPrDefault>.*?</w:pPrDefault>`).FindString(string(styles))
				if !strings.Contains(ppr, "<w:kinsoku/>") || !bytes.Contains(settings, []byte("<w:noLineBreaksBefore")) {
					t.Error("kinsoku is not on")
				}
			} else if fonts[0]["eastAsia"] != "" || bytes.Contains(styles, []byte("kinsoku")) {
				t.Error("East Asian settings in a non-CJK edition")
			}
			if bytes.Contains(settings, []byte("updateFields")) {
				t.Error("settings.xml has w:updateFields")
			}
			if !bytes.Contains(settings, []byte(`<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>`)) {
				t.Error("settings.xml lacks footnotePr")
			}
			core := string(parts["docProps/core.xml"])
			for _, want := range []string{
				"<dc:title>A Small Book</dc:title>",
				"<dc:creator>Ann Author; Bob Writer</dc:creator>",
				"<dc:language>" + tc.lang + "</dc:language>",
				`<dcterms:created xsi:type="dcterms:W3CDTF">2019-02-01T00:00:00Z</dcterms:created>`,
				`<dcterms:modified xsi:type="dcterms:W3CDTF">2019-02-01T00:00:00Z</dcterms:modified>`,
			} {
				if !strings.Contains(core, want) {
					t.Errorf("core.xml lacks %s", want)
				}
			}
		})
	}
}

// TestTOC checks the table of contents field, its entries and the
// bookmarks they link to.
func TestTOC(t *testing.T) {
	d := newDoc("en",
		heading(1, "", "Abstract"), para(txt("a")),
		heading(1, "Chapter 1", "One"), heading(2, "1.1", "Sub"), heading(3, "", "Deep"), para(txt("b")),
	)
	d.Labels.Colophon, d.Labels.ColophonText = "Colophon", []string{"Made with press."}
	data, err := Render(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, data)
	body := string(parts["word/document.xml"])
	if !strings.Contains(body, `<w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText>`) {
		t.Error("no TOC field")
	}
	sdt := regexp.MustCompile(`<w:sdtContent>(.*?)</w:sdtContent>`).FindStringSubmatch(body)
	if sdt == nil {
		t.Fatal("no table of contents block")
	}
	toc := frag(sdt[1])
	if got := wText(t, toc); !strings.HasPrefix(got, "Contents") {
		t.Errorf("TOC heading: %q", got)
	}
	var styles []string
	for _, e := range elements(t, toc, nsW, "pStyle") {
		styles = append(styles, e["val"])
	}
	if want := []string{"TOCHeading", "TOC1", "TOC1", "TOC2", "TOC1"}; !slices.Equal(styles, want) {
		t.Errorf("TOC paragraph styles %v, want %v", styles, want)
	}
	if got, want := flat(strings.ReplaceAll(wText(t, toc), "\t", " | ")), "Contents Abstract | Chapter 1. One | 1.1. Sub | Colophon |"; got != want {
		t.Errorf("TOC text %q, want %q", got, want)
	}
	bookmarks := map[string]bool{}
	for _, e := range elements(t, parts["word/document.xml"], nsW, "bookmarkStart") {
		bookmarks[e["name"]] = true
	}
	links := elements(t, toc, nsW, "hyperlink")
	if len(links) != 4 {
		t.Errorf("%d TOC links, want 4", len(links))
	}
	for _, l := range links {
		if !bookmarks[l["anchor"]] {
			t.Errorf("TOC link to missing bookmark %q", l["anchor"])
		}
		if !strings.Contains(sdt[1], "PAGEREF "+l["anchor"]+` \h`) {
			t.Errorf("no PAGEREF for %s", l["anchor"])
		}
	}
	if strings.Count(body, `w:fldCharType="begin"`) != strings.Count(body, `w:fldCharType="end"`) {
		t.Error("unbalanced fields")
	}
	if !bytes.Contains(parts["word/footer1.xml"], []byte(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`)) {
		t.Error("no PAGE field in the footer")
	}
}

// TestHyperlinks checks links become external relationships (web, mail),
// bookmark anchors (#id), or text (anything else).
func TestHyperlinks(t *testing.T) {
	d := newDoc("en",
		heading(1, "", "Target"),
		para(
			&doc.Link{URL: "https://example.org/x y\"<>", Content: []doc.Inline{txt("web")}},
			&doc.Link{URL: "https://example.org/x y\"<>", Content: []doc.Inline{txt("same")}},
			&doc.Link{URL: "www.example.org", Content: []doc.Inline{txt("www")}},
			&doc.Link{URL: "#target", Content: []doc.Inline{txt("inside")}},
			&doc.Link{URL: "javascript:alert(1)", Content: []doc.Inline{txt("js")}},
			&doc.Link{URL: "file:///etc/passwd", Content: []doc.Inline{txt("file")}},
			&doc.Link{URL: "#nowhere", Content: []doc.Inline{txt("nowhere")}},
		))
	data, err := Render(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, data)
	var targets []string
	for _, r := range elements(t, parts["word/_rels/document.xml.rels"], nsPR, "Relationship") {
		if r["TargetMode"] == "External" {
			targets = append(targets, r["Target"])
		}
	}
	if want := []string{"https://example.org/x%20y%22%3C%3E", "http://www.example.org"}; !slices.Equal(targets, want) {
		t.Errorf("external targets %q, want %q", targets, want)
	}
	links := elements(t, parts["word/document.xml"], nsW, "hyperlink")
	var anchors int
	for _, l := range links {
		if l["anchor"] == "_Toc1" {
			anchors++
		}
	}
	// 3 external links + the TOC entry and the #target link to _Toc1.
	if len(links) != 5 || anchors != 2 {
		t.Errorf("%d hyperlinks (%d to _Toc1), want 5 (2)", len(links), anchors)
	}
	if got := strings.Count(string(parts["word/document.xml"]), `<w:rStyle w:val="Hyperlink"/>`); got != 4 {
		t.Errorf("%d runs in the Hyperlink style, want 4", got)
	}
	text := wText(t, parts["word/document.xml"])
	for _, s := range []string{"js", "file", "nowhere"} {
		if !strings.Contains(text, s) {
			t.Errorf("the text of link %q is lost", s)
		}
	}
}

// TestEscaping checks hostile text stays text in the XML, byte for byte,
// minus the characters XML cannot carry.
func TestEscaping(t *testing.T) {
	d := newDoc("en", para(txt("a "+hostile+controls+" tab\tnew\nline \x7f\u2028 z")))
	data, err := Render(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, data)
	got := wText(t, parts["word/document.xml"])
	want := "a " + hostile + " tab\tnew\nline \x7f\u2028 z"
	if !strings.Contains(got, want) {
		t.Errorf("text %q does not contain %q", got, want)
	}
	for _, c := range controls {
		if strings.ContainsRune(string(parts["word/document.xml"]), c) {
			t.Errorf("control character %U is in document.xml", c)
		}
	}
	for _, tc := range []struct{ in, text, attr string }{
		{"a&b", "a&amp;b", "a&amp;b"},
		{"<x>", "&lt;x&gt;", "&lt;x&gt;"},
		{"]]>", "]]&gt;", "]]&gt;"},
		{`"'`, `"'`, "&quot;&apos;"},
		{"t\tn\n", "t\tn\n", "t&#9;n&#10;"},
		{"\x00a\x1fb\rc", "abc", "abc"},
		{"\xff", "\uFFFD", "\uFFFD"},
		{"\uFFFE\uFFFFok", "ok", "ok"},
		{"ĀЖ中😀", "ĀЖ中😀", "ĀЖ中😀"},
	} {
		if got := esc(tc.in); got != tc.text {
			t.Errorf("esc(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := attr(tc.in); got != tc.attr {
			t.Errorf("attr(%q) = %q, want %q", tc.in, got, tc.attr)
		}
	}
}

// TestDeterministic renders the same document twice (and a copy of it)
// and wants the same bytes, with entry times from Meta.Modified.
func TestDeterministic(t *testing.T) {
	for _, tc := range cases() {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Render(tc.doc(), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Render(tc.doc(), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Fatal("two renderings differ")
			}
			_, files := unzip(t, a)
			if files[0].Name != "[Content_Types].xml" {
				t.Errorf("first entry %s", files[0].Name)
			}
			want := time.Date(2019, 2, 1, 0, 0, 0, 0, time.UTC)
			if tc.name == "bare" {
				want = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			for _, f := range files {
				if !f.Modified.Equal(want) {
					t.Errorf("%s: time %v, want %v", f.Name, f.Modified, want)
				}
			}
		})
	}
}

// TestPage checks page size and margins come from the options.
func TestPage(t *testing.T) {
	for _, tc := range []struct {
		opt     Options
		w, h    int
		landscp bool
	}{
		{Options{}, 11906, 16838, false},
		{Options{PageWidthMM: 148, PageHeightMM: 210}, 8391, 11906, false},
		{Options{PageWidthMM: 297, PageHeightMM: 210}, 16838, 11906, true},
		{Options{PageWidthMM: 215.9}, 12240, 16838, false},
	} {
		data, err := Render(newDoc("en", para(txt("x"))), tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		parts, _ := unzip(t, data)
		sz := elements(t, parts["word/document.xml"], nsW, "pgSz")
		if len(sz) != 1 || sz[0]["w"] != fmt.Sprint(tc.w) || sz[0]["h"] != fmt.Sprint(tc.h) || (sz[0]["orient"] == "landscape") != tc.landscp {
			t.Errorf("%+v: pgSz %v, want %d×%d", tc.opt, sz, tc.w, tc.h)
		}
		mar := elements(t, parts["word/document.xml"], nsW, "pgMar")
		if len(mar) != 1 || mar[0]["left"] == "" || mar[0]["footer"] == "" {
			t.Errorf("pgMar %v", mar)
		}
	}
}

// TestErrors checks what Render refuses.
func TestErrors(t *testing.T) {
	bad := newDoc("en", &doc.Figure{ID: "f", ImageData: []byte("not an image"), ImageType: "png"})
	gif := newDoc("en", &doc.Figure{ID: "g", ImageData: []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), ImageType: "gif"})
	date := newDoc("en")
	date.Meta.Modified = "February 2019"
	for _, tc := range []struct {
		name string
		d    *doc.Document
		opt  Options
		want string
	}{
		{"nil document", nil, Options{}, "no document"},
		{"bad date", date, Options{}, "RFC 3339"},
		{"bad image", bad, Options{}, `figure "f"`},
		{"gif", gif, Options{}, `figure "g"`},
		{"negative width", newDoc("en"), Options{PageWidthMM: -1}, "page width"},
		{"tiny height", newDoc("en"), Options{PageHeightMM: 10}, "page height"},
		{"huge width", newDoc("en"), Options{PageWidthMM: 1e6}, "page width"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Render(tc.d, tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestWordLang(t *testing.T) {
	for _, tc := range []struct {
		in             string
		word, eastAsia string
	}{
		{"en", "en-GB", ""}, {"EN-us", "en-US", ""}, {"ru", "ru-RU", ""}, {"kk", "kk-KZ", ""},
		{"zh-Hans", "zh-CN", "zh-CN"}, {"zh-Hans-CN", "zh-CN", "zh-CN"}, {"zh-Hant", "zh-TW", "zh-TW"},
		{"zh_HK", "zh-HK", "zh-HK"}, {"ja", "ja-JP", "ja-JP"}, {"xx", "xx", ""}, {"", "", ""},
	} {
		l := wordLang(tc.in)
		if l.Word != tc.word || l.EastAsia != tc.eastAsia {
			t.Errorf("wordLang(%q) = %q/%q, want %q/%q", tc.in, l.Word, l.EastAsia, tc.word, tc.eastAsia)
		}
	}
}
