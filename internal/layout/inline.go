package layout

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/hyph"
	"github.com/press/press/internal/shape"
	"github.com/rivo/uniseg"
)

// run is a piece of text set in one face, size and baseline, the unit
// that the renderer draws with one call.
type run struct {
	text string
	face *fonts.Face
	size float64
	rise float64 // baseline shift upwards, for note marks
	link string  // a URL this text links to
	note *doc.Note
	// noteMark is true for the mark of a note reference in the text; the
	// mark in front of the note itself has note set and noteMark false.
	noteMark bool
	strike   bool // drawn with a line through it
}

// style is how a span of inline content is set.
type style struct {
	bold, italic bool
	heading      bool // headings use the sans faces
	mono         bool // code: the monospace face, never hyphenated
	strike       bool
	script       int8 // 1 superscript, -1 subscript
	size         float64
	link         string
	note         *doc.Note
}

// span is inline content flattened to text with one style.
type span struct {
	text string
	st   style
}

// flatten turns inline content into spans. Note references become spans
// of their number.
func flatten(ins []doc.Inline, st style, out []span) []span {
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			out = append(out, span{text: in.Text, st: st})
		case *doc.Code:
			s := st
			s.mono = true
			out = append(out, span{text: in.Text, st: s})
		case *doc.Strike:
			s := st
			s.strike = true
			out = flatten(in.Content, s, out)
		case *doc.Sup:
			s := st
			s.script = 1
			out = flatten(in.Content, s, out)
		case *doc.Sub:
			s := st
			s.script = -1
			out = flatten(in.Content, s, out)
		case *doc.SmallCaps:
			out = flatten(in.Content, st, out)
		case *doc.Image:
			// In the text, an image is its alt text (one read with the
			// manuscript is drawn below its paragraph); one not read is
			// also its address.
			out = flatten(in.Content, st, out)
			if in.Data == nil {
				s := st
				if strings.Contains(in.URL, "://") {
					s.link = in.URL
				}
				sep := " ("
				if len(in.Content) == 0 {
					sep = "("
				}
				out = append(out, span{text: sep, st: st}, span{text: in.URL, st: s}, span{text: ")", st: st})
			}
		case *doc.Emph:
			s := st
			s.italic = !s.italic
			out = flatten(in.Content, s, out)
		case *doc.Strong:
			s := st
			s.bold = true
			out = flatten(in.Content, s, out)
		case *doc.Link:
			s := st
			s.link = in.URL
			out = flatten(in.Content, s, out)
		case *doc.NoteRef:
			s := st
			s.note = in.Note
			s.italic, s.bold = false, false
			out = append(out, span{text: fmt.Sprint(in.Note.Number), st: s})
		case *doc.LineBreak:
			out = append(out, span{text: "\n", st: st})
		}
	}
	return out
}

// shaper turns spans into the item list of one paragraph.
type shaper struct {
	faces  *faceSet
	han    bool // the edition's script is Han
	unit   string
	lang   string
	items  []item
	ragged bool        // ragged-right: spaces do not stretch
	cache  shape.Cache // this paragraph's shapers, by face
	// hyphenate, when set, gives the allowed hyphenation points of a word;
	// hyphenateLatin those of a word in Latin letters.
	hyphenate, hyphenateLatin func(word string) []int
	// measure is the widest a line can be: a longer unbreakable run is
	// cut (and reported in broken) rather than left to overflow.
	measure float64
	broken  []string
	missing map[rune]string // character → the face that lacks it
}

func isLatin(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")
}

// faceSet resolves a style and a rune to a face.
type faceSet struct {
	get func(fonts.Role) *fonts.Face
	// fallback gives the face of a role beyond the edition's own (the
	// CJK faces in an English book), nil when it cannot be loaded.
	fallback func(fonts.Role) *fonts.Face
}

// substitute is the first face of fonts.Fallback that has r, or nil.
func (fs *faceSet) substitute(r rune) *fonts.Face {
	for _, role := range fonts.Fallback {
		f := fs.get(role)
		if fs.fallback != nil {
			f = fs.fallback(role)
		}
		if f != nil && f.Has(r) {
			return f
		}
	}
	return nil
}

