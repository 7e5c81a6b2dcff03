package preflight

import (
	"bytes"
	"encoding/hex"
	"math"
	"strconv"
)

// This file reads page content streams: just enough of the PDF imaging
// model to know where ink lands (text, painted paths, images), in what
// colour space, and at what resolution images are placed.

// rect is a box in PDF user space: lower-left and upper-right corners.
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) w() float64 { return r.x1 - r.x0 }
func (r rect) h() float64 { return r.y1 - r.y0 }

// union grows r to hold o; an empty r (x0 > x1) takes o.
func (r rect) union(o rect) rect {
	if r.x0 > r.x1 {
		return o
	}
	return rect{math.Min(r.x0, o.x0), math.Min(r.y0, o.y0), math.Max(r.x1, o.x1), math.Max(r.y1, o.y1)}
}

var emptyRect = rect{1, 1, 0, 0}

// inside says whether r lies within o, with a tolerance.
func (r rect) inside(o rect, tol float64) bool {
	return r.x0 >= o.x0-tol && r.y0 >= o.y0-tol && r.x1 <= o.x1+tol && r.y1 <= o.y1+tol
}

// disjoint says whether r and o do not overlap (touching counts as apart).
func (r rect) disjoint(o rect) bool {
	return r.x1 <= o.x0 || r.x0 >= o.x1 || r.y1 <= o.y0 || r.y0 >= o.y1
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul is m × n: m applied first.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// box is the bounding box of the rectangle (x0, y0)–(x1, y1) under m.
func (m matrix) box(x0, y0, x1, y1 float64) rect {
	r := emptyRect
	for _, p := range [][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		x, y := m.apply(p[0], p[1])
		r = r.union(rect{x, y, x, y})
	}
	return r
}

// ink is what one page (or form) puts on the page.
type ink struct {
	texts  []textMark
	paths  []pathMark
	images []imageMark
	spaces map[string]bool // colour spaces set: DeviceGray, DeviceRGB, DeviceCMYK, Separation All, …
	rgb    bool            // an RGB colour that is not a neutral grey
}

type textMark struct {
	box  rect
	font string
}

type pathMark struct {
	box    rect
	stroke bool
	space  string // the colour space it is painted in
}

type imageMark struct {
	name         string
	box          rect
	dpiX, dpiY   float64
	pixW, pixH   int
	space        string
	inline       bool
	unknownScale bool
}

// font is what the content reader needs of a font: glyph widths and its
// vertical extent, in thousandths of the size.
type font struct {
	twoByte         bool
	widths          map[int]float64
	defaultWidth    float64
	ascent, descent float64
}

func (f *font) width(code int) float64 {
	if f == nil {
		return 500
	}
	if w, ok := f.widths[code]; ok {
		return w
	}
	return f.defaultWidth
}

// xobject is an image or a form a page's resources name.
type xobject struct {
	image      bool
	pixW, pixH int
	space      string
	// a form: its content, matrix and resources
	content []byte
	matrix  matrix
	res     *resources
}

// resources resolves the names a content stream uses.
type resources struct {
	fonts   map[string]*font
	xobject func(name string) *xobject
	space   func(name string) string // a named colour space's description
}

type gstate struct {
	ctm                    matrix
	fillSpace, strokeSpace string
	// text state
	font                        *font
	fontName                    string
	size, charSp, wordSp, scale float64
	lead, rise                  float64
}

type interp struct {
	out   *ink
	depth int
}

// run interprets content under ctm with res.
func (ip *interp) run(content []byte, res *resources, ctm matrix) {
	if ip.depth > 8 {
		return
	}
	st := gstate{ctm: ctm, fillSpace: "DeviceGray", strokeSpace: "DeviceGray", scale: 100}
	var stack []gstate
	var tm, tlm matrix
	path := emptyRect
	var operands []token
	num := func(i int) float64 {
		if i < len(operands) {
			return operands[i].num
		}
		return 0
	}
	addPoint := func(x, y float64) {
		px, py := st.ctm.apply(x, y)
		path = path.union(rect{px, py, px, py})
	}
	showText := func(s []byte, adjust []float64, strings [][]byte) {
		// The run's box in text space: advance along x, the font's extent
		// along y.
		f := st.font
		th := st.scale / 100
		x := 0.0
		advance := func(b []byte) {
			step := 1
			if f != nil && f.twoByte {
				step = 2
			}
			for i := 0; i+step <= len(b); i += step {
				code := int(b[i])
				if step == 2 {
					code = int(b[i])<<8 | int(b[i+1])
				}
				w := f.width(code)/1000*st.size + st.charSp
				if step == 1 && code == 32 {
					w += st.wordSp
				}
				x += w * th
			}
		}
		if strings == nil {
			advance(s)
		} else {
			for i, b := range strings {
				advance(b)
				if i < len(adjust) {
					x -= adjust[i] / 1000 * st.size * th
				}
			}
		}
		asc, desc := 800.0, -200.0
		if f != nil && f.ascent != 0 {
			asc, desc = f.ascent, f.descent
		}
		m := tm.mul(st.ctm)
		box := m.box(0, desc/1000*st.size+st.rise, x, asc/1000*st.size+st.rise)
		if x > 0 {
			ip.out.texts = append(ip.out.texts, textMark{box: box, font: st.fontName})
		}
		tm = matrix{1, 0, 0, 1, x, 0}.mul(tm)
	}
	setSpace := func(name string, stroke bool) {
		sp := name
		switch name {
		case "DeviceGray", "DeviceRGB", "DeviceCMYK", "Pattern":
		default:
			if res != nil && res.space != nil {
				sp = res.space(name)
			}
		}
		ip.out.spaces[sp] = true
		if stroke {
			st.strokeSpace = sp
		} else {
			st.fillSpace = sp
		}
	}
	paint := func(stroke bool) {
		if path.x0 <= path.x1 {
			sp := st.fillSpace
			if stroke {
				sp = st.strokeSpace
			}
			ip.out.paths = append(ip.out.paths, pathMark{box: path, stroke: stroke, space: sp})
		}
		path = emptyRect
	}
	lx := &lexer{src: content}
	for {
		t, ok := lx.next()
		if !ok {
			break
		}
		if t.kind != opTok {
			operands = append(operands, t)
			continue
		}
		switch t.text {
		case "q":
			stack = append(stack, st)
		case "Q":
			if n := len(stack); n > 0 {
				st = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(operands) >= 6 {
				st.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(st.ctm)
			}
		case "g":
			setSpace("DeviceGray", false)
		case "G":
			setSpace("DeviceGray", true)
		case "rg", "RG":
			setSpace("DeviceRGB", t.text == "RG")
			if !(num(0) == num(1) && num(1) == num(2)) {
				ip.out.rgb = true
			}
		case "k":
			setSpace("DeviceCMYK", false)
		case "K":
			setSpace("DeviceCMYK", true)
		case "cs", "CS":
			if len(operands) > 0 {
				setSpace(operands[0].text, t.text == "CS")
			}
		case "m", "l":
			addPoint(num(0), num(1))
		case "c":
			addPoint(num(0), num(1))
			addPoint(num(2), num(3))
			addPoint(num(4), num(5))
		case "v", "y":
			addPoint(num(0), num(1))
			addPoint(num(2), num(3))
		case "re":
			x, y, w, h := num(0), num(1), num(2), num(3)
			addPoint(x, y)
			addPoint(x+w, y+h)
		case "S", "s":
			paint(true)
		case "f", "F", "f*":
			paint(false)
		case "B", "B*", "b", "b*":
			paint(true)
		case "n":
			path = emptyRect
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(operands) >= 2 {
				st.fontName = operands[0].text
				st.size = num(1)
				st.font = nil
				if res != nil {
					st.font = res.fonts[st.fontName]
				}
			}
		case "Tc":
			st.charSp = num(0)
		case "Tw":
			st.wordSp = num(0)
		case "Tz":
			st.scale = num(0)
		case "TL":
			st.lead = num(0)
		case "Ts":
			st.rise = num(0)
		case "Td":
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "TD":
			st.lead = -num(1)
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(operands) >= 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -st.lead}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(operands) > 0 {
				showText(operands[0].str, nil, nil)
			}
		case "'", "\"":
			if t.text == "\"" && len(operands) >= 3 {
				st.wordSp, st.charSp = num(0), num(1)
			}
			tlm = matrix{1, 0, 0, 1, 0, -st.lead}.mul(tlm)
			tm = tlm
			if len(operands) > 0 {
				showText(operands[len(operands)-1].str, nil, nil)
			}
		case "TJ":
			// The array's strings and adjustments, flattened by the lexer.
			var strs [][]byte
			var adj []float64
			for _, o := range operands {
				switch o.kind {
				case strTok:
					strs = append(strs, o.str)
					adj = append(adj, 0)
				case numTok:
					if len(adj) > 0 {
						adj[len(adj)-1] += o.num
					}
				}
			}
			showText(nil, adj, strs)
		case "Do":
			if len(operands) == 0 || res == nil || res.xobject == nil {
				break
			}
			xo := res.xobject(operands[0].text)
			if xo == nil {
				break
			}
			if xo.image {
				ip.out.images = append(ip.out.images, placeImage(operands[0].text, xo.pixW, xo.pixH, xo.space, st.ctm))
			} else if xo.content != nil {
				sub := &interp{out: ip.out, depth: ip.depth + 1}
				sub.run(xo.content, xo.res, xo.matrix.mul(st.ctm))
			}
		case "BI":
			// An inline image: its dictionary follows up to ID.
			w, h, sp := lx.inlineImage()
			ip.out.images = append(ip.out.images, placeImage("inline", w, h, sp, st.ctm))
			ip.out.images[len(ip.out.images)-1].inline = true
		}
		operands = operands[:0]
	}
}

// placeImage works out where an image lands (the unit square under ctm)
// and its resolution there.
func placeImage(name string, pw, ph int, space string, ctm matrix) imageMark {
	im := imageMark{name: name, box: ctm.box(0, 0, 1, 1), pixW: pw, pixH: ph, space: space}
	wIn := math.Hypot(ctm[0], ctm[1]) / 72
	hIn := math.Hypot(ctm[2], ctm[3]) / 72
	if wIn > 0 && hIn > 0 {
		im.dpiX, im.dpiY = float64(pw)/wIn, float64(ph)/hIn
	} else {
		im.unknownScale = true
	}
	return im
}

// The lexer splits a content stream into operands and operators. Arrays
// are flattened into their elements (only TJ takes one); dictionaries
// (marked content properties) are skipped.

type tokKind int

const (
	numTok tokKind = iota
	nameTok
	strTok
	opTok
	otherTok
)

type token struct {
	kind tokKind
	text string // a name without its slash, an operator
	num  float64
	str  []byte
}

type lexer struct {
	src []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%'
}

func (lx *lexer) skipSpace() {
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		if isSpace(c) {
			lx.pos++
		} else if c == '%' {
			for lx.pos < len(lx.src) && lx.src[lx.pos] != '\n' && lx.src[lx.pos] != '\r' {
				lx.pos++
			}
		} else {
			return
		}
	}
}

