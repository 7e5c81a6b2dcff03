package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// copyProject copies the manuscript and the catalogues to a temporary
// project.
func copyProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("cp", "-r", "../../source", "../../locales", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	return dir
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The loop as a translator lives it: the author edits the English, sync
// keeps every translation with its English, status and lint say what to
// do, and the catalogue is back to 100 % once the translator has done it.
func TestTranslatorLoop(t *testing.T) {
	dir := copyProject(t)
	ru := filepath.Join(dir, "locales/ru/document.toml")
	// The first sync hashes the edition strings (once); the second has
	// nothing to do and writes nothing.
	if code, out, errs := press(t, "sync", "--root", dir); code != 0 {
		t.Fatalf("sync: %s%s", out, errs)
	}
	before := read(t, ru)
	st, _ := os.Stat(ru)
	code, out, _ := press(t, "sync", "--root", dir)
	if st2, _ := os.Stat(ru); code != 0 || read(t, ru) != before || !st2.ModTime().Equal(st.ModTime()) || strings.Count(out, "0 new, 0 moved, 0 newly stale, 0 accepted, 0 restored, 0 moved to obsolete; edition: 0 newly stale, 0 hashed") != 3 {
		t.Fatalf("a second sync changed something: %s", out)
	}

	// The author inserts a paragraph before introduction.p2 (the seven
	// paragraphs after it move, the editor's note p8 among them) and changes a
	// word further on.
	md := filepath.Join(dir, "source/china-image-kazakhstan.md")
	text := read(t, md)
	text = strings.Replace(text, "\n\nSoft power, a state's ability", "\n\nA new paragraph the translators have not seen.\n\nSoft power, a state's ability", 1)
	text = strings.Replace(text, "Kazakhs have been particularly resistant", "Kazakhs have been notably resistant", 1)
	os.WriteFile(md, []byte(text), 0o644)
	code, out, errs := press(t, "sync", "--root", dir, "--lang", "ru")
	if code != 0 || !strings.Contains(out, "ru  1 new, 7 moved, 1 newly stale, 0 accepted") {
		t.Fatalf("sync after the edit: %s%s", out, errs)
	}
	doc := read(t, ru)
	for _, want := range []string{
		"[\"introduction.p3\"]\ndescription = \"Soft power, a state's ability", // moved, current
		"[\"introduction.p2\"]\ndescription = \"A new paragraph the translators have not seen.\"\nhash = \"sha256:",
		"state = \"stale\"\nprevious = \"Kazakhs have been particularly resistant",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.toml lacks %q", want)
		}
	}
	code, _, errs = press(t, "status", "--root", dir, "--lang", "ru", "--min", "100")
	if code != 1 || !strings.Contains(errs, "ru (") || !strings.Contains(errs, "1 stale, 0 draft, 1 missing") {
		t.Errorf("status --min 100: %d %s", code, errs)
	}
	code, out, _ = press(t, "lint", "--root", dir, "--lang", "ru")
	if code != 0 || !strings.Contains(out, "0 errors, 2 warnings") || !strings.Contains(out, "document.toml:") {
		t.Errorf("lint: %d\n%s", code, out)
	}

	// Deleting the description (and editing the translation) accepts
	// nothing: the state line is the mark.
	i := strings.Index(doc, "description = \"Kazakhs have been notably resistant")
	j := i + strings.Index(doc[i:], "\n")
	os.WriteFile(ru, []byte(doc[:i]+doc[j+1:]), 0o644)
	if code, out, errs := press(t, "sync", "--root", dir, "--lang", "ru"); code != 0 || !strings.Contains(out, "0 accepted") {
		t.Fatalf("sync without the description: %s%s", out, errs)
	}
	if _, out, _ := press(t, "status", "--root", dir, "--lang", "ru"); !strings.Contains(out, "ru      167         165      0      1        1") {
		t.Errorf("status without the description:\n%s", out)
	}
	doc = read(t, ru)
	// The translator translates the new paragraph, updates the stale one,
	// deletes its state line and asks a question.
	doc = strings.Replace(doc, "[\"introduction.p2\"]\ndescription = \"A new paragraph the translators have not seen.\"\n", "[\"introduction.p2\"]\ndescription = \"A new paragraph the translators have not seen.\"\nnote = \"Is this paragraph final?\"\n", 1)
	doc = strings.Replace(doc, "other = \"\"", "other = \"Новый абзац, которого переводчики не видели.\"", 1)
	doc = strings.Replace(doc, "state = \"stale\"\n", "", 1)
	os.WriteFile(ru, []byte(doc), 0o644)
	if code, out, errs := press(t, "sync", "--root", dir, "--lang", "ru"); code != 0 || !strings.Contains(out, "1 accepted") {
		t.Fatalf("sync after translating: %s%s", out, errs)
	}
	if code, out, errs := press(t, "status", "--root", dir, "--lang", "ru", "--min", "100"); code != 0 || !strings.Contains(out, "100.0%") {
		t.Errorf("status after translating: %d %s%s", code, out, errs)
	}
	if code, out, _ := press(t, "queries", "--root", dir, "--lang", "ru"); code != 0 || !strings.Contains(out, "introduction.p2: Is this paragraph final?") || !strings.Contains(out, "1 queries") {
		t.Errorf("queries: %s", out)
	}
}

// "Contents" becomes "Table of Contents": the translations of the edition
// string are stale, and status and lint say so with the line.
func TestEditionStringsGoStale(t *testing.T) {
	dir := copyProject(t)
	press(t, "sync", "--root", dir)
	en := filepath.Join(dir, "locales/en/edition.toml")
	os.WriteFile(en, []byte(strings.Replace(read(t, en), `other = "Contents"`, `other = "Table of Contents"`, 1)), 0o644)
	if code, out, errs := press(t, "sync", "--root", dir); code != 0 || strings.Count(out, "edition: 1 newly stale") != 3 {
		t.Fatalf("sync: %s%s", out, errs)
	}
	if code, _, errs := press(t, "status", "--root", dir, "--min", "100"); code != 1 || !strings.Contains(errs, "edition strings: 1 stale") {
		t.Errorf("status: %d %s", code, errs)
	}
	if _, out, _ := press(t, "lint", "--root", dir, "--lang", "kk"); !strings.Contains(out, "locales/kk/edition.toml:4: contents: warning: stale") {
		t.Errorf("lint: %s", out)
	}
}