func (fs *faceSet) face(st style, r rune, han bool) *fonts.Face {
	if st.mono && !(han && isCJK(r)) {
		return fs.get(fonts.Mono)
	}
	if han && isCJK(r) {
		switch {
		case st.bold:
			return fs.get(fonts.CJKHeading)
		case st.heading:
			// Running heads, captions, credits, the title page's lines:
			// the sans in its regular weight, as their Latin is.
			return fs.get(fonts.CJKSans)
		}
		return fs.get(fonts.CJKBody)
	}
	var role fonts.Role
	switch {
	case st.heading && st.bold:
		role = fonts.HeadingBold
	case st.heading:
		role = fonts.Heading
	case st.bold && st.italic:
		role = fonts.BodyBoldItalic
	case st.bold:
		role = fonts.BodyBold
	case st.italic:
		role = fonts.BodyItalic
	default:
		role = fonts.Body
	}
	return fs.get(role)
}

// isCJK reports runes set in the CJK face in a Chinese edition: Han,
// CJK punctuation and full-width forms, and the curly quotes, dashes and
// ellipsis, which Chinese sets full width.
func isCJK(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r):
		return true
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
		return true
	case r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—' || r == '·':
		return true
	}
	return false
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// latinLike is a letter, digit or percent sign: what keeps a quarter em
// from Han.
func latinLike(r rune) bool { return !unicode.IsPunct(r) || r == '%' }

// MissingGlyphError is a character no embedded font can draw.
type MissingGlyphError struct {
	Rune rune
	Unit string
	Lang string
	Font string
}

func (e *MissingGlyphError) Error() string {
	if e.Rune > 0xFFFF {
		return fmt.Sprintf("unit %s (%s): character %q (%U) is beyond U+FFFF: the PDF writer (fpdf) draws only the Basic Multilingual Plane, in any font; replace it", e.Unit, e.Lang, e.Rune, e.Rune)
	}
	return fmt.Sprintf("unit %s (%s): character %q (%U) is not in font %s", e.Unit, e.Lang, e.Rune, e.Rune, e.Font)
}

// Full-width punctuation whose blank half is on the right (closing) or on
// the left (opening).
const (
	cjkClosing = "，。、；：？！）」』》〉】”’"
	cjkOpening = "（「『《〈【“‘［"
)

// noBreakBefore are runes no line may start with in Chinese (clreq), on
// top of what UAX #14 forbids.
const noBreakBefore = "·～－／、，。：；？！）」』》〉】…—"

