// Package pdf draws a typeset book (package layout) with fpdf. It makes no
// typesetting decisions: every glyph run, rule and link comes placed.
package pdf

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/layout"
	"github.com/press/press/internal/shape"
)

// Options are the document-level settings of the file.
type Options struct {
	Links bool // clickable links and note references (screen profile)
	// Subset, when set, gives a face cut down to at least the characters
	// need (the caller may share one subset between formats); by default
	// the face is cut to exactly need.
	Subset func(f *fonts.Face, need []rune) ([]byte, error)
}

// registration is the separation that prints on every plate: crop marks
// are drawn in it.
const registration = "All"

// Render writes the book as PDF bytes. d supplies the metadata. The
// book's Sheet (from its printer profile) places each page's trim on the
// PDF page, and decides on bleed and trim boxes, crop marks, and whether
// links (with opt.Links) and bookmarks are kept.
func Render(b *layout.Book, d *doc.Document, opt Options) ([]byte, error) {
	sheet := b.Sheet
	mediaW, mediaH := b.MediaSize()
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: mediaW, Ht: mediaH}})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(false) // deflateStreams compresses the pages, faster
	pdf.SetCatalogSort(true)
	pdf.SetDisplayMode("fullpage", "OneColumn")
	when, err := time.Parse(time.RFC3339, d.Meta.Modified)
	if err != nil {
		return nil, fmt.Errorf("pdf: modification time %q: %v", d.Meta.Modified, err)
	}
	pdf.SetCreationDate(when.UTC())
	pdf.SetModificationDate(when.UTC())
	pdf.SetTitle(d.Meta.Title.Text, true)
	var authors []string
	for _, a := range d.Meta.Authors {
		authors = append(authors, a.Text)
	}
	pdf.SetAuthor(strings.Join(authors, ", "), true)
	if d.Meta.Editor.Text != "" {
		pdf.SetSubject(d.Meta.Title.Text+" — "+d.Meta.Editor.Text, true)
	}
	pdf.SetCreator("press", false)
	pdf.SetProducer("press (fpdf)", false)
	pdf.SetLang(d.Meta.Lang)
	pdfx := ""
	if sheet.Boxes {
		addOutputIntent(pdf)
		pdfx = pdfxXMP(d.Meta.Title.Text + "\x00" + d.Meta.Lang + "\x00" + sheet.Profile)
	}
	pdf.SetXmpMetadata(xmp(d, authors, pdfx))
	tags := newTagger(d)

	// Fonts: every face the book uses, added once, under a placeholder
	// family name that names() later swaps for the subset's real name.
	families := map[*fonts.Face]string{}
	var names []fontName
	subset := opt.Subset
	if subset == nil {
		subset = func(f *fonts.Face, need []rune) ([]byte, error) { return f.Subset(need) }
	}
	used, order := usedRunes(b)
	// fpdf parses the whole font it is given and subsets it again when it
	// writes; giving it only the glyphs the book uses makes that parse a
	// fraction of the cost. The faces are cut in parallel.
	subsets := make([][]byte, len(order))
	errs := make([]error, len(order))
	var wg sync.WaitGroup
	for i, face := range order {
		wg.Go(func() { subsets[i], errs[i] = subset(face, used[face]) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("pdf: %v", err)
	}
	for i, face := range order {
		data := subsets[i]
		n := newFontName(face, data, len(names))
		names = append(names, n)
		families[face] = n.family
		// fpdf writes into the font bytes it is given (the metrics it
		// reads while cutting its own subset): it gets a copy, since the
		// subset is shared with the EPUB.
		pdf.AddUTF8FontFromBytes(n.family, face.Style, bytes.Clone(data))
		if pdf.Err() {
			return nil, fmt.Errorf("pdf: font %s: %v", face.Path, pdf.Error())
		}
	}
	if len(families) == 0 {
		return nil, fmt.Errorf("pdf: the book has no text")
	}
	// fpdf cuts its subsets to the characters its own Text calls drew;
	// text goes in as TJ arrays here, so the characters are registered
	// through a template that is never placed.
	registerRunes(pdf, used, order, func(f *fonts.Face) string { return families[f] })
	var anyFace *fonts.Face
	for f := range families {
		if anyFace == nil || f.Path < anyFace.Path {
			anyFace = f
		}
	}
	family := func(f *fonts.Face) string { return families[f] }

	// Anchors: one fpdf link per name, pointed at its page.
	withLinks := opt.Links && !sheet.NoLinks
	links := map[string]int{}
	if withLinks {
		for _, pg := range b.Pages {
			_, oy := b.TrimOrigin(pg.Number)
			for _, a := range pg.Anchors {
				if _, ok := links[a.Name]; !ok {
					id := pdf.AddLink()
					pdf.SetLink(id, a.Y+oy, pg.Number)
					links[a.Name] = id
				}
			}
		}
	}
	outline := map[int][]layout.OutlineEntry{}
	if !sheet.NoBookmarks {
		for _, e := range b.Outline {
			outline[e.Page] = append(outline[e.Page], e)
		}
	}
	if sheet.Marks {
		pdf.AddSpotColor(registration, 100, 100, 100, 100)
	}
	images := map[string]bool{}
	for pi, pg := range b.Pages {
		pdf.AddPage()
		tags.startPage(pi)
		// The page's content is drawn shifted by the trim's place on the
		// sheet (zero without bleed and marks).
		ox, oy := b.TrimOrigin(pg.Number)
		if sheet.Boxes {
			// A print profile: the trim and bleed boxes of this page (fpdf's
			// y runs up from the bottom here). fpdf writes them in random
			// order; sortPageBoxes puts them in order after output.
			bx, by, bw, bh := b.BleedRect(pg.Number)
			pdf.SetPageBox("trim", ox, mediaH-oy-b.Height, b.Width, b.Height)
			pdf.SetPageBox("bleed", bx, mediaH-by-bh, bw, bh)
		} else {
			// The trim box, for printers. (The bleed box then defaults to the
			// media box, which is right without bleed.)
			pdf.SetPageBox("trim", 0, 0, b.Width, b.Height)
		}
		pdf.SetFont(family(anyFace), anyFace.Style, 10)
		for _, e := range outline[pg.Number] {
			pdf.Bookmark(e.Title, e.Level, e.Y+oy)
		}
		tw := &textWriter{pdf: pdf, tags: tags, lang: b.Lang, family: family}
		for _, it := range pg.Items {
			gray := int(it.Gray * 255)
			x, y := it.X+ox, it.Y+oy
			if it.Kind != layout.TextItem {
				tw.close()
			}
			switch it.Kind {
			case layout.TextItem:
				tw.item(it, x, y)
			case layout.RuleItem:
				pdf.RawWriteStr("/Artifact BMC")
				pdf.SetDrawColor(gray, gray, gray)
				pdf.SetLineWidth(it.Line)
				pdf.Line(x, y, x+it.W, y+it.H)
				pdf.RawWriteStr("EMC")
			case layout.RectItem:
				pdf.RawWriteStr("/Artifact BMC")
				pdf.SetDrawColor(gray, gray, gray)
				pdf.SetLineWidth(it.Line)
				pdf.Rect(x, y, it.W, it.H, "D")
				pdf.RawWriteStr("EMC")
			case layout.ImageItem:
				pdf.RawWriteStr(tags.begin(it.Unit))
				tp := map[string]string{"png": "PNG", "jpeg": "JPG"}[it.ImageType]
				if !images[it.ImageName] {
					pdf.RegisterImageOptionsReader(it.ImageName, fpdf.ImageOptions{ImageType: tp}, bytes.NewReader(it.Image))
					images[it.ImageName] = true
				}
				pdf.ImageOptions(it.ImageName, x, y, it.W, it.H, false, fpdf.ImageOptions{ImageType: tp}, 0, "")
				pdf.RawWriteStr("EMC")
			}
			if pdf.Err() {
				return nil, fmt.Errorf("pdf: page %d: %v", pg.Number, pdf.Error())
			}
		}
		tw.close()
		if withLinks {
			for _, l := range pg.Links {
				switch {
				case l.URL != "":
					pdf.LinkString(l.X+ox, l.Y+oy, l.W, l.H, l.URL)
				case l.Anchor != "":
					if id, ok := links[l.Anchor]; ok {
						pdf.Link(l.X+ox, l.Y+oy, l.W, l.H, id)
					}
				}
			}
		}
		if sheet.Marks {
			pdf.RawWriteStr("/Artifact BMC")
			cropMarks(pdf, b, pg.Number)
			pdf.RawWriteStr("EMC")
		}
		if pdf.Err() {
			return nil, fmt.Errorf("pdf: page %d: %v", pg.Number, pdf.Error())
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %v", err)
	}
	var pageObjs []int
	infoObj := 0
	out := buf.Bytes()
	if sheet.Boxes {
		out = fixICCStream(out)
	}
	res, err := rewrite(out, func(obj []byte, first int) []byte {
		obj = renameFonts(obj, names)
		if sheet.Boxes {
			obj = sortPageBoxes(obj)
			obj = pdfxObject(obj)
			if m := infoObjRe.FindSubmatch(obj); m != nil {
				infoObj, _ = strconv.Atoi(string(m[1]))
			}
		}
		// Tagged: each page keys its ParentTree entry and takes the tab
		// order of the structure; the catalog points at the tree.
		if m := pageObjRe.FindSubmatchIndex(obj); m != nil {
			n, _ := strconv.Atoi(string(obj[m[2]:m[3]]))
			extra := fmt.Sprintf("/StructParents %d\n/Tabs /S\n", len(pageObjs))
			pageObjs = append(pageObjs, n)
			obj = append(obj[:m[1]:m[1]], append([]byte(extra), obj[m[1]:]...)...)
			obj = tags.moveAnnots(obj, len(pageObjs)-1, len(b.Pages), first)
		} else if m := catalogObjRe.FindIndex(obj); m != nil {
			// The pages, and so the annotations moved out, come before
			// the catalog: the tree's root follows them.
			extra := fmt.Sprintf("/StructTreeRoot %d 0 R\n/MarkInfo <</Marked true>>\n/ViewerPreferences <</DisplayDocTitle true>>\n", first+len(tags.annots))
			obj = append(obj[:m[1]:m[1]], append([]byte(extra), obj[m[1]:]...)...)
		}
		return obj
	}, func(first int) [][]byte { return tags.objects(first, pageObjs) })
	if err != nil || infoObj == 0 {
		return res, err
	}
	return fixInfoRef(res, infoObj), nil
}

// usedRunes lists, per face, the characters the book sets in it, in the
// order the faces first appear (so font objects come out in a stable
// order).
func usedRunes(b *layout.Book) (map[*fonts.Face][]rune, []*fonts.Face) {
	seen := map[*fonts.Face]map[rune]bool{}
	var order []*fonts.Face
	for _, pg := range b.Pages {
		for _, it := range pg.Items {
			if it.Kind != layout.TextItem || it.Face == nil {
				continue
			}
			set := seen[it.Face]
			if set == nil {
				set = map[rune]bool{}
				seen[it.Face] = set
				order = append(order, it.Face)
			}
			for _, g := range shape.For(it.Face, b.Lang).Shape(it.Text).Glyphs {
				set[g.Code] = true
			}
			if it.Space > 0 {
				set[' '] = true
			}
		}
	}
	used := make(map[*fonts.Face][]rune, len(seen))
	for f, set := range seen {
		rs := make([]rune, 0, len(set))
		for r := range set {
			rs = append(rs, r)
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
		used[f] = rs
	}
	return used, order
}

// cropMarks draws the trim's four corners as pairs of short lines in the
// registration colour, outside the bleed: each lies on the extension of
// a trim edge, from layout.MarkGap beyond the bleed, layout.MarkLength long.
func cropMarks(pdf *fpdf.Fpdf, b *layout.Book, n int) {
	ox, oy := b.TrimOrigin(n)
	bx, by, bw, bh := b.BleedRect(n)
	pdf.SetDrawSpotColor(registration, 100)
	pdf.SetLineWidth(layout.MarkWeight)
	// The trim's edges, and how far the marks stand off each side.
	left, right, top, bottom := ox, ox+b.Width, oy, oy+b.Height
	offL, offR := left-bx+layout.MarkGap, bx+bw-right+layout.MarkGap
	offT, offB := top-by+layout.MarkGap, by+bh-bottom+layout.MarkGap
	l := layout.MarkLength
	for _, x := range []float64{left, right} {
		pdf.Line(x, top-offT-l, x, top-offT)       // vertical, above the trim
		pdf.Line(x, bottom+offB, x, bottom+offB+l) // vertical, below the trim
	}
	for _, y := range []float64{top, bottom} {
		pdf.Line(left-offL-l, y, left-offL, y)   // horizontal, left of the trim
		pdf.Line(right+offR, y, right+offR+l, y) // horizontal, right of the trim
	}
}

// boxRunRe matches the page box entries fpdf writes, one per line, after
// a page's MediaBox or Parent.
var boxRunRe = regexp.MustCompile(`(?m)(?:^/(?:TrimBox|BleedBox|CropBox|ArtBox) \[[^\]\n]*\]\n){2,}`)

// sortPageBoxes puts each page's box entries in name order. fpdf keeps a
// page's boxes in a Go map and writes them in map order, which differs
// from run to run; sorted, builds are byte-identical.
func sortPageBoxes(pdf []byte) []byte {
	return boxRunRe.ReplaceAllFunc(pdf, func(run []byte) []byte {
		lines := strings.SplitAfter(string(run), "\n")
		lines = lines[:len(lines)-1] // after the final newline
		sort.Strings(lines)
		return []byte(strings.Join(lines, ""))
	})
}

// fontName pairs the placeholder family fpdf gets with the name the PDF
// should show: a subset tag and the font's PostScript name. fpdf writes
// BaseFont as "utf8" + family + style; the placeholder is padded so that
// both have the same length (kept from when the swap had to keep every
// byte offset; deflateStreams now rewrites the offsets anyway).
type fontName struct {
	family      string
	placeholder string // what fpdf writes
	real        string
}

func newFontName(f *fonts.Face, subset []byte, i int) fontName {
	ps := f.PSName
	if ps == "" {
		ps = "Font" + strconv.Itoa(i)
	}
	// A subset tag is six capital letters, unique per subset; derive it
	// from the subset's own bytes, so that builds stay reproducible and
	// two different subsets never share a tag, wherever the font lives.
	sum := sha256.Sum256(subset)
	tag := make([]byte, 6)
	for j := range tag {
		tag[j] = 'A' + sum[j]%26
	}
	real := string(tag) + "+" + ps
	padLen := len(real) - len("utf8") - len(f.Style)
	fam := fmt.Sprintf("pf%02d", i)
	for len(fam) < padLen {
		fam += "z"
	}
	if len(fam) > padLen {
		// A very short PostScript name: pad the real name instead.
		for len("utf8")+len(fam)+len(f.Style) > len(real) {
			real += "-"
		}
	}
	return fontName{family: fam, placeholder: "/utf8" + fam + strings.ToUpper(f.Style), real: "/" + real}
}

func renameFonts(pdf []byte, names []fontName) []byte {
	for _, n := range names {
		pdf = bytes.ReplaceAll(pdf, []byte(n.placeholder), []byte(n.real))
	}
	return pdf
}

// registerRunes tells fpdf which characters of each face the book draws.
func registerRunes(pdf *fpdf.Fpdf, used map[*fonts.Face][]rune, order []*fonts.Face, family func(*fonts.Face) string) {
	pdf.CreateTemplate(func(t *fpdf.Tpl) {
		for _, f := range order {
			t.SetFont(family(f), f.Style, 10)
			t.Text(0, 0, string(used[f]))
		}
	})
}
