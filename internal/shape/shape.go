// Package shape turns text into positioned glyphs with a real OpenType
// shaper (go-text/typesetting, a Go port of HarfBuzz): kerning from the
// font's GPOS/kern tables, standard ligatures, and the advances CJK faces
// really have. It stands between typography and layout: layout measures
// what Shape returns, and the PDF writer draws the same glyphs, so what
// was measured is what is printed.
//
// The PDF writer (fpdf) addresses a glyph by the character its cmap maps
// to it, so a glyph is returned with such a character (Code): a ligature
// is kept only when the font maps a presentation form to it (ﬁ U+FB01),
// and Text keeps the letters it stands for, for ActualText.
package shape

import (
	"bytes"
	"sync"
	"unicode/utf8"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
	"github.com/press/press/internal/fonts"
)

// Glyph is one drawn glyph.
type Glyph struct {
	Code    rune    // the character the PDF writes for it
	Text    string  // the characters it stands for ("fi" for ﬁ)
	Advance float64 // its advance in em, kerning included
	// Nominal is the advance the PDF's width table gives Code, in em
	// (what a viewer moves by before a TJ adjustment).
	Nominal float64
}

// Run is shaped text.
type Run struct {
	Glyphs []Glyph
	Width  float64 // in em
}

// Ligature reports whether g stands for more characters than it draws.
func (g Glyph) Ligature() bool { return g.Text != string(g.Code) }

// Shaper shapes text in one face for one language. It is safe for
// concurrent use; results are cached per text.
type Shaper struct {
	face  *fonts.Face
	ft    *font.Font
	lang  language.Language
	upem  float64
	pool  sync.Pool // of *worker
	cache sync.Map  // text → *Run
	// ligs maps a ligature glyph to the presentation form the font maps
	// to it (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ).
	ligs map[font.GID]rune
	err  error
}

type worker struct {
	font *harfbuzz.Font
	face *font.Face
	buf  *harfbuzz.Buffer
}

type key struct {
	face *fonts.Face
	lang string
}

var shapers sync.Map // key → *Shaper

// Cache keeps the shapers one goroutine uses by face, for one language,
// sparing For's shared look-up on every word. The zero value is ready.
type Cache struct {
	Lang string
	last *fonts.Face
	s    *Shaper
	m    map[*fonts.Face]*Shaper
}

// For is the shaper of f in the cache's language.
func (c *Cache) For(f *fonts.Face) *Shaper {
	if f == c.last && c.s != nil {
		return c.s
	}
	s := c.m[f]
	if s == nil {
		if c.m == nil {
			c.m = map[*fonts.Face]*Shaper{}
		}
		s = For(f, c.Lang)
		c.m[f] = s
	}
	c.last, c.s = f, s
	return s
}

// For returns the shaper of a face and a language (a BCP 47 tag), made
// once.
func For(f *fonts.Face, lang string) *Shaper {
	k := key{f, lang}
	if s, ok := shapers.Load(k); ok {
		return s.(*Shaper)
	}
	s := newShaper(f, lang)
	actual, _ := shapers.LoadOrStore(k, s)
	return actual.(*Shaper)
}

// fontOf parses a face for the shaper once, whatever the language.
var fontOf sync.Map // *fonts.Face → *parsed

type parsed struct {
	once sync.Once
	ft   *font.Font
	err  error
}

func newShaper(f *fonts.Face, lang string) *Shaper {
	s := &Shaper{face: f, lang: language.NewLanguage(lang)}
	v, _ := fontOf.LoadOrStore(f, &parsed{})
	p := v.(*parsed)
	p.once.Do(func() {
		data, err := shapingTables(f.Data)
		if err != nil {
			p.err = err
			return
		}
		ld, err := opentype.NewLoader(bytes.NewReader(data))
		if err == nil {
			p.ft, err = font.NewFont(ld)
		}
		p.err = err
	})
	if p.err != nil {
		// fonts.Parse accepted the face; a face the shaper cannot read is
		// set with its plain advances (no kerning) rather than refused.
		s.err = p.err
		return s
	}
	s.ft = p.ft
	s.upem = float64(s.ft.Upem())
	face := font.NewFace(s.ft)
	s.ligs = map[font.GID]rune{}
	for r := rune(0xFB00); r <= 0xFB06; r++ {
		if g, ok := face.NominalGlyph(r); ok && g != 0 && f.Has(r) {
			s.ligs[g] = r
		}
	}
	s.pool.New = func() any {
		face := font.NewFace(s.ft)
		return &worker{font: harfbuzz.NewFont(face), face: face, buf: harfbuzz.NewBuffer()}
	}
	return s
}

