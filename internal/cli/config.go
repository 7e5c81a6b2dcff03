package cli

import (
	"path/filepath"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/config"
	"github.com/press/press/internal/fonts"
	flag "github.com/spf13/pflag"
)

// configure fills c from press.toml where no flag was given: flags win.
func configure(c *build.Config, fl *flag.FlagSet) error {
	set := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { set[f.Name] = true })
	root := c.Root
	if root == "" {
		root = "."
	}
	f, err := config.Load(root)
	if err != nil {
		return err
	}
	if c.Source == "" && f.Source != "" {
		c.Source = filepath.Join(root, f.Source)
	}
	if len(c.Langs) == 0 && !set["lang"] {
		c.Langs = f.Languages
	}
	if len(c.Formats) == 0 && !set["format"] && !set["t"] {
		c.Formats = f.Formats
	}
	if c.Out == "" && f.Out != "" {
		c.Out = filepath.Join(root, f.Out)
	}
	if !set["size"] && f.PDF.Size != "" {
		c.Size = f.PDF.Size
	}
	if !set["profile"] && f.PDF.Profile != "" {
		c.Profile = f.PDF.Profile
	}
	if !set["two-sided"] && f.PDF.TwoSided {
		c.TwoSided = true
	}
	if !set["toc-depth"] && f.TOCDepth > 0 {
		c.TOCDepth = f.TOCDepth
	}
	if f.Headings.Numbered != nil && !*f.Headings.Numbered {
		c.Unnumbered = true
	}
	if !set["strict"] && f.Strict {
		c.Strict = true
	}
	if len(f.Fonts) > 0 {
		c.FontFiles = map[fonts.Role]string{}
		for name, file := range f.Fonts {
			c.FontFiles[fonts.RoleNames[name]] = file
		}
	}
	return nil
}
