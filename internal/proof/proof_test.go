package proof_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/press/press/internal/bilingual"
	"github.com/press/press/internal/build"
	"github.com/press/press/internal/proof"
	"github.com/press/press/internal/testtool"
)

// The kk and zh proofs hold every unit: its id, and the first words of
// the source and of the translation, read back with pdftotext; the
// faces are embedded.
func TestProofHasEveryUnit(t *testing.T) {
	testtool.Validators(t)
	pdftotext := testtool.Need(t, "pdftotext")
	pdffonts := testtool.Need(t, "pdffonts")
	cfg := build.Config{Root: testtool.Root(t)}
	if err := cfg.Resolve(); err != nil {
		t.Fatal(err)
	}
	in, err := bilingual.Prepare(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"kk", "zh"} {
		v, err := in.Load(code)
		if err != nil {
			t.Fatal(err)
		}
		data, err := proof.Render(v)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := proof.Render(v)
		if string(again) != string(data) {
			t.Errorf("%s: two renders differ", code)
		}
		file := filepath.Join(t.TempDir(), code+".proof.pdf")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		text := string(testtool.Output(t, time.Minute, pdftotext, "-enc", "UTF-8", file, "-"))
		flat := strings.Join(strings.Fields(text), "")
		for _, u := range v.Units {
			if !strings.Contains(flat, u.ID) {
				t.Errorf("%s: unit %s missing", code, u.ID)
				continue
			}
			for side, s := range map[string]string{"source": proof.Text(&u.Source), "translation": proof.Text(u.Target)} {
				w := firstWords(s)
				if w != "" && !strings.Contains(flat, w) {
					t.Errorf("%s: %s %s: %q not found", code, u.ID, side, w)
				}
			}
		}
		fonts := string(testtool.Output(t, time.Minute, pdffonts, file))
		if strings.Count(fonts, " yes ") < 6 {
			t.Errorf("%s: faces not embedded:\n%s", code, fonts)
		}
	}
}

// firstWords is the start of a unit's text, spaces removed: short enough
// to sit on the unit's first line in the PDF.
func firstWords(s string) string {
	rs := []rune(strings.Join(strings.Fields(s), ""))
	if len(rs) > 8 {
		rs = rs[:8]
	}
	return string(rs)
}
