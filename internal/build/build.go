// Package build runs the pipeline for each requested edition and format:
// source → reader → model → catalogue → typography → backend → dist/.
package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/hyph"
	"github.com/press/press/internal/lang"
	"github.com/press/press/internal/layout"
	"github.com/press/press/internal/markdown"
	"github.com/press/press/internal/typo"
)

// Config says what to build.
type Config struct {
	Root     string   // project folder
	Source   string   // manuscript, relative to Root or absolute
	Locales  string   // locales folder (default Root/locales)
	Fonts    string   // fonts folder (default Root/fonts)
	Out      string   // output folder (default Root/dist)
	Langs    []string // language codes; empty: every locale folder
	Formats  []string // pdf, epub, docx; empty: all
	Size     string   // page size for PDF
	TwoSided bool
	Profile  string // printer profile for PDF: screen (default), kdp, ingram, lulu, offset
	TOCDepth int    // deepest heading level in the contents of every format (0: 2)
	Strict   bool
	// Unnumbered turns heading numbers (and so "Chapter N" labels) off;
	// their wording is the edition's ("chapter" in edition.toml).
	Unnumbered bool
	Jobs       int  // files made at once; 0: GOMAXPROCS
	NoCache    bool // rebuild everything, ignoring <out>/.cache
	// FontFiles overrides the font file of some roles (press.toml).
	FontFiles map[fonts.Role]string
	// Progress, when set, hears of each file as it is done (from any
	// goroutine, one call at a time).
	Progress func(Result)
}

// Edition is a translated, typographically finished document with what
// backends need besides it.
type Edition struct {
	Doc      *doc.Document
	Profile  *lang.Profile
	Fonts    *fonts.Set
	Layout   layout.Options
	book     *layout.Book
	bookErr  error
	once     sync.Once
	warnings []string // the translation's, kept with the cache

	catalog *catalog.Catalogue // the language's, nil for the source language
	source  string             // the manuscript's path

	side sync.Map // format → map[string][]byte: files beside the main one (html)

	subsetMu sync.Mutex
	runes    []rune        // the edition's characters, once asked for
	has      map[rune]bool // the same, to look up
	subsets  map[*fonts.Face]*subset
}

type subset struct {
	once sync.Once
	data []byte
	err  error
}

// Subset cuts a face down to the edition's characters (and need, when it
// has any the edition's text lacks), once per face: the PDF and the EPUB
// of an edition share it, and a Chinese face is costly to cut.
func (e *Edition) Subset(f *fonts.Face, need []rune) ([]byte, error) {
	if !e.ownFace(f) {
		// A fallback face (Han or Hangul in an English book) draws a few
		// characters: only those.
		return f.Subset(need)
	}
	e.subsetMu.Lock()
	if e.has == nil {
		// With the Latin ligatures the PDF draws by their presentation
		// forms (package shape), so that they are in the shared subset.
		e.runes = append(EditionRunes(e.Doc), []rune("\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06")...)
		e.has = make(map[rune]bool, len(e.runes))
		for _, r := range e.runes {
			e.has[r] = true
		}
		e.subsets = map[*fonts.Face]*subset{}
	}
	var extra []rune
	for _, r := range need {
		if !e.has[r] {
			extra = append(extra, r)
		}
	}
	s := e.subsets[f]
	if s == nil {
		s = &subset{}
		e.subsets[f] = s
	}
	e.subsetMu.Unlock()
	if len(extra) > 0 {
		return f.Subset(append(slices.Clone(e.runes), extra...)) // unusual: not shared
	}
	s.once.Do(func() { s.data, s.err = f.Subset(e.runes) })
	return s.data, s.err
}

// ownFace says whether f is one of the faces of the edition's script
// (not one the layout fell back on for a character they lack).
func (e *Edition) ownFace(f *fonts.Face) bool {
	for _, r := range fonts.Roles(e.Profile.Script == lang.Han) {
		if g, err := e.Fonts.Get(r); err == nil && g == f {
			return true
		}
	}
	return false
}