// Width is the width of text at size.
func (s *Shaper) Width(text string, size float64) float64 {
	return s.Shape(text).Width * size
}

// Shape returns the glyphs of text (cached: callers must not change it).
func (s *Shaper) Shape(text string) *Run {
	if r, ok := s.cache.Load(text); ok {
		return r.(*Run)
	}
	r := s.shape(text)
	s.cache.Store(text, r)
	return r
}

func (s *Shaper) shape(text string) *Run {
	if s.ft == nil || text == "" {
		return s.plain(text)
	}
	rs := []rune(text)
	w := s.pool.Get().(*worker)
	defer s.pool.Put(w)
	if run := s.harfbuzz(w, rs, nil); run != nil {
		return run
	}
	// A glyph the PDF cannot address (a ligature without a presentation
	// form, a contextual alternate): shape again without substitutions.
	if run := s.harfbuzz(w, rs, noSubstitutions); run != nil {
		return run
	}
	return s.plain(text)
}

var noSubstitutions = []harfbuzz.Feature{
	{Tag: font.Tag(opentype.MustNewTag("liga")), Value: 0, Start: harfbuzz.FeatureGlobalStart, End: harfbuzz.FeatureGlobalEnd},
	{Tag: font.Tag(opentype.MustNewTag("clig")), Value: 0, Start: harfbuzz.FeatureGlobalStart, End: harfbuzz.FeatureGlobalEnd},
	{Tag: font.Tag(opentype.MustNewTag("calt")), Value: 0, Start: harfbuzz.FeatureGlobalStart, End: harfbuzz.FeatureGlobalEnd},
	{Tag: font.Tag(opentype.MustNewTag("rlig")), Value: 0, Start: harfbuzz.FeatureGlobalStart, End: harfbuzz.FeatureGlobalEnd},
}

// harfbuzz shapes rs, or returns nil when a glyph has no character the
// PDF could write for it, or is moved off its pen position.
func (s *Shaper) harfbuzz(w *worker, rs []rune, features []harfbuzz.Feature) *Run {
	b := w.buf
	b.Clear()
	b.AddRunes(rs, 0, -1)
	b.Props.Language = s.lang
	b.GuessSegmentProperties()
	b.Shape(w.font, features)
	n := len(b.Info)
	run := &Run{Glyphs: make([]Glyph, 0, n)}
	face := w.face
	for i := 0; i < n; i++ {
		info, pos := b.Info[i], b.Pos[i]
		if pos.XOffset != 0 || pos.YOffset != 0 {
			return nil
		}
		start := info.Cluster
		end := len(rs)
		if i+1 < n {
			end = b.Info[i+1].Cluster
		}
		if end <= start {
			return nil // several glyphs for one character
		}
		var code rune
		if end-start == 1 {
			if g, ok := face.NominalGlyph(rs[start]); ok && g == info.Glyph {
				code = rs[start]
			}
		} else if r, ok := s.ligs[info.Glyph]; ok {
			code = r
		}
		if code == 0 {
			return nil
		}
		adv := float64(pos.XAdvance) / s.upem
		// Dashes in a row ("——") join into one line: each but the last
		// advances by its ink only, so the next one's ink starts where
		// its ends.
		if code == '—' && i+1 < n && end-start == 1 && end < len(rs) && rs[end] == '—' {
			if lo, hi, ok := s.face.Ink('—'); ok {
				adv = hi - lo
			}
		}
		run.Glyphs = append(run.Glyphs, Glyph{Code: code, Text: string(rs[start:end]), Advance: adv, Nominal: s.face.Width(string(code), 1)})
		run.Width += adv
	}
	return run
}

// plain sets text with the advances of the PDF's width table, character by
// character (no kerning, no ligature).
func (s *Shaper) plain(text string) *Run {
	run := &Run{Glyphs: make([]Glyph, 0, utf8.RuneCountInString(text))}
	for _, r := range text {
		a := s.face.Width(string(r), 1)
		run.Glyphs = append(run.Glyphs, Glyph{Code: r, Text: string(r), Advance: a, Nominal: a})
		run.Width += a
	}
	return run
}
