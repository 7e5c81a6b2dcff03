package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/press/press/internal/bilingual"
	"github.com/press/press/internal/build"
	"github.com/press/press/internal/proof"
)

func init() {
	register(command{"proof", "a bilingual PDF proof for reviewers: source and translation unit by unit", runProof})
}

func runProof(args []string, stdout, stderr io.Writer) int {
	fl, root := newFlags("proof", `Usage: press proof --lang xx [-o FILE] [SOURCE.md]

Writes dist/<lang>/<name>.proof.pdf: every unit with the source on the left
and the translation on the right, the unit id, its state (stale, draft and
missing stand out) and catalogue line in the margin, lint problems under
it, footnotes after the unit that cites them; a contents and bookmarks.
Reviewers annotate it and send corrections back by unit id.

Examples:
  press proof --lang kk
  press proof --lang zh,ru
  press proof --lang kk -o kk-review.pdf
`, stderr)
	langs := fl.String("lang", "", "languages (comma-separated)")
	out := fl.StringP("out", "o", "", "the PDF to write (one language only; default dist/<lang>/<name>.proof.pdf)")
	if fl.Parse(args) != nil {
		return 2
	}
	if *langs == "" {
		fmt.Fprintln(stderr, "press proof: --lang is required (e.g. --lang kk)")
		return 2
	}
	codes := strings.Split(*langs, ",")
	if *out != "" && len(codes) != 1 {
		fmt.Fprintln(stderr, "press proof: -o names one file: give one language")
		return 2
	}
	c := build.Config{Root: *root}
	if fl.NArg() == 1 {
		c.Source = fl.Arg(0)
	}
	if err := configure(&c, fl); err != nil {
		fmt.Fprintln(stderr, "press proof:", err)
		return 1
	}
	if err := c.Resolve(); err != nil {
		fmt.Fprintln(stderr, "press proof:", err)
		return 1
	}
	in, err := bilingual.Prepare(c)
	if err != nil {
		fmt.Fprintln(stderr, "press proof:", err)
		return 1
	}
	for _, code := range codes {
		if code == in.Doc.Meta.SourceLang {
			fmt.Fprintf(stderr, "press proof: %s is the source language: pick a translation\n", code)
			return 2
		}
		v, err := in.Load(code)
		if err != nil {
			fmt.Fprintln(stderr, "press proof:", err)
			return 1
		}
		data, err := proof.Render(v)
		if err != nil {
			fmt.Fprintf(stderr, "press proof: %s: %v\n", code, err)
			return 1
		}
		path := *out
		if path == "" {
			path = filepath.Join(c.Out, code, in.Doc.Meta.SourceName+".proof.pdf")
		}
		if err := build.WriteAtomic(path, data); err != nil {
			fmt.Fprintln(stderr, "press proof:", err)
			return 1
		}
		fmt.Fprintf(stdout, "proof  %-5s %s  %d bytes  %d units (%d stale, %d draft, %d missing)\n", code, path, len(data), v.Stats.Units, v.Stats.Stale, v.Stats.Draft, v.Stats.Missing)
	}
	return 0
}
