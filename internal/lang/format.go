package lang

import (
	"fmt"
	"sort"
	"strings"
)

// Format writes a profile as language.toml, every key with a comment
// saying what it does. todo marks keys still to check (key → why), as
// press lang add leaves them.
func Format(p *Profile, todo map[string]string) []byte {
	var b strings.Builder
	q := func(s string) string { return fmt.Sprintf("%q", s) }
	list := func(ss ...string) string {
		var qs []string
		for _, s := range ss {
			qs = append(qs, q(s))
		}
		return "[" + strings.Join(qs, ", ") + "]"
	}
	line := func(key, value, comment string) {
		fmt.Fprintf(&b, "%s = %s", key, value)
		if why, ok := todo[key]; ok {
			comment = "TODO: " + why
		}
		if comment != "" {
			fmt.Fprintf(&b, "  # %s", comment)
		}
		b.WriteString("\n")
	}
	name := p.EnglishName
	if name == "" {
		name = p.Code
	}
	fmt.Fprintf(&b, "# %s: how press sets this language (see the README, \"Adding a language\").\n", name)
	if len(todo) > 0 {
		b.WriteString("# Made by press lang add; check each line marked TODO.\n")
	}
	b.WriteString("\n")
	line("code", q(p.Code), "the locale folder and --lang value")
	line("tag", q(p.Tag), "BCP 47 tag written into the EPUB and PDF")
	line("word_tag", q(p.WordTag), "w:lang of the DOCX (Word's proofing language)")
	line("name", q(p.Name), "the language's own name")
	line("english_name", q(p.EnglishName), "")
	line("script", q(p.Script.String()), "Latin, Cyrillic or Han")
	line("indent_first_paragraph", fmt.Sprint(p.IndentFirst), "indent the first paragraph after a heading too")
	b.WriteString("\n[quotes]\n")
	line("outer", list(p.Quotes[0], p.Quotes[1]), "open, close")
	line("inner", list(p.Quotes[2], p.Quotes[3]), "quotes inside quotes")
	b.WriteString("\n[numbers]\n")
	numerals := p.Numerals
	if numerals == "" {
		numerals = "western"
	}
	line("numerals", q(numerals), "chapter numbers: western (1, 2, 3) or chinese (一, 二, 三)")
	line("decimal_separator", q(p.DecimalSeparator), "")
	line("group_separator", q(p.GroupSeparator), "between groups of three digits")
	b.WriteString("\n[labels]\n")
	line("separator", q(p.LabelSep), `between "Chapter 1" and the title`)
	b.WriteString("\n[hyphenation]\n")
	line("left_min", fmt.Sprint(p.LeftMin), "shortest part left before a break")
	line("right_min", fmt.Sprint(p.RightMin), "shortest part carried to the next line")
	line("patterns", q(p.HyphenationPatterns), "a hyph-utf8 set built into press (hyph-en-gb, hyph-ru), or NAME for NAME.pat.txt in this folder; empty: none")
	line("rules", q(p.HyphenationRules), "a rule-based hyphenator instead of patterns: kazakh")
	if len(p.HyphenationExceptions) == 0 {
		line("exceptions", "[]", `words with their breaks, "Ka-zakh-stan"; a word with no hyphen is never divided`)
	} else {
		b.WriteString("exceptions = [  # words with their breaks; a word with no hyphen is never divided\n")
		for _, w := range p.HyphenationExceptions {
			fmt.Fprintf(&b, "  %s,\n", q(w))
		}
		b.WriteString("]\n")
	}
	line("vowels", q(p.HyphenationVowels), "when set, every part between two breaks holds one of these letters")
	b.WriteString("\n[cjk]  # line breaking of Han text (kinsoku)\n")
	line("no_break_before", q(p.NoBreakBefore), "no line starts with these")
	line("no_break_after", q(p.NoBreakAfter), "no line ends with these")
	b.WriteString("\n[fonts]  # this language's faces by role (body, body_bold, body_italic, body_bold_italic,\n")
	b.WriteString("         # heading, heading_bold, cjk_body, cjk_heading): files in fonts/; empty: press's\n")
	roles := make([]string, 0, len(p.Fonts))
	for r := range p.Fonts {
		roles = append(roles, r)
	}
	sort.Strings(roles)
	for _, r := range roles {
		line(r, q(p.Fonts[r]), "")
	}
	return []byte(b.String())
}
