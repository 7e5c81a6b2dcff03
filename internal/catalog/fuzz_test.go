package catalog

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/markdown"
)

// Seeds of the three targets are in testdata/fuzz/<FuzzName>.

// FuzzParseFile: the loader never panics, refuses with an *Error naming
// the file on one line, and whatever it accepts press can write back
// (Format, as sync and import do) and read again unchanged.
func FuzzParseFile(f *testing.F) {
	f.Add([]byte("[\"intro.p1\"]\ndescription = \"The English\"\nhash = \"sha256:0123456789abcdef\"\nother = \"Перевод <1>слова</1>.{n:1}\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := ParseFile(data, "f.toml")
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "f.toml" || !strings.HasPrefix(err.Error(), "f.toml") {
				t.Fatalf("error does not name the file: %T %v", err, err)
			}
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error is not one line: %q", err.Error())
			}
			return
		}
		again, err := ParseFile(Format("header", file.Entries), "g.toml")
		if err != nil {
			t.Fatalf("press cannot read back what it writes: %v\n%s", err, Format("header", file.Entries))
		}
		if len(again.Entries) != len(file.Entries) {
			t.Fatalf("%d entries written, %d read back", len(file.Entries), len(again.Entries))
		}
		for i, e := range file.Entries {
			a := *again.Entries[i]
			b := *e
			a.Line, b.Line = 0, 0
			if a != b {
				t.Fatalf("entry changed in a write and read:\n%+v\n%+v", b, a)
			}
		}
	})
}

// fuzzEnglish is the English unit translations are decoded against: every
// kind of placeholder, nested.
func fuzzEnglish(t testing.TB) []doc.Inline {
	d, _, err := markdown.Read([]byte(head+"A *b **c** [d](https://x.org/y)* `e`,  \nline[^1] and[^n2].\n\n[^1]: One.\n\n[^n2]: Two.\n"), "m.md", markdown.Options{Root: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return *doc.Units(d)[2].Inlines
}

// FuzzDecode: any translation either decodes against the English unit,
// keeping every span, break and note reference of the English once (the
// English URL with its link), or is refused with a PlaceholderError; what
// decodes is content the placeholder notation carries unchanged.
func FuzzDecode(f *testing.F) {
	f.Add(`Б <1>в <2>г</2> <3>д</3></1> <4>е</4>,<5/>строка{n:1} и{n:n2}.`)
	en := fuzzEnglish(f)
	want := kinds(en)
	f.Fuzz(func(t *testing.T, s string) {
		out, err := Decode(s, en)
		if err != nil {
			var pe *PlaceholderError
			if !errors.As(err, &pe) || pe.Msg == "" {
				t.Fatalf("%T: %v", err, err)
			}
			if msg := err.Error(); !utf8.ValidString(msg) || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("message is not one line of UTF-8: %q", msg)
			}
			return
		}
		if got := kinds(out); got != want {
			t.Fatalf("%q decodes to %s, the English has %s", s, got, want)
		}
		doc.WalkInlines(out, func(in doc.Inline) {
			if l, ok := in.(*doc.Link); ok && l.URL != "https://x.org/y" {
				t.Fatalf("link URL changed: %q", l.URL)
			}
		})
		// The translation is content the notation carries: encoded, it
		// decodes against itself to the same content.
		enc := Encode(out)
		back, err := Decode(enc, out)
		if err != nil {
			t.Fatalf("Encode(Decode(%q)) = %q does not decode: %v", s, enc, err)
		}
		if Encode(back) != enc || doc.PlainText(back) != doc.PlainText(out) {
			t.Fatalf("round trip changed %q into %q", enc, Encode(back))
		}
	})
}

// kinds counts the inline elements of content by kind.
func kinds(ins []doc.Inline) string {
	n := map[string]int{}
	doc.WalkInlines(ins, func(in doc.Inline) {
		switch in.(type) {
		case *doc.Emph:
			n["emph"]++
		case *doc.Strong:
			n["strong"]++
		case *doc.Link:
			n["link"]++
		case *doc.Code:
			n["code"]++
		case *doc.LineBreak:
			n["break"]++
		case *doc.NoteRef:
			n["note"]++
		}
	})
	return fmt.Sprint(n)
}

// FuzzTokenizeJoin: Join writes tokens that Tokenize reads back as the
// same tokens, and Join∘Tokenize is idempotent. The exchange formats rely
// on it.
func FuzzTokenizeJoin(f *testing.F) {
	f.Add(`a <1>b</1><2/>{n:3} \< \{ \\ { < c`)
	f.Fuzz(func(t *testing.T, s string) {
		ts, err := Tokenize(s)
		if err != nil {
			return
		}
		j := Join(ts)
		ts2, err := Tokenize(j)
		if err != nil {
			t.Fatalf("Join(Tokenize(%q)) = %q does not tokenize: %v", s, j, err)
		}
		if !reflect.DeepEqual(ts, ts2) {
			t.Fatalf("tokens changed through Join:\n%+v\n%+v", ts, ts2)
		}
		if Join(ts2) != j {
			t.Fatalf("Join is not stable: %q → %q", j, Join(ts2))
		}
	})
}
