package verify

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/press/press/internal/doc"
)

// Report is the result of reading one file back.
type Report struct {
	Lang, Format, Path string
	Units, Found       int
	Missing, Altered   []string // unit ids
	Notes, NotesFound  int
	NotesCitedOnce     int
	HeadingsInOrder    bool
	Problems           []string
}

// OK says nothing was lost.
func (r *Report) OK() bool {
	return len(r.Missing) == 0 && len(r.Altered) == 0 && r.NotesFound == r.Notes && r.NotesCitedOnce == r.Notes && r.HeadingsInOrder && len(r.Problems) == 0
}

// text is a file's readable content: the body in reading order and, for
// formats that keep them apart, the notes; with the count of note marks
// and of notes per note number.
type text struct {
	body, notes string
	refs        map[string]int // note number → marks citing it
	defs        map[string]int // note number → notes present
}

// File verifies one built file against the edition's model.
func File(d *doc.Document, lang, format, file string) (*Report, error) {
	var t *text
	var err error
	switch format {
	case "pdf":
		t, err = pdfText(file)
	case "epub":
		t, err = epubText(file)
	case "docx":
		t, err = docxText(file)
	default:
		return nil, fmt.Errorf("verify: unknown format %q", format)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	r := &Report{Lang: lang, Format: format, Path: file, Notes: len(d.Notes), HeadingsInOrder: true}
	body := Tokens(t.body)
	notes := body
	if t.notes != "" {
		notes = Tokens(t.notes)
	}
	lastHeading := -1
	var joined string
	flat := func(in []string) string { // the PDF's tokens joined, for word-set checks
		if joined == "" {
			joined = strings.Join(in, "")
		}
		return joined
	}
	noteIDs := map[string]bool{}
	for _, n := range d.Notes {
		noteIDs[n.ID] = true
	}
	for _, u := range doc.Units(d) {
		var s string
		if u.Text != nil {
			s = *u.Text
		} else {
			s = unitText(*u.Inlines)
		}
		toks := Tokens(s)
		if len(toks) == 0 {
			continue
		}
		in := body
		if u.Kind == "footnote" {
			in = notes
		}
		r.Units++
		gaps := 3
		if u.Kind == "cell" && format == "pdf" {
			gaps = len(toks)
		}
		start, _, matched := FindGaps(in, toks, 0, gaps)
		if start < 0 && u.Kind == "cell" && format == "pdf" && allPresent(flat(in), toks) {
			// Text extraction reads a table's narrow columns line by
			// line across the row: a cell whose words are all there,
			// even cut at the margin, is there.
			start = 0
		}
		if start < 0 && format == "pdf" && matched*2 >= len(toks) && nearby(in, toks) {
			// pdftotext reads a word set far out on a loose line (a
			// long address) as a block of its own, out of order: every
			// word of the unit close together is the unit.
			start = 0
		}
		switch {
		case start >= 0:
			r.Found++
			if noteIDs[u.ID] {
				r.NotesFound++
			}
			if u.Kind == "heading" {
				hs, _, _ := Find(in, toks, lastHeading+1)
				if hs < 0 {
					r.HeadingsInOrder = false
					r.Problems = append(r.Problems, "heading "+u.ID+" out of order")
				} else {
					lastHeading = hs
				}
			}
		case matched >= min(4, len(toks)):
			r.Altered = append(r.Altered, u.ID)
		default:
			r.Missing = append(r.Missing, u.ID)
		}
	}
	if t.refs != nil {
		for _, n := range d.Notes {
			num := fmt.Sprint(n.Number)
			if t.refs[num] == 1 && t.defs[num] == 1 {
				r.NotesCitedOnce++
			} else {
				r.Problems = append(r.Problems, fmt.Sprintf("note %s: cited %d times, present %d times", num, t.refs[num], t.defs[num]))
			}
		}
	} else {
		// PDF: marks are not told apart from digits; a note found in the
		// text is cited (the layout places notes only with their mark).
		r.NotesCitedOnce = r.NotesFound
	}
	return r, nil
}

func pdfText(file string) (*text, error) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return nil, fmt.Errorf("pdftotext (poppler-utils) is needed to read a PDF back: install it (make deps)")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext: %v", err)
	}
	return &text{body: string(out)}, nil
}

