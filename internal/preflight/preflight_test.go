package preflight

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/layout"
	"github.com/press/press/internal/skeleton"
	"github.com/press/press/internal/testtool"
)

// These tests build the real manuscript with every printer profile, read
// the PDFs back with preflight, and cross-check what preflight says with
// qpdf (page boxes, annotations), pdftoppm (crop marks seen on the
// rendered page) and pdfimages (image resolution). A missing tool is a
// failure, as in internal/build.

const root = "../.."

var langs = []string{"en", "kk", "ru", "zh"}

var (
	buildsMu sync.Mutex
	builds   = map[string]*builtProfile{}
	tmpDirs  []string
)

type builtProfile struct {
	once sync.Once
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	flag.Parse()
	// The short loop checks the English edition of each profile; make test
	// checks all four (each is a whole book per printer profile).
	if testing.Short() {
		langs = []string{"en"}
	}
	code := m.Run()
	for _, d := range tmpDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// built builds every edition's PDF with profile (once per test binary) and
// returns the output folder.
func built(t *testing.T, profile string) string {
	t.Helper()
	buildsMu.Lock()
	b := builds[profile]
	if b == nil {
		b = &builtProfile{}
		builds[profile] = b
	}
	buildsMu.Unlock()
	b.once.Do(func() {
		b.dir, b.err = os.MkdirTemp("", "press-preflight-"+profile+"-*")
		if b.err != nil {
			return
		}
		buildsMu.Lock()
		tmpDirs = append(tmpDirs, b.dir)
		buildsMu.Unlock()
		_, b.err = build.Run(build.Config{Root: root, Out: b.dir, Langs: langs, Formats: []string{"pdf"}, Profile: profile, NoCache: true})
	})
	if b.err != nil {
		t.Fatalf("build --profile %s: %v", profile, b.err)
	}
	return b.dir
}

func pdfPath(dir, lang string) string {
	return filepath.Join(dir, lang, "china-image-kazakhstan.pdf")
}

// tool runs a validator (internal/testtool: hermetic fonts, a missing tool
// fails, skipped under -short) and returns its output.
func tool(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	return testtool.Output(t, 5*time.Minute, name, args...)
}

func preflightOf(t *testing.T, path string, o Options) *Report {
	t.Helper()
	r, err := File(path, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func check(r *Report, name string) Check {
	for _, c := range r.Checks {
		if c.Name == name {
			return c
		}
	}
	return Check{Name: name, Status: "missing"}
}

// TestEveryProfileEveryEdition: each profile's build of each edition
// passes that profile's preflight, without a warning.
func TestEveryProfileEveryEdition(t *testing.T) {
	for _, p := range layout.ProfileNames() {
		t.Run(p, func(t *testing.T) {
			t.Parallel()
			dir := built(t, p)
			for _, l := range langs {
				r := preflightOf(t, pdfPath(dir, l), Options{Profile: p})
				if len(r.Checks) != 13 {
					t.Errorf("%s: %d checks", l, len(r.Checks))
				}
				for _, c := range r.Checks {
					if c.Status != Pass {
						t.Errorf("%s %s: %s %s: %s", p, l, c.Status, c.Name, c.Detail)
					}
				}
			}
		})
	}
}

// qpdfPages reads every page dictionary (with the inherited MediaBox)
// with qpdf --json.
func qpdfPages(t *testing.T, path string) []map[string]any {
	t.Helper()
	var j struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(tool(t, "qpdf", "--json", "--json-key=pages", "--json-key=qpdf", path), &j); err != nil {
		t.Fatal(err)
	}
	var objs map[string]json.RawMessage
	if len(j.QPDF) < 2 || json.Unmarshal(j.QPDF[1], &objs) != nil {
		t.Fatal("qpdf --json: no objects")
	}
	dict := func(ref string) map[string]any {
		var o struct {
			Value map[string]any `json:"value"`
		}
		json.Unmarshal(objs["obj:"+ref], &o)
		return o.Value
	}
	var pages []map[string]any
	for _, p := range j.Pages {
		d := dict(p.Object)
		if d == nil {
			t.Fatalf("qpdf --json: no page object %s", p.Object)
		}
		if _, ok := d["/MediaBox"]; !ok {
			if parent, ok := d["/Parent"].(string); ok {
				d["/MediaBox"] = dict(parent)["/MediaBox"]
			}
		}
		pages = append(pages, d)
	}
	return pages
}

func box(t *testing.T, v any) [4]float64 {
	t.Helper()
	a, ok := v.([]any)
	if !ok || len(a) != 4 {
		t.Fatalf("not a box: %v", v)
	}
	var b [4]float64
	for i, x := range a {
		b[i], _ = x.(float64)
	}
	return b
}

// render returns page n of path as an image at 72 dpi (1 px = 1 pt).
func render(t *testing.T, path string, n int) image.Image {
	t.Helper()
	out := filepath.Join(t.TempDir(), "page")
	tool(t, "pdftoppm", "-png", "-r", "72", "-gray", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-singlefile", path, out)
	f, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inkOutside counts the dark pixels of img outside the box (x0, y0)–(x1,
// y1), in pixels from the top left.
func inkOutside(img image.Image, x0, y0, x1, y1 int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if x >= x0 && x < x1 && y >= y0 && y < y1 {
				continue
			}
			if g := color.GrayModel.Convert(img.At(x, y)).(color.Gray); g.Y < 160 {
				n++
			}
		}
	}
	return n
}

// TestOffset: qpdf sees a TrimBox and a BleedBox on every page, the trim
// inside the media; the page count is a multiple of 4; the rendered pages
// show crop marks outside the bleed.
func TestOffset(t *testing.T) {
	dir := built(t, "offset")
	for _, l := range langs {
		path := pdfPath(dir, l)
		pages := qpdfPages(t, path)
		if len(pages)%4 != 0 {
			t.Errorf("%s: %d pages, not a multiple of 4", l, len(pages))
		}
		for i, p := range pages {
			if p["/TrimBox"] == nil || p["/BleedBox"] == nil {
				t.Fatalf("%s page %d: TrimBox %v, BleedBox %v", l, i+1, p["/TrimBox"], p["/BleedBox"])
			}
			media, trim, bleed := box(t, p["/MediaBox"]), box(t, p["/TrimBox"]), box(t, p["/BleedBox"])
			if trim == media || bleed == media || trim == bleed {
				t.Errorf("%s page %d: media %v, bleed %v, trim %v: not three boxes", l, i+1, media, bleed, trim)
			}
			// 3 mm = 8.5 pt of bleed on every side.
			for k, want := range []float64{-8.5, -8.5, 8.5, 8.5} {
				if d := bleed[k] - trim[k]; d-want > 0.02 || want-d > 0.02 {
					t.Errorf("%s page %d: bleed %v is not the trim %v + 3 mm", l, i+1, bleed, trim)
					break
				}
			}
			if p["/Annots"] != nil {
				t.Errorf("%s page %d: annotations", l, i+1)
			}
		}
		// Crop marks: ink outside the bleed box on the rendered pages
		// (the title page, a blank verso, a page of text).
		media, bleed := box(t, pages[0]["/MediaBox"]), box(t, pages[0]["/BleedBox"])
		h := media[3]
		for _, n := range []int{1, 2, 5} {
			img := render(t, path, n)
			if got := inkOutside(img, int(bleed[0]), int(h-bleed[3]), int(bleed[2])+1, int(h-bleed[1])+1); got < 8*10 {
				t.Errorf("%s page %d: %d dark pixels outside the bleed: no crop marks", l, n, got)
			}
		}
		if c := check(preflightOf(t, path, Options{Profile: "offset"}), "marks"); c.Status != Pass {
			t.Errorf("%s: marks: %s", l, c.Detail)
		}
	}
}

// TestKDP: no annotations, no outline, no marks (nothing printed near the
// sheet's edge), the sheet is the trim, the page count even and ≥ 24.
func TestKDP(t *testing.T) {
	dir := built(t, "kdp")
	for _, l := range langs {
		path := pdfPath(dir, l)
		pages := qpdfPages(t, path)
		if len(pages)%2 != 0 || len(pages) < 24 {
			t.Errorf("%s: %d pages", l, len(pages))
		}
		for i, p := range pages {
			if p["/Annots"] != nil {
				t.Errorf("%s page %d: annotations %v", l, i+1, p["/Annots"])
			}
			if m := box(t, p["/MediaBox"]); m != [4]float64{0, 0, 432, 648} {
				t.Errorf("%s page %d: media %v, not 6 × 9 in", l, i+1, m)
			}
		}
		outline := tool(t, "qpdf", "--json", "--json-key=outlines", path)
		if !bytes.Contains(outline, []byte(`"outlines": []`)) {
			t.Errorf("%s: an outline: %.200s", l, outline)
		}
		for _, n := range []int{1, 2, 3} {
			// No ink within 18 pt (KDP's 0.25 in) of the edge.
			if got := inkOutside(render(t, path, n), 18, 18, 432-18, 648-18); got > 0 {
				t.Errorf("%s page %d: %d dark pixels within 0.25 in of the edge", l, n, got)
			}
		}
		r := preflightOf(t, path, Options{Profile: "kdp", Size: "6x9"})
		for _, name := range []string{"marks", "annotations", "bleed", "boxes"} {
			if c := check(r, name); c.Status != Pass {
				t.Errorf("%s: %s: %s %s", l, name, c.Status, c.Detail)
			}
		}
	}
}

// TestScreenKeepsLinks: the default build is the screen profile, byte for
// byte; it keeps its link annotations and outline, and one box (the trim,
// equal to the media) as before profiles existed.
func TestScreenKeepsLinks(t *testing.T) {
	dir := built(t, "screen")
	def := t.TempDir()
	if _, err := build.Run(build.Config{Root: root, Out: def, Langs: []string{"en"}, Formats: []string{"pdf"}, NoCache: true}); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(pdfPath(dir, "en"))
	b, _ := os.ReadFile(pdfPath(def, "en"))
	if !bytes.Equal(a, b) {
		t.Error("--profile screen differs from the default build")
	}
	for _, l := range langs {
		path := pdfPath(dir, l)
		links := 0
		for i, p := range qpdfPages(t, path) {
			if p["/BleedBox"] != nil {
				t.Errorf("%s page %d: a BleedBox on screen", l, i+1)
			}
			if m, tr := box(t, p["/MediaBox"]), box(t, p["/TrimBox"]); m != tr || m != [4]float64{0, 0, 595.28, 841.89} {
				t.Errorf("%s page %d: media %v, trim %v", l, i+1, m, tr)
			}
			if a, ok := p["/Annots"].([]any); ok {
				links += len(a)
			}
		}
		if links < 100 {
			t.Errorf("%s: %d link annotations", l, links)
		}
		if c := check(preflightOf(t, path, Options{}), "annotations"); c.Status != Pass || !strings.Contains(c.Detail, "Link") {
			t.Errorf("%s: annotations: %s %s", l, c.Status, c.Detail)
		}
	}
}

// TestDeterministic: builds with two page boxes (which fpdf writes in map
// order) are byte-identical from run to run.
func TestDeterministic(t *testing.T) {
	for _, p := range []string{"offset", "kdp-bleed", "lulu"} {
		var first []byte
		for i := 0; i < 2; i++ {
			out := t.TempDir()
			if _, err := build.Run(build.Config{Root: root, Out: out, Langs: []string{"ru"}, Formats: []string{"pdf"}, Profile: p, NoCache: true}); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(pdfPath(out, "ru"))
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = data
			} else if !bytes.Equal(first, data) {
				t.Fatalf("%s: build %d differs from build 1", p, i+1)
			}
		}
		// The boxes are in name order on every page.
		if n := bytes.Count(first, []byte("\n/BleedBox [")); n == 0 || regexp.MustCompile(`/TrimBox \[[^\]]*\]\n/BleedBox`).Match(first) {
			t.Errorf("%s: %d BleedBox entries, or one after a TrimBox", p, n)
		}
	}
}

var ppiRe = regexp.MustCompile(`(?m)^\s*\d+\s+\d+\s+image\s+(\d+)\s+(\d+)\s+\S+\s+\d+\s+\d+\s+\S+\s+\S+\s+\d+\s+\d+\s+(\d+)\s+(\d+)`)

// TestImageResolution builds a small manuscript with one figure, at a low
// and at a high resolution: preflight warns about the first, passes the
// second, and its figures agree with pdfimages -list.
func TestImageResolution(t *testing.T) {
	for _, tc := range []struct {
		name   string
		w, h   int
		status Status
	}{
		{"low", 240, 160, Warn},
		{"high", 2400, 1600, Pass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			proj := filepath.Join(t.TempDir(), "figure-test")
			if err := skeleton.Create(proj, filepath.Join(root, "fonts")); err != nil {
				t.Fatal(err)
			}
			img := image.NewGray(image.Rect(0, 0, tc.w, tc.h))
			for y := 0; y < tc.h; y++ {
				for x := 0; x < tc.w; x++ {
					img.SetGray(x, y, color.Gray{uint8((x*7 + y*3) % 256)})
				}
			}
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(proj, "source", "figures", "fig-example.png"), buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(proj, "dist")
			if _, err := build.Run(build.Config{Root: proj, Out: out, Formats: []string{"pdf"}, Profile: "offset", NoCache: true}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(out, "en", "figure-test.pdf")
			r := preflightOf(t, path, Options{Profile: "offset"})
			c := check(r, "images")
			if c.Status != tc.status {
				t.Errorf("images: %s %s, want %s", c.Status, c.Detail, tc.status)
			}
			// pdfimages' resolution, rounded, is preflight's.
			m := ppiRe.FindSubmatch(tool(t, "pdfimages", "-list", path))
			if m == nil {
				t.Fatal("pdfimages lists no image")
			}
			ppi, _ := strconv.Atoi(string(m[3]))
			want := fmt.Sprintf("%d dpi", ppi)
			if tc.status == Pass {
				want = fmt.Sprintf("lowest at %d dpi", ppi)
			}
			if !strings.Contains(c.Detail, want) {
				t.Errorf("images: %q, pdfimages says %d ppi", c.Detail, ppi)
			}
			if tc.status == Pass && ppi < 300 || tc.status == Warn && ppi >= 300 {
				t.Errorf("pdfimages: %d ppi", ppi)
			}
			// Everything else passes: one grey image, no colour.
			for _, c := range r.Checks {
				if c.Name != "images" && c.Status != Pass {
					t.Errorf("%s: %s %s", c.Name, c.Status, c.Detail)
				}
			}
		})
	}
}

// TestWrongProfileFails: a file made for one printer fails another's
// preflight on the right checks.
func TestWrongProfileFails(t *testing.T) {
	cases := []struct {
		built, checkedAs string
		size             string
		fail             []string
	}{
		{"screen", "kdp", "", []string{"annotations", "boxes", "page count", "pdfx"}},
		{"screen", "offset", "", []string{"bleed", "boxes", "marks", "annotations", "pdfx"}},
		{"offset", "kdp", "", []string{"bleed", "marks"}}, // A4 is a trim KDP takes
		{"offset", "offset", "a5", []string{"page size"}}, // not the trim asked for
		{"kdp", "kdp-bleed", "", []string{"bleed"}},
		{"kdp", "kdp", "a5", []string{"page size"}},
		{"kdp-bleed", "lulu", "", []string{"bleed"}},
	}
	for _, tc := range cases {
		r := preflightOf(t, pdfPath(built(t, tc.built), "en"), Options{Profile: tc.checkedAs, Size: tc.size})
		if r.OK {
			t.Errorf("%s checked as %s passed", tc.built, tc.checkedAs)
		}
		for _, name := range tc.fail {
			if c := check(r, name); c.Status != Fail {
				t.Errorf("%s checked as %s: %s is %s (%s), want fail", tc.built, tc.checkedAs, name, c.Status, c.Detail)
			}
		}
	}
}

// TestFontsAgreeWithPdffonts: preflight's font count and subsets are
// pdffonts'.
func TestFontsAgreeWithPdffonts(t *testing.T) {
	dir := built(t, "kdp")
	for _, l := range langs {
		path := pdfPath(dir, l)
		lines := strings.Split(strings.TrimSpace(string(tool(t, "pdffonts", path))), "\n")[2:]
		for _, ln := range lines {
			if f := strings.Fields(ln); len(f) < 5 || !strings.Contains(ln, " yes yes ") {
				t.Errorf("%s: pdffonts: %s", l, ln)
			}
		}
		c := check(preflightOf(t, path, Options{Profile: "kdp"}), "fonts")
		if want := fmt.Sprintf("%d fonts, all embedded (%d subsets)", len(lines), len(lines)); c.Detail != want {
			t.Errorf("%s: %q, pdffonts lists %d embedded subsets", l, c.Detail, len(lines))
		}
	}
}

func TestNotAPDF(t *testing.T) {
	r, err := Bytes([]byte("%PDF-1.4\nnot really"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.OK || check(r, "pdf").Status != Fail {
		t.Errorf("%+v", r)
	}
	if _, err := Bytes(nil, Options{Profile: "nope"}); err == nil {
		t.Error("unknown profile accepted")
	}
}

// TestPDFX: every print profile's PDF is PDF/X-4, as qpdf reads it too:
// the Info dictionary's version and one GTS_PDFX output intent whose
// profile stream has four components.
func TestPDFX(t *testing.T) {
	for _, prof := range []string{"offset", "kdp", "ingram", "lulu"} {
		path := pdfPath(built(t, prof), "en")
		if c := check(preflightOf(t, path, Options{Profile: prof}), "pdfx"); c.Status != Pass {
			t.Errorf("%s: pdfx %s: %s", prof, c.Status, c.Detail)
		}
		out := string(tool(t, "qpdf", "--json", "--json-key=qpdf", path))
		for _, want := range []string{`"/GTS_PDFXVersion": "u:PDF/X-4"`, `"/S": "/GTS_PDFX"`, `"/OutputConditionIdentifier": "u:FOGRA39"`, `"/N": 4`, `"/Alternate": "/DeviceCMYK"`} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: qpdf --json lacks %s", prof, want)
			}
		}
	}
}
