package markdown

import (
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
		{"no front matter", "# A {#a}\n\nText.\n", "t.md:1:1: missing YAML front matter"},
		{"unclosed div", fm + "# A {#a}\n\n::: pullquote\nText.\n", "t.md:8:1: fenced div \"pullquote\" is not closed"},
		{"undefined note", fm + "# A {#a}\n\nText.[^9]\n", "t.md:8:6: footnote reference [^9] has no definition"},
		{"uncited note", fm + "# A {#a}\n\nText.\n\n[^1]: A note.\n", "t.md:10:1: footnote [^1] is defined but never cited"},
		{"duplicate note", fm + "# A {#a}\n\nText.[^1]\n\n[^1]: A.\n\n[^1]: B.\n", "t.md:12:1: footnote [^1] is defined twice (first at line 10)"},
		{"skipped level", fm + "# A {#a}\n\n### C {#c}\n", "heading \"c\" is level 3 after level 1"},
		{"heading without id", fm + "# A\n", "t.md:6:3: heading has no id"},
		{"duplicate id", fm + "# A {#a}\n\n# B {#a}\n", "t.md:8:3: id \"a\" is used twice (first at line 6)"},
		{"invalid utf-8", fm + "# A {#a}\n\nBad \xff byte.\n", "t.md:8:5: invalid UTF-8"},
		{"nul", fm + "# A {#a}\n\nBad \x00 byte.\n", "t.md:8:5: NUL byte in source"},
		{"unknown div", fm + "::: sidebar\nText.\n:::\n", "t.md:6:1: unknown div class \"sidebar\""},
		{"raw html", fm + "<div>x</div>\n", "t.md:6:1: raw HTML blocks are not supported"},
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
