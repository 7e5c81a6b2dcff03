package epub

import (
	"strings"
	"testing"

	"github.com/press/press/internal/markdown"
)

// richSource holds one of each node the reader makes from real
// manuscripts.
const richSource = "# Start\n\nSee [the table](#data) and ~~old~~ H~2~O x^2^.\n\n## Data\n\n| Name | Amount |\n|:--|--:|\n| a *b* | 12 |\n\n```go\nfunc main() {}\n```\n\n- [x] done\n  - inner\n\n    more\n\nTerm\n:   Definition\n\n![logo](https://example.org/logo.png)\n\nSee the [figure](#fig-a).\n\n::: {.figure #fig-a}\nA caption.\n:::\n"

// TestRichNodes: each new node in its EPUB form.
func TestRichNodes(t *testing.T) {
	d, _, err := markdown.Read([]byte(richSource), "t.md", markdown.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Labels = englishLabels()
	d.Meta.Lang, d.Meta.Modified = "en", "2019-02-01T00:00:00Z"
	data, err := Render(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := unzip(t, data)
	var all strings.Builder
	for name, x := range files {
		if strings.HasSuffix(name, ".xhtml") {
			all.WriteString(x)
		}
	}
	x := all.String()
	for _, want := range []string{
		`<a href="#data">the table</a>`,
		`<del>old</del>`, `H<sub>2</sub>O`, `x<sup>2</sup>`,
		`<th scope="col" class="left">Name</th>`, `<td class="right">12</td>`, `<td class="left">a <em>b</em></td>`,
		`<pre class="code"><code class="language-go">func main() {}</code></pre>`,
		`<span class="task">☒</span>`, `<ul>`, `<p>more</p>`,
		`<dl>`, `<dt>Term</dt>`,
		`<span class="image-missing">logo (https://example.org/logo.png)</span>`,
		`<a href="#fig-a">figure</a>`,
	} {
		if !strings.Contains(x, want) {
			t.Errorf("EPUB lacks %s", want)
		}
	}
}
