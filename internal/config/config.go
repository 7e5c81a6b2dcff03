// Package config reads press.toml, the project's optional configuration.
// Every setting has a default, so a project needs no file for the common
// case; command-line flags override the file.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
)

// Name is the configuration file's name at the project root.
const Name = "press.toml"

// File is press.toml.
type File struct {
	Path      string   `toml:"-"`
	Source    string   `toml:"source"`    // the manuscript (default: the one source/*.md)
	Languages []string `toml:"languages"` // editions to build (default: every locale folder)
	Formats   []string `toml:"formats"`   // pdf, epub, docx (default: all)
	Out       string   `toml:"out"`       // output folder (default: dist)
	Strict    bool     `toml:"strict"`
	TOCDepth  int      `toml:"toc_depth"` // deepest heading level in the contents (default 2)
	Headings  struct {
		// Numbered = false: no chapter or section numbers (the labels'
		// wording is each edition's "chapter" and "section" strings).
		Numbered *bool `toml:"numbered"`
	} `toml:"headings"`
	PDF struct {
		Size     string `toml:"size"`      // a4, a5, 6x9
		Profile  string `toml:"profile"`   // screen, kdp, ingram, lulu, offset
		TwoSided bool   `toml:"two_sided"` // mirrored margins, chapters on recto
	} `toml:"pdf"`
	// Fonts maps a role (body, body_bold, body_italic, body_bold_italic,
	// heading, heading_bold, cjk_body, cjk_heading) to a TrueType file in
	// the fonts folder.
	Fonts map[string]string `toml:"fonts"`
}

// Error is a problem in press.toml, with its line.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// Roles are the font roles press.toml may set.
var Roles = []string{"body", "body_bold", "body_italic", "body_bold_italic", "heading", "heading_bold", "cjk_body", "cjk_heading", "mono"}

// lineOf is the line where key is set, or 0.
func lineOf(data []byte, key string) int {
	for i, line := range strings.Split(string(data), "\n") {
		if k, _, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == key {
			return i + 1
		}
	}
	return 0
}

// Load reads root/press.toml; a missing file is the empty configuration.
func Load(root string) (*File, error) {
	path := filepath.Join(root, Name)
	f := &File{Path: path}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	md, err := toml.Decode(string(data), f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Path: path, Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("unknown setting %q", und[0].String())}
	}
	if f.TOCDepth < 0 || f.TOCDepth > 6 {
		return nil, &Error{Path: path, Line: lineOf(data, "toc_depth"), Msg: fmt.Sprintf("toc_depth = %d: want 1 to 6", f.TOCDepth)}
	}
	for role := range f.Fonts {
		known := false
		for _, r := range Roles {
			known = known || r == role
		}
		if !known {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("[fonts] %s: unknown role (known: %v)", role, Roles)}
		}
	}
	return f, nil
}

// Key is one press.toml setting, for the README's reference: its flag,
// when it has one, gives its default and meaning.
type Key struct {
	Name string // as in press.toml: "toc_depth", "pdf.size", "fonts.<role>"
	Flag string // the press build flag that overrides it ("" none; "SOURCE.md" the argument)
	Doc  string // what it sets, for a key with no flag
	// Default is the default of a key with no flag.
	Default string
}

// Keys lists every setting of press.toml (a test checks it against File).
var Keys = []Key{
	{Name: "source", Flag: "SOURCE.md", Doc: "the manuscript, relative to the project", Default: "the one source/*.md"},
	{Name: "languages", Flag: "lang", Doc: "editions to build", Default: "every folder of locales/"},
	{Name: "formats", Flag: "format", Default: "pdf, epub, docx"},
	{Name: "out", Flag: "out", Default: "dist"},
	{Name: "strict", Flag: "strict"},
	{Name: "toc_depth", Flag: "toc-depth"},
	{Name: "pdf.size", Flag: "size", Default: "the profile's"},
	{Name: "pdf.profile", Flag: "profile"},
	{Name: "pdf.two_sided", Flag: "two-sided"},
	{Name: "headings.numbered", Doc: "chapter and section numbers (their wording is each edition's chapter and section strings)", Default: "true"},
	{Name: "fonts.<role>", Doc: "a TrueType file in fonts/ for a role: " + strings.Join(Roles, ", "), Default: "press's built-in Noto faces"},
}
