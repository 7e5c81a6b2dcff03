package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"unicode"
)

// JSONVersion is the version of press's JSON output (build, status, lint,
// verify, preflight --json). It changes when a field is renamed or
// removed; new fields may appear within a version.
//
// Every document is one object: "version", "command" (the subcommand),
// "ok" (what the exit status says), then the command's own fields. Keys
// are snake_case; durations are nanoseconds (*_ns); see the README.
const JSONVersion = 1

// writeJSON writes one JSON document for a command: the envelope and
// fields, every key in snake_case (Go field names too, so the catalogue's
// and verifier's structs need no tags of their own).
func writeJSON(w io.Writer, command string, ok bool, fields map[string]any) error {
	doc := map[string]any{"version": JSONVersion, "command": command, "ok": ok}
	for k, v := range fields {
		doc[k] = v
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(snakeKeys(tree))
}

// snakeKeys renames the keys of every object in a decoded JSON tree that
// look like Go field names (WordsTranslated → words_translated); keys that
// are data (language codes, unit ids) start in lower case and stay.
func snakeKeys(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[snake(k)] = snakeKeys(x)
		}
		return out
	case []any:
		for i := range v {
			v[i] = snakeKeys(v[i])
		}
	}
	return v
}

func snake(k string) string {
	if k == "" || !unicode.IsUpper([]rune(k)[0]) {
		return k
	}
	r := []rune(k)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) {
			// A new word: after a lower-case letter or digit, or before
			// one when leaving an acronym (IDs, URLOk → url_ok).
			plural := i+2 == len(r) && r[i+1] == 's' // IDs
			if i > 0 && (!unicode.IsUpper(r[i-1]) || (i+1 < len(r) && unicode.IsLower(r[i+1]) && !plural)) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(c))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// warning is one build warning in JSON: its kind, and whether --strict
// fails on it (what the user can fix: a translation).
type warning struct {
	Kind        string `json:"kind"`
	Message     string `json:"message"`
	FailsStrict bool   `json:"fails_strict"`
}

// classify sorts build warnings by kind.
func classify(ws []string) []warning {
	out := []warning{}
	for _, w := range ws {
		k, strict := "other", false
		switch {
		case strings.Contains(w, "has no image"):
			k = "figure_without_image"
		case strings.Contains(w, "no catalogue"):
			k, strict = "no_catalogue", true
		case strings.Contains(w, "stale"):
			k, strict = "stale_units", true
		case strings.Contains(w, "not translated"):
			k, strict = "untranslated_units", true
		}
		out = append(out, warning{k, w, strict})
	}
	return out
}
