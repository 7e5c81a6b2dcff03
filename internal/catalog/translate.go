package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/lang"
	"golang.org/x/text/language"
)

// Report says how a translation went: which units fell back to English
// and which translations are stale.
type Report struct {
	Lang     string
	Missing  []string // unit ids shown in English
	Stale    []string // unit ids whose English changed since translation
	Drafts   []string // unit ids whose translation is a draft
	Warnings []string
}

// Translate makes the edition of src in the catalogue's language: a copy
// of the model with every unit replaced by its translation and the
// edition's labels filled in. english is the English catalogue (for
// edition strings a translation lacks); c is nil for the source language.
// With strict, a missing or stale unit is an error.
func Translate(src *doc.Document, english, c *Catalogue, p *lang.Profile, strict bool) (*doc.Document, *Report, error) {
	d := doc.Clone(src)
	d.Meta.Lang = p.Tag
	rep := &Report{Lang: p.Code}
	if c != nil {
		if err := translateUnits(d, c, rep); err != nil {
			return nil, nil, err
		}
	} else if p.Pseudo {
		pseudoUnits(d)
	}
	if err := setLabels(d, english, c, p); err != nil {
		return nil, nil, err
	}
	if len(rep.Missing) > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: %d unit(s) not translated, shown in English: %s", p.Code, len(rep.Missing), list(rep.Missing)))
	}
	if len(rep.Stale) > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: %d stale unit(s) (the English changed since translation): %s", p.Code, len(rep.Stale), list(rep.Stale)))
	}
	if len(rep.Drafts) > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: %d draft unit(s) (not yet marked translated): %s", p.Code, len(rep.Drafts), list(rep.Drafts)))
	}
	if strict && len(rep.Warnings) > 0 {
		return nil, rep, fmt.Errorf("--strict: %s", strings.Join(rep.Warnings, "; "))
	}
	return d, rep, nil
}

func list(ids []string) string {
	if len(ids) > 8 {
		return strings.Join(ids[:8], ", ") + fmt.Sprintf(" … (%d more)", len(ids)-8)
	}
	return strings.Join(ids, ", ")
}

func translateUnits(d *doc.Document, c *Catalogue, rep *Report) error {
	known := map[string]bool{}
	for _, u := range doc.Units(d) {
		known[u.ID] = true
		e := c.Document.Get(u.ID)
		en := SourceText(u)
		if e == nil || strings.TrimSpace(e.Other) == "" {
			rep.Missing = append(rep.Missing, u.ID)
			continue
		}
		stale := IsStale(e, en)
		if stale {
			rep.Stale = append(rep.Stale, u.ID)
		} else if e.State == StateDraft {
			rep.Drafts = append(rep.Drafts, u.ID)
		}
		if u.Text != nil {
			t, err := Decode(e.Other, nil)
			if err != nil {
				return &Error{File: c.Document.Path, Line: e.Line, ID: u.ID, Msg: err.Error()}
			}
			*u.Text = doc.PlainText(t)
			continue
		}
		ins, err := Decode(e.Other, *u.Inlines)
		if err != nil && e.State == StateStale {
			// A stale translation may lack what the new English added (a
			// span, a note): the English stands in until it is updated.
			rep.Warnings = append(rep.Warnings, (&Error{File: c.Document.Path, Line: e.Line, ID: u.ID, Msg: "stale, shown in English: " + err.Error()}).Error())
			continue
		}
		if err != nil {
			return &Error{File: c.Document.Path, Line: e.Line, ID: u.ID, Msg: err.Error()}
		}
		*u.Inlines = ins
	}
	for _, e := range c.Document.Entries {
		if !known[e.ID] {
			return &Error{File: c.Document.Path, Line: e.Line, ID: e.ID, Msg: "unknown unit id (not in the source); `press sync` moves it to " + ObsoleteFile}
		}
	}
	return nil
}

