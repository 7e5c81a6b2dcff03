package catalog

import (
	"strings"
	"unicode"
)

// FuzzyThreshold is the similarity from which an old translation is
// offered, stale, as the starting point for changed English (gettext's
// msgmerge uses 0.6 on characters; words and word pairs score lower for the
// same edit, and a paragraph split in two must still find its halves).
const FuzzyThreshold = 0.5

// Similarity scores two English texts from 0 (nothing shared) to 1
// (the same words in the same order). Long texts are compared by their
// words and pairs of adjacent words (Dice's coefficient over multisets),
// which one changed word hardly moves and unrelated paragraphs of the same
// essay rarely pass; short ones (headings, credits) by their characters.
func Similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	wa, wb := words(a), words(b)
	if len(wa) < 8 || len(wb) < 8 {
		return charSimilarity(strings.Join(wa, " "), strings.Join(wb, " "))
	}
	fa, fb := features(wa), features(wb)
	na, nb := 0, 0
	for _, n := range fa {
		na += n
	}
	for _, n := range fb {
		nb += n
	}
	shared := 0
	for k, n := range fa {
		shared += min(n, fb[k])
	}
	return 2 * float64(shared) / float64(na+nb)
}

// words are the lower-case runs of letters and digits; placeholders count
// as words ("1", "n").
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func features(ws []string) map[string]int {
	f := make(map[string]int, 2*len(ws))
	for i, w := range ws {
		f[w]++
		if i > 0 {
			f[ws[i-1]+" "+w]++
		}
	}
	return f
}

// charSimilarity is 1 minus the edit distance over the longer length.
func charSimilarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 && len(rb) == 0 {
		return 1
	}
	longer := max(len(ra), len(rb))
	// Far apart in length is far apart in text: skip the quadratic work.
	if float64(min(len(ra), len(rb))) < FuzzyThreshold*float64(longer) {
		return float64(min(len(ra), len(rb))) / float64(longer)
	}
	return 1 - float64(EditDistance(ra, rb))/float64(longer)
}

// EditDistance is the Levenshtein distance between two rune strings: the
// fewest insertions, deletions and substitutions that turn a into b.
func EditDistance(ra, rb []rune) int {
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
