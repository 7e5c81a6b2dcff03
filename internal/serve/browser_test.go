package serve

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/testtool"
)

// startServer copies the project to a temporary folder and serves it on
// a free loopback port.
func startServer(t *testing.T) (dir, base string, s *Server) {
	t.Helper()
	dir = t.TempDir()
	root := testtool.Root(t)
	if out, err := exec.Command("cp", "-r", filepath.Join(root, "source"), filepath.Join(root, "locales"), dir).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	s, err := New(Options{Configure: func() (build.Config, error) { return build.Config{Root: dir}, nil }})
	if err != nil {
		t.Fatal(err)
	}
	if msg := s.Err(); msg != "" {
		t.Fatalf("first build: %s", msg)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, l) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return dir, "http://" + l.Addr().String(), s
}

// browser starts headless Chromium (Debian's chromium) seeing only the
// project's fonts, and collects the pages' console errors.
func browser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	exe := testtool.Need(t, "chromium")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Env(testtool.Env(t)...),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, log.Enable, cdp.Empty{})
		return err
	})); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	var mu sync.Mutex
	var problems []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String()+" "+m.URL)
				mu.Unlock()
			}
		}
	}()
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(problems)
	}
}

// eval is the value of a JavaScript expression on the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

const p2Row = `document.querySelector('tr[data-unit="introduction.p2"]')`

