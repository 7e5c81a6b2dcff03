package catalog

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/press/press/internal/doc"
)

// Problem is one QA finding: file:line: unit: message.
type Problem struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"` // 0: the unit has no line yet (not in the file)
	ID       string `json:"id"`
	Msg      string `json:"message"`
	Severity string `json:"severity"` // "error" or "warning"
}

func (p Problem) String() string {
	where := p.File
	if p.Line > 0 {
		where += ":" + strconv.Itoa(p.Line)
	}
	return fmt.Sprintf("%s: %s: %s: %s", where, p.ID, p.Severity, p.Msg)
}

// Term is one glossary entry.
type Term struct {
	En      string            `toml:"en"`
	EnMatch string            `toml:"en_match"`
	Note    string            `toml:"note"`
	Lang    map[string]string `toml:"-"`
	Match   map[string]string `toml:"-"`
	Line    int               `toml:"-"`
	enRe    *regexp.Regexp
	reCache map[string]*regexp.Regexp
}

// Glossary is locales/glossary.toml.
type Glossary struct {
	Path  string
	Terms []*Term
}

// LoadGlossary reads the glossary; a missing file is an empty glossary.
func LoadGlossary(path string) (*Glossary, error) {
	g := &Glossary{Path: path}
	buf, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return g, nil
	}
	if err != nil {
		return nil, err
	}
	var raw struct {
		Term []map[string]string `toml:"term"`
	}
	if _, err := toml.Decode(string(buf), &raw); err != nil {
		if pe, ok := err.(toml.ParseError); ok {
			return nil, &Error{File: path, Line: pe.Position.Line, Msg: "TOML: " + pe.Message}
		}
		return nil, &Error{File: path, Msg: err.Error()}
	}
	// Lines of each [[term]], for messages.
	var lines []int
	for i, l := range strings.Split(string(buf), "\n") {
		if strings.TrimSpace(l) == "[[term]]" {
			lines = append(lines, i+1)
		}
	}
	for i, m := range raw.Term {
		t := &Term{En: m["en"], EnMatch: m["en_match"], Note: m["note"], Lang: map[string]string{}, Match: map[string]string{}, reCache: map[string]*regexp.Regexp{}}
		if i < len(lines) {
			t.Line = lines[i]
		}
		if t.En == "" {
			return nil, &Error{File: path, Line: t.Line, Msg: "term without en"}
		}
		for k, v := range m {
			switch {
			case k == "en" || k == "en_match" || k == "note":
			case strings.HasSuffix(k, "_match"):
				t.Match[strings.TrimSuffix(k, "_match")] = v
			default:
				t.Lang[k] = v
			}
		}
		pat := t.EnMatch
		if pat == "" {
			words := strings.Fields(regexp.QuoteMeta(t.En))
			pat = `(?i)(^|[^\p{L}])` + strings.Join(words, `[\s\x{00a0}-]+`) + `($|[^\p{L}])`
		}
		re, err := regexp.Compile(pat)
		if err != nil {
			return nil, &Error{File: path, Line: t.Line, Msg: fmt.Sprintf("term %q: en_match: %v", t.En, err)}
		}
		t.enRe = re
		for lang, p := range t.Match {
			re, err := regexp.Compile(p)
			if err != nil {
				return nil, &Error{File: path, Line: t.Line, Msg: fmt.Sprintf("term %q: %s_match: %v", t.En, lang, err)}
			}
			t.reCache[lang] = re
		}
		g.Terms = append(g.Terms, t)
	}
	return g, nil
}

// uses reports whether a translation uses the term's rendering.
func (t *Term) uses(lang, text string) bool {
	if re := t.reCache[lang]; re != nil {
		return re.MatchString(text)
	}
	r := t.Lang[lang]
	return r == "" || strings.Contains(strings.ToLower(text), strings.ToLower(r))
}