// shape appends the items of spans at size, with a first-line indent.
func (s *shaper) shape(spans []span, indent float64) error {
	if indent > 0 {
		s.items = append(s.items, item{kind: kBox, width: indent, run: &run{}})
	}
	// One string for the line-break analysis.
	var full strings.Builder
	for _, sp := range spans {
		if sp.st.note != nil {
			full.WriteString(strings.Repeat("\u2060", utf8.RuneCountInString(sp.text)))
		} else {
			full.WriteString(sp.text)
		}
	}
	text := full.String()
	breaks := breakOpportunities(text, s.han)
	// Inside URLs: after / . - _ ? & = #, never with a hyphen added.
	o := 0
	for _, sp := range spans {
		n := len(sp.text)
		if sp.st.note != nil {
			n = len("\u2060") * utf8.RuneCountInString(sp.text)
		} else if sp.st.link != "" && looksLikeURL(sp.text) {
			// Inside a URL only its own breaks (UAX #14 would break after
			// "https://").
			for p := 1; p < n; p++ {
				if breaks[o+p] > 0 {
					breaks[o+p] = 0
				}
			}
			for _, p := range urlBreaks(sp.text) {
				if breaks[o+p] == 0 {
					breaks[o+p] = 1
				}
			}
		}
		o += n
	}
	// Walk spans and text together.
	off := 0
	var cur *run
	var word []byte // cur's text so far
	var prevRune rune
	prevNote := false
	flush := func() {
		if cur != nil && len(word) > 0 {
			cur.text = string(word)
			s.addWord(cur)
		}
		cur, word = nil, word[:0]
	}
	for _, sp := range spans {
		st := sp.st
		for i, r := range sp.text {
			pos := off + i
			if r == '\n' {
				flush()
				s.items = append(s.items, item{kind: kPenalty, penalty: infPenalty},
					item{kind: kGlue, stretch: 1e5}, item{kind: kPenalty, penalty: -infPenalty})
				prevRune = ' '
				continue
			}
			if r == '\u00a0' || r == '\u202f' {
				// A no-break space: TeX's ~, glue that stretches like a
				// space but never breaks.
				flush()
				f := s.faces.face(st, 'n', false)
				sw := f.Width(" ", st.size)
				if r == '\u202f' {
					sw /= 2
				}
				g := item{kind: kGlue, width: sw, stretch: sw / 2, shrink: sw / 3, space: true}
				if s.ragged {
					g.stretch, g.shrink = 0, 0
				}
				s.items = append(s.items, item{kind: kPenalty, penalty: infPenalty}, g)
				prevRune = r
				continue
			}
			if r == ' ' || r == '\t' {
				flush()
				if len(s.items) > 0 && s.items[len(s.items)-1].kind == kGlue {
					continue
				}
				f := s.faces.face(st, 'n', false)
				sw := f.Width(" ", st.size)
				g := item{kind: kGlue, width: sw, stretch: sw / 2, shrink: sw / 3, space: true}
				if s.ragged {
					g.stretch, g.shrink = 0, 0
				}
				s.items = append(s.items, g)
				prevRune = ' '
				continue
			}
			if r == '\u00ad' || r == '\u200b' {
				continue
			}
			f := s.faces.face(st, r, s.han)
			if !f.Has(r) {
				// The next shipped face that has it; else the character is
				// reported with every other missing one.
				if g := s.faces.substitute(r); g != nil {
					f = g
				} else {
					if s.missing == nil {
						s.missing = map[rune]string{}
					}
					if _, seen := s.missing[r]; !seen {
						s.missing[r] = f.Name
					}
					continue
				}
			}
			// A break opportunity before this rune? (None before a note
			// mark, which sits tight against its word.)
			mark := st.note != nil || prevNote
			if pos > 0 && breaks[pos] != 0 && prevRune != ' ' && !(mark && s.han) {
				flush()
				s.gap(prevRune, r, st, breaks[pos] > 0)
			} else if s.han && !mark && prevRune != 0 && prevRune != ' ' && isHan(prevRune) != isHan(r) && !isCJK(prevRune) != !isCJK(r) && (isHan(prevRune) || isHan(r)) {
				// Han next to Latin or digits with no break allowed: the
				// quarter-em gap, unbreakable.
				flush()
				s.items = append(s.items, item{kind: kPenalty, penalty: infPenalty})
				q := st.size / 4
				g := item{kind: kGlue, width: q, stretch: q / 2, shrink: q / 4}
				if s.ragged {
					g.stretch, g.shrink = 0, 0
				}
				s.items = append(s.items, g)
			}
			rise, size := 0.0, st.size
			if st.note != nil {
				rise, size = st.size*0.33, st.size*0.62
			} else if st.script > 0 {
				rise, size = st.size*0.35, st.size*0.7
			} else if st.script < 0 {
				rise, size = -st.size*0.15, st.size*0.7
			}
			if cur == nil || cur.face != f || cur.link != st.link || cur.note != st.note || cur.size != size || cur.rise != rise || cur.strike != st.strike {
				flush()
				cur = &run{face: f, size: size, rise: rise, link: st.link, note: st.note, noteMark: st.note != nil, strike: st.strike}
			}
			word = utf8.AppendRune(word, r)
			prevRune = r
			prevNote = st.note != nil
		}
		if st.note != nil {
			off += len("\u2060") * utf8.RuneCountInString(sp.text)
		} else {
			off += len(sp.text)
		}
	}
	flush()
	// Drop a trailing space; end the paragraph.
	for len(s.items) > 0 && s.items[len(s.items)-1].kind == kGlue {
		s.items = s.items[:len(s.items)-1]
	}
	s.items = append(s.items, item{kind: kPenalty, penalty: infPenalty},
		item{kind: kGlue, stretch: 1e5}, item{kind: kPenalty, penalty: -infPenalty})
	return nil
}

