package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/testtool"
)

// epubcheck validates data with the real epubcheck (internal/testtool) and
// fails the test on any fatal error, error or warning. A missing validator
// is a failure, not a skip: an unvalidated EPUB must not pass. Under -short
// the test is skipped at this point.
func epubcheck(t *testing.T, name string, data []byte) string {
	t.Helper()
	testtool.Validators(t)
	file := filepath.Join(t.TempDir(), name+".epub")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return testtool.Epubcheck(t, file)
}

// unzip returns the container's entries by name, and their names in order.
func unzip(t *testing.T, data []byte) (map[string]string, []*zip.File) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(b)
	}
	return files, zr.File
}

// xhtmlFiles lists the content documents in name order.
func xhtmlFiles(files map[string]string) []string {
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ".xhtml") {
			names = append(names, name)
		}
	}
	sortStrings(names)
	return names
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// node is a parsed XML element, enough to check structure.
type node struct {
	name     string // local name
	attrs    map[string]string
	children []*node
	text     string // direct and nested text, in order
	parent   *node
}

const nsEpub = "http://www.idpf.org/2007/ops"
const nsXML = "http://www.w3.org/XML/1998/namespace"

// parseXML parses an XML document strictly. Attributes are keyed by local
// name, with "epub:" and "xml:" prefixes kept for those namespaces.
func parseXML(t *testing.T, name, data string) *node {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(data))
	dec.Strict = true
	root := &node{name: "#document"}
	cur := root
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attrs: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				key := a.Name.Local
				switch a.Name.Space {
				case nsEpub:
					key = "epub:" + key
				case nsXML:
					key = "xml:" + key
				}
				n.attrs[key] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			for n := cur; n != nil; n = n.parent {
				n.text += string(tok)
			}
		}
	}
	return root
}

// find returns the elements below n that match.
func (n *node) find(match func(*node) bool) []*node {
	var out []*node
	for _, c := range n.children {
		if match(c) {
			out = append(out, c)
		}
		out = append(out, c.find(match)...)
	}
	return out
}

func byName(name string) func(*node) bool {
	return func(n *node) bool { return n.name == name }
}

func hasType(typ string) func(*node) bool {
	return func(n *node) bool {
		for _, f := range strings.Fields(n.attrs["epub:type"]) {
			if f == typ {
				return true
			}
		}
		return false
	}
}

// englishLabels are the English edition's words, filled by hand as the
// catalogue stage would.
func englishLabels() doc.Labels {
	return doc.Labels{
		Contents:             "Contents",
		Notes:                "Notes",
		Source:               "Source:",
		ImageNotIncluded:     "Image not included",
		BackToText:           "Back to text",
		AccessibilitySummary: "This publication has a navigable table of contents, headings in a logical order and pop-up footnotes.",
		TitlePage:            "Title page",
		LabelSep:             ". ",
		OpenQuote:            "\u201c",
		CloseQuote:           "\u201d",
		NoteRef:              func(n int) string { return fmt.Sprintf("Note %d", n) },
		PageOf:               func(n int) string { return fmt.Sprintf("Page %d", n) },
	}
}

func text(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }

