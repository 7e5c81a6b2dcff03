package catalog

import (
	"fmt"
	"strings"
)

// EditionHash identifies an English edition string: its text and plural
// forms.
func EditionHash(en *Entry) string {
	return Hash(strings.Join([]string{en.Zero, en.One, en.Two, en.Few, en.Many, en.Other}, "\x00"))
}

// EditionStale says whether a language's edition string no longer
// renders the English en: marked stale, or of other English. A string
// without a hash (from before edition strings were hashed) is taken as
// current until sync gives it one.
func EditionStale(e, en *Entry) bool {
	return e.State == StateStale || (e.Hash != "" && e.Hash != EditionHash(en))
}

// EditionReport says what a sync changed in a language's edition file.
type EditionReport struct {
	Hashed, NewlyStale int
}

// SyncEdition brings a language's edition strings in line with the
// English ones. An edition string's hash is the English it stands for; a
// string whose English changed is marked stale and takes the new hash at
// once, so the translator accepts it by deleting the state line. A string
// without a hash is given the English's (the one-time migration of
// catalogues from before hashes). Nothing is added or removed: a missing
// string falls back to English, and lint names it.
func SyncEdition(english, c *Catalogue) ([]*Entry, EditionReport) {
	var rep EditionReport
	var out []*Entry
	for _, e := range c.Edition.Entries {
		cp := *e
		en := english.Edition.Get(e.ID)
		if en != nil {
			h := EditionHash(en)
			switch {
			case cp.Hash == "":
				cp.Hash = h
				rep.Hashed++
			case cp.Hash != h:
				cp.Hash, cp.State = h, StateStale
				rep.NewlyStale++
			}
		}
		out = append(out, &cp)
	}
	return out, rep
}

// EditionHeader is the comment of an edition file that has none.
func EditionHeader(lang string) string {
	return "The edition's own words (" + lang + "). go-i18n message file.\n" +
		"{{.N}}, {{.Count}}, {{.Month}}, {{.Year}} are filled in by press; keep them."
}

// pluralCategories are the CLDR plural categories of a language's
// integers, as go-i18n uses them.
var pluralCategories = map[string][]string{
	"en": {"one", "other"},
	"kk": {"one", "other"},
	"ru": {"one", "few", "many", "other"},
	"zh": {"other"},
}

// PluralCategories are the plural forms an edition string with a count
// has in lang.
func PluralCategories(lang string) []string {
	if c, ok := pluralCategories[lang]; ok {
		return c
	}
	return pluralCategories["en"]
}

// Form is one plural form of an edition string.
type Form struct {
	Category string // CLDR: one, few, many, other…
	English  string // the English form that stands for it
	Target   string
}

// EditionUnit is an edition string as exchange formats write it.
type EditionUnit struct {
	ID          string
	Description string // what the string is for
	English     string // the English (its "other" form)
	EnglishOne  string // a string with a count: the English "one" form
	Target      string
	Forms       []Form // plural forms, when the English has them
	State       string // as ExchangeUnit.State (no previous English: only its hash is kept)
	Note        string
	Line        int
}

// Get returns a plural form of an entry by CLDR category.
func (e *Entry) Form(category string) string {
	switch category {
	case "zero":
		return e.Zero
	case "one":
		return e.One
	case "two":
		return e.Two
	case "few":
		return e.Few
	case "many":
		return e.Many
	}
	return e.Other
}

// SetForm sets a plural form of an entry by CLDR category.
func (e *Entry) SetForm(category, s string) {
	switch category {
	case "zero":
		e.Zero = s
	case "one":
		e.One = s
	case "two":
		e.Two = s
	case "few":
		e.Few = s
	case "many":
		e.Many = s
	default:
		e.Other = s
	}
}

func isPlural(en *Entry) bool {
	return en.Zero != "" || en.One != "" || en.Two != "" || en.Few != "" || en.Many != ""
}

// EditionUnits lists the English edition strings with their translations
// in c.
func EditionUnits(english, c *Catalogue) []EditionUnit {
	var out []EditionUnit
	for _, en := range english.Edition.Entries {
		x := EditionUnit{ID: en.ID, Description: en.Description, English: en.Other, State: StateNew}
		e := c.Edition.Get(en.ID)
		if e != nil {
			x.Target, x.Note, x.Line = e.Other, e.Note, e.Line
			if e.Other != "" {
				switch {
				case EditionStale(e, en):
					x.State = StateStale
				case e.State == "":
					x.State = StateTranslated
				default:
					x.State = e.State
				}
			}
		}
		if isPlural(en) {
			x.EnglishOne = en.One
			if x.EnglishOne == "" {
				x.EnglishOne = en.Other
			}
			for _, cat := range PluralCategories(c.Lang) {
				f := Form{Category: cat, English: en.Form(cat)}
				if f.English == "" {
					f.English = en.Other
				}
				if e != nil {
					f.Target = e.Form(cat)
				}
				x.Forms = append(x.Forms, f)
			}
		}
		out = append(out, x)
	}
	return out
}

// ImportEdition merges imported edition strings into a language's
// edition file. A string made from other English than today's is stored
// stale; an empty form changes nothing; a string press does not know, or
// a template the edition cannot run, refuses the import.
func ImportEdition(english, c *Catalogue, in []Imported, from string) ([]*Entry, error) {
	var errs []string
	updates := map[string]*Entry{}
	for _, im := range in {
		where := from
		if im.Line > 0 {
			where = fmt.Sprintf("%s:%d", from, im.Line)
		}
		en := english.Edition.Get(im.ID)
		if en == nil {
			errs = append(errs, fmt.Sprintf("%s: edition string %s: not in %s", where, Printable(im.ID), english.Edition.Path))
			continue
		}
		e := &Entry{ID: en.ID, Description: en.Description}
		old := c.Edition.Get(im.ID)
		if old != nil {
			cp := *old
			e = &cp
		}
		changed := false
		set := func(cat, s string) {
			if s != "" && s != e.Form(cat) {
				e.SetForm(cat, s)
				changed = true
			}
		}
		set("other", im.Target)
		for cat, s := range im.Forms {
			set(cat, s)
		}
		if im.Note != "" || old != nil {
			changed = changed || e.Note != im.Note
			e.Note = im.Note
		}
		if err := checkTemplate(e); err != nil {
			errs = append(errs, fmt.Sprintf("%s: edition string %s: %v", where, im.ID, err))
			continue
		}
		e.Hash = EditionHash(en)
		switch {
		case im.Source != "" && im.Source != en.Other:
			e.State = StateStale // made from other English
		case im.State == StateDraft && !changed && e.State == StateStale:
			// Exported stale, came back untouched: still stale.
		case im.State == StateDraft:
			e.State = StateDraft
		case im.State == StateReviewed || im.State == StateFinal:
			e.State = im.State
		case im.State == StateTranslated:
			e.State = ""
		case im.State == "" && (changed || e.State == StateStale || e.State == StateDraft):
			e.State = ""
		}
		if e.Other == "" && !isPlural(e) && e.Note == "" {
			continue
		}
		updates[e.ID] = e
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("import refused, the catalogue is unchanged:\n%s", strings.Join(errs, "\n"))
	}
	var out []*Entry
	for _, e := range c.Edition.Entries {
		if u, ok := updates[e.ID]; ok {
			out = append(out, u)
			delete(updates, e.ID)
			continue
		}
		out = append(out, e)
	}
	for _, en := range english.Edition.Entries {
		if u, ok := updates[en.ID]; ok {
			out = append(out, u)
		}
	}
	return out, nil
}
