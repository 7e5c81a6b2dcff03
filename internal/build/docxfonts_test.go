package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/testtool"
)

// oneFontConfig writes a fontconfig whose only font is one Latin face
// without Han: LibreOffice does not start with no font at all ("No fonts
// could be found on the system"), so this is the nearest to a machine
// without the edition's fonts.
func oneFontConfig(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(root, "fonts", "NotoSans-Regular.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "fonts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fonts", "OnlyLatin.ttf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "fonts.conf")
	body := `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>` + filepath.Join(dir, "fonts") + `</dir><cachedir>` + filepath.Join(dir, "cache") + `</cachedir></fontconfig>
`
	if err := os.WriteFile(conf, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return conf
}

// libreOfficePDF converts a DOCX with LibreOffice under the fontconfig
// conf and returns the PDF's path.
func libreOfficePDF(t *testing.T, docx, conf string) string {
	t.Helper()
	testtool.Need(t, "soffice")
	out := t.TempDir()
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.ToSlash(t.TempDir()),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", out, docx)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+conf)
	msg, err := cmd.CombinedOutput()
	pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(docx), ".docx")+".pdf")
	if _, serr := os.Stat(pdf); err != nil || serr != nil {
		t.Fatalf("soffice: %v %v\n%s", err, serr, msg)
	}
	return pdf
}

func squeezeHan(s string) string {
	return strings.Map(func(c rune) rune {
		if unicode.IsSpace(c) {
			return -1
		}
		return c
	}, s)
}

// TestDOCXFontsTravel converts the Chinese DOCX with LibreOffice on a
// "machine" whose only font is a Latin one: the body is drawn with the
// fonts embedded in the file, every paragraph's text is in the PDF.
func TestDOCXFontsTravel(t *testing.T) {
	if testing.Short() {
		t.Skip("runs LibreOffice")
	}
	dir, _ := built(t)
	pdf := libreOfficePDF(t, file(dir, "zh", "docx"), oneFontConfig(t))
	fonts := run(t, "pdffonts", pdf)
	for _, want := range []string{"Noto Serif CJK SC", "Noto Sans CJK SC"} {
		if !strings.Contains(fonts, want) {
			t.Errorf("LibreOffice did not use the embedded %s:\n%s", want, fonts)
		}
	}
	text := squeezeHan(run(t, "pdftotext", pdf, "-"))
	ed := edition(t, "zh")
	missing, paras := 0, 0
	for _, b := range ed.Doc.Blocks {
		p, ok := b.(*doc.Paragraph)
		if !ok {
			continue
		}
		paras++
		// The first 12 characters of the paragraph.
		s := []rune(squeezeHan(doc.PlainText(p.Content)))
		if !strings.Contains(text, string(s[:min(12, len(s))])) {
			missing++
		}
	}
	if paras == 0 || missing > 0 {
		t.Errorf("%d of %d Chinese paragraphs not in LibreOffice's PDF", missing, paras)
	}
}

// TestDOCXTOCPageNumbers checks that the contents of every DOCX carry
// page numbers (press's pagination of the same page size) and tells how
// far LibreOffice's own pagination of the file puts each heading from
// them. The numbers are press's PDF's; LibreOffice sets the DOCX styles
// (sizes, spacing) differently, so they agree only approximately: the
// test fails beyond 4 pages and logs every difference.
func TestDOCXTOCPageNumbers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs LibreOffice")
	}
	dir, _ := built(t)
	conf := testtool.FontconfigFile(t)
	for _, l := range []string{"en", "zh"} {
		t.Run(l, func(t *testing.T) {
			xml := zipText(t, file(dir, l, "docx"), "word/document.xml")
			if !strings.Contains(zipText(t, file(dir, l, "docx"), "word/settings.xml"), `<w:updateFields w:val="true"/>`) {
				t.Errorf("no w:updateFields")
			}
			entries := regexp.MustCompile(`PAGEREF (_Toc\d+) \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>(\d+)</w:t>`).FindAllStringSubmatch(xml, -1)
			if len(entries) < 10 {
				t.Fatalf("%d contents entries with a page number", len(entries))
			}
			// A heading's whole text, and its title without the label
			// (LibreOffice's PDF may give the labels of two headings
			// before their titles).
			heads, titles := map[string]string{}, map[string]string{}
			for _, m := range regexp.MustCompile(`(?s)<w:bookmarkStart w:id="\d+" w:name="(_Toc\d+)"/>(.*?)</w:p>`).FindAllStringSubmatch(xml, -1) {
				ts := regexp.MustCompile(`<w:t[^>]*>([^<]*)</w:t>`).FindAllStringSubmatch(m[2], -1)
				var all []string
				for _, t := range ts {
					all = append(all, t[1])
				}
				heads[m[1]] = squeezeHan(strings.Join(all, ""))
				if len(all) > 1 {
					titles[m[1]] = strings.TrimLeft(squeezeHan(strings.Join(all[1:], "")), ".:：")
				}
			}
			pdf := libreOfficePDF(t, file(dir, l, "docx"), conf)
			info := run(t, "pdfinfo", pdf)
			n, _ := strconv.Atoi(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)[1])
			pages := make([]string, n+1)
			for i := 1; i <= n; i++ {
				pages[i] = squeezeHan(run(t, "pdftotext", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), pdf, "-"))
			}
			tagText := regexp.MustCompile(`<[^>]*>`)
			worst, prev := 0, 0
			for _, e := range entries {
				want, _ := strconv.Atoi(e[2])
				got := 0
				var key string
				for _, text := range []string{heads[e[1]], titles[e[1]]} {
					h := []rune(tagText.ReplaceAllString(text, ""))
					key = string(h[:min(14, len(h))])
					// After the title page and contents, and not before the
					// heading before it.
					for i := max(3, prev); i <= n && key != "" && got == 0; i++ {
						if strings.Contains(pages[i], key) {
							got = i
						}
					}
					if got > 0 {
						break
					}
				}
				if got == 0 {
					t.Errorf("heading %q not found in LibreOffice's PDF", key)
					continue
				}
				prev = got
				if got != want {
					t.Logf("%s %q: contents say %d, LibreOffice sets it on %d", e[1], key, want, got)
				}
				worst = max(worst, abs(got-want))
			}
			t.Logf("largest difference from LibreOffice's pagination: %d pages", worst)
			if worst > 4 {
				t.Errorf("contents page numbers up to %d pages from LibreOffice's", worst)
			}
		})
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
