package serve

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/lang"
	"github.com/press/press/internal/layout"
	"github.com/press/press/internal/render/html"
)

// snapshot is what the pages show: every language with its counts and
// every unit side by side.
type snapshot struct {
	name   string // the manuscript's base name
	source string // the source language
	langs  []langView
	rows   map[string][]row
}

type langView struct {
	Code, Name string
	Stats      catalog.Stats
	Source     bool
}

// row is one unit in the bilingual view.
type row struct {
	ID, Kind             string
	English, Translation string // HTML
	State                string // translated, reviewed, final, draft, stale, missing
	File                 string // the catalogue file, relative to the project
	Line                 int
	Lint                 []catalog.Problem
	Layout               []string
}

func (s *Server) makeSnapshot(cfg build.Config) (*snapshot, error) {
	src, _, err := build.Load(&cfg)
	if err != nil {
		return nil, err
	}
	langs := cfg.Langs
	if len(langs) == 0 {
		if langs, err = build.Languages(cfg.Locales); err != nil {
			return nil, err
		}
	}
	english, err := build.SourceCatalogue(cfg.Locales, src.Meta.SourceLang)
	if err != nil {
		return nil, err
	}
	g, err := catalog.LoadGlossary(filepath.Join(cfg.Locales, "glossary.toml"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	fs := cfg.FontSet()
	sn := &snapshot{name: src.Meta.SourceName, source: src.Meta.SourceLang, rows: map[string][]row{}}
	srcEd, _, err := build.MakeEdition(src, &cfg, english, src.Meta.SourceLang, fs)
	if err != nil {
		return nil, err
	}
	left := unitHTML(srcEd.Doc)
	for _, code := range langs {
		p, err := lang.Get(code)
		if err != nil {
			return nil, err
		}
		lv := langView{Code: code, Name: p.Name, Source: code == src.Meta.SourceLang}
		if lv.Source {
			lv.Stats = catalog.Stats{Lang: code, Units: len(doc.Units(src)), Translated: len(doc.Units(src))}
			sn.langs = append(sn.langs, lv)
			continue
		}
		c, err := catalog.Load(cfg.Locales, code)
		if err != nil {
			return nil, err
		}
		ed, _, err := build.MakeEdition(src, &cfg, english, code, fs)
		if err != nil {
			return nil, err
		}
		lv.Stats = catalog.Status(src, c)
		sn.langs = append(sn.langs, lv)
		script := map[lang.Script]string{lang.Latin: "Latin", lang.Cyrillic: "Cyrillic", lang.Han: "Han"}[p.Script]
		var lint []catalog.Problem
		if g != nil {
			lint = catalog.Lint(src, c, g, script)
		}
		byUnit := map[string][]catalog.Problem{}
		for _, pr := range lint {
			byUnit[pr.ID] = append(byUnit[pr.ID], pr)
		}
		lay := s.layoutProblems(code, src.Meta.SourceName)
		right := unitHTML(ed.Doc)
		rel := func(p string) string {
			if r, err := filepath.Rel(cfg.Root, p); err == nil {
				return filepath.ToSlash(r)
			}
			return p
		}
		for _, u := range doc.Units(src) {
			r := row{ID: u.ID, Kind: u.Kind, English: left[u.ID], Translation: right[u.ID], File: rel(c.Document.Path),
				Lint: byUnit[u.ID], Layout: lay[u.ID]}
			e := c.Document.Get(u.ID)
			switch {
			case e == nil || e.Other == "":
				r.State = "missing"
				r.Translation = ""
			case catalog.IsStale(e, catalog.SourceText(u)):
				r.State = "stale"
			case e.State == catalog.StateDraft:
				r.State = "draft"
			case e.State != "":
				r.State = e.State
			default:
				r.State = "translated"
			}
			if e != nil {
				r.Line = e.Line
			}
			sn.rows[code] = append(sn.rows[code], r)
		}
	}
	return sn, nil
}

// unitHTML renders every unit of an edition, by id.
func unitHTML(d *doc.Document) map[string]string {
	out := map[string]string{}
	for _, u := range doc.Units(d) {
		if u.Text != nil {
			out[u.ID] = html.Esc(*u.Text)
		} else {
			out[u.ID] = html.Fragment(d, *u.Inlines)
		}
	}
	return out
}

// layoutProblems reads the layout report of the language's last PDF
// build, by unit (nothing when there is no PDF yet).
func (s *Server) layoutProblems(code, name string) map[string][]string {
	out := map[string][]string{}
	data, err := os.ReadFile(filepath.Join(s.outDir(), code, name+".layout.json"))
	if err != nil {
		return out
	}
	var rep layout.Report
	if json.Unmarshal(data, &rep) != nil {
		return out
	}
	line := func(what string, ps []layout.LineProblem) {
		for _, p := range ps {
			out[p.Unit] = append(out[p.Unit], what+" on page "+strconv.Itoa(p.Page))
		}
	}
	line("overfull line", rep.Overfull)
	line("loose line", rep.Loose)
	line("three or more hyphens in a row", rep.HyphenRuns)
	for _, u := range rep.Widows {
		out[u] = append(out[u], "widow")
	}
	for _, u := range rep.Orphans {
		out[u] = append(out[u], "orphan")
	}
	for _, u := range rep.HeadingsAtFoot {
		out[u] = append(out[u], "heading at the foot of a page")
	}
	return out
}
