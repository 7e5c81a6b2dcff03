package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/press/press/internal/layout"
	"github.com/press/press/internal/preflight"
)

func init() {
	register(command{"preflight", "check a PDF against a printer profile (boxes, bleed, marks, fonts, links, images)", runPreflight})
}

func runPreflight(args []string, stdout, stderr io.Writer) int {
	fl, _ := newFlags("preflight", `Usage: press preflight [flags] FILE.pdf...

Reads each PDF back (with pdfcpu) and checks it against a printer profile:
page size and trim, bleed, TrimBox/BleedBox, crop marks, the safe margin,
the page count, embedded fonts, annotations, bookmarks, image resolution
at the placed size, colour. One line per check; exit 1 if any check
failed (warnings do not fail).

Examples:
  press preflight dist/en/china-image-kazakhstan.pdf
  press build --lang en -t pdf --profile kdp --size 6x9 -o out && press preflight --profile kdp out/en/*.pdf
  press preflight --profile offset --json out/*/*.pdf
  press preflight --profiles

`, stderr)
	fl.MarkHidden("root") // it reads the files named
	var o preflight.Options
	fl.StringVar(&o.Profile, "profile", "screen", "printer profile: "+strings.Join(layout.ProfileNames(), ", "))
	fl.StringVar(&o.Size, "size", "", "the trim the file must have (a4, a5, 6x9, … or WxH); default: any the printer takes")
	asJSON := fl.Bool("json", false, "print the reports as JSON (for CI)")
	quiet := fl.Bool("quiet", false, "print failed checks and the summary only")
	list := fl.Bool("profiles", false, "list the printer profiles and exit")
	if fl.Parse(args) != nil {
		return 2
	}
	files := fl.Args()
	if *list {
		printProfiles(stdout)
		return 0
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "press preflight: name at least one PDF (see --help)")
		return 2
	}
	if _, err := layout.ProfileByName(o.Profile); err != nil {
		fmt.Fprintln(stderr, "press preflight:", err)
		return 2
	}
	paint := colours(stdout)
	var reports []*preflight.Report
	failed := 0
	for _, f := range files {
		check := preflight.File
		if preflight.IsCover(f) {
			check = preflight.CoverFile // the sheet of a paperback's cover
		}
		r, err := check(f, o)
		if err != nil {
			fmt.Fprintln(stderr, paint("31", "press preflight:"), err)
			return 1
		}
		reports = append(reports, r)
		if !r.OK {
			failed++
		}
	}
	if *asJSON {
		writeJSON(stdout, "preflight", failed == 0, map[string]any{"profile": o.Profile, "files": len(reports), "failed": failed, "reports": reports})
	} else {
		status := map[preflight.Status]string{preflight.Pass: paint("32", "pass"), preflight.Warn: paint("33", "warn"), preflight.Fail: paint("31", "FAIL")}
		for _, r := range reports {
			if !*quiet {
				fmt.Fprintf(stdout, "%s: profile %s, %d pages\n", r.File, r.Profile, r.Pages)
			}
			for _, c := range r.Checks {
				if *quiet && c.Status != preflight.Fail {
					continue
				}
				if *quiet {
					fmt.Fprintf(stdout, "%s: ", r.File)
				}
				fmt.Fprintf(stdout, "  %s  %-12s %s\n", status[c.Status], c.Name, c.Detail)
			}
		}
		fmt.Fprintf(stdout, "preflight %s: %d files, %d failed\n", o.Profile, len(reports), failed)
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// printProfiles prints the profile table.
func printProfiles(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "profile\ttrim\tbleed\tmarks\tlinks\tbookmarks\tsafe margin\tinside margin by pages\tpages\tsummary")
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	for _, p := range layout.Profiles {
		bleed := "none"
		if p.Bleed > 0 {
			side := "top, bottom, outside"
			if p.GutterBleed {
				side = "all edges"
			}
			bleed = fmt.Sprintf("%.3g mm (%s)", p.Bleed/layout.MM, side)
		}
		var gutter []string
		for _, g := range p.Gutter {
			upTo := "more"
			if g.MaxPages > 0 {
				upTo = fmt.Sprintf("≤%d", g.MaxPages)
			}
			gutter = append(gutter, fmt.Sprintf("%s: %.3g in", upTo, g.Inner/layout.Inch))
		}
		if len(gutter) == 0 {
			gutter = []string{"the page size's own"}
		}
		pages := "any"
		if p.PageMultiple > 1 {
			pages = fmt.Sprintf("×%d", p.PageMultiple)
		}
		if p.MinPages > 0 {
			pages += fmt.Sprintf(", ≥%d", p.MinPages)
		}
		safe := "—"
		if p.Safe > 0 {
			safe = fmt.Sprintf("%.3g in", p.Safe/layout.Inch)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.Name, p.Trim, bleed, yes(p.Marks), yes(p.Links), yes(p.Bookmarks), safe, strings.Join(gutter, ", "), pages, p.Summary)
	}
	tw.Flush()
}
