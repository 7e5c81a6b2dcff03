// Package hostile runs press, in-process through cli.Main, against the
// corpus of broken and hostile inputs in testdata/bad (project issue 8,
// "Nothing let in"). See testdata/bad/README.md for the format of a case.
package hostile

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/press/press/internal/cli"
	"github.com/press/press/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the exit and stderr lines of each want.txt with what press gives (review the diff!)")

const (
	corpus   = "../../testdata/bad"
	fontsDir = "../../fonts"
)

// tcase is one directory of the corpus: want.txt and the files laid over
// the base project.
type tcase struct {
	name, dir string
	about     string     // the first comment line
	run       []string   // press arguments; {root} is the project
	exit      int        // expected exit code
	stderr    []string   // expected stderr, line by line; {*} matches anything
	setup     [][]string // hooks run before press
	dist      string     // unchanged | same | changed
	checks    [][]string // validations of the output
	maxAlloc  uint64     // bytes allocated by the run, at most
	maxTime   time.Duration
}

func loadCases(t *testing.T) []*tcase {
	ents, err := os.ReadDir(corpus)
	if err != nil {
		t.Fatal(err)
	}
	var cases []*tcase
	for _, e := range ents {
		if !e.IsDir() || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		c := &tcase{name: e.Name(), dir: filepath.Join(corpus, e.Name()), exit: -1}
		data, err := os.ReadFile(filepath.Join(c.dir, "want.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "#") {
				if c.about == "" {
					c.about = strings.TrimSpace(l[1:])
				}
				continue
			}
			if strings.TrimSpace(l) == "" {
				continue
			}
			k, v, ok := strings.Cut(l, ":")
			if !ok {
				t.Fatalf("%s/want.txt:%d: expected key: value", c.name, i+1)
			}
			v = strings.TrimPrefix(v, " ")
			switch k {
			case "run":
				c.run = strings.Fields(v)
			case "exit":
				c.exit, err = strconv.Atoi(v)
			case "stderr":
				c.stderr = append(c.stderr, v)
			case "setup":
				c.setup = append(c.setup, strings.Fields(v))
			case "dist":
				c.dist = v
			case "check":
				c.checks = append(c.checks, splitCheck(v))
			case "max-alloc":
				c.maxAlloc, err = strconv.ParseUint(v, 10, 64)
			case "max-time":
				c.maxTime, err = time.ParseDuration(v)
			default:
				t.Fatalf("%s/want.txt:%d: unknown key %q", c.name, i+1, k)
			}
			if err != nil {
				t.Fatalf("%s/want.txt:%d: %v", c.name, i+1, err)
			}
		}
		if len(c.run) == 0 || c.exit < 0 {
			t.Fatalf("%s/want.txt: run and exit are required", c.name)
		}
		if c.dist == "" {
			c.dist = "unchanged"
			if c.exit == 0 {
				c.dist = "changed"
			}
		}
		cases = append(cases, c)
	}
	if len(cases) == 0 {
		t.Fatal("no case in " + corpus)
	}
	return cases
}

// splitCheck splits "text dist/ru/doc.pdf some words" into the check, the
// file and the rest of the line.
func splitCheck(v string) []string { return strings.SplitN(v, " ", 3) }

// TestHostileInputs builds the base project once (the good dist/), then
// for each case lays the case over a fresh copy of the project at the same
// path (so that the good files are up to date for press's cache), runs
// press and checks: no panic, the exit code, the exact stderr, dist/ and
// locales/ untouched when press refused (names and SHA-256 of every file,
// hidden ones included: no temporary file left behind), and the case's own
// checks.
func TestHostileInputs(t *testing.T) {
	cases := loadCases(t)
	tmp := t.TempDir()
	proj := filepath.Join(tmp, "proj")
	good := filepath.Join(tmp, "good-dist")
	materialize(t, proj)
	if code, _, errs := press(t, "build", "--root", proj); code != 0 {
		t.Fatalf("the base project does not build: %s", errs)
	}
	copyTree(t, filepath.Join(proj, "dist"), good)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runCase(t, c, proj, good) })
	}
}

