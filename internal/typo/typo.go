// Package typo applies a language's typographic conventions to the text of
// a translated document: curly quotes for English, « » and no-break spaces
// for Russian and Kazakh, the ellipsis character. It changes punctuation
// and spacing only, never words, and leaves URLs and code alone.
package typo

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/lang"
)

const nbsp = "\u00a0"

// Apply rewrites every unit of d for the language p.
func Apply(d *doc.Document, p *lang.Profile) {
	for _, u := range doc.Units(d) {
		if u.Text != nil {
			t := &doc.Text{Text: *u.Text}
			applyRun([]*doc.Text{t}, p)
			*u.Text = t.Text
			continue
		}
		q := p
		if u.Kind == "footnote" && p.Script == lang.Cyrillic {
			// Notes cite titles in their original language: their quotes
			// stay those of the original (English) titles.
			q = english
		}
		applyRun(textRuns(*u.Inlines), q)
		if u.Kind == "pullquote" {
			innerQuotes(textRuns(*u.Inlines), p)
		}
	}
}

// innerQuotes turns the outer quotation marks inside a pull quote into
// the inner ones: the renderers put the outer marks around it, and
// “…“…”…” must read “…‘…’…”.
func innerQuotes(ts []*doc.Text, p *lang.Profile) {
	q := p.Quotes
	if q[0] == "" || q[2] == "" || q[0] == q[2] {
		return
	}
	r := strings.NewReplacer(q[0], q[2], q[1], q[3])
	for _, t := range ts {
		t.Text = r.Replace(t.Text)
	}
}

// english is the profile notes use for quotation marks in Latin titles.
var english, _ = lang.Get("en")

// textRuns lists the text nodes of a unit in reading order, skipping link
// texts that are URLs and code.
func textRuns(ins []doc.Inline) []*doc.Text {
	var ts []*doc.Text
	var walk func([]doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				ts = append(ts, in)
			case *doc.Link:
				if doc.PlainText(in.Content) != in.URL && !looksLikeURL(doc.PlainText(in.Content)) {
					walk(in.Content)
				}
			default:
				if c, ok := doc.Children(in); ok {
					walk(c)
				}
			}
		}
	}
	walk(ins)
	return ts
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")
}

var (
	spacedHyphen = regexp.MustCompile(` - `)
	spacedDash   = regexp.MustCompile(` +— `)
	ruOneLetter  = regexp.MustCompile(`(^|[\s\x{00a0}(«„])([вВсСкКуУоОиИаАяЯ]) `)
	// A number and what follows it on one line (Cyrillic editions): a
	// group of three digits ("200 000"), a percent sign, a year or unit
	// abbreviation ("2017 г.", "2018 ж.", "5 млн").
	numberUnit = regexp.MustCompile(`(\d) (\d{3}\b|%|гг?\.|ж\.|жж\.|тыс\.|млн|млрд|трлн|км|кг|га|мың)`)
)

// applyRun processes the text nodes of one unit as one string, so a quote
// mark's context can come from a neighbouring node.
func applyRun(ts []*doc.Text, p *lang.Profile) {
	prev := ' '
	for _, t := range ts {
		s := t.Text
		s = strings.ReplaceAll(s, "...", "…")
		switch p.Script {
		case lang.Latin:
			s = spacedHyphen.ReplaceAllString(s, nbsp+"– ")
			s = quotes(s, &prev, p.Quotes)
		case lang.Cyrillic:
			s = spacedDash.ReplaceAllString(s, nbsp+"— ")
			s = quotes(s, &prev, p.Quotes)
			// Twice: "200 000 000" overlaps.
			s = numberUnit.ReplaceAllString(s, "$1"+nbsp+"$2")
			s = numberUnit.ReplaceAllString(s, "$1"+nbsp+"$2")
			if p.Code == "ru" {
				// Twice: "и в" needs both.
				s = ruOneLetter.ReplaceAllString(s, "$1$2"+nbsp)
				s = ruOneLetter.ReplaceAllString(s, "$1$2"+nbsp)
			}
		case lang.Han:
			// Chinese text arrives with full-width punctuation from the
			// catalogue; the typesetter adds the Han–Latin gap.
		}
		if s != "" {
			prev, _ = utf8.DecodeLastRuneInString(s)
		}
		t.Text = s
	}
}

// quotes turns straight quotes into the language's curly ones, choosing
// opening or closing by the character before.
func quotes(s string, prev *rune, q [4]string) string {
	if !strings.ContainsAny(s, `"'`) {
		return s
	}
	var b strings.Builder
	p := *prev
	depth := 0
	for _, r := range s {
		switch r {
		case '"':
			if opening(p) {
				if depth > 0 {
					b.WriteString(q[2])
				} else {
					b.WriteString(q[0])
				}
				depth++
			} else {
				if depth > 1 {
					b.WriteString(q[3])
				} else {
					b.WriteString(q[1])
				}
				if depth > 0 {
					depth--
				}
			}
		case '\'':
			if opening(p) {
				b.WriteString("‘")
			} else {
				b.WriteString("’") // apostrophe or closing single quote
			}
		default:
			b.WriteRune(r)
		}
		p = r
	}
	*prev = p
	return b.String()
}

func opening(prev rune) bool {
	return unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/\u00a0", prev)
}
