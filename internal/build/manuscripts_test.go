package build

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestManuscriptsSkipsDocumentsAboutTheManuscript(t *testing.T) {
	tests := []struct {
		files []string
		want  []string
	}{
		{[]string{"book.md", "CORRECTIONS.md"}, []string{"book.md"}},
		{[]string{"book.md", "README.md", "notes.txt"}, []string{"book.md"}},
		{[]string{"Book.md", "ch2.md"}, []string{"Book.md", "ch2.md"}},
		{[]string{"2019.md"}, []string{"2019.md"}}, // no letters: not a capitals name
		{[]string{"CORRECTIONS.md"}, nil},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		for _, f := range tt.files {
			if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		for _, f := range manuscripts(dir) {
			got = append(got, filepath.Base(f))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%v: got %v, want %v", tt.files, got, tt.want)
		}
	}
}

func TestResolveFindsTheManuscriptBesideCorrections(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "source")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"book.md", "CORRECTIONS.md"} {
		if err := os.WriteFile(filepath.Join(src, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := Config{Root: root}
	if err := c.Resolve(); err != nil {
		t.Fatal(err)
	}
	if filepath.Base(c.Source) != "book.md" {
		t.Fatalf("source %s, want book.md", c.Source)
	}
}
