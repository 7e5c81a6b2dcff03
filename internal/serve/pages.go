package serve

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/press/press/internal/render/html"
)

const pageCSS = `body { font: 15px/1.45 system-ui, sans-serif; margin: 0; padding: 1rem 1.5rem 3rem; color: #1a1a1a; background: #fcfcfa; }
h1 { font-size: 1.4rem; margin: 0.5rem 0 1rem; }
a { color: #7a2e0e; }
table { border-collapse: collapse; width: 100%; }
table.units { table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.6rem; border-bottom: 1px solid #ddd; overflow-wrap: anywhere; }
th { background: #f0eee8; position: sticky; top: 0; z-index: 1; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.state { font: 12px/1.2 monospace; padding: 0.1em 0.4em; border-radius: 3px; white-space: nowrap; }
.state-translated, .state-reviewed, .state-final { background: #e3f4e3; color: #155215; }
.state-draft { background: #fff3c4; color: #6b5200; }
.state-stale { background: #ffe0c2; color: #7a3a00; }
.state-missing { background: #fde8e8; color: #7a0000; }
.unit { font: 12px/1.3 monospace; }
.where { font: 12px/1.3 monospace; color: #555; display: block; margin-top: 0.3em; }
.problems { margin: 0.3em 0 0; padding-left: 1.1em; font-size: 12px; color: #7a0000; }
.problems .warning { color: #6b5200; }
.src, .tr { font-size: 16px; line-height: 1.5; }
.src { font-family: "Press Source Serif", serif; }
.tr { font-family: var(--body-font, serif); }
tr.kind-heading .src, tr.kind-heading .tr { font-weight: bold; font-family: var(--heading-font, sans-serif); }
tr.kind-heading .src { font-family: "Press Source Sans", sans-serif; }
col.c-id { width: 9rem; }
col.c-info { width: 15rem; }
@media (max-width: 50rem) {
  table, tbody, tr, td { display: block; width: auto; }
  thead { display: none; }
  tr { border-bottom: 2px solid #ccc; padding: 0.4rem 0; }
  td { border: none; padding: 0.2rem 0; }
}
`

func (s *Server) page(w http.ResponseWriter, lang, title, head, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n%s<style>\n%s</style>\n%s</head>\n<body>\n%s%s</body>\n</html>\n",
		html.Esc(lang), html.Esc(title), head, pageCSS, s.liveScript(), s.errorBanner(), body)
}

// index lists the languages with their counts and files.
func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	sn := s.snap
	s.mu.RUnlock()
	var b strings.Builder
	if sn == nil {
		b.WriteString("<h1>press serve</h1>\n<p>No build has succeeded yet.</p>\n")
		s.page(w, "en", "press serve", "", b.String())
		return
	}
	b.WriteString("<h1>" + html.Esc(sn.name) + "</h1>\n<main>\n<table>\n<thead><tr><th scope=\"col\">Language</th><th scope=\"col\">Units</th><th scope=\"col\">Translated</th><th scope=\"col\">Draft</th><th scope=\"col\">Stale</th><th scope=\"col\">Missing</th><th scope=\"col\">Views</th><th scope=\"col\">Files</th></tr></thead>\n<tbody>\n")
	for _, l := range sn.langs {
		st := l.Stats
		b.WriteString("<tr><th scope=\"row\">" + html.Esc(l.Name) + " <span class=\"unit\">" + html.Esc(l.Code) + "</span></th>")
		for _, n := range []int{st.Units, st.Translated, st.Draft, st.Stale, st.Missing} {
			b.WriteString("<td class=\"num\">" + strconv.Itoa(n) + "</td>")
		}
		b.WriteString("<td>")
		files := s.dist(l.Code, sn.name)
		if _, ok := files["html"]; ok {
			b.WriteString(`<a href="/` + html.Esc(l.Code) + `/">edition</a>`)
		}
		if !l.Source {
			b.WriteString(` · <a href="/` + html.Esc(l.Code) + `/bilingual">bilingual</a>`)
		}
		b.WriteString("</td><td>")
		var links []string
		for _, f := range sortedKeys(files) {
			if f == "html" {
				continue
			}
			links = append(links, `<a href="`+html.Esc(files[f])+`">`+strings.ToUpper(f)+`</a>`)
		}
		if len(links) == 0 {
			b.WriteString("not built (press build)")
		}
		b.WriteString(strings.Join(links, " · ") + "</td></tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n</main>\n")
	s.page(w, "en", sn.name+" — press serve", "", b.String())
}

