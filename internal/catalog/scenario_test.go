package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/markdown"
)

// The repository's manuscript and catalogues, from this package.
const (
	repoRoot   = "../.."
	manuscript = "source/china-image-kazakhstan.md"
)

type scenario struct {
	Description string
	Edit        []edit
}

type edit struct {
	Op                      string
	Anchor, After, Text, At string
	With, In, Old, New      string
	// Expect "current": the edit makes English already translated
	// elsewhere, so the unit must be current, not stale.
	Expect string
}

// expectation is what a scenario's edits promise about the new units.
type expectation struct {
	// from lists, by a piece of a new unit's text, the old units (by a
	// piece of their text) whose translation it may start from, stale.
	from    map[string][]string
	fresh   []string // pieces of inserted units: new, untranslated
	deleted []string // pieces of deleted units: their translation obsolete
}

// apply runs the edits on the manuscript's blocks.
func (s *scenario) apply(md string) (string, expectation, error) {
	blocks := strings.Split(md, "\n\n")
	x := expectation{from: map[string][]string{}}
	find := func(anchor string) (int, error) {
		at := -1
		for i, b := range blocks {
			if strings.Contains(b, anchor) {
				if at >= 0 {
					return 0, fmt.Errorf("anchor %q is in more than one block", anchor)
				}
				at = i
			}
		}
		if at < 0 {
			return 0, fmt.Errorf("anchor %q is in no block", anchor)
		}
		return at, nil
	}
	for _, e := range s.Edit {
		switch e.Op {
		case "insert":
			i, err := find(e.After)
			if err != nil {
				return "", x, err
			}
			blocks = slices.Insert(blocks, i+1, e.Text)
			x.fresh = append(x.fresh, e.Text[:40])
		case "delete":
			i, err := find(e.Anchor)
			if err != nil {
				return "", x, err
			}
			blocks = slices.Delete(blocks, i, i+1)
			x.deleted = append(x.deleted, e.Anchor)
		case "move":
			i, err := find(e.Anchor)
			if err != nil {
				return "", x, err
			}
			b := blocks[i]
			blocks = slices.Delete(blocks, i, i+1)
			j, err := find(e.After)
			if err != nil {
				return "", x, err
			}
			blocks = slices.Insert(blocks, j+1, b)
		case "split":
			i, err := find(e.Anchor)
			if err != nil {
				return "", x, err
			}
			k := strings.Index(blocks[i], " "+e.At)
			if k < 0 {
				return "", x, fmt.Errorf("split: %q is not in the block of %q", e.At, e.Anchor)
			}
			first, second := blocks[i][:k], blocks[i][k+1:]
			blocks = slices.Replace(blocks, i, i+1, first, second)
			x.from[e.Anchor] = []string{e.Anchor}
			x.from[e.At] = []string{e.Anchor}
		case "merge":
			i, err := find(e.Anchor)
			if err != nil {
				return "", x, err
			}
			j, err := find(e.With)
			if err != nil {
				return "", x, err
			}
			if j != i+1 {
				return "", x, fmt.Errorf("merge: the block of %q does not follow that of %q", e.With, e.Anchor)
			}
			blocks = slices.Replace(blocks, i, j+1, blocks[i]+" "+blocks[j])
			x.from[e.Anchor] = []string{e.Anchor, e.With}
		case "replace":
			i, err := find(e.In)
			if err != nil {
				return "", x, err
			}
			if !strings.Contains(blocks[i], e.Old) {
				return "", x, fmt.Errorf("replace: %q is not in the block of %q", e.Old, e.In)
			}
			blocks[i] = strings.Replace(blocks[i], e.Old, e.New, 1)
			if e.Expect != "current" {
				now := strings.Replace(e.In, e.Old, e.New, 1)
				x.from[now] = []string{e.In}
			}
		default:
			return "", x, fmt.Errorf("unknown op %q", e.Op)
		}
	}
	return strings.Join(blocks, "\n\n"), x, nil
}

// unitWith finds the one unit whose plain text holds piece.
func unitWith(units []doc.Unit, piece string) (doc.Unit, error) {
	var found []doc.Unit
	for _, u := range units {
		if strings.Contains(plainOf(u), piece) {
			found = append(found, u)
		}
	}
	if len(found) != 1 {
		return doc.Unit{}, fmt.Errorf("%d units hold %q", len(found), piece)
	}
	return found[0], nil
}

func readManuscript(t *testing.T, md string) *doc.Document {
	t.Helper()
	d, _, err := markdown.Read([]byte(md), manuscript, markdown.Options{Root: repoRoot})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestScenarios edits the manuscript as its author might and checks that
// sync keeps every translation of the real catalogues, each with its own
// English.
func TestScenarios(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(repoRoot, "testdata/scenarios/*.toml"))
	if len(files) < 9 {
		t.Fatalf("%d scenarios; want at least 9", len(files))
	}
	raw, err := os.ReadFile(filepath.Join(repoRoot, manuscript))
	if err != nil {
		t.Fatal(err)
	}
	before := readManuscript(t, string(raw))
	for _, f := range files {
		var s scenario
		if _, err := toml.DecodeFile(f, &s); err != nil {
			t.Fatal(err)
		}
		md, x, err := s.apply(string(raw))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		after := readManuscript(t, md)
		for _, l := range []string{"kk", "ru", "zh"} {
			name := strings.TrimSuffix(filepath.Base(f), ".toml") + "/" + l
			t.Run(name, func(t *testing.T) {
				c, err := Load(filepath.Join(repoRoot, "locales"), l)
				if err != nil {
					t.Fatal(err)
				}
				checkScenario(t, before, after, c, x)
			})
		}
	}
}

