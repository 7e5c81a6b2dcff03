package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/press/press/internal/doc"
)

// SyncReport says what a sync changed in one language.
type SyncReport struct {
	Lang string
	// Added units have no translation yet; Moved ones found theirs under
	// another id (the same English elsewhere); NewlyStale ones were given
	// the translation of similar English, to update; Accepted ones were
	// stale and the translator took them as current; Restored ones came
	// back from the obsolete file; Obsoleted translations went there.
	Added, Moved, NewlyStale, Accepted, Restored, Obsoleted int
}

// candidate is an old translation that a unit of the new English may take.
type candidate struct {
	e        *Entry
	fromHash string // the hash of the English the translation was made from
	from     string // that English, when known
	at       string // a stale unit: the English it stands for now
	stale    bool
	accepted bool // stale, and the translator removed the state line
	obsolete bool // from the obsolete file
	claimed  bool
}

func newCandidate(e *Entry, obsolete bool) *candidate {
	c := &candidate{e: e, fromHash: e.Hash, obsolete: obsolete}
	switch {
	case e.State == StateStale:
		c.stale, c.from, c.at = true, e.Previous, e.Description
	case e.Previous != "" && e.Description != "":
		// The translator removed the stale mark: the translation now
		// renders the English in the description.
		c.accepted, c.from, c.fromHash = true, e.Description, Hash(e.Description)
	case e.Previous != "":
		// Mark and description both gone: what the translator saw is not
		// known, so it stays stale.
		c.stale, c.from = true, e.Previous
	case e.Description != "" && Hash(e.Description) == e.Hash:
		c.from = e.Description
	}
	return c
}

// hasContent says whether an entry holds anything a translator wrote.
func hasContent(e *Entry) bool {
	return e.Other != "" || e.Note != "" || e.Zero != "" || e.One != "" || e.Two != "" || e.Few != "" || e.Many != ""
}

// Sync brings a catalogue in line with the source. A unit's translation
// is found by its English, wherever it is: first the translation made from
// exactly this English (current, even if the unit moved or its id
// changed), then a stale unit standing for it, then the translation of the
// most similar English (stale, with the English it was made from kept as
// previous, for the translator to update), and only then is it new.
// Translations no unit takes move to the obsolete file; nothing is
// deleted. It returns the new contents of the document and obsolete files.
func Sync(src *doc.Document, c *Catalogue) (document, obsolete []*Entry, rep SyncReport) {
	return merge(src, c, nil)
}

