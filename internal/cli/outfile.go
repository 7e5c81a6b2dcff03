package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/press/press/internal/build"
)

// oneFile is pandoc's -o rule: when -o names a file (NAME.pdf, NAME.epub,
// NAME.docx) the build must make exactly that one file. path is "" when -o
// is a folder.
type oneFile struct{ path string }

// outputFile reads -o: a name ending in a format's extension is a file
// (its format, unless -t says one), anything else a folder. A file when
// the build makes several is an error that says so.
func outputFile(c *build.Config, formatGiven bool) (*oneFile, error) {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(c.Out)), ".")
	if c.Out == "" || !slices.Contains(build.FormatNames(), ext) {
		return &oneFile{}, nil
	}
	if st, err := os.Stat(c.Out); err == nil && st.IsDir() {
		return &oneFile{}, nil // an existing folder stays one
	}
	switch {
	case !formatGiven:
		c.Formats = []string{ext}
	case len(c.Formats) != 1 || c.Formats[0] != ext:
		return nil, fmt.Errorf("-o %s is a .%s file, but -t asks for %s", c.Out, ext, strings.Join(c.Formats, ","))
	}
	probe := *c
	if err := probe.Resolve(); err != nil {
		return nil, err
	}
	langs := probe.Langs
	if len(langs) == 0 {
		var err error
		if langs, err = build.Languages(probe.Locales); err != nil {
			return nil, err
		}
	}
	if n := len(langs) * len(c.Formats); n != 1 {
		return nil, fmt.Errorf("-o %s names one file, but this build makes %d (%s × %s): name a folder with -o, or pick one language with --lang", c.Out, n, strings.Join(langs, ", "), strings.Join(c.Formats, ", "))
	}
	f := &oneFile{path: c.Out}
	c.Langs = langs
	return f, nil
}

// run builds; for one file, into a folder beside it, then moves the file
// into place (so a failed build leaves it as it was).
func (f *oneFile) run(c build.Config) (*build.Outcome, error) {
	if f.path == "" {
		return build.Run(c)
	}
	dir := filepath.Dir(f.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(dir, ".press-build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	c.Out = tmp
	c.NoCache = true
	out, err := build.Run(c)
	if err != nil {
		return nil, err
	}
	if len(out.Results) != 1 {
		return nil, fmt.Errorf("-o %s: the build made %d files", f.path, len(out.Results))
	}
	if err := os.Rename(out.Results[0].Path, f.path); err != nil {
		return nil, err
	}
	out.Results[0].Path = f.path
	out.Layouts = nil // the layout report stayed in the build folder
	return out, nil
}
