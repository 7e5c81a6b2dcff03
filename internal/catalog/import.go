package catalog

import (
	"errors"
	"fmt"

	"github.com/press/press/internal/doc"
)

// Imported is a translation coming back from a CAT tool.
type Imported struct {
	ID string
	// Source is the English the translator saw (XLIFF <source>, PO msgid);
	// "" when the file does not say.
	Source string
	// Previous is a stale unit's earlier English as exported (an XLIFF
	// note, a PO "#| msgid"): a draft with one is still stale.
	Previous string
	Target   string
	// State: StateDraft (XLIFF initial, PO fuzzy), StateTranslated,
	// StateReviewed or StateFinal; "" is finished at no stated level (a PO
	// entry without fuzzy), which keeps a reviewed or final unit's level
	// when its text did not change.
	State string
	Note  string
	// Line is where the unit is in the imported file (0: unknown).
	Line int
	// Forms are an edition string's plural forms by CLDR category, and
	// SourcePlural its English plural (PO msgid_plural).
	Forms        map[string]string
	SourcePlural string
}

// ImportReport says what an import did.
type ImportReport struct {
	SyncReport
	Updated, Stale, Unknown int
}

// Import merges translations into a catalogue. Every target is checked
// against today's English: one made from other English (the file was
// exported before the English changed) is stored stale, with the English
// the translator saw as previous; a unit no longer in the source keeps its
// translation in the obsolete file. Nothing is deleted: an empty target
// changes nothing. It is all or nothing: a unit given twice, or a current
// or draft target whose placeholders do not fit the English, refuses the
// whole import, naming every such unit, and nothing changes.
func Import(src *doc.Document, c *Catalogue, in []Imported, from string) (document, obsolete []*Entry, rep ImportReport, err error) {
	byID := map[string]doc.Unit{}
	english := map[string]string{}
	current := map[string]bool{} // hashes of today's English
	for _, u := range doc.Units(src) {
		byID[u.ID] = u
		english[u.ID] = SourceText(u)
		current[Hash(english[u.ID])] = true
	}
	var errs []error
	seen := map[string]Imported{}
	var extra []*Entry
	replaced := map[*Entry]bool{}
	for _, im := range in {
		where := from
		if im.Line > 0 {
			where = fmt.Sprintf("%s:%d", from, im.Line)
		}
		if first, dup := seen[im.ID]; dup {
			again := "twice"
			if first.Line > 0 {
				again = fmt.Sprintf("twice (first at line %d)", first.Line)
			}
			errs = append(errs, fmt.Errorf("%s: unit %s: appears %s", where, Printable(im.ID), again))
			continue
		}
		seen[im.ID] = im
		if im.Target == "" && im.Note == "" {
			continue // nothing translated: nothing to change
		}
		now, inSource := english[im.ID]
		saw := im.Source
		if saw == "" {
			saw = now
		}
		if saw == "" {
			errs = append(errs, fmt.Errorf("%s: unit %s: not in the source, and the file does not give its English", where, Printable(im.ID)))
			continue
		}
		old := c.Document.Get(im.ID)
		e := &Entry{ID: im.ID, Description: saw, Hash: Hash(saw), Other: im.Target, Note: im.Note}
		switch im.State {
		case StateDraft:
			e.State = StateDraft
		case StateReviewed, StateFinal:
			e.State = im.State
		case "":
			if old != nil && old.Other == im.Target && old.Hash == e.Hash && (old.State == StateReviewed || old.State == StateFinal) {
				e.State = old.State
			}
		}
		if im.Target == "" && old != nil {
			// A note alone: the translation stays as it was.
			e.Other, e.State, e.Hash, e.Description, e.Previous = old.Other, old.State, old.Hash, old.Description, old.Previous
			e.Zero, e.One, e.Two, e.Few, e.Many = old.Zero, old.One, old.Two, old.Few, old.Many
		}
		stale := inSource && saw != now
		if stale && !current[Hash(saw)] && Similarity(saw, now) >= FuzzyThreshold {
			// Made from the unit's earlier English: stale where it is.
			e.State, e.Previous, e.Description = StateStale, saw, now
		}
		if inSource && saw == now && im.State == StateDraft && im.Previous != "" && im.Target != "" {
			// Exported stale and not accepted: still stale.
			e.State, e.Previous, e.Hash = StateStale, im.Previous, Hash(im.Previous)
			stale = true
		}
		if stale {
			rep.Stale++
		} else if !inSource {
			rep.Unknown++
		} else {
			rep.Updated++
		}
		if inSource && !stale && e.Other != "" && e.State != StateStale {
			u := byID[im.ID]
			var ins []doc.Inline
			if u.Inlines != nil {
				ins = *u.Inlines
			}
			if _, err := Decode(e.Other, ins); err != nil {
				errs = append(errs, fmt.Errorf("%s: unit %s: %v", where, im.ID, err))
				continue
			}
		}
		// The import replaces the catalogue's entry when both are of the
		// same English; otherwise both stay candidates.
		if old != nil && (old.Hash == e.Hash || (old.State == StateStale && old.Description == saw) || saw == now) {
			replaced[old] = true
		}
		extra = append(extra, e)
	}
	if len(errs) > 0 {
		return nil, nil, rep, fmt.Errorf("import refused, the catalogue is unchanged:\n%w", errors.Join(errs...))
	}
	kept := *c
	kept.Document = &File{Path: c.Document.Path, Header: c.Document.Header}
	for _, e := range c.Document.Entries {
		if !replaced[e] {
			kept.Document.Entries = append(kept.Document.Entries, e)
		}
	}
	document, obsolete, rep.SyncReport = merge(src, &kept, extra)
	return document, obsolete, rep, nil
}