// fontFaces are the @font-face rules of a language's web edition, renamed
// (prefix) and pointing at the served files, so that a page can set the
// source and the translation each in its own edition's faces.
func (s *Server) fontFaces(code, name, prefix string) string {
	data, err := os.ReadFile(filepath.Join(s.outDir(), code, name, "style.css"))
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, m := range fontFace.FindAllString(string(data), -1) {
		m = strings.ReplaceAll(m, `url("fonts/`, `url("/`+code+`/fonts/`)
		if prefix != "" {
			m = strings.ReplaceAll(m, `font-family: "Press `, `font-family: "`+prefix)
		}
		b.WriteString(m + "\n")
	}
	if prefix == "" {
		if v := rootVars.FindString(string(data)); v != "" {
			b.WriteString(v + "\n")
		}
	}
	return b.String()
}

var (
	fontFace = regexp.MustCompile(`(?s)@font-face \{.*?\}`)
	rootVars = regexp.MustCompile(`:root \{ --body-font[^}]*\}`)
)

// bilingual shows every unit: English, the translation in the edition's
// faces, the id, the state, lint and layout problems, and where it is.
func (s *Server) bilingual(w http.ResponseWriter, r *http.Request, code string) {
	s.mu.RLock()
	sn := s.snap
	s.mu.RUnlock()
	if sn == nil {
		s.page(w, "en", "press serve", "", "<p>"+html.Esc(errNoSnapshot.Error())+"</p>")
		return
	}
	rows, ok := sn.rows[code]
	if !ok {
		http.NotFound(w, r)
		return
	}
	name := code
	var st *langView
	for i := range sn.langs {
		if sn.langs[i].Code == code {
			name, st = sn.langs[i].Name, &sn.langs[i]
		}
	}
	style := "<style>\n" + s.fontFaces(sn.source, sn.name, "Press Source ") + s.fontFaces(code, sn.name, "") + "</style>\n"
	var b strings.Builder
	fmt.Fprintf(&b, "<h1><a href=\"/\">%s</a> · %s bilingual</h1>\n", html.Esc(sn.name), html.Esc(name))
	if st != nil {
		fmt.Fprintf(&b, "<p>%d units: %d translated, %d draft, %d stale, %d missing.</p>\n", st.Stats.Units, st.Stats.Translated, st.Stats.Draft, st.Stats.Stale, st.Stats.Missing)
	}
	b.WriteString("<main>\n<table class=\"units\">\n<colgroup><col class=\"c-id\"><col class=\"c-src\"><col class=\"c-tr\"><col class=\"c-info\"></colgroup>\n")
	b.WriteString("<thead><tr><th scope=\"col\">Unit</th><th scope=\"col\">English</th><th scope=\"col\">" + html.Esc(name) + "</th><th scope=\"col\">State and problems</th></tr></thead>\n<tbody>\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "<tr id=\"%s\" class=\"kind-%s\" data-unit=\"%s\" data-state=\"%s\">", html.Esc(r.ID), html.Esc(r.Kind), html.Esc(r.ID), html.Esc(r.State))
		fmt.Fprintf(&b, "<td class=\"unit\"><a href=\"#%s\">%s</a></td>", html.Esc(r.ID), html.Esc(r.ID))
		fmt.Fprintf(&b, "<td class=\"src\" lang=\"%s\">%s</td>", html.Esc(sn.source), r.English)
		fmt.Fprintf(&b, "<td class=\"tr\" lang=\"%s\">%s</td>", html.Esc(code), r.Translation)
		fmt.Fprintf(&b, "<td><span class=\"state state-%s\">%s</span> ", html.Esc(r.State), html.Esc(r.State))
		where := r.File
		if r.Line > 0 {
			where += ":" + strconv.Itoa(r.Line)
		}
		fmt.Fprintf(&b, "<span class=\"where\">%s</span>", html.Esc(where))
		if len(r.Lint)+len(r.Layout) > 0 {
			b.WriteString("<ul class=\"problems\">")
			for _, p := range r.Lint {
				fmt.Fprintf(&b, "<li class=\"%s\">%s: %s</li>", html.Esc(p.Severity), html.Esc(p.Severity), html.Esc(p.Msg))
			}
			for _, p := range r.Layout {
				fmt.Fprintf(&b, "<li class=\"layout\">PDF: %s</li>", html.Esc(p))
			}
			b.WriteString("</ul>")
		}
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n</main>\n")
	s.page(w, code, name+" bilingual — "+sn.name, style, b.String())
}

var _ = io.Discard
