// Package po exchanges a language's catalogue as a gettext PO file, for
// Poedit, Weblate and the gettext tools: msgctxt is the unit id, msgid the
// English in the placeholder notation, msgstr the translation; "#." lines
// give the unit's kind, section and glossary terms, "#:" its place in the
// catalogue, "# " lines the translator's notes; a draft is "#, fuzzy" and a
// stale unit is "#, fuzzy" with the English it was made from as "#| msgid".
package po

import (
	"bufio"
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
)

// pluralForms are gettext's Plural-Forms for a language and the CLDR
// category of each msgstr[n] index.
var pluralForms = map[string]struct {
	header string
	forms  []string
}{
	"en": {"nplurals=2; plural=(n != 1);", []string{"one", "other"}},
	"kk": {"nplurals=2; plural=(n != 1);", []string{"one", "other"}},
	"ru": {"nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", []string{"one", "few", "many"}},
	"zh": {"nplurals=1; plural=0;", []string{"other"}},
}

// PluralCategories are the CLDR categories of a language's msgstr[n].
func PluralCategories(lang string) []string {
	if p, ok := pluralForms[lang]; ok {
		return p.forms
	}
	return pluralForms["en"].forms
}

// EditionPrefix starts the msgctxt of an edition string.
const EditionPrefix = "edition:"

// Export writes the catalogue as a PO file: the manuscript's units and,
// given the English catalogue, the edition strings (msgctxt
// "edition:<key>", strings with a count as msgid_plural/msgstr[n]); g (may
// be nil) adds the glossary terms each unit uses.
func Export(src *doc.Document, english, c *catalog.Catalogue, g *catalog.Glossary) []byte {
	var b bytes.Buffer
	pf, ok := pluralForms[c.Lang]
	if !ok {
		pf = pluralForms["en"]
	}
	date := "2000-01-01 00:00+0000"
	if src.Meta.Year > 0 {
		date = fmt.Sprintf("%04d-%02d-01 00:00+0000", src.Meta.Year, max(src.Meta.Month, 1))
	}
	title := src.Meta.Title.Text
	fmt.Fprintf(&b, "# %s translation of %q.\n# Exported by press; import with `press po import FILE`. See TRANSLATING.md.\n", c.Lang, title)
	b.WriteString("msgid \"\"\nmsgstr \"\"\n")
	for _, h := range []string{
		"Project-Id-Version: " + title,
		"Report-Msgid-Bugs-To: ",
		"POT-Creation-Date: " + date,
		"PO-Revision-Date: " + date,
		"Last-Translator: press <press@localhost>",
		"Language-Team: " + c.Lang + " <press@localhost>",
		"Language: " + c.Lang,
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=UTF-8",
		"Content-Transfer-Encoding: 8bit",
		"Plural-Forms: " + pf.header,
		"X-Generator: press",
	} {
		b.WriteString(quote(h+"\n") + "\n")
	}
	ref := filepath.ToSlash(filepath.Join("locales", c.Lang, catalog.DocumentFile))
	for _, x := range catalog.ExchangeUnits(src, c, g) {
		b.WriteString("\n")
		comment(&b, "# ", x.Note)
		ctx := x.Kind
		if x.Section != "" {
			ctx += "; section: " + x.Section
		}
		comment(&b, "#. ", ctx)
		for _, t := range x.Terms {
			comment(&b, "#. ", "glossary: "+t)
		}
		if x.Line > 0 {
			fmt.Fprintf(&b, "#: %s:%d\n", ref, x.Line)
		}
		switch x.State {
		case catalog.StateDraft, catalog.StateStale:
			b.WriteString("#, fuzzy\n")
		}
		if x.State == catalog.StateStale && x.Previous != "" {
			field(&b, "#| msgid", x.Previous)
		}
		field(&b, "msgctxt", x.ID)
		field(&b, "msgid", x.English)
		field(&b, "msgstr", x.Target)
	}
	if english != nil {
		writeEdition(&b, english, c)
	}
	return b.Bytes()
}

