// Package hyph finds where words may be hyphenated: Liang's algorithm over
// the hyph-utf8 patterns for English (British) and Russian, and a
// rule-based syllabifier for Kazakh, for which no pattern set exists.
package hyph

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/press/press/internal/lang"
)

//go:embed patterns/*.txt
var files embed.FS

// Hyphenator gives the positions (in runes, 0 < p < len) where a word may
// break.
type Hyphenator interface {
	Hyphenate(word string) []int
}

// Liang is a pattern-based hyphenator.
type Liang struct {
	// patterns holds every pattern's letters and also every prefix of
	// them (with nil values), so that a scan stops as soon as no pattern
	// can start with the letters read so far.
	patterns   map[string][]uint8
	maxLen     int
	exceptions map[string][]int
	vowels     string   // when set, each part between breaks must hold one (syllables)
	left       int      // shortest part before a break
	right      int      // shortest part after a break
	memo       sync.Map // word → []int: a text repeats its words
}

var (
	mu    sync.Mutex
	cache = map[string]Hyphenator{}
)

// For returns the hyphenator of a language code, or nil where press has
// none (Chinese needs none): what the language's profile names (its
// language.toml), patterns or rules.
func For(code string, left, right int) (Hyphenator, error) {
	p, err := lang.Get(code)
	if err != nil {
		return nil, nil // an unknown language is not hyphenated
	}
	key := fmt.Sprintf("%s/%d/%d/%s/%s/%s", code, left, right, p.Dir, p.HyphenationPatterns, p.HyphenationRules)
	mu.Lock()
	defer mu.Unlock()
	if h, ok := cache[key]; ok {
		return h, nil
	}
	var h Hyphenator
	switch {
	case p.HyphenationRules == "kazakh":
		h = NewKazakh()
	case p.HyphenationPatterns != "":
		l, err := loadLiang(p.HyphenationPatterns, p.Dir, left, right)
		if err != nil {
			return nil, err
		}
		l.addExceptions(editionExceptions[code])
		l.addExceptions(p.HyphenationExceptions)
		l.vowels = p.HyphenationVowels
		h = l
	}
	cache[key] = h
	return h, nil
}

// editionExceptions are press's own lists for this repository's text.
var editionExceptions = map[string][]string{"en": englishNames, "en-XA": englishNames, "ru": russianNames}

// loadLiang reads the pattern set name: built in (patterns/NAME.pat.txt),
// or NAME.pat.txt in dir, the language's folder (with NAME.hyp.txt, its
// exceptions, when there is one).
func loadLiang(name, dir string, left, right int) (*Liang, error) {
	read := func(file string) ([]byte, error) { return files.ReadFile("patterns/" + file) }
	if _, err := files.Open("patterns/" + name + ".pat.txt"); err != nil {
		if dir == "" {
			return nil, fmt.Errorf("hyphenation patterns %q: not built into press (known: hyph-en-gb, hyph-ru)", name)
		}
		read = func(file string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, file)) }
	}
	pat, err := read(name + ".pat.txt")
	if err != nil {
		return nil, fmt.Errorf("hyphenation patterns %q: %w", name, err)
	}
	text := string(pat)
	// A pattern and its prefixes: about three keys a pattern.
	l := &Liang{patterns: make(map[string][]uint8, strings.Count(text, "\n")*3), exceptions: map[string][]int{}, left: left, right: right}
	for line := range strings.Lines(text) {
		for p := range strings.FieldsSeq(line) {
			if strings.HasPrefix(p, "%") {
				break
			}
			l.add(p)
		}
	}
	if hyp, err := read(name + ".hyp.txt"); err == nil {
		for _, w := range strings.Fields(string(hyp)) {
			if strings.HasPrefix(w, "%") {
				continue
			}
			word, pos := splitHyphenated(w)
			l.exceptions[word] = pos
		}
	}
	return l, nil
}

