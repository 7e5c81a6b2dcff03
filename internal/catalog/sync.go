package catalog

import (
	"fmt"
	"strings"

	"github.com/press/press/internal/doc"
)

// StaleMark starts the description of a unit whose English changed after
// it was translated. The translator updates the translation and deletes
// the description; the next sync then takes the translation as current.
const StaleMark = "STALE: the English changed. Update the translation, then delete this description."

// SyncReport says what a sync changed in one language.
type SyncReport struct {
	Lang                                   string
	Added, NewlyStale, Accepted, Obsoleted int
	Restored                               int
}

// Sync brings a catalogue in line with the source: new units are added
// untranslated, a unit whose English changed keeps its translation and is
// marked stale with the old and new English side by side, and units no
// longer in the source move to the obsolete file. It returns the new
// contents of the document and obsolete files.
func Sync(src *doc.Document, c *Catalogue) (document, obsolete []*Entry, rep SyncReport) {
	rep.Lang = c.Lang
	seen := map[string]bool{}
	for _, u := range doc.Units(src) {
		seen[u.ID] = true
		en := SourceText(u)
		h := Hash(en)
		e := c.Document.Get(u.ID)
		if e == nil {
			if old := c.Obsolete.Get(u.ID); old != nil {
				e = old // a unit that came back
				rep.Restored++
			}
		}
		switch {
		case e == nil:
			document = append(document, &Entry{ID: u.ID, Description: en, Hash: h, Other: ""})
			rep.Added++
		case e.Hash == h:
			document = append(document, &Entry{ID: u.ID, Description: en, Hash: h, Other: e.Other})
		case strings.HasPrefix(e.Description, StaleMark):
			// Still stale: refresh the English it must now say.
			was := staleWas(e.Description)
			document = append(document, &Entry{ID: u.ID, Description: staleDescription(was, en), Hash: e.Hash, Other: e.Other})
		case e.Description != "" && Hash(e.Description) == e.Hash:
			// The description is the English it was translated from, so the
			// translator has not seen the change yet: mark it.
			document = append(document, &Entry{ID: u.ID, Description: staleDescription(e.Description, en), Hash: e.Hash, Other: e.Other})
			rep.NewlyStale++
		default:
			// The translator removed the mark: the translation is current.
			document = append(document, &Entry{ID: u.ID, Description: en, Hash: h, Other: e.Other})
			rep.Accepted++
		}
	}
	for _, e := range c.Obsolete.Entries {
		if !seen[e.ID] {
			obsolete = append(obsolete, e)
		}
	}
	for _, e := range c.Document.Entries {
		if !seen[e.ID] {
			obsolete = append(obsolete, e)
			rep.Obsoleted++
		}
	}
	return document, obsolete, rep
}

func staleDescription(was, now string) string {
	return StaleMark + "\nwas: " + was + "\nnow: " + now
}

func staleWas(desc string) string {
	for _, l := range strings.Split(desc, "\n") {
		if strings.HasPrefix(l, "was: ") {
			return strings.TrimPrefix(l, "was: ")
		}
	}
	return ""
}

// Header is the comment at the top of a language's document catalogue.
func Header(lang string) string {
	return fmt.Sprintf(`Translation units of the manuscript for %q (go-i18n message file).
description: the English source, for context (or a STALE note with the old and new English);
hash: identifies the English the translation was made from; other: the translation.
Placeholders: <1>…</1> spans, <2/> line breaks, {n:7} footnote references. See TRANSLATING.md.`, lang)
}

// ObsoleteHeader is the comment at the top of an obsolete file.
const ObsoleteHeader = `Units no longer in the source, kept so that no translation is lost.
press sync moves a unit back when it returns to the source.`
