package cli

import (
	"bytes"
	"flag"
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

// Every command's --help goes to stdout with exit 0, shows its usage line
// and examples.
func TestEveryCommandHasHelpWithExamples(t *testing.T) {
	for _, c := range commands {
		names := [][]string{{c.name}}
		for _, v := range verbs[c.name] {
			names = append(names, []string{c.name, v})
		}
		for _, name := range names {
			if len(name) == 1 && len(verbs[c.name]) > 0 {
				continue
			}
			t.Run(strings.Join(name, "_"), func(t *testing.T) {
				code, out, errs := press(t, append(name, "--help")...)
				if code != 0 || errs != "" {
					t.Errorf("exit %d, stderr %q", code, errs)
				}
				if !strings.Contains(out, "press "+strings.Join(name, " ")) || !strings.Contains(out, "Example") {
					t.Errorf("help of %s:\n%s", name, out)
				}
			})
		}
	}
	if code, out, _ := press(t, "--help"); code != 0 || !strings.Contains(out, "Available Commands:") {
		t.Errorf("press --help: %d %s", code, out)
	}
	if code, _, errs := press(t, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: %d %s", code, errs)
	}
}

// A usage error is one line, with the closest command or flag, exit 2.
func TestUsageErrorsAreOneLineWithASuggestion(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"buidl"}, `press: unknown command "buidl" (did you mean "build"?)`},
		{[]string{"build", "--langg", "en"}, "press build: unknown flag --langg (did you mean --lang?)"},
		{[]string{"lint", "--lnag=kk"}, "press lint: unknown flag --lnag (did you mean --lang?)"},
		{[]string{"xliff", "exprot"}, `press xliff: unknown command "exprot" (did you mean "export"?)`},
		{[]string{"build", "--toc-depth", "two"}, "press build: invalid argument"},
		{[]string{"build", "--zzzzzz"}, "press build: unknown flag --zzzzzz; see press build --help"},
	} {
		code, out, errs := press(t, c.args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, c.want) {
			t.Errorf("press %s: exit %d, stdout %q, stderr %q; want exit 2 and one line starting %q", strings.Join(c.args, " "), code, out, errs, c.want)
		}
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
	if code, out, _ := press(t, "status", "--root", "../..", "--json"); code != 0 || !strings.Contains(out, `"translated": 166`) || !strings.Contains(out, `"words_stale": 0`) {
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

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"WordsTranslated": "words_translated", "Lang": "lang", "IDs": "ids", "URLOk": "url_ok",
		"NotesCitedOnce": "notes_cited_once", "en-XA": "en-XA", "elapsed_ns": "elapsed_ns", "HeadingsInOrder": "headings_in_order",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}

var updateREADME = flag.Bool("update", false, "rewrite the README's generated press.toml reference")

// The README's press.toml reference is the one the code makes (go test
// ./internal/cli -run TestREADMEReference -update rewrites it).
func TestREADMEReference(t *testing.T) {
	const begin, end = "<!-- press.toml reference: generated by go test ./internal/cli -run TestREADMEReference -update -->\n", "<!-- end of the press.toml reference -->"
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no generated press.toml reference (%q … %q)", begin, end)
	}
	want := readme[:i+len(begin)] + configReference() + readme[j:]
	if *updateREADME {
		if err := os.WriteFile("../../README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != readme {
		t.Errorf("README.md's press.toml reference drifted from the code: run go test ./internal/cli -run TestREADMEReference -update\nwant:\n%s", configReference())
	}
}