func readZip(file string) (map[string][]byte, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		if f.UncompressedSize64 > 64<<20 {
			return nil, fmt.Errorf("%s: entry too large", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(rc, 64<<20))
		rc.Close()
		if err != nil {
			return nil, err
		}
		files[f.Name] = data
	}
	return files, nil
}

var (
	noterefRe  = regexp.MustCompile(`<a [^>]*epub:type="noteref"[^>]*>([^<]*)</a>`)
	footnoteRe = regexp.MustCompile(`<aside [^>]*epub:type="footnote"[^>]*id="([^"]+)"`)
	tagRe      = regexp.MustCompile(`<[^>]*>`)
	// Inline tags join the text they mark: "H<sub>2</sub>O" is one word.
	inlineTagRe = regexp.MustCompile(`</?(sup|sub|em|strong|del|code|span|b|i)( [^>]*)?>`)
	blockEndRe  = regexp.MustCompile(`</(p|h\d|li|aside|figcaption|blockquote|div)>`)
)

// epubText reads the XHTML of the package in spine order.
func epubText(file string) (*text, error) {
	files, err := readZip(file)
	if err != nil {
		return nil, err
	}
	var container struct {
		Rootfiles []struct {
			Path string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal(files["META-INF/container.xml"], &container); err != nil || len(container.Rootfiles) == 0 {
		return nil, fmt.Errorf("no META-INF/container.xml rootfile")
	}
	opfPath := container.Rootfiles[0].Path
	var opf struct {
		Items []struct {
			ID   string `xml:"id,attr"`
			Href string `xml:"href,attr"`
		} `xml:"manifest>item"`
		Spine []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"spine>itemref"`
	}
	if err := xml.Unmarshal(files[opfPath], &opf); err != nil {
		return nil, fmt.Errorf("%s: %v", opfPath, err)
	}
	href := map[string]string{}
	for _, it := range opf.Items {
		href[it.ID] = path.Join(path.Dir(opfPath), it.Href)
	}
	t := &text{refs: map[string]int{}, defs: map[string]int{}}
	var b strings.Builder
	for _, s := range opf.Spine {
		x := string(files[href[s.IDRef]])
		for _, m := range noterefRe.FindAllStringSubmatch(x, -1) {
			t.refs[strings.TrimSpace(m[1])]++
		}
		for _, m := range footnoteRe.FindAllStringSubmatch(x, -1) {
			t.defs[strings.TrimPrefix(m[1], "fn-")]++
		}
		// Block ends become line ends; tags vanish.
		x = blockEndRe.ReplaceAllString(x, "\n")
		x = inlineTagRe.ReplaceAllString(x, "")
		b.WriteString(unescape(tagRe.ReplaceAllString(x, " ")))
		b.WriteString("\n")
	}
	t.body = b.String()
	return t, nil
}

func unescape(s string) string {
	var b bytes.Buffer
	d := xml.NewDecoder(strings.NewReader("<x>" + s + "</x>"))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if c, ok := tok.(xml.CharData); ok {
			b.Write(c)
		}
	}
	return b.String()
}

var (
	wtRe     = regexp.MustCompile(`(?s)<w:t(?: [^>]*)?>(.*?)</w:t>|</w:p>|<w:tab/>|<w:br/>`)
	fnRefRe  = regexp.MustCompile(`<w:footnoteReference w:id="(\d+)"`)
	fnDefRe  = regexp.MustCompile(`<w:footnote (?:[^>]*\s)?w:id="(\d+)"`)
	fnTypeRe = regexp.MustCompile(`w:type="(separator|continuationSeparator|continuationNotice)"`)
)

func docxRuns(x string) string {
	var b strings.Builder
	for _, m := range wtRe.FindAllStringSubmatch(x, -1) {
		switch {
		case strings.HasPrefix(m[0], "<w:t"):
			b.WriteString(unescape(m[1]))
		case m[0] == "</w:p>":
			b.WriteString("\n")
		default:
			b.WriteString(" ")
		}
	}
	return b.String()
}

// docxText reads document.xml and footnotes.xml.
func docxText(file string) (*text, error) {
	files, err := readZip(file)
	if err != nil {
		return nil, err
	}
	body, ok := files["word/document.xml"]
	if !ok {
		return nil, fmt.Errorf("no word/document.xml")
	}
	t := &text{body: docxRuns(string(body)), refs: map[string]int{}, defs: map[string]int{}}
	for _, m := range fnRefRe.FindAllStringSubmatch(string(body), -1) {
		t.refs[m[1]]++
	}
	notes := string(files["word/footnotes.xml"])
	var nb strings.Builder
	for _, part := range strings.Split(notes, "<w:footnote ")[1:] {
		head := part[:strings.IndexByte(part, '>')+1]
		if fnTypeRe.MatchString(head) {
			continue
		}
		if m := fnDefRe.FindStringSubmatch("<w:footnote " + head); m != nil {
			t.defs[m[1]]++
		}
		nb.WriteString(docxRuns(part))
		nb.WriteString("\n")
	}
	t.notes = nb.String()
	return t, nil
}

// Summary is a one-line account of a report.
func (r *Report) Summary() string {
	state := "ok"
	if !r.OK() {
		state = "LOSS"
	}
	return fmt.Sprintf("%-4s %-5s units %d/%d  missing %d  altered %d  notes %d/%d  cited once %d  headings in order %v  %s",
		r.Lang, r.Format, r.Found, r.Units, len(r.Missing), len(r.Altered), r.NotesFound, r.Notes, r.NotesCitedOnce, r.HeadingsInOrder, state)
}

// Details lists what was lost, one line each.
func (r *Report) Details() []string {
	var out []string
	ids := append([]string(nil), r.Missing...)
	sort.Strings(ids)
	for _, id := range r.Missing {
		out = append(out, fmt.Sprintf("%s: unit %s is missing", r.Path, id))
	}
	for _, id := range r.Altered {
		out = append(out, fmt.Sprintf("%s: unit %s is altered", r.Path, id))
	}
	for _, p := range r.Problems {
		out = append(out, fmt.Sprintf("%s: %s", r.Path, p))
	}
	return out
}

var _ = os.Stat

// unitText is a unit's text as the editions print it: PlainText, and
// after an image that was not read, its address.
func unitText(ins []doc.Inline) string {
	var b strings.Builder
	var walk func([]doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				b.WriteString(in.Text)
			case *doc.Code:
				b.WriteString(in.Text)
			case *doc.LineBreak:
				b.WriteByte(' ')
			case *doc.Image:
				walk(in.Content)
				if in.Data == nil {
					b.WriteString(" (" + in.URL + ") ")
				}
			default:
				if c, ok := doc.Children(in); ok {
					walk(c)
				}
			}
		}
	}
	walk(ins)
	return b.String()
}

func allPresent(flat string, toks []string) bool {
	for _, t := range toks {
		if !strings.Contains(flat, t) && !Scattered(flat, t) {
			return false
		}
	}
	return true
}

// Scattered says whether s is in text in order, maybe in pieces with a
// little other text between them: a word cut at the margin of a narrow
// table column, whose pieces text extraction interleaves with the next
// column's lines ("githubu", "ntent.com/u/", "sercont", "ent.").
func Scattered(text, s string) bool {
	if s == "" {
		return true
	}
	head := s[:min(3, len(s))]
	for i := 0; ; {
		j := strings.Index(text[i:], head)
		if j < 0 {
			return false
		}
		start := i + j
		window := text[start:min(len(text), start+8*len(s)+40)]
		k := 0
		for p := 0; p < len(window) && k < len(s); p++ {
			if window[p] == s[k] {
				k++
			}
		}
		if k == len(s) {
			return true
		}
		i = start + 1
	}
}

// nearby says whether all of unit's tokens are in one stretch of text
// starting at its first token, in any order (a word cut at the margin in
// pieces).
func nearby(text, unit []string) bool {
	n := 4*len(unit) + 20
	for i := range text {
		if !same(text[i], unit[0]) {
			continue
		}
		window := text[i:min(len(text), i+n)]
		have := map[string]bool{}
		for _, t := range window {
			have[t] = true
		}
		joined := strings.Join(window, "")
		ok := true
		for _, t := range unit {
			if !have[t] && !strings.Contains(joined, t) && !Scattered(joined, t) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
