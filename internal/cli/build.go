package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/press/press/internal/build"
)

func init() {
	register(command{"build", "build editions into dist/", runBuild})
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var c build.Config
	langs := fl.String("lang", "all", "languages to build: all, or a comma-separated list (en,ru,kk,zh,en-XA)")
	formats := fl.String("format", "", "formats: pdf,epub,docx (default all)")
	fl.StringVar(formats, "t", "", "short for --format")
	fl.StringVar(&c.Out, "out", "", "output folder (default dist)")
	fl.StringVar(&c.Out, "o", "", "short for --out")
	fl.StringVar(&c.Root, "root", ".", "project folder")
	fl.StringVar(&c.Size, "size", "a4", "PDF page size: a4, a5, 6x9")
	fl.BoolVar(&c.TwoSided, "two-sided", false, "mirrored margins, chapters on recto pages")
	fl.StringVar(&c.Profile, "profile", "screen", "PDF printer profile: screen, kdp, ingram, lulu, offset")
	fl.BoolVar(&c.Strict, "strict", false, "fail on warnings (untranslated or stale units, missing images)")
	quiet := fl.Bool("quiet", false, "print errors only")
	fl.Usage = func() {
		fmt.Fprint(stderr, `Usage: press build [flags] [SOURCE.md]

Builds dist/<lang>/<name>.{pdf,epub,docx} for each language and format.

Examples:
  press build                          every language, every format
  press build --lang ru -t pdf         the Russian PDF
  press build --lang en-XA             the pseudo-locale, to test layout
  press build --size a5 --two-sided    an A5 book with mirrored margins

Flags:
`)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 1 {
		fmt.Fprintln(stderr, "press build: at most one SOURCE.md")
		return 2
	}
	if fl.NArg() == 1 {
		c.Source = fl.Arg(0)
	}
	if *langs != "all" && *langs != "" {
		c.Langs = strings.Split(*langs, ",")
	}
	if *formats != "" {
		c.Formats = strings.Split(*formats, ",")
	}
	out, err := build.Run(c)
	if err != nil {
		fmt.Fprintln(stderr, "press build:", err)
		return 1
	}
	for _, w := range out.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if !*quiet {
		for _, r := range out.Results {
			pages := ""
			if r.Pages > 0 {
				pages = fmt.Sprintf("%3d pages", r.Pages)
			}
			fmt.Fprintf(stdout, "%-6s %-5s %-44s %9d bytes %s %6.0f ms\n", r.Lang, r.Format, r.Path, r.Bytes, pages, float64(r.Elapsed.Microseconds())/1000)
		}
		for _, l := range out.Layouts {
			r := l.Report
			fmt.Fprintf(stdout, "%-6s layout: %d pages, %d lines, %d overfull, %d loose, %d hyphenated, %d runs of 3+ hyphens, %d widows, %d orphans, %d headings at page foot, %d notes off their page (%s)\n",
				l.Lang, r.Pages, r.Lines, len(r.Overfull), len(r.Loose), r.Hyphenated, len(r.HyphenRuns), len(r.Widows), len(r.Orphans), len(r.HeadingsAtFoot), len(r.NotesAway), l.Path)
		}
		fmt.Fprintf(stdout, "%d files, %d warnings\n", len(out.Results), len(out.Warnings))
	}
	return 0
}
