package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Hash identifies the English text a translation was made from.
func Hash(english string) string {
	sum := sha256.Sum256([]byte(english))
	return "sha256:" + hex.EncodeToString(sum[:8])
}

// Entry is one message of a catalogue file, in go-i18n's TOML form:
//
//	["intro.p3"]
//	description = "the English it translates (context for translators)"
//	hash = "sha256:…"   # the English's hash when translated
//	other = "the translation"
//
// and, only where a unit needs them (press's keys, not go-i18n's):
//
//	state = "stale"     # or "draft", "reviewed", "final" (none: translated)
//	previous = "…"      # a stale unit's English the translation was made from
//	note = "…"          # the translator's query about the unit
type Entry struct {
	ID          string
	Description string
	Hash        string
	State       string // "", StateDraft, StateStale, StateReviewed or StateFinal
	Previous    string // the English of a stale translation (hash is its hash)
	Note        string // a translator's comment or query
	Other       string
	// Plural forms, for edition strings with counts.
	Zero, One, Two, Few, Many string
	Line                      int // where the entry starts in its file
}

// The states of a unit besides translated (which has no state line).
const (
	StateDraft    = "draft"    // a start, not yet a translation (XLIFF initial, PO fuzzy)
	StateStale    = "stale"    // the English changed since; delete the line to accept
	StateReviewed = "reviewed" // checked by a second translator
	StateFinal    = "final"    // signed off
)

// States are the values a state line may have.
var States = []string{StateDraft, StateStale, StateReviewed, StateFinal}

// Format writes entries as a go-i18n TOML message file, in the given
// order, under a header comment (each line given without its "# ").
func Format(header string, entries []*Entry) []byte {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		if l == "" {
			b.WriteString("#\n")
			continue
		}
		b.WriteString("# " + l + "\n")
	}
	for _, e := range entries {
		b.WriteString("\n[" + quote(e.ID) + "]\n")
		if e.Description != "" {
			b.WriteString("description = " + quote(e.Description) + "\n")
		}
		if e.Hash != "" {
			b.WriteString("hash = " + quote(e.Hash) + "\n")
		}
		if e.State != "" {
			b.WriteString("state = " + quote(e.State) + "\n")
		}
		if e.Previous != "" {
			b.WriteString("previous = " + quote(e.Previous) + "\n")
		}
		if e.Note != "" {
			b.WriteString("note = " + quote(e.Note) + "\n")
		}
		for _, f := range []struct{ k, v string }{{"zero", e.Zero}, {"one", e.One}, {"two", e.Two}, {"few", e.Few}, {"many", e.Many}} {
			if f.v != "" {
				b.WriteString(f.k + " = " + quote(f.v) + "\n")
			}
		}
		b.WriteString("other = " + quote(e.Other) + "\n")
	}
	return []byte(b.String())
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f || r == utf8.RuneError {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
