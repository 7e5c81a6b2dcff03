package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/press/press/internal/doc"
)

const fm = "---\ntitle: T\nlang: en\n---\n\n"

func TestReadErrors(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
	}{
		{"empty", "", "t.md: source is empty"},
		{"unclosed div", fm + "# A {#a}\n\n::: pullquote\nText.\n", "t.md:8:1: fenced div \"pullquote\" is not closed"},
		{"undefined note", fm + "# A {#a}\n\nText.[^9]\n", "t.md:8:6: footnote reference [^9] has no definition"},
		{"uncited note", fm + "# A {#a}\n\nText.\n\n[^1]: A note.\n", "t.md:10:1: footnote [^1] is defined but never cited"},
		{"duplicate note", fm + "# A {#a}\n\nText.[^1]\n\n[^1]: A.\n\n[^1]: B.\n", "t.md:12:1: footnote [^1] is defined twice (first at line 10)"},
		{"duplicate id", fm + "# A {#a}\n\n# B {#a}\n", "t.md:8:3: id \"a\" is used twice (first at line 6)"},
		{"invalid utf-8", fm + "# A {#a}\n\nBad \xff byte.\n", "t.md:8:5: invalid UTF-8"},
		{"nul", fm + "# A {#a}\n\nBad \x00 byte.\n", "t.md:8:5: NUL byte in source"},
		{"unknown div", fm + "::: sidebar\nText.\n:::\n", "t.md:6:1: unknown div class \"sidebar\""},
		{"image outside", fm + "::: {.figure #f src=\"../../etc/passwd\"}\nCap.\n:::\n", "leaves the project folder"},
		{"absolute image", fm + "::: {.figure #f src=\"/etc/passwd\"}\nCap.\n:::\n", "is absolute"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := Read([]byte(c.src), "t.md", Options{Root: t.TempDir()})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v\nwant an error containing %q", err, c.want)
			}
		})
	}
}

func TestReadNormalizes(t *testing.T) {
	for _, c := range []struct{ name, src string }{
		{"bom", "\xef\xbb\xbf" + fm + "# A {#a}\n\nText here.\n"},
		{"crlf", strings.ReplaceAll(fm+"# A {#a}\n\nText here.\n", "\n", "\r\n")},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, _, err := Read([]byte(c.src), "t.md", Options{Root: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.PlainText(d.Blocks[1].(*doc.Paragraph).Content); got != "Text here." {
				t.Errorf("got %q", got)
			}
		})
	}
}