// merge is Sync with extra candidates (an import's), preferred to the
// catalogue's own.
func merge(src *doc.Document, c *Catalogue, extra []*Entry) (document, obsolete []*Entry, rep SyncReport) {
	rep.Lang = c.Lang
	var pool []*candidate
	for _, e := range extra {
		pool = append(pool, newCandidate(e, false))
	}
	for _, e := range c.Document.Entries {
		if hasContent(e) {
			pool = append(pool, newCandidate(e, false))
		}
	}
	for _, e := range c.Obsolete.Entries {
		pool = append(pool, newCandidate(e, true))
	}
	units := doc.Units(src)
	en := make([]string, len(units))
	hashes := make([]string, len(units))
	for i, u := range units {
		en[i] = SourceText(u)
		hashes[i] = Hash(en[i])
	}
	byFrom := map[string][]*candidate{}
	byAt := map[string][]*candidate{}
	for _, c := range pool {
		if c.fromHash != "" {
			byFrom[c.fromHash] = append(byFrom[c.fromHash], c)
		}
		if c.stale && c.at != "" {
			byAt[Hash(c.at)] = append(byAt[Hash(c.at)], c)
		}
	}
	const (
		none = iota
		exact
		attached
		fuzzy
	)
	match := make([]*candidate, len(units))
	how := make([]int, len(units))
	take := func(i int, c *candidate, kind int) {
		match[i], how[i] = c, kind
		c.claimed = true
	}
	// Exact English, then a stale unit standing for it: the candidate
	// under the same id first, then one no other unit took, then any (the
	// same English twice takes the same translation twice).
	for _, pass := range []struct {
		index map[string][]*candidate
		kind  int
	}{{byFrom, exact}, {byAt, attached}} {
		for i, u := range units {
			if match[i] == nil {
				for _, c := range pass.index[hashes[i]] {
					if c.e.ID == u.ID && !c.obsolete && !c.claimed {
						take(i, c, pass.kind)
						break
					}
				}
			}
		}
		for _, reuse := range []bool{false, true} {
			for i := range units {
				if match[i] != nil {
					continue
				}
				for _, c := range pass.index[hashes[i]] {
					if !c.claimed || reuse {
						take(i, c, pass.kind)
						break
					}
				}
			}
		}
	}
	// Similar English: the best pairs first; a translation no other unit
	// took before one already given (the two halves of a split paragraph
	// both start from the whole's translation).
	type pair struct {
		unit  int
		c     *candidate
		score float64
		order int
	}
	var pairs []pair
	for i, u := range units {
		if match[i] != nil {
			continue
		}
		for k, c := range pool {
			score := 0.0
			for _, s := range []string{c.from, c.at} {
				if s != "" {
					score = max(score, Similarity(en[i], s))
				}
			}
			if score >= FuzzyThreshold {
				if c.e.ID == u.ID {
					score += 1e-6 // ties go to the same id
				}
				pairs = append(pairs, pair{i, c, score, k})
			}
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return a.order - b.order
	})
	for _, reuse := range []bool{false, true} {
		for _, p := range pairs {
			if match[p.unit] == nil && (!p.c.claimed || reuse) {
				take(p.unit, p.c, fuzzy)
			}
		}
	}

	// Two paragraphs merged into one: the fuzzy match found one of them;
	// when its neighbour in the old catalogue, untaken, makes the pair
	// closer still, both translations are the starting point.
	joined := make([]*Entry, len(units))
	index := map[*candidate]int{}
	for k, c := range pool {
		index[c] = k
	}
	for i := range units {
		c := match[i]
		if how[i] != fuzzy || c.stale || c.from == "" {
			continue
		}
		k := index[c]
		alone := Similarity(en[i], c.from)
		for _, pair := range [][2]int{{k - 1, k}, {k, k + 1}} {
			if pair[0] < 0 || pair[1] >= len(pool) {
				continue
			}
			a, b := pool[pair[0]], pool[pair[1]]
			other := a
			if other == c {
				other = b
			}
			if other.claimed || other.stale || other.obsolete != c.obsolete || other.from == "" || other.e.Other == "" {
				continue
			}
			both := a.from + " " + b.from
			if Similarity(en[i], both) < alone+0.03 {
				continue
			}
			sep := " "
			if rep.Lang == "zh" || strings.HasPrefix(rep.Lang, "zh-") || rep.Lang == "ja" {
				sep = ""
			}
			// The two Englishes a line apart: never taken for today's
			// English, so the join stays stale until the translator checks it.
			prev := a.from + "\n" + b.from
			joined[i] = &Entry{Previous: prev, Hash: Hash(prev), Other: a.e.Other + sep + b.e.Other, Note: strings.TrimSpace(a.e.Note + "\n" + b.e.Note)}
			other.claimed = true
			break
		}
	}

	for i, u := range units {
		c := match[i]
		e := &Entry{ID: u.ID, Description: en[i], Hash: hashes[i]}
		if c == nil {
			document = append(document, e)
			rep.Added++
			continue
		}
		carry(e, c.e)
		if c.obsolete {
			rep.Restored++
		} else if c.e.ID != u.ID && how[i] == exact {
			rep.Moved++
		}
		switch how[i] {
		case exact:
			if c.accepted {
				rep.Accepted++
			}
			if e.State == StateStale {
				e.State = "" // the English is back to what was translated
			}
		case attached:
			e.State, e.Hash, e.Previous = StateStale, c.fromHash, c.from
		case fuzzy:
			if !c.stale {
				rep.NewlyStale++
			}
			e.State, e.Hash, e.Previous = StateStale, c.fromHash, c.from
			if j := joined[i]; j != nil {
				e.Hash, e.Previous, e.Other, e.Note = j.Hash, j.Previous, j.Other, j.Note
			}
		}
		document = append(document, e)
	}

	used := map[string]*Entry{}
	keep := func(c *candidate) {
		e := c.e
		if old, ok := used[e.ID]; ok {
			if old.Hash == e.Hash && old.Other == e.Other && old.Note == e.Note {
				return // the same translation twice
			}
			cp := *e
			cp.ID = fmt.Sprintf("%s~%s", e.ID, Hash(e.Hash + "\x00" + e.Other)[7:15])
			e = &cp
		}
		used[e.ID] = e
		obsolete = append(obsolete, e)
	}
	for _, c := range pool {
		if c.obsolete && !c.claimed {
			keep(c)
		}
	}
	for _, c := range pool {
		if !c.obsolete && !c.claimed {
			keep(c)
			rep.Obsoleted++
		}
	}
	return document, obsolete, rep
}

// carry copies what the translator wrote from an old entry.
func carry(to, from *Entry) {
	to.Other, to.Note, to.State = from.Other, from.Note, from.State
	to.Zero, to.One, to.Two, to.Few, to.Many = from.Zero, from.One, from.Two, from.Few, from.Many
}

// Header is the comment at the top of a language's document catalogue
// that has none of its own.
func Header(lang string) string {
	return fmt.Sprintf(`Translation units of the manuscript for %q (go-i18n message file).
description: the English source, for context; hash: identifies the English the translation was made from;
other: the translation. A stale unit (state = "stale") keeps the English it was made from as previous:
update the translation, then delete the state line. See TRANSLATING.md.`, lang)
}

// ObsoleteHeader is the comment at the top of an obsolete file.
const ObsoleteHeader = `Units no longer in the source, kept so that no translation is lost.
press sync moves a unit back when its English (or English like it) returns to the source.`
