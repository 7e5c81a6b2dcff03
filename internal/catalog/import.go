package catalog

import (
	"errors"
	"fmt"
	"strings"

	"github.com/press/press/internal/doc"
)

// Imported is a translation coming back from a CAT tool.
type Imported struct {
	ID     string
	Target string
	// Done says the translator finished it (XLIFF translated, reviewed or
	// final; a PO entry without the fuzzy flag). An unfinished target is
	// kept but stays stale.
	Done bool
	// Line is where the unit is in the imported file (0: unknown).
	Line int
}

// Import merges translations into a catalogue's document entries. It is
// all or nothing: a unit that is unknown or whose placeholders were broken
// refuses the whole import, naming every such unit, and nothing changes.
func Import(src *doc.Document, c *Catalogue, in []Imported, from string) ([]*Entry, error) {
	byID := map[string]doc.Unit{}
	for _, u := range doc.Units(src) {
		byID[u.ID] = u
	}
	var errs []error
	updates := map[string]Imported{}
	seen := map[string]Imported{}
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
		u, ok := byID[im.ID]
		if !ok {
			errs = append(errs, fmt.Errorf("%s: unit %s: not in the source", where, Printable(im.ID)))
			continue
		}
		if strings.TrimSpace(im.Target) == "" {
			continue
		}
		var english []doc.Inline
		if u.Inlines != nil {
			english = *u.Inlines
		}
		if _, err := Decode(im.Target, english); err != nil {
			errs = append(errs, fmt.Errorf("%s: unit %s: %v", where, im.ID, err))
			continue
		}
		updates[im.ID] = im
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("import refused, the catalogue is unchanged:\n%w", errors.Join(errs...))
	}
	var out []*Entry
	for _, u := range doc.Units(src) {
		en := SourceText(u)
		old := c.Document.Get(u.ID)
		e := &Entry{ID: u.ID, Description: en, Hash: Hash(en)}
		if old != nil {
			*e = *old
		}
		if im, ok := updates[u.ID]; ok {
			e.Other = im.Target
			if im.Done {
				e.Hash, e.Description = Hash(en), en
			} else if old == nil {
				e.Hash = ""
			}
		}
		out = append(out, e)
	}
	return out, nil
}