// The acceptance test of press serve: the bilingual view in a real
// browser follows edits of the catalogue within 2 s without a reload,
// shows a broken catalogue's error with its place, and no request leaves
// the project.
func TestServeBilingualInChromium(t *testing.T) {
	testtool.Validators(t)
	dir, base, _ := startServer(t)
	ctx, consoleProblems := browser(t)
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()

	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/ru/bilingual"),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-unit="introduction.p2"]`)),
	); err != nil {
		t.Fatal(err)
	}
	en := eval[string](t, ctx, p2Row+`.querySelector("td.src").textContent`)
	ru := eval[string](t, ctx, p2Row+`.querySelector("td.tr").textContent`)
	state := eval[string](t, ctx, p2Row+`.querySelector(".state").textContent`)
	where := eval[string](t, ctx, p2Row+`.querySelector(".where").textContent`)
	eval[int](t, ctx, `window.pressMarker = 42`)
	if !regexp.MustCompile(`^Soft power, a state[’']s ability`).MatchString(en) {
		t.Errorf("English of introduction.p2 = %q", en)
	}
	if !strings.HasPrefix(ru, "Мягкая сила") {
		t.Errorf("Russian of introduction.p2 = %q", ru)
	}
	catalogue := filepath.Join(dir, "locales", "ru", "document.toml")
	line := entryLine(t, catalogue, "introduction.p2")
	if state != "translated" || where != fmt.Sprintf("locales/ru/document.toml:%d", line) {
		t.Errorf("state %q at %q, want translated at locales/ru/document.toml:%d", state, where, line)
	}

	// Ten edits: each must reach the open page, without a reload, in 2 s.
	deadline := 2 * time.Second * raceSlowdown
	var took []time.Duration
	for i := 1; i <= 10; i++ {
		mark := fmt.Sprintf("Мягкая сила (правка %d)", i)
		editOther(t, catalogue, "introduction.p2", func(s string) string {
			return regexp.MustCompile(`^Мягкая сила( \(правка \d+\))?`).ReplaceAllString(s, mark)
		})
		start := time.Now()
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`%s && %s.querySelector("td.tr").textContent.startsWith(%q)`, p2Row, p2Row, mark),
			chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(deadline)))
		if err != nil {
			t.Fatalf("edit %d: the page did not show %q within %v: %v", i, mark, deadline, err)
		}
		took = append(took, time.Since(start))
		if marker := eval[int](t, ctx, `window.pressMarker || 0`); marker != 42 {
			t.Fatalf("edit %d: the page was reloaded (marker %d)", i, marker)
		}
	}
	slices.Sort(took)
	t.Logf("save to updated page: median %v (min %v, max %v) over %d edits", (took[4]+took[5])/2, took[0], took[9], len(took))

	// A broken catalogue: the error with its file:line on the page, the
	// last good text still there.
	raw, err := os.ReadFile(catalogue)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(catalogue, []byte(strings.Replace(string(raw), "\nother = \"Мягкая", "\nother = Мягкая", 1)), 0o644)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("press-error") !== null`, chromedp.WithPollingTimeout(deadline))); err != nil {
		t.Fatalf("no error on the page for a broken catalogue: %v", err)
	}
	banner := eval[string](t, ctx, `document.getElementById("press-error").textContent`)
	ru = eval[string](t, ctx, p2Row+`.querySelector("td.tr").textContent`)
	if want := fmt.Sprintf("locales/ru/document.toml:%d", line+3); !strings.Contains(banner, want) {
		t.Errorf("error banner %q does not name %s", banner, want)
	}
	if !strings.HasPrefix(ru, "Мягкая сила (правка 10)") {
		t.Errorf("the last good text is gone: %q", ru)
	}

	// Nothing outside the project: 404 for every way out.
	name := "china-image-kazakhstan"
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "dist", "ru", name, "passwd")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "dist", "ru", name, "project")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/../../../etc/passwd", "/ru/../../etc/passwd", "/ru/%2e%2e/%2e%2e/etc/passwd", "/ru/..%2f..%2fetc%2fpasswd",
		"/ru/%2E%2E/locales/ru/document.toml", "/ru/passwd", "/ru/project/locales/ru/document.toml", "/ru/.cache/stat.json", "/..%5c..%5cetc/passwd",
		"/ru/fonts/../../../locales/ru/document.toml"} {
		if code := rawGet(t, base, p); code != 404 {
			t.Errorf("GET %s: %d, want 404", p, code)
		}
	}
	for _, p := range []string{"/ru/style.css", "/ru/", "/"} {
		if code := rawGet(t, base, p); code != 200 {
			t.Errorf("GET %s: %d, want 200", p, code)
		}
	}

	// The web edition and the index: no console errors.
	for _, page := range []string{"/", "/ru/", "/zh/", "/kk/bilingual"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+page), chromedp.WaitReady(chromedp.CSS("body")), chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatalf("%s: %v", page, err)
		}
	}
	if ps := consoleProblems(); len(ps) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(ps, "\n"))
	}
}

// entryLine is the line of a unit's header in a catalogue.
func entryLine(t *testing.T, path, id string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if sc.Text() == `["`+id+`"]` {
			return n
		}
	}
	t.Fatalf("%s: no unit %s", path, id)
	return 0
}

// editOther rewrites the translation of a unit the way an editor saves:
// a new file renamed over the old one.
func editOther(t *testing.T, path, id string, edit func(string) string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	in := false
	for i, l := range lines {
		switch {
		case l == `["`+id+`"]`:
			in = true
		case in && strings.HasPrefix(l, `other = "`) && strings.HasSuffix(l, `"`):
			lines[i] = `other = "` + edit(strings.TrimSuffix(strings.TrimPrefix(l, `other = "`), `"`)) + `"`
			tmp := path + ".tmp"
			if err := os.WriteFile(tmp, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, path); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("%s: no translation of %s", path, id)
}

// rawGet sends a request line exactly as given (no client cleans it) and
// returns the status.
func rawGet(t *testing.T, base, path string) int {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", path)
	var proto string
	var code int
	if _, err := fmt.Fscan(bufio.NewReader(c), &proto, &code); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return code
}

// TestScreenshots saves the web edition and the bilingual view at phone
// (390 px) and desktop (1280 px) widths into $PRESS_SCREENSHOTS, to be
// looked at; the pages must not scroll sideways at either width.
func TestScreenshots(t *testing.T) {
	testtool.Validators(t)
	out := os.Getenv("PRESS_SCREENSHOTS")
	_, base, _ := startServer(t)
	ctx, consoleProblems := browser(t)
	for _, page := range []string{"/ru/", "/zh/", "/kk/", "/ru/bilingual", "/"} {
		for _, width := range []int64{390, 1280} {
			if err := chromedp.Do(ctx,
				chromedp.EmulateViewport(width, 900),
				chromedp.Navigate(base+page),
				chromedp.WaitReady(chromedp.CSS("body")),
				chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
					_, err := chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)(ctx, t)
					return err
				}),
			); err != nil {
				t.Fatalf("%s at %d: %v", page, width, err)
			}
			if sw := eval[int](t, ctx, `document.documentElement.scrollWidth`); sw > int(width) {
				t.Errorf("%s at %d px scrolls sideways: %d px wide", page, width, sw)
			}
			if out == "" {
				continue
			}
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			name := strings.Trim(strings.ReplaceAll(page, "/", "-"), "-")
			if name == "" {
				name = "index"
			}
			if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("%s-%d.png", name, width)), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A citation opens its note beside it (with scripts; without, the
	// link leads to the note).
	for _, width := range []int64{390, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(base+"/ru/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatal(err)
		}
		text := eval[string](t, ctx, `(() => { const a = document.querySelectorAll("a.noteref")[2]; a.scrollIntoView({block: "center"}); a.click();
			const b = document.getElementById("note-popup"); return b.hidden ? "" : b.textContent; })()`)
		want := eval[string](t, ctx, `document.getElementById(document.querySelectorAll("a.noteref")[2].getAttribute("href").slice(1)).textContent`)
		if text == "" || text != want {
			t.Errorf("at %d px the note pop-up shows %q, want %q", width, text, want)
		}
		if out != "" {
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(out, fmt.Sprintf("ru-note-%d.png", width)), png, 0o644)
		}
	}
	if ps := consoleProblems(); len(ps) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(ps, "\n"))
	}
}
