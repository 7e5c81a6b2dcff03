package serve

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"

	"github.com/press/press/internal/bilingual"
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
	in, err := bilingual.Prepare(cfg)
	if err != nil {
		return nil, err
	}
	src := in.Doc
	langs := cfg.Langs
	if len(langs) == 0 {
		if langs, err = build.Languages(cfg.Locales); err != nil {
			return nil, err
		}
	}
	sn := &snapshot{name: src.Meta.SourceName, source: src.Meta.SourceLang, rows: map[string][]row{}}
	left := unitHTML(in.SourceEdition().Doc)
	for _, code := range langs {
		p, err := lang.Get(code)
		if err != nil {
			return nil, err
		}
		lv := langView{Code: code, Name: p.Name, Source: code == src.Meta.SourceLang}
		if lv.Source {
			n := len(doc.Units(src))
			lv.Stats = catalog.Stats{Lang: code, Units: n, Translated: n}
			sn.langs = append(sn.langs, lv)
			continue
		}
		v, err := in.Load(code)
		if err != nil {
			return nil, err
		}
		lv.Stats = v.Stats
		sn.langs = append(sn.langs, lv)
		lay := s.layoutProblems(code, src.Meta.SourceName)
		right := unitHTML(v.Target.Doc)
		for _, u := range v.Units {
			r := row{ID: u.ID, Kind: u.Kind, English: left[u.ID], File: u.File, Line: u.Line, State: u.State, Lint: u.Lint, Layout: lay[u.ID]}
			if u.Target != nil {
				r.Translation = right[u.ID]
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
