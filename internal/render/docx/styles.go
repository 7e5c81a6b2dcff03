package docx

import (
	"fmt"
	"strings"
)

// style is one entry of word/styles.xml. PPr and RPr are the inner XML of
// w:pPr and w:rPr, their children in schema order.
type style struct {
	Type       string // paragraph or character
	ID, Name   string
	BasedOn    string
	Next       string
	Default    bool
	UIPriority int
	SemiHidden bool // hidden until used, like Word's own
	QFormat    bool
	PPr, RPr   string
}

func fonts(name string) string {
	n := attr(name)
	return `<w:rFonts w:ascii="` + n + `" w:hAnsi="` + n + `" w:cs="` + n + `"/>`
}

// fontsEA is fonts with an East Asian face for Han text: "1.1" and the
// Chinese title of a heading in the same (sans) style.
func fontsEA(name, eastAsia string) string {
	if eastAsia == "" {
		return fonts(name)
	}
	n := attr(name)
	return `<w:rFonts w:ascii="` + n + `" w:hAnsi="` + n + `" w:eastAsia="` + attr(eastAsia) + `" w:cs="` + n + `"/>`
}

// italic is the italic switch of a style, none for Chinese, Japanese and
// Korean text: their faces have no italic and Word would slant them.
func italic(cjk bool) string {
	if cjk {
		return ""
	}
	return `<w:i/><w:iCs/>`
}

