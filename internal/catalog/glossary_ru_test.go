package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/markdown"
)

// The Russian edition against the project's own glossary: a copy of
// locales/ru is linted as it is (no glossary error) and then with one of the
// inconsistencies the review found put back; lint must name the unit, its
// line and the term.

const (
	projectSource   = "../../source/china-image-kazakhstan.md"
	projectLocales  = "../../locales"
	projectGlossary = "../../locales/glossary.toml"
)

// copyLocale copies locales/<lang> to a temporary locales folder, with edit
// applied to the `other` line of unit id (if id is not empty).
func copyLocale(t *testing.T, lang, id, old, repl string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "locales")
	if err := os.MkdirAll(filepath.Join(dst, lang), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{DocumentFile, EditionFile} {
		buf, err := os.ReadFile(filepath.Join(projectLocales, lang, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == DocumentFile && id != "" {
			buf = []byte(editOther(t, string(buf), id, old, repl))
		}
		if err := os.WriteFile(filepath.Join(dst, lang, name), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// editOther replaces old by repl in the translation of unit id only.
func editOther(t *testing.T, file, id, old, repl string) string {
	t.Helper()
	lines := strings.Split(file, "\n")
	header := fmt.Sprintf("[%q]", id)
	for i, l := range lines {
		if l != header {
			continue
		}
		for j := i + 1; j < len(lines) && !strings.HasPrefix(lines[j], "["); j++ {
			if strings.HasPrefix(lines[j], "other = ") {
				if !strings.Contains(lines[j], old) {
					t.Fatalf("%s: the translation no longer contains %q: update the test", id, old)
				}
				lines[j] = strings.ReplaceAll(lines[j], old, repl)
				return strings.Join(lines, "\n")
			}
		}
	}
	t.Fatalf("no unit %s in the catalogue", id)
	return ""
}

// glossaryErrors lints the catalogue of lang in locales against the
// manuscript and the project's glossary, read once for all cases.
func glossaryErrors(t *testing.T, locales, lang string) []Problem {
	t.Helper()
	projectOnce.Do(func() {
		projectSrc, _, projectErr = markdown.ReadFile(projectSource, markdown.Options{})
		if projectErr == nil {
			projectGloss, projectErr = LoadGlossary(projectGlossary)
		}
	})
	if projectErr != nil {
		t.Fatal(projectErr)
	}
	c, err := Load(locales, lang)
	if err != nil {
		t.Fatal(err)
	}
	var ps []Problem
	for _, p := range Lint(projectSrc, c, projectGloss, "Cyrillic") {
		if strings.HasPrefix(p.Msg, "glossary:") {
			ps = append(ps, p)
		}
	}
	return ps
}

var (
	projectOnce  sync.Once
	projectSrc   *doc.Document
	projectGloss *Glossary
	projectErr   error
)

func TestGlossaryCatchesReintroducedInconsistencyRu(t *testing.T) {
	if ps := glossaryErrors(t, copyLocale(t, "ru", "", "", ""), "ru"); len(ps) > 0 {
		t.Fatalf("the Russian catalogue as it is has glossary errors: %v", ps)
	}
	tests := []struct {
		unit, old, repl, term string
	}{
		// people-to-people: one term, whatever the English noun after it
		{"abstract.p3", "гуманитарные контакты", "контакты между людьми", "people-to-people"},
		{"entertainment-tourism.p2", "укрепления гуманитарных связей", "укрепления связей между народами", "people-to-people"},
		{"student-exchanges.p1", "гуманитарных обменов", "обменов между людьми", "people-to-people"},
		// civic, not ethnic
		{"abstract.p4", "казахстанской элиты", "казахской элиты", "Kazakh elite"},
		{"battle-of-perceptions.p3", "правительство Казахстана", "казахское правительство", "Kazakh government"},
		{"confucius-institutes.p1", "казахстанских научно-исследовательских", "казахских научно-исследовательских", "Kazakhstani"},
		// one style for the camps, one name for the Uyghurs
		{"re-education-camps.p1", "лагерей «перевоспитания»", "«лагерей перевоспитания»", "re-education camps"},
		{"extremism.p2", "подразумеваются уйгуры", "подразумеваются мусульмане", "Uyghur"},
		{"introduction.p3", "«мирного возвышения»", "«мирного подъема»", "Peaceful Rise"},
	}
	for _, tt := range tests {
		t.Run(tt.unit+"/"+tt.term, func(t *testing.T) {
			ps := glossaryErrors(t, copyLocale(t, "ru", tt.unit, tt.old, tt.repl), "ru")
			want := fmt.Sprintf("glossary: %q should be", tt.term)
			for _, p := range ps {
				if p.ID == tt.unit && strings.Contains(p.Msg, want) && p.Line > 0 && strings.HasSuffix(p.File, DocumentFile) {
					return
				}
			}
			t.Fatalf("lint did not report %s in %s; glossary problems: %v", want, tt.unit, ps)
		})
	}
}
