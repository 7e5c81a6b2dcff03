package lang

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// delimiters are CLDR's quotation marks (main/<lang>.xml, <delimiters>):
// outer open, outer close, inner open, inner close. golang.org/x/text
// carries no delimiters, so press keeps this table of them.
var delimiters = map[string][4]string{
	"en": {"“", "”", "‘", "’"}, "de": {"„", "“", "‚", "‘"}, "uk": {"«", "»", "„", "“"},
	"ru": {"«", "»", "„", "“"}, "kk": {"«", "»", "„", "“"}, "be": {"«", "»", "„", "“"},
	"bg": {"„", "“", "„", "“"}, "cs": {"„", "“", "‚", "‘"}, "sk": {"„", "“", "‚", "‘"},
	"pl": {"„", "”", "«", "»"}, "fr": {"«\u202f", "\u202f»", "«\u202f", "\u202f»"},
	"es": {"«", "»", "“", "”"}, "it": {"«", "»", "“", "”"}, "pt": {"“", "”", "‘", "’"},
	"nl": {"‘", "’", "“", "”"}, "sv": {"”", "”", "’", "’"}, "da": {"“", "”", "‘", "’"},
	"nb": {"«", "»", "‘", "’"}, "fi": {"”", "”", "’", "’"}, "hu": {"„", "”", "»", "«"},
	"ro": {"„", "”", "«", "»"}, "hr": {"„", "“", "‚", "‘"}, "sl": {"„", "“", "‚", "‘"},
	"sr": {"„", "“", "‘", "’"}, "tr": {"“", "”", "‘", "’"}, "uz": {"“", "”", "’", "‘"},
	"ky": {"«", "»", "„", "“"}, "mn": {"«", "»", "„", "“"}, "tk": {"“", "”", "“", "”"},
	"lt": {"„", "“", "„", "“"}, "lv": {"“", "”", "„", "“"}, "et": {"„", "“", "‚", "‘"},
	"el": {"«", "»", "“", "”"}, "zh": {"“", "”", "‘", "’"}, "ja": {"「", "」", "『", "』"},
}

// Scaffold makes the profile of a new language from CLDR data: its names
// (golang.org/x/text/language/display), script and region (likely
// subtags), number format (golang.org/x/text/number) and quotation marks
// (press's copy of CLDR's delimiters). todo lists the keys still to check,
// with why.
func Scaffold(code string) (p *Profile, todo map[string]string, err error) {
	tag, err := language.Parse(code)
	if err != nil {
		return nil, nil, fmt.Errorf("%q is not a BCP 47 language tag: %v", code, err)
	}
	base, _ := tag.Base()
	script, _ := tag.Script()
	region, _ := tag.Region()
	sc, err := ParseScript(script.String())
	if err != nil {
		return nil, nil, fmt.Errorf("%s is written in %s: %v", code, script, err)
	}
	todo = map[string]string{}
	p = &Profile{
		Code: code, Tag: tag.String(), WordTag: base.String() + "-" + region.String(),
		Name: display.Self.Name(tag), EnglishName: display.English.Languages().Name(tag),
		Script: sc, LabelSep: ". ", LeftMin: 2, RightMin: 2, Numerals: "western",
	}
	p.Numeral, _ = numeralWriter(p.Numerals)
	if sc == Han {
		zh, _ := Get("zh")
		p.LabelSep, p.LeftMin, p.RightMin, p.IndentFirst = zh.LabelSep, 1, 1, true
		p.NoBreakBefore, p.NoBreakAfter = zh.NoBreakBefore, zh.NoBreakAfter
		todo["numerals"] = "chinese numerals for chapters, or western"
	}
	if q, ok := delimiters[base.String()]; ok {
		p.Quotes = q
	} else {
		p.Quotes = delimiters["en"]
		todo["outer"] = "CLDR quotation marks unknown to press: English ones put here"
		todo["inner"] = "as outer"
	}
	p.DecimalSeparator, p.GroupSeparator = separators(tag)
	todo["indent_first_paragraph"] = "does this language's book indent the paragraph after a heading?"
	todo["left_min"] = "the shortest part before a break this language's typesetting allows"
	todo["right_min"] = "the shortest part after a break"
	return p, todo, nil
}

// separators are the decimal and group separators CLDR gives the
// language, read off a formatted number.
func separators(tag language.Tag) (decimal, group string) {
	s := message.NewPrinter(tag).Sprint(number.Decimal(12345.6))
	var seps []string
	cur := ""
	for _, r := range s {
		if unicode.IsDigit(r) {
			if cur != "" {
				seps = append(seps, cur)
				cur = ""
			}
			continue
		}
		cur += string(r)
	}
	switch len(seps) {
	case 2:
		return seps[1], seps[0]
	case 1:
		return seps[0], ""
	}
	return ".", ""
}

// BuiltinPatterns is the hyph-utf8 pattern set built into press for a
// language, or "".
func BuiltinPatterns(code string) string {
	base, _, _ := strings.Cut(code, "-")
	switch base {
	case "en":
		return "hyph-en-gb"
	case "ru":
		return "hyph-ru"
	}
	return ""
}