// Book typesets the edition once, for every format that needs pages.
func (e *Edition) Book() (*layout.Book, error) {
	e.once.Do(func() { e.book, e.bookErr = layout.Layout(e.Doc, e.Fonts, e.Profile, e.Layout) })
	return e.book, e.bookErr
}

// Result is one written file.
type Result struct {
	Lang    string        `json:"lang"`
	Format  string        `json:"format"`
	Path    string        `json:"path"`
	Bytes   int           `json:"bytes"`
	Pages   int           `json:"pages,omitempty"`
	Elapsed time.Duration `json:"elapsed_ns"`
	Cached  bool          `json:"cached"` // up to date: not rebuilt
}

// Outcome is what a build did.
type Outcome struct {
	Results  []Result
	Warnings []string
	Layouts  []LayoutSummary
}

// LayoutSummary is one PDF's layout report.
type LayoutSummary struct {
	Lang     string        `json:"lang"`
	Path     string        `json:"path"`
	Report   layout.Report `json:"report"`
	warnings []string      // what the PDF could not show as written
}

// layoutWarnings are the problems of the layout report a reader would
// notice, each at the file and line of its unit.
func (e *Edition) layoutWarnings(r layout.Report) []string {
	var ws []string
	for _, p := range r.Broken {
		ws = append(ws, fmt.Sprintf("%s: unit %s (%s): %q has no break point and is longer than the line: cut at the margin", e.place(p.Unit), p.Unit, e.Profile.Code, p.Text))
	}
	for _, p := range r.CodePoints {
		c := []rune(p.Text)[0]
		ws = append(ws, fmt.Sprintf("%s: unit %s (%s): %q (%U) is beyond U+FFFF, which the PDF writer cannot draw: the PDF prints [%U]", e.place(p.Unit), p.Unit, e.Profile.Code, p.Text, c, c))
	}
	return ws
}

// place is the file and line of a unit: its catalogue entry when the
// edition has a translation of it, else the manuscript.
func (e *Edition) place(unit string) string {
	if e.catalog != nil && e.catalog.Document != nil {
		if en := e.catalog.Document.Get(unit); en != nil && en.Line > 0 && en.Other != "" {
			return fmt.Sprintf("%s:%d", e.catalog.Document.Path, en.Line)
		}
	}
	if n := e.Doc.Meta.Lines[unit]; n > 0 {
		return fmt.Sprintf("%s:%d", e.source, n)
	}
	return e.source
}

// manuscripts lists dir's *.md files except those named in capitals
// (CORRECTIONS.md, README.md): those are about the manuscript, not one.
func manuscripts(dir string) []string {
	all, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	var m []string
	for _, f := range all {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		if name != "" && name == strings.ToUpper(name) && name != strings.ToLower(name) {
			continue
		}
		m = append(m, f)
	}
	return m
}

// Resolve fills in the defaults of a configuration.
func (c *Config) Resolve() error {
	if c.Root == "" {
		c.Root = "."
	}
	if c.Source == "" {
		m := manuscripts(filepath.Join(c.Root, "source"))
		if len(m) != 1 {
			return fmt.Errorf("%s: expected one manuscript source/*.md, found %d: name it on the command line", filepath.Join(c.Root, "source"), len(m))
		}
		c.Source = m[0]
	} else if !filepath.IsAbs(c.Source) {
		if _, err := os.Stat(c.Source); err != nil {
			c.Source = filepath.Join(c.Root, c.Source)
		}
	}
	if c.Locales == "" {
		c.Locales = filepath.Join(c.Root, "locales")
	}
	if c.Fonts == "" {
		c.Fonts = filepath.Join(c.Root, "fonts")
	}
	if c.Out == "" {
		c.Out = filepath.Join(c.Root, "dist")
	}
	if len(c.Formats) == 0 {
		c.Formats = FormatNames()
	}
	for _, f := range c.Formats {
		if _, ok := formats[f]; !ok {
			return fmt.Errorf("unknown format %q (known: %v)", f, AllFormatNames())
		}
	}
	if c.Jobs <= 0 {
		c.Jobs = runtime.GOMAXPROCS(0)
	}
	// The project's language profiles (locales/<code>/language.toml) add
	// to and override press's own.
	return lang.Load(c.Locales)
}

