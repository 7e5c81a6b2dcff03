package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/lang"
	builtin "github.com/press/press/locales"
)

// SourceCatalogue is the source language's catalogue: the project's
// locales/<code>/, or, outside a project, an empty one with the edition
// strings built into press (a lone notes.md builds anywhere).
func SourceCatalogue(locales, code string) (*catalog.Catalogue, error) {
	if st, err := os.Stat(filepath.Join(locales, code)); err != nil || !st.IsDir() {
		return BuiltinCatalogue(locales, code), nil
	}
	c, err := catalog.Load(locales, code)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(c.Edition.Path); errors.Is(err, fs.ErrNotExist) {
		c.Edition = builtinEdition(locales, code, c.Edition)
	}
	return c, nil
}

// BuiltinCatalogue is an empty catalogue with the edition strings built
// into press for the language (its labels: "Chapter", "Contents", …), or
// none when press has none for it.
func BuiltinCatalogue(locales, code string) *catalog.Catalogue {
	c := catalog.Empty(locales, code)
	c.Edition = builtinEdition(locales, code, c.Edition)
	return c
}

func builtinEdition(locales, code string, empty *catalog.File) *catalog.File {
	data, err := fs.ReadFile(builtin.FS, code+"/"+catalog.EditionFile)
	if err != nil {
		return empty
	}
	f, err := catalog.ParseFile(data, "built-in:locales/"+code+"/"+catalog.EditionFile)
	if err != nil {
		panic("press's built-in edition strings: " + err.Error()) // a test parses them all
	}
	return f
}

// NewerInput names an input of the edition code that changed after built
// (the manuscript, its figures, the edition's and the source language's
// catalogues, press.toml), or "", and when it changed.
func NewerInput(c *Config, code, sourceLang string, built time.Time) (string, time.Time) {
	inputs := []string{c.Source, filepath.Join(c.Root, "press.toml")}
	figs, _ := filepath.Glob(filepath.Join(filepath.Dir(c.Source), "figures", "*"))
	inputs = append(inputs, figs...)
	for _, l := range []string{code, sourceLang} {
		tomls, _ := filepath.Glob(filepath.Join(c.Locales, l, "*.toml"))
		inputs = append(inputs, tomls...)
	}
	for _, in := range inputs {
		if st, err := os.Stat(in); err == nil && st.ModTime().After(built) {
			return in, st.ModTime()
		}
	}
	return "", time.Time{}
}

// EditionFonts is the font set of a language: the build's shared one, or,
// when its language.toml names faces of its own ([fonts]), a set with
// those over the project's (press.toml [fonts]).
func EditionFonts(c *Config, p *lang.Profile, shared *fonts.Set) *fonts.Set {
	if len(p.Fonts) == 0 {
		return shared
	}
	own := c.FontSet()
	files := map[fonts.Role]string{}
	for r, f := range c.FontFiles {
		files[r] = f
	}
	for name, f := range p.Fonts {
		files[fonts.RoleNames[name]] = f
	}
	own.Files = files
	return own
}
