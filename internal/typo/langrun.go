package typo

import (
	"strings"
	"unicode"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/lang"
)

// A Run is a stretch of text and its language: "" for the edition's own,
// a BCP 47 tag for another. Every backend tags runs the same way (EPUB
// lang, DOCX w:lang, PDF /Lang), so that speech and hyphenation use the
// right language and spelling checkers leave foreign titles alone.
type Run struct {
	Text string
	Lang string
}

// Runs splits s into runs for an edition in language p whose manuscript
// is in the language source. Detection is by script, where it is
// unambiguous: in an edition not written in Latin letters (Cyrillic,
// Han), a stretch that begins and ends with a Latin letter or digit and
// holds no letter of another script is in the manuscript's language (the
// English titles in the notes, names of programmes). A Latin edition
// marks nothing. Web addresses are not words and are left alone.
func Runs(s string, p *lang.Profile, source string) []Run {
	if p == nil || p.Script == lang.Latin || source == "" || strings.HasPrefix(p.Tag, source) {
		return []Run{{Text: s}}
	}
	rs := []rune(s)
	var out []Run
	own := 0 // start of the edition's text not yet emitted
	for i := 0; i < len(rs); {
		if !isLatinLetter(rs[i]) {
			i++
			continue
		}
		// A foreign stretch: on while no letter of another script comes;
		// it ends at its last Latin letter or digit.
		end := i
		j := i
		for ; j < len(rs) && !isOtherLetter(rs[j]); j++ {
			if isLatinLetter(rs[j]) || unicode.IsDigit(rs[j]) {
				end = j + 1
			}
		}
		// A closing bracket or quote that matches an opening one inside
		// belongs to the stretch.
		for end < j && strings.ContainsRune(")]’”", rs[end]) && strings.ContainsRune(string(rs[i:end]), openerOf(rs[end])) {
			end++
		}
		text := string(rs[i:end])
		if isAddress(text) {
			i = end
			continue
		}
		if own < i {
			out = append(out, Run{Text: string(rs[own:i])})
		}
		out = append(out, Run{Text: text, Lang: source})
		own, i = end, end
	}
	if own < len(rs) || len(out) == 0 {
		out = append(out, Run{Text: string(rs[own:])})
	}
	return out
}

func openerOf(r rune) rune {
	switch r {
	case ')':
		return '('
	case ']':
		return '['
	case '’':
		return '‘'
	case '”':
		return '“'
	}
	return r
}

func isLatinLetter(r rune) bool { return unicode.Is(unicode.Latin, r) }

// isOtherLetter is a letter of a script other than Latin (Cyrillic, Han,
// kana …).
func isOtherLetter(r rune) bool {
	return unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r)
}

func isAddress(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || strings.Contains(s, "@") && !strings.Contains(s, " ")
}

// ForeignRuns counts the runs in another language than the edition's in
// the translated document: in the text of its units (headings,
// paragraphs, quotes, captions, list items, notes; code is not text).
// The tests of every backend count their tagged runs against it.
func ForeignRuns(d *doc.Document, p *lang.Profile) []Run {
	var out []Run
	for _, u := range doc.Units(d) {
		if u.Inlines == nil {
			continue
		}
		doc.WalkInlines(*u.Inlines, func(in doc.Inline) {
			if t, ok := in.(*doc.Text); ok {
				for _, r := range Runs(t.Text, p, d.Meta.SourceLang) {
					if r.Lang != "" {
						out = append(out, r)
					}
				}
			}
		})
	}
	return out
}
