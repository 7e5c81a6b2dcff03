package hyph

import (
	"sort"
	"strings"
)

// Kazakh hyphenates by the Kazakh spelling rules (syllables V, VC, CV,
// CVC, VCC, CVCC):
//   - one vowel per syllable: а ә е ё и о ө у ұ ү ы і э ю я;
//   - у and и are vowels after a consonant (бу-ын, қи-ын) and consonants
//     between vowels (да-уыс), as й always is (да-йын-дық);
//   - one consonant between vowels goes to the next syllable (ба-ла), two
//     are split (ал-ма), of three or more only the last moves (айт-қан,
//     экст-ре-мизм);
//   - ь and ъ stay with the consonant before them, and ъ before a vowel
//     closes its syllable (объ-ект, Чунъ-ян);
//   - an initial consonant cluster is never split (стра-те-гия), and a
//     single letter is never left or carried (ана, ар-мия);
//   - an exceptions list wins (Қа-зақ-стан), also for the forms built on
//     a listed word: its division holds up to its last break and the
//     rules divide the rest (Қа-зақ-стан-да-ғы, Қа-зақ-ста-ны).
type Kazakh struct {
	exceptions map[string][]int
	stems      []string // exceptions with a break, longest first
}

// kazakhExceptions are words whose division the rules get wrong: compounds
// whose second part begins with two consonants (Қазақ+стан, Ұлы+Британия,
// кино+продюсер), which the rules would split, a loanword kept in its
// Russian division (ин-сти-тут), and names. Their inflected forms need no
// entries of their own (see Hyphenate).
var kazakhExceptions = []string{
	"қа-зақ-стан", "ауған-стан", "па-кі-стан", "ин-сти-тут",
	"ұлы-бри-та-ния", "ки-но-про-дю-сер",
	"лянь-юнь-ган", // Chinese syllables Lian-yun-gang; ь ends the first
}

// NewKazakh makes the Kazakh hyphenator.
func NewKazakh() *Kazakh {
	k := &Kazakh{exceptions: map[string][]int{}}
	for _, w := range kazakhExceptions {
		key, pos := splitHyphenated(w)
		k.exceptions[key] = pos
		if len(pos) > 0 {
			k.stems = append(k.stems, key)
		}
	}
	sort.Slice(k.stems, func(i, j int) bool { return len(k.stems[i]) > len(k.stems[j]) })
	return k
}

const kkVowels = "аәеёиоөуұүыіэюя"

func isKkVowelLetter(r rune) bool { return strings.ContainsRune(kkVowels, r) }

// Hyphenate returns the break positions of a Kazakh word.
func (k *Kazakh) Hyphenate(word string) []int {
	w := []rune(strings.ToLower(word))
	n := len(w)
	if n < 4 {
		return nil
	}
	if pos, ok := k.exceptions[string(w)]; ok {
		return pos
	}
	for _, r := range w {
		if !isKazakhLetter(r) {
			return nil // a foreign or mixed word: leave it whole
		}
	}
	// A form of a listed word: the listed division up to its last break,
	// then the rules from that syllable on (its first consonants stay
	// together, as at the start of a word).
	for _, stem := range k.stems {
		if len(stem) < len(string(w)) && strings.HasPrefix(string(w), stem) {
			pos := k.exceptions[stem]
			last := pos[len(pos)-1]
			out := append([]int(nil), pos...)
			for _, p := range syllabify(w[last:]) {
				out = append(out, last+p)
			}
			return out
		}
	}
	return syllabify(w)
}

// syllabify divides a lower-case Kazakh word by the rules.
func syllabify(w []rune) []int {
	n := len(w)
	if n < 4 {
		return nil
	}
	vowel := make([]bool, n)
	for i, r := range w {
		switch r {
		case 'у', 'и':
			prevVowel := i > 0 && vowel[i-1]
			nextVowel := i+1 < n && isKkVowelLetter(w[i+1]) && w[i+1] != 'у' && w[i+1] != 'и'
			switch {
			case i == 0:
				vowel[i] = !nextVowel
			case prevVowel:
				vowel[i] = false // a glide after a vowel: тау, ауыл
			default:
				vowel[i] = true // after a consonant: бу-ын, қи-ын
			}
		default:
			vowel[i] = isKkVowelLetter(r)
		}
	}
	var nuclei []int
	for i, v := range vowel {
		if v {
			nuclei = append(nuclei, i)
		}
	}
	if len(nuclei) < 2 {
		return nil // one syllable stays whole
	}
	var pos []int
	for j := 1; j < len(nuclei); j++ {
		p, q := nuclei[j-1], nuclei[j]
		// Consonants between the vowels; ь and ъ belong to the left.
		var cons []int
		for i := p + 1; i < q; i++ {
			if w[i] != 'ь' && w[i] != 'ъ' {
				cons = append(cons, i)
			}
		}
		var b int
		switch {
		case w[q-1] == 'ъ':
			b = q // объ-ект, Чунъ-ян
		case len(cons) == 0:
			b = q
		case len(cons) == 1:
			b = cons[0]
		default:
			b = cons[len(cons)-1] // two: split; three or more: the last moves
		}
		// ь or ъ right before the break stays left.
		for b < q && (w[b] == 'ь' || w[b] == 'ъ') {
			b++
		}
		if b >= 2 && n-b >= 2 {
			pos = append(pos, b)
		}
	}
	return pos
}

func isKazakhLetter(r rune) bool {
	return (r >= 'а' && r <= 'я') || strings.ContainsRune("ёәғқңөұүһі", r)
}
