package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/hyph"
	"github.com/press/press/internal/lang"
	builtin "github.com/press/press/locales"
)

func init() {
	register(command{"lang", "add a language: its profile (language.toml) from CLDR data, hyphenation patterns, edition strings", runLang})
	verbs["lang"] = []string{"add"}
}

// hyphenDir is where Debian's hyphen-* packages put their dictionaries.
const hyphenDir = "/usr/share/hyphen"

func runLang(args []string, stdout, stderr io.Writer) int {
	usage := `Usage: press lang add [--hyphen FILE.dic] [--force] TAG

Makes locales/TAG/ for a new language: language.toml, its profile, filled
from CLDR data (golang.org/x/text: names, script, region, number format;
CLDR's quotation marks from press's table), hyphenation patterns (the
hyph-utf8 set built into press, or a Debian hyphen-* dictionary from
/usr/share/hyphen, converted into hyph-TAG.pat.txt), and edition.toml,
the edition's words to translate. It then says what is left to fill.
Nothing in press's code changes: the language is data.

Examples:
  press lang add de && press sync --lang de
  apt-get install hyphen-uk && press lang add uk
  press lang add --hyphen ~/hyph_nl_NL.dic nl
`
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprint(stderr, usage)
		return 2
	}
	fl, root := newFlags("lang add", usage, stderr)
	dicFile := fl.String("hyphen", "", "a hyphen .dic file for the patterns (default: "+hyphenDir+"/hyph_TAG[_REGION].dic when installed)")
	force := fl.Bool("force", false, "replace an existing language.toml")
	if fl.Parse(args[1:]) != nil {
		return 2
	}
	if fl.NArg() != 1 {
		fmt.Fprintln(stderr, "press lang add: name one language tag (de, uk, pt-BR)")
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "press lang add:", err)
		return 1
	}
	code := fl.Arg(0)
	c := build.Config{Root: *root}
	if err := configureRoot(&c); err != nil {
		return fail(err)
	}
	dir := filepath.Join(c.Locales, code)
	profilePath := filepath.Join(dir, lang.FileName)
	if _, err := os.Stat(profilePath); err == nil && !*force {
		return fail(fmt.Errorf("%s exists (--force replaces it)", profilePath))
	}
	p, todo, err := lang.Scaffold(code)
	if err != nil {
		return fail(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fail(err)
	}
	var done []string
	done = append(done, fmt.Sprintf("name %s (%s), script %s, Word language %s, numbers 12%s345%s6 (CLDR, golang.org/x/text)",
		p.Name, p.EnglishName, p.Script, p.WordTag, p.GroupSeparator, p.DecimalSeparator))
	if _, unknown := todo["outer"]; !unknown {
		done = append(done, fmt.Sprintf("quotes %s…%s and %s…%s (CLDR delimiters)", p.Quotes[0], p.Quotes[1], p.Quotes[2], p.Quotes[3]))
	}
	switch patterns, dic := lang.BuiltinPatterns(code), findDictionary(code, *dicFile); {
	case p.Script == lang.Han:
		done = append(done, "no hyphenation (Han text breaks between characters); line breaking rules of Chinese")
	case patterns != "":
		p.HyphenationPatterns = patterns
		done = append(done, "hyphenation: the hyph-utf8 set "+patterns+", built into press")
	case dic != "":
		name, n, d, err := convertDictionary(dic, dir, code)
		if err != nil {
			return fail(err)
		}
		p.HyphenationPatterns = name
		p.HyphenationVowels = vowels[p.Script]
		if d.LeftMin > 0 && d.RightMin > 0 {
			p.LeftMin, p.RightMin = d.LeftMin, d.RightMin
			delete(todo, "left_min")
			delete(todo, "right_min")
		}
		done = append(done, fmt.Sprintf("hyphenation: %d patterns from %s into %s", n, dic, filepath.Join(dir, name+".pat.txt")))
	default:
		todo["patterns"] = fmt.Sprintf("no pattern set: install Debian's hyphen-%s and run again with --force, or put NAME.pat.txt (hyph-utf8 format) in this folder", strings.SplitN(code, "-", 2)[0])
	}
	data := lang.Format(p, todo)
	if _, err := lang.Parse(data, profilePath, dir); err != nil {
		return fail(fmt.Errorf("the profile made does not read back: %v", err))
	}
	if err := build.WriteAtomic(profilePath, data); err != nil {
		return fail(err)
	}
	// The edition strings: press's own for a language it ships; else
	// press sync starts edition.toml, every string to translate.
	editionPath := filepath.Join(dir, catalog.EditionFile)
	labels := 0
	if _, err := os.Stat(editionPath); errors.Is(err, fs.ErrNotExist) {
		if own, err := fs.ReadFile(builtin.FS, code+"/"+catalog.EditionFile); err == nil {
			if err := build.WriteAtomic(editionPath, own); err != nil {
				return fail(err)
			}
		} else if en, err := fs.ReadFile(builtin.FS, "en/"+catalog.EditionFile); err == nil {
			f, _ := catalog.ParseFile(en, "en/"+catalog.EditionFile)
			labels = len(f.Entries)
		}
	}
	fmt.Fprintf(stdout, "%s: the profile of %s\n", profilePath, p.EnglishName)
	for _, d := range done {
		fmt.Fprintln(stdout, "  filled:", d)
	}
	keys := make([]string, 0, len(todo))
	for k := range todo {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 0 || labels > 0 {
		fmt.Fprintln(stdout, "left to fill:")
	}
	for _, k := range keys {
		fmt.Fprintf(stdout, "  %s: %s (the line marked TODO)\n", k, todo[k])
	}
	if labels > 0 {
		fmt.Fprintf(stdout, "  %s: the %d edition strings (labels, colophon): press sync starts the file, press status and press lint list what to translate (until then they are English)\n", editionPath, labels)
	}
	fmt.Fprintf(stdout, "next: press sync --lang %s, translate locales/%s/document.toml, press build --lang %s\n", code, code, code)
	return 0
}

// vowels are the syllable nuclei of a script's languages: converted
// dictionaries may propose breaks beside a lone consonant.
var vowels = map[lang.Script]string{
	lang.Latin:    "aeiouyäöüàáâãéèêëíìîïóòôõúùûåæøœ",
	lang.Cyrillic: "аеёиоуыэюяіїєўұүөә",
}

// configureRoot fills a configuration's folders from press.toml and the
// defaults, without needing a manuscript.
func configureRoot(c *build.Config) error {
	if c.Root == "" {
		c.Root = "."
	}
	c.Locales = filepath.Join(c.Root, "locales")
	return nil
}

// findDictionary is the hyphen dictionary to read: the one given, or the
// installed one for the tag (hyph_de_DE.dic, hyph_de.dic), or "".
func findDictionary(code, given string) string {
	if given != "" {
		return given
	}
	base, rest, _ := strings.Cut(code, "-")
	var names []string
	if rest != "" {
		names = append(names, "hyph_"+base+"_"+strings.ToUpper(rest)+".dic")
	}
	names = append(names, "hyph_"+base+".dic")
	if m, _ := filepath.Glob(filepath.Join(hyphenDir, "hyph_"+base+"_*.dic")); len(m) > 0 {
		sort.Strings(m)
		for _, f := range m {
			names = append(names, filepath.Base(f))
		}
	}
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(hyphenDir, n)); err == nil {
			return filepath.Join(hyphenDir, n)
		}
	}
	return ""
}

// convertDictionary writes a hyphen dictionary's patterns as
// hyph-CODE.pat.txt in dir, with its header (origin, licence) as
// hyph-CODE.lic.txt.
func convertDictionary(path, dir, code string) (name string, n int, d *hyph.Dictionary, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", 0, nil, err
	}
	if d, err = hyph.ReadDictionary(data, path); err != nil {
		return "", 0, nil, err
	}
	name = "hyph-" + code
	pat := fmt.Sprintf("%% Hyphenation patterns for %s, converted by press lang add from\n%% %s (its licence: %s.lic.txt).\n%s\n", code, path, name, strings.Join(d.Patterns, "\n"))
	if err := build.WriteAtomic(filepath.Join(dir, name+".pat.txt"), []byte(pat)); err != nil {
		return "", 0, nil, err
	}
	lic := fmt.Sprintf("The patterns in %s.pat.txt come from %s, whose header says:\n\n%s\n", name, path, d.Header)
	if err := build.WriteAtomic(filepath.Join(dir, name+".lic.txt"), []byte(lic)); err != nil {
		return "", 0, nil, err
	}
	return name, len(d.Patterns), d, nil
}
