package hyph

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// wordListLangs are the languages with a hand-checked word list in
// testdata/<lang>.txt, with the minimums the editions use and the fewest
// words the list must hold (Kazakh, hyphenated by press's own rules rather
// than a pattern set, is tested on more: at least 200).
var wordListLangs = []struct {
	lang        string
	left, right int
	words       int
}{
	{"en", 2, 3, 100},
	{"ru", 2, 2, 100},
	{"kk", 2, 2, 200},
}

// TestWordLists reads testdata/<lang>.txt: words of the paper (at least
// as many as wordListLangs asks, six letters or more, names among them),
// one a line, with the breaks the hyphenator offers marked by hyphens,
// each checked by hand against the language's rules (a break the rules
// allow may be missing; a wrong one may not). The output must match the
// file exactly, so any change in it comes back here to be checked again.
func TestWordLists(t *testing.T) {
	for _, tc := range wordListLangs {
		t.Run(tc.lang, func(t *testing.T) {
			h, err := For(tc.lang, tc.left, tc.right)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open("testdata/" + tc.lang + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			seen := map[string]bool{}
			sc := bufio.NewScanner(f)
			for line := 1; sc.Scan(); line++ {
				want := strings.TrimSpace(sc.Text())
				if want == "" || strings.HasPrefix(want, "#") {
					continue
				}
				word := strings.ReplaceAll(want, "-", "")
				if n := utf8.RuneCountInString(strings.ReplaceAll(word, "'", "")); n < 6 {
					t.Errorf("line %d: %s has %d letters, want 6 or more", line, want, n)
				}
				if seen[strings.ToLower(word)] {
					t.Errorf("line %d: %s twice", line, word)
				}
				seen[strings.ToLower(word)] = true
				if got := show(h, word); got != want {
					t.Errorf("line %d: %s: got %s", line, want, got)
				}
			}
			if err := sc.Err(); err != nil {
				t.Fatal(err)
			}
			if len(seen) < tc.words {
				t.Errorf("%d words, want at least %d", len(seen), tc.words)
			}
		})
	}
}

// TestPatternExceptions: the words of the vendored hyph-utf8 exception
// files (patterns/*.hyp.txt) come out as listed there.
func TestPatternExceptions(t *testing.T) {
	for _, tc := range []struct {
		lang, file  string
		left, right int
	}{
		{"en", "hyph-en-gb", 2, 3},
		{"ru", "hyph-ru", 2, 2},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			h, err := For(tc.lang, tc.left, tc.right)
			if err != nil {
				t.Fatal(err)
			}
			b, err := files.ReadFile("patterns/" + tc.file + ".hyp.txt")
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, line := range strings.Split(string(b), "\n") {
				line, _, _ = strings.Cut(line, "%")
				for _, want := range strings.Fields(line) {
					n++
					if got := show(h, strings.ReplaceAll(want, "-", "")); got != want {
						t.Errorf("%s: got %s", want, got)
					}
				}
			}
			t.Logf("%d words", n)
			if n == 0 {
				t.Errorf("no words in %s.hyp.txt", tc.file)
			}
		})
	}
}
