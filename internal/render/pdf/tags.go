package pdf

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/press/press/internal/doc"
)

// The tagged PDF (PDF/UA-1): every text run, image and rule drawn is in
// marked content, either bound to a structure element (its MCID listed in
// the page's ParentTree entry) or an Artifact (running heads, folios,
// rules, leaders, frames). The structure tree follows the order content
// first appears in, page by page: Document › H1–H6, P, BlockQuote › P,
// L › LI › Lbl + LBody, Note › Lbl, Figure (Alt) › Caption, TOC › TOCI.

// selem is one structure element.
type selem struct {
	role   string
	parent *selem
	kids   []any // *selem or mcr
	alt    string
	num    int // object number, assigned when written
}

// mcr is a marked-content reference: MCID mcid on page (0-based).
type mcr struct{ page, mcid int }

// objr is an object reference: a link annotation, by its index among
// the document's annotations.
type objr struct{ annot, page int }

// tagger assigns marked content to structure elements while pages are
// drawn.
type tagger struct {
	root   *selem
	byKey  map[string]*selem
	roles  map[string]role // unit → where it goes
	page   int
	mcid   int
	parent [][]*selem // per page, the element of each MCID
	// annots are the link annotations fpdf wrote inline, moved to
	// objects of their own so that Link elements can reference them.
	annots [][]byte
	links  []*selem // the Link element of each annotation
}

var annotRe = regexp.MustCompile(`/Annots \[(<</Type /Annot .*)\]\n`)

// moveAnnots takes page's inline link annotations out into objects to be
// numbered from first on (the order they are met in), each with its
// StructParent key and a Link element, and lists them on the page by
// reference.
func (t *tagger) moveAnnots(obj []byte, page, pages, first int) []byte {
	m := annotRe.FindSubmatchIndex(obj)
	if m == nil {
		return obj
	}
	list := string(obj[m[2]:m[3]])
	var refs []string
	for _, a := range strings.Split(list, "<</Type /Annot ")[1:] {
		a = "<</Type /Annot " + strings.TrimSpace(a)
		k := len(t.annots)
		contents := "(Link)"
		if i := strings.Index(a, "/URI ("); i >= 0 && strings.HasSuffix(a, ">>>>") {
			contents = a[i+len("/URI ") : len(a)-len(">>>>")]
		} else if strings.Contains(a, "/Dest ") {
			contents = "(Note)"
		}
		body := "<</Type /Annot /StructParent " + strconv.Itoa(pages+k) + " /Contents " + contents + " " + a[len("<</Type /Annot "):]
		t.annots = append(t.annots, []byte(body))
		e := &selem{role: "Link", parent: t.root}
		e.kids = append(e.kids, objr{annot: k, page: page})
		t.root.kids = append(t.root.kids, e)
		t.links = append(t.links, e)
		refs = append(refs, strconv.Itoa(first+k)+" 0 R")
	}
	repl := "/Annots [" + strings.Join(refs, " ") + "]\n"
	return append(obj[:m[0]:m[0]], append([]byte(repl), obj[m[1]:]...)...)
}

// role says how a unit's content is tagged: its element's type, the group
// it sits in (a list, a block quotation, the contents) and, for figures,
// the alternative text.
type role struct {
	typ   string
	group string // key of the enclosing element, "" for the Document
	gtyp  string // that element's type
	alt   string
	wrap  string // an element between group and this one (LI for LBody)
}