// addWord appends a run as a box, or, where the language hyphenates and
// the run is a word, as boxes with hyphenation penalties between them.
func (s *shaper) addWord(r *run) {
	if s.measure > 0 && r.face.Width(r.text, r.size) > s.measure {
		s.cut(r)
		return
	}
	if r.face == s.faces.get(fonts.Mono) {
		s.items = append(s.items, item{kind: kBox, width: r.face.Width(r.text, r.size), run: r})
		return
	}
	if (s.hyphenate == nil && s.hyphenateLatin == nil) || s.ragged || r.link != "" || r.note != nil {
		s.items = append(s.items, s.box(s.width(r.face, r.text, r.size), r))
		return
	}
	// The word's letters, without punctuation around them.
	rs := []rune(r.text)
	a, b := 0, len(rs)
	for a < b && !unicode.IsLetter(rs[a]) {
		a++
	}
	for b > a && !unicode.IsLetter(rs[b-1]) {
		b--
	}
	core := string(rs[a:b])
	var pos []int
	if b-a >= 4 && hyph.Word(core) {
		// Latin words (titles in notes) by the English patterns,
		// others by the edition's language.
		h := s.hyphenate
		if isLatin(core) {
			h = s.hyphenateLatin
		}
		if h != nil {
			pos = h(core)
		}
	}
	if len(pos) == 0 {
		s.items = append(s.items, s.box(s.width(r.face, r.text, r.size), r))
		return
	}
	hyphen := &run{text: "-", face: r.face, size: r.size}
	hw := s.width(r.face, "-", r.size)
	// The parts are measured from the whole word shaped once, each glyph
	// counted in the part it starts in: set on one line, the parts add
	// up to the word with its kerning and ligatures.
	adv, starts := runeAdvances(s.shaperOf(r.face).Shape(r.text), len(rs))
	// No break inside a ligature ("ef-ficient" would split ﬃ).
	kept := pos[:0:0]
	for _, p := range pos {
		if a+p < len(rs) && starts[a+p] {
			kept = append(kept, p)
		}
	}
	pos = kept
	if len(pos) == 0 {
		s.items = append(s.items, s.box(s.width(r.face, r.text, r.size), r))
		return
	}
	partWidth := func(from, to int) float64 {
		w := 0.0
		for _, a := range adv[from:to] {
			w += a
		}
		return w * r.size
	}
	last := 0
	for _, p := range pos {
		cut := a + p
		part := &run{text: string(rs[last:cut]), face: r.face, size: r.size}
		s.items = append(s.items, s.box(partWidth(last, cut), part),
			item{kind: kPenalty, width: hw, penalty: hyphenPenalty, flagged: true, run: hyphen})
		last = cut
	}
	part := &run{text: string(rs[last:]), face: r.face, size: r.size}
	s.items = append(s.items, s.box(partWidth(last, len(rs)), part))
}

// box is a word's box; in justified Latin and Cyrillic text its glyphs
// may stretch and shrink by the font expansion limit.
func (s *shaper) box(w float64, r *run) item {
	it := item{kind: kBox, width: w, run: r}
	if !s.ragged && !s.han && r.note == nil {
		it.stretch, it.shrink = w*expansion, w*expansion
	}
	return it
}

// width is the shaped width of text in face f at size.
func (s *shaper) width(f *fonts.Face, text string, size float64) float64 {
	return s.shaperOf(f).Width(text, size)
}

// shaperOf is the shaper of f for the paragraph's language.
func (s *shaper) shaperOf(f *fonts.Face) *shape.Shaper {
	if s.cache.Lang == "" {
		s.cache.Lang = s.lang
	}
	return s.cache.For(f)
}

