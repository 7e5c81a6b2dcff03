// Package proof writes a bilingual proof for reviewers who read on paper:
// every unit with the source on the left and the translation on the
// right, its id, state and lint problems in the margin, footnotes after
// the unit that cites them, a contents and bookmarks.
package proof

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/press/press/internal/bilingual"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/lang"
)

// Page geometry, in points (A4).
const (
	pageW, pageH = 595.28, 841.89
	top, bottom  = 56.0, 790.0
	marginX      = 36.0  // the margin column (ids, states)
	marginW      = 92.0  // its width
	colX         = 136.0 // the source column
	gap          = 14.0
	colW         = (pageW - colX - 36 - gap) / 2
	size         = 9.5
	lead         = 12.6
	noteSize     = 7.5
)

// state colours: what a reviewer must look at stands out.
var stateColour = map[string][3]int{
	"translated": {40, 110, 40}, "reviewed": {40, 110, 40}, "final": {40, 110, 40},
	"draft": {170, 120, 0}, "stale": {200, 90, 0}, "missing": {190, 0, 0},
}

type face struct {
	family string
	face   *fonts.Face
}

// Render writes the proof of one language.
func Render(v *bilingual.View) ([]byte, error) {
	r := &proof{v: v}
	// Two passes: the first learns the pages of the headings for the
	// contents, the second prints them (the contents' length is the
	// same in both).
	if _, err := r.render(nil); err != nil {
		return nil, err
	}
	pages := r.headingPages
	return r.render(pages)
}

type proof struct {
	v            *bilingual.View
	pdf          *fpdf.Fpdf
	fonts        map[string]face // role → family
	headingPages map[string]int
	y            float64
}

// roles: src, srcBold, tr, trBold, label (sans), labelBold.
func (r *proof) loadFonts(runes []rune) error {
	han := r.v.Profile.Script == lang.Han
	roles := map[string]fonts.Role{
		"src": fonts.Body, "srcBold": fonts.BodyBold, "tr": fonts.Body, "trBold": fonts.BodyBold,
		"label": fonts.Heading, "labelBold": fonts.HeadingBold,
	}
	srcFonts, trFonts := r.v.Source.Fonts, r.v.Target.Fonts
	if han {
		roles["tr"], roles["trBold"] = fonts.CJKBody, fonts.CJKHeading
	}
	r.fonts = map[string]face{}
	names := make([]string, 0, len(roles))
	for n := range roles {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		set := srcFonts
		if strings.HasPrefix(n, "tr") {
			set = trFonts
		}
		f, err := set.Get(roles[n])
		if err != nil {
			return err
		}
		data, err := f.Subset(runes)
		if err != nil {
			return err
		}
		fam := "f" + strconv.Itoa(i)
		r.pdf.AddUTF8FontFromBytes(fam, "", data)
		if r.pdf.Err() {
			return fmt.Errorf("proof: font %s: %v", f.Path, r.pdf.Error())
		}
		r.fonts[n] = face{fam, f}
	}
	return nil
}

func (r *proof) use(role string, pt float64) {
	r.pdf.SetFont(r.fonts[role].family, "", pt)
}

// Text is a unit as the proof prints it: plain text, citations as [n],
// line breaks kept ("" for nil).
func Text(u *doc.Unit) string { return text(u) }

func text(u *doc.Unit) string {
	if u == nil {
		return ""
	}
	if u.Text != nil {
		return *u.Text
	}
	var b strings.Builder
	var walk func([]doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				b.WriteString(in.Text)
			case *doc.Code:
				b.WriteString(in.Text)
			case *doc.LineBreak:
				b.WriteString("\n")
			case *doc.NoteRef:
				if in.Note != nil {
					b.WriteString("[" + strconv.Itoa(in.Note.Number) + "]")
				}
			case *doc.Emph:
				walk(in.Content)
			case *doc.Strong:
				walk(in.Content)
			case *doc.Link:
				walk(in.Content)
			default:
				b.WriteString(doc.PlainText([]doc.Inline{in}))
			}
		}
	}
	walk(*u.Inlines)
	return b.String()
}

