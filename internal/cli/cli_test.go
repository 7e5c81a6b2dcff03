package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/skeleton"
)

func press(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestEveryCommandHasHelpWithExamples(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			args := []string{c.name, "--help"}
			if c.name == "xliff" || c.name == "po" {
				args = []string{c.name}
			}
			if c.name == "version" {
				return
			}
			_, _, errs := press(t, args...)
			if !strings.Contains(errs, "Usage: press "+c.name) || !strings.Contains(errs, "Example") {
				t.Errorf("help of %s:\n%s", c.name, errs)
			}
		})
	}
	if code, out, _ := press(t, "--help"); code != 0 || !strings.Contains(out, "Commands:") {
		t.Errorf("press --help: %d %s", code, out)
	}
	if code, _, errs := press(t, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: %d %s", code, errs)
	}
}

func TestSkeletonEditionStringsAreTheEnglishOnes(t *testing.T) {
	repo, err := os.ReadFile("../../locales/en/edition.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(repo, skeleton.EditionStrings) {
		t.Error("internal/skeleton/edition.toml differs from locales/en/edition.toml: copy it over")
	}
}

// A second manuscript, made with press init, builds in all four
// languages (three of them in fallback mode) and loses nothing.
func TestInitSecondManuscript(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "second-report")
	if code, _, errs := press(t, "init", "--fonts", "../../fonts", dir); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	if code, _, errs := press(t, "init", "--fonts", "../../fonts", dir); code == 0 || !strings.Contains(errs, "not empty") {
		t.Errorf("init over a project: %d %s", code, errs)
	}
	if code, _, errs := press(t, "extract", "--root", dir); code != 0 {
		t.Fatalf("extract: %s", errs)
	}
	code, out, errs := press(t, "build", "--root", dir, "--lang", "en,kk,ru,zh")
	if code != 0 {
		t.Fatalf("build: %s", errs)
	}
	if !strings.Contains(out, "12 files") {
		t.Errorf("build output:\n%s", out)
	}
	for _, l := range []string{"kk", "ru", "zh"} {
		if !strings.Contains(errs, l+": no catalogue") {
			t.Errorf("no fallback warning for %s:\n%s", l, errs)
		}
	}
	code, out, errs = press(t, "verify", "--root", dir, "--lang", "en,kk,ru,zh")
	if code != 0 || strings.Count(out, " ok") != 12 {
		t.Errorf("verify: %d\n%s\n%s", code, out, errs)
	}
	// --quiet: errors only, and a build with warnings has none.
	if code, out, errs := press(t, "build", "--root", dir, "--lang", "kk", "--no-cache", "--quiet"); code != 0 || out != "" || errs != "" {
		t.Errorf("--quiet: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	// --strict refuses the fallback.
	if code, _, errs := press(t, "build", "--root", dir, "--lang", "kk", "--strict", "--no-cache"); code == 0 || !strings.Contains(errs, "--strict") {
		t.Errorf("--strict: %d %s", code, errs)
	}
}

func TestStatusAndLintGates(t *testing.T) {
	if code, out, errs := press(t, "status", "--root", "../..", "--min", "100"); code != 0 {
		t.Errorf("status on the real catalogues: %d\n%s%s", code, out, errs)
	}
	if code, out, _ := press(t, "status", "--root", "../..", "--json"); code != 0 || !strings.Contains(out, `"Translated": 166`) {
		t.Errorf("status --json: %s", out)
	}
	if code, out, errs := press(t, "lint", "--root", "../..", "--lang", "ru"); code != 0 || !strings.Contains(out, "0 errors") {
		t.Errorf("lint: %d\n%s%s", code, out, errs)
	}
}

func TestSummaryTable(t *testing.T) {
	var b strings.Builder
	summaryTable(&b, []build.Result{
		{Lang: "en", Format: "epub", Bytes: 35436, Elapsed: 11 * time.Millisecond},
		{Lang: "en", Format: "pdf", Bytes: 210167, Pages: 21, Elapsed: 73 * time.Millisecond},
		{Lang: "ru", Format: "epub", Bytes: 45981, Cached: true},
	})
	// A row's last cell, with nothing after it, does not widen its column.
	want := "     epub           pdf\n" +
		"en   35 KB, 11 ms   21 pages, 205 KB, 73 ms\n" +
		"ru   up to date, 45 KB\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
