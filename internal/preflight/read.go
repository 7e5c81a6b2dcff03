package preflight

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// This file reads a PDF with pdfcpu into what the checks look at.

// document is a PDF as the checks see it.
type document struct {
	version  string
	pages    []*page
	fonts    []fontInfo // every font the pages' resources name, once
	outline  bool
	validErr error // pdfcpu's validation, nil when the file is sound
	// PDF/X: the Info dictionary's GTS_PDFXVersion and the catalog's
	// output intents.
	pdfxVersion string
	intents     []outputIntent
}

// outputIntent is one of the catalog's OutputIntents.
type outputIntent struct {
	subtype, condition string
	components         int    // the profile's /N
	profile            []byte // the ICC profile, decoded
}

type page struct {
	n                  int
	media, trim, bleed *rect // trim and bleed nil when absent
	annots             []string
	ink                ink
}

type fontInfo struct {
	name     string // BaseFont
	subtype  string
	embedded bool
	subset   bool
}

var subsetRe = regexp.MustCompile(`^[A-Z]{6}\+`)

// pdfcpu keeps its configuration directory out of the way only when told
// before the first read.
var disableConfig sync.Once

func readPDF(data []byte) (*document, error) {
	disableConfig.Do(api.DisableConfigDir)
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		return nil, fmt.Errorf("not a readable PDF: %v", err)
	}
	doc := &document{version: ctx.XRefTable.VersionString()}
	doc.validErr = api.ValidateContext(ctx)
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, err
	}
	r := &reader{x: ctx.XRefTable, fonts: map[string]*font{}, seenFont: map[string]bool{}, doc: doc}
	boxes, err := ctx.XRefTable.PageBoundaries(nil)
	if err != nil {
		return nil, err
	}
	for i := 1; i <= ctx.PageCount; i++ {
		d, _, inh, err := ctx.XRefTable.PageDict(i, false)
		if err != nil {
			return nil, fmt.Errorf("page %d: %v", i, err)
		}
		pg := &page{n: i, ink: ink{spaces: map[string]bool{}}}
		if i-1 < len(boxes) {
			pb := boxes[i-1]
			if pb.Media != nil {
				pg.media = toRect(pb.Media.Rect)
			}
			if pb.Trim != nil {
				pg.trim = toRect(pb.Trim.Rect)
			}
			if pb.Bleed != nil {
				pg.bleed = toRect(pb.Bleed.Rect)
			}
		}
		if pg.media == nil {
			return nil, fmt.Errorf("page %d: no MediaBox", i)
		}
		if a, err := r.x.DereferenceArray(d["Annots"]); err == nil {
			for _, o := range a {
				ad, err := r.x.DereferenceDict(o)
				if err != nil || ad == nil {
					continue
				}
				st := "?"
				if s := ad.Subtype(); s != nil {
					st = *s
				}
				pg.annots = append(pg.annots, st)
			}
		}
		resObj := d["Resources"]
		if resObj == nil && inh != nil {
			resObj = inh.Resources
		}
		res := r.resources(resObj)
		content, err := ctx.XRefTable.PageContent(d, i)
		if err != nil && err != model.ErrNoContent {
			return nil, fmt.Errorf("page %d: content: %v", i, err)
		}
		ip := &interp{out: &pg.ink}
		ip.run(content, res, identity)
		doc.pages = append(doc.pages, pg)
	}
	if ctx.XRefTable.Info != nil {
		if info, err := r.x.DereferenceDict(*ctx.XRefTable.Info); err == nil && info != nil {
			if o, ok := info.Find("GTS_PDFXVersion"); ok {
				doc.pdfxVersion, _ = r.x.DereferenceStringOrHexLiteral(o, model.V10, nil)
			}
		}
	}
	if cat, err := ctx.XRefTable.Catalog(); err == nil {
		if a, err := r.x.DereferenceArray(cat["OutputIntents"]); err == nil {
			for _, o := range a {
				d, err := r.x.DereferenceDict(o)
				if err != nil || d == nil {
					continue
				}
				var oi outputIntent
				if s := d.NameEntry("S"); s != nil {
					oi.subtype = *s
				}
				if c, ok := d.Find("OutputConditionIdentifier"); ok {
					oi.condition, _ = r.x.DereferenceStringOrHexLiteral(c, model.V10, nil)
				}
				if sd, _, err := r.x.DereferenceStreamDict(d["DestOutputProfile"]); err == nil && sd != nil {
					if n := sd.IntEntry("N"); n != nil {
						oi.components = *n
					}
					if err := sd.Decode(); err == nil {
						oi.profile = sd.Content
					}
				}
				doc.intents = append(doc.intents, oi)
			}
		}
		if od, err := r.x.DereferenceDict(cat["Outlines"]); err == nil && od != nil {
			if _, ok := od.Find("First"); ok {
				doc.outline = true
			}
		}
	}
	sort.Slice(doc.fonts, func(i, j int) bool { return doc.fonts[i].name < doc.fonts[j].name })
	return doc, nil
}

