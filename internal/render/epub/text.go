package epub

import (
	"strings"
	"unicode/utf8"
)

// clean makes s safe to put into XML without changing any character that
// XML can carry: invalid UTF-8 becomes U+FFFD, and the C0 controls other
// than tab and newline, which XML 1.0 forbids (carriage return is folded by
// parsers, so it goes too), and the non-characters U+FFFE and U+FFFF are
// dropped. Typography (curly quotes, no-break spaces) is left alone.
func clean(s string) string {
	ok := utf8.ValidString(s)
	if ok {
		for _, r := range s {
			if bad(r) {
				ok = false
				break
			}
		}
	}
	if ok {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if bad(r) {
			return -1
		}
		return r
	}, s)
}

func bad(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF
}

// escaper escapes text for element content and double-quoted attribute
// values. ">" is always escaped so that "]]>" can never appear.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// esc returns s cleaned and escaped for XML text or attribute values.
func esc(s string) string { return escaper.Replace(clean(s)) }

// oneLine is s for a title, a navigation label or metadata: cleaned, line
// breaks and tabs as spaces, trimmed.
func oneLine(s string) string {
	s = clean(s)
	s = strings.NewReplacer("\n", " ", "\t", " ").Replace(s)
	return strings.TrimSpace(s)
}

// joinLabel joins a label ("Chapter 1", "Source:") to what follows it with
// sep, or with a space when sep is empty; nothing is added after a label
// that already ends in a space or in full-width punctuation (Chinese
// "来源：").
func joinLabel(label, sep string) string {
	if sep != "" {
		return sep
	}
	r, _ := utf8.DecodeLastRuneInString(label)
	if r == ' ' || r == '\u00a0' || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) {
		return ""
	}
	return " "
}

// xmlID turns s into an XML name usable as an id: letters, digits, "-", "_"
// and "." are kept, anything else becomes "-", and a leading character that
// cannot start a name gets an "x-" prefix.
func xmlID(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	id := b.String()
	if id == "" || !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z' || id[0] == '_') {
		id = "x-" + id
	}
	return id
}

// classToken is s as a CSS class name: lower-case ASCII letters, digits and
// hyphens.
func classToken(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
