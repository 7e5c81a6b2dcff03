// Package po exchanges a language's catalogue as a gettext PO file, for
// Poedit and Weblate: msgctxt is the unit id, msgid the English in the
// placeholder notation, msgstr the translation, and a stale translation is
// "fuzzy".
package po

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
)

// Export writes the catalogue as a PO file.
func Export(src *doc.Document, c *catalog.Catalogue) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s translation of the manuscript, exported by press.\nmsgid \"\"\nmsgstr \"\"\n", c.Lang)
	fmt.Fprintf(&b, "%s\n%s\n%s\n\n", quote("Content-Type: text/plain; charset=UTF-8\n"), quote("Language: "+c.Lang+"\n"), quote("X-Generator: press\n"))
	for _, u := range doc.Units(src) {
		en := catalog.SourceText(u)
		e := c.Document.Get(u.ID)
		target := ""
		fuzzy := false
		if e != nil {
			target = e.Other
			fuzzy = target != "" && e.Hash != catalog.Hash(en)
		}
		fmt.Fprintf(&b, "#. %s\n", u.Kind)
		if fuzzy {
			b.WriteString("#, fuzzy\n")
		}
		fmt.Fprintf(&b, "msgctxt %s\nmsgid %s\nmsgstr %s\n\n", quote(u.ID), quote(en), quote(target))
	}
	return b.Bytes()
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`, "\r", `\r`)
	return `"` + r.Replace(s) + `"`
}

// Parse reads a PO file into imported translations.
func Parse(data []byte, name string) ([]catalog.Imported, error) {
	var out []catalog.Imported
	var ctx, id, str string
	var fuzzy bool
	var field *string
	lineNo := 0
	flush := func() {
		if ctx != "" {
			out = append(out, catalog.Imported{ID: ctx, Target: str, Done: !fuzzy})
		}
		ctx, id, str, fuzzy, field = "", "", "", false, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		lineNo++
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "":
			flush()
		case strings.HasPrefix(l, "#,"):
			if strings.Contains(l, "fuzzy") {
				fuzzy = true
			}
		case strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "msgctxt "):
			field = &ctx
			if err := unq(l[len("msgctxt "):], field); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, lineNo, err)
			}
		case strings.HasPrefix(l, "msgid "):
			field = &id
			if err := unq(l[len("msgid "):], field); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, lineNo, err)
			}
		case strings.HasPrefix(l, "msgstr "):
			field = &str
			if err := unq(l[len("msgstr "):], field); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, lineNo, err)
			}
		case strings.HasPrefix(l, `"`) && field != nil:
			if err := unq(l, field); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, lineNo, err)
			}
		default:
			return nil, fmt.Errorf("%s:%d: unexpected %q", name, lineNo, l)
		}
	}
	flush()
	_ = id
	return out, nil
}

func unq(s string, into *string) error {
	v, err := strconv.Unquote(s)
	if err != nil {
		return fmt.Errorf("bad string %s", s)
	}
	*into += v
	return nil
}