func (lx *lexer) regular() string {
	start := lx.pos
	for lx.pos < len(lx.src) && !isSpace(lx.src[lx.pos]) && !isDelim(lx.src[lx.pos]) {
		lx.pos++
	}
	return string(lx.src[start:lx.pos])
}

func (lx *lexer) next() (token, bool) {
	for {
		lx.skipSpace()
		if lx.pos >= len(lx.src) {
			return token{}, false
		}
		c := lx.src[lx.pos]
		switch {
		case c == '[' || c == ']':
			lx.pos++
			continue
		case c == '/':
			lx.pos++
			return token{kind: nameTok, text: lx.regular()}, true
		case c == '(':
			return token{kind: strTok, str: lx.literal()}, true
		case c == '<' && lx.pos+1 < len(lx.src) && lx.src[lx.pos+1] == '<':
			lx.skipDict()
			return token{kind: otherTok}, true
		case c == '<':
			return token{kind: strTok, str: lx.hexString()}, true
		case c == '>' || c == ')' || c == '{' || c == '}':
			lx.pos++
			continue
		}
		word := lx.regular()
		if word == "" {
			lx.pos++
			continue
		}
		if f, err := strconv.ParseFloat(word, 64); err == nil {
			return token{kind: numTok, num: f}, true
		}
		if word == "true" || word == "false" || word == "null" {
			return token{kind: otherTok, text: word}, true
		}
		return token{kind: opTok, text: word}, true
	}
}