// FontSet prepares the configured fonts.
func (c *Config) FontSet() *fonts.Set {
	fs := fonts.NewSet(c.Fonts)
	fs.Files = c.FontFiles
	return fs
}

// Languages lists the locale folders that hold a catalogue, English first.
func Languages(locales string) ([]string, error) {
	ents, err := os.ReadDir(locales)
	if errors.Is(err, os.ErrNotExist) {
		return []string{"en"}, nil // no project: a lone manuscript's English edition
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		if _, err := lang.Get(e.Name()); err != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(locales, e.Name(), catalog.EditionFile)); err == nil {
			out = append(out, e.Name())
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i] == "en") != (out[j] == "en") {
			return out[i] == "en"
		}
		return out[i] < out[j]
	})
	return out, nil
}

// Load reads the manuscript and sets its build date.
func Load(c *Config) (*doc.Document, []string, error) {
	d, warns, err := markdown.ReadFile(c.Source, markdown.Options{Root: c.Root, Unnumbered: c.Unnumbered})
	if err != nil {
		return nil, nil, err
	}
	d.Meta.Modified = modified(c, d)
	return d, warns, nil
}

// lastCommit is the commit time of the last commit touching the build's
// inputs, when the project is in a git work tree and git is installed.
// It is asked once per inputs (the cache key asks for every file).
func lastCommit(c *Config) (time.Time, error) {
	var inputs []string
	for _, p := range []string{c.Source, filepath.Join(filepath.Dir(c.Source), "figures"), c.Locales} {
		abs, err := filepath.Abs(p)
		if err != nil {
			return time.Time{}, err
		}
		inputs = append(inputs, abs)
	}
	key := strings.Join(append([]string{c.Root}, inputs...), "\x00")
	commitTimes.Lock()
	defer commitTimes.Unlock()
	if r, ok := commitTimes.m[key]; ok {
		return r.t, r.err
	}
	args := append([]string{"-C", c.Root, "log", "-1", "--format=%ct", "--"}, inputs...)
	var r struct {
		t   time.Time
		err error
	}
	out, err := exec.Command("git", args...).Output()
	if err == nil {
		var n int64
		n, err = strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
		r.t = time.Unix(n, 0)
	}
	r.err = err
	if commitTimes.m == nil {
		commitTimes.m = map[string]struct {
			t   time.Time
			err error
		}{}
	}
	commitTimes.m[key] = r
	return r.t, r.err
}

var commitTimes struct {
	sync.Mutex
	m map[string]struct {
		t   time.Time
		err error
	}
}

// modified is SOURCE_DATE_EPOCH when set, else the time of the last
// commit that touched the inputs (the manuscript, its figures, the
// catalogues), else the manuscript's date: never the clock, so that
// builds are reproducible.
func modified(c *Config, d *doc.Document) string {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC().Format(time.RFC3339)
		}
	}
	if t, err := lastCommit(c); err == nil {
		return t.UTC().Format(time.RFC3339)
	}
	y, m := d.Meta.Year, d.Meta.Month
	if y == 0 {
		y = 2000
	}
	if m == 0 {
		m = 1
	}
	return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
}

