package build

import (
	"path/filepath"
	"sort"

	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/lang"
	"github.com/press/press/internal/render/html"
)

// OutputPath is where a format's file of an edition goes: <out>/<lang>/
// <name>.<format>, or for the web edition the folder <out>/<lang>/<name>/
// with its index.html.
func OutputPath(out, code, name, format string) string {
	if format == "html" {
		return filepath.Join(out, code, name, "index.html")
	}
	return filepath.Join(out, code, name+"."+format)
}

// htmlFace is a face of the web edition and the role it is cut from.
type htmlFace struct {
	role    fonts.Role
	family  string
	style   string
	weight  int
	heading bool
}

// HTMLFaces are the faces a web edition embeds: the edition's own body
// and heading type, and for Chinese its Song and Hei faces.
func htmlFaces(p *lang.Profile) []htmlFace {
	fs := []htmlFace{
		{fonts.Body, "Press Serif", "normal", 400, false},
		{fonts.BodyBold, "Press Serif", "normal", 700, false},
		{fonts.BodyItalic, "Press Serif", "italic", 400, false},
		{fonts.BodyBoldItalic, "Press Serif", "italic", 700, false},
		{fonts.Heading, "Press Sans", "normal", 400, true},
		{fonts.HeadingBold, "Press Sans", "normal", 700, true},
	}
	if p.Script == lang.Han {
		fs = append(fs,
			htmlFace{fonts.CJKBody, "Press CJK Serif", "normal", 400, false},
			htmlFace{fonts.CJKBody, "Press CJK Serif", "normal", 700, false},
			htmlFace{fonts.CJKHeading, "Press CJK Sans", "normal", 700, true},
			htmlFace{fonts.CJKHeading, "Press CJK Sans", "normal", 400, true})
	}
	return fs
}

// renderHTML makes the web edition: index.html is the file, its
// stylesheet, subset fonts and images are written beside it.
func renderHTML(e *Edition) ([]byte, int, error) {
	site, err := HTMLSite(e, "")
	if err != nil {
		return nil, 0, err
	}
	e.side.Store("html", site.Files)
	return site.Index, 0, nil
}

// HTMLSite renders the web edition of e; head is extra markup for <head>.
func HTMLSite(e *Edition, head string) (*html.Site, error) {
	o := html.Options{TOCDepth: e.Layout.TOCDepth, Head: head}
	for _, f := range htmlFaces(e.Profile) {
		face, err := e.Fonts.Get(f.role)
		if err != nil {
			return nil, err
		}
		data, err := e.Subset(face, nil)
		if err != nil {
			return nil, err
		}
		o.Fonts = append(o.Fonts, html.Font{Family: f.family, Style: f.style, Weight: f.weight, Heading: f.heading,
			FileName: face.PSName + ".ttf", Data: data})
	}
	return html.Render(e.Doc, o)
}

// writeSideFiles stages the files a format made beside its main file.
func (e *Edition) writeSideFiles(st *stage, format, dir string) error {
	v, ok := e.side.Load(format)
	if !ok {
		return nil
	}
	files := v.(map[string][]byte)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := st.write(filepath.Join(dir, filepath.FromSlash(n)), files[n]); err != nil {
			return err
		}
	}
	return nil
}
