package epub

import (
	"strconv"
	"strings"
)

// baseCSS is made for e-readers: sizes in em and per cent only, no widths,
// no font-family for the body text (the reader's choice wins), automatic
// hyphenation by the lang attribute, which every document carries.
const baseCSS = `/* press: EPUB stylesheet */
p {
  margin: 0;
  text-indent: 1.2em;
  text-align: justify;
  -webkit-hyphens: auto;
  -epub-hyphens: auto;
  hyphens: auto;
  orphans: 2;
  widows: 2;
}
h1, h2, h3, h4, h5, h6 {
  text-align: left;
  text-indent: 0;
  -webkit-hyphens: manual;
  -epub-hyphens: manual;
  hyphens: manual;
  line-height: 1.25;
  page-break-after: avoid;
  break-after: avoid;
}
h1 { font-size: 1.6em; margin: 1em 0 1em 0; }
h2 { font-size: 1.25em; margin: 1.5em 0 0.6em 0; }
h3, h4, h5, h6 { font-size: 1em; margin: 1.2em 0 0.5em 0; }
h1 + p, h2 + p, h3 + p, h4 + p, h5 + p, h6 + p,
hr + p, blockquote + p, figure + p, ul + p, ol + p { text-indent: 0; }
a { -webkit-hyphens: manual; -epub-hyphens: manual; hyphens: manual; }
a[href^="http"] { word-break: break-all; overflow-wrap: break-word; word-wrap: break-word; }
blockquote { margin: 1em 1.5em; }
blockquote p { text-indent: 0; }
blockquote p + p { margin-top: 0.5em; }
blockquote.pullquote {
  margin: 1.2em 1em;
  padding: 0.5em 0;
  border-top: thin solid;
  border-bottom: thin solid;
  font-size: 1.15em;
  font-style: italic;
  text-align: center;
  page-break-inside: avoid;
  break-inside: avoid;
}
blockquote.pullquote p { text-align: center; text-indent: 0; }
ul, ol { margin: 0.6em 0 0.6em 1.5em; padding: 0; }
li p { text-indent: 0; }
hr.break { margin: 1em 25%; border: none; border-top: thin solid; }
code { font-family: monospace; font-size: 0.9em; }
figure {
  margin: 1.2em 0;
  text-align: center;
  page-break-inside: avoid;
  break-inside: avoid;
}
figure img { max-width: 100%; height: auto; }
.image-missing {
  border: thin dashed;
  padding: 2em 1em;
  margin: 0 0 0.5em 0;
}
.image-missing p { text-align: center; text-indent: 0; font-style: italic; }
figcaption { font-size: 0.9em; text-align: left; }
figcaption p { text-align: left; text-indent: 0; }
figcaption .label { font-weight: bold; }
figcaption .credit { font-size: 0.9em; margin-top: 0.2em; }
a.noteref {
  vertical-align: super;
  font-size: 0.7em;
  line-height: 1;
  text-decoration: none;
  padding: 0 0.05em;
}
section.footnotes { margin-top: 2em; border-top: thin solid; padding-top: 0.5em; }
h2.notes-heading { font-size: 1em; margin: 0.5em 0; }
aside.footnote { font-size: 0.9em; margin: 0 0 0.5em 0; }
aside.footnote p { text-indent: 0; text-align: left; }
a.backlink { text-decoration: none; font-weight: bold; }
.titlepage { text-align: center; margin-top: 3em; }
.titlepage h1 { text-align: center; font-size: 1.8em; margin-bottom: 0.5em; }
.titlepage p { text-align: center; text-indent: 0; margin: 0.6em 0; }
.titlepage .subtitle { font-size: 1.2em; font-style: italic; }
.titlepage .date { margin-top: 2em; }
.colophon p { text-indent: 0; margin: 0 0 0.6em 0; text-align: left; }
.cover { margin: 0; padding: 0; text-align: center; }
.cover img { max-width: 100%; max-height: 100vh; height: auto; }
nav ol { list-style-type: none; margin: 0 0 0 1em; padding: 0; }
nav li { margin: 0.3em 0; }
`

// richCSS styles what manuscripts other than the policy paper hold:
// code (never hyphenated or justified; long lines wrap), tables, definition
// lists, task boxes, images in the text.
const richCSS = `pre.code {
  font-family: monospace;
  font-size: 0.85em;
  line-height: 1.3;
  margin: 0.8em 0;
  padding: 0.4em 0.6em;
  border-left: thin solid;
  white-space: pre-wrap;
  overflow-wrap: break-word;
  text-align: left;
  -webkit-hyphens: none;
  -epub-hyphens: none;
  hyphens: none;
}
pre.code code { font-size: 1em; }
code { -webkit-hyphens: none; -epub-hyphens: none; hyphens: none; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
caption { text-align: left; font-size: 0.95em; margin-bottom: 0.3em; }
th, td { border: thin solid; padding: 0.2em 0.4em; vertical-align: top; text-align: left; }
th { font-weight: bold; }
th.center, td.center { text-align: center; }
th.right, td.right { text-align: right; }
thead { display: table-header-group; }
dl { margin: 0.6em 0; }
dt { font-weight: bold; margin-top: 0.4em; }
dd { margin: 0 0 0.3em 1.5em; }
dd p { text-indent: 0; }
li > p + * { margin-top: 0.3em; }
div.image { text-align: center; margin: 0.8em 0; }
div.image img { max-width: 100%; height: auto; }
span.image-missing { border: thin dashed; padding: 0 0.2em; }
.smallcaps { font-variant: small-caps; }
del { text-decoration: line-through; }
`