// order puts each footnote right after the first unit that cites it.
func order(v *bilingual.View) []bilingual.Unit {
	notes := map[string]bilingual.Unit{}
	var body []bilingual.Unit
	for _, u := range v.Units {
		if u.Kind == "footnote" {
			notes[u.ID] = u
		} else {
			body = append(body, u)
		}
	}
	byNote := map[*doc.Note]string{}
	for _, n := range v.Source.Doc.Notes {
		byNote[n] = n.ID
	}
	var out []bilingual.Unit
	placed := map[string]bool{}
	for _, u := range body {
		out = append(out, u)
		if u.Source.Inlines == nil {
			continue
		}
		doc.WalkInlines(*u.Source.Inlines, func(in doc.Inline) {
			if ref, ok := in.(*doc.NoteRef); ok && ref.Note != nil {
				id := ref.Note.ID
				if n, ok := notes[id]; ok && !placed[id] {
					placed[id] = true
					out = append(out, n)
				}
			}
		})
	}
	for _, u := range v.Units {
		if u.Kind == "footnote" && !placed[u.ID] {
			out = append(out, u)
		}
	}
	return out
}

func (r *proof) render(pages map[string]int) ([]byte, error) {
	v := r.v
	d := v.Target.Doc
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: pageW, Ht: pageH}})
	r.pdf = pdf
	r.headingPages = map[string]int{}
	pdf.SetMargins(marginX, top, 36)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCatalogSort(true)
	when, err := time.Parse(time.RFC3339, d.Meta.Modified)
	if err != nil {
		when = time.Unix(0, 0)
	}
	pdf.SetCreationDate(when.UTC())
	pdf.SetModificationDate(when.UTC())
	srcName := v.Source.Profile.Name
	trName := v.Profile.Name
	title := v.Source.Doc.Meta.Title.Text
	pdf.SetTitle(title+" — bilingual proof, "+v.Source.Profile.Code+" | "+v.Lang, true)
	pdf.SetCreator("press proof", false)
	pdf.SetProducer("press (fpdf)", false)
	pdf.SetLang(d.Meta.Lang)
	units := order(v)

	// Every character the proof prints, for the font subsets.
	var all strings.Builder
	all.WriteString("0123456789[]()·—–:,./!| abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + srcName + trName + title + d.Meta.Title.Text)
	for _, u := range units {
		all.WriteString(u.ID + u.State + u.File + text(&u.Source) + text(u.Target))
		for _, p := range u.Lint {
			all.WriteString(p.Severity + p.Msg)
		}
	}
	runes := map[rune]bool{}
	for _, c := range all.String() {
		runes[c] = true
	}
	var rs []rune
	for c := range runes {
		rs = append(rs, c)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	if err := r.loadFonts(rs); err != nil {
		return nil, err
	}
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(pageH - 36)
		r.use("label", 7.5)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 10, fmt.Sprintf("%s — proof %s | %s — %d / {nb}", title, v.Source.Profile.Code, v.Lang, pdf.PageNo()), "", 0, "C", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})

	// Title page.
	pdf.AddPage()
	r.use("labelBold", 20)
	pdf.SetXY(marginX, 140)
	pdf.MultiCell(pageW-2*marginX, 26, title, "", "L", false)
	r.use("trBold", 16)
	pdf.SetX(marginX)
	pdf.MultiCell(pageW-2*marginX, 22, d.Meta.Title.Text, "", "L", false)
	r.use("label", 11)
	pdf.SetXY(marginX, pdf.GetY()+18)
	st := v.Stats
	for _, line := range []string{
		"Bilingual proof: " + srcName + " | " + trName + " (" + v.Lang + ")",
		fmt.Sprintf("%d units: %d translated, %d draft, %d stale, %d missing", st.Units, st.Translated, st.Draft, st.Stale, st.Missing),
		"Each unit: its id and state in the margin, the source on the left, the translation on the right,",
		"lint problems under it (! error, ? warning), footnotes after the unit that cites them.",
		"Send corrections by unit id; the catalogue line is under the id.",
	} {
		pdf.SetX(marginX)
		pdf.MultiCell(pageW-2*marginX, 15, line, "", "L", false)
	}

	// Contents.
	pdf.AddPage()
	pdf.Bookmark("Contents", 0, -1)
	r.use("labelBold", 14)
	pdf.SetXY(marginX, top)
	pdf.CellFormat(0, 20, "Contents", "", 1, "L", false, 0, "")
	r.y = top + 30
	for _, u := range units {
		if u.Kind != "heading" {
			continue
		}
		if r.y > bottom-lead {
			pdf.AddPage()
			r.y = top
		}
		r.use("src", size)
		pdf.SetXY(marginX, r.y)
		label := strings.Join(strings.Fields(text(&u.Source)), " ")
		pdf.CellFormat(colW+40, lead, trim(pdf, label, colW+36), "", 0, "L", false, 0, "")
		r.use("tr", size)
		pdf.SetXY(marginX+colW+50, r.y)
		pdf.CellFormat(colW+20, lead, trim(pdf, strings.Join(strings.Fields(text(u.Target)), " "), colW+16), "", 0, "L", false, 0, "")
		r.use("label", size)
		pdf.SetXY(pageW-36-30, r.y)
		pdf.CellFormat(30, lead, pageNum(pages, u.ID), "", 0, "R", false, 0, "")
		r.y += lead
	}

	// The units.
	pdf.AddPage()
	r.y = top
	r.columnHeads(srcName, trName)
	for _, u := range units {
		r.unit(u, srcName, trName)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("proof: %v", err)
	}
	return buf.Bytes(), nil
}

