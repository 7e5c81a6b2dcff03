// Package lang holds what press knows about each edition language: its
// tags, quotation marks, label punctuation, numerals and hyphenation
// minimums. A new language is one more Profile here plus a locale folder.
package lang

import (
	"fmt"
	"sort"
	"strconv"
)

// Script is the writing system of a language's running text.
type Script int

// The scripts press sets.
const (
	Latin Script = iota
	Cyrillic
	Han
)

// Profile describes one edition language.
type Profile struct {
	Code     string // locale folder name and --lang value: "en", "ru", "kk", "zh"
	Tag      string // BCP 47 tag for documents: "en", "ru", "kk", "zh-Hans"
	WordTag  string // OOXML w:lang value: "en-GB", "ru-RU", "kk-KZ", "zh-CN"
	Name     string // the language's own name
	Script   Script
	Quotes   [4]string // outer open, outer close, inner open, inner close
	LabelSep string    // between "Chapter 1" and the title
	// LeftMin and RightMin are the shortest word parts hyphenation may
	// leave before and after a break.
	LeftMin, RightMin int
	// IndentFirst indents the first paragraph after a heading too, as
	// Russian, Kazakh and Chinese books do (English ones do not).
	IndentFirst bool
	// Numeral writes a chapter number in the language's style.
	Numeral func(n int) string
	// Pseudo marks a pseudo-locale made from the English for layout tests.
	Pseudo bool
}

var profiles = map[string]*Profile{
	"en": {Code: "en", Tag: "en", WordTag: "en-GB", Name: "English", Script: Latin,
		Quotes: [4]string{"“", "”", "‘", "’"}, LabelSep: ". ", LeftMin: 2, RightMin: 3, Numeral: strconv.Itoa},
	"ru": {Code: "ru", Tag: "ru", WordTag: "ru-RU", Name: "Русский", Script: Cyrillic,
		Quotes: [4]string{"«", "»", "„", "“"}, LabelSep: ". ", LeftMin: 2, RightMin: 2, Numeral: strconv.Itoa, IndentFirst: true},
	"kk": {Code: "kk", Tag: "kk", WordTag: "kk-KZ", Name: "Қазақша", Script: Cyrillic,
		Quotes: [4]string{"«", "»", "„", "“"}, LabelSep: ". ", LeftMin: 2, RightMin: 2, Numeral: strconv.Itoa, IndentFirst: true},
	"zh": {Code: "zh", Tag: "zh-Hans", WordTag: "zh-CN", Name: "简体中文", Script: Han,
		Quotes: [4]string{"“", "”", "‘", "’"}, LabelSep: "\u3000", LeftMin: 1, RightMin: 1, Numeral: Chinese, IndentFirst: true},
	"en-XA": {Code: "en-XA", Tag: "en-XA", WordTag: "en-US", Name: "Pseudo-English", Script: Latin,
		Quotes: [4]string{"“", "”", "‘", "’"}, LabelSep: ". ", LeftMin: 2, RightMin: 3, Numeral: strconv.Itoa, Pseudo: true},
}

// Get returns the profile of a language code.
func Get(code string) (*Profile, error) {
	p, ok := profiles[code]
	if !ok {
		return nil, fmt.Errorf("unknown language %q (known: %v)", code, Codes())
	}
	return p, nil
}

// Codes lists the known language codes, sorted.
func Codes() []string {
	var cs []string
	for c := range profiles {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	return cs
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
