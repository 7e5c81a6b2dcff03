package preflight

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/press/press/internal/layout"
)

// IsCover tells whether path names a printed cover (<name>.cover.pdf,
// beside its interior <name>.pdf).
func IsCover(path string) bool { return strings.HasSuffix(path, ".cover.pdf") }

// CoverFile preflights a printed cover against the profile: one page, its
// size 2 × trim + spine + 2 × bleed, where the trim and the page count
// (hence the spine) are read from the interior PDF beside it, the images
// at the printer's resolution, the fonts embedded.
func CoverFile(path string, o Options) (*Report, error) {
	prof, err := layout.ProfileByName(o.Profile)
	if err != nil {
		return nil, err
	}
	rep := &Report{File: path, Profile: prof.Name}
	if prof.Cover == nil {
		rep.Checks = append(rep.Checks, Check{"cover", Fail, "profile " + prof.Name + " prints no cover"})
		return rep, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := readPDF(data)
	if err != nil {
		rep.Checks = append(rep.Checks, Check{"pdf", Fail, err.Error()})
		return rep, nil
	}
	rep.Pages = len(d.pages)
	interiorPath := strings.TrimSuffix(path, ".cover.pdf") + ".pdf"
	idata, err := os.ReadFile(interiorPath)
	if err != nil {
		rep.Checks = append(rep.Checks, Check{"interior", Fail, "the cover's interior cannot be read: " + err.Error()})
		return rep, nil
	}
	in, err := readPDF(idata)
	if err != nil || len(in.pages) == 0 {
		rep.Checks = append(rep.Checks, Check{"interior", Fail, fmt.Sprintf("%s cannot be read: %v", interiorPath, err)})
		return rep, nil
	}
	c := &checker{p: prof, d: d}
	rep.Checks = append(rep.Checks, c.pdf())
	trim := trimOf(in.pages[0])
	pages := len(in.pages)
	rep.Checks = append(rep.Checks, Check{"interior", Pass, fmt.Sprintf("%s: %d pages, trim %s", interiorPath, pages, sizeText(trim.w(), trim.h()))})
	if len(d.pages) != 1 {
		rep.Checks = append(rep.Checks, Check{"cover size", Fail, fmt.Sprintf("%d pages, a cover is one", len(d.pages))})
	} else {
		w, h := prof.Cover.CoverSize(trim.w(), trim.h(), pages)
		m := d.pages[0].media
		spine := prof.Cover.Spine(pages)
		detail := fmt.Sprintf("%s = 2 × %s in trim + %s in spine (%d pages × %s in) + 2 × %s in bleed, by %s in",
			sizeText(m.w(), m.h()), inch(trim.w()), inch(spine), pages, strconv.FormatFloat(prof.Cover.PaperPerPage/layout.Inch, 'f', -1, 64),
			inch(prof.Cover.Bleed), inch(h))
		if math.Abs(m.w()-w) > 0.5 || math.Abs(m.h()-h) > 0.5 {
			rep.Checks = append(rep.Checks, Check{"cover size", Fail, fmt.Sprintf("%s, expected %s", sizeText(m.w(), m.h()), sizeText(w, h))})
		} else {
			rep.Checks = append(rep.Checks, Check{"cover size", Pass, detail})
		}
	}
	rep.Checks = append(rep.Checks, c.fonts(), c.annotations(), c.images())
	rep.OK = len(rep.Failed()) == 0
	return rep, nil
}