// zhCSS sets Chinese text: no synthetic italics (there are none in Chinese
// faces, so emphasis is bold), a two-character indent, strict line
// breaking (no small kana or iteration marks at a line start, CJK
// punctuation kept in place) and justification, which is clean in Chinese
// because every character is a break opportunity. Notes are justified as
// well; their long addresses break anywhere instead of leaving gaps.
const zhCSS = `:lang(zh) {
  line-break: strict;
  -webkit-line-break: strict;
  word-break: normal;
  overflow-wrap: break-word;
  -webkit-hyphens: manual;
  -epub-hyphens: manual;
  hyphens: manual;
}
p:lang(zh), aside.footnote p:lang(zh), figcaption p:lang(zh) {
  text-align: justify;
  text-indent: 2em;
}
aside.footnote p:lang(zh), figcaption p:lang(zh), .titlepage p:lang(zh),
blockquote p:lang(zh), li p:lang(zh), .image-missing p:lang(zh),
h1 + p:lang(zh), h2 + p:lang(zh), h3 + p:lang(zh), hr + p:lang(zh),
blockquote + p:lang(zh), figure + p:lang(zh), ul + p:lang(zh), ol + p:lang(zh) {
  text-indent: 0;
}
.titlepage p:lang(zh), blockquote.pullquote p:lang(zh), .image-missing p:lang(zh) { text-align: center; }
em:lang(zh), .titlepage .subtitle:lang(zh), blockquote.pullquote:lang(zh), .image-missing p:lang(zh) {
  font-style: normal;
}
em:lang(zh) { font-weight: bold; }
:lang(zh) em:lang(en) { font-family: serif; font-style: italic; font-weight: normal; font-synthesis: style; }
h1:lang(zh), h2:lang(zh), h3:lang(zh), h4:lang(zh), h5:lang(zh), h6:lang(zh) { font-weight: bold; }
`

// stylesheet returns the publication's CSS. Embedded fonts are declared
// with @font-face and used for the body (and for Chinese text).
//
// A family without a bold face of its own (Chinese serif faces ship
// Regular only) borrows the bold of another embedded family, declared
// under its name, so that bold is never synthesised; font-synthesis: none
// forbids the reading system to smear or slant what is missing. Rules
// for Chinese text are written only for a Chinese edition.
func stylesheet(lang string, fonts []fontFile) string {
	var b strings.Builder
	zh := isChinese(lang)
	face := func(family string, f fontFile) {
		b.WriteString("@font-face {\n")
		b.WriteString(`  font-family: "` + family + "\";\n")
		b.WriteString("  font-style: " + f.style + ";\n")
		b.WriteString("  font-weight: " + strconv.Itoa(f.weight) + ";\n")
		b.WriteString(`  src: url("../fonts/` + f.fileName + "\");\n")
		b.WriteString("}\n")
	}
	if len(fonts) > 0 {
		var families []string
		seen := map[string]bool{}
		hasBold := map[string]bool{}
		var bold *fontFile
		for i, f := range fonts {
			face(f.family, f)
			if !seen[f.family] {
				seen[f.family] = true
				families = append(families, f.family)
			}
			if f.weight >= 600 && f.style == "normal" {
				hasBold[f.family] = true
				if bold == nil {
					bold = &fonts[i]
				}
			}
		}
		for _, fam := range families {
			if !hasBold[fam] && bold != nil {
				face(fam, *bold)
			}
		}
		list := `"` + strings.Join(families, `", "`) + `"`
		// The embedded faces carry the edition's own letters (Han, or
		// Kazakh Cyrillic) that a reader's fonts may lack.
		b.WriteString("body { font-family: " + list + ", serif; font-synthesis: none; }\n")
		if zh {
			b.WriteString(":lang(zh) { font-family: " + list + "; }\n")
			if bold != nil && bold.family != families[0] {
				// Headings in the bold sans, as in print.
				b.WriteString("h1:lang(zh), h2:lang(zh), h3:lang(zh), h4:lang(zh), h5:lang(zh), h6:lang(zh) { font-family: \"" + bold.family + "\", " + list + "; }\n")
			}
			b.WriteString("code:lang(zh) { font-family: monospace; }\n")
		}
	}
	b.WriteString(baseCSS)
	b.WriteString(richCSS)
	if zh {
		b.WriteString(zhCSS)
	}
	return b.String()
}

func isChinese(lang string) bool {
	l := strings.ToLower(lang)
	return l == "zh" || strings.HasPrefix(l, "zh-")
}
