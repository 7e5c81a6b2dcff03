package layout

import (
	"math"
	"testing"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/lang"
)

func TestKDPInnerMargin(t *testing.T) {
	kdp, err := ProfileByName("kdp")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		pages int
		in    float64
	}{
		{24, 0.375}, {150, 0.375}, {151, 0.5}, {300, 0.5}, {301, 0.625}, {500, 0.625}, {501, 0.75}, {700, 0.75}, {701, 0.875}, {828, 0.875},
	} {
		if got := kdp.InnerMargin(tc.pages) / Inch; math.Abs(got-tc.in) > 1e-9 {
			t.Errorf("%d pages: inside margin %.3f in, want %.3f", tc.pages, got, tc.in)
		}
	}
	if s, _ := ProfileByName("screen"); s.InnerMargin(1000) != 0 {
		t.Error("screen sets an inside margin")
	}
}

func TestProfileTable(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Profiles {
		if seen[p.Name] || p.Summary == "" || p.PageMultiple < 1 {
			t.Errorf("%s: duplicate, no summary or no page multiple", p.Name)
		}
		seen[p.Name] = true
		w, h, err := PageSize(p.Trim)
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		if err := p.TrimOK(w, h); err != nil {
			t.Errorf("%s: its own trim: %v", p.Name, err)
		}
		if p.Print && (p.Links || !p.TwoSided) {
			t.Errorf("%s: a print profile with links or one-sided", p.Name)
		}
		if p.Print && p.Bleed > 0 && p.Safe < p.Bleed {
			t.Errorf("%s: safe margin inside the bleed", p.Name)
		}
	}
	for _, want := range []string{"screen", "kdp", "ingram", "lulu", "offset"} {
		if !seen[want] {
			t.Errorf("no %s profile", want)
		}
	}
	if _, err := ProfileByName("nope"); err == nil {
		t.Error("unknown profile accepted")
	}
	if p, err := ProfileByName(""); err != nil || p.Name != "screen" {
		t.Errorf("default profile %q, %v", p.Name, err)
	}
}

func TestPageSize(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h float64
		ok   bool
	}{
		{"a4", 595.28, 841.89, true},
		{"", 595.28, 841.89, true},
		{"6x9", 432, 648, true},
		{"5.5x8.5", 396, 612, true},
		{"6.14x9.21in", 442.08, 663.12, true},
		{"170x240mm", 481.89, 680.31, true},
		{"A5", 419.53, 595.28, true},
		{"0x9", 0, 0, false},
		{"huge", 0, 0, false},
		{"100x100", 0, 0, false},
	} {
		w, h, err := PageSize(tc.name)
		if (err == nil) != tc.ok || math.Abs(w-tc.w) > 0.01 || math.Abs(h-tc.h) > 0.01 {
			t.Errorf("%q: %.2f × %.2f, %v", tc.name, w, h, err)
		}
	}
}

func testDoc(paras int) *doc.Document {
	d := &doc.Document{Meta: doc.Meta{Title: doc.Field{ID: "meta.title", Text: "T"}, Lang: "en"}}
	d.Labels.Contents = "Contents"
	for c := 0; c < 3; c++ {
		d.Blocks = append(d.Blocks, &doc.Heading{ID: "h" + string(rune('a'+c)), Level: 1, Content: []doc.Inline{&doc.Text{Text: "Heading"}}})
		for i := 0; i < paras; i++ {
			d.Blocks = append(d.Blocks, &doc.Paragraph{ID: "p", Content: []doc.Inline{&doc.Text{Text: english}}})
		}
	}
	return d
}

