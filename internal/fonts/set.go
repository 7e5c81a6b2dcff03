package fonts

import (
	"path/filepath"
	"sync"
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
	CJKHeading // Han text in headings (Hei)
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
}

// Set is the faces of one build, loaded once and shared read-only by every
// edition.
type Set struct {
	Dir string
	// Files overrides Spec's file for some roles (press.toml [fonts]).
	Files map[Role]string
	mu    sync.Mutex
	faces map[Role]*Face
}

// NewSet prepares a set reading from dir; faces load on first use.
func NewSet(dir string) *Set { return &Set{Dir: dir, faces: map[Role]*Face{}} }

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
	if err != nil {
		return nil, err
	}
	s.faces[r] = f
	return f, nil
}

// RoleNames are the roles as press.toml names them.
var RoleNames = map[string]Role{"body": Body, "body_bold": BodyBold, "body_italic": BodyItalic, "body_bold_italic": BodyBoldItalic,
	"heading": Heading, "heading_bold": HeadingBold, "cjk_body": CJKBody, "cjk_heading": CJKHeading}

// File is the file a role is read from.
func (s *Set) File(r Role) string {
	if f, ok := s.Files[r]; ok {
		return filepath.Join(s.Dir, f)
	}
	return filepath.Join(s.Dir, Spec[r].File)
}

// Roles lists the roles an edition needs: CJK faces only for Han script.
func Roles(han bool) []Role {
	rs := []Role{Body, BodyBold, BodyItalic, BodyBoldItalic, Heading, HeadingBold}
	if han {
		rs = append(rs, CJKBody, CJKHeading)
	}
	return rs
}
