package cli

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pressBin is the real binary, built once by TestMain (not under -short):
// the tests below drive it as a shell would.
var pressBin string

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "press-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pressBin = filepath.Join(dir, "press")
	cmd := exec.Command("go", "build", "-o", pressBin, "github.com/press/press/cmd/press")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building press:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// shell runs the binary in dir and gives its exit status, stdout and stderr.
func shell(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	if pressBin == "" {
		t.Skip("drives the built binary: not under -short")
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(pressBin, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// must runs the binary and fails the test unless it exits 0.
func must(t *testing.T, dir string, args ...string) string {
	t.Helper()
	code, out, errs := shell(t, dir, args...)
	if code != 0 {
		t.Fatalf("press %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func repoRoot(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func TestBinaryVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		code, out, errs := shell(t, t.TempDir(), args...)
		if code != 0 || errs != "" || !strings.HasPrefix(out, "press ") || !strings.Contains(out, "go1.") {
			t.Errorf("press %s: exit %d, %q %q", args[0], code, out, errs)
		}
	}
}

// Flags after the source, --flag=value, -t pdf and -o one.pdf: the one
// file, nothing else.
func TestBinaryFlagsAfterTheSourceAndOneFile(t *testing.T) {
	root := repoRoot(t)
	out := t.TempDir()
	one := filepath.Join(out, "one.pdf")
	must(t, root, "build", "source/china-image-kazakhstan.md", "--lang=ru", "-t", "pdf", "-o", one, "--quiet")
	ents, _ := os.ReadDir(out)
	if len(ents) != 1 || ents[0].Name() != "one.pdf" || ents[0].IsDir() {
		t.Fatalf("-o one.pdf made %v", ents)
	}
	text, err := exec.Command("pdftotext", "-l", "1", one, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if !strings.Contains(string(text), "Казахстан") {
		t.Errorf("one.pdf is not the Russian edition:\n%.300s", text)
	}
	// The extension picks the format when -t is absent.
	epub := filepath.Join(out, "book.epub")
	must(t, root, "build", "--lang", "en", "-o", epub, "--quiet", "--", "source/china-image-kazakhstan.md")
	if data, err := os.ReadFile(epub); err != nil || !bytes.HasPrefix(data, []byte("PK")) {
		t.Errorf("-o book.epub: %v", err)
	}
	// Several files and a file name: an error that says so, nothing made.
	code, _, errs := shell(t, root, "build", "--lang", "en,ru", "-o", filepath.Join(out, "both.pdf"))
	if code != 2 || !strings.Contains(errs, "names one file, but this build makes 2") {
		t.Errorf("two files into -o both.pdf: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out, "both.pdf")); err == nil {
		t.Error("both.pdf was made")
	}
	// lint takes --lang after the source too.
	lint := must(t, root, "lint", "source/china-image-kazakhstan.md", "--lang", "kk")
	if !strings.Contains(lint, "1 languages") {
		t.Errorf("lint SOURCE --lang kk linted other languages:\n%s", lint)
	}
}

func TestBinaryHelpAndErrors(t *testing.T) {
	code, out, errs := shell(t, t.TempDir(), "build", "-h")
	if code != 0 || errs != "" || !strings.Contains(out, "--format") || strings.Contains(out, " -format") {
		t.Errorf("build -h: exit %d, stderr %q\n%s", code, errs, out)
	}
	code, out, errs = shell(t, t.TempDir(), "build", "--langg", "en")
	if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "--lang?") {
		t.Errorf("--langg: exit %d, %q %q", code, out, errs)
	}
}

// The completion scripts load in their shells (bash here; the others are
// at least made).
func TestBinaryCompletion(t *testing.T) {
	script := fmt.Sprintf("source <(%q completion bash) && complete -p press", pressBin)
	if pressBin == "" {
		t.Skip("not under -short")
	}
	out, err := exec.Command("bash", "-c", script).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "complete") || !strings.Contains(string(out), "press") {
		t.Errorf("bash completion: %v\n%s", err, out)
	}
	// The shell asks press for the completions; --format's values come back.
	got := must(t, t.TempDir(), "__complete", "build", "--format", "")
	for _, f := range []string{"pdf", "epub", "docx"} {
		if !strings.Contains(got, f) {
			t.Errorf("completing --format: %q", got)
		}
	}
	for _, sh := range []string{"zsh", "fish", "powershell"} {
		if out := must(t, t.TempDir(), "completion", sh); len(out) < 500 {
			t.Errorf("completion %s: %d bytes", sh, len(out))
		}
	}
}

// The man pages come from the same definitions and render with man -l.
func TestBinaryManPage(t *testing.T) {
	dir := t.TempDir()
	must(t, dir, "man", "man")
	out, err := exec.Command("man", "-l", filepath.Join(dir, "man", "press-build.1")).CombinedOutput()
	if err != nil {
		t.Fatalf("man -l: %v\n%s", err, out)
	}
	for _, want := range []string{"press-build", "--format", "<lang>", "EXAMPLE"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("man page lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "man", "press.1")); err != nil {
		t.Error(err)
	}
}
