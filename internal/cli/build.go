package cli

import (
	"fmt"
	"github.com/press/press/internal/layout"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/press/press/internal/build"
)

func init() {
	register(command{"build", "build editions into dist/", runBuild})
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fl, root := newFlags("build", `Usage: press build [flags] [SOURCE.md]

Builds dist/<lang>/<name>.{pdf,epub,docx} for each language and format, and
dist/<lang>/<name>.layout.json beside each PDF; -t html makes the web
edition, dist/<lang>/<name>/index.html with its stylesheet and fonts. Settings come from press.toml
when present; flags override it. Files whose inputs did not change are kept
(dist/.cache). Exit 0 only if every requested file was written.

Like pandoc's -o: when the build makes one file, -o NAME.pdf (or .epub,
.docx) is that file, and its extension picks the format when -t is not
given; when it makes several, -o is a folder. A lone Markdown file outside
any project builds as an English edition with the built-in fonts.

Examples:
  press build                          every language, every format
  press build --lang ru -t pdf         the Russian PDF
  press build source/book.md --lang ru -o book.pdf   that one file
  press build notes.md -o notes.pdf    a lone Markdown file, anywhere
  press build --lang en-XA             the pseudo-locale, to test layout
  press build --size a5 --two-sided    an A5 book with mirrored margins
  press build --toc-depth 1            contents with the chapters only
  press build --strict --json          for CI: warnings fail, JSON out
`, stderr)
	var c build.Config
	langs := fl.String("lang", "all", "languages to build: all, or a comma-separated list (en,ru,kk,zh,en-XA)")
	formats := fl.StringP("format", "t", "", "formats: pdf,epub,docx (default these three; or the extension of -o NAME.pdf), html (the web edition, on request)")
	fl.StringVarP(&c.Out, "out", "o", "", "output folder (default dist), or the file when the build makes one: NAME.pdf, NAME.epub, NAME.docx")
	fl.StringVar(&c.Size, "size", "", "PDF trim size: a4, a5, 6x9, letter, 5x8, or WxH in in or mm (default: the profile's: A4 for screen and offset, 6x9 for kdp, ingram, lulu)")
	fl.BoolVar(&c.TwoSided, "two-sided", false, "mirrored margins, chapters on recto pages")
	fl.IntVar(&c.TOCDepth, "toc-depth", 2, "deepest heading level in the contents of every format (1: chapters only)")
	fl.StringVar(&c.Profile, "profile", "screen", "PDF printer profile: screen, kdp, kdp-bleed, ingram, ingram-bleed, lulu, offset (see press preflight --profiles)")
	fl.BoolVar(&c.Strict, "strict", false, "fail on what a translator can fix (units untranslated or stale, no catalogue), naming it; a figure without an image is a notice")
	fl.BoolVar(&c.NoCache, "no-cache", false, "rebuild every file, ignoring dist/.cache")
	quiet := fl.Bool("quiet", false, "print errors only")
	asJSON := fl.Bool("json", false, "print the results as JSON (for CI; see the README's JSON output)")
	if fl.Parse(args) != nil {
		return 2
	}
	c.Root = *root
	if fl.NArg() > 1 {
		fmt.Fprintf(stderr, "press build: one SOURCE.md at a time (got %s)\n", strings.Join(fl.Args(), " "))
		return 2
	}
	if fl.NArg() == 1 {
		c.Source = fl.Arg(0)
	}
	if c.TOCDepth < 1 || c.TOCDepth > 6 {
		fmt.Fprintf(stderr, "press build: --toc-depth %d: want 1 to 6\n", c.TOCDepth)
		return 2
	}
	if *langs != "all" && *langs != "" {
		c.Langs = strings.Split(*langs, ",")
	}
	if *formats != "" {
		c.Formats = strings.Split(*formats, ",")
	}
	if err := configure(&c, fl); err != nil {
		fmt.Fprintln(stderr, "press build:", err)
		return 1
	}
	file, err := outputFile(&c, fl.Changed("format"))
	if err != nil {
		fmt.Fprintln(stderr, "press build:", err)
		return 2
	}
	tty := isTerminal(stdout) && !*quiet && !*asJSON
	paint := colours(stdout)
	start := time.Now()
	if tty {
		c.Progress = func(r build.Result) {
			state := paint("32", "✓ built ")
			if r.Cached {
				state = paint("2", "· cached")
			}
			fmt.Fprintf(stdout, "%s %-5s %-4s %s\n", state, r.Lang, r.Format, detail(r))
		}
	}
	out, err := file.run(c)
	if err != nil {
		fmt.Fprintln(stderr, paint("31", "press build:"), err)
		if *asJSON {
			writeJSON(stdout, "build", false, map[string]any{"error": err.Error()})
		}
		return 1
	}
	if *asJSON {
		writeJSON(stdout, "build", true, map[string]any{"results": out.Results, "warnings": classify(out.Warnings), "layouts": out.Layouts})
		return 0
	}
	if *quiet {
		return 0 // errors only; --strict makes warnings errors
	}
	for _, w := range out.Warnings {
		fmt.Fprintln(stderr, paint("33", "warning:"), w)
	}
	if !tty {
		for _, r := range out.Results {
			state := "built "
			if r.Cached {
				state = "cached"
			}
			fmt.Fprintf(stdout, "%s %-5s %-4s %s\n", state, r.Lang, r.Format, detail(r))
		}
	}
	if tty {
		summaryTable(stdout, out.Results)
	}
	for _, l := range out.Layouts {
		r := l.Report
		fmt.Fprintf(stdout, "layout %-5s %d pages, %d lines: %d overfull, %d loose, %d hyphenated (%.1f %%), worst stretch %.2f, %d runs of 3+ hyphens, %d widows, %d orphans, %d headings at a page foot, %d notes off their page\n",
			l.Lang, r.Pages, r.Lines, len(r.Overfull), len(r.Loose), r.Hyphenated, r.HyphenatedShare*100, worst(r), len(r.HyphenRuns), len(r.Widows), len(r.Orphans), len(r.HeadingsAtFoot), len(r.NotesAway))
	}
	built := 0
	for _, r := range out.Results {
		if !r.Cached {
			built++
		}
	}
	fmt.Fprintf(stdout, "%d files (%d built, %d up to date), %d warnings, %.0f ms\n", len(out.Results), built, len(out.Results)-built, len(out.Warnings), float64(time.Since(start).Microseconds())/1000)
	return 0
}

