package catalog

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Error is a problem in a catalogue file, with its place and unit.
type Error struct {
	File string
	Line int
	ID   string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.ID != "" {
		b.WriteString(Printable(e.ID) + ": ")
	}
	b.WriteString(Printable(e.Msg))
	return b.String()
}

// Printable makes text from a file fit a one-line message: invalid bytes
// and control characters are written as escapes (\xff, \n, \a).
func Printable(s string) string {
	if utf8.ValidString(s) && strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unicode.IsControl(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// File names inside a locale folder.
const (
	DocumentFile = "document.toml" // the manuscript's translation units
	EditionFile  = "edition.toml"  // the edition's own words
	ObsoleteFile = "obsolete.toml" // units removed from the source, kept
)

// MaxFileSize bounds a catalogue file.
const MaxFileSize = 32 << 20

// File is one parsed catalogue file.
type File struct {
	Path    string
	Header  string   // the comment lines before the first entry, without "# "
	Entries []*Entry // in file order
	byID    map[string]*Entry
}

// HeaderOr is the file's own header comment, or def when it has none:
// rewriting a file keeps what its translator wrote at the top.
func (f *File) HeaderOr(def string) string {
	if f == nil || f.Header == "" {
		return def
	}
	return f.Header
}

// pressKeys are the entry keys press adds to go-i18n's; they are read here
// and taken out before go-i18n, which refuses keys it does not know.
var pressKeys = []string{"state", "previous", "note"}

// Get returns the entry with the id, or nil.
func (f *File) Get(id string) *Entry {
	if f == nil {
		return nil
	}
	return f.byID[id]
}

var headerRe = regexp.MustCompile(`^\s*\[\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$`)

// ReadFile parses a go-i18n TOML message file, keeping file order and the
// line of every entry. A missing file is an empty catalogue.
func ReadFile(path string) (*File, error) {
	f := &File{Path: path, byID: map[string]*Entry{}}
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	if st.Size() > MaxFileSize {
		return nil, &Error{File: path, Msg: fmt.Sprintf("file is %d bytes; the limit is %d", st.Size(), MaxFileSize)}
	}
	buf, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	return ParseFile(buf, path)
}

// ParseFile parses catalogue bytes named path.
func ParseFile(buf []byte, path string) (*File, error) {
	f := &File{Path: path, byID: map[string]*Entry{}}
	buf = bytes.TrimPrefix(buf, []byte("\xef\xbb\xbf"))
	// TOML syntax first, for its precise line numbers.
	var raw map[string]any
	if _, err := toml.Decode(string(buf), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: path, Line: pe.Position.Line, Msg: "TOML: " + pe.Message}
		}
		return nil, &Error{File: path, Msg: "TOML: " + err.Error()}
	}
	lines := headerLines(buf)
	extra := map[string]map[string]string{}
	for id, v := range raw {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		for _, k := range pressKeys {
			val, ok := m[k]
			if !ok {
				continue
			}
			str, ok := val.(string)
			if !ok {
				return nil, &Error{File: path, Line: lines[id], ID: id, Msg: fmt.Sprintf("%s must be a string, not %T", k, val)}
			}
			if extra[id] == nil {
				extra[id] = map[string]string{}
			}
			extra[id][k] = str
			delete(m, k)
		}
	}
	// go-i18n reads the messages from the tree already decoded: parsing
	// the TOML a second time was a third of the cost of loading.
	decoded := func(_ []byte, v any) error {
		p, ok := v.(*any)
		if !ok {
			return fmt.Errorf("unexpected target %T", v)
		}
		*p = raw
		return nil
	}
	msgs, err := i18n.ParseMessageBytes(buf, decoded)
	if err != nil {
		return nil, &Error{File: path, Msg: "go-i18n: " + err.Error()}
	}
	for _, m := range msgs {
		x := extra[m.ID]
		e := &Entry{ID: m.ID, Description: m.Description, Hash: m.Hash, Other: m.Other,
			State: x["state"], Previous: x["previous"], Note: x["note"],
			Zero: m.Zero, One: m.One, Two: m.Two, Few: m.Few, Many: m.Many, Line: lines[m.ID]}
		if e.State != "" && !slices.Contains(States, e.State) {
			return nil, &Error{File: path, Line: e.Line, ID: e.ID, Msg: fmt.Sprintf("state %q: a state is one of %s (or no state line: translated)", e.State, strings.Join(States, ", "))}
		}
		legacyStale(e)
		f.Entries = append(f.Entries, e)
		f.byID[e.ID] = e
	}
	// go-i18n hands messages back in map order; keep the file's.
	sortByLine(f.Entries)
	f.Header = headerComment(buf)
	for _, e := range f.Entries {
		if err := checkChars(e); err != nil {
			return nil, &Error{File: path, Line: e.Line, ID: e.ID, Msg: err.Error()}
		}
	}
	return f, nil
}