func toRect(r *types.Rectangle) *rect {
	if r == nil {
		return nil
	}
	return &rect{r.LL.X, r.LL.Y, r.UR.X, r.UR.Y}
}

type reader struct {
	x        *model.XRefTable
	fonts    map[string]*font // by object, for the content reader
	seenFont map[string]bool
	doc      *document
}

func objKey(o types.Object) string {
	if ref, ok := o.(types.IndirectRef); ok {
		return ref.String()
	}
	if ref, ok := o.(*types.IndirectRef); ok && ref != nil {
		return ref.String()
	}
	return ""
}

func (r *reader) number(o types.Object) float64 {
	f, err := r.x.DereferenceNumber(o)
	if err != nil {
		return 0
	}
	return f
}

func (r *reader) resources(o types.Object) *resources {
	res := &resources{fonts: map[string]*font{}}
	d, err := r.x.DereferenceDict(o)
	if err != nil || d == nil {
		return res
	}
	if fd, err := r.x.DereferenceDict(d["Font"]); err == nil {
		for name, fo := range fd {
			res.fonts[name] = r.font(fo)
		}
	}
	xd, _ := r.x.DereferenceDict(d["XObject"])
	res.xobject = func(name string) *xobject {
		if xd == nil {
			return nil
		}
		return r.xobject(xd[name])
	}
	cd, _ := r.x.DereferenceDict(d["ColorSpace"])
	res.space = func(name string) string {
		if cd == nil || cd[name] == nil {
			return name
		}
		return r.space(cd[name])
	}
	return res
}

// space describes a colour space object: "DeviceRGB", "Separation All",
// "ICCBased RGB", "Indexed DeviceRGB".
func (r *reader) space(o types.Object) string {
	o, err := r.x.Dereference(o)
	if err != nil || o == nil {
		return "?"
	}
	switch v := o.(type) {
	case types.Name:
		return string(v)
	case types.Array:
		if len(v) == 0 {
			return "?"
		}
		kind, _ := r.x.Dereference(v[0])
		k, _ := kind.(types.Name)
		switch string(k) {
		case "Separation":
			if len(v) > 1 {
				if n, ok := v[1].(types.Name); ok {
					return "Separation " + string(n)
				}
			}
		case "ICCBased":
			if len(v) > 1 {
				if sd, _, err := r.x.DereferenceStreamDict(v[1]); err == nil && sd != nil {
					switch n := sd.IntEntry("N"); {
					case n == nil:
					case *n == 1:
						return "ICCBased Gray"
					case *n == 3:
						return "ICCBased RGB"
					case *n == 4:
						return "ICCBased CMYK"
					}
				}
			}
		case "Indexed":
			if len(v) > 1 {
				return "Indexed " + r.space(v[1])
			}
		}
		return string(k)
	}
	return "?"
}

