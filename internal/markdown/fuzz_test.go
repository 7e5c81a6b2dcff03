package markdown

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
)

// FuzzRead feeds the reader arbitrary manuscripts (seeds in
// testdata/fuzz/FuzzRead). It must never panic; a refusal is an *Error
// naming the file and, unless the source is empty, the line and column,
// on one line; an accepted manuscript is a valid model whose every unit
// survives the placeholder notation unchanged.
func FuzzRead(f *testing.F) {
	f.Add([]byte(fm + "# A {#a}\n\nText with *emphasis*, **strong**, `code` and a [link](https://example.org).[^1]\n\n[^1]: A note.\n"))
	f.Add([]byte(fm + "::: {.figure #fig-a kind=map}\nCaption.\n\nSource: Someone.\n:::\n"))
	root := f.TempDir()
	f.Fuzz(func(t *testing.T, src []byte) {
		d, _, err := Read(src, "f.md", Options{Root: root})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not a *markdown.Error: %v", err, err)
			}
			msg := err.Error()
			if e.File != "f.md" || !strings.HasPrefix(msg, "f.md:") || e.Msg == "" {
				t.Fatalf("error does not name the file: %q", msg)
			}
			if strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error is not one line: %q", msg)
			}
			if e.Line == 0 && e.Msg != "source is empty" && !strings.HasPrefix(e.Msg, "source is ") {
				t.Fatalf("error without a line: %q", msg)
			}
			if !utf8.ValidString(msg) {
				t.Fatalf("error is not UTF-8: %q", msg)
			}
			return
		}
		if err := doc.Validate(d); err != nil {
			t.Fatalf("accepted an invalid model: %v", err)
		}
		for _, u := range doc.Units(d) {
			if u.Inlines == nil {
				continue
			}
			enc := catalog.Encode(*u.Inlines)
			back, err := catalog.Decode(enc, *u.Inlines)
			if err != nil {
				t.Fatalf("unit %s: %q does not decode against itself: %v", u.ID, enc, err)
			}
			if again := catalog.Encode(back); again != enc {
				t.Fatalf("unit %s: placeholder round trip changed %q into %q", u.ID, enc, again)
			}
			if doc.PlainText(back) != doc.PlainText(*u.Inlines) {
				t.Fatalf("unit %s: text changed: %q → %q", u.ID, doc.PlainText(*u.Inlines), doc.PlainText(back))
			}
		}
	})
}