// MakeEdition translates and finishes the document for one language.
func MakeEdition(src *doc.Document, c *Config, english *catalog.Catalogue, code string, fs *fonts.Set) (*Edition, []string, error) {
	p, err := lang.Get(code)
	if err != nil {
		return nil, nil, err
	}
	fs = EditionFonts(c, p, fs)
	var cat *catalog.Catalogue
	var warns []string
	if code != src.Meta.SourceLang && !p.Pseudo {
		if st, err := os.Stat(filepath.Join(c.Locales, code)); err != nil || !st.IsDir() {
			// No catalogue yet: the edition is set in this language's
			// typography with every unit and label in English.
			cat = BuiltinCatalogue(c.Locales, code)
			warns = append(warns, fmt.Sprintf("%s: no catalogue in %s: every unit is in English (press sync --lang %s starts one)", code, filepath.Join(c.Locales, code), code))
		} else if cat, err = catalog.Load(c.Locales, code); err != nil {
			return nil, nil, err
		}
	}
	d, rep, err := catalog.Translate(src, english, cat, p, c.Strict)
	if err != nil {
		return nil, nil, err
	}
	typo.Apply(d, p)
	// Each language is its own edition for reading systems.
	d.Meta.Identifier = src.Meta.Identifier + ":" + p.Tag
	if len(warns) > 0 {
		rep.Warnings = append(warns, rep.Warnings[1:]...) // one warning for the fallback, not two
	}
	return &Edition{Doc: d, Profile: p, Fonts: fs, Layout: layout.Options{Size: c.Size, TwoSided: c.TwoSided, Profile: c.Profile, TOCDepth: c.TOCDepth},
		catalog: cat, source: c.Source}, rep.Warnings, nil
}

// locate puts the file and line of the unit a missing-glyph error names
// in front of it: the translator mends the catalogue entry, the author
// the manuscript.
func (e *Edition) locate(err error) error {
	var all *layout.MissingGlyphsError
	if errors.As(err, &all) {
		lines := make([]string, len(all.List))
		for i, m := range all.List {
			lines[i] = e.locate(m).Error()
		}
		return fmt.Errorf("%d characters that no shipped font has:\n  %s", len(all.List), strings.Join(lines, "\n  "))
	}
	var mg *layout.MissingGlyphError
	if !errors.As(err, &mg) {
		return err
	}
	if e.catalog != nil {
		for _, f := range []*catalog.File{e.catalog.Document, e.catalog.Edition} {
			if f == nil {
				continue
			}
			if en := f.Get(mg.Unit); en != nil && en.Line > 0 && en.Other != "" {
				return fmt.Errorf("%s:%d: %w", f.Path, en.Line, err)
			}
		}
	}
	if e.source != "" {
		if n := e.Doc.Meta.Lines[mg.Unit]; n > 0 {
			return fmt.Errorf("%s:%d: %w", e.source, n, err)
		}
		return fmt.Errorf("%s: %w", e.source, err)
	}
	return err
}

