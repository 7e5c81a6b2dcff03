package testtool

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// EpubcheckJars are where Debian's epubcheck package puts the jar (its
// wrapper script does not start, so the jar is run directly);
// $EPUBCHECK_JAR overrides them.
var EpubcheckJars = []string{
	"/usr/share/java/epubcheck.jar",
	"/usr/share/epubcheck/epubcheck.jar",
}

func epubcheckJar(t testing.TB) string {
	t.Helper()
	candidates := EpubcheckJars
	if env := os.Getenv("EPUBCHECK_JAR"); env != "" {
		candidates = []string{env}
	}
	for _, p := range candidates {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("epubcheck.jar not found in %v (set $EPUBCHECK_JAR to override): run `make deps`", candidates)
	return ""
}

// javaFlags make the short-lived epubcheck JVM cheaper: the client
// compiler alone and the serial collector halve its CPU time, which is
// most of an EPUB test's cost.
var javaFlags = []string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"}

// EpubcheckReport runs the real epubcheck on file and returns its report
// and whether it found nothing at all: no fatal error, error or warning.
// A run over the same bytes is shared within the test binary.
func EpubcheckReport(t testing.TB, file string) (report string, clean bool) {
	t.Helper()
	Validators(t)
	key := "epubcheck:" + contentKey(t, file)
	r := memo(key, func() result {
		out, errText, err := Try(t, 5*time.Minute, "java", append(javaFlags, "-jar", epubcheckJar(t), file)...)
		text := string(out) + errText
		ok := err == nil && strings.Contains(text, "No errors or warnings detected")
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(line, "FATAL") || strings.HasPrefix(line, "ERROR") || strings.HasPrefix(line, "WARNING") {
				ok = false
			}
		}
		return result{text: text, ok: ok}
	})
	return r.text, r.ok
}

// Epubcheck validates file with epubcheck and fails the test on any fatal
// error, error or warning.
func Epubcheck(t testing.TB, file string) string {
	t.Helper()
	report, ok := EpubcheckReport(t, file)
	if !ok {
		t.Errorf("epubcheck %s:\n%s", filepath.Base(file), report)
	}
	return report
}

// sofficeMu runs one LibreOffice at a time in a test binary: its profile
// folder is reused (a new profile costs seconds), and a profile cannot be
// shared by two running instances.
var (
	sofficeMu      sync.Mutex
	sofficeProfile string
)

// ToPDF converts each file to PDF with headless LibreOffice, in one
// LibreOffice run, under the hermetic fontconfig, and returns the PDFs'
// paths in the same order, failing the test when one is not made. A file
// whose bytes were converted before in the test binary is not converted
// again.
func ToPDF(t testing.TB, files ...string) []string {
	t.Helper()
	pdfs, err := TryToPDF(t, files...)
	if err != nil {
		t.Fatal(err)
	}
	return pdfs
}

// TryToPDF is ToPDF returning an error instead of failing the test when
// LibreOffice makes no PDF (or a broken one) of a file.
func TryToPDF(t testing.TB, files ...string) ([]string, error) {
	t.Helper()
	Validators(t)
	keys := make([]string, len(files))
	out := make([]string, len(files))
	var todo []int
	for i, f := range files {
		keys[i] = "soffice:" + contentKey(t, f)
		if r, ok := cached(keys[i]); ok {
			out[i] = r.text
		} else {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return out, nil
	}
	sofficeMu.Lock()
	defer sofficeMu.Unlock()
	if sofficeProfile == "" {
		dir, err := os.MkdirTemp("", "press-soffice-profile-*")
		if err != nil {
			return nil, err
		}
		sofficeProfile = dir
	}
	// Files go to a folder of their own under distinct names, so two
	// inputs called book.docx do not overwrite each other's PDF.
	in, err := os.MkdirTemp("", "press-soffice-in-*")
	if err != nil {
		return nil, err
	}
	outDir, err := os.MkdirTemp("", "press-soffice-out-*")
	if err != nil {
		return nil, err
	}
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(sofficeProfile),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir}
	names := make([]string, len(files))
	for _, i := range todo {
		names[i] = fmt.Sprintf("f%02d-%s", i, filepath.Base(files[i]))
		data, err := os.ReadFile(files[i])
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(in, names[i]), data, 0o644); err != nil {
			return nil, err
		}
		args = append(args, filepath.Join(in, names[i]))
	}
	if _, errText, err := Try(t, 6*time.Minute, "soffice", args...); err != nil {
		return nil, fmt.Errorf("soffice: %v\n%s", err, errText)
	}
	for _, i := range todo {
		pdf := filepath.Join(outDir, strings.TrimSuffix(names[i], filepath.Ext(names[i]))+".pdf")
		data, err := os.ReadFile(pdf)
		if err != nil {
			return nil, fmt.Errorf("LibreOffice did not convert %s to PDF: %v", filepath.Base(files[i]), err)
		}
		if !strings.HasPrefix(string(data[:min(len(data), 5)]), "%PDF-") || len(data) < 1000 {
			return nil, fmt.Errorf("LibreOffice wrote a broken PDF for %s (%d bytes)", filepath.Base(files[i]), len(data))
		}
		store(keys[i], result{text: pdf, ok: true})
		out[i] = pdf
	}
	return out, nil
}

// PDFText is the text pdftotext reads from pdf, with extra pdftotext
// arguments (-layout, -f N, -raw…) before the file.
func PDFText(t testing.TB, pdf string, args ...string) string {
	t.Helper()
	Validators(t)
	args = append(append([]string{"-enc", "UTF-8"}, args...), pdf, "-")
	return string(Output(t, 2*time.Minute, "pdftotext", args...))
}

// Pandoc runs pandoc on file (-f from -t to, plus args) and returns what it
// writes.
func Pandoc(t testing.TB, file, from, to string, args ...string) []byte {
	t.Helper()
	Validators(t)
	args = append([]string{"-f", from, "-t", to}, args...)
	return Output(t, 3*time.Minute, "pandoc", append(args, file)...)
}

// The results of validator runs, by the content they ran on.
type result struct {
	text string
	ok   bool
}

var (
	memoMu   sync.Mutex
	memoDone = map[string]result{}
	memoWait = map[string]chan struct{}{}
)

func cached(key string) (result, bool) {
	memoMu.Lock()
	defer memoMu.Unlock()
	r, ok := memoDone[key]
	return r, ok
}

func store(key string, r result) {
	memoMu.Lock()
	memoDone[key] = r
	memoMu.Unlock()
}

// memo runs f once per key; concurrent callers with the same key wait for
// the first one.
func memo(key string, f func() result) result {
	memoMu.Lock()
	if r, ok := memoDone[key]; ok {
		memoMu.Unlock()
		return r
	}
	if ch, ok := memoWait[key]; ok {
		memoMu.Unlock()
		<-ch
		return memo(key, f)
	}
	ch := make(chan struct{})
	memoWait[key] = ch
	memoMu.Unlock()
	var r result
	defer func() {
		memoMu.Lock()
		// A run that failed the test (t.Fatal exits the goroutine) is not
		// stored, so a waiting caller runs it again and fails too.
		if r.text != "" || r.ok {
			memoDone[key] = r
		}
		delete(memoWait, key)
		memoMu.Unlock()
		close(ch)
	}()
	r = f()
	return r
}

// contentKey names file by its bytes.
func contentKey(t testing.TB, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
