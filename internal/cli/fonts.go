package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/lang"
)

func init() {
	register(command{"fonts", "the fonts each edition uses and how they cover its text", runFonts})
}

func runFonts(args []string, stdout, stderr io.Writer) int {
	fl, root := newFlags("fonts", `Usage: press fonts [--lang xx] [SOURCE.md]

Lists, per edition, the font files it embeds and whether they have a glyph
for every character of its text and labels. Exit 1 if a character is missing.

Example:
  press fonts --lang kk
`, stderr)
	only := fl.String("lang", "all", "languages (comma-separated) or all")
	p, code := open(fl, args, root, stderr)
	if p == nil {
		return code
	}
	eds, err := p.editions(*only)
	if err != nil {
		return p.fail(err)
	}
	code = 0
	for _, ed := range eds {
		l, fs := ed.Profile.Code, ed.Fonts
		han := ed.Profile.Script == lang.Han
		fmt.Fprintf(stdout, "%s (%s)\n", l, ed.Profile.Name)
		for _, r := range fonts.Roles(han) {
			f, err := fs.Get(r)
			if err != nil {
				return p.fail(err)
			}
			fmt.Fprintf(stdout, "  %-28s %s\n", f.Name, fs.File(r))
		}
		runes := build.EditionRunes(ed.Doc)
		sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
		body, _ := fs.Get(fonts.Body)
		var cjk *fonts.Face
		if han {
			cjk, _ = fs.Get(fonts.CJKBody)
		}
		var missing []string
		for _, r := range runes {
			if r == '\n' || r == ' ' || r == '\u00ad' {
				continue
			}
			if !body.Has(r) && (cjk == nil || !cjk.Has(r)) {
				missing = append(missing, fmt.Sprintf("%q %U", r, r))
			}
		}
		if len(missing) == 0 {
			fmt.Fprintf(stdout, "  %d characters, all covered\n", len(runes))
		} else {
			fmt.Fprintf(stdout, "  %d characters, %d missing: %s\n", len(runes), len(missing), strings.Join(missing, ", "))
			code = 1
		}
	}
	return code
}
