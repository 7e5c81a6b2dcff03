// Package bilingual pairs each unit of the manuscript with its
// translation, its state, its place in the catalogue and its lint
// problems: what press serve's bilingual view and press proof show.
package bilingual

import (
	"path/filepath"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/lang"
)

// Unit is one row: the source and the translated unit.
type Unit struct {
	ID, Kind string
	Source   doc.Unit
	Target   *doc.Unit // nil when the edition lacks it
	State    string    // translated, reviewed, final, draft, stale, missing
	File     string    // the catalogue file, relative to the project
	Line     int       // of the unit in File, 0 when it has none
	Lint     []catalog.Problem
}

// View is one language against the source.
type View struct {
	Lang           string
	Profile        *lang.Profile
	Source, Target *build.Edition
	Stats          catalog.Stats
	Units          []Unit
}

// Inputs are what every language's view shares.
type Inputs struct {
	Config   build.Config // resolved
	Doc      *doc.Document
	English  *catalog.Catalogue
	Glossary *catalog.Glossary
	Fonts    *fonts.Set
	source   *build.Edition
}

// Prepare reads the manuscript, the source catalogue and the glossary.
func Prepare(cfg build.Config) (*Inputs, error) {
	src, _, err := build.Load(&cfg)
	if err != nil {
		return nil, err
	}
	english, err := build.SourceCatalogue(cfg.Locales, src.Meta.SourceLang)
	if err != nil {
		return nil, err
	}
	g, err := catalog.LoadGlossary(filepath.Join(cfg.Locales, "glossary.toml"))
	if err != nil {
		return nil, err
	}
	in := &Inputs{Config: cfg, Doc: src, English: english, Glossary: g, Fonts: cfg.FontSet()}
	in.source, _, err = build.MakeEdition(src, &in.Config, english, src.Meta.SourceLang, in.Fonts)
	if err != nil {
		return nil, err
	}
	return in, nil
}

// SourceEdition is the source language's finished edition.
func (in *Inputs) SourceEdition() *build.Edition { return in.source }

// Load pairs the units of one language.
func (in *Inputs) Load(code string) (*View, error) {
	p, err := lang.Get(code)
	if err != nil {
		return nil, err
	}
	c, err := catalog.Load(in.Config.Locales, code)
	if err != nil {
		return nil, err
	}
	ed, _, err := build.MakeEdition(in.Doc, &in.Config, in.English, code, in.Fonts)
	if err != nil {
		return nil, err
	}
	v := &View{Lang: code, Profile: p, Source: in.source, Target: ed, Stats: catalog.Status(in.Doc, c)}
	script := map[lang.Script]string{lang.Latin: "Latin", lang.Cyrillic: "Cyrillic", lang.Han: "Han"}[p.Script]
	byUnit := map[string][]catalog.Problem{}
	for _, pr := range catalog.Lint(in.Doc, c, in.Glossary, script) {
		byUnit[pr.ID] = append(byUnit[pr.ID], pr)
	}
	target := map[string]doc.Unit{}
	for _, u := range doc.Units(ed.Doc) {
		target[u.ID] = u
	}
	source := map[string]doc.Unit{}
	for _, u := range doc.Units(in.source.Doc) {
		source[u.ID] = u
	}
	file := c.Document.Path
	if r, err := filepath.Rel(in.Config.Root, file); err == nil {
		file = filepath.ToSlash(r)
	}
	for _, u := range doc.Units(in.Doc) {
		row := Unit{ID: u.ID, Kind: u.Kind, Source: u, File: file, Lint: byUnit[u.ID]}
		if s, ok := source[u.ID]; ok {
			row.Source = s // with the source edition's typography
		}
		if t, ok := target[u.ID]; ok {
			row.Target = &t
		}
		e := c.Document.Get(u.ID)
		switch {
		case e == nil || e.Other == "":
			row.State = "missing"
			row.Target = nil
		case catalog.IsStale(e, catalog.SourceText(u)):
			row.State = "stale"
		case e.State == catalog.StateDraft:
			row.State = "draft"
		case e.State != "":
			row.State = e.State
		default:
			row.State = "translated"
		}
		if e != nil {
			row.Line = e.Line
		}
		v.Units = append(v.Units, row)
	}
	return v, nil
}
