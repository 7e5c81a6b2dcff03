package docx

// Validators shared by the tests: the real tools (LibreOffice, pandoc,
// poppler) through internal/testtool, never mocks. A missing tool fails the
// test; under -short the tests that need one are skipped.

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/press/press/internal/testtool"
)

// writeDocx writes data as name.docx in a new temporary folder.
func writeDocx(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name+".docx")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// sofficePDF converts the file to PDF with headless LibreOffice (seeing
// only the project's fonts) and returns the PDF path.
func sofficePDF(t *testing.T, path string) string {
	t.Helper()
	return testtool.ToPDF(t, path)[0]
}

// pdfText is the text of the PDF, by pdftotext.
func pdfText(t *testing.T, pdf string) string {
	t.Helper()
	return testtool.PDFText(t, pdf, "-layout")
}

// pdfPages is the text of pages first to last of the PDF.
func pdfPages(t *testing.T, pdf string, first, last int) string {
	t.Helper()
	return testtool.PDFText(t, pdf, "-f", fmt.Sprint(first), "-l", fmt.Sprint(last))
}

// pandocRead is what pandoc reads from a .docx: the number of notes, the
// headings' text, and the plain text of the whole document (notes
// included).
type pandocRead struct {
	Notes    int
	Headings []string
	Text     string
	Types    map[string]int // pandoc element types read, by count
}

func pandoc(t *testing.T, path string) pandocRead {
	t.Helper()
	raw := testtool.Pandoc(t, path, "docx", "json")
	var root struct {
		Blocks []any `json:"blocks"`
	}
	if err := json.Unmarshal(raw, &root); err != nil {
		t.Fatalf("pandoc JSON: %v", err)
	}
	r := pandocRead{Types: map[string]int{}}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			if typ, ok := v["t"].(string); ok {
				r.Types[typ]++
			}
			switch v["t"] {
			case "Note":
				r.Notes++
			case "Header":
				if c, ok := v["c"].([]any); ok && len(c) == 3 {
					r.Headings = append(r.Headings, inlineText(c[2]))
				}
			}
			walk(v["c"])
		}
	}
	walk(root.Blocks)
	r.Text = string(testtool.Pandoc(t, path, "docx", "plain", "--wrap=none"))
	return r
}

// inlineText is the text of pandoc inlines, notes left out.
func inlineText(v any) string {
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			switch v["t"] {
			case "Note":
				return
			case "Str":
				s, _ := v["c"].(string)
				b.WriteString(s)
			case "Space", "SoftBreak", "LineBreak":
				b.WriteString(" ")
			default:
				walk(v["c"])
			}
		}
	}
	walk(v)
	return strings.Join(strings.Fields(b.String()), " ")
}

// unzip returns the parts of a .docx by name, in archive order.
func unzip(t *testing.T, data []byte) (map[string][]byte, []*zip.File) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip archive: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = b
	}
	return parts, zr.File
}

// wellFormed checks every XML part parses with encoding/xml.
func wellFormed(t *testing.T, parts map[string][]byte) {
	t.Helper()
	for name, data := range parts {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		if err := checkXML(data); err != nil {
			t.Errorf("%s is not well-formed XML: %v", name, err)
		}
	}
}

func checkXML(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	root := 0
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				root++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if root != 1 {
		return errors.New("not exactly one root element")
	}
	return nil
}

// wText is the text of the w:t elements of a part, in order, with
// w:tab and w:br as tab and newline, and a newline after each paragraph.
func wText(t *testing.T, data []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	in := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch {
			case e.Name.Space == nsW && e.Name.Local == "t":
				in = true
			case e.Name.Space == nsW && e.Name.Local == "tab":
				b.WriteByte('\t')
			case e.Name.Space == nsW && e.Name.Local == "br":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			if e.Name.Space == nsW && e.Name.Local == "t" {
				in = false
			}
			if e.Name.Space == nsW && e.Name.Local == "p" {
				b.WriteByte('\n')
			}
		case xml.CharData:
			if in {
				b.Write(e)
			}
		}
	}
	return b.String()
}

// elements lists the start elements of a part named local in namespace
// ns, with their attributes by local name.
func elements(t *testing.T, data []byte, ns, local string) []map[string]string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []map[string]string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Space == ns && e.Name.Local == local {
			m := map[string]string{}
			for _, a := range e.Attr {
				m[a.Name.Local] = a.Value
			}
			out = append(out, m)
		}
	}
	return out
}
