package fonts

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	builtin "github.com/press/press/fonts"
)

// Role is what a face is used for on the page.
type Role int

// The roles a face can play.
const (
	Body Role = iota
	BodyBold
	BodyItalic
	BodyBoldItalic
	Heading
	HeadingBold
	CJKBody    // Han text in body type (Song)
	CJKHeading // Han text in headings (Hei, bold)
	CJKSans    // Han text in running heads, captions, credits (Hei, regular)
	Mono       // code: inline code, code blocks
	LastResort // Han and kana no other face has (Japanese in an English book)
	Hangul     // Korean
)

// Spec names the file of each role, relative to the fonts folder.
var Spec = map[Role]struct{ File, Family, Style string }{
	Body:           {"NotoSerif-Regular.ttf", "serif", ""},
	BodyBold:       {"NotoSerif-Bold.ttf", "serif", "B"},
	BodyItalic:     {"NotoSerif-Italic.ttf", "serif", "I"},
	BodyBoldItalic: {"NotoSerif-BoldItalic.ttf", "serif", "BI"},
	Heading:        {"NotoSans-Regular.ttf", "sans", ""},
	HeadingBold:    {"NotoSans-Bold.ttf", "sans", "B"},
	CJKBody:        {"NotoSerifCJKsc-Regular.ttf", "cjkserif", ""},
	CJKHeading:     {"NotoSansCJKsc-Bold.ttf", "cjksans", ""},
	CJKSans:        {"NotoSansCJKsc-Regular.ttf", "cjksansregular", ""},
	Mono:           {"NotoSansMono-Regular.ttf", "mono", ""},
	LastResort:     {"DroidSansFallbackFull.ttf", "fallback", ""},
	Hangul:         {"NanumGothic.ttf", "hangul", ""},
}

// Set is the faces of one build, loaded once and shared read-only by every
// edition.
type Set struct {
	Dir string
	// Files overrides Spec's file for some roles (press.toml [fonts]).
	Files map[Role]string
	// Builtin is where a face missing from Dir is read from: the faces
	// built into press (nil: none).
	Builtin fs.FS
	mu      sync.Mutex
	faces   map[Role]*Face
}

// NewSet prepares a set reading from dir, and from the built-in faces
// for a file dir does not have; faces load on first use.
func NewSet(dir string) *Set { return &Set{Dir: dir, Builtin: builtin.FS, faces: map[Role]*Face{}} }

// BuiltinPrefix starts the name of a face read from the built-in set.
const BuiltinPrefix = "built-in:"

// Get loads (once) and returns the face for a role.
func (s *Set) Get(r Role) (*Face, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.faces[r]; ok {
		return f, nil
	}
	sp := Spec[r]
	file := sp.File
	if f, ok := s.Files[r]; ok {
		file = f
	}
	f, err := Load(filepath.Join(s.Dir, file), sp.Family, sp.Style)
	if data, ok := s.builtin(file, err); ok {
		f, err = Parse(data, BuiltinPrefix+file, sp.Family, sp.Style)
	}
	if err != nil {
		return nil, err
	}
	s.faces[r] = f
	return f, nil
}

// RoleNames are the roles as press.toml names them.
var RoleNames = map[string]Role{"body": Body, "body_bold": BodyBold, "body_italic": BodyItalic, "body_bold_italic": BodyBoldItalic,
	"heading": Heading, "heading_bold": HeadingBold, "cjk_body": CJKBody, "cjk_heading": CJKHeading, "cjk_sans": CJKSans, "mono": Mono}

// builtin gives the built-in face named file when loading it from the
// folder failed because the folder has no such file.
func (s *Set) builtin(file string, err error) ([]byte, bool) {
	var fe *Error
	if err == nil || s.Builtin == nil || !errors.As(err, &fe) {
		return nil, false
	}
	if _, statErr := os.Stat(fe.Path); !errors.Is(statErr, fs.ErrNotExist) {
		return nil, false // there, but unreadable or broken: say so
	}
	data, rerr := fs.ReadFile(s.Builtin, file)
	return data, rerr == nil
}

// File is the file a role is read from: in the folder, or "built-in:NAME".
func (s *Set) File(r Role) string {
	file := Spec[r].File
	if f, ok := s.Files[r]; ok {
		file = f
	}
	path := filepath.Join(s.Dir, file)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) && s.Builtin != nil {
		if _, err := fs.Stat(s.Builtin, file); err == nil {
			return BuiltinPrefix + file
		}
	}
	return path
}

// Roles lists the roles an edition needs: CJK faces only for Han script.
func Roles(han bool) []Role {
	rs := []Role{Body, BodyBold, BodyItalic, BodyBoldItalic, Heading, HeadingBold, Mono}
	if han {
		rs = append(rs, CJKBody, CJKHeading, CJKSans)
	}
	return rs
}

// Fallback lists the roles whose faces are tried, in order, for a
// character the chosen face lacks (Han in an English book, an arrow, a
// box-drawing character in code).
var Fallback = []Role{Body, Heading, Mono, CJKBody, CJKHeading, LastResort, Hangul}
