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
	"unicode/utf8"

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

// Parse reads a PO file into imported translations. Errors are one line,
// "name:line: message".
func Parse(data []byte, name string) ([]catalog.Imported, error) {
	var out []catalog.Imported
	var ctx, id, str string
	var fuzzy, haveID, haveStr bool
	var field *string
	lineNo, ctxLine := 0, 0
	flush := func() {
		if ctx != "" {
			out = append(out, catalog.Imported{ID: ctx, Target: str, Done: !fuzzy, Line: ctxLine})
		}
		ctx, id, str, fuzzy, haveID, haveStr, field = "", "", "", false, false, false, nil
	}
	// keyword starts a field; a msgctxt or msgid after a msgstr starts
	// the next entry even without a blank line between them.
	keyword := func(l, kw string, into *string) error {
		*into = ""
		field = into
		return unq(l[len(kw)+1:], into)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		lineNo++
		l := strings.TrimSpace(sc.Text())
		var err error
		switch {
		case l == "":
			flush()
		case strings.HasPrefix(l, "#,"):
			if haveStr {
				flush()
			}
			if strings.Contains(l, "fuzzy") {
				fuzzy = true
			}
		case strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "msgctxt "):
			if haveStr || haveID || ctx != "" {
				flush()
			}
			ctxLine = lineNo
			err = keyword(l, "msgctxt", &ctx)
		case strings.HasPrefix(l, "msgid "):
			if haveStr || haveID {
				flush()
			}
			haveID = true
			err = keyword(l, "msgid", &id)
		case strings.HasPrefix(l, "msgstr "):
			if haveStr {
				return nil, fmt.Errorf("%s:%d: a second msgstr in one entry", name, lineNo)
			}
			haveStr = true
			err = keyword(l, "msgstr", &str)
		case strings.HasPrefix(l, `"`) && field != nil:
			err = unq(l, field)
		default:
			err = fmt.Errorf("unexpected \"%s\"", clip(l))
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, lineNo, err)
		}
	}
	if err := sc.Err(); err != nil {
		// A line longer than the buffer must not end the file silently.
		return nil, fmt.Errorf("%s:%d: %v", name, lineNo+1, err)
	}
	flush()
	return out, nil
}

// clip shortens a line for a message and keeps it on one line.
func clip(s string) string {
	if len(s) <= 40 {
		return catalog.Printable(s)
	}
	n := 40
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return catalog.Printable(s[:n]) + "…"
}

func unq(s string, into *string) error {
	v, err := strconv.Unquote(s)
	if err != nil {
		return fmt.Errorf("bad string %s", clip(s))
	}
	*into += v
	return nil
}