// runeAdvances spreads a shaped run's advances over its n characters: a
// glyph's advance goes to the first character it stands for, and starts
// marks those first characters.
func runeAdvances(run *shape.Run, n int) (adv []float64, starts []bool) {
	adv, starts = make([]float64, n), make([]bool, n)
	i := 0
	for _, g := range run.Glyphs {
		if i < n {
			adv[i] += g.Advance
			starts[i] = true
		}
		i += utf8.RuneCountInString(g.Text)
	}
	return adv, starts
}

// gap adds the break opportunity between two runes: in Chinese a
// stretchable inter-character glue (a quarter em between Han and Latin),
// elsewhere a penalty (after a hyphen, inside a URL).
func (s *shaper) gap(prev, r rune, st style, allowed bool) {
	size := st.size
	switch {
	case s.han && (isCJK(prev) || isCJK(r)):
		w := 0.0
		// The quarter em between Han and Latin letters or digits ("%"
		// counts with its number: "46.2% 的").
		if (isHan(prev) && !isCJK(r) && latinLike(r)) || (isHan(r) && !isCJK(prev) && latinLike(prev)) {
			w = size / 4
		}
		// Two full-width marks side by side ("）。", "：（", "（《") would
		// leave a full em of blank between them: take half of it away
		// (clreq 3.1.6, JIS X 4051 punctuation compression).
		closing, opening := strings.ContainsRune(cjkClosing, prev), strings.ContainsRune(cjkOpening, r)
		if (closing && (opening || strings.ContainsRune(cjkClosing, r))) || (strings.ContainsRune(cjkOpening, prev) && opening) {
			w = -size / 2
		}
		if !allowed {
			s.items = append(s.items, item{kind: kPenalty, penalty: infPenalty})
		}
		g := item{kind: kGlue, width: w, stretch: size / 6, shrink: size / 20}
		if s.ragged {
			g.stretch, g.shrink = 0, 0 // ragged lines keep their spacing
		}
		s.items = append(s.items, g)
	case allowed:
		pen := exHyphen
		if st.link != "" {
			pen = 100 // inside a URL: allowed, not liked
		}
		// A break after a hard hyphen ends the line with a hyphen too: it
		// counts in the limit of hyphens in a row (TeX's \exhyphenpenalty).
		hard := st.link == "" && (prev == '-' || prev == '\u2010')
		s.items = append(s.items, item{kind: kPenalty, penalty: pen, flagged: hard})
	}
}

// breakOpportunities marks, for each byte offset of text, whether a line
// may break before it: 1 allowed, -1 an unbreakable inter-character gap
// (Chinese), 0 nothing. UAX #14 (rivo/uniseg) decides, with the Chinese
// rules it lacks and URL breaks added.
func breakOpportunities(text string, han bool) []int8 {
	b := make([]int8, len(text)+1)
	state := -1
	pos := 0
	rest := text
	for len(rest) > 0 {
		var seg string
		seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		pos += len(seg)
		if pos < len(text) {
			b[pos] = 1
		}
	}
	// Byte offsets as range gives them: right even for invalid UTF-8,
	// where a decoded U+FFFD is longer than the byte it stands for.
	var runes []rune
	var offs []int
	for i, r := range text {
		runes = append(runes, r)
		offs = append(offs, i)
	}
	offs = append(offs, len(text))
	for i := 1; i < len(runes); i++ {
		prev, r := runes[i-1], runes[i]
		at := offs[i]
		// A number keeps its suffix: no break in "1990-х", "200 000-нан",
		// "%-ы".
		if prev == '-' && i >= 2 && (unicode.IsDigit(runes[i-2]) || runes[i-2] == '%') && unicode.IsLetter(r) {
			b[at] = 0
			continue
		}
		if han {
			switch {
			case strings.ContainsRune(noBreakBefore, r):
				if isCJK(prev) || isCJK(r) {
					b[at] = -1
				} else {
					b[at] = 0
				}
				continue
			case r == '“' && (isCJK(prev) || isHan(prev)) && prev != '“' && prev != '（' && prev != '《':
				b[at] = 1 // clreq: a break before “ after Han (LB19 forbids it)
				continue
			case prev == '”' && isHan(r):
				b[at] = 1
				continue
			case strings.ContainsRune("（“《「『", prev):
				b[at] = -1 // never end a line with an opening bracket
				continue
			case (prev == '—' && r == '—') || (prev == '…' && r == '…'):
				b[at] = 0
				continue
			case prev >= '0' && prev <= '9' && isHan(r):
				b[at] = 0 // a number keeps its unit: 5亿, 2017年
				continue
			}
			if b[at] == 0 && (isCJK(prev) || isCJK(r)) && prev != ' ' && r != ' ' && prev != '\u2060' && r != '\u2060' {
				b[at] = -1
			}
		}
	}
	return b
}