// Run builds the configured editions: every file of every language is a
// job, run by c.Jobs workers, the longest first; each language's
// edition is translated once, by the first of its jobs that needs it.
// Files are staged and put in place only when all of them were made.
func Run(c Config) (*Outcome, error) {
	if err := c.Resolve(); err != nil {
		return nil, err
	}
	var err error
	if len(c.Langs) == 0 {
		if c.Langs, err = Languages(c.Locales); err != nil {
			return nil, err
		}
	}
	fs := c.FontSet()
	// Faces and patterns load while the manuscript is read.
	defer warm(fs, c.Langs)()
	// The source language is nearly always English: its catalogue loads
	// while the manuscript is read, and again if the manuscript says
	// otherwise.
	const likely = "en"
	type loaded struct {
		cat *catalog.Catalogue
		err error
	}
	early := make(chan loaded, 1)
	go func() {
		cat, err := SourceCatalogue(c.Locales, likely)
		early <- loaded{cat, err}
	}()
	src, warns, err := Load(&c)
	first := <-early
	if err != nil {
		return nil, err
	}
	out := &Outcome{Warnings: warns}
	english, err := first.cat, first.err
	if src.Meta.SourceLang != likely {
		english, err = SourceCatalogue(c.Locales, src.Meta.SourceLang)
	}
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return nil, err
	}
	// The reader's warnings (a figure without an image) are notices, not
	// --strict failures: the edition prints a marked frame and says so in
	// its colophon. --strict fails on what a translator can fix: units
	// untranslated or stale (catalog.Translate names them).

	cc := openCache(c.Out)
	// One edition per language, made on first use.
	type edition struct {
		once  sync.Once
		ed    *Edition
		err   error
		mu    sync.Mutex
		warns []string // the translation's, or a cached file's
		made  bool
	}
	eds := make([]*edition, len(c.Langs))
	for i := range eds {
		eds[i] = &edition{}
	}
	makeEdition := func(i int) (*Edition, error) {
		e := eds[i]
		e.once.Do(func() {
			ed, w, err := MakeEdition(src, &c, english, c.Langs[i], fs)
			if err != nil {
				e.err = err
				return
			}
			ed.warnings = w
			e.mu.Lock()
			e.ed, e.warns, e.made = ed, w, true
			e.mu.Unlock()
		})
		return e.ed, e.err
	}

	type job struct {
		lang   int
		format string
	}
	var jobs []job
	for _, f := range jobOrder(c.Formats) {
		for _, i := range langOrder(c.Langs) {
			jobs = append(jobs, job{i, f})
		}
	}
	var st stage
	results := make([]Result, len(jobs))
	errs := make([]error, len(jobs))
	layouts := make([]*LayoutSummary, len(jobs))
	var progress sync.Mutex
	report := func(r Result) {
		if c.Progress != nil {
			progress.Lock()
			c.Progress(r)
			progress.Unlock()
		}
	}
	do := func(k int) error {
		j := jobs[k]
		start := time.Now()
		code := c.Langs[j.lang]
		path := OutputPath(c.Out, code, src.Meta.SourceName, j.format)
		key := ""
		if !c.NoCache {
			if sum, err := cc.key(&c, code, j.format); err == nil {
				key = sum
				var extra []string
				if j.format == "pdf" {
					extra = append(extra, layoutPath(path))
					if p, err := layout.ProfileByName(c.Profile); err == nil && p.Cover != nil {
						extra = append(extra, coverPath(path))
					}
				}
				if j.format == "html" {
					extra = append(extra, filepath.Join(filepath.Dir(path), "style.css"))
				}
				if w, ok := cc.fresh(code, j.format, key, path, extra...); ok {
					e := eds[j.lang]
					e.mu.Lock()
					if !e.made {
						e.warns = w
					}
					e.mu.Unlock()
					fi, err := os.Stat(path)
					if err != nil {
						return err
					}
					// Up to date though an input was touched: say so on
					// disk too, for press verify and make.
					if in, when := NewerInput(&c, code, src.Meta.SourceLang, fi.ModTime()); in != "" {
						now := time.Now()
						if when.After(now) {
							now = when // an input dated ahead of the clock
						}
						os.Chtimes(path, now, now)
					}
					results[k] = Result{Lang: code, Format: j.format, Path: path, Bytes: int(fi.Size()), Elapsed: time.Since(start), Cached: true}
					return nil
				}
			}
		}
		ed, err := makeEdition(j.lang)
		if err != nil {
			return err
		}
		data, pages, err := formats[j.format](ed)
		if err != nil {
			return fmt.Errorf("%s %s: %w", code, j.format, err)
		}
		if err := st.write(path, data); err != nil {
			return err
		}
		if err := ed.writeSideFiles(&st, j.format, filepath.Dir(path)); err != nil {
			return err
		}
		if j.format == "pdf" {
			b, _ := ed.Book()
			rep, err := json.MarshalIndent(b.Report, "", "  ")
			if err != nil {
				return err
			}
			lp := layoutPath(path)
			if err := st.write(lp, append(rep, '\n')); err != nil {
				return err
			}
			layouts[k] = &LayoutSummary{Lang: code, Path: lp, Report: b.Report, warnings: ed.layoutWarnings(b.Report)}
			cov, err := ed.CoverPDF(b)
			if err != nil {
				return fmt.Errorf("%s cover: %w", code, err)
			}
			if cov != nil {
				if err := st.write(coverPath(path), cov); err != nil {
					return err
				}
			}
		}
		if key != "" {
			if err := cc.record(&st, code, j.format, key, data, ed.warnings); err != nil {
				return err
			}
		}
		results[k] = Result{Lang: code, Format: j.format, Path: path, Bytes: len(data), Pages: pages, Elapsed: time.Since(start)}
		report(results[k])
		return nil
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(c.Jobs, len(jobs)) {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(jobs) {
					return
				}
				errs[k] = do(k)
			}
		})
	}
	wg.Wait()
	// The first error in language order, as a build one by one would meet.
	err = firstError(jobs, errs, func(j job) int { return j.lang })
	if err == nil && !c.NoCache {
		err = cc.save(&st)
	}
	if err != nil {
		st.abort()
		return nil, err
	}
	if err := st.commit(); err != nil {
		return nil, err
	}
	for _, e := range eds {
		out.Warnings = append(out.Warnings, e.warns...)
	}
	for k, r := range results {
		if r.Cached {
			report(r)
		}
		if layouts[k] != nil {
			out.Layouts = append(out.Layouts, *layouts[k])
			out.Warnings = append(out.Warnings, layouts[k].warnings...)
		}
	}
	out.Results = results
	sort.SliceStable(out.Results, func(i, j int) bool {
		a, b := out.Results[i], out.Results[j]
		if a.Lang != b.Lang {
			return langIndex(c.Langs, a.Lang) < langIndex(c.Langs, b.Lang)
		}
		return a.Format < b.Format
	})
	sort.SliceStable(out.Layouts, func(i, j int) bool {
		return langIndex(c.Langs, out.Layouts[i].Lang) < langIndex(c.Langs, out.Layouts[j].Lang)
	})
	return out, nil
}

