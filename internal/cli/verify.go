package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/verify"
)

func init() {
	register(command{"verify", "read built files back and prove nothing was lost", runVerify})
}

func runVerify(args []string, stdout, stderr io.Writer) int {
	fl, root := newFlags("verify", `Usage: press verify [--lang xx] [--format pdf,epub,docx] [-o dist] [SOURCE.md]

Reads every built file back (PDF text via pdftotext, the EPUB's XHTML in spine
order, the DOCX's document.xml and footnotes.xml) and compares it with the
translated model: units found, missing or altered; footnotes present and each
cited once; headings in order. Exit 1 on any loss.

Examples:
  press build && press verify
  press verify --lang kk --format epub
`, stderr)
	only := fl.String("lang", "all", "languages (comma-separated) or all")
	formats := fl.String("format", "", "formats (default all)")
	out := fl.StringP("out", "o", "", "the folder the files were built into (default dist)")
	p, code := open(fl, args, root, stderr)
	if p == nil {
		return code
	}
	if *out != "" {
		p.cfg.Out = *out
	}
	fmts := build.FormatNames()
	if *formats != "" {
		fmts = strings.Split(*formats, ",")
	}
	eds, err := p.editions(*only)
	if err != nil {
		return p.fail(err)
	}
	code = 0
	for _, ed := range eds {
		l := ed.Profile.Code
		for _, f := range fmts {
			file := filepath.Join(p.cfg.Out, l, p.src.Meta.SourceName+"."+f)
			if _, err := os.Stat(file); err != nil {
				fmt.Fprintf(stderr, "press verify: %s: not built (run press build)\n", file)
				code = 1
				continue
			}
			r, err := verify.File(ed.Doc, l, f, file)
			if err != nil {
				fmt.Fprintln(stderr, "press verify:", err)
				code = 1
				continue
			}
			fmt.Fprintln(stdout, r.Summary())
			for _, d := range r.Details() {
				fmt.Fprintln(stderr, d)
			}
			if !r.OK() {
				code = 1
			}
		}
	}
	return code
}
