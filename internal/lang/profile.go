package lang

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	builtin "github.com/press/press/locales"
)

// FileName is a language profile's file in its locale folder.
const FileName = "language.toml"

// File is language.toml as written: every key, its TOML name.
type File struct {
	Code                 string `toml:"code"`
	Tag                  string `toml:"tag"`
	WordTag              string `toml:"word_tag"`
	Name                 string `toml:"name"`
	EnglishName          string `toml:"english_name"`
	Script               string `toml:"script"`
	IndentFirstParagraph bool   `toml:"indent_first_paragraph"`
	Quotes               struct {
		Outer []string `toml:"outer"`
		Inner []string `toml:"inner"`
	} `toml:"quotes"`
	Numbers struct {
		Numerals         string `toml:"numerals"`
		DecimalSeparator string `toml:"decimal_separator"`
		GroupSeparator   string `toml:"group_separator"`
	} `toml:"numbers"`
	Labels struct {
		Separator string `toml:"separator"`
	} `toml:"labels"`
	Hyphenation struct {
		LeftMin    int      `toml:"left_min"`
		RightMin   int      `toml:"right_min"`
		Patterns   string   `toml:"patterns"`
		Rules      string   `toml:"rules"`
		Exceptions []string `toml:"exceptions"`
		Vowels     string   `toml:"vowels"`
	} `toml:"hyphenation"`
	CJK struct {
		NoBreakBefore string `toml:"no_break_before"`
		NoBreakAfter  string `toml:"no_break_after"`
	} `toml:"cjk"`
	Fonts map[string]string `toml:"fonts"`
}

// Error is a problem in a language.toml, with its line when known.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// Parse reads a language.toml named path (for messages); dir is the
// folder its pattern files are in.
func Parse(data []byte, path, dir string) (*Profile, error) {
	var f File
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Path: path, Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, &Error{Path: path, Line: lineOf(data, und[0].String()), Msg: fmt.Sprintf("unknown key %q", und[0].String())}
	}
	bad := func(key, msg string) error { return &Error{Path: path, Line: lineOf(data, key), Msg: key + ": " + msg} }
	if f.Code == "" {
		return nil, bad("code", "missing: the locale folder's name (de, uk, pt-BR)")
	}
	if f.Tag == "" {
		f.Tag = f.Code
	}
	if f.WordTag == "" {
		f.WordTag = f.Tag
	}
	script, err := ParseScript(f.Script)
	if err != nil {
		return nil, bad("script", err.Error())
	}
	if len(f.Quotes.Outer) != 2 || len(f.Quotes.Inner) != 2 {
		return nil, bad("outer", `want quotes.outer and quotes.inner as ["open", "close"]`)
	}
	num, err := numeralWriter(f.Numbers.Numerals)
	if err != nil {
		return nil, bad("numerals", err.Error())
	}
	h := f.Hyphenation
	if h.LeftMin < 1 || h.RightMin < 1 {
		return nil, bad("left_min", "hyphenation.left_min and right_min: want 1 or more")
	}
	if h.Patterns != "" && h.Rules != "" {
		return nil, bad("rules", "give hyphenation.patterns or hyphenation.rules, not both")
	}
	if h.Rules != "" && h.Rules != "kazakh" {
		return nil, bad("rules", fmt.Sprintf("%q: the rule-based hyphenators are: kazakh", h.Rules))
	}
	for role := range f.Fonts {
		if !knownRole(role) {
			return nil, bad(role, fmt.Sprintf("unknown font role (known: %s)", strings.Join(FontRoles, ", ")))
		}
	}
	return &Profile{
		Code: f.Code, Tag: f.Tag, WordTag: f.WordTag, Name: f.Name, EnglishName: f.EnglishName, Script: script,
		Quotes:   [4]string{f.Quotes.Outer[0], f.Quotes.Outer[1], f.Quotes.Inner[0], f.Quotes.Inner[1]},
		LabelSep: f.Labels.Separator, LeftMin: h.LeftMin, RightMin: h.RightMin,
		HyphenationPatterns: h.Patterns, HyphenationRules: h.Rules, HyphenationExceptions: h.Exceptions, HyphenationVowels: h.Vowels,
		IndentFirst: f.IndentFirstParagraph, Numerals: f.Numbers.Numerals, Numeral: num,
		DecimalSeparator: f.Numbers.DecimalSeparator, GroupSeparator: f.Numbers.GroupSeparator,
		NoBreakBefore: f.CJK.NoBreakBefore, NoBreakAfter: f.CJK.NoBreakAfter,
		Fonts: f.Fonts, Dir: dir, Source: path,
	}, nil
}

// FontRoles are the font roles a profile's [fonts] may set.
var FontRoles = []string{"body", "body_bold", "body_italic", "body_bold_italic", "heading", "heading_bold", "cjk_body", "cjk_heading"}

func knownRole(r string) bool {
	for _, k := range FontRoles {
		if k == r {
			return true
		}
	}
	return false
}

// lineOf is the line where key is set, or 0.
func lineOf(data []byte, key string) int {
	if i := strings.LastIndex(key, "."); i >= 0 {
		key = key[i+1:]
	}
	for i, line := range strings.Split(string(data), "\n") {
		if k, _, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == key {
			return i + 1
		}
	}
	return 0
}

var (
	builtinOnce sync.Once
	builtinErr  error
)

// loadBuiltin registers the profiles built into press (locales/*/language.toml
// of press's own repository, embedded).
func loadBuiltin() {
	paths, _ := fs.Glob(builtin.FS, "*/"+FileName)
	for _, path := range paths {
		data, err := fs.ReadFile(builtin.FS, path)
		if err == nil {
			var p *Profile
			if p, err = Parse(data, "built-in:locales/"+path, ""); err == nil {
				put(p)
				continue
			}
		}
		builtinErr = errors.Join(builtinErr, err)
	}
	if builtinErr != nil {
		panic("press's built-in language profiles: " + builtinErr.Error())
	}
}

// Load reads every localesDir/<code>/language.toml of a project; each
// adds a language or overrides the built-in profile of its code. A folder
// without one keeps the built-in profile, if there is one.
func Load(localesDir string) error {
	builtinOnce.Do(loadBuiltin)
	ents, err := os.ReadDir(localesDir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // no project: the built-in languages
		}
		return err
	}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(localesDir, e.Name())
		path := filepath.Join(dir, FileName)
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		p, err := Parse(data, path, dir)
		if err != nil {
			return err
		}
		if p.Code != e.Name() {
			return &Error{Path: path, Line: lineOf(data, "code"), Msg: fmt.Sprintf("code = %q, but the folder is %s", p.Code, e.Name())}
		}
		if p.Code == "en-XA" {
			return &Error{Path: path, Msg: "en-XA is the pseudo-locale, made from en"}
		}
		put(p)
	}
	return nil
}
