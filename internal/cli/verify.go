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
	fl, root := newFlags("verify", `Usage: press verify [--lang xx] [--format pdf,epub,docx] [-o dist] [--json] [SOURCE.md]

Reads every built file back (PDF text via pdftotext, the EPUB's XHTML in spine
order, the DOCX's document.xml and footnotes.xml) and compares it with the
translated model: units found, missing or altered; footnotes present and each
cited once; headings in order. Exit 1 on any loss; exit 2 when a file is not
built or older than its inputs (the manuscript, the catalogues, figures,
press.toml): run press build first.

Examples:
  press build && press verify
  press verify --lang kk --format epub
  press verify --json
`, stderr)
	only := fl.String("lang", "all", "languages (comma-separated) or all")
	formats := fl.StringP("format", "t", "", "formats (default all)")
	out := fl.StringP("out", "o", "", "the folder the files were built into (default dist)")
	asJSON := fl.Bool("json", false, "print JSON")
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
	reports := []*verify.Report{}
	var problems []string
	say := func(c int, msg string) {
		problems = append(problems, msg)
		if !*asJSON {
			fmt.Fprintln(stderr, "press verify:", msg)
		}
		code = max(code, c)
	}
	for _, ed := range eds {
		l := ed.Profile.Code
		for _, f := range fmts {
			file := filepath.Join(p.cfg.Out, l, p.src.Meta.SourceName+"."+f)
			st, err := os.Stat(file)
			if err != nil {
				say(2, fmt.Sprintf("%s: not built: run press build", file))
				continue
			}
			if newer, _ := build.NewerInput(&p.cfg, l, p.src.Meta.SourceLang, st.ModTime()); newer != "" {
				say(2, fmt.Sprintf("%s is older than its inputs (%s): run press build", file, newer))
				continue
			}
			r, err := verify.File(ed.Doc, l, f, file)
			if err != nil {
				say(1, err.Error())
				continue
			}
			reports = append(reports, r)
			if !*asJSON {
				fmt.Fprintln(stdout, r.Summary())
				for _, d := range r.Details() {
					fmt.Fprintln(stderr, d)
				}
			}
			if !r.OK() {
				code = max(code, 1)
			}
		}
	}
	if *asJSON {
		writeJSON(stdout, "verify", code == 0, map[string]any{"files": reports, "problems": append([]string{}, problems...)})
	}
	return code
}