// Words of this kind of text that the patterns divide badly: proper names
// first, then common words (each hand-checked against the paper's word
// lists in testdata/). They are press's own lists; the vendored hyph-utf8
// files stay unmodified. A word with no hyphen is never divided.
var (
	englishNames = []string{"Kaz-akh-stan", "Kaz-akh-stan's", "Kaz-akhs", "Kaz-akh", "Xin-jiang", "Naz-ar-bayev",
		"Bo-la-shak", "Khor-gos", "Uy-ghurs", "Uy-ghur", "Uy-gur", "Bei-jing", "Confu-cius", "Mas-si-mov",
		// Names and transliterations: the patterns split kh and ts, and
		// break against the syllables of Pinyin, Greek and Russian names
		// (Kaza-kh-stani, mi-grat-siya, Chongy-ang, Dav-arinou, Ozhid-an-iya).
		"Kaz-akh-stani", "Xin-jiang's", "Chi-na's", "Eur-asian", "Eur-asia-net", "Reu-ters", "Po-ly-xeni",
		"Da-va-ri-nou", "Ab-du-ra-su-lov", "To-leu-kha-nova", "Alik-be-rova", "Mam-rayymov", "Saouach",
		"Tengri-news", "Tengri-newz", "Chong-yang", "Xiao-ning", "Hu-ning", "Lian-yun-gang", "Mos-cow",
		"Forbes", "Ozhi-da-niya", "mi-gra-tsiya",
		"Polish", // Po-lish (the nation) or pol-ish (to shine): leave it whole
		// Common words: a single letter (po-s-i-tion, re-l-at-ively) or a
		// break against the syllables (des-pite, bey-ond, res-ult).
		"po-si-tion", "rel-a-tively", "de-spite", "be-yond", "rea-sons", "bene-fit", "bene-fits",
		"crit-i-cism", "crit-i-cized", "epit-ome", "re-sult", "re-sult-ing", "re-sist-ance", "re-sist-ant",
		"rep-re-sent", "rep-re-sent-a-tives", "im-mi-gra-tion", "be-nev-ol-ent", "land-own-ers", "me-dia's"}
	russianNames = []string{"Синь-цзян", "Синь-цзя-на", "Синь-цзя-не", "Синь-цзя-ну", "Синь-цзя-нем",
		"Синь-цзя-ном", "Ка-зах-стан", "Ка-зах-ста-на", "Ка-зах-ста-не", "Ка-зах-ста-ну", "Ка-зах-ста-ном",
		// Chinese names: нь and цз end or begin a syllable whole
		// (Ци-н-хуа, Чу-нь-цю, ха-нь-цев, Синьц-зя-ном).
		"Цин-хуа", "Чунь-цю", "Лянь-юнь-ган", "хань-цы", "хань-цев", "хань-цам", "хань-ца-ми", "хань-цах",
		// Compounds the patterns divide inside a part.
		"пост-ди-плом-ные", "биз-нес-ме-ны", "биз-нес-ме-нов", "биз-нес-ме-нам", "биз-нес-ме-на-ми"}
)

func (l *Liang) addExceptions(words []string) {
	for _, w := range words {
		word, pos := splitHyphenated(w)
		l.exceptions[strings.ToLower(word)] = pos
	}
}

// splitHyphenated reads a word written with its breaks ("ба-ла"): the word
// and the break positions in runes.
func splitHyphenated(w string) (string, []int) {
	var pos []int
	n := 0
	for _, r := range w {
		if r == '-' {
			pos = append(pos, n)
		} else {
			n++
		}
	}
	return strings.ReplaceAll(w, "-", ""), pos
}

// add stores a pattern such as ".ab4i": letters and the values between them.
func (l *Liang) add(p string) {
	letters := make([]byte, 0, len(p))
	vals := make([]uint8, 1, len(p)+1)
	runes := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c >= '0' && c <= '9' {
			vals[len(vals)-1] = c - '0'
			continue
		}
		letters = append(letters, c)
		if utf8.RuneStart(c) {
			runes++
			vals = append(vals, 0)
		}
	}
	key := string(letters)
	for i := range key {
		if _, ok := l.patterns[key[:i]]; i > 0 && !ok {
			l.patterns[key[:i]] = nil
		}
	}
	if old := l.patterns[key]; old != nil {
		// The same letters twice: keep the higher value at each place.
		for i := range old {
			vals[i] = max(vals[i], old[i])
		}
	}
	l.patterns[key] = vals
	l.maxLen = max(l.maxLen, runes)
}

// Hyphenate returns the break positions of word.
func (l *Liang) Hyphenate(word string) []int {
	if v, ok := l.memo.Load(word); ok {
		return v.([]int)
	}
	pos := l.hyphenate(word)
	l.memo.Store(word, pos)
	return pos
}

func (l *Liang) hyphenate(word string) []int {
	lower := strings.ToLower(word)
	n := utf8.RuneCountInString(lower)
	if n < l.left+l.right {
		return nil
	}
	if pos, ok := l.exceptions[lower]; ok {
		return l.trim(pos, n)
	}
	// Substrings of w are looked up by byte offsets: no allocation.
	w := "." + lower + "."
	at := make([]int, 0, n+3) // byte offset of each rune, and the end
	for i := range w {
		at = append(at, i)
	}
	at = append(at, len(w))
	runes := len(at) - 1
	points := make([]uint8, runes+1)
	for i := 0; i < runes; i++ {
		for j := i + 1; j <= runes && j-i <= l.maxLen; j++ {
			vals, ok := l.patterns[w[at[i]:at[j]]]
			if !ok {
				break // no pattern starts with these letters
			}
			for k, v := range vals {
				if v > points[i+k] {
					points[i+k] = v
				}
			}
		}
	}
	var pos []int
	// points[i+1] sits between w[i] and w[i+1], i.e. before lower[i].
	for i := 1; i < n; i++ {
		if points[i+1]%2 == 1 {
			pos = append(pos, i)
		}
	}
	if l.vowels != "" {
		pos = syllables(lower, pos, l.vowels)
	}
	return l.trim(pos, n)
}

func (l *Liang) trim(pos []int, n int) []int {
	var out []int
	for _, p := range pos {
		if p >= l.left && n-p >= l.right {
			out = append(out, p)
		}
	}
	return out
}

// Word is a helper for callers: may this token be hyphenated at all? Only
// words of letters (no digits, no abbreviations in capitals).
func Word(s string) bool {
	upper, letters := 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return letters > 0 && upper < 2
}
