// Package lang holds what press knows about each edition language: its
// tags, script, quotation marks, label punctuation, numerals, number
// format, hyphenation and fonts. A language is data, not code: its profile
// is locales/<code>/language.toml, read at run time (see profile.go). The
// profiles of en, kk, ru and zh are built into press; a project's own
// locales/<code>/language.toml overrides them or adds a language.
package lang

import (
	"fmt"
	"sort"
	"strconv"
	"sync"
)

// Script is the writing system of a language's running text.
type Script int

// The scripts press sets.
const (
	Latin Script = iota
	Cyrillic
	Han
)

var scriptNames = map[Script]string{Latin: "Latin", Cyrillic: "Cyrillic", Han: "Han"}

func (s Script) String() string { return scriptNames[s] }

// ParseScript reads a script by its English name or ISO 15924 code
// (Latn, Cyrl, Hans, Hant, Hani).
func ParseScript(name string) (Script, error) {
	switch name {
	case "Latin", "Latn":
		return Latin, nil
	case "Cyrillic", "Cyrl":
		return Cyrillic, nil
	case "Han", "Hans", "Hant", "Hani":
		return Han, nil
	}
	return 0, fmt.Errorf("script %q: press sets Latin, Cyrillic and Han text", name)
}

// Profile describes one edition language. Field names say what they hold:
// the typesetting packages read them and nothing else about a language.
type Profile struct {
	Code        string // locale folder name and --lang value: "en", "ru", "kk", "zh"
	Tag         string // BCP 47 tag for documents: "en", "ru", "kk", "zh-Hans"
	WordTag     string // OOXML w:lang value: "en-GB", "ru-RU", "kk-KZ", "zh-CN"
	Name        string // the language's own name
	EnglishName string // its name in English
	Script      Script
	Quotes      [4]string // outer open, outer close, inner open, inner close
	LabelSep    string    // between "Chapter 1" and the title
	// LeftMin and RightMin are the shortest word parts hyphenation may
	// leave before and after a break.
	LeftMin, RightMin int
	// HyphenationPatterns names a Liang pattern set: one of the hyph-utf8
	// sets built into press (hyph-en-gb, hyph-ru) or NAME.pat.txt (with
	// NAME.hyp.txt, exceptions, if present) in the language's folder.
	HyphenationPatterns string
	// HyphenationRules names a rule-based hyphenator instead ("kazakh").
	HyphenationRules string
	// HyphenationExceptions are words written with their breaks
	// ("Kaz-akh-stan"); a word with no hyphen is never divided.
	HyphenationExceptions []string
	// HyphenationVowels, when set, are the letters one of which every part
	// between two breaks must hold (a syllable's nucleus): a safety net for
	// pattern sets that propose a break beside a lone consonant.
	HyphenationVowels string
	// IndentFirst indents the first paragraph after a heading too, as
	// Russian, Kazakh and Chinese books do (English ones do not).
	IndentFirst bool
	// Numerals is how chapter numbers are written: "western" (1, 2, 3) or
	// "chinese" (一, 二, 三); Numeral writes one.
	Numerals string
	Numeral  func(n int) string
	// DecimalSeparator and GroupSeparator write numbers (1,234.5 in
	// English, 1 234,5 in Russian).
	DecimalSeparator, GroupSeparator string
	// NoBreakBefore and NoBreakAfter are the line-breaking rules of CJK
	// text (kinsoku): characters a line may not start, or end, with.
	NoBreakBefore, NoBreakAfter string
	// Fonts maps a font role (body, body_bold, …, cjk_body, cjk_heading)
	// to a file in the project's fonts folder, for this language only.
	Fonts map[string]string
	// Pseudo marks a pseudo-locale made from the English for layout tests.
	Pseudo bool
	// Dir is the folder the profile was read from ("" if built in), where
	// its pattern files are.
	Dir string
	// Source names where the profile came from, for messages.
	Source string
}

// registry holds the profiles known: the built-in ones, then each
// project's (Load), which override them.
var registry = struct {
	sync.RWMutex
	profiles map[string]*Profile
}{}

// Get returns the profile of a language code.
func Get(code string) (*Profile, error) {
	builtinOnce.Do(loadBuiltin)
	registry.RLock()
	p, ok := registry.profiles[code]
	registry.RUnlock()
	if !ok {
		return nil, fmt.Errorf("unknown language %q (known: %v): press lang add %s makes locales/%s/language.toml", code, Codes(), code, code)
	}
	return p, nil
}

// Codes lists the known language codes, sorted.
func Codes() []string {
	builtinOnce.Do(loadBuiltin)
	registry.RLock()
	defer registry.RUnlock()
	var cs []string
	for c := range registry.profiles {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	return cs
}

func put(p *Profile) {
	registry.Lock()
	defer registry.Unlock()
	if registry.profiles == nil {
		registry.profiles = map[string]*Profile{}
	}
	registry.profiles[p.Code] = p
	if p.Code == "en" {
		registry.profiles["en-XA"] = pseudo(p)
	}
}

// pseudo is the pseudo-locale en-XA: English set with accented, longer
// text, to test layout.
func pseudo(en *Profile) *Profile {
	x := *en
	x.Code, x.Tag, x.WordTag, x.Name, x.EnglishName, x.Pseudo = "en-XA", "en-XA", "en-US", "Pseudo-English", "Pseudo-English", true
	return &x
}

// numeralWriter is the function of a numerals name.
func numeralWriter(name string) (func(int) string, error) {
	switch name {
	case "", "western":
		return strconv.Itoa, nil
	case "chinese":
		return Chinese, nil
	}
	return nil, fmt.Errorf("numerals = %q: want western or chinese", name)
}

// Chinese writes n (1..99) in Chinese numerals: 1 一, 10 十, 12 十二, 20 二十.
func Chinese(n int) string {
	digits := []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n%10]
	case n%10 == 0:
		return digits[n/10] + "十"
	}
	return digits[n/10] + "十" + digits[n%10]
}
