package cli

import (
	"fmt"
	"io"

	"github.com/press/press/internal/skeleton"
)

func init() {
	register(command{"init", "lay out a new project: source/, locales/en, press.toml", runInit})
}

func runInit(args []string, stdout, stderr io.Writer) int {
	fl, _ := newFlags("init", `Usage: press init [--fonts DIR] NAME

Creates the folder NAME with a sample manuscript (source/NAME.md), the
English edition strings (locales/en/edition.toml) and press.toml, ready
for press build. The fonts are built into press; --fonts DIR copies a
folder of TrueType faces into the project's fonts/, which then override
the built-in ones file by file.

Examples:
  press init my-report && cd my-report && press build
  press init --fonts ~/my-fonts my-report
`, stderr)
	fonts := fl.String("fonts", "", "a fonts folder to copy into the project (default: none, the built-in fonts)")
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
	fmt.Fprintf(stdout, "created %s: next, cd %s && press build\n", fl.Arg(0), fl.Arg(0))
	return 0
}