// comment writes text as comment lines.
func comment(b *bytes.Buffer, prefix, text string) {
	if text == "" {
		return
	}
	for _, l := range strings.Split(text, "\n") {
		if l == "" {
			b.WriteString(strings.TrimRight(prefix, " ") + "\n")
			continue
		}
		b.WriteString(prefix + l + "\n")
	}
}

// field writes a keyword and its string, a line per line of the text.
func field(b *bytes.Buffer, kw, s string) {
	prefix := ""
	if strings.HasPrefix(kw, "#|") {
		prefix = "#| "
	}
	if !strings.Contains(strings.TrimSuffix(s, "\n"), "\n") {
		b.WriteString(kw + " " + quote(s) + "\n")
		return
	}
	b.WriteString(kw + " \"\"\n")
	for _, l := range strings.SplitAfter(s, "\n") {
		if l != "" {
			b.WriteString(prefix + quote(l) + "\n")
		}
	}
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`, "\r", `\r`)
	return `"` + r.Replace(s) + `"`
}

// Split separates the manuscript's units from the edition strings (whose
// ids lose their "edition:" prefix).
func Split(ims []catalog.Imported) (document, edition []catalog.Imported) {
	for _, im := range ims {
		if id, ok := strings.CutPrefix(im.ID, EditionPrefix); ok {
			im.ID = id
			edition = append(edition, im)
			continue
		}
		document = append(document, im)
	}
	return document, edition
}

// Language is the Language of a PO file's header ("" when it has none).
func Language(data []byte) string {
	lang, _, err := parse(data, "")
	if err != nil {
		return ""
	}
	return lang
}

// Parse reads a PO file into imported translations. Errors are one line,
// "name:line: message".
func Parse(data []byte, name string) ([]catalog.Imported, error) {
	_, out, err := parse(data, name)
	return out, err
}

type entry struct {
	ctx, id, idPlural, str, prev string
	strs                         map[int]*string
	fuzzy, haveID, haveStr       bool
	notes                        []string
	line                         int
}

func parse(data []byte, name string) (lang string, out []catalog.Imported, err error) {
	var e entry
	var field *string
	lineNo := 0
	forms := PluralCategories("")
	flush := func() {
		switch {
		case e.ctx != "":
			im := catalog.Imported{ID: e.ctx, Source: e.id, Previous: e.prev, Target: e.str, Note: strings.Join(e.notes, "\n"), Line: e.line}
			if e.fuzzy {
				im.State = catalog.StateDraft
			}
			if e.idPlural != "" {
				im.Forms = map[string]string{}
				for i, s := range e.strs {
					if i < len(forms) {
						im.Forms[forms[i]] = *s
					}
				}
				im.Target = im.Forms["other"]
				im.Source, im.SourcePlural = e.idPlural, e.idPlural
			}
			out = append(out, im)
		case e.haveID && e.id == "":
			// The header: its Language decides the plural forms.
			for _, l := range strings.Split(e.str, "\n") {
				if v, ok := strings.CutPrefix(l, "Language: "); ok {
					lang = strings.TrimSpace(v)
					forms = PluralCategories(lang)
				}
			}
		}
		e = entry{}
		field = nil
	}
	// keyword starts a field; a msgctxt or msgid after a msgstr starts
	// the next entry even without a blank line between them.
	keyword := func(l, kw string, into *string) error {
		*into = ""
		field = into
		return unq(strings.TrimSpace(l[len(kw):]), into)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		lineNo++
		l := strings.TrimSpace(sc.Text())
		var err error
		startsEntry := func() {
			if e.haveStr {
				flush()
			}
		}
		switch {
		case l == "":
			flush()
		case strings.HasPrefix(l, "#~"):
			// An obsolete entry (msgmerge keeps them): not a translation.
		case strings.HasPrefix(l, "#,"):
			startsEntry()
			for _, f := range strings.Split(l[2:], ",") {
				if strings.TrimSpace(f) == "fuzzy" {
					e.fuzzy = true
				}
			}
		case strings.HasPrefix(l, "#| msgid "):
			startsEntry()
			field = &e.prev
			err = keyword(l, "#| msgid", &e.prev)
		case strings.HasPrefix(l, `#| "`):
			if field == &e.prev {
				err = unq(strings.TrimSpace(l[2:]), field)
			}
		case strings.HasPrefix(l, "#|"), strings.HasPrefix(l, "#."), strings.HasPrefix(l, "#:"):
			startsEntry()
		case l == "#" || strings.HasPrefix(l, "# "):
			startsEntry()
			e.notes = append(e.notes, strings.TrimPrefix(strings.TrimPrefix(l, "#"), " "))
		case strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "msgctxt "):
			if e.haveStr || e.haveID || e.ctx != "" {
				flush()
			}
			e.line = lineNo
			err = keyword(l, "msgctxt", &e.ctx)
		case strings.HasPrefix(l, "msgid_plural "):
			err = keyword(l, "msgid_plural", &e.idPlural)
		case strings.HasPrefix(l, "msgid "):
			if e.haveStr || e.haveID {
				flush()
			}
			e.haveID = true
			err = keyword(l, "msgid", &e.id)
		case strings.HasPrefix(l, "msgstr["):
			end := strings.Index(l, "]")
			n := -1
			if end > len("msgstr[") {
				n, _ = strconv.Atoi(l[len("msgstr["):end])
			}
			if n < 0 || n > 5 {
				err = fmt.Errorf("bad plural index in %q", clip(l))
				break
			}
			if e.strs == nil {
				e.strs = map[int]*string{}
			}
			if _, dup := e.strs[n]; dup {
				return "", nil, fmt.Errorf("%s:%d: a second msgstr[%d] in one entry", name, lineNo, n)
			}
			e.haveStr = true
			e.strs[n] = new(string)
			err = keyword(l[:end+1]+" "+strings.TrimSpace(l[end+1:]), l[:end+1], e.strs[n])
		case strings.HasPrefix(l, "msgstr "):
			if e.haveStr {
				return "", nil, fmt.Errorf("%s:%d: a second msgstr in one entry", name, lineNo)
			}
			e.haveStr = true
			err = keyword(l, "msgstr", &e.str)
		case strings.HasPrefix(l, `"`) && field != nil:
			err = unq(l, field)
		default:
			err = fmt.Errorf("unexpected \"%s\"", clip(l))
		}
		if err != nil {
			return "", nil, fmt.Errorf("%s:%d: %v", name, lineNo, err)
		}
	}
	if err := sc.Err(); err != nil {
		// A line longer than the buffer must not end the file silently.
		return "", nil, fmt.Errorf("%s:%d: %v", name, lineNo+1, err)
	}
	flush()
	return lang, out, nil
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
	if err != nil || !strings.HasPrefix(s, `"`) {
		return fmt.Errorf("bad string %s", clip(s))
	}
	*into += v
	return nil
}

