// Package epub renders a press document as an EPUB 3 publication.
//
// The document is turned into XHTML here (one file per chapter, a title
// page and, when the edition has one, a colophon); github.com/go-shiori/go-epub
// packs those files with the stylesheet, images and fonts into an OCF
// container; a post-pass (postpass.go) then rewrites what go-epub cannot be
// told: the package document, the navigation documents, the language of
// every XHTML file and the zip layout, so that the file is reproducible and
// passes epubcheck without errors or warnings.
//
// Notes are pop-up footnotes: every citation is a bare
// <a epub:type="noteref"> link and every note an <aside epub:type="footnote">
// at the end of the chapter that first cites it. This is the markup that
// Kindle, Kobo and Apple Books all turn into pop-ups.
package epub

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	goepub "github.com/go-shiori/go-epub"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/typo"
)

// Font is a font file to embed. The Chinese edition embeds its faces because
// reading systems cannot be relied on to have them; other editions embed
// none.
type Font struct {
	Family   string // CSS font-family name
	Style    string // "normal" (default) or "italic"
	Weight   int    // CSS weight; 0 means 400
	FileName string // name inside the EPUB; derived from Family when empty
	Data     []byte // TrueType (or OpenType, WOFF, WOFF2) data
}

// Options control rendering.
type Options struct {
	// Fonts are embedded and declared with @font-face. When the edition is
	// Chinese they become the body font; otherwise they apply to text
	// marked as Chinese only.
	Fonts []Font
	// TOCDepth is the deepest heading level in the navigation document
	// (0: 2, chapters and their sections; 1: chapters only).
	TOCDepth int
	// Pages are the pages of the print edition of the same build, in
	// order. When set, the EPUB marks where each begins (epub:type
	// "pagebreak") and lists them in a page-list, so that readers of
	// either can cite the same page.
	Pages []Page
	// PageSource names the print edition the page numbers come from
	// (dc:source); the identifier with ":print" when empty.
	PageSource string
	// Cover is a PNG of the front cover: the cover-image and the first
	// page of the reading order.
	Cover []byte
	// Runs splits text into runs by language (typo.Runs): runs in
	// another language than the edition's are tagged with lang and
	// xml:lang. Nil: nothing is tagged.
	Runs func(string) []typo.Run
	// CertifiedBy is who makes the accessibility conformance claim
	// (a11y:certifiedBy); "press" when empty.
	CertifiedBy string
}

// Page is one page of the print edition.
type Page struct {
	Label string // the printed page number ("7")
	// Unit is the id of the block the page's body text begins with
	// (a heading, paragraph, list item or pull quote id, a figure's
	// caption id, or "colophon"); "" for a page without body text.
	Unit string
	// Text is the line the page begins with when that is not the block's
	// first line.
	Text string
}

// Internal layout of the container; go-epub fixes the folder names.
const (
	cssName       = "press.css"
	titleFileName = "title.xhtml"
	coverFileName = "cover.xhtml"
	coverImage    = "cover.png"
	colophonName  = "colophon.xhtml"
	xhtmlDir      = "EPUB/xhtml/"
)

// go-epub assembles the container in a scratch folder, by default a new
// one under the system's temporary directory: thousands of system calls
// and a dependence on a writable /tmp, for files it then zips into memory
// anyway. Its in-memory file system does the same without the disk; that
// one is a package-level map without a lock, so writes take turns.
var writing sync.Mutex

func init() {
	// Use fails only for a type it does not know; go-epub would then
	// keep to the disk, which works too.
	_ = goepub.Use(goepub.MemoryFS)
}

