package catalog

import (
	"strings"

	"github.com/press/press/internal/doc"
)

// The pseudo-locale en-XA: English with accented letters, about 35 %
// longer and bracketed, so that layout which breaks with longer text or
// text that escaped translation shows at a glance.
var accents = map[rune]rune{
	'a': 'á', 'e': 'é', 'i': 'í', 'o': 'ó', 'u': 'ú', 'c': 'ç', 'n': 'ñ', 'y': 'ý', 's': 'š', 'z': 'ž',
	'A': 'Á', 'E': 'É', 'I': 'Í', 'O': 'Ó', 'U': 'Ú', 'C': 'Ç', 'N': 'Ñ', 'Y': 'Ý', 'S': 'Š', 'Z': 'Ž',
}

func pseudo(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	b.WriteString("[")
	inTemplate := false
	for i, r := range s {
		if strings.HasPrefix(s[i:], "{{") {
			inTemplate = true
		}
		if a, ok := accents[r]; ok && !inTemplate {
			b.WriteRune(a)
		} else {
			b.WriteRune(r)
		}
		if strings.HasPrefix(s[:i+len(string(r))], "}}") || (inTemplate && strings.HasSuffix(s[:i+len(string(r))], "}}")) {
			inTemplate = false
		}
	}
	// Pad by about 35 % with a filler that hyphenates and breaks like words.
	extra := (len([]rune(s))*35/100 + 4) / 5
	for i := 0; i < extra; i++ {
		b.WriteString(" ~~~~")
	}
	b.WriteString("]")
	return b.String()
}

func pseudoUnits(d *doc.Document) {
	for _, u := range doc.Units(d) {
		if u.Text != nil {
			*u.Text = pseudo(*u.Text)
			continue
		}
		pseudoInlines(*u.Inlines)
		// Brackets around the whole unit.
		*u.Inlines = append([]doc.Inline{&doc.Text{Text: "["}}, append(*u.Inlines, &doc.Text{Text: "]"})...)
	}
}

func pseudoInlines(ins []doc.Inline) {
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			t := strings.TrimSuffix(strings.TrimPrefix(pseudo(in.Text), "["), "]")
			in.Text = t
		case *doc.Link:
			// URLs stay as they are: they must keep working.
		default:
			if c, ok := doc.Children(in); ok {
				pseudoInlines(c)
			}
		}
	}
}