// testPNG is a small real PNG image.
func testPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 6))
	for x := 0; x < 8; x++ {
		for y := 0; y < 6; y++ {
			img.Set(x, y, color.RGBA{uint8(30 * x), uint8(40 * y), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// testFont is the head of a TrueType file: sfnt version 1.0 and an empty
// table directory. It stands for the real faces, which belong to the fonts
// package; what is tested here is embedding, declaring and listing them.
func testFont() []byte {
	return []byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
}

// sampleDoc is a small English document that uses every block and inline
// type: two chapters with sections, notes (one cited twice, one cited only
// from the second chapter, one cited only from a note), figures with and
// without an image, a pull quote, a block quote, lists, a break, links and
// code.
func sampleDoc(t *testing.T, withImage bool) *doc.Document {
	t.Helper()
	n1 := &doc.Note{ID: "fn.1", Label: "1", Number: 1, Content: text("Wang, Y. (2016) Win-Win Cooperation.")}
	n2 := &doc.Note{ID: "fn.2", Label: "2", Number: 2, Content: []doc.Inline{
		&doc.Text{Text: "Huang, H. (2018) "}, &doc.Emph{Content: text("Lund University")}, &doc.Text{Text: ". "},
		&doc.Link{URL: "http://lup.lub.lu.se/luur/download?func=downloadFile&recordId=8960031&fileId=8960032", Content: text("http://lup.lub.lu.se/luur/download?func=downloadFile&recordId=8960031&fileId=8960032")},
		&doc.LineBreak{}, &doc.Text{Text: "Second paragraph of the note."},
	}}
	n4 := &doc.Note{ID: "fn.4", Label: "4", Number: 0, Content: text("Only cited from note 3.")}
	n3 := &doc.Note{ID: "fn.3", Label: "3", Number: 3, Content: []doc.Inline{&doc.Text{Text: "Ibid. See also"}, &doc.NoteRef{Note: n4}, &doc.Text{Text: "."}}}
	fig1 := &doc.Figure{ID: "fig-khorgos", Kind: "photo", Number: 1, Label: "Photo 1",
		Caption: text("Port Khorgos: An Essential Piece of the New Silk Economic Belt"), Credit: text("South China Morning Post")}
	if withImage {
		fig1.ImageData, fig1.ImageType, fig1.Image = testPNG(t), "png", "figures/fig-khorgos.png"
	}
	fig2 := &doc.Figure{ID: "fig-bolashak", Kind: "graph", Number: 1, Label: "Graph 1", Caption: text("Bolashak Scholarship recipients studying abroad")}
	d := &doc.Document{
		Meta: doc.Meta{
			Title:      doc.Field{ID: "meta.title", Text: "China\u2019s Image in Kazakhstan"},
			Editor:     doc.Field{ID: "meta.editor", Text: "Polyxeni Davarinou (ed.)"},
			Authors:    []doc.Field{{Text: "Ilia Cocali"}, {Text: "Michael Saouach"}},
			Year:       2019,
			Month:      2,
			DateText:   "February 2019",
			Lang:       "en",
			SourceLang: "en",
			Identifier: "urn:press:sample",
			Modified:   "2019-02-01T00:00:00Z",
		},
		Blocks: []doc.Block{
			&doc.Heading{ID: "abstract", Level: 1, Content: text("Abstract")},
			&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "China has unleashed a \u201ccharm offensive\u201d."}, &doc.NoteRef{Note: n1}}},
			&doc.Heading{ID: "economic-agenda", Level: 1, Numbered: true, Number: []int{1}, Label: "Chapter 1", Content: text("The Economic Agenda")},
			&doc.Heading{ID: "joint-ventures", Level: 2, Numbered: true, Number: []int{1, 1}, Label: "1.1", Content: text("Joint Ventures")},
			&doc.Paragraph{Content: []doc.Inline{
				&doc.Text{Text: "Image "}, &doc.Strong{Content: text("and")}, &doc.Text{Text: " soft power"}, &doc.NoteRef{Note: n2},
				&doc.Text{Text: " again"}, &doc.NoteRef{Note: n1}, &doc.Text{Text: "; see "},
				&doc.Link{URL: "https://example.com/a b?x=1&y=2", Content: []doc.Inline{&doc.Text{Text: "the site"}, &doc.NoteRef{Note: n3}}},
				&doc.Text{Text: " and "}, &doc.Code{Text: "a<b"}, &doc.Text{Text: " and "},
				&doc.Link{URL: "www.jstor.org/stable/1148580", Content: text("www.jstor.org/stable/1148580")},
				&doc.LineBreak{}, &doc.Text{Text: "New line."},
			}},
			&doc.BlockQuote{Blocks: []doc.Block{&doc.Paragraph{Content: text("A state may achieve the outcome it prefers.")}}},
			&doc.PullQuote{Content: text("Possible spillover effects are estimated at 4.5%\u20137.0%.")},
			fig1,
			&doc.List{Items: []*doc.ListItem{{Content: text("one")}, {Content: text("two")}}},
			&doc.List{Ordered: true, Start: 3, Items: []*doc.ListItem{{Content: text("three")}}},
			&doc.ThematicBreak{},
			&doc.Heading{ID: "soft-power", Level: 1, Numbered: true, Number: []int{2}, Label: "Chapter 2", Content: text("Chinese Soft Power")},
			&doc.Heading{ID: "student-exchanges", Level: 2, Numbered: true, Number: []int{2, 1}, Label: "2.1", Content: text("Student Exchanges")},
			fig2,
			&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Cited in the second chapter."}, &doc.NoteRef{Note: n2}}},
		},
		Notes:  []*doc.Note{n1, n2, n3, n4},
		Labels: englishLabels(),
	}
	return d
}

var noteIDRe = regexp.MustCompile(`^fn-(\d+)$`)
