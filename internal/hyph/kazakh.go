package hyph

import "strings"

// Kazakh hyphenates by the Kazakh spelling rules (syllables V, VC, CV,
// CVC, VCC, CVCC):
//   - one vowel per syllable: а ә е ё и о ө у ұ ү ы і э ю я;
//   - у and и are vowels after a consonant (бу-ын, қи-ын) and consonants
//     between vowels (да-уыс), as й always is (да-йын-дық);
//   - one consonant between vowels goes to the next syllable (ба-ла), two
//     are split (ал-ма), of three only the last moves (айт-қан);
//   - ь and ъ stay with the consonant before them;
//   - an initial consonant cluster is never split (стра-те-гия), and a
//     single letter is never left or carried (ана, ар-мия);
//   - an exceptions list wins (Қа-зақ-стан).
type Kazakh struct {
	exceptions map[string][]int
}

// kazakhExceptions are words whose division the rules get wrong.
var kazakhExceptions = []string{
	"қа-зақ-стан", "қа-зақ-стан-ның", "қа-зақ-стан-ға", "қа-зақ-стан-да", "қа-зақ-стан-нан", "қа-зақ-стан-ды",
	"қа-зақ-стан-дық", "қа-зақ-стан-дық-тар", "ауған-стан", "па-кі-стан", "ин-сти-тут", "ин-сти-тут-тар",
}

// NewKazakh makes the Kazakh hyphenator.
func NewKazakh() *Kazakh {
	k := &Kazakh{exceptions: map[string][]int{}}
	for _, w := range kazakhExceptions {
		var pos []int
		n := 0
		for _, r := range w {
			if r == '-' {
				pos = append(pos, n)
			} else {
				n++
			}
		}
		k.exceptions[strings.ReplaceAll(w, "-", "")] = pos
	}
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
		switch len(cons) {
		case 0:
			b = q
		case 1:
			b = cons[0]
		default:
			b = cons[len(cons)-1]
			if len(cons) == 2 {
				b = cons[1]
			}
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
