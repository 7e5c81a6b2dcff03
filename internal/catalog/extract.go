package catalog

import (
	"github.com/press/press/internal/doc"
)

// SourceText is a unit's English in the placeholder notation.
func SourceText(u doc.Unit) string {
	if u.Text != nil {
		return escape(*u.Text)
	}
	return Encode(*u.Inlines)
}

// Extract lists the document's units as the source-language catalogue.
func Extract(d *doc.Document) []*Entry {
	var es []*Entry
	for _, u := range doc.Units(d) {
		s := SourceText(u)
		es = append(es, &Entry{ID: u.ID, Hash: Hash(s), Other: s})
	}
	return es
}