func pageNum(pages map[string]int, id string) string {
	if p, ok := pages[id]; ok {
		return strconv.Itoa(p)
	}
	return "—"
}

// trim shortens s to fit w.
func trim(pdf *fpdf.Fpdf, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && pdf.GetStringWidth(string(rs)+"…") > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

func (r *proof) columnHeads(src, tr string) {
	pdf := r.pdf
	r.use("labelBold", 8)
	pdf.SetTextColor(90, 90, 90)
	pdf.SetXY(marginX, r.y)
	pdf.CellFormat(marginW, 10, "unit · state", "", 0, "L", false, 0, "")
	pdf.SetXY(colX, r.y)
	pdf.CellFormat(colW, 10, src, "", 0, "L", false, 0, "")
	r.use("trBold", 8) // the language's name in its own script
	pdf.SetXY(colX+colW+gap, r.y)
	pdf.CellFormat(colW, 10, tr, "", 0, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	r.y += 14
	pdf.SetDrawColor(150, 150, 150)
	pdf.Line(marginX, r.y-2, pageW-36, r.y-2)
}

func (r *proof) newPage(src, tr string) {
	r.pdf.AddPage()
	r.y = top
	r.columnHeads(src, tr)
}

// unit prints one row, breaking across pages line by line.
func (r *proof) unit(u bilingual.Unit, srcName, trName string) {
	pdf := r.pdf
	srcRole, trRole := "src", "tr"
	if u.Kind == "heading" {
		srcRole, trRole = "srcBold", "trBold"
	}
	textSize := size
	if u.Kind == "footnote" {
		textSize = size - 1
	}
	r.use(srcRole, textSize)
	left := lines(pdf, text(&u.Source), colW)
	r.use(trRole, textSize)
	right := lines(pdf, text(u.Target), colW)
	if u.Target == nil {
		right = nil
	}
	var probs []string
	for _, p := range u.Lint {
		mark := "?"
		if p.Severity == "error" {
			mark = "!"
		}
		probs = append(probs, mark+" "+p.Msg)
	}
	r.use("label", noteSize)
	var probLines []string
	for _, p := range probs {
		probLines = append(probLines, lines(pdf, p, colW)...)
	}
	n := max(len(left), len(right), 2)
	need := min(float64(n)*lead, 3*lead) + 4
	if u.Kind == "heading" {
		need = float64(n)*lead + 3*lead // not alone at a page foot
		r.y += 6
	}
	if r.y+need > bottom {
		r.newPage(srcName, trName)
	}
	if u.Kind == "heading" {
		r.headingPages[u.ID] = pdf.PageNo()
		level := 0
		if u.Source.Inlines != nil {
			for _, h := range doc.Headings(r.v.Source.Doc) {
				if h.ID == u.ID && h.Level > 1 {
					level = 1
				}
			}
		}
		pdf.Bookmark(strings.Join(strings.Fields(text(&u.Source)), " "), level, r.y)
	}
	start, startPage := r.y, pdf.PageNo()
	r.margin(u, r.y, false)
	for i := 0; i < n; i++ {
		if r.y+lead > bottom {
			r.newPage(srcName, trName)
			r.margin(u, r.y, true)
		}
		if i < len(left) {
			r.use(srcRole, textSize)
			pdf.SetXY(colX, r.y)
			pdf.CellFormat(colW, lead, left[i], "", 0, "L", false, 0, "")
		}
		if i < len(right) {
			r.use(trRole, textSize)
			pdf.SetXY(colX+colW+gap, r.y)
			pdf.CellFormat(colW, lead, right[i], "", 0, "L", false, 0, "")
		}
		if i == 0 && u.Target == nil {
			r.use("label", noteSize+0.5)
			pdf.SetTextColor(190, 0, 0)
			pdf.SetXY(colX+colW+gap, r.y)
			pdf.CellFormat(colW, lead, "(not translated)", "", 0, "L", false, 0, "")
			pdf.SetTextColor(0, 0, 0)
		}
		r.y += lead
	}
	if r.y < start+29 && pdf.PageNo() == startPage {
		r.y = start + 29 // the margin's three lines
	}
	r.use("label", noteSize)
	for _, l := range probLines {
		if r.y+10 > bottom {
			r.newPage(srcName, trName)
		}
		if strings.HasPrefix(l, "!") {
			pdf.SetTextColor(190, 0, 0)
		} else {
			pdf.SetTextColor(150, 100, 0)
		}
		pdf.SetXY(colX+colW+gap, r.y)
		pdf.CellFormat(colW, 10, l, "", 0, "L", false, 0, "")
		r.y += 10
	}
	pdf.SetTextColor(0, 0, 0)
	r.y += 3
	pdf.SetDrawColor(215, 215, 215)
	pdf.Line(marginX, r.y, pageW-36, r.y)
	r.y += 4
}

// margin prints the unit's id, state and catalogue line.
func (r *proof) margin(u bilingual.Unit, y float64, cont bool) {
	pdf := r.pdf
	r.use("labelBold", 7)
	pdf.SetXY(marginX, y+1)
	id := u.ID
	if cont {
		id += " (cont.)"
	}
	// The id whole, as reviewers quote it: smaller type when long.
	for pt := 7.0; pt > 4.5 && pdf.GetStringWidth(id) > marginW-4; pt -= 0.5 {
		r.use("labelBold", pt)
	}
	pdf.CellFormat(marginW, 9, id, "", 0, "L", false, 0, "")
	if cont {
		return
	}
	c := stateColour[u.State]
	pdf.SetTextColor(c[0], c[1], c[2])
	r.use("label", 7)
	label := u.State
	if n := len(u.Lint); n > 0 {
		label += fmt.Sprintf(" · %d problem", n)
		if n > 1 {
			label += "s"
		}
	}
	pdf.SetXY(marginX, y+10)
	pdf.CellFormat(marginW, 9, label, "", 0, "L", false, 0, "")
	pdf.SetTextColor(120, 120, 120)
	if u.Line > 0 {
		pdf.SetXY(marginX, y+19)
		pdf.CellFormat(marginW, 9, trim(pdf, "line "+strconv.Itoa(u.Line), marginW-4), "", 0, "L", false, 0, "")
	}
	pdf.SetTextColor(0, 0, 0)
}

// lines breaks s to width w in the current font, paragraph breaks kept.
func lines(pdf *fpdf.Fpdf, s string, w float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		out = append(out, pdf.SplitText(para, w)...)
	}
	return out
}
