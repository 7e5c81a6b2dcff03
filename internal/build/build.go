// Package build runs the pipeline for each requested edition and format:
// source → reader → model → catalogue → typography → backend → dist/.
package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
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
	Strict   bool
	Jobs     int  // concurrent editions; 0: GOMAXPROCS
	NoCache  bool // rebuild everything, ignoring <out>/.cache
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
	Lang   string        `json:"lang"`
	Path   string        `json:"path"`
	Report layout.Report `json:"report"`
}

// Resolve fills in the defaults of a configuration.
func (c *Config) Resolve() error {
	if c.Root == "" {
		c.Root = "."
	}
	if c.Source == "" {
		m, _ := filepath.Glob(filepath.Join(c.Root, "source", "*.md"))
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
			return fmt.Errorf("unknown format %q (known: %v)", f, FormatNames())
		}
	}
	if c.Jobs <= 0 {
		c.Jobs = runtime.GOMAXPROCS(0)
	}
	return nil
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
	d, warns, err := markdown.ReadFile(c.Source, markdown.Options{Root: c.Root})
	if err != nil {
		return nil, nil, err
	}
	d.Meta.Modified = modified(d)
	return d, warns, nil
}

// modified is SOURCE_DATE_EPOCH when set, else the manuscript's date:
// never the clock, so that builds are reproducible.
func modified(d *doc.Document) string {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC().Format(time.RFC3339)
		}
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
	var cat *catalog.Catalogue
	var warns []string
	if code != src.Meta.SourceLang && !p.Pseudo {
		if st, err := os.Stat(filepath.Join(c.Locales, code)); err != nil || !st.IsDir() {
			// No catalogue yet: the edition is set in this language's
			// typography with every unit and label in English.
			cat = catalog.Empty(c.Locales, code)
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
	return &Edition{Doc: d, Profile: p, Fonts: fs, Layout: layout.Options{Size: c.Size, TwoSided: c.TwoSided, Profile: c.Profile}}, rep.Warnings, nil
}

// Run builds the configured editions.
func Run(c Config) (*Outcome, error) {
	if err := c.Resolve(); err != nil {
		return nil, err
	}
	src, warns, err := Load(&c)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Warnings: warns}
	if len(c.Langs) == 0 {
		if c.Langs, err = Languages(c.Locales); err != nil {
			return nil, err
		}
	}
	english, err := catalog.Load(c.Locales, src.Meta.SourceLang)
	if err != nil {
		return nil, err
	}
	fs := c.FontSet()
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return nil, err
	}
	if c.Strict && len(warns) > 0 {
		return nil, fmt.Errorf("--strict: %s", warns[0])
	}

	type job struct {
		ed     *Edition
		format string
	}
	// Editions are made one by one (cheap); files are rendered in parallel.
	// An edition whose files are all up to date is not even translated.
	cc := openCache(c.Out)
	var jobs []job
	var cached []Result
	for _, code := range c.Langs {
		if !c.NoCache {
			if rs, w, ok := cc.freshEdition(&c, code, src.Meta.SourceName); ok {
				cached = append(cached, rs...)
				out.Warnings = append(out.Warnings, w...)
				continue
			}
		}
		ed, w, err := MakeEdition(src, &c, english, code, fs)
		if err != nil {
			return nil, err
		}
		ed.warnings = w
		out.Warnings = append(out.Warnings, w...)
		for _, f := range c.Formats {
			jobs = append(jobs, job{ed, f})
		}
	}
	results := make([]Result, len(jobs))
	errs := make([]error, len(jobs))
	rendered := make([][]byte, len(jobs))
	keys := make([]string, len(jobs))
	var progress sync.Mutex
	report := func(r Result) {
		if c.Progress != nil {
			progress.Lock()
			c.Progress(r)
			progress.Unlock()
		}
	}
	sem := make(chan struct{}, c.Jobs)
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func(i int, j job) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			code := j.ed.Profile.Code
			path := filepath.Join(c.Out, code, j.ed.Doc.Meta.SourceName+"."+j.format)
			if !c.NoCache {
				key, err := cc.key(&c, code, j.format)
				if err == nil {
					keys[i] = key
					var extra []string
					if j.format == "pdf" {
						extra = append(extra, layoutPath(path))
					}
					if _, ok := cc.fresh(code, j.format, key, path, extra...); ok {
						st, _ := os.Stat(path)
						results[i] = Result{Lang: code, Format: j.format, Path: path, Bytes: int(st.Size()), Elapsed: time.Since(start), Cached: true}
						report(results[i])
						return
					}
				}
			}
			data, pages, err := formats[j.format](j.ed)
			if err != nil {
				errs[i] = fmt.Errorf("%s %s: %w", code, j.format, err)
				return
			}
			rendered[i] = data
			results[i] = Result{Lang: code, Format: j.format, Path: path, Bytes: len(data), Pages: pages, Elapsed: time.Since(start)}
			report(results[i])
		}(i, j)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err // nothing was written
	}
	// Every file rendered: now write them, each atomically, and beside
	// each PDF its layout report.
	for i, r := range results {
		if r.Cached {
			continue
		}
		if err := WriteAtomic(r.Path, rendered[i]); err != nil {
			return nil, err
		}
		if keys[i] != "" {
			if err := cc.record(r.Lang, r.Format, keys[i], rendered[i], jobs[i].ed.warnings); err != nil {
				return nil, err
			}
		}
		if jobs[i].format == "pdf" {
			b, _ := jobs[i].ed.Book()
			data, err := json.MarshalIndent(b.Report, "", "  ")
			if err != nil {
				return nil, err
			}
			path := layoutPath(r.Path)
			if err := WriteAtomic(path, append(data, '\n')); err != nil {
				return nil, err
			}
			out.Layouts = append(out.Layouts, LayoutSummary{Lang: r.Lang, Path: path, Report: b.Report})
		}
	}
	for _, r := range cached {
		report(r)
	}
	out.Results = append(cached, results...)
	sort.SliceStable(out.Results, func(i, j int) bool {
		a, b := out.Results[i], out.Results[j]
		if a.Lang != b.Lang {
			return langIndex(c.Langs, a.Lang) < langIndex(c.Langs, b.Lang)
		}
		return a.Format < b.Format
	})
	if !c.NoCache {
		if err := cc.save(); err != nil {
			return nil, err
		}
	}
	return out, nil
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

// WriteAtomic writes data to path through a temporary file in the same
// folder and a rename, so a reader never sees half a file and a failed
// write leaves the old file as it was.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