func checkScenario(t *testing.T, before, after *doc.Document, c *Catalogue, x expectation) {
	oldUnits, newUnits := doc.Units(before), doc.Units(after)
	// The translations current before the edit, by their English.
	type pair struct{ en, tr string }
	pairs := map[pair]string{} // -> old unit id
	byEnglish := map[string][]string{}
	var translations []string
	for _, u := range oldUnits {
		e := c.Document.Get(u.ID)
		if e == nil || e.Other == "" || IsStale(e, SourceText(u)) {
			continue
		}
		pairs[pair{SourceText(u), e.Other}] = u.ID
		byEnglish[SourceText(u)] = append(byEnglish[SourceText(u)], e.Other)
		translations = append(translations, e.Other)
	}
	// Two neighbours joined, as sync offers them for a merged paragraph.
	sep := " "
	if c.Lang == "zh" {
		sep = ""
	}
	for i := 1; i < len(oldUnits); i++ {
		a, b := c.Document.Get(oldUnits[i-1].ID), c.Document.Get(oldUnits[i].ID)
		if a != nil && b != nil {
			pairs[pair{SourceText(oldUnits[i-1]) + "\n" + SourceText(oldUnits[i]), a.Other + sep + b.Other}] = oldUnits[i-1].ID
		}
	}
	docs, obs, rep := Sync(after, c)

	// The expectations, by unit id.
	origins := map[string][]string{} // new unit id -> old unit ids it may start from
	for piece, olds := range x.from {
		nu, err := unitWith(newUnits, piece)
		if err != nil {
			t.Fatalf("after the edit: %v", err)
		}
		for _, o := range olds {
			ou, err := unitWith(oldUnits, o)
			if err != nil {
				t.Fatalf("before the edit: %v", err)
			}
			origins[nu.ID] = append(origins[nu.ID], ou.ID)
		}
	}
	fresh := map[string]bool{}
	for _, piece := range x.fresh {
		nu, err := unitWith(newUnits, piece)
		if err != nil {
			t.Fatalf("after the edit: %v", err)
		}
		fresh[nu.ID] = true
	}

	kept := map[string]bool{}
	for _, e := range append(slices.Clone(docs), obs...) {
		kept[e.Other] = true
		for _, tr := range translations {
			if strings.Contains(e.Other, tr) {
				kept[tr] = true // joined with its neighbour's
			}
		}
	}
	lost, wrong, current, stale := 0, 0, 0, 0
	for _, tr := range translations {
		if !kept[tr] {
			lost++
			t.Errorf("lost: %.80q", tr)
		}
	}
	for i, u := range newUnits {
		e, en := docs[i], SourceText(u)
		if e.ID != u.ID {
			t.Fatalf("entry %d is %s, unit %s", i, e.ID, u.ID)
		}
		switch {
		case e.Other == "":
			if len(byEnglish[en]) > 0 {
				wrong++
				t.Errorf("%s: unchanged English left untranslated", u.ID)
			}
			if origins[u.ID] != nil {
				wrong++
				t.Errorf("%s: edited, but its old translation was not offered", u.ID)
			}
		case !IsStale(e, en):
			current++
			if !slices.Contains(byEnglish[en], e.Other) {
				wrong++
				t.Errorf("%s: current with a translation of other English: %.80q", u.ID, e.Other)
			}
		default:
			stale++
			from, ok := pairs[pair{e.Previous, e.Other}]
			if !ok || !slices.Contains(origins[u.ID], from) {
				wrong++
				t.Errorf("%s: stale with the translation of %s (previous %.60q); expected one of %v", u.ID, from, e.Previous, origins[u.ID])
			}
		}
		if fresh[u.ID] && e.Other != "" {
			wrong++
			t.Errorf("%s: inserted, but given a translation", u.ID)
		}
		if len(byEnglish[en]) > 0 && (e.Other == "" || IsStale(e, en)) {
			t.Errorf("%s: English unchanged but not current", u.ID)
		}
	}
	for _, piece := range x.deleted {
		ou, err := unitWith(oldUnits, piece)
		if err != nil {
			t.Fatal(err)
		}
		tr := c.Document.Get(ou.ID).Other
		if !slices.ContainsFunc(obs, func(e *Entry) bool { return e.Other == tr }) {
			t.Errorf("deleted %s: its translation is not in obsolete", ou.ID)
		}
	}
	t.Logf("%d units: %d current, %d stale, %d new; %d obsolete; lost %d, misattached %d; report %+v",
		len(newUnits), current, stale, len(newUnits)-current-stale, len(obs), lost, wrong, rep)
	if lost+wrong > 0 {
		t.Errorf("lost %d, misattached %d", lost, wrong)
	}

	// A second sync of the result changes nothing.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, c.Lang), 0o755)
	os.WriteFile(filepath.Join(dir, c.Lang, DocumentFile), Format(Header(c.Lang), docs), 0o644)
	if len(obs) > 0 {
		os.WriteFile(filepath.Join(dir, c.Lang, ObsoleteFile), Format(ObsoleteHeader, obs), 0o644)
	}
	c2, err := Load(dir, c.Lang)
	if err != nil {
		t.Fatal(err)
	}
	docs2, obs2, rep2 := Sync(after, c2)
	if string(Format("", docs2)) != string(Format("", docs)) || string(Format("", obs2)) != string(Format("", obs)) {
		t.Errorf("a second sync changed the catalogue: %+v", rep2)
		for i := range docs2 {
			if string(Format("", docs2[i:i+1])) != string(Format("", docs[i:i+1])) {
				t.Logf("%s\n%s", Format("", docs[i:i+1]), Format("", docs2[i:i+1]))
			}
		}
	}
}
