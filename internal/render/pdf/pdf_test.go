package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

func TestSortPageBoxes(t *testing.T) {
	a := "<</Type /Page\n/Parent 1 0 R\n/TrimBox [30.50 30.50 625.78 872.39]\n/BleedBox [22.00 22.00 634.29 880.90]\n/Resources 2 0 R\n>>\n" +
		"<</Type /Page\n/Parent 1 0 R\n/BleedBox [22.00 22.00 634.29 880.90]\n/TrimBox [30.50 30.50 625.78 872.39]\n/Resources 2 0 R\n>>\n" +
		"<</Type /Page\n/Parent 1 0 R\n/TrimBox [0.00 0.00 595.28 841.89]\n/Resources 2 0 R\n>>\n"
	got := sortPageBoxes([]byte(a))
	if len(got) != len(a) {
		t.Fatalf("length %d, was %d: offsets would break", len(got), len(a))
	}
	want := "<</Type /Page\n/Parent 1 0 R\n/BleedBox [22.00 22.00 634.29 880.90]\n/TrimBox [30.50 30.50 625.78 872.39]\n/Resources 2 0 R\n>>\n"
	if bytes.Count(got, []byte(want)) != 2 {
		t.Errorf("boxes not sorted:\n%s", got)
	}
	if !bytes.HasSuffix(got, []byte("/TrimBox [0.00 0.00 595.28 841.89]\n/Resources 2 0 R\n>>\n")) {
		t.Errorf("a single box moved:\n%s", got)
	}
}

// fpdfPlain is a two-page fpdf document with uncompressed page streams.
func fpdfPlain(t *testing.T) []byte {
	t.Helper()
	p := fpdf.New("P", "pt", "A4", "")
	p.SetCompression(false)
	p.SetFont("Helvetica", "", 12)
	for i := 0; i < 2; i++ {
		p.AddPage()
		p.Text(72, 72, strings.Repeat("press compresses this page ", 20))
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDeflateStreams(t *testing.T) {
	src := fpdfPlain(t)
	out, err := deflateStreams(src, func(b []byte) []byte { return b })
	if err != nil {
		t.Fatal(err)
	}
	if len(out) >= len(src) {
		t.Errorf("not smaller: %d bytes, was %d", len(out), len(src))
	}
	// Every cross-reference entry points at its object.
	xref := bytes.LastIndex(out, []byte("\nxref\n")) + 1
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(out)
	if m == nil || string(m[1]) != strconv.Itoa(xref) {
		t.Fatalf("startxref %q, xref at %d", m, xref)
	}
	entries := regexp.MustCompile(`(?m)^(\d{10}) 00000 n $`).FindAllSubmatch(out[xref:], -1)
	if len(entries) == 0 {
		t.Fatal("no cross-reference entries")
	}
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		if want := fmt.Sprintf("%d 0 obj\n", i+1); !bytes.HasPrefix(out[off:], []byte(want)) {
			t.Errorf("entry %d points at %q", i+1, out[off:off+12])
		}
	}
	// The pages' text survives compression.
	streams := regexp.MustCompile(`(?s)<</Filter /FlateDecode /Length (\d+)>>\nstream\n`).FindAllSubmatchIndex(out, -1)
	found := 0
	for _, s := range streams {
		n, _ := strconv.Atoi(string(out[s[2]:s[3]]))
		r, err := zlib.NewReader(bytes.NewReader(out[s[1] : s[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		text, _ := io.ReadAll(r)
		found += bytes.Count(text, []byte("press compresses this page"))
	}
	if found != 40 {
		t.Errorf("found the text %d times after decompressing, want 40", found)
	}
}

func TestDeflateStreamsRefusesOtherFiles(t *testing.T) {
	src := fpdfPlain(t)
	for name, bad := range map[string][]byte{
		"empty":         nil,
		"no xref":       bytes.ReplaceAll(src, []byte("\nxref\n"), []byte("\nxrif\n")),
		"short table":   src[:bytes.LastIndex(src, []byte("\nxref\n"))+20],
		"wrong length":  bytes.Replace(src, []byte("<</Length "), []byte("<</Length 9"), 1),
		"moved objects": append([]byte("%junk\n"), src...),
	} {
		if _, err := deflateStreams(bad, func(b []byte) []byte { return b }); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