// Lint runs the QA checks of one language's catalogue against the source.
func Lint(src *doc.Document, c *Catalogue, g *Glossary, script string) []Problem {
	var ps []Problem
	add := func(e *Entry, file string, sev, format string, args ...any) {
		line := 0
		id := ""
		if e != nil {
			line, id = e.Line, e.ID
		}
		ps = append(ps, Problem{File: file, Line: line, ID: id, Severity: sev, Msg: fmt.Sprintf(format, args...)})
	}
	file := c.Document.Path
	cites := map[string]int{}
	known := map[string]bool{}
	for _, u := range doc.Units(src) {
		known[u.ID] = true
		e := c.Document.Get(u.ID)
		en := SourceText(u)
		if e == nil {
			add(&Entry{ID: u.ID}, file, "warning", "not translated")
			continue
		}
		if strings.TrimSpace(e.Other) == "" {
			add(e, file, "warning", "empty: not translated yet")
			continue
		}
		if IsStale(e, en) {
			// Checked against the English it was made from, it would
			// report every change the translator has still to make.
			add(e, file, "warning", "stale: the English changed since this was translated (update it, then delete the state line)")
			markCited(e.Other, cites)
			continue
		}
		if e.State == StateDraft {
			add(e, file, "warning", "draft: not yet marked translated")
		}
		var english []doc.Inline
		if u.Inlines != nil {
			english = *u.Inlines
		}
		tr, err := Decode(e.Other, english)
		if err != nil {
			add(e, file, "error", "%v", err)
			continue
		}
		doc.WalkInlines(tr, func(in doc.Inline) {
			if r, ok := in.(*doc.NoteRef); ok {
				cites[r.Note.ID]++
			}
		})
		enPlain := plainOf(u)
		trPlain := doc.PlainText(tr)
		ps = append(ps, checkText(e, file, u, enPlain, trPlain, english, tr, c.Lang, script, g)...)
	}
	for _, n := range src.Notes {
		if e := c.Document.Get(n.ID); cites[n.ID] != 1 && e != nil {
			add(e, file, "error", "footnote %s is cited %d times in this language, want once", n.Label, cites[n.ID])
		}
	}
	for _, e := range c.Document.Entries {
		if !known[e.ID] {
			add(e, file, "error", "unknown unit id (not in the source): run press sync")
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	return ps
}

// markCited counts the note references of a translation that cannot be
// decoded against today's English (a stale one).
func markCited(s string, cites map[string]int) {
	ts, err := Tokenize(s)
	if err != nil {
		return
	}
	for _, t := range ts {
		if t.Kind == NoteToken {
			cites["fn."+t.Text]++
		}
	}
}

var (
	urlRe      = regexp.MustCompile(`(https?://|www\.)[^\s<>"«»]+`)
	mixedWord  = regexp.MustCompile(`[\p{L}]+`)
	asciiPunct = regexp.MustCompile(`\p{Han}[,.:;?!()]|[,.:;?!()]\p{Han}`)
)

func checkText(e *Entry, file string, u doc.Unit, en, tr string, english, trIns []doc.Inline, lang, script string, g *Glossary) []Problem {
	var ps []Problem
	add := func(sev, format string, args ...any) {
		ps = append(ps, Problem{File: file, Line: e.Line, ID: e.ID, Severity: sev, Msg: fmt.Sprintf(format, args...)})
	}
	footnote := u.Kind == "footnote"
	// URLs untouched.
	enURLs, trURLs := linkTexts(english), linkTexts(trIns)
	for url := range enURLs {
		if !trURLs[url] {
			add("error", "URL %s changed or missing", url)
		}
	}
	// Numbers, after locale normalization.
	enNums := numbers(stripURLs(en), "en")
	trNums := numbers(stripURLs(tr), lang)
	for _, n := range enNums {
		if !hasNumber(trNums, n) {
			add("error", "number %s of the English is missing", n.text)
		}
	}
	// Untranslated or the wrong script.
	if !footnote && u.Kind != "meta" && strings.TrimSpace(tr) == strings.TrimSpace(en) && hasLetters(en) {
		add("error", "untranslated: the same as the English")
	}
	body := stripURLs(tr)
	if !footnote && hasLetters(en) {
		switch script {
		case "Cyrillic":
			if !hasScript(body, unicode.Cyrillic) {
				add("error", "no Cyrillic letter: untranslated?")
			}
		case "Han":
			if !hasScript(body, unicode.Han) {
				add("error", "no Chinese character: untranslated?")
			}
		}
	}
	for _, w := range mixedWord.FindAllString(body, -1) {
		if hasScript(w, unicode.Latin) && hasScript(w, unicode.Cyrillic) {
			add("error", "word %q mixes Latin and Cyrillic letters (look-alike letters?)", w)
		}
	}
	// Punctuation of the language.
	switch script {
	case "Han":
		if m := asciiPunct.FindString(body); m != "" {
			add("error", "ASCII punctuation next to Chinese characters: %q (use full-width ，。：；？！（）)", m)
		}
		if !footnote && strings.Contains(body, `"`) {
			add("error", `straight quotes: use “ ” in Chinese`)
		}
	case "Cyrillic":
		if !footnote && strings.Contains(body, `"`) {
			add("error", `straight quotes: use « » (and „ “ inside)`)
		}
		if !footnote && (strings.Contains(body, "“") || strings.Contains(body, "”")) && !strings.Contains(body, "„") {
			add("error", "English quotation marks: use « »")
		}
	}
	// Glossary: not in notes, whose titles stay in their original language.
	if g != nil && !footnote {
		for _, t := range g.Terms {
			if _, ok := t.Lang[lang]; !ok {
				continue
			}
			if t.enRe.MatchString(en) && !t.uses(lang, tr) {
				add("error", "glossary: %q should be %q (%s:%d)", t.En, t.Lang[lang], g.Path, t.Line)
			}
		}
	}
	return ps
}

func linkTexts(ins []doc.Inline) map[string]bool {
	m := map[string]bool{}
	doc.WalkInlines(ins, func(in doc.Inline) {
		if l, ok := in.(*doc.Link); ok {
			t := doc.PlainText(l.Content)
			if urlRe.MatchString(t) {
				m[t] = true
			}
		}
	})
	return m
}

func stripURLs(s string) string { return urlRe.ReplaceAllString(s, " ") }

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasScript(s string, t *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}

type number struct {
	text   string
	values []float64 // the readings it may have
}

var (
	dotThousands = regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`)
	numRe        = regexp.MustCompile(`\d+(?:[ \x{00a0}\x{202f},.]\d+)*`)
	// Magnitude words after a number, per language.
	magnitudes = map[string][]struct {
		word string
		mult float64
	}{
		"en": {{"billion", 1e9}, {"bn", 1e9}, {"million", 1e6}, {"thousand", 1e3}},
		"ru": {{"млрд", 1e9}, {"миллиард", 1e9}, {"млн", 1e6}, {"миллион", 1e6}, {"тыс", 1e3}},
		"kk": {{"млрд", 1e9}, {"миллиард", 1e9}, {"млн", 1e6}, {"миллион", 1e6}, {"мың", 1e3}},
		"zh": {{"亿", 1e8}, {"万", 1e4}},
	}
)

// numbers finds the numbers of a text in the conventions of lang.
func numbers(s, lang string) []number {
	var out []number
	for _, m := range numRe.FindAllStringIndex(s, -1) {
		raw := s[m[0]:m[1]]
		// Dates written 9/11 become words in other languages.
		if (m[0] > 0 && s[m[0]-1] == '/') || (m[1] < len(s) && s[m[1]] == '/') {
			continue
		}
		raw = strings.TrimRight(raw, " \u00a0\u202f,.")
		var vals []float64
		add := func(x string) {
			if v, err := strconv.ParseFloat(x, 64); err == nil {
				vals = append(vals, v)
			}
		}
		clean := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(raw)
		switch lang {
		case "ru", "kk":
			add(strings.ReplaceAll(strings.ReplaceAll(clean, ".", ""), ",", ".")) // 46,2 → 46.2
			add(strings.ReplaceAll(clean, ",", ""))
		default:
			add(strings.ReplaceAll(clean, ",", "")) // 12,831 → 12831
			if dotThousands.MatchString(clean) {
				add(strings.ReplaceAll(clean, ".", "")) // 3.000 written for 3000
			}
			add(strings.ReplaceAll(strings.ReplaceAll(clean, ".", ""), ",", "."))
		}
		// Page lists: "p. 166,168" is pages 166 and 168.
		if strings.HasSuffix(strings.TrimRight(s[:m[0]], " \u00a0"), "p.") && strings.Contains(clean, ",") {
			for _, part := range strings.Split(clean, ",") {
				add(part)
			}
		}
		// A decade: "the 1990s" is "90年代" in Chinese.
		if m[1] < len(s) && s[m[1]] == 's' && len(clean) == 4 {
			add(clean[2:])
		}
		rest := strings.TrimLeft(s[m[1]:], " \u00a0")
		// English magnitude words count in every language: notes keep
		// their sources' titles in the original.
		mags := magnitudes[lang]
		if lang != "en" {
			mags = append(mags[:len(mags):len(mags)], magnitudes["en"]...)
		}
		for _, mg := range mags {
			if strings.HasPrefix(rest, mg.word) {
				for i := range vals {
					vals[i] *= mg.mult
				}
				break
			}
		}
		if len(vals) > 0 {
			out = append(out, number{text: raw, values: vals})
		}
	}
	if lang == "zh" {
		out = append(out, hanNumbers(s)...)
	}
	return out
}

var hanDigits = map[rune]float64{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// hanNumbers reads numbers written in Chinese numerals (十三五 is the
// 13th Five-Year Plan): every prefix of a run is a reading.
func hanNumbers(s string) []number {
	var out []number
	runes := []rune(s)
	for i := 0; i < len(runes); i++ {
		if _, ok := hanDigits[runes[i]]; !ok && runes[i] != '十' {
			continue
		}
		j := i
		for j < len(runes) {
			if _, ok := hanDigits[runes[j]]; !ok && runes[j] != '十' {
				break
			}
			j++
		}
		var vals []float64
		for k := i + 1; k <= j; k++ {
			if v, ok := hanValue(runes[i:k]); ok {
				vals = append(vals, v)
			}
		}
		if len(vals) > 0 {
			out = append(out, number{text: string(runes[i:j]), values: vals})
		}
		i = j
	}
	return out
}

func hanValue(rs []rune) (float64, bool) {
	v, cur := 0.0, 0.0
	for _, r := range rs {
		if r == '十' {
			if cur == 0 {
				cur = 1
			}
			v += cur * 10
			cur = 0
			continue
		}
		d, ok := hanDigits[r]
		if !ok {
			return 0, false
		}
		cur = cur*10 + d
	}
	return v + cur, true
}

// hasNumber: some reading of an English number equals some reading of a
// translated one (a magnitude may be written as a word or as digits).
func hasNumber(tr []number, n number) bool {
	for _, t := range tr {
		for _, a := range t.values {
			for _, b := range n.values {
				if math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) {
					return true
				}
			}
		}
	}
	return false
}

// EditionLint checks a language's edition strings: every English message
// present and its template fields kept.
func EditionLint(english, c *Catalogue) []Problem {
	var ps []Problem
	field := regexp.MustCompile(`\{\{\s*\.\w+\s*\}\}`)
	for _, en := range english.Edition.Entries {
		e := c.Edition.Get(en.ID)
		if e == nil {
			// The line is the English's: the key is not in the language's file.
			ps = append(ps, Problem{File: english.Edition.Path, Line: en.Line, ID: en.ID, Severity: "warning", Msg: "edition string not translated in " + c.Edition.Path})
			continue
		}
		if EditionStale(e, en) {
			ps = append(ps, Problem{File: c.Edition.Path, Line: e.Line, ID: e.ID, Severity: "warning", Msg: fmt.Sprintf("stale: the English is now %q (update it, then delete the state line)", en.Other)})
		}
		want := field.FindAllString(en.Other, -1)
		sort.Strings(want)
		for _, form := range []string{e.Zero, e.One, e.Two, e.Few, e.Many, e.Other} {
			if form == "" {
				continue
			}
			got := field.FindAllString(form, -1)
			sort.Strings(got)
			if strings.Join(got, ",") != strings.Join(want, ",") {
				ps = append(ps, Problem{File: c.Edition.Path, Line: e.Line, ID: e.ID, Severity: "error", Msg: fmt.Sprintf("template fields %v, the English has %v", got, want)})
				break
			}
		}
	}
	for _, e := range c.Edition.Entries {
		if english.Edition.Get(e.ID) == nil {
			ps = append(ps, Problem{File: c.Edition.Path, Line: e.Line, ID: e.ID, Severity: "warning", Msg: "not an English edition string (" + english.Edition.Path + "): unused"})
		}
	}
	return ps
}