func TestFigureImage(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "source")
	os.MkdirAll(filepath.Join(src, "figures"), 0o755)
	png := []byte("\x89PNG\r\n\x1a\n0000")
	os.WriteFile(filepath.Join(src, "figures", "fig-a.png"), png, 0o644)
	os.WriteFile(filepath.Join(src, "figures", "fake.png"), []byte("not an image"), 0o644)
	os.Symlink("/etc/hostname", filepath.Join(src, "figures", "out.png"))
	cases := []struct{ name, div, want string }{
		{"by convention", `::: {.figure #fig-a}`, ""},
		{"not an image", `::: {.figure #fig-b src="figures/fake.png"}`, "is not a PNG or JPEG image"},
		{"symlink out", `::: {.figure #fig-c src="figures/out.png"}`, "leads out of the project"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(src, "m.md")
			os.WriteFile(p, []byte(fm+c.div+"\nCaption.\n\nSource: Someone\n:::\n"), 0o644)
			d, _, err := ReadFile(p, Options{})
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				f := d.Blocks[0].(*doc.Figure)
				if f.ImageType != "png" || doc.PlainText(f.Credit) != "Someone" {
					t.Errorf("figure: %+v", f)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

func BenchmarkRead(b *testing.B) {
	src, err := os.ReadFile(sourcePath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if _, _, err := Read(src, sourcePath, Options{Root: "../.."}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAnyManuscript reads what real manuscripts hold: no front matter,
// headings without ids, skipped levels, GFM and pandoc extensions, raw
// HTML; each case checks the model and the warnings.
func TestAnyManuscript(t *testing.T) {
	for _, c := range []struct {
		name, src string
		check     func(d *doc.Document) string // "" when right
		warn      string                       // a warning that must be given ("" for none at all)
	}{
		{"title from first heading, auto ids", "Intro text.\n\n## The Start *here*\n\n## The Start here\n\n### 3. Привет мир\n",
			func(d *doc.Document) string {
				hs := doc.Headings(d)
				got := sp(d.Meta.Title.Text, "|", hs[0].ID, "|", hs[1].ID, "|", hs[2].ID)
				return want(got, "The Start here | the-start-here | the-start-here-1 | привет-мир")
			}, ""},
		{"file name when no heading", "Just text.\n", func(d *doc.Document) string { return want(d.Meta.Title.Text, "t") }, ""},
		{"pandoc title block and author keys", "% My Title\n% Ann; Bob\n% July 17, 2006\n\nText.\n",
			func(d *doc.Document) string {
				return want(sp(d.Meta.Title.Text, len(d.Meta.Authors), d.Meta.Year, d.Meta.Month), "My Title 2 2006 7")
			}, ""},
		{"yaml author", "---\ntitle: T\nauthor: [A, B]\nsubtitle: S\n---\nText.\n",
			func(d *doc.Document) string { return want(sp(len(d.Meta.Authors), d.Meta.Subtitle.Text), "2 S") }, ""},
		{"skipped level warns", "# A\n\n### C\n", nil, "t.md:3: heading level 3 follows level 1"},
		{"table", "| a | b |\n|:--|--:|\n| 1 | *2* |\n",
			func(d *doc.Document) string {
				tb := d.Blocks[0].(*doc.Table)
				return want(sp(len(tb.Head), len(tb.Rows), tb.Align, doc.PlainText(tb.Rows[0][1].Content), tb.Rows[0][1].ID), "1 1 [1 3] 2 body.table1.r1c2")
			}, ""},
		{"code, nested list, task", "```go\nx := 1\n\tY\n```\n\n- [x] done\n  - inner\n\n    more\n",
			func(d *doc.Document) string {
				cb := d.Blocks[0].(*doc.CodeBlock)
				l := d.Blocks[1].(*doc.List)
				return want(sp(cb.Lang, "|", cb.Text, "|", l.Items[0].Task, len(l.Items[0].Blocks)), "go | x := 1\n    Y | 2 1")
			}, ""},
		{"strike sub sup dashes", "~~s~~ H~2~O x^2^ a--b a---b a~b c~d\n",
			func(d *doc.Document) string {
				p := d.Blocks[0].(*doc.Paragraph)
				var kinds []string
				for _, in := range p.Content {
					kinds = append(kinds, fmt.Sprintf("%T", in))
				}
				return want(sp(kinds, doc.PlainText(p.Content)), "[*doc.Strike *doc.Text *doc.Sub *doc.Text *doc.Sup *doc.Text] s H2O x2 a–b a—b a~b c~d")
			}, ""},
		{"html comment dropped, br sup kbd understood", "A<!-- secret -->B<br>C<sup>2</sup> <kbd>Ctrl</kbd>\n\n<!-- block comment -->\n",
			func(d *doc.Document) string {
				p := d.Blocks[0].(*doc.Paragraph)
				return want(sp(len(d.Blocks), len(p.Content), doc.PlainText(p.Content)), "1 6 AB C2 Ctrl")
			}, ""},
		{"other html warns, text kept", "<div align=\"center\"><blink>Hi</blink></div>\n",
			func(d *doc.Document) string { return want(doc.PlainText(d.Blocks[0].(*doc.Paragraph).Content), "Hi") }, "t.md:1: raw HTML <blink>"},
		{"inline note and math", "Text.^[A *note*.] And $x^2$.\n",
			func(d *doc.Document) string {
				return want(sp(len(d.Notes), doc.PlainText(d.Notes[0].Content), "|", doc.PlainText(d.Blocks[0].(*doc.Paragraph).Content)), "1 A note. | Text. And $x^2$.")
			}, "math expression(s)"},
		{"links", "# Top\n\n[in](#top) [out](https://x.org) [file](docs/a.md) [gone](#nowhere) <a@b.org>\n",
			func(d *doc.Document) string {
				var urls []string
				doc.WalkInlines(d.Blocks[1].(*doc.Paragraph).Content, func(in doc.Inline) {
					if l, ok := in.(*doc.Link); ok {
						urls = append(urls, l.URL)
					}
				})
				return want(sp(urls), "[#top https://x.org mailto:a@b.org]")
			}, "t.md:3: link to \"docs/a.md\""},
		{"remote image", "![alt text](https://x.org/a.png)\n",
			func(d *doc.Document) string {
				img, ok := doc.ImageBlock(d.Blocks[0].(*doc.Paragraph))
				return want(sp(ok, img.URL, doc.PlainText(img.Content), img.Data == nil), "true https://x.org/a.png alt text true")
			}, "remote image https://x.org/a.png is not fetched"},
		{"reference links and definition list", "[a][r]\n\n[r]: https://r.org\n\nTerm\n:   Def one\n\n    Def para\n",
			func(d *doc.Document) string {
				dl := d.Blocks[1].(*doc.DefinitionList)
				return want(sp(len(dl.Items), doc.PlainText(dl.Items[0].Term), len(dl.Items[0].Defs[0])), "1 Term 2")
			}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, warns, err := Read([]byte(c.src), "t.md", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if c.check != nil {
				if msg := c.check(d); msg != "" {
					t.Error(msg)
				}
			}
			all := strings.Join(warns, "\n")
			if c.warn == "" && len(warns) > 0 {
				t.Errorf("unexpected warnings:\n%s", all)
			}
			if c.warn != "" && !strings.Contains(all, c.warn) {
				t.Errorf("warnings lack %q:\n%s", c.warn, all)
			}
		})
	}
}

func want(got, want string) string {
	if got != want {
		return fmt.Sprintf("got %q, want %q", got, want)
	}
	return ""
}

func sp(args ...any) string { return strings.TrimSuffix(fmt.Sprintln(args...), "\n") }

// TestUnnumbered: press.toml's [headings] numbered = false numbers no
// heading; by default chapters and sections are numbered.
func TestUnnumbered(t *testing.T) {
	src := []byte("# A\n\n## B\n")
	for _, off := range []bool{false, true} {
		d, _, err := Read(src, "t.md", Options{Unnumbered: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range doc.Headings(d) {
			if h.Numbered == off || (len(h.Number) > 0) == off {
				t.Errorf("unnumbered=%v: heading %s numbered=%v number=%v", off, h.ID, h.Numbered, h.Number)
			}
		}
	}
}