func newTagger(d *doc.Document) *tagger {
	t := &tagger{root: &selem{role: "Document"}, byKey: map[string]*selem{}, roles: map[string]role{}}
	for i, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			t.roles[b.ID] = role{typ: "H" + strconv.Itoa(min(max(b.Level, 1), 6))}
			t.roles["toc:"+b.ID] = role{typ: "TOCI", group: "toc", gtyp: "TOC"}
		case *doc.Paragraph:
			t.roles[b.ID] = role{typ: "P"}
		case *doc.PullQuote:
			t.roles[b.ID] = role{typ: "BlockQuote"}
		case *doc.BlockQuote:
			for _, p := range b.Blocks {
				if pp, ok := p.(*doc.Paragraph); ok {
					t.roles[pp.ID] = role{typ: "P", group: "bq" + strconv.Itoa(i), gtyp: "BlockQuote"}
				}
			}
		case *doc.List:
			for _, it := range b.Items {
				g := "list" + strconv.Itoa(i)
				t.roles[it.ID] = role{typ: "LBody", group: g, gtyp: "L", wrap: "li:" + it.ID}
				t.roles["lbl:"+it.ID] = role{typ: "Lbl", group: g, gtyp: "L", wrap: "li:" + it.ID}
			}
		case *doc.Figure:
			alt := strings.TrimSpace(b.Label + " " + doc.PlainText(b.Caption))
			t.roles[b.ID] = role{typ: "Figure", alt: alt}
			t.roles[b.CaptionID] = role{typ: "Caption", group: b.ID, gtyp: "Figure"}
			if b.CreditID != "" {
				t.roles[b.CreditID] = role{typ: "Caption", group: b.ID, gtyp: "Figure"}
			}
		}
	}
	for _, n := range d.Notes {
		t.roles[n.ID] = role{typ: "Note"}
		t.roles["lbl:"+n.ID] = role{typ: "Lbl", group: n.ID, gtyp: "Note"}
	}
	return t
}

// startPage begins page n (0-based).
func (t *tagger) startPage(n int) {
	t.page, t.mcid = n, 0
	for len(t.parent) <= n {
		t.parent = append(t.parent, nil)
	}
}

// begin returns the operator that opens marked content for unit, to be
// closed with "EMC".
func (t *tagger) begin(unit string) string {
	if unit == "" || unit == "running-head" {
		return "/Artifact BMC"
	}
	e := t.element(unit)
	id := t.mcid
	t.mcid++
	e.kids = append(e.kids, mcr{page: t.page, mcid: id})
	t.parent[t.page] = append(t.parent[t.page], e)
	return "/" + e.role + " <</MCID " + strconv.Itoa(id) + ">> BDC"
}

// element finds or makes the element of unit (with its group).
func (t *tagger) element(unit string) *selem {
	if e := t.byKey[unit]; e != nil {
		return e
	}
	r, ok := t.roles[unit]
	if !ok {
		r = role{typ: "P"} // the title page, colophon and other edition text
	}
	parent := t.root
	if r.group != "" {
		parent = t.group(r.group, r.gtyp)
	}
	if r.wrap != "" {
		w := t.byKey[r.wrap]
		if w == nil {
			w = &selem{role: "LI", parent: parent}
			parent.kids = append(parent.kids, w)
			t.byKey[r.wrap] = w
		}
		parent = w
	}
	e := &selem{role: r.typ, parent: parent, alt: r.alt}
	parent.kids = append(parent.kids, e)
	t.byKey[unit] = e
	return e
}

func (t *tagger) group(key, typ string) *selem {
	if g := t.byKey[key]; g != nil {
		return g
	}
	if _, ok := t.roles[key]; ok {
		return t.element(key) // a figure, a note: an element of its own
	}
	g := &selem{role: typ, parent: t.root}
	t.root.kids = append(t.root.kids, g)
	t.byKey[key] = g
	return g
}

