package pdf_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestTaggedPDF reads the four PDFs back with qpdf (its JSON for the
// objects, its QDF form for the page contents) and checks the Matterhorn
// Protocol failure conditions named below, independently of the writer:
//
//	01-003/01-004  all content is tagged or an Artifact: every text-showing,
//	               image and path-painting operator lies in marked content
//	06-001/06-002  the catalog has XMP Metadata with pdfuaid:part 1
//	07-001         ViewerPreferences DisplayDocTitle true
//	11-001         the catalog has a Lang; 11-004/11-006 English spans in
//	               the kk/ru/zh editions are marked /Lang (en)
//	13-004         every Figure has Alt
//	14-002/14-003  headings start at H1 and skip no level
//	01-?           MarkInfo Marked true; StructTreeRoot; each page Tabs /S
//	               and StructParents; every MCID reachable from the
//	               ParentTree and back from its element (MCR with /Pg)
//	19-?           every note of the text is a Note element
func TestTaggedPDF(t *testing.T) {
	dir := editions(t)
	src, err := os.ReadFile("../../../source/china-image-kazakhstan.md")
	if err != nil {
		t.Fatal(err)
	}
	notes := len(regexp.MustCompile(`(?m)^\[\^[^\]]+\]:`).FindAll(src, -1))
	for _, lang := range []string{"en", "kk", "ru", "zh"} {
		t.Run(lang, func(t *testing.T) {
			path := filepath.Join(dir, lang, "china-image-kazakhstan.pdf")
			checkTagged(t, path, lang, notes)
		})
	}
}

type qobj struct {
	Value  json.RawMessage `json:"value"`
	Stream *struct {
		Dict map[string]json.RawMessage `json:"dict"`
		Data string                     `json:"data"`
	} `json:"stream"`
}

func checkTagged(t *testing.T, path, lang string, notes int) {
	head := make([]byte, 8)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Read(head)
	f.Close()
	if string(head) != "%PDF-1.7" {
		t.Errorf("header %q, want %%PDF-1.7", head)
	}
	var doc struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-stream-data=inline", "--decode-level=generalized", path)), &doc); err != nil {
		t.Fatal(err)
	}
	var objs map[string]qobj
	if err := json.Unmarshal(doc.Qpdf[1], &objs); err != nil {
		t.Fatal(err)
	}
	dict := func(ref string) map[string]json.RawMessage {
		o, ok := objs["obj:"+ref]
		if !ok {
			t.Fatalf("no object %s", ref)
		}
		var d map[string]json.RawMessage
		if o.Stream != nil {
			return o.Stream.Dict
		}
		json.Unmarshal(o.Value, &d)
		return d
	}
	str := func(m json.RawMessage) string {
		var s string
		json.Unmarshal(m, &s)
		return s
	}
	var trailer struct {
		Value map[string]json.RawMessage `json:"value"`
	}
	tj, _ := json.Marshal(objs["trailer"])
	json.Unmarshal(tj, &trailer)
	cat := dict(str(trailer.Value["/Root"]))
	if _, ok := cat["/StructTreeRoot"]; !ok {
		t.Fatal("no StructTreeRoot")
	}
	if s := str(cat["/Lang"]); !strings.HasPrefix(s, "u:"+lang) {
		t.Errorf("catalog Lang %q, want %s", s, lang)
	}
	var mark map[string]bool
	json.Unmarshal(cat["/MarkInfo"], &mark)
	if !mark["/Marked"] {
		t.Error("MarkInfo Marked is not true")
	}
	var vp map[string]bool
	json.Unmarshal(cat["/ViewerPreferences"], &vp)
	if !vp["/DisplayDocTitle"] {
		t.Error("ViewerPreferences DisplayDocTitle is not true")
	}
	meta, ok := objs["obj:"+str(cat["/Metadata"])]
	if !ok || meta.Stream == nil {
		t.Fatal("no XMP Metadata stream")
	}
	xmp, _ := base64.StdEncoding.DecodeString(meta.Stream.Data)
	if !strings.Contains(string(xmp), "<pdfuaid:part>1</pdfuaid:part>") || !strings.Contains(string(xmp), "<dc:title>") {
		t.Error("XMP lacks pdfuaid:part 1 or dc:title")
	}

	// Page contents, in page order, from qpdf's QDF form.
	qdf := content(t, path)
	parts := regexp.MustCompile(`%% Contents for page (\d+)\n`).Split(qdf, -1)[1:]
	if len(parts) != len(doc.Pages) {
		t.Fatalf("%d page contents for %d pages", len(parts), len(doc.Pages))
	}
	opRe := regexp.MustCompile(`(?m)(/\w+ <</MCID (\d+)>> BDC|/Artifact BMC|/Span <<[^\n]*BDC|\bEMC\b|\] TJ|\) Tj|> Tj|\bDo\b|^S$| S\n)`)
	// English spans: marked with their language in the other editions.
	if n := strings.Count(qdf, "/Span <</Lang (en)>> BDC"); (lang == "en") != (n == 0) {
		t.Errorf("%d spans marked /Lang (en)", n)
	}
	mcids := make([]int, len(doc.Pages))
	for i, c := range parts {
		c = c[:strings.Index(c, "endstream")]
		depth, next := 0, 0
		for _, m := range opRe.FindAllStringSubmatch(c, -1) {
			op := m[1]
			switch {
			case strings.HasSuffix(op, "BDC") || strings.HasSuffix(op, "BMC"):
				depth++
				if m[2] != "" {
					if n, _ := strconv.Atoi(m[2]); n != next {
						t.Errorf("page %d: MCID %d where %d was due", i+1, n, next)
					}
					next++
				}
			case op == "EMC":
				depth--
			default:
				if depth <= 0 {
					t.Errorf("page %d: %q outside marked content", i+1, strings.TrimSpace(op))
				}
			}
		}
		if depth != 0 {
			t.Errorf("page %d: marked content not closed (depth %d)", i+1, depth)
		}
		mcids[i] = next
	}

	// Pages: StructParents, Tabs; the ParentTree leads to elements whose
	// MCRs point back.
	root := dict(str(cat["/StructTreeRoot"]))
	var nums []json.RawMessage
	json.Unmarshal(dict(str(root["/ParentTree"]))["/Nums"], &nums)
	parent := map[int][]string{}
	single := map[int]string{} // an annotation's key: one element
	for i := 0; i+1 < len(nums); i += 2 {
		var k int
		var refs []string
		json.Unmarshal(nums[i], &k)
		if json.Unmarshal(nums[i+1], &refs) != nil {
			single[k] = str(nums[i+1])
		}
		parent[k] = refs
	}
	// 28-011: every link annotation is referenced (OBJR) by a Link
	// element its StructParent leads to; 28-? it has Contents.
	links := 0
	for i, p := range doc.Pages {
		var annots []string
		json.Unmarshal(dict(p.Object)["/Annots"], &annots)
		for _, a := range annots {
			ad := dict(a)
			if str(ad["/Subtype"]) != "/Link" {
				continue
			}
			links++
			if str(ad["/Contents"]) == "" {
				t.Errorf("page %d: link %s without Contents", i+1, a)
			}
			var sp int
			if err := json.Unmarshal(ad["/StructParent"], &sp); err != nil {
				t.Errorf("page %d: link %s without StructParent", i+1, a)
				continue
			}
			el := dict(single[sp])
			if str(el["/S"]) != "/Link" {
				t.Errorf("page %d: link %s: StructParent leads to %s", i+1, a, el["/S"])
				continue
			}
			var kids []map[string]json.RawMessage
			json.Unmarshal(el["/K"], &kids)
			if len(kids) != 1 || str(kids[0]["/Type"]) != "/OBJR" || str(kids[0]["/Obj"]) != a {
				t.Errorf("page %d: Link element %s does not reference %s", i+1, single[sp], a)
			}
		}
	}
	if links == 0 {
		t.Error("no link annotations to check (the screen PDF has links)")
	}
	for i, p := range doc.Pages {
		pd := dict(p.Object)
		var sp int
		if err := json.Unmarshal(pd["/StructParents"], &sp); err != nil {
			t.Errorf("page %d: no StructParents", i+1)
			continue
		}
		if str(pd["/Tabs"]) != "/S" {
			t.Errorf("page %d: Tabs %s, want /S", i+1, pd["/Tabs"])
		}
		refs := parent[sp]
		if len(refs) != mcids[i] {
			t.Errorf("page %d: %d MCIDs drawn, %d in the ParentTree", i+1, mcids[i], len(refs))
			continue
		}
		for mcid, ref := range refs {
			ed := dict(ref)
			var kids []json.RawMessage
			json.Unmarshal(ed["/K"], &kids)
			found := false
			for _, k := range kids {
				// A bare MCID is on the element's page (/Pg); an MCR
				// names its own.
				var n int
				if json.Unmarshal(k, &n) == nil {
					found = found || (n == mcid && str(ed["/Pg"]) == p.Object)
					continue
				}
				var m map[string]json.RawMessage
				if json.Unmarshal(k, &m) == nil && m["/MCID"] != nil {
					json.Unmarshal(m["/MCID"], &n)
					found = found || (n == mcid && str(m["/Pg"]) == p.Object)
				}
			}
			if !found {
				t.Errorf("page %d: element %s does not claim MCID %d", i+1, ref, mcid)
			}
		}
	}

	// The tree: figures with Alt, headings in order, one Note a note.
	var levels []int
	figures, noteEls := 0, 0
	var walk func(ref string, depth int)
	walk = func(ref string, depth int) {
		if depth > 50 {
			t.Fatal("structure tree too deep (a cycle?)")
		}
		d := dict(ref)
		s := str(d["/S"])
		switch {
		case s == "/Figure":
			figures++
			if a := str(d["/Alt"]); strings.TrimPrefix(a, "u:") == "" {
				t.Errorf("Figure %s without Alt", ref)
			}
		case s == "/Note":
			noteEls++
		case len(s) == 3 && s[:2] == "/H" && s[2] >= '1' && s[2] <= '6':
			levels = append(levels, int(s[2]-'0'))
		}
		var kids []json.RawMessage
		json.Unmarshal(d["/K"], &kids)
		for _, k := range kids {
			var r string
			if json.Unmarshal(k, &r) == nil && strings.HasSuffix(r, " R") {
				walk(r, depth+1)
			}
		}
	}
	var top []string
	json.Unmarshal(root["/K"], &top)
	for _, r := range top {
		walk(r, 0)
	}
	if figures != 4 {
		t.Errorf("%d Figure elements, want the manuscript's 4", figures)
	}
	if noteEls != notes {
		t.Errorf("%d Note elements for %d notes", noteEls, notes)
	}
	if len(levels) == 0 || levels[0] != 1 {
		t.Errorf("headings start at %v, want H1", levels)
	}
	for i := 1; i < len(levels); i++ {
		if levels[i] > levels[i-1]+1 {
			t.Errorf("heading %d: H%d after H%d skips a level", i+1, levels[i], levels[i-1])
		}
	}
}
