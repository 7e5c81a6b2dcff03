// Package verify reads built files back (PDF text, EPUB XHTML, DOCX XML)
// and checks them against the translated model: every unit present and
// unaltered, every footnote present and cited once, headings in order.
package verify

import (
	"regexp"
	"strconv"
	"strings"
)

var tokenRe = regexp.MustCompile(`\p{Han}|[\p{Latin}\p{Cyrillic}\p{Greek}\p{N}]+`)

// Tokens is text as a word sequence (Han characters one by one), so that
// layout (spacing, line ends, hyphenation) does not count.
func Tokens(s string) []string {
	s = strings.NewReplacer("\u00ad", "", "-\n", "-").Replace(s)
	return tokenRe.FindAllString(strings.ToLower(s), -1)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// same compares a token of the file with one of the unit: a note mark
// glued to a word ("4,000⁹" reads "0009") still matches.
func same(file, unit string) bool {
	return file == unit || (strings.HasPrefix(file, unit) && isDigits(file[len(unit):]))
}

func anchored(text, unit []string) bool {
	n := min(4, len(unit))
	if len(text) < n {
		return false
	}
	for i := 0; i < n; i++ {
		if !same(text[i], unit[i]) {
			return false
		}
	}
	return true
}

// Find looks for unit's tokens in text, in order, starting at from. The
// text may interleave note marks (numbers) and, at a page break, that
// page's notes, folio and running head (gaps of at most maxGap tokens,
// at most maxGaps per unit). It returns where the unit starts and ends in
// text, and how many of its tokens matched at best (len(unit) when found).
func Find(text, unit []string, from int) (start, end, matched int) {
	return FindGaps(text, unit, from, 3)
}

// FindGaps is Find with up to maxGaps gaps: a table cell read back from a
// PDF may be interleaved, line by line, with its neighbours' text.
func FindGaps(text, unit []string, from, maxGaps int) (start, end, matched int) {
	const maxGap = 900
	if len(unit) == 0 {
		return from, from, 0
	}
	best := 0
	for s := from; s < len(text); s++ {
		if !same(text[s], unit[0]) {
			continue
		}
		i, j, gaps := s+1, 1, 0
		for j < len(unit) && i < len(text) {
			switch {
			case j+1 < len(unit) && text[i] == unit[j]+unit[j+1]:
				// pdftotext joins "People-" at a line end with "to-people".
				i++
				j += 2
				continue
			case same(text[i], unit[j]):
				i++
				j++
				continue
			case i+1 < len(text) && len(text[i]) < len(unit[j]) && text[i]+text[i+1] == unit[j]:
				// A word cut at the margin (a long address or code span):
				// its two parts.
				i += 2
				j++
				continue
			}
			if _, err := strconv.Atoi(text[i]); err == nil {
				i++ // a note mark
				continue
			}
			// A word hyphenated across a page break: its first part, maybe
			// glued to the first note's number, then the page's notes,
			// folio and running head, then the rest of the word.
			if head := strings.TrimRight(text[i], "0123456789"); head != "" && head != unit[j] && strings.HasPrefix(unit[j], head) && gaps < maxGaps {
				tail := unit[j][len(head):]
				k := i + 1
				for k < len(text) && k-i < maxGap && !(text[k] == tail && anchored(text[k+1:], unit[j+1:])) {
					k++
				}
				if k < len(text) && k-i < maxGap {
					gaps++
					i = k + 1
					j++
					continue
				}
			}
			if gaps == maxGaps {
				break
			}
			k := i
			for k < len(text) && k-i < maxGap && !anchored(text[k:], unit[j:]) {
				k++
			}
			if k == len(text) || k-i >= maxGap {
				break
			}
			gaps++
			i = k
		}
		if j == len(unit) {
			return s, i, j
		}
		best = max(best, j)
	}
	return -1, -1, best
}
