package catalog

import "strings"

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
