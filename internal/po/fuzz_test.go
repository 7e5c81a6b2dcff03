package po

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/deadline"
	"github.com/press/press/internal/doc"
)

// Seeds are in testdata/fuzz/<FuzzName>.

// FuzzParse: any file is parsed or refused with "name:line: message" on
// one line, never a panic or a hang.
func FuzzParse(f *testing.F) {
	f.Add([]byte("msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\n#. paragraph\n#, fuzzy\nmsgctxt \"a.p1\"\nmsgid \"A <1>b</1>\"\nmsgstr \"Б <1>в</1>\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var ims []catalog.Imported
		var err error
		deadline.Within(10*time.Second, "PO parser", func() { ims, err = Parse(data, "f.po") })
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "f.po:") || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error is not one line naming the file and line: %q", msg)
			}
			return
		}
		for _, im := range ims {
			if im.ID == "" || im.Line <= 0 {
				t.Fatalf("entry without an id or a line: %+v", im)
			}
		}
	})
}

// FuzzExportParse: any translation exported to PO and parsed back is the
// same, with its fuzzy flag.
func FuzzExportParse(f *testing.F) {
	f.Add("Б <1>в</1>\n\t\r \"кавычки\" \\ #, fuzzy", true)
	f.Fuzz(func(t *testing.T, target string, current bool) {
		if !utf8.ValidString(target) {
			return // catalogues refuse invalid UTF-8 (catalog.ParseFile)
		}
		en := "A <1>b</1>"
		d := &doc.Document{Blocks: []doc.Block{&doc.Paragraph{ID: "p.p1", Content: []doc.Inline{&doc.Text{Text: "A "}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: "b"}}}}}}}
		file, err := catalog.ParseFile(catalog.Format("", []*catalog.Entry{{ID: "p.p1", Other: "x"}}), "ru.toml")
		if err != nil {
			t.Fatal(err)
		}
		e := file.Entries[0]
		e.Other = target
		if current {
			e.Hash = catalog.Hash(en)
		}
		data := Export(d, nil, &catalog.Catalogue{Lang: "ru", Document: file}, nil)
		ims, err := Parse(data, "f.po")
		if err != nil {
			t.Fatalf("Export wrote a file Parse refuses: %v\n%s", err, data)
		}
		if len(ims) != 1 || ims[0].ID != "p.p1" || ims[0].Target != target {
			t.Fatalf("%q came back as %+v\n%s", target, ims, data)
		}
		if fuzzy := target != "" && !current; (ims[0].State == catalog.StateDraft) != fuzzy {
			t.Fatalf("fuzzy %v, state %q", fuzzy, ims[0].State)
		}
	})
}
