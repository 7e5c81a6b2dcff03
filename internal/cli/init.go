package cli

import (
	"fmt"
	"io"

	"github.com/press/press/internal/skeleton"
)

func init() {
	register(command{"init", "lay out a new project: source/, locales/en, press.toml, fonts/", runInit})
}

func runInit(args []string, stdout, stderr io.Writer) int {
	fl, _ := newFlags("init", `Usage: press init [--fonts DIR] NAME

Creates the folder NAME with a sample manuscript (source/NAME.md), the
English edition strings (locales/en/edition.toml), press.toml and a copy of
the fonts, ready for press build.

Examples:
  press init my-report && cd my-report && press extract && press build
  press init --fonts /usr/local/share/press/fonts my-report
`, stderr)
	fonts := fl.String("fonts", "fonts", "the fonts folder to copy")
	if fl.Parse(args) != nil {
		return 2
	}
	if fl.NArg() != 1 {
		fmt.Fprintln(stderr, "press init: name the project folder")
		return 2
	}
	if err := skeleton.Create(fl.Arg(0), *fonts); err != nil {
		fmt.Fprintln(stderr, "press init:", err)
		return 1
	}
	fmt.Fprintf(stdout, "created %s: next, cd %s && press extract && press build\n", fl.Arg(0), fl.Arg(0))
	return 0
}