// firstError is the error of the earliest language (then format) that
// failed, so that the message does not depend on which worker was first.
func firstError[J any](jobs []J, errs []error, lang func(J) int) error {
	best := -1
	for k, err := range errs {
		if err != nil && (best < 0 || lang(jobs[k]) < lang(jobs[best])) {
			best = k
		}
	}
	if best < 0 {
		return nil
	}
	return errs[best]
}

// jobOrder puts the formats in the order their jobs start: the PDF, which
// also typesets, takes longest.
func jobOrder(formats []string) []string {
	weight := map[string]int{"pdf": 0, "epub": 1, "docx": 2}
	out := append([]string(nil), formats...)
	sort.SliceStable(out, func(i, j int) bool {
		wi, ok := weight[out[i]]
		if !ok {
			wi = len(weight)
		}
		wj, ok := weight[out[j]]
		if !ok {
			wj = len(weight)
		}
		return wi < wj
	})
	return out
}

// langOrder lists the language indexes with Chinese editions first: they
// carry the largest fonts.
func langOrder(langs []string) []int {
	var han, rest []int
	for i, l := range langs {
		if p, err := lang.Get(l); err == nil && p.Script == lang.Han {
			han = append(han, i)
		} else {
			rest = append(rest, i)
		}
	}
	return append(han, rest...)
}

// warm loads, in the background, the faces and the hyphenation patterns
// the languages need; the returned func waits for it to finish. Errors
// are left for the layout, which reports them with their context.
func warm(fs *fonts.Set, langs []string) func() {
	han := false
	var profiles []*lang.Profile
	for _, l := range langs {
		if p, err := lang.Get(l); err == nil {
			profiles = append(profiles, p)
			han = han || p.Script == lang.Han
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, r := range fonts.Roles(han) {
			fs.Get(r)
		}
	})
	wg.Go(func() {
		hyph.For("en", 2, 3) // Latin words in every edition
		for _, p := range profiles {
			hyph.For(p.Code, p.LeftMin, p.RightMin)
		}
	})
	return wg.Wait
}

func langIndex(langs []string, l string) int {
	for i, x := range langs {
		if x == l {
			return i
		}
	}
	return len(langs)
}

func layoutPath(pdf string) string { return strings.TrimSuffix(pdf, ".pdf") + ".layout.json" }
