package layout

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/hyph"
	"github.com/press/press/internal/lang"
)

var faceSetForTest = fonts.NewSet("../../fonts")

func testShaper(t testing.TB, code string) *shaper {
	t.Helper()
	p, _ := lang.Get(code)
	h, _ := hyph.For(code, p.LeftMin, p.RightMin)
	sh := &shaper{faces: &faceSet{get: func(r fonts.Role) *fonts.Face {
		f, err := faceSetForTest.Get(r)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}}, han: p.Script == lang.Han, lang: code}
	if h != nil {
		sh.hyphenate = h.Hyphenate
		sh.hyphenateLatin = h.Hyphenate
	}
	return sh
}

func setText(t testing.TB, code, text string, width float64) []line {
	sh := testShaper(t, code)
	if err := sh.shape([]span{{text: text, st: style{size: 10}}}, 0); err != nil {
		t.Fatal(err)
	}
	lines, _ := paragraphLines(sh.items, []float64{width}, "u", 0)
	return lines
}

const english = "China's image and soft power in Kazakhstan are being exercised in the domains of public diplomacy, cultural diplomacy and economic cooperation. One could argue that, due to its rapid development in the past decades, China has obtained a considerable allure across the world by being a huge market and, after the launch of the Belt and Road Initiative (BRI) in 2013, a significant source of investment capital."

func TestJustified(t *testing.T) {
	for _, c := range []struct {
		code, text string
		width      float64
	}{
		{"en", english, 300},
		{"en", english, 160},
		{"ru", "Мягкая сила, то есть способность государства склонять другое государство на свою сторону с помощью привлекательности, а не принуждения, — понятие теории международных отношений, разработанное Джозефом Наем в 1990-х годах.", 220},
		{"kk", "Қазақстанның Қытаймен қарым-қатынасы ерекше, өйткені ол Шыңжаңмен шекаралас елдердің бірі және Шанхай ынтымақтастық ұйымының 1996 жылы құрылғаннан бері мүшесі.", 200},
		{"zh", "形象是中国为实现其外交政策目标而运用的一个重要概念。中国的崛起催生了对一种叙事的需求，以服务于国家在海外的目标，特别是通过所谓的“合作共赢”——这已成为中国外交的指导理念。", 200},
	} {
		lines := setText(t, c.code, c.text, c.width)
		if len(lines) < 2 {
			t.Fatalf("%s: %d lines", c.code, len(lines))
		}
		for i, ln := range lines {
			w := lineWidth(ln)
			if w > c.width+0.5 {
				t.Errorf("%s line %d is overfull: %.1f > %.1f: %q", c.code, i, w, c.width, ln.text)
			}
			if i < len(lines)-1 && math.Abs(w-c.width) > 0.6 {
				t.Errorf("%s line %d is not justified: %.1f of %.1f: %q", c.code, i, w, c.width, ln.text)
			}
		}
	}
}

func TestChineseLineStarts(t *testing.T) {
	text := strings.Repeat("中国，在哈萨克斯坦。“形象”（软实力）、《报告》；问题：是否？是！", 8)
	for _, w := range []float64{95, 101, 133, 150, 171} {
		for i, ln := range setText(t, "zh", text, w) {
			first, _ := utf8.DecodeRuneInString(ln.text)
			if strings.ContainsRune(noBreakBefore, first) {
				t.Errorf("width %v line %d starts with %q: %q", w, i, first, ln.text)
			}
			last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(ln.text, " "))
			if strings.ContainsRune("（“《「『", last) {
				t.Errorf("width %v line %d ends with %q", w, i, last)
			}
		}
	}
}

func TestNoThreeHyphensInARow(t *testing.T) {
	for _, w := range []float64{90, 110, 130, 150} {
		run := 0
		for _, ln := range setText(t, "en", english+" "+english, w) {
			if ln.hyph {
				run++
			} else {
				run = 0
			}
			if run > 2 {
				t.Fatalf("width %v: three hyphenated lines in a row", w)
			}
		}
	}
}

func TestURLBreaksWithoutHyphen(t *testing.T) {
	sh := testShaper(t, "en")
	url := "https://www.reuters.com/article/us-china-rights-un/west-calls-on-china-to-close-uighur-detention-camps-idUSKCN1NB1CF"
	sh.shape([]span{{text: url, st: style{size: 9, link: url}}}, 0)
	lines, probs := paragraphLines(sh.items, []float64{150}, "u", 0)
	if len(probs) > 0 || len(lines) < 3 {
		t.Fatalf("%d lines, problems %v", len(lines), probs)
	}
	var joined strings.Builder
	for _, ln := range lines {
		if ln.hyph {
			t.Errorf("a URL line got a hyphen: %q", ln.text)
		}
		joined.WriteString(ln.text)
	}
	if joined.String() != url {
		t.Errorf("URL changed: %q", joined.String())
	}
}