// setLabels localizes the edition's own words and the derived numbers.
func setLabels(d *doc.Document, english, c *Catalogue, p *lang.Profile) error {
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	add := func(f *File, tag language.Tag) error {
		if f == nil {
			return nil
		}
		for _, e := range f.Entries {
			if err := checkTemplate(e); err != nil {
				return &Error{File: f.Path, Line: e.Line, ID: e.ID, Msg: err.Error()}
			}
			m := &i18n.Message{ID: e.ID, Description: e.Description, Other: e.Other,
				Zero: e.Zero, One: e.One, Two: e.Two, Few: e.Few, Many: e.Many}
			if err := bundle.AddMessages(tag, m); err != nil {
				return &Error{File: f.Path, Line: e.Line, ID: e.ID, Msg: err.Error()}
			}
		}
		return nil
	}
	if err := add(english.Edition, language.English); err != nil {
		return err
	}
	tag := language.English
	if c != nil {
		var err error
		if tag, err = language.Parse(p.Tag); err != nil {
			return err
		}
		if err := add(c.Edition, tag); err != nil {
			return err
		}
	}
	loc := i18n.NewLocalizer(bundle, tag.String(), "en")
	var firstErr error
	msg := func(id string, data map[string]any, count any) string {
		cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data}
		if count != nil {
			cfg.PluralCount = count
		}
		s, err := loc.Localize(cfg)
		if err != nil && firstErr == nil {
			file := english.Edition.Path
			if c != nil {
				file = c.Edition.Path
			}
			firstErr = &Error{File: file, ID: id, Msg: err.Error()}
		}
		if p.Pseudo {
			s = pseudo(s)
		}
		return s
	}
	L := &d.Labels
	L.Contents = msg("contents", nil, nil)
	L.Notes = msg("notes", nil, nil)
	L.Source = msg("source", nil, nil)
	L.ImageNotIncluded = msg("image-not-included", nil, nil)
	L.BackToText = msg("back-to-text", nil, nil)
	L.AccessibilitySummary = msg("a11y-summary", nil, nil)
	L.TitlePage = msg("title-page", nil, nil)
	L.LabelSep = p.LabelSep
	L.OpenQuote, L.CloseQuote = p.Quotes[0], p.Quotes[1]
	L.NoteRef = func(n int) string { return msg("note-ref", map[string]any{"N": n}, nil) }
	L.PageOf = func(n int) string { return msg("page", map[string]any{"N": n}, nil) }
	L.Colophon = msg("colophon", nil, nil)
	L.ColophonText = []string{msg("colophon.notes", map[string]any{"Count": len(d.Notes)}, len(d.Notes))}
	missing := 0
	for _, b := range d.Blocks {
		if f, ok := b.(*doc.Figure); ok && f.ImageData == nil {
			missing++
		}
	}
	L.ColophonScreen = slices.Clone(L.ColophonText)
	if missing > 0 {
		L.ColophonText = append(L.ColophonText, msg("colophon.figures", map[string]any{"Count": missing}, missing))
		L.ColophonScreen = append(L.ColophonScreen, msg("colophon.figures-screen", map[string]any{"Count": missing}, missing))
	}
	if d.Meta.Year > 0 {
		y := strconv.Itoa(d.Meta.Year)
		if d.Meta.Month > 0 {
			month := msg("month."+strconv.Itoa(d.Meta.Month), nil, nil)
			d.Meta.DateText = msg("date", map[string]any{"Month": month, "Year": y}, nil)
		} else {
			d.Meta.DateText = y
		}
	}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			if !b.Numbered || len(b.Number) == 0 {
				continue
			}
			if len(b.Number) == 1 {
				b.Label = msg("chapter", map[string]any{"N": p.Numeral(b.Number[0])}, nil)
			} else {
				parts := make([]string, len(b.Number))
				for i, n := range b.Number {
					parts[i] = strconv.Itoa(n)
				}
				b.Label = msg("section", map[string]any{"N": strings.Join(parts, ".")}, nil)
			}
		case *doc.Figure:
			if b.Number > 0 {
				b.Label = msg("figure."+b.Kind, map[string]any{"N": b.Number}, nil)
			}
		}
	}
	// Run both once so a broken template is reported now, not mid-render.
	L.NoteRef(1)
	L.PageOf(1)
	return firstErr
}