// TestProfilesLayout: under every profile, every piece of text is at
// least the profile's safe margin inside the trim, the page count is a
// multiple of the profile's, chapters open on recto pages in print, and
// the sheet has the profile's bleed.
func TestProfilesLayout(t *testing.T) {
	p, _ := lang.Get("en")
	d := testDoc(12)
	for _, prof := range Profiles {
		b, err := Layout(d, faceSetForTest, p, Options{Profile: prof.Name})
		if err != nil {
			t.Fatalf("%s: %v", prof.Name, err)
		}
		if len(b.Pages)%prof.PageMultiple != 0 || b.Report.Pages != len(b.Pages) {
			t.Errorf("%s: %d pages (report %d)", prof.Name, len(b.Pages), b.Report.Pages)
		}
		for _, pg := range b.Pages {
			for _, it := range pg.Items {
				if it.Kind != TextItem {
					continue
				}
				w := it.Face.Width(it.Text, it.Size)
				top, bottom := it.Y-it.Face.Ascent*it.Size, it.Y-it.Face.Descent*it.Size
				if it.X < prof.Safe || it.X+w > b.Width-prof.Safe || top < prof.Safe || bottom > b.Height-prof.Safe {
					t.Errorf("%s page %d: %q at (%.1f, %.1f)–(%.1f, %.1f) is within %.1f pt of the trim's edge",
						prof.Name, pg.Number, it.Text, it.X, top, it.X+w, bottom, prof.Safe)
				}
			}
		}
		if prof.TwoSided {
			for _, e := range b.Outline[1:] {
				if e.Level == 0 && e.Page%2 == 0 {
					t.Errorf("%s: a chapter opens on page %d, a verso", prof.Name, e.Page)
				}
			}
		}
		mw, mh := b.MediaSize()
		side := 1.0
		if prof.GutterBleed {
			side = 2
		}
		if math.Abs(mw-(b.Width+side*prof.Bleed+2*b.Sheet.Slug)) > 1e-6 || math.Abs(mh-(b.Height+2*prof.Bleed+2*b.Sheet.Slug)) > 1e-6 {
			t.Errorf("%s: media %.2f × %.2f for a trim %.2f × %.2f", prof.Name, mw, mh, b.Width, b.Height)
		}
		// Without gutter bleed the spine edge has none: a recto's trim
		// starts at the sheet's left edge, a verso's one bleed in.
		if prof.Bleed > 0 && !prof.GutterBleed {
			if x, _ := b.TrimOrigin(1); x != 0 {
				t.Errorf("%s: recto trim at x %.2f", prof.Name, x)
			}
			if x, _ := b.TrimOrigin(2); x != prof.Bleed {
				t.Errorf("%s: verso trim at x %.2f", prof.Name, x)
			}
		}
	}
}

// TestGutterGrowsWithPages: a profile whose gutter table asks for more
// once the book is long gets the wider inside margin, and keeps it.
func TestGutterGrowsWithPages(t *testing.T) {
	saved := Profiles
	defer func() { Profiles = saved }()
	Profiles = append(append([]PrintProfile(nil), saved...), PrintProfile{
		Name: "test-gutter", Summary: "test", Trim: "6x9", TwoSided: true, PageMultiple: 2, Print: true,
		Gutter: []GutterStep{{10, 40}, {0, 90}},
	})
	p, _ := lang.Get("en")
	short, err := Layout(testDoc(1), faceSetForTest, p, Options{Profile: "test-gutter"})
	if err != nil {
		t.Fatal(err)
	}
	long, err := Layout(testDoc(15), faceSetForTest, p, Options{Profile: "test-gutter"})
	if err != nil {
		t.Fatal(err)
	}
	if len(short.Pages) > 10 || len(long.Pages) <= 10 {
		t.Fatalf("%d and %d pages", len(short.Pages), len(long.Pages))
	}
	if short.Report.InnerMargin != 58 || long.Report.InnerMargin != 90 {
		t.Errorf("inside margins %.1f (%d pages) and %.1f (%d pages), want 58 and 90", short.Report.InnerMargin, len(short.Pages), long.Report.InnerMargin, len(long.Pages))
	}
	// The text of a recto page starts at the inside margin.
	for _, pg := range long.Pages {
		if pg.Number%2 == 1 && pg.Number > 3 {
			for _, it := range pg.Items {
				if it.Kind == TextItem && it.X < 90-0.01 {
					t.Fatalf("page %d: text at x %.1f, inside the 90 pt gutter", pg.Number, it.X)
				}
			}
		}
	}
}