// Render returns the bytes of the EPUB file for d. It never reads the clock:
// the modification date is d.Meta.Modified, so rendering the same document
// twice gives the same bytes.
func Render(d *doc.Document, opt Options) ([]byte, error) {
	if d == nil {
		return nil, errors.New("epub: no document")
	}
	modified, err := checkDocument(d)
	if err != nil {
		return nil, err
	}
	b, err := build(d, opt)
	if err != nil {
		return nil, err
	}

	e, err := goepub.NewEpub(clean(d.Meta.Title.Text))
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	// Every resource is handed over as a data: URL. go-epub would also try
	// HTTP for a source it cannot open; make sure that never leaves the
	// machine.
	e.Client = &http.Client{Transport: noNetwork{}}
	e.SetIdentifier(clean(d.Meta.Identifier))
	e.SetLang(clean(d.Meta.Lang))

	cssPath, err := e.AddCSS(dataURL("text/css;charset=utf-8", []byte(b.css)), cssName)
	if err != nil {
		return nil, fmt.Errorf("epub: stylesheet: %w", err)
	}
	for _, f := range b.fonts {
		// go-epub's data: URL parser knows no font/ media types; the
		// package document gets the right one in the post-pass.
		if _, err := e.AddFont(dataURL("application/octet-stream", f.data), f.fileName); err != nil {
			return nil, fmt.Errorf("epub: font %s: %w", f.fileName, err)
		}
	}
	if len(b.cover) > 0 {
		if _, err := e.AddImage(dataURL("image/png", b.cover), coverImage); err != nil {
			return nil, fmt.Errorf("epub: cover: %w", err)
		}
	}
	for _, im := range b.images {
		if _, err := e.AddImage(dataURL(im.mediaType, im.data), im.fileName); err != nil {
			return nil, fmt.Errorf("epub: image %s: %w", im.fileName, err)
		}
	}
	for _, f := range b.files {
		if _, err := e.AddSection(f.body, f.title, f.name, cssPath); err != nil {
			return nil, fmt.Errorf("epub: %s: %w", f.name, err)
		}
	}

	var raw bytes.Buffer
	writing.Lock()
	_, err = e.WriteTo(&raw)
	writing.Unlock()
	if err != nil {
		return nil, fmt.Errorf("epub: writing container: %w", err)
	}
	out, err := postPass(raw.Bytes(), d, b, opt, modified)
	if err != nil {
		return nil, fmt.Errorf("epub: post-pass: %w", err)
	}
	return out, nil
}

// checkDocument rejects documents that cannot give a valid publication and
// returns the modification time.
func checkDocument(d *doc.Document) (time.Time, error) {
	var missing []string
	if strings.TrimSpace(clean(d.Meta.Title.Text)) == "" {
		missing = append(missing, "Meta.Title")
	}
	if strings.TrimSpace(clean(d.Meta.Lang)) == "" {
		missing = append(missing, "Meta.Lang")
	}
	if strings.TrimSpace(clean(d.Meta.Identifier)) == "" {
		missing = append(missing, "Meta.Identifier")
	}
	if strings.TrimSpace(d.Labels.Contents) == "" {
		missing = append(missing, "Labels.Contents")
	}
	if strings.TrimSpace(d.Labels.TitlePage) == "" {
		missing = append(missing, "Labels.TitlePage")
	}
	if len(missing) > 0 {
		return time.Time{}, fmt.Errorf("epub: document has no %s", strings.Join(missing, ", "))
	}
	if strings.ContainsAny(d.Meta.Lang, " \t\n\"'<>&") {
		return time.Time{}, fmt.Errorf("epub: Meta.Lang %q is not a BCP 47 tag", d.Meta.Lang)
	}
	t, err := time.Parse(time.RFC3339, d.Meta.Modified)
	if err != nil {
		return time.Time{}, fmt.Errorf("epub: Meta.Modified %q is not an RFC 3339 date-time", d.Meta.Modified)
	}
	return t.UTC().Truncate(time.Second), nil
}

func dataURL(mediaType string, data []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// noNetwork is an http.RoundTripper that refuses every request.
type noNetwork struct{}

func (noNetwork) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("epub: refusing to fetch %s: resources are embedded", r.URL.Redacted())
}
