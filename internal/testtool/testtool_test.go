package testtool

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeZip writes a zip archive of the given entries (stored in order).
func writeZip(t *testing.T, name string, entries ...[2]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestValidatorsRejectBrokenFiles proves each validator the suite relies on
// can fail: a deliberately broken file is refused by epubcheck, LibreOffice,
// pdftotext and pandoc. A validator that accepted these would make every
// test built on it pass vacuously.
func TestValidatorsRejectBrokenFiles(t *testing.T) {
	Validators(t)
	// An EPUB whose container names a package document that is not there.
	epub := writeZip(t, "broken.epub",
		[2]string{"mimetype", "application/epub+zip"},
		[2]string{"META-INF/container.xml", `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`})
	// A DOCX package without its main document part.
	docx := writeZip(t, "broken.docx",
		[2]string{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`})
	// A PDF cut off after its header.
	pdf := filepath.Join(t.TempDir(), "broken.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog"), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("epubcheck", func(t *testing.T) {
		report, clean := EpubcheckReport(t, epub)
		if clean || !strings.Contains(report, "ERROR") && !strings.Contains(report, "FATAL") {
			t.Errorf("epubcheck passed a broken EPUB:\n%s", report)
		}
	})
	t.Run("libreoffice", func(t *testing.T) {
		if pdfs, err := TryToPDF(t, docx); err == nil {
			t.Errorf("LibreOffice made %s of a DOCX without a document", pdfs[0])
		}
	})
	t.Run("pdftotext", func(t *testing.T) {
		if out, _, err := Try(t, time.Minute, "pdftotext", pdf, "-"); err == nil {
			t.Errorf("pdftotext read a truncated PDF: %q", out)
		}
	})
	t.Run("pandoc", func(t *testing.T) {
		if out, _, err := Try(t, time.Minute, "pandoc", "-f", "docx", "-t", "plain", docx); err == nil {
			t.Errorf("pandoc read a DOCX without a document: %q", out)
		}
	})
}

// TestFontconfigSeesOnlyProjectFonts lists the fonts the validators can
// use, through fontconfig itself: exactly the files of fonts/, whatever the
// machine has installed and whatever FONTCONFIG_FILE the caller set.
func TestFontconfigSeesOnlyProjectFonts(t *testing.T) {
	Validators(t)
	t.Setenv("FONTCONFIG_FILE", "/nonexistent/fonts.conf")
	out := string(Output(t, time.Minute, "fc-list", "--format", "%{file}\n"))
	fonts := filepath.Join(Root(t), "fonts")
	want, err := filepath.Glob(filepath.Join(fonts, "*.[ot]tf"))
	if err != nil || len(want) == 0 {
		t.Fatalf("no fonts in %s: %v", fonts, err)
	}
	seen := map[string]bool{}
	for _, f := range strings.Fields(out) {
		if filepath.Dir(f) != fonts {
			t.Errorf("fontconfig sees %s, outside the project's fonts/", f)
		}
		seen[f] = true
	}
	for _, f := range want {
		if !seen[f] {
			t.Errorf("fontconfig does not see %s", f)
		}
	}
}
