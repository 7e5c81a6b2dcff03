package html

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean drops what HTML cannot carry: invalid UTF-8 becomes U+FFFD, C0
// controls other than tab and newline and the non-characters go.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// esc is s cleaned and escaped for text or a double-quoted attribute.
func esc(s string) string { return escaper.Replace(clean(s)) }

// Esc is esc for press serve's pages.
func Esc(s string) string { return esc(s) }

func oneLine(s string) string {
	s = clean(s)
	s = strings.NewReplacer("\n", " ", "\t", " ").Replace(s)
	return strings.TrimSpace(s)
}

// joinLabel is what goes between a label and its text: sep, or a space
// unless the label ends in a space or full-width punctuation.
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

// xmlID is s as an id: letters, digits, "-", "_" and "." kept.
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

func classToken(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var strayPercent = regexp.MustCompile(`%([^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|[0-9A-Fa-f]?$)`)

// linkTarget is the href of a link, or false to keep it as text: only web
// and mail addresses are linked, never a script or a relative address.
func linkTarget(raw string) (string, bool) {
	raw = strings.TrimSpace(clean(raw))
	if strings.HasPrefix(strings.ToLower(raw), "www.") {
		raw = "http://" + raw
	}
	u, err := url.Parse(strayPercent.ReplaceAllString(raw, "%25$1"))
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" || u.User != nil {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	return u.String(), true
}

func isLatinLang(tag string) bool {
	switch strings.SplitN(strings.ToLower(tag), "-", 2)[0] {
	case "ru", "kk", "uk", "be", "bg", "sr", "mk", "ky", "tg", "mn", "zh", "ja", "ko", "el", "ar", "he", "fa", "hi", "th", "ka", "hy":
		return false
	}
	return true
}

type run struct {
	text  string
	latin bool
}

// splitLatin cuts s into runs of words in Latin letters (with the spaces
// and punctuation between such words) and the rest.
func splitLatin(s string) []run {
	var out []run
	rs := []rune(s)
	isL := func(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }
	neutral := func(r rune) bool { return !unicode.IsLetter(r) }
	start := 0
	for i := 0; i < len(rs); {
		if !isL(rs[i]) {
			i++
			continue
		}
		// a Latin run: letters, and neutrals followed by more Latin letters
		j := i
		end := i
		for j < len(rs) && (isL(rs[j]) || neutral(rs[j])) {
			if isL(rs[j]) {
				end = j + 1
			}
			j++
		}
		if start < i {
			out = append(out, run{string(rs[start:i]), false})
		}
		out = append(out, run{string(rs[i:end]), true})
		start, i = end, end
	}
	if start < len(rs) {
		out = append(out, run{string(rs[start:]), false})
	}
	return out
}
