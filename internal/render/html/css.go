package html

import (
	"strconv"
	"strings"
)

// baseCSS sets the web edition: a measure of about 66 characters, the
// edition's own faces, notes that open by their citation.
const baseCSS = `/* press: web edition */
:root { color-scheme: light; --ink: #1a1a1a; --muted: #5a5a5a; --rule: #c8c8c8; --accent: #7a2e0e; --paper: #fffdf8; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto;
  padding: 1.5rem 1.25rem 4rem;
  max-width: 38rem;
  font-family: var(--body-font, serif);
  font-size: 1.125rem;
  line-height: 1.55;
  color: var(--ink);
  background: var(--paper);
  overflow-wrap: break-word;
}
h1, h2, h3, h4, h5, h6 { font-family: var(--heading-font, sans-serif); line-height: 1.25; hyphens: manual; break-after: avoid; }
h1 { font-size: 2rem; margin: 1.5rem 0 0.5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 1rem; }
h3 { font-size: 1.2rem; margin: 2rem 0 0.6rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.5rem 0 0.5rem; }
.label { color: var(--muted); }
p { margin: 0; text-align: justify; hyphens: auto; -webkit-hyphens: auto; }
main p + p { text-indent: 1.5em; }
.titlepage { margin: 2rem 0 2.5rem; border-bottom: 1px solid var(--rule); padding-bottom: 1.5rem; }
.titlepage p { text-align: left; text-indent: 0; }
.titlepage .subtitle { font-size: 1.25rem; margin-top: 0.5rem; }
.titlepage .editor, .titlepage .authors, .titlepage .date { color: var(--muted); margin-top: 0.75rem; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc ol ol { padding-left: 1.25em; font-size: 0.95em; }
nav.toc li { margin: 0.3em 0; }
a { color: var(--accent); }
a[href^="http"] { overflow-wrap: anywhere; }
blockquote { margin: 1.2em 1.5em; }
blockquote p { text-align: start; }
blockquote p + p { text-indent: 0; margin-top: 0.5em; }
blockquote.pullquote { margin: 1.5em 0; padding: 0.75em 0; border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); font-size: 1.2em; font-style: italic; }
blockquote.pullquote p { text-align: center; }
ul, ol { padding-left: 1.5em; }
li { margin: 0.25em 0; }
hr.break { margin: 2em 30%; border: none; border-top: 1px solid var(--rule); }
code { font-family: monospace; font-size: 0.9em; }
figure { margin: 1.5em 0; }
figure img { max-width: 100%; height: auto; display: block; margin: 0 auto; }
.image-missing { border: 1px dashed var(--rule); padding: 2em 1em; margin-bottom: 0.5em; }
.image-missing p { text-align: center; font-style: italic; }
figcaption { font-size: 0.9em; }
figcaption p { text-align: left; text-indent: 0; }
figcaption .label { font-weight: bold; color: inherit; }
a.noteref { vertical-align: super; font-size: 0.7em; line-height: 1; text-decoration: none; padding: 0 0.15em; }
section.footnotes { margin-top: 3rem; border-top: 1px solid var(--rule); font-size: 0.9em; }
section.footnotes ol { list-style: none; padding-left: 0; }
li.footnote { margin: 0.6em 0; scroll-margin-top: 1rem; }
li.footnote:target { background: #fff3c4; outline: 2px solid #e0b400; }
a.backlink { text-decoration: none; font-weight: bold; }
.note-popup {
  position: absolute; z-index: 10; max-width: min(28rem, calc(100vw - 2rem));
  background: #fff; border: 1px solid var(--rule); border-radius: 4px; box-shadow: 0 4px 16px rgba(0,0,0,0.18);
  padding: 0.75em 1em; font-size: 0.9em; line-height: 1.45;
}
.note-popup:focus { outline: 2px solid var(--accent); }
.colophon { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: 1rem; color: var(--muted); font-size: 0.9em; }
.colophon p { text-align: left; margin: 0.4em 0; text-indent: 0; }
@media (max-width: 30rem) {
  body { font-size: 1.05rem; padding: 1rem 1rem 3rem; }
  p { text-align: left; }
  h1 { font-size: 1.6rem; }
  h2 { font-size: 1.3rem; }
}
@media print {
  .note-popup { display: none; }
  body { max-width: none; background: none; }
}
`

const zhCSS = `:lang(zh) { line-break: strict; word-break: normal; hyphens: manual; }
p:lang(zh) { text-align: justify; }
main p:lang(zh) + p:lang(zh) { text-indent: 2em; }
em:lang(zh) { font-style: normal; font-weight: bold; }
blockquote.pullquote:lang(zh) { font-style: normal; }
`

// stylesheet declares the embedded faces and puts them to use.
func stylesheet(lang string, fonts []Font) string {
	var b strings.Builder
	var body, heading []string
	seen := map[string]bool{}
	for _, f := range fonts {
		b.WriteString("@font-face {\n")
		b.WriteString(`  font-family: "` + f.Family + "\";\n")
		b.WriteString("  font-style: " + f.Style + ";\n")
		b.WriteString("  font-weight: " + strconv.Itoa(f.Weight) + ";\n")
		b.WriteString("  font-display: swap;\n")
		b.WriteString(`  src: url("fonts/` + f.FileName + "\") format(\"truetype\");\n")
		b.WriteString("}\n")
		if seen[f.Family] {
			continue
		}
		seen[f.Family] = true
		if f.Heading {
			heading = append(heading, `"`+f.Family+`"`)
		} else {
			body = append(body, `"`+f.Family+`"`)
		}
	}
	b.WriteString(":root {")
	if len(body) > 0 {
		b.WriteString(" --body-font: " + strings.Join(body, ", ") + ", serif;")
	}
	if len(heading) > 0 {
		b.WriteString(" --heading-font: " + strings.Join(heading, ", ") + ", sans-serif;")
	} else if len(body) > 0 {
		b.WriteString(" --heading-font: " + strings.Join(body, ", ") + ", sans-serif;")
	}
	b.WriteString(" }\n")
	b.WriteString(baseCSS)
	if l := strings.ToLower(lang); l == "zh" || strings.HasPrefix(l, "zh-") {
		b.WriteString(zhCSS)
	}
	return b.String()
}
