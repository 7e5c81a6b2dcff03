package docx

import (
	"crypto/sha256"
	"fmt"
	"strings"
)

// EmbeddedFont is a font carried inside the document (a subset of it),
// so that Word and LibreOffice draw the text on a machine without it.
type EmbeddedFont struct {
	Name  string // the family name the styles use, e.g. "Noto Serif CJK SC"
	Style string // "Regular", "Bold", "Italic" or "BoldItalic"
	Data  []byte // TrueType data
}

// embedded is an embedded font as written: its part, relationship and
// obfuscation key.
type embedded struct {
	EmbeddedFont
	part, relID, key string
}

// embedFonts prepares the fonts: each is obfuscated with a key derived
// from its bytes (the same font, the same key: the file stays
// reproducible).
func embedFonts(fonts []EmbeddedFont) ([]embedded, error) {
	var out []embedded
	for i, f := range fonts {
		switch f.Style {
		case "Regular", "Bold", "Italic", "BoldItalic":
		default:
			return nil, fmt.Errorf("docx: embedded font %q: style %q is not Regular, Bold, Italic or BoldItalic", f.Name, f.Style)
		}
		if len(f.Data) < 32 || strings.TrimSpace(f.Name) == "" {
			return nil, fmt.Errorf("docx: embedded font %d (%q) has no name or no data", i+1, f.Name)
		}
		sum := sha256.Sum256(f.Data)
		h := fmt.Sprintf("%X", sum[:16])
		key := "{" + h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32] + "}"
		out = append(out, embedded{EmbeddedFont: EmbeddedFont{Name: f.Name, Style: f.Style, Data: obfuscate(f.Data, key)},
			part: fmt.Sprintf("fonts/font%d.odttf", i+1), relID: fmt.Sprintf("rId%d", i+1), key: key})
	}
	return out, nil
}

// obfuscate applies ECMA-376's font obfuscation: the first 32 bytes of
// the font XORed with the key's 16 bytes, read from the GUID's last hex
// pair to its first.
func obfuscate(data []byte, guid string) []byte {
	hex := strings.NewReplacer("{", "", "}", "", "-", "").Replace(guid)
	var key [16]byte
	for i := 0; i < 16; i++ {
		var b byte
		fmt.Sscanf(hex[30-2*i:32-2*i], "%02X", &b)
		key[i] = b
	}
	out := append([]byte(nil), data...)
	for i := 0; i < 32; i++ {
		out[i] ^= key[i%16]
	}
	return out
}

// fontTableRels lists the embedded fonts' parts.
func fontTableRels(fs []embedded) string {
	var r rels
	for _, f := range fs {
		r.add(relBase+"font", f.part, false)
	}
	return r.xml()
}