func runCase(t *testing.T, c *tcase, proj, good string) {
	materialize(t, proj)
	copyTree(t, good, filepath.Join(proj, "dist"))
	overlay(t, c.dir, proj)
	var limit uint64
	for _, s := range c.setup {
		if s[0] == "file-size-limit" {
			n, err := strconv.ParseUint(s[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			limit = n
			continue
		}
		setup(t, proj, s)
	}
	before := snapshot(t, proj, "dist", "locales")
	goodFiles := snapshot(t, good)

	args := make([]string, len(c.run))
	for i, a := range c.run {
		args[i] = strings.ReplaceAll(a, "{root}", proj)
	}
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	start := time.Now()
	var code int
	var stdout, stderr string
	if limit > 0 {
		code, stdout, stderr = pressWithFileSizeLimit(t, limit, args...)
	} else {
		code, stdout, stderr = press(t, args...)
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&ms1)

	t.Logf("press %s: %v, %d MB allocated", strings.Join(c.run, " "), elapsed.Round(time.Millisecond), (ms1.TotalAlloc-ms0.TotalAlloc)>>20)
	got := normalize(stderr, proj)
	if *update {
		rewriteWant(t, c, code, got)
	}
	if code != c.exit {
		t.Errorf("exit %d, want %d\nstderr:\n%s\nstdout:\n%s", code, c.exit, stderr, stdout)
	}
	if !matchLines(c.stderr, got) {
		t.Errorf("stderr:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.stderr, "\n"))
	}
	if c.exit != 0 && len(got) == 0 {
		t.Error("refused without a message")
	}
	if c.maxAlloc > 0 {
		if a := ms1.TotalAlloc - ms0.TotalAlloc; a > c.maxAlloc {
			t.Errorf("allocated %d bytes, want at most %d", a, c.maxAlloc)
		}
	}
	if c.maxTime > 0 && elapsed > c.maxTime {
		t.Errorf("took %v, want at most %v", elapsed, c.maxTime)
	}

	after := snapshot(t, proj, "dist", "locales")
	for name := range after {
		if strings.Contains(filepath.Base(name), ".tmp-") {
			t.Errorf("temporary file left behind: %s", name)
		}
	}
	switch c.dist {
	case "unchanged":
		if d := diff(before, after); d != "" {
			t.Errorf("dist/ or locales/ changed:\n%s", d)
		}
	case "same":
		// The output is byte for byte the good build's; only the cache
		// (keyed on the input bytes) may differ.
		for name, sum := range goodFiles {
			if strings.HasPrefix(name, ".cache/") {
				continue
			}
			if after["dist/"+name] != sum {
				t.Errorf("dist/%s differs from the good build", name)
			}
		}
	case "changed":
	default:
		t.Fatalf("dist: %q: want unchanged, same or changed", c.dist)
	}
	for _, ch := range c.checks {
		check(t, proj, ch)
	}
}

// press runs the command line in-process; a panic is a failure.
func press(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("press %s panicked: %v\n%s", strings.Join(args, " "), r, debug.Stack())
			}
		}()
		code = cli.Main(args, &out, &errb)
	}()
	return code, out.String(), errb.String()
}

// The environment variables that make the test binary act as press, in a
// child process (see pressWithFileSizeLimit).
const (
	envArgs  = "HOSTILE_PRESS_ARGS"
	envLimit = "HOSTILE_FSIZE"
)

func TestMain(m *testing.M) {
	if args := os.Getenv(envArgs); args != "" {
		os.Exit(child(args))
	}
	os.Exit(m.Run())
}

// child runs press with RLIMIT_FSIZE lowered: a write beyond the limit
// fails with EFBIG (Go ignores the SIGXFSZ it brings), a writer error that
// root's privileges cannot wave away.
func child(args string) int {
	var argv []string
	if err := json.Unmarshal([]byte(args), &argv); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	limit, err := strconv.ParseUint(os.Getenv(envLimit), 10, 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	lim.Cur = limit
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	return cli.Main(argv, os.Stdout, os.Stderr)
}

// pressWithFileSizeLimit runs press in a child process (the limit would
// also stop the test framework's own files) with RLIMIT_FSIZE at limit.
func pressWithFileSizeLimit(t *testing.T, limit uint64, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	argv, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envArgs+"="+string(argv), envLimit+"="+strconv.FormatUint(limit, 10))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errb.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errb.String()
}