func (r *reader) font(o types.Object) *font {
	key := objKey(o)
	if f, ok := r.fonts[key]; ok && key != "" {
		return f
	}
	d, err := r.x.DereferenceDict(o)
	if err != nil || d == nil {
		return nil
	}
	f := &font{widths: map[int]float64{}, defaultWidth: 500}
	info := fontInfo{}
	if n := d.NameEntry("BaseFont"); n != nil {
		info.name = *n
	}
	if s := d.Subtype(); s != nil {
		info.subtype = *s
	}
	info.subset = subsetRe.MatchString(info.name)
	desc := d
	switch info.subtype {
	case "Type0":
		f.twoByte = true
		if a, err := r.x.DereferenceArray(d["DescendantFonts"]); err == nil && len(a) > 0 {
			if dd, err := r.x.DereferenceDict(a[0]); err == nil && dd != nil {
				desc = dd
				f.defaultWidth = 1000
				if _, ok := dd.Find("DW"); ok {
					f.defaultWidth = r.number(dd["DW"])
				}
				r.cidWidths(f, dd["W"])
			}
		}
	case "Type3":
		info.embedded = true // glyphs are content streams in the file
		r.simpleWidths(f, d)
		if a, err := r.x.DereferenceArray(d["FontMatrix"]); err == nil && len(a) == 6 {
			k := r.number(a[0]) * 1000
			for c, w := range f.widths {
				f.widths[c] = w * k
			}
		}
	default:
		r.simpleWidths(f, d)
	}
	if fd, err := r.x.DereferenceDict(desc["FontDescriptor"]); err == nil && fd != nil {
		for _, k := range []string{"FontFile", "FontFile2", "FontFile3"} {
			if _, ok := fd.Find(k); ok {
				info.embedded = true
			}
		}
		f.ascent, f.descent = r.number(fd["Ascent"]), r.number(fd["Descent"])
		if mw, ok := fd.Find("MissingWidth"); ok && info.subtype != "Type0" {
			f.defaultWidth = r.number(mw)
		}
	}
	if key != "" {
		r.fonts[key] = f
	}
	id := key
	if id == "" {
		id = info.name + "/" + info.subtype
	}
	if !r.seenFont[id] {
		r.seenFont[id] = true
		r.doc.fonts = append(r.doc.fonts, info)
	}
	return f
}

func (r *reader) simpleWidths(f *font, d types.Dict) {
	first := 0
	if fc := d.IntEntry("FirstChar"); fc != nil {
		first = *fc
	}
	if a, err := r.x.DereferenceArray(d["Widths"]); err == nil {
		for i, o := range a {
			f.widths[first+i] = r.number(o)
		}
	}
}

// cidWidths reads a CIDFont's W array: c [w1 w2 …] and c1 c2 w.
func (r *reader) cidWidths(f *font, o types.Object) {
	a, err := r.x.DereferenceArray(o)
	if err != nil {
		return
	}
	for i := 0; i < len(a); {
		c := int(r.number(a[i]))
		if i+1 >= len(a) {
			return
		}
		next, _ := r.x.Dereference(a[i+1])
		if ws, ok := next.(types.Array); ok {
			for j, w := range ws {
				f.widths[c+j] = r.number(w)
			}
			i += 2
			continue
		}
		if i+2 >= len(a) {
			return
		}
		c2, w := int(r.number(a[i+1])), r.number(a[i+2])
		for k := c; k <= c2 && k-c < 65536; k++ {
			f.widths[k] = w
		}
		i += 3
	}
}

func (r *reader) xobject(o types.Object) *xobject {
	if o == nil {
		return nil
	}
	sd, _, err := r.x.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return nil
	}
	st := sd.Subtype()
	if st == nil {
		return nil
	}
	switch *st {
	case "Image":
		xo := &xobject{image: true, space: "DeviceGray"}
		if w := sd.IntEntry("Width"); w != nil {
			xo.pixW = *w
		}
		if h := sd.IntEntry("Height"); h != nil {
			xo.pixH = *h
		}
		if cs, ok := sd.Find("ColorSpace"); ok {
			xo.space = r.space(cs)
		} else if m := sd.BooleanEntry("ImageMask"); m != nil && *m {
			xo.space = "mask"
		}
		return xo
	case "Form":
		if err := sd.Decode(); err != nil {
			return nil
		}
		xo := &xobject{content: sd.Content, matrix: identity, res: r.resources(sd.Dict["Resources"])}
		if a, err := r.x.DereferenceArray(sd.Dict["Matrix"]); err == nil && len(a) == 6 {
			for i := range xo.matrix {
				xo.matrix[i] = r.number(a[i])
			}
		}
		return xo
	}
	return nil
}

// pt formats a length in pt.
func pt(v float64) string { return strconv.FormatFloat(roundTo(v, 2), 'f', -1, 64) }

func roundTo(v float64, places int) float64 {
	p := 1.0
	for i := 0; i < places; i++ {
		p *= 10
	}
	if v < 0 {
		return -float64(int64(-v*p+0.5)) / p
	}
	return float64(int64(v*p+0.5)) / p
}
