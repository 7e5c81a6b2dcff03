package hyph

import "strings"

// syllables drops the breaks that would leave a part with no vowel: a
// part that has none joins the part before it (Zu-sam-me-n-a-r-beit
// becomes Zu-sam-men-ar-beit). Pattern sets made for the hyphen library's
// two-level scheme (Debian's German) assume their compound level and
// propose such breaks on their own.
func syllables(word string, pos []int, vowels string) []int {
	r := []rune(word)
	has := func(from, to int) bool { return strings.ContainsAny(string(r[from:to]), vowels) }
	var out []int
	start := 0
	for i, p := range pos {
		next := len(r)
		if i+1 < len(pos) {
			next = pos[i+1]
		}
		if !has(start, p) {
			continue // the part before p has no vowel: it joins the next one
		}
		if !has(p, next) && next != len(r) {
			continue // the part after p has none: it joins this one
		}
		if !has(p, len(r)) {
			continue
		}
		out = append(out, p)
		start = p
	}
	return out
}
