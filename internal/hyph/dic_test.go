package hyph

import (
	"os"
	"strings"
	"testing"
)

// A hyphen dictionary in ISO 8859-1 with a compound level: the standard
// level's patterns come out in UTF-8, options and the compound level not.
func TestReadDictionary(t *testing.T) {
	latin1 := "ISO8859-1\n% Header: origin\n% licence LGPL\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\nCOMPOUNDLEFTHYPHENMIN 2\nhaus1tür\nNOHYPHEN -\nNEXTLEVEL\n.ab3\n\xfc1b\n1ba/b=b,1,2\n"
	d, err := ReadDictionary([]byte(latin1), "x.dic")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(d.Patterns, " "); got != ".ab3 ü1b" {
		t.Errorf("patterns %q", got)
	}
	if d.LeftMin != 2 || d.RightMin != 3 || !strings.Contains(d.Header, "licence LGPL") {
		t.Errorf("%+v", d)
	}
	if _, err := ReadDictionary([]byte("KLINGON-1\nab1c\n"), "k.dic"); err == nil || !strings.Contains(err.Error(), "KLINGON-1") {
		t.Errorf("unknown charset: %v", err)
	}
	if _, err := ReadDictionary([]byte("UTF-8\n% only a comment\n"), "e.dic"); err == nil {
		t.Error("no patterns: want an error")
	}
}

// Debian's German dictionary (hyphen-de, in the Makefile's DEB_PACKAGES)
// read as Liang patterns divides German words where German does.
func TestDebianGermanDictionary(t *testing.T) {
	if testing.Short() {
		t.Skip("reads an installed Debian package")
	}
	data, err := os.ReadFile("/usr/share/hyphen/hyph_de_DE.dic")
	if err != nil {
		t.Fatalf("hyphen-de is not installed (make deps): %v", err)
	}
	d, err := ReadDictionary(data, "hyph_de_DE.dic")
	if err != nil {
		t.Fatal(err)
	}
	l := &Liang{patterns: map[string][]uint8{}, exceptions: map[string][]int{}, left: 2, right: 2, vowels: "aeiouyäöü"}
	for _, p := range d.Patterns {
		l.add(p)
	}
	for word, want := range map[string]string{
		"Zusammenarbeit":             "Zu-sam-men-ar-beit",
		"Verhandlungen":              "Ver-hand-lun-gen",
		"Überarbeitung":              "Über-ar-bei-tung",
		"Rechtsvorschrift":           "Rechts-vor-schrift",
		"Entwicklungszusammenarbeit": "Ent-wick-lungs-zu-sam-men-ar-beit",
		"Wettbewerbsfähigkeit":       "Wett-be-werbs-fä-hig-keit",
	} {
		if got := mark(word, l.Hyphenate(word)); got != want {
			t.Errorf("%s: %s, want %s", word, got, want)
		}
	}
}

func mark(word string, at []int) string {
	r := []rune(word)
	var b strings.Builder
	for i, c := range r {
		for _, p := range at {
			if p == i {
				b.WriteByte('-')
			}
		}
		b.WriteRune(c)
	}
	return b.String()
}

func TestSyllables(t *testing.T) {
	for _, c := range []struct{ word, in, want string }{
		{"zusammenarbeit", "zu-sam-me-n-a-r-beit", "zu-sam-men-ar-beit"},
		{"überarbeitung", "über-a-r-bei-tung", "über-ar-bei-tung"},
		{"strumpf", "s-trumpf", "strumpf"},
		{"haus", "ha-us", "ha-us"}, // two vowels: both parts keep one
	} {
		_, pos := splitHyphenated(c.in)
		if got := mark(c.word, syllables(c.word, pos, "aeiouyäöü")); got != c.want {
			t.Errorf("%s: %s, want %s", c.in, got, c.want)
		}
	}
}
