package hyph

import (
	"os"
	"strings"
	"testing"
	"unicode"
)

// show writes a word with its breaks, e.g. "hy-phen-ation".
func show(h Hyphenator, w string) string {
	rs := []rune(w)
	var b strings.Builder
	pos := h.Hyphenate(w)
	k := 0
	for i, r := range rs {
		if k < len(pos) && pos[k] == i {
			b.WriteByte('-')
			k++
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestEnglish(t *testing.T) {
	h, err := For("en", 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		// The patterns' own exceptions, then words of this paper.
		"uni-ver-sity", "how-ever",
		"in-vest-ment", "Kaz-akh-stan", "dip-lomacy", "in-fra-struc-ture", "ex-pect-a-tions",
		"co-oper-a-tion", "ter-ror-ism", "eco-nomic", "en-vir-on-mental", "gov-ern-ment",
		"in-ter-na-tional", "re-search", "sig-ni-fic-ant", "ag-ri-cul-ture", "de-vel-op-ment",
		"re-la-tions", "pro-mo-tion", "edu-ca-tion", "pop-u-la-tion", "in-flu-ence",
		"trans-par-ency", "sino-pho-bia", "Confu-cius", "schol-ar-ships", "con-sid-er-ably",
		"per-cep-tions", "op-por-tun-it-ies", "Xin-jiang", "de-pend-able", "un-der-cur-rents",
	} {
		if got := show(h, strings.ReplaceAll(want, "-", "")); got != want {
			t.Errorf("%s: got %s", want, got)
		}
	}
}

func TestEnglishMinimums(t *testing.T) {
	h, _ := For("en", 2, 3)
	for _, w := range []string{"investment", "relations", "government", "agriculture"} {
		for _, p := range h.Hyphenate(w) {
			if p < 2 || len([]rune(w))-p < 3 {
				t.Errorf("%s: break at %d violates en 2/3", w, p)
			}
		}
	}
}

func TestRussian(t *testing.T) {
	h, err := For("ru", 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"биз-нес-мен", // exceptions file
		"ин-ве-сти-ции", "Ка-зах-стан", "со-труд-ни-че-ство", "го-су-дар-ство",
		"пра-ви-тель-ство", "меж-ду-на-род-ный", "эко-но-ми-че-ский", "по-ли-ти-ка",
		"ини-ци-а-ти-ва", "ки-тай-ских", "пред-при-я-тий", "об-ра-зо-ва-ния",
		"ин-фра-струк-ту-ры", "вос-при-я-тия", "си-но-фо-бия", "уй-гу-ров", "Синь-цзян",
		"ожи-да-ния", "от-но-ше-ния",
	} {
		got := show(h, strings.ReplaceAll(want, "-", ""))
		if got != want {
			t.Errorf("%s: got %s", want, got)
		}
		for _, p := range h.Hyphenate(strings.ReplaceAll(want, "-", "")) {
			if p < 2 || len([]rune(strings.ReplaceAll(want, "-", "")))-p < 2 {
				t.Errorf("%s: break at %d violates ru 2/2", want, p)
			}
		}
	}
	if got := show(h, "государство"); got != "го-су-дар-ство" {
		t.Errorf("государство: %s", got)
	}
}

func TestKazakh(t *testing.T) {
	h, _ := For("kk", 2, 2)
	for _, want := range []string{
		// The rules, one example each.
		"ба-ла", "ал-ма", "айт-қан", "да-уыс", "да-йын-дық", "бу-ын", "қи-ын",
		"ана", "ауа", "ар-мия", "стра-те-гия", "Қа-зақ-стан", "тау", "жыл",
		"объ-ект", "съез-дің", "Чунъ-ян", "Қа-зақ-ста-ны", "Қа-зақ-стан-дық-тар",
		// Words of the Kazakh edition.
		"ын-ты-мақ-тас-тық", "эко-но-ми-ка-лық", "мем-ле-кет-тер", "Шың-жаң", "қа-зақ-тар",
		"уни-вер-си-тет-те-рі", "бас-та-ма-сы", "жо-ба-лар", "ин-вес-ти-ци-я-лар",
	} {
		if got := show(h, strings.ReplaceAll(want, "-", "")); got != want {
			t.Errorf("%s: got %s", want, got)
		}
	}
}

// BenchmarkLiang hyphenates the words of the English and Russian
// catalogues with fresh hyphenators (no memo), as one build does.
func BenchmarkLiang(b *testing.B) {
	for _, c := range []struct{ lang, file string }{{"en", "../../locales/en/document.toml"}, {"ru", "../../locales/ru/document.toml"}} {
		data, err := os.ReadFile(c.file)
		if err != nil {
			b.Fatal(err)
		}
		words := strings.FieldsFunc(string(data), func(r rune) bool { return !unicode.IsLetter(r) })
		name := "hyph-en-gb"
		if c.lang == "ru" {
			name = "hyph-ru"
		}
		l, err := loadLiang(name, "", 2, 2)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.lang, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, w := range words {
					l.hyphenate(w)
				}
			}
		})
	}
	b.Run("load", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := loadLiang("hyph-en-gb", "", 2, 3); err != nil {
				b.Fatal(err)
			}
		}
	})
}
