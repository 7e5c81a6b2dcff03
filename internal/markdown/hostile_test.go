package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Fixes of issue 8 (hostile inputs): every refusal names the line.
func TestHostileSourceErrors(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"control character", fm + "# A {#a}\n\nA bell \a here.\n", "t.md:8:8: control character U+0007 in source: remove it"},
		{"C1 control character", fm + "# A {#a}\n\nA \u0085 here.\n", "t.md:8:3: control character U+0085 in source: remove it"},
		{"yaml type error on one line", "---\ntitle: T\nauthors: 7\n---\n# A {#a}\n", "t.md:3:1: front matter: authors: expected a name or a list of names"},
		{"yaml parser error: 0-based line", "---\ntitle: T\nauthors: [a, b\nlang: en\n---\n# A {#a}\n", "t.md:3:1: front matter: did not find expected ',' or ']'"},
		{"yaml scanner error", "---\ntitle: T\nlang: \"en\n---\n# A {#a}\n", "t.md:3:1: front matter: found unexpected end of stream"},
		{"nested div", fm + "::: pullquote\nA.\n\n::: {.figure #fig-a}\nCap.\n:::\n", `t.md:9:1: fenced div "figure" opens inside the "pullquote" div of line 6: divs do not nest (is its closing ":::" missing?)`},
		{"too big", fm + strings.Repeat("x", MaxSourceSize), "t.md: source is 4194331 bytes; the limit is 4194304 (4 MiB): split the manuscript"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := Read([]byte(c.src), "t.md", Options{Root: t.TempDir()})
			if err == nil || !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %v\nwant an error beginning %q, on one line", err, c.want)
			}
		})
	}
}

// ReadFile refuses a manuscript too big without reading it, and what is
// not a regular file (a device or a pipe would never end).
func TestReadFileBounds(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.md")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(50 << 20) // sparse: nothing is written
	f.Close()
	if _, _, err := ReadFile(p, Options{}); err == nil || !strings.Contains(err.Error(), "source is 52428800 bytes; the limit is 4194304") {
		t.Errorf("50 MB: %v", err)
	}
	if _, _, err := ReadFile("/dev/zero", Options{}); err == nil || err.Error() != "/dev/zero: source is not a regular file" {
		t.Errorf("/dev/zero: %v", err)
	}
}

// A note cited twice cannot be translated (a unit keeps each {n:…} once)
// nor printed (each note once): found by FuzzRead (seed c0252097f78ad8fa).
func TestNoteCitedTwice(t *testing.T) {
	for src, want := range map[string]string{
		fm + "# A {#a}\n\nOne[^1] two[^1].\n\n[^1]: N.\n":              "t.md:8:12: footnote [^1] is cited twice (first at line 8): cite a note once",
		fm + "# A {#a}\n\nOne[^1].\n\nTwo, *three[^1]*.\n\n[^1]: N.\n": "t.md:10:12: footnote [^1] is cited twice (first at line 8): cite a note once",
	} {
		if _, _, err := Read([]byte(src), "t.md", Options{Root: t.TempDir()}); err == nil || err.Error() != want {
			t.Errorf("got %v\nwant %s", err, want)
		}
	}
}