// objects numbers and writes the structure tree from object first on:
// the StructTreeRoot first, then the ParentTree, then the elements.
// pages are the page objects' numbers.
func (t *tagger) objects(first int, pages []int) [][]byte {
	// The annotations come first, numbered as moveAnnots promised.
	var out [][]byte
	for i, a := range t.annots {
		out = append(out, fmt.Appendf(nil, "%d 0 obj\n%s\nendobj\n", first+i, a))
	}
	annotFirst := first
	first += len(t.annots)
	var all []*selem
	var walk func(e *selem)
	walk = func(e *selem) {
		all = append(all, e)
		for _, k := range e.kids {
			if c, ok := k.(*selem); ok {
				walk(c)
			}
		}
	}
	walk(t.root)
	for i, e := range all {
		e.num = first + 2 + i
	}
	// StructTreeRoot.
	out = append(out, fmt.Appendf(nil, "%d 0 obj\n<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d>>\nendobj\n",
		first, t.root.num, first+1, len(t.parent)+len(t.annots)))
	// ParentTree: page i's StructParents key is i.
	var pt bytes.Buffer
	fmt.Fprintf(&pt, "%d 0 obj\n<</Nums [", first+1)
	for i, es := range t.parent {
		fmt.Fprintf(&pt, "%d [", i)
		for j, e := range es {
			if j > 0 {
				pt.WriteByte(' ')
			}
			fmt.Fprintf(&pt, "%d 0 R", e.num)
		}
		pt.WriteString("] ")
	}
	// An annotation's StructParent key follows the pages'.
	for k, e := range t.links {
		fmt.Fprintf(&pt, "%d %d 0 R ", len(t.parent)+k, e.num)
	}
	pt.WriteString("]>>\nendobj\n")
	out = append(out, pt.Bytes())
	for _, e := range all {
		var b bytes.Buffer
		fmt.Fprintf(&b, "%d 0 obj\n<</Type /StructElem /S /%s", e.num, e.role)
		if e.parent != nil {
			fmt.Fprintf(&b, " /P %d 0 R", e.parent.num)
		} else {
			fmt.Fprintf(&b, " /P %d 0 R", first)
		}
		if e.alt != "" {
			b.WriteString(" /Alt " + hexUTF16(e.alt, true))
		}
		// The element's page is its first content's: MCIDs there are
		// written bare, others with their page (MCR).
		pg := -1
		for _, k := range e.kids {
			if m, ok := k.(mcr); ok {
				pg = m.page
				fmt.Fprintf(&b, " /Pg %d 0 R", pages[pg])
				break
			}
		}
		b.WriteString(" /K [")
		for i, k := range e.kids {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch k := k.(type) {
			case *selem:
				fmt.Fprintf(&b, "%d 0 R", k.num)
			case mcr:
				if k.page == pg {
					b.WriteString(strconv.Itoa(k.mcid))
				} else {
					fmt.Fprintf(&b, "<</Type /MCR /Pg %d 0 R /MCID %d>>", pages[k.page], k.mcid)
				}
			case objr:
				fmt.Fprintf(&b, "<</Type /OBJR /Pg %d 0 R /Obj %d 0 R>>", pages[k.page], annotFirst+k.annot)
			}
		}
		b.WriteString("]>>\nendobj\n")
		out = append(out, b.Bytes())
	}
	return out
}

var (
	pageObjRe    = regexp.MustCompile(`^(\d+) 0 obj\n<</Type /Page\n`)
	catalogObjRe = regexp.MustCompile(`^\d+ 0 obj\n<<\n?/Type /Catalog\n`)
)

// xmp is the document's XMP metadata: title, creators, and the PDF/UA
// identification.
// extra is more rdf:Description elements (PDF/X's).
func xmp(d *doc.Document, authors []string, extra string) []byte {
	var b strings.Builder
	esc := html.EscapeString
	b.WriteString(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(d.Meta.Title.Text) + `</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq>`)
	for _, a := range authors {
		b.WriteString("<rdf:li>" + esc(a) + "</rdf:li>")
	}
	b.WriteString(`</rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>` + esc(d.Meta.Lang) + `</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>press (fpdf)</pdf:Producer>
<xmp:CreatorTool>press</xmp:CreatorTool>
<xmp:CreateDate>` + esc(d.Meta.Modified) + `</xmp:CreateDate>
<xmp:ModifyDate>` + esc(d.Meta.Modified) + `</xmp:ModifyDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
` + extra + `</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`)
	return []byte(b.String())
}