// checkChars refuses what no edition can print: control characters
// (other than tab and line feed) and invalid UTF-8 in an id or a text.
func checkChars(e *Entry) error {
	for _, s := range []string{e.ID, e.Other, e.Zero, e.One, e.Two, e.Few, e.Many} {
		for i, r := range s {
			switch {
			case r == utf8.RuneError:
				if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
					return fmt.Errorf("invalid UTF-8 before %q", clip(s[i+1:]))
				}
			case r == '\t' || r == '\n':
			case unicode.IsControl(r):
				return fmt.Errorf("control character %U in the text (before %q): remove it", r, clip(s[i+utf8.RuneLen(r):]))
			}
		}
	}
	return nil
}

// headerComment is the block of comment lines a file starts with.
func headerComment(buf []byte) string {
	var lines []string
	for _, l := range strings.Split(string(buf), "\n") {
		l = strings.TrimRight(l, "\r")
		if !strings.HasPrefix(l, "#") {
			break
		}
		l = strings.TrimPrefix(l, "#")
		lines = append(lines, strings.TrimPrefix(l, " "))
	}
	return strings.Join(lines, "\n")
}

// legacyStale reads a stale unit written by earlier versions of press,
// whose description held the mark and the old and new English.
func legacyStale(e *Entry) {
	if !strings.HasPrefix(e.Description, "STALE:") {
		return
	}
	var was, now string
	for _, l := range strings.Split(e.Description, "\n") {
		if s, ok := strings.CutPrefix(l, "was: "); ok {
			was = s
		}
		if s, ok := strings.CutPrefix(l, "now: "); ok {
			now = s
		}
	}
	if e.State == "" {
		e.State = StateStale
	}
	if e.Previous == "" {
		e.Previous = was
	}
	e.Description = now
}

func headerLines(buf []byte) map[string]int {
	lines := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(buf))
	sc.Buffer(make([]byte, 0, 64<<10), MaxFileSize)
	n := 0
	for sc.Scan() {
		n++
		m := headerRe.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		id := m[1]
		if strings.HasPrefix(id, `"`) {
			if s, err := strconv.Unquote(id); err == nil {
				id = s
			}
		}
		if _, seen := lines[id]; !seen {
			lines[id] = n
		}
	}
	return lines
}

func sortByLine(es []*Entry) {
	slices.SortStableFunc(es, func(a, b *Entry) int { return a.Line - b.Line })
}

// Catalogue is one language's locale folder.
type Catalogue struct {
	Lang     string
	Dir      string
	Document *File
	Edition  *File
	Obsolete *File
}

// Load reads locales/<lang>/.
func Load(localesDir, lang string) (*Catalogue, error) {
	dir := filepath.Join(localesDir, lang)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, &Error{File: dir, Msg: "no such locale folder"}
	}
	c := &Catalogue{Lang: lang, Dir: dir}
	var err error
	if c.Document, err = ReadFile(filepath.Join(dir, DocumentFile)); err != nil {
		return nil, err
	}
	if c.Edition, err = ReadFile(filepath.Join(dir, EditionFile)); err != nil {
		return nil, err
	}
	if c.Obsolete, err = ReadFile(filepath.Join(dir, ObsoleteFile)); err != nil {
		return nil, err
	}
	return c, nil
}

// Empty is the catalogue of a language that has none yet.
func Empty(localesDir, lang string) *Catalogue {
	dir := filepath.Join(localesDir, lang)
	empty := func(name string) *File {
		return &File{Path: filepath.Join(dir, name), byID: map[string]*Entry{}}
	}
	return &Catalogue{Lang: lang, Dir: dir, Document: empty(DocumentFile), Edition: empty(EditionFile), Obsolete: empty(ObsoleteFile)}
}