// writeEdition writes the edition strings; a string with a count has a
// msgstr[n] per gettext plural of the language.
func writeEdition(b *bytes.Buffer, english, c *catalog.Catalogue) {
	ref := filepath.ToSlash(filepath.Join("locales", c.Lang, catalog.EditionFile))
	cats := PluralCategories(c.Lang)
	for _, x := range catalog.EditionUnits(english, c) {
		b.WriteString("\n")
		comment(b, "# ", x.Note)
		comment(b, "#. ", "edition string: "+x.Description)
		if x.Line > 0 {
			fmt.Fprintf(b, "#: %s:%d\n", ref, x.Line)
		}
		switch x.State {
		case catalog.StateDraft, catalog.StateStale:
			b.WriteString("#, fuzzy\n")
		}
		field(b, "msgctxt", EditionPrefix+x.ID)
		if len(x.Forms) == 0 {
			field(b, "msgid", x.English)
			field(b, "msgstr", x.Target)
			continue
		}
		forms := map[string]string{}
		for _, f := range x.Forms {
			forms[f.Category] = f.Target
		}
		field(b, "msgid", x.EnglishOne)
		field(b, "msgid_plural", x.English)
		for i, cat := range cats {
			field(b, fmt.Sprintf("msgstr[%d]", i), forms[cat])
		}
	}
}