func (lx *lexer) literal() []byte {
	lx.pos++ // (
	var out []byte
	depth := 1
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		lx.pos++
		switch c {
		case '\\':
			if lx.pos >= len(lx.src) {
				return out
			}
			e := lx.src[lx.pos]
			lx.pos++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r', '\n':
				if e == '\r' && lx.pos < len(lx.src) && lx.src[lx.pos] == '\n' {
					lx.pos++
				}
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.pos < len(lx.src) && lx.src[lx.pos] >= '0' && lx.src[lx.pos] <= '7'; k++ {
						v = v*8 + int(lx.src[lx.pos]-'0')
						lx.pos++
					}
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return out
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

func (lx *lexer) hexString() []byte {
	lx.pos++ // <
	end := bytes.IndexByte(lx.src[lx.pos:], '>')
	if end < 0 {
		end = len(lx.src) - lx.pos
	}
	var digits []byte
	for _, c := range lx.src[lx.pos : lx.pos+end] {
		if !isSpace(c) {
			digits = append(digits, c)
		}
	}
	lx.pos += end + 1
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	hex.Decode(out, digits)
	return out
}

func (lx *lexer) skipDict() {
	depth := 0
	for lx.pos < len(lx.src) {
		if bytes.HasPrefix(lx.src[lx.pos:], []byte("<<")) {
			depth++
			lx.pos += 2
			continue
		}
		if bytes.HasPrefix(lx.src[lx.pos:], []byte(">>")) {
			depth--
			lx.pos += 2
			if depth == 0 {
				return
			}
			continue
		}
		if lx.src[lx.pos] == '(' {
			lx.literal()
			continue
		}
		lx.pos++
	}
}

// inlineImage reads an inline image's dictionary (after BI) and skips its
// data, returning its size and colour space.
func (lx *lexer) inlineImage() (w, h int, space string) {
	space = "DeviceGray"
	var key string
	for {
		t, ok := lx.next()
		if !ok {
			return
		}
		if t.kind == opTok && t.text == "ID" {
			break
		}
		switch {
		case t.kind == nameTok && key == "":
			key = t.text
			continue
		case key == "W" || key == "Width":
			w = int(t.num)
		case key == "H" || key == "Height":
			h = int(t.num)
		case key == "CS" || key == "ColorSpace":
			space = map[string]string{"G": "DeviceGray", "RGB": "DeviceRGB", "CMYK": "DeviceCMYK"}[t.text]
			if space == "" {
				space = t.text
			}
		}
		key = ""
	}
	// The data runs to EI between white space.
	lx.pos++
	for lx.pos+2 <= len(lx.src) {
		if lx.src[lx.pos] == 'E' && lx.src[lx.pos+1] == 'I' && isSpace(lx.src[lx.pos-1]) &&
			(lx.pos+2 == len(lx.src) || isSpace(lx.src[lx.pos+2])) {
			lx.pos += 2
			return
		}
		lx.pos++
	}
	lx.pos = len(lx.src)
	return
}
