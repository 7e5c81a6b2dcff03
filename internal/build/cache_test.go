package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCache(t *testing.T) {
	locales := t.TempDir()
	copyDir(t, filepath.Join(root, "locales"), locales)
	out := t.TempDir()
	cfg := Config{Root: root, Out: out, Locales: locales, Langs: []string{"en", "ru"}}
	first, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range first.Results {
		if r.Cached {
			t.Errorf("%s %s: cached on the first build", r.Lang, r.Format)
		}
	}
	cachedOnly := func(o *Outcome, rebuilt string) {
		t.Helper()
		for _, r := range o.Results {
			if want := r.Lang != rebuilt; r.Cached != want {
				t.Errorf("%s %s: cached %v, want %v", r.Lang, r.Format, r.Cached, want)
			}
		}
	}
	second, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cachedOnly(second, "")
	if len(second.Warnings) != len(first.Warnings) {
		t.Errorf("warnings: %d then %d", len(first.Warnings), len(second.Warnings))
	}
	// One paragraph edited in Russian: only the Russian files are rebuilt.
	p := filepath.Join(locales, "ru", "document.toml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "Правительство Казахстана надеется", "Правительство Казахстана очень надеется", 1)), 0o644)
	third, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cachedOnly(third, "ru")
	// A corrupt cache entry and a changed output are never trusted.
	os.WriteFile(filepath.Join(out, ".cache", "en.pdf.json"), []byte("{not json"), 0o644)
	os.WriteFile(filepath.Join(out, "en", "china-image-kazakhstan.epub"), []byte("tampered"), 0o644)
	fourth, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range fourth.Results {
		want := !(r.Lang == "en" && (r.Format == "pdf" || r.Format == "epub"))
		if r.Cached != want {
			t.Errorf("%s %s: cached %v, want %v", r.Lang, r.Format, r.Cached, want)
		}
	}
	if epub, _ := os.ReadFile(filepath.Join(out, "en", "china-image-kazakhstan.epub")); string(epub) == "tampered" {
		t.Error("the tampered EPUB was kept")
	}
}