// summaryTable prints, after the live lines, one row a language and a
// column a format: pages, size and time, or "up to date".
func summaryTable(w io.Writer, results []build.Result) {
	var langs, formats []string
	cell := map[[2]string]build.Result{}
	for _, r := range results {
		if !slices.Contains(langs, r.Lang) {
			langs = append(langs, r.Lang)
		}
		if !slices.Contains(formats, r.Format) {
			formats = append(formats, r.Format)
		}
		cell[[2]string{r.Lang, r.Format}] = r
	}
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	fmt.Fprintln(tw, "\t"+strings.Join(formats, "\t"))
	for _, l := range langs {
		row := []string{l}
		for _, f := range formats {
			r, ok := cell[[2]string{l, f}]
			ms := float64(r.Elapsed.Microseconds()) / 1000
			switch {
			case !ok:
				row = append(row, "")
			case r.Cached:
				row = append(row, fmt.Sprintf("up to date, %d KB", (r.Bytes+512)/1024))
			case r.Pages > 0:
				row = append(row, fmt.Sprintf("%d pages, %d KB, %.0f ms", r.Pages, (r.Bytes+512)/1024, ms))
			default:
				row = append(row, fmt.Sprintf("%d KB, %.0f ms", (r.Bytes+512)/1024, ms))
			}
		}
		for row[len(row)-1] == "" {
			row = row[:len(row)-1] // no padding after the last file
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	tw.Flush()
}

func detail(r build.Result) string {
	s := fmt.Sprintf("%-44s %8d bytes", r.Path, r.Bytes)
	if r.Pages > 0 {
		s += fmt.Sprintf(" %3d pages", r.Pages)
	}
	if !r.Cached {
		s += fmt.Sprintf(" %5.0f ms", float64(r.Elapsed.Microseconds())/1000)
	}
	return s
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// colours gives a function that paints text with an ANSI colour, only on
// a terminal and never with NO_COLOR set (https://no-color.org).
func colours(w io.Writer) func(code, s string) string {
	if !isTerminal(w) || os.Getenv("NO_COLOR") != "" {
		return func(_, s string) string { return s }
	}
	return func(code, s string) string { return "\x1b[" + code + "m" + s + "\x1b[0m" }
}

// worst is the largest adjustment ratio of a justified line's spaces.
func worst(r layout.Report) float64 {
	if r.WorstStretch == nil {
		return 0
	}
	return r.WorstStretch.Ratio
}
