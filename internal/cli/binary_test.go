package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/press/press/internal/testtool"
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
	cmd := exec.Command("go", "build", "-buildvcs=auto", "-o", pressBin, "github.com/press/press/cmd/press")
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

// press --version and press version name the build: the module version
// and, in a git checkout (not a worktree, whose .git Go does not read),
// the revision.
func TestBinaryVersion(t *testing.T) {
	root := repoRoot(t)
	rev := ""
	if st, err := os.Stat(filepath.Join(root, ".git")); err == nil && st.IsDir() {
		out, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
		if err != nil {
			t.Fatalf("git rev-parse: %v", err)
		}
		rev = strings.TrimSpace(string(out))[:12]
	}
	for _, args := range [][]string{{"--version"}, {"version"}} {
		code, out, errs := shell(t, t.TempDir(), args...)
		if code != 0 || errs != "" || !strings.HasPrefix(out, "press ") || !strings.Contains(out, "go1.") || !strings.Contains(out, rev) {
			t.Errorf("press %s: exit %d, %q %q (revision %s)", args[0], code, out, errs, rev)
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
	text := testtool.PDFText(t, one, "-l", "1")
	if !strings.Contains(text, "Казахстан") {
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
	out, errText, err := testtool.Try(t, time.Minute, "bash", "-c", script)
	if err != nil || errText != "" || !strings.Contains(string(out), "complete") || !strings.Contains(string(out), "press") {
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
	out := testtool.Output(t, time.Minute, "man", "-l", filepath.Join(dir, "man", "press-build.1"))
	for _, want := range []string{"press-build", "--format", "<lang>", "EXAMPLE"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("man page lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "man", "press.1")); err != nil {
		t.Error(err)
	}
}

// readBack is a built file's text: pdftotext for a PDF, pandoc for an EPUB
// or a DOCX.
func readBack(t *testing.T, file string) string {
	t.Helper()
	ext := strings.TrimPrefix(filepath.Ext(file), ".")
	if ext == "pdf" {
		return testtool.PDFText(t, file)
	}
	return string(testtool.Pandoc(t, file, ext, "plain", "--wrap=none"))
}

// press init in an empty folder, with no fonts/ anywhere near it, then
// press build: all three formats, with the built-in fonts.
func TestBinaryInitInAnEmptyFolder(t *testing.T) {
	tmp := t.TempDir()
	must(t, tmp, "init", "mybook")
	proj := filepath.Join(tmp, "mybook")
	if _, err := os.Stat(filepath.Join(proj, "fonts")); err == nil {
		t.Error("init copied fonts: they are built in")
	}
	must(t, proj, "build", "--quiet")
	for _, f := range []string{"pdf", "epub", "docx"} {
		file := filepath.Join(proj, "dist", "en", "mybook."+f)
		if text := readBack(t, file); !strings.Contains(text, "first paragraph") {
			t.Errorf("%s lacks the manuscript's text:\n%.400s", file, text)
		}
	}
	if fonts := testtool.Output(t, time.Minute, "pdffonts", filepath.Join(proj, "dist", "en", "mybook.pdf")); !strings.Contains(string(fonts), "NotoSerif-Regular") {
		t.Errorf("pdffonts:\n%s", fonts)
	}
	testtool.Epubcheck(t, filepath.Join(proj, "dist", "en", "mybook.epub"))
	must(t, proj, "verify")
}

// A lone Markdown file in an empty folder builds, as with pandoc.
func TestBinaryLoneMarkdownFile(t *testing.T) {
	tmp := t.TempDir()
	notes := "---\ntitle: Notes\n---\n\n# Notes {#notes}\n\nA \"quoted\" line, a note.[^1]\n\n[^1]: The note.\n"
	if err := os.WriteFile(filepath.Join(tmp, "notes.md"), []byte(notes), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, tmp, "build", "notes.md", "-o", "notes.pdf", "--quiet")
	ents, _ := os.ReadDir(tmp)
	if len(ents) != 2 {
		t.Errorf("the folder holds %d entries, want notes.md and notes.pdf", len(ents))
	}
	text := readBack(t, filepath.Join(tmp, "notes.pdf"))
	for _, want := range []string{"Notes", "“quoted”", "The note."} {
		if !strings.Contains(text, want) {
			t.Errorf("notes.pdf lacks %q:\n%s", want, text)
		}
	}
}

// A German and a Ukrainian edition without a line of Go: press lang add,
// press sync, one translated paragraph, three formats with the language's
// quotes and hyphenation.
func TestBinaryLangAdd(t *testing.T) {
	tmp := t.TempDir()
	must(t, tmp, "init", "book")
	proj := filepath.Join(tmp, "book")
	for _, c := range []struct {
		code, paragraph, quoted string
		broken                  []string // words the PDF divides, as the language does
	}{
		{"de", `Dies ist der erste Absatz, ein \"Beispiel\" für die Zusammenarbeit.{n:1} <1>Hervorhebung</1>, <2>Fettdruck</2> und <3>Verweise</3> gelangen in jede Ausgabe. ` + strings.Repeat("Die Verantwortungsbereitschaft der Bundesregierung, die Entwicklungszusammenarbeit und die Wettbewerbsfähigkeit der Unternehmensgruppen wurden im Rahmen der Verhandlungen über die Handelsbeziehungen ausführlich besprochen. ", 3),
			"„Beispiel“", []string{"Ent", "Ver", "Wett", "Han"}},
		{"uk", `Це перший абзац рукопису, \"приклад\" співпраці.{n:1} <1>Виділення</1>, <2>жирний</2> і <3>посилання</3> потрапляють до кожного видання. ` + strings.Repeat("Відповідальність уряду, міжнародне співробітництво та конкурентоспроможність підприємств обговорювалися під час переговорів щодо торговельних відносин. ", 3),
			"«приклад»", nil},
	} {
		out := must(t, proj, "lang", "add", c.code)
		if !strings.Contains(out, "left to fill:") || !strings.Contains(out, "hyphenation:") {
			t.Errorf("lang add %s said:\n%s", c.code, out)
		}
		must(t, proj, "sync", "--lang", c.code)
		doc := filepath.Join(proj, "locales", c.code, "document.toml")
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		head := "[\"introduction.p1\"]\n"
		i := strings.Index(string(data), head)
		j := strings.Index(string(data)[i:], "other = \"\"")
		if i < 0 || j < 0 {
			t.Fatalf("no introduction.p1 in %s", doc)
		}
		translated := string(data[:i+j]) + `other = "` + c.paragraph + `"` + string(data[i+j+len(`other = ""`):])
		if err := os.WriteFile(doc, []byte(translated), 0o644); err != nil {
			t.Fatal(err)
		}
		must(t, proj, "build", "--lang", c.code, "--quiet")
		for _, f := range []string{"pdf", "epub", "docx"} {
			file := filepath.Join(proj, "dist", c.code, "book."+f)
			if text := readBack(t, file); !strings.Contains(text, c.quoted) {
				t.Errorf("%s lacks %s:\n%.600s", file, c.quoted, text)
			}
		}
		testtool.Epubcheck(t, filepath.Join(proj, "dist", c.code, "book.epub"))
		// Hyphenated lines, each break where the language divides.
		text := testtool.PDFText(t, filepath.Join(proj, "dist", c.code, "book.pdf"), "-layout")
		hyphenated := 0
		for _, line := range strings.Split(text, "\n") {
			if strings.HasSuffix(line, "-") && !strings.HasSuffix(line, " -") {
				hyphenated++
				words := strings.Fields(line)
				last := []rune(strings.TrimSuffix(words[len(words)-1], "-"))
				if len(last) < 2 || !strings.ContainsAny(string(last), "aeiouäöüаеєиіїоуюя") {
					t.Errorf("%s: a break leaves %q", c.code, string(last))
				}
			}
		}
		if hyphenated == 0 {
			t.Errorf("%s: no line of the PDF is hyphenated:\n%s", c.code, text)
		}
		for _, w := range c.broken {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q not in the PDF", c.code, w)
			}
		}
	}
	// The languages are data: a lint of the project knows them.
	must(t, proj, "status", "--lang", "de,uk")
	// A language's own faces, by role, from its language.toml.
	profile := filepath.Join(proj, "locales", "de", "language.toml")
	data, err := os.ReadFile(profile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(profile, append(data, "body = \"NotoSans-Regular.ttf\"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, proj, "build", "--lang", "de", "-t", "pdf", "--quiet")
	fonts := string(testtool.Output(t, time.Minute, "pdffonts", filepath.Join(proj, "dist", "de", "book.pdf")))
	if strings.Contains(fonts, "NotoSerif-Regular") || !strings.Contains(fonts, "NotoSans-Regular") {
		t.Errorf("de with body = NotoSans-Regular.ttf:\n%s", fonts)
	}
}

// One JSON style: an object with version, command and ok, snake_case keys.
func TestBinaryJSONOutput(t *testing.T) {
	root := repoRoot(t)
	out := t.TempDir()
	// The README's CI example, on the repository as committed.
	code, stdout, errs := shell(t, root, "build", "--strict", "--json", "-o", out)
	if code != 0 {
		t.Fatalf("build --strict --json: exit %d\n%s", code, errs)
	}
	docs := map[string]string{"build": stdout}
	for _, args := range [][]string{
		{"status", "--json"}, {"lint", "--json"}, {"verify", "--json", "-o", out},
		{"preflight", "--json", filepath.Join(out, "en", "china-image-kazakhstan.pdf")},
	} {
		docs[args[0]] = must(t, root, args...)
	}
	for cmd, doc := range docs {
		var v map[string]any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Errorf("%s --json: %v\n%.300s", cmd, err, doc)
			continue
		}
		if v["version"] != float64(JSONVersion) || v["command"] != cmd || v["ok"] != true {
			t.Errorf("%s --json: version %v, command %v, ok %v", cmd, v["version"], v["command"], v["ok"])
		}
		var walk func(any)
		walk = func(x any) {
			switch x := x.(type) {
			case map[string]any:
				for k, y := range x {
					if k != strings.ToLower(k) && !strings.Contains(k, "-") {
						t.Errorf("%s --json: key %q is not snake_case", cmd, k)
					}
					walk(y)
				}
			case []any:
				for _, y := range x {
					walk(y)
				}
			}
		}
		walk(v)
	}
	if !strings.Contains(docs["status"], `"words_translated"`) {
		t.Errorf("status --json:\n%.500s", docs["status"])
	}
	// Figure notices do not fail --strict, and the JSON says so.
	if !strings.Contains(docs["build"], `"kind": "figure_without_image"`) || !strings.Contains(docs["build"], `"fails_strict": false`) {
		t.Errorf("build --json warnings:\n%.2000s", docs["build"])
	}
}

// verify on a file older than its inputs says to rebuild (exit 2).
func TestBinaryVerifyStale(t *testing.T) {
	tmp := t.TempDir()
	must(t, tmp, "init", "book")
	proj := filepath.Join(tmp, "book")
	must(t, proj, "build", "--quiet", "-t", "epub")
	must(t, proj, "verify", "-t", "epub")
	src := filepath.Join(proj, "source", "book.md")
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(src, later, later); err != nil {
		t.Fatal(err)
	}
	code, _, errs := shell(t, proj, "verify", "-t", "epub")
	if code != 2 || !strings.Contains(errs, "dist/en/book.epub is older than its inputs") || !strings.Contains(errs, "run press build") {
		t.Errorf("stale verify: exit %d, %s", code, errs)
	}
	// An unchanged manuscript builds as up to date, and then verifies.
	must(t, proj, "build", "--quiet", "-t", "epub")
	must(t, proj, "verify", "-t", "epub")
}

// The README's CI lines run green on a copy of the repository as
// committed (its manuscript and catalogues; fonts built in).
func TestBinaryREADMECIExample(t *testing.T) {
	root := repoRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "## In CI\n\n```sh\n")
	script, _, ok2 := strings.Cut(after, "```")
	if !ok || !ok2 || !strings.Contains(script, "press build --strict --json") {
		t.Fatalf("README.md has no CI example")
	}
	if pressBin == "" {
		t.Skip("not under -short")
	}
	proj := t.TempDir()
	if out, err := exec.Command("cp", "-r", filepath.Join(root, "source"), filepath.Join(root, "locales"), proj).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	cmd := exec.Command("bash", "-e", "-c", script)
	cmd.Dir = proj
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(pressBin)+":"+os.Getenv("PATH"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the README's CI example failed: %v\n%s", err, out)
	}
}