// urlBreaks marks break opportunities inside a URL: after / . - _ ? & = #
// when more of the URL follows, never adding a hyphen.
func urlBreaks(s string) []int {
	var out []int
	for i := 0; i < len(s)-1; i++ {
		if strings.HasSuffix(s[:i+1], "://") || strings.HasSuffix(s[:i+1], "www.") {
			continue // never "https://" or "www." alone at a line end
		}
		if strings.IndexByte("/.-_?&=#", s[i]) >= 0 && strings.IndexByte("/.-_?&=#", s[i+1]) < 0 {
			out = append(out, i+1)
		}
	}
	return out
}

// cut breaks a run wider than the measure into pieces that fit, with a
// break allowed (no hyphen) between them: the last resort that keeps a
// long address or code span inside the margins. It is reported.
func (s *shaper) cut(r *run) {
	s.broken = append(s.broken, r.text)
	var piece []rune
	w := 0.0
	emit := func(last bool) {
		p := *r
		p.text = string(piece)
		s.items = append(s.items, item{kind: kBox, width: r.face.Width(p.text, r.size), run: &p})
		if !last {
			s.items = append(s.items, item{kind: kPenalty, penalty: 0})
		}
		piece, w = piece[:0], 0
	}
	for _, c := range r.text {
		cw := r.face.Width(string(c), r.size)
		if w+cw > s.measure*0.98 && len(piece) > 0 {
			emit(false)
		}
		piece = append(piece, c)
		w += cw
	}
	if len(piece) > 0 {
		emit(true)
	}
}

// MissingGlyphsError is every character of a book that no shipped face
// has, each with its unit.
type MissingGlyphsError struct {
	List []*MissingGlyphError
}

func (e *MissingGlyphsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d character(s) that no shipped font has:", len(e.List))
	for _, m := range e.List {
		b.WriteString("\n  " + m.Error())
	}
	return b.String()
}

// Unwrap lets errors.As find each one.
func (e *MissingGlyphsError) Unwrap() []error {
	out := make([]error, len(e.List))
	for i, m := range e.List {
		out[i] = m
	}
	return out
}

// missingGlyphs is the error for the characters set aside while setting.
func (l *layouter) missingGlyphs() error {
	if len(l.missing) == 0 {
		return nil
	}
	sort.SliceStable(l.missing, func(i, j int) bool {
		if l.missing[i].Unit != l.missing[j].Unit {
			return l.missing[i].Unit < l.missing[j].Unit
		}
		return l.missing[i].Rune < l.missing[j].Rune
	})
	var uniq []*MissingGlyphError
	for i, m := range l.missing {
		if i == 0 || m.Unit != l.missing[i-1].Unit || m.Rune != l.missing[i-1].Rune {
			uniq = append(uniq, m)
		}
	}
	l.missing = uniq
	if len(l.missing) == 1 {
		return l.missing[0]
	}
	return &MissingGlyphsError{List: l.missing}
}

// outsideBMP replaces the characters beyond U+FFFF, which fpdf cannot
// draw in any font, by their code point in brackets, and lists them.
func outsideBMP(spans []span) ([]span, []string) {
	var found []string
	for i, sp := range spans {
		if !strings.ContainsFunc(sp.text, func(r rune) bool { return r > 0xFFFF }) {
			continue
		}
		var b strings.Builder
		for _, r := range sp.text {
			if r > 0xFFFF {
				fmt.Fprintf(&b, "[U+%04X]", r)
				found = append(found, string(r))
				continue
			}
			b.WriteRune(r)
		}
		spans[i].text = b.String()
	}
	return spans, found
}