// styles lists the document's styles. Ids are Word's built-in ones where
// Word has the style (names as Word writes them: "heading 1", "toc 1",
// "footnote text"), so Word, LibreOffice and pandoc all recognize them.
func styles(opt Options, g geometry, lang language) []style {
	head := fontsEA(opt.HeadingFont, opt.HeadingEastAsiaFont)
	justify := `<w:jc w:val="both"/>`
	// The entries' page numbers are PAGEREF fields left for Word or
	// LibreOffice to compute (a renderer cannot know the pages), so the
	// tab has no leader dots running to an empty place; a regenerated
	// table brings its own.
	tocTab := fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:leader="none" w:pos="%d"/></w:tabs>`, g.TextW)
	ss := []style{
		{Type: "paragraph", ID: "Normal", Name: "Normal", Default: true, QFormat: true,
			PPr: `<w:widowControl/>` + justify},
		{Type: "character", ID: "DefaultParagraphFont", Name: "Default Paragraph Font", Default: true,
			UIPriority: 1, SemiHidden: true},
		{Type: "paragraph", ID: styleTitle, Name: "Title", BasedOn: "Normal", Next: "Normal", UIPriority: 10, QFormat: true,
			PPr: `<w:keepNext/><w:spacing w:before="2880" w:after="360" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>`,
			RPr: head + `<w:b/><w:bCs/><w:kern w:val="28"/><w:sz w:val="56"/><w:szCs w:val="56"/>`},
		{Type: "paragraph", ID: styleSubtitle, Name: "Subtitle", BasedOn: "Normal", Next: "Normal", UIPriority: 11, QFormat: true,
			PPr: `<w:keepNext/><w:spacing w:after="480"/><w:jc w:val="center"/>`,
			RPr: head + `<w:color w:val="404040"/><w:sz w:val="32"/><w:szCs w:val="32"/>`},
		{Type: "paragraph", ID: styleEditor, Name: "Editor", BasedOn: "Normal", Next: styleAuthor, QFormat: true,
			PPr: `<w:keepNext/><w:spacing w:before="720" w:after="480"/><w:jc w:val="center"/>`,
			RPr: `<w:sz w:val="26"/><w:szCs w:val="26"/>`},
		{Type: "paragraph", ID: styleAuthor, Name: "Author", BasedOn: "Normal", Next: styleAuthor, QFormat: true,
			PPr: `<w:keepNext/><w:spacing w:after="80"/><w:jc w:val="center"/>`,
			RPr: `<w:sz w:val="26"/><w:szCs w:val="26"/>`},
		{Type: "paragraph", ID: styleDate, Name: "Date", BasedOn: "Normal", Next: "Normal", QFormat: true,
			PPr: `<w:spacing w:before="1440"/><w:jc w:val="center"/>`,
			RPr: `<w:sz w:val="24"/><w:szCs w:val="24"/>`},
	}
	type hs struct {
		before, after, size int
		italic              bool
		light               bool // not bold
	}
	// Six levels, each distinct: size, then italic, then weight.
	for i, h := range []hs{{0, 480, 36, false, false}, {360, 160, 28, false, false}, {280, 120, 24, false, false}, {240, 80, 22, true, false}, {200, 60, 21, false, false}, {200, 60, 21, true, true}} {
		ppr := `<w:keepNext/><w:keepLines/>`
		if i == 0 {
			ppr += `<w:pageBreakBefore/>` // chapters start a page
		}
		ppr += fmt.Sprintf(`<w:spacing w:before="%d" w:after="%d"/><w:jc w:val="left"/><w:outlineLvl w:val="%d"/>`, h.before, h.after, i)
		rpr := head
		if !h.light {
			rpr += `<w:b/><w:bCs/>`
		}
		if h.italic {
			rpr += italic(lang.CJK)
		}
		rpr += fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, h.size, h.size)
		s := style{Type: "paragraph", ID: fmt.Sprintf("Heading%d", i+1), Name: fmt.Sprintf("heading %d", i+1),
			BasedOn: "Normal", Next: "Normal", UIPriority: 9, QFormat: true, PPr: ppr, RPr: rpr}
		if i >= 3 {
			s.SemiHidden = true
		}
		ss = append(ss, s)
	}
	ss = append(ss, []style{
		{Type: "paragraph", ID: styleQuote, Name: "Quote", BasedOn: "Normal", Next: "Normal", UIPriority: 29, QFormat: true,
			PPr: `<w:spacing w:before="120" w:after="120"/><w:ind w:left="567" w:right="567"/>`,
			RPr: `<w:sz w:val="21"/><w:szCs w:val="21"/>`},
		{Type: "paragraph", ID: stylePullQuote, Name: "Pull Quote", BasedOn: "Normal", Next: "Normal", QFormat: true,
			PPr: `<w:keepLines/><w:pBdr><w:top w:val="single" w:sz="8" w:space="8" w:color="808080"/><w:bottom w:val="single" w:sz="8" w:space="8" w:color="808080"/></w:pBdr>` +
				`<w:spacing w:before="360" w:after="360" w:line="300" w:lineRule="auto"/><w:ind w:left="851" w:right="851"/><w:jc w:val="center"/>`,
			RPr: head + `<w:color w:val="404040"/><w:sz w:val="28"/><w:szCs w:val="28"/>`},
		{Type: "paragraph", ID: styleFigure, Name: "Figure", BasedOn: "Normal", Next: styleCaption, QFormat: true,
			PPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>`},
		{Type: "paragraph", ID: stylePlaceholder, Name: "Figure Placeholder", BasedOn: styleFigure, Next: styleCaption, QFormat: true,
			PPr: `<w:pBdr><w:top w:val="single" w:sz="6" w:space="24" w:color="808080"/><w:left w:val="single" w:sz="6" w:space="4" w:color="808080"/>` +
				`<w:bottom w:val="single" w:sz="6" w:space="24" w:color="808080"/><w:right w:val="single" w:sz="6" w:space="4" w:color="808080"/></w:pBdr>` +
				`<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:spacing w:before="480" w:after="360"/><w:ind w:left="1134" w:right="1134"/>`,
			RPr: head + `<w:color w:val="595959"/><w:sz w:val="20"/><w:szCs w:val="20"/>`},
		{Type: "paragraph", ID: styleCaption, Name: "caption", BasedOn: "Normal", Next: "Normal", UIPriority: 35, QFormat: true,
			PPr: `<w:keepLines/><w:spacing w:before="60" w:after="240"/><w:jc w:val="center"/>`,
			RPr: head + `<w:b/><w:bCs/><w:sz w:val="18"/><w:szCs w:val="18"/>`},
		{Type: "paragraph", ID: styleSource, Name: "Figure Source", BasedOn: styleCaption, Next: "Normal", QFormat: true,
			PPr: `<w:spacing w:before="0" w:after="240"/>`,
			RPr: `<w:b w:val="0"/><w:bCs w:val="0"/>` + italic(lang.CJK) + `<w:sz w:val="17"/><w:szCs w:val="17"/>`},
		{Type: "paragraph", ID: styleListPara, Name: "List Paragraph", BasedOn: "Normal", UIPriority: 34, QFormat: true,
			PPr: `<w:spacing w:after="60"/><w:ind w:left="720"/><w:contextualSpacing/>`},
		{Type: "paragraph", ID: styleSceneBreak, Name: "Scene Break", BasedOn: "Normal", Next: "Normal", QFormat: true,
			PPr: fmt.Sprintf(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="808080"/></w:pBdr><w:spacing w:before="240" w:after="360"/><w:ind w:left="%d" w:right="%d"/>`, g.SceneBreakIndt, g.SceneBreakIndt),
			RPr: `<w:sz w:val="8"/><w:szCs w:val="8"/>`},
		{Type: "paragraph", ID: styleColophon, Name: "Colophon", BasedOn: "Normal", QFormat: true,
			PPr: `<w:spacing w:after="120"/><w:jc w:val="left"/>`,
			RPr: `<w:sz w:val="20"/><w:szCs w:val="20"/>`},
		{Type: "paragraph", ID: styleFootnote, Name: "footnote text", BasedOn: "Normal", UIPriority: 99, SemiHidden: true,
			PPr: `<w:spacing w:after="40" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>`,
			RPr: `<w:sz w:val="18"/><w:szCs w:val="18"/>`},
		{Type: "character", ID: styleNoteRef, Name: "footnote reference", BasedOn: "DefaultParagraphFont", UIPriority: 99, SemiHidden: true,
			RPr: `<w:vertAlign w:val="superscript"/>`},
		{Type: "paragraph", ID: "TOC1", Name: "toc 1", BasedOn: "Normal", Next: "Normal", UIPriority: 39, SemiHidden: true,
			PPr: tocTab + `<w:spacing w:before="120" w:after="40"/><w:jc w:val="left"/>`},
		{Type: "paragraph", ID: "TOC2", Name: "toc 2", BasedOn: "Normal", Next: "Normal", UIPriority: 39, SemiHidden: true,
			PPr: tocTab + `<w:spacing w:after="40"/><w:ind w:left="440"/><w:jc w:val="left"/>`,
			RPr: `<w:sz w:val="20"/><w:szCs w:val="20"/>`},
		{Type: "paragraph", ID: styleTOCHeading, Name: "TOC Heading", BasedOn: "Heading1", Next: "Normal", UIPriority: 39, SemiHidden: true, QFormat: true,
			PPr: `<w:outlineLvl w:val="9"/>`},
		{Type: "character", ID: styleHyperlink, Name: "Hyperlink", BasedOn: "DefaultParagraphFont", UIPriority: 99,
			RPr: `<w:color w:val="0563C1"/><w:u w:val="single"/>`},
		{Type: "character", ID: styleCode, Name: "Verbatim Char", BasedOn: "DefaultParagraphFont",
			RPr: fonts(monoFont) + `<w:sz w:val="20"/><w:szCs w:val="20"/>`},
		{Type: "paragraph", ID: "Footer", Name: "footer", BasedOn: "Normal", UIPriority: 99,
			PPr: `<w:jc w:val="center"/>`,
			RPr: head + `<w:sz w:val="18"/><w:szCs w:val="18"/>`},
	}...)
	ss = append(ss, richStyles()...)
	return ss
}

// stylesXML renders word/styles.xml: the document defaults (fonts, size,
// language) and the styles.
func stylesXML(opt Options, g geometry, lang language) string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:styles xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>`)
	body := attr(opt.BodyFont)
	b.WriteString(`<w:rFonts w:ascii="` + body + `" w:hAnsi="` + body + `"`)
	if opt.EastAsiaFont != "" {
		b.WriteString(` w:eastAsia="` + attr(opt.EastAsiaFont) + `"`)
	}
	b.WriteString(` w:cs="` + body + `"/>`)
	b.WriteString(`<w:sz w:val="22"/><w:szCs w:val="22"/>`)
	if lang.Word != "" {
		b.WriteString(`<w:lang w:val="` + attr(lang.Word) + `"`)
		if lang.EastAsia != "" {
			b.WriteString(` w:eastAsia="` + attr(lang.EastAsia) + `"`)
		}
		b.WriteString(`/>`)
	}
	b.WriteString(`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>`)
	if lang.CJK {
		b.WriteString(`<w:kinsoku/><w:overflowPunct/><w:autoSpaceDE/><w:autoSpaceDN/>`)
	}
	b.WriteString(`<w:spacing w:after="120" w:line="264" w:lineRule="auto"/>`)
	b.WriteString(`</w:pPr></w:pPrDefault></w:docDefaults>`)
	for _, s := range styles(opt, g, lang) {
		fmt.Fprintf(&b, `<w:style w:type="%s"`, s.Type)
		if s.Default {
			b.WriteString(` w:default="1"`)
		}
		fmt.Fprintf(&b, ` w:styleId="%s"><w:name w:val="%s"/>`, s.ID, attr(s.Name))
		if s.BasedOn != "" {
			fmt.Fprintf(&b, `<w:basedOn w:val="%s"/>`, s.BasedOn)
		}
		if s.Next != "" {
			fmt.Fprintf(&b, `<w:next w:val="%s"/>`, s.Next)
		}
		if s.UIPriority > 0 {
			fmt.Fprintf(&b, `<w:uiPriority w:val="%d"/>`, s.UIPriority)
		}
		if s.SemiHidden {
			b.WriteString(`<w:semiHidden/><w:unhideWhenUsed/>`)
		}
		if s.QFormat {
			b.WriteString(`<w:qFormat/>`)
		}
		if s.PPr != "" {
			b.WriteString(`<w:pPr>` + s.PPr + `</w:pPr>`)
		}
		if s.RPr != "" {
			b.WriteString(`<w:rPr>` + s.RPr + `</w:rPr>`)
		}
		b.WriteString(`</w:style>`)
	}
	b.WriteString(`</w:styles>`)
	return b.String()
}

