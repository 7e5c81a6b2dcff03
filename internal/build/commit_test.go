package build

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStage(t *testing.T) {
	for _, c := range []struct {
		name    string
		blocker string // a folder put where the second file goes
		abort   bool
		want    string // content of a.txt afterwards
		fail    bool
	}{
		{name: "commit", want: "new"},
		{name: "abort", abort: true, want: "old"},
		{name: "folder in the way", blocker: "b.txt", want: "old", fail: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "sub", "b.txt")
			if err := os.WriteFile(a, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.blocker != "" {
				if err := os.MkdirAll(b, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			var s stage
			for _, p := range []string{a, b} {
				if err := s.write(p, []byte("new")); err != nil {
					t.Fatal(err)
				}
			}
			var err error
			if c.abort {
				s.abort()
			} else {
				err = s.commit()
			}
			if (err != nil) != c.fail {
				t.Fatalf("error %v, want failure %v", err, c.fail)
			}
			if got, _ := os.ReadFile(a); string(got) != c.want {
				t.Errorf("a.txt holds %q, want %q", got, c.want)
			}
			for _, d := range []string{dir, filepath.Dir(b)} {
				left, _ := filepath.Glob(filepath.Join(d, ".*.tmp-*"))
				if len(left) > 0 {
					t.Errorf("temporary files left: %v", left)
				}
			}
		})
	}
}
