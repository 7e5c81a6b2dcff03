// Command gen writes the English edition as Typst markup, for `make
// bench`: go run ./internal/typst/gen OUT.typ [ROOT]
package main

import (
	"fmt"
	"os"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/typst"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gen OUT.typ [ROOT]")
		os.Exit(2)
	}
	c := build.Config{Root: "."}
	if len(os.Args) > 2 {
		c.Root = os.Args[2]
	}
	if err := run(&c, os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(c *build.Config, out string) error {
	if err := c.Resolve(); err != nil {
		return err
	}
	src, _, err := build.Load(c)
	if err != nil {
		return err
	}
	en, err := catalog.Load(c.Locales, "en")
	if err != nil {
		return err
	}
	ed, _, err := build.MakeEdition(src, c, en, "en", fonts.NewSet(c.Fonts))
	if err != nil {
		return err
	}
	return os.WriteFile(out, []byte(typst.Source(ed.Doc)), 0o644)
}
