package docx

import (
	"strings"
	"testing"

	"github.com/press/press/internal/markdown"
)

const richSource = "# Start\n\nSee [the section](#data) and ~~old~~ H~2~O x^2^.\n\n## Data\n\n| Name | Amount |\n|:--|--:|\n| a *b* | 12 |\n\n```go\nfunc main() {}\n```\n\n- [x] done\n  - inner\n\n    more\n\nTerm\n:   Definition\n\n![logo](https://example.org/logo.png)\n\nSee the [figure](#fig-a).\n\n::: {.figure #fig-a}\nA caption.\n:::\n"

// TestRichNodes: each new node in its DOCX form.
func TestRichNodes(t *testing.T) {
	d, _, err := markdown.Read([]byte(richSource), "t.md", markdown.Options{})
	if err != nil {
		t.Fatal(err)
	}
	englishLabels(d)
	data, err := Render(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := unzip(t, data)
	x := string(files["word/document.xml"])
	for _, want := range []string{
		`<w:hyperlink w:anchor="_Toc2"`,
		`<w:strike/>`, `<w:vertAlign w:val="subscript"/>`, `<w:vertAlign w:val="superscript"/>`,
		`<w:tbl>`, `<w:tblHeader/>`, `<w:jc w:val="right"/>`,
		`<w:pStyle w:val="SourceCode"/>`, `func main() {}`,
		`☒ `, `<w:pStyle w:val="DefinitionTerm"/>`, `<w:pStyle w:val="Definition"/>`,
		`(https://example.org/logo.png)`,
		`<w:hyperlink w:anchor="_Fig`,
	} {
		if !strings.Contains(x, want) {
			t.Errorf("DOCX lacks %s", want)
		}
	}
	if n := strings.Count(string(files["word/numbering.xml"]), "<w:abstractNum "); n < 3 {
		t.Errorf("%d abstract numberings; a nested list needs its own level", n)
	}
}
