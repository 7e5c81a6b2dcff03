// Package testtool runs the real validators the tests rely on (epubcheck,
// LibreOffice, poppler, pandoc, qpdf, Chromium) the same way on every
// machine: each program that looks fonts up sees only the project's fonts/
// folder, a missing program fails the test, and under `go test -short` the
// tests that need them are skipped, so the short loop stays fast.
//
// It is an ordinary package so that the tests of several packages share one
// implementation; nothing outside _test.go files imports it.
package testtool

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Validators marks a test that runs external validators: it is skipped
// under -short (the unit-test loop) and runs in `make test`.
func Validators(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs external validators: skipped under -short (make test runs it)")
	}
}

// Need returns the path of a program the test needs, failing the test when
// it is not installed: an unvalidated file must never pass.
func Need(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed (the tests need it): run `make deps`", name)
	}
	return p
}

var (
	rootOnce sync.Once
	root     string
	rootErr  error
)

// Root is the repository's top folder: the nearest parent of the working
// directory holding go.mod.
func Root(t testing.TB) string {
	t.Helper()
	rootOnce.Do(func() {
		dir, err := os.Getwd()
		if err != nil {
			rootErr = err
			return
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				root = dir
				return
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				rootErr = os.ErrNotExist
				return
			}
			dir = parent
		}
	})
	if rootErr != nil {
		t.Fatalf("no go.mod above the working directory: %v", rootErr)
	}
	return root
}

// Command is exec.CommandContext with the hermetic environment (see Env).
func Command(ctx context.Context, t testing.TB, name string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.CommandContext(ctx, Need(t, name), args...)
	cmd.Env = Env(t)
	return cmd
}

// Output runs a validator and returns its standard output, failing the test
// with its standard error when it fails or runs longer than timeout.
func Output(t testing.TB, timeout time.Duration, name string, args ...string) []byte {
	t.Helper()
	out, errText, err := Try(t, timeout, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errText)
	}
	return out
}

// Try runs a validator and returns its standard output, standard error and
// error, for tests that expect it to fail.
func Try(t testing.TB, timeout time.Duration, name string, args ...string) (stdout []byte, stderr string, err error) {
	t.Helper()
	Validators(t)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := Command(ctx, t, name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.Bytes(), errb.String(), err
}