// Chinese line-breaking rules (kinsoku): characters that may not end,
// and may not start, a line. These are Word's defaults for zh-CN.
const (
	zhNoBreakAfter  = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥"
	zhNoBreakBefore = "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠"
)

// settingsXML renders word/settings.xml. With update, the table of
// contents' page numbers are press's (from its own pagination of the
// same page size) and w:updateFields asks Word to recompute them on
// opening, where its pagination differs.
//
// With embed, the fonts embedded in the document are used (and only the
// characters it has were kept).
func settingsXML(lang language, update, embed bool) string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:settings xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:zoom w:percent="100"/>`)
	if embed {
		b.WriteString(`<w:embedTrueTypeFonts/><w:saveSubsetFonts/>`)
	}
	b.WriteString(`<w:defaultTabStop w:val="720"/>`)
	if !lang.CJK {
		b.WriteString(`<w:autoHyphenation/>`)
	}
	if lang.CJK {
		b.WriteString(`<w:characterSpacingControl w:val="compressPunctuation"/>`)
	} else {
		b.WriteString(`<w:characterSpacingControl w:val="doNotCompress"/>`)
	}
	if strings.HasPrefix(lang.Word, "zh") {
		l := attr(lang.Word)
		b.WriteString(`<w:noLineBreaksAfter w:lang="` + l + `" w:val="` + attr(zhNoBreakAfter) + `"/>`)
		b.WriteString(`<w:noLineBreaksBefore w:lang="` + l + `" w:val="` + attr(zhNoBreakBefore) + `"/>`)
	}
	if update {
		b.WriteString(`<w:updateFields w:val="true"/>`)
	}
	b.WriteString(`<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>`)
	b.WriteString(`<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>`)
	if lang.Word != "" {
		b.WriteString(`<w:themeFontLang w:val="` + attr(lang.Word) + `"`)
		if lang.EastAsia != "" {
			b.WriteString(` w:eastAsia="` + attr(lang.EastAsia) + `"`)
		}
		b.WriteString(`/>`)
	}
	dec, list := ".", ","
	switch strings.SplitN(lang.Word, "-", 2)[0] {
	case "ru", "kk", "uk", "be", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "cs", "uz", "ky", "tg", "tk", "el":
		dec, list = ",", ";"
	}
	b.WriteString(`<w:decimalSymbol w:val="` + dec + `"/><w:listSeparator w:val="` + list + `"/>`)
	b.WriteString(`</w:settings>`)
	return b.String()
}

// fontTableXML lists the fonts the styles use.
func fontTableXML(opt Options, embeds []embedded) string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:fonts xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">`)
	seen := map[string]bool{}
	font := func(name, family, charset string) {
		if name == "" || seen[name] {
			return
		}
		seen[name] = true
		b.WriteString(`<w:font w:name="` + attr(name) + `">`)
		if alt := altFonts[name]; alt != "" {
			// What Word on Windows or macOS uses when the font is not
			// installed (nor embedded).
			b.WriteString(`<w:altName w:val="` + attr(alt) + `"/>`)
		}
		if charset != "" {
			b.WriteString(`<w:charset w:val="` + charset + `"/>`)
		}
		b.WriteString(`<w:family w:val="` + family + `"/><w:pitch w:val="` + map[bool]string{true: "fixed", false: "variable"}[family == "modern"] + `"/>`)
		for _, style := range []string{"Regular", "Bold", "Italic", "BoldItalic"} {
			for _, e := range embeds {
				if e.Name == name && e.Style == style {
					b.WriteString(`<w:embed` + style + ` r:id="` + e.relID + `" w:fontKey="` + e.key + `" w:subsetted="1"/>`)
					break
				}
			}
		}
		b.WriteString(`</w:font>`)
	}
	font(opt.BodyFont, "roman", "")
	font(opt.HeadingFont, "swiss", "")
	font(monoFont, "modern", "")
	font(opt.EastAsiaFont, "roman", "86")
	font(opt.HeadingEastAsiaFont, "swiss", "86")
	for _, e := range embeds {
		font(e.Name, "auto", "")
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}

// footerXML is the page footer: the page number, as a PAGE field.
func footerXML() string {
	return xmlHeader + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`</w:p></w:ftr>`
}

// altFonts are the fonts Windows and macOS have for the Noto faces.
var altFonts = map[string]string{
	"Noto Serif CJK SC": "SimSun",
	"Noto Sans CJK SC":  "Microsoft YaHei",
}