// normalize splits stderr into lines and writes the project folder as
// the relative paths press prints when run inside it.
func normalize(stderr, proj string) []string {
	s := strings.ReplaceAll(stderr, proj+string(filepath.Separator), "")
	s = strings.ReplaceAll(s, proj, "{root}")
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func matchLines(want, got []string) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if !match(want[i], got[i]) {
			return false
		}
	}
	return true
}

// match compares a line with a pattern in which {*} stands for any text.
func match(pattern, s string) bool {
	parts := strings.Split(pattern, "{*}")
	if len(parts) == 1 {
		return pattern == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for i, p := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(s, p)
		}
		j := strings.Index(s, p)
		if j < 0 {
			return false
		}
		s = s[j+len(p):]
	}
	return true
}

// rewriteWant replaces a case's exit and stderr lines (-update).
func rewriteWant(t *testing.T, c *tcase, code int, got []string) {
	path := filepath.Join(c.dir, "want.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	done := false
	for _, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if strings.HasPrefix(l, "stderr:") {
			continue
		}
		if strings.HasPrefix(l, "exit:") && !done {
			out = append(out, "exit: "+strconv.Itoa(code))
			for i, g := range got {
				if i < len(c.stderr) && match(c.stderr[i], g) {
					g = c.stderr[i] // keep the wildcards
				}
				out = append(out, "stderr: "+g)
			}
			done = true
			continue
		}
		out = append(out, l)
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// materialize makes proj a fresh copy of the base project, with the
// repository's fonts linked file by file (a case replaces one with a
// broken file).
func materialize(t *testing.T, proj string) {
	t.Helper()
	if err := os.RemoveAll(proj); err != nil {
		t.Fatal(err)
	}
	copyTree(t, filepath.Join(corpus, "_base"), proj)
	fonts, err := filepath.Abs(fontsDir)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(fonts)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(proj, "fonts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".ttf") {
			if err := os.Symlink(filepath.Join(fonts, e.Name()), filepath.Join(proj, "fonts", e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// overlay lays the case's files (all but want.txt) over the project; a
// file replaces whatever is at its path, a folder included.
func overlay(t *testing.T, dir, proj string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "want.txt" {
			return nil
		}
		dst := filepath.Join(proj, rel)
		if err := os.RemoveAll(dst); err != nil {
			return err
		}
		return copyFile(p, dst)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// setup runs a hook of want.txt.
func setup(t *testing.T, proj string, s []string) {
	t.Helper()
	arg := func(i int) string {
		if len(s) <= i {
			t.Fatalf("setup %v: too few arguments", s)
		}
		return s[i]
	}
	var err error
	switch s[0] {
	case "symlink": // symlink PATH TARGET
		p := filepath.Join(proj, arg(1))
		if err = os.RemoveAll(p); err == nil {
			err = os.Symlink(arg(2), p)
		}
	case "remove": // remove PATH
		err = os.RemoveAll(filepath.Join(proj, arg(1)))
	case "file": // file PATH: a small regular file where PATH was
		p := filepath.Join(proj, arg(1))
		if err = os.RemoveAll(p); err == nil {
			err = os.WriteFile(p, []byte("not what press expects here\n"), 0o644)
		}
	case "folder": // folder PATH: an empty folder where PATH was
		p := filepath.Join(proj, arg(1))
		if err = os.RemoveAll(p); err == nil {
			err = os.Mkdir(p, 0o755)
		}
	case "truncate": // truncate FONT BYTES: the first bytes of a real font
		var n int
		n, err = strconv.Atoi(arg(2))
		if err != nil {
			break
		}
		var data []byte
		if data, err = os.ReadFile(filepath.Join(fontsDir, filepath.Base(arg(1)))); err != nil {
			break
		}
		p := filepath.Join(proj, arg(1))
		if err = os.RemoveAll(p); err == nil {
			err = os.WriteFile(p, data[:min(n, len(data))], 0o644)
		}
	case "big-source": // big-source PATH BYTES: a valid manuscript that size
		var n int
		if n, err = strconv.Atoi(arg(2)); err == nil {
			err = bigSource(filepath.Join(proj, arg(1)), n)
		}
	default:
		t.Fatalf("unknown setup %q", s[0])
	}
	if err != nil {
		t.Fatalf("setup %v: %v", s, err)
	}
}

// bigSource writes a manuscript of n bytes without holding it in memory.
func bigSource(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	head := "---\ntitle: \"Big\"\nlang: en\n---\n\n# Introduction {#introduction}\n\n"
	para := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 16) + "\n\n"
	w.WriteString(head)
	for size := len(head); size < n; size += len(para) {
		if rest := n - size; rest < len(para) {
			para = strings.Repeat("x", rest-1) + "\n"
		}
		w.WriteString(para)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// snapshot maps every file under the folders of proj (hidden ones too) to
// its SHA-256; a symlink is recorded by its target.
func snapshot(t *testing.T, proj string, folders ...string) map[string]string {
	t.Helper()
	if len(folders) == 0 {
		folders = []string{"."}
	}
	m := map[string]string{}
	for _, f := range folders {
		root := filepath.Join(proj, f)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) && p == root {
					return nil
				}
				return err
			}
			rel, _ := filepath.Rel(proj, p)
			rel = filepath.ToSlash(rel)
			switch {
			case d.IsDir():
				return nil
			case d.Type()&fs.ModeSymlink != 0:
				target, err := os.Readlink(p)
				m[rel] = "-> " + target
				return err
			case !d.Type().IsRegular():
				m[rel] = "special " + d.Type().String()
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			m[rel] = hex.EncodeToString(sum[:])
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func diff(a, b map[string]string) string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			out = append(out, "removed "+k)
		} else if w != v {
			out = append(out, "changed "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, "added "+k)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		return copyFile(p, dst)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func copyFile(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// check runs one validation of the output:
//
//	check: epubcheck FILE        epubcheck: no error, no warning
//	check: pandoc FILE           pandoc reads it (DOCX or EPUB)
//	check: text FILE WORDS       the file's text (pandoc, pdftotext) holds WORDS
//	check: pages FILE N          the PDF's layout report has at least N pages
func check(t *testing.T, proj string, ch []string) {
	t.Helper()
	if len(ch) < 2 {
		t.Fatalf("check %v: name a file", ch)
	}
	file := filepath.Join(proj, ch[1])
	switch ch[0] {
	case "epubcheck":
		testtool.Epubcheck(t, file)
	case "pandoc":
		text(t, file)
	case "text":
		if len(ch) < 3 {
			t.Fatalf("check %v: give the words", ch)
		}
		if got := text(t, file); !strings.Contains(got, ch[2]) {
			t.Errorf("%s does not hold %q:\n%s", ch[1], ch[2], got)
		}
	case "pages":
		n, err := strconv.Atoi(ch[2])
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(strings.TrimSuffix(file, ".pdf") + ".layout.json")
		if err != nil {
			t.Fatal(err)
		}
		var rep struct{ Pages int }
		if err := json.Unmarshal(data, &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Pages < n {
			t.Errorf("%s: %d pages, want at least %d", ch[1], rep.Pages, n)
		}
	default:
		t.Fatalf("unknown check %q", ch[0])
	}
}

// text extracts a file's text with the validators' own readers.
func text(t *testing.T, file string) string {
	t.Helper()
	switch filepath.Ext(file) {
	case ".pdf":
		return testtool.PDFText(t, file)
	case ".docx":
		return string(testtool.Pandoc(t, file, "docx", "plain", "--wrap=none"))
	case ".epub":
		return string(testtool.Pandoc(t, file, "epub", "plain", "--wrap=none"))
	}
	t.Fatalf("no text reader for %s", file)
	return ""
}

// TestCorpusHasEveryCase keeps the corpus honest: every case says what it
// checks and is listed in the README.
func TestCorpusHasEveryCase(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(corpus, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range loadCases(t) {
		if c.about == "" {
			t.Errorf("%s/want.txt: begin with a # comment saying what the case checks", c.name)
		}
		if !bytes.Contains(readme, []byte("`"+c.name+"`")) {
			t.Errorf("%s is not listed in %s/README.md", c.name, corpus)
		}
	}
}