func TestMissingGlyph(t *testing.T) {
	sh := testShaper(t, "en")
	sh.unit = "intro.p1"
	// Han falls back to a shipped CJK face; Thai has none: it is set
	// aside, to be reported with every other missing character.
	err := sh.shape([]span{{text: "Text with a Thai letter ก and 中.", st: style{size: 10}}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(sh.missing) != 1 || sh.missing['ก'] == "" {
		t.Errorf("missing %v, want only ก", sh.missing)
	}
	e := &MissingGlyphsError{List: []*MissingGlyphError{{Rune: 'ก', Unit: "intro.p1", Lang: "en", Font: "Noto Serif"}, {Rune: 'ข', Unit: "intro.p2", Lang: "en", Font: "Noto Serif"}}}
	for _, want := range []string{"2 character(s)", "unit intro.p1 (en): character 'ก' (U+0E01) is not in font Noto Serif", "unit intro.p2 (en): character 'ข'"} {
		if !strings.Contains(e.Error(), want) {
			t.Errorf("%q lacks %q", e.Error(), want)
		}
	}
}

// TestCutAtMargin: a run with no break point longer than the line is cut
// into pieces that fit, and reported.
func TestCutAtMargin(t *testing.T) {
	sh := testShaper(t, "en")
	sh.measure = 100
	long := strings.Repeat("abcdefghij", 12)
	if err := sh.shape([]span{{text: "See " + long + " here.", st: style{size: 10}}}, 0); err != nil {
		t.Fatal(err)
	}
	if len(sh.broken) != 1 {
		t.Fatalf("broken %v", sh.broken)
	}
	var joined strings.Builder
	for _, it := range sh.items {
		if it.kind == kBox && it.run != nil {
			if it.width > 100 {
				t.Errorf("box %q is %.1f wide, more than the measure", it.run.text, it.width)
			}
			joined.WriteString(it.run.text)
		}
	}
	if !strings.Contains(joined.String(), long) {
		t.Errorf("text lost: %q", joined.String())
	}
}

// TestFitColumns: natural widths when they fit, else every column gets
// its longest word and nothing exceeds the measure.
func TestFitColumns(t *testing.T) {
	for _, c := range []struct {
		natural, least []float64
		avail          float64
	}{
		{[]float64{50, 60}, []float64{30, 40}, 400},
		{[]float64{300, 500}, []float64{40, 80}, 400},
		{[]float64{300, 500, 200}, []float64{200, 300, 150}, 400},
	} {
		w := fitColumns(c.natural, append([]float64(nil), c.least...), c.avail, 10)
		sum := 0.0
		for i, x := range w {
			sum += x
			if c.natural[0]+c.natural[1] > c.avail && c.least[0]+c.least[1] <= c.avail && x < c.least[i]-0.01 {
				t.Errorf("%v: column %d is %.1f, narrower than its longest word %.1f", c, i, x, c.least[i])
			}
		}
		if sum > c.avail+0.01 {
			t.Errorf("%v: widths %v add up to %.1f, more than %.1f", c, w, sum, c.avail)
		}
	}
}

func TestLayoutBook(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: doc.Field{ID: "meta.title", Text: "T"}, Lang: "en"}}
	d.Labels.Contents = "Contents"
	var blocks []doc.Block
	blocks = append(blocks, &doc.Heading{ID: "h", Level: 1, Content: []doc.Inline{&doc.Text{Text: "Heading"}}})
	for i := 0; i < 40; i++ {
		blocks = append(blocks, &doc.Paragraph{ID: "p", Content: []doc.Inline{&doc.Text{Text: english}}})
	}
	d.Blocks = blocks
	p, _ := lang.Get("en")
	b, err := Layout(d, faceSetForTest, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Pages) < 5 || b.Report.Pages != len(b.Pages) {
		t.Errorf("%d pages", len(b.Pages))
	}
	if len(b.Report.Widows)+len(b.Report.Orphans)+len(b.Report.HeadingsAtFoot)+len(b.Report.Overfull) > 0 {
		t.Errorf("report: %+v", b.Report)
	}
	for _, pg := range b.Pages {
		for _, it := range pg.Items {
			if it.Kind == TextItem && (it.Y > b.Height || it.X < 0 || it.X > b.Width) {
				t.Errorf("page %d: text off the page at (%.0f, %.0f)", pg.Number, it.X, it.Y)
			}
		}
	}
}

func BenchmarkLineBreak1000Lines(b *testing.B) {
	sh := testShaper(b, "en")
	sh.shape([]span{{text: strings.Repeat(english+" ", 160), st: style{size: 10}}}, 0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lines, _ := paragraphLines(sh.items, []float64{300}, "u", 0)
		if len(lines) < 900 {
			b.Fatalf("%d lines", len(lines))
		}
	}
}

// Invalid UTF-8 (which the catalogues refuse, but layout must survive)
// keeps break offsets on byte boundaries of the text.
func TestBreakOpportunitiesInvalidUTF8(t *testing.T) {
	for _, text := range []string{"a\xffb c", "\xff\xfe", "中\xff文 x", "ab\xe4\xb8"} {
		for _, han := range []bool{false, true} {
			b := breakOpportunities(text, han)
			if len(b) != len(text)+1 {
				t.Errorf("%q: %d entries, want %d", text, len(b), len(text)+1)
			}
		}
	}
}