// templateFields are what edition strings may use: go-i18n runs them as
// Go templates, so anything else ({{range}}, {{printf}}, {{template}}, a
// field press does not pass) is refused rather than executed.
var (
	templateFields = []string{"N", "Count", "Month", "Year"}
	templateAction = regexp.MustCompile(`^\{\{\s*\.(\w+)\s*\}\}`)
)

func checkTemplate(e *Entry) error {
	for _, s := range []string{e.Zero, e.One, e.Two, e.Few, e.Many, e.Other} {
		for i := strings.Index(s, "{{"); i >= 0; {
			m := templateAction.FindStringSubmatch(s[i:])
			if m == nil || !slices.Contains(templateFields, m[1]) {
				action := s[i:]
				if j := strings.Index(action, "}}"); j >= 0 {
					action = action[:j+2]
				}
				return fmt.Errorf("template %q: edition strings may use only {{.N}}, {{.Count}}, {{.Month}} and {{.Year}}", clip(action))
			}
			next := strings.Index(s[i+len(m[0]):], "{{")
			if next < 0 {
				break
			}
			i += len(m[0]) + next
		}
	}
	return nil
}

// IsStale says whether an entry's translation is not of the English en:
// marked stale, or made from other English.
func IsStale(e *Entry, en string) bool {
	return e.State == StateStale || e.Hash != Hash(en)
}

// Stats counts a catalogue's state against the source. Only translated
// units (translated, reviewed or final, of today's English) count as done.
type Stats struct {
	Lang            string  `json:"lang"`
	Units           int     `json:"units"`
	Translated      int     `json:"translated"`
	Reviewed        int     `json:"reviewed"` // of Translated, reviewed or final
	Draft           int     `json:"draft"`
	Stale           int     `json:"stale"`
	Missing         int     `json:"missing"`
	Words           int     `json:"words"`
	WordsTranslated int     `json:"words_translated"`
	WordsDraft      int     `json:"words_draft"`
	WordsStale      int     `json:"words_stale"`
	WordsMissing    int     `json:"words_missing"`
	Percent         float64 `json:"percent"`
	Obsolete        int     `json:"obsolete"`
	Queries         int     `json:"queries"` // units with a translator's note
	// The edition's own words (edition.toml), counted apart from the
	// manuscript's units.
	EditionStrings    int `json:"edition_strings"`
	EditionTranslated int `json:"edition_translated"`
	EditionStale      int `json:"edition_stale"`
	EditionMissing    int `json:"edition_missing"`
}

// EditionStatus counts a language's edition strings against the English.
func EditionStatus(s *Stats, english, c *Catalogue) {
	for _, en := range english.Edition.Entries {
		s.EditionStrings++
		e := c.Edition.Get(en.ID)
		switch {
		case e == nil || e.Other == "":
			s.EditionMissing++
		case EditionStale(e, en):
			s.EditionStale++
		default:
			s.EditionTranslated++
		}
		if e != nil && e.Note != "" {
			s.Queries++
		}
	}
}

// Status compares a catalogue with the source document.
func Status(src *doc.Document, c *Catalogue) Stats {
	s := Stats{Lang: c.Lang}
	for _, u := range doc.Units(src) {
		en := SourceText(u)
		w := len(strings.Fields(plainOf(u)))
		s.Units++
		s.Words += w
		e := c.Document.Get(u.ID)
		switch {
		case e == nil || strings.TrimSpace(e.Other) == "":
			s.Missing++
			s.WordsMissing += w
		case IsStale(e, en):
			s.Stale++
			s.WordsStale += w
		case e.State == StateDraft:
			s.Draft++
			s.WordsDraft += w
		default:
			s.Translated++
			s.WordsTranslated += w
			if e.State == StateReviewed || e.State == StateFinal {
				s.Reviewed++
			}
		}
		if e != nil && e.Note != "" {
			s.Queries++
		}
	}
	s.Obsolete = len(c.Obsolete.Entries)
	if s.Words > 0 {
		s.Percent = 100 * float64(s.WordsTranslated) / float64(s.Words)
	}
	return s
}

func plainOf(u doc.Unit) string {
	if u.Text != nil {
		return *u.Text
	}
	return doc.PlainText(*u.Inlines)
}

// SortedIDs is a helper for stable output.
func SortedIDs(m map[string]bool) []string {
	var ids []string
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
