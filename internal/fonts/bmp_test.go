package fonts

import (
	"os"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// fpdf reads only a font's 16-bit cmap and panics (index out of range in
// generateCIDFontMap) on a character beyond U+FFFF: such a character must
// count as missing, so that layout refuses it with a clear error.
func TestNoCharacterBeyondTheBMP(t *testing.T) {
	f, err := NewSet(dir).Get(Body)
	if err != nil {
		t.Fatal(err)
	}
	if f.Has('😀') || f.Missing("a😀b") != '😀' || f.Width("😀", 10) != 0 {
		t.Error("an emoji counts as present")
	}
	// A font that does hold characters beyond the BMP (Debian's
	// fonts-noto-core, when installed).
	const hmong = "/usr/share/fonts/truetype/noto/NotoSansPahawhHmong-Regular.ttf"
	data, err := os.ReadFile(hmong)
	if err != nil {
		t.Skipf("no font with characters beyond the BMP: %v", err)
	}
	face, err := Parse(data, hmong, "x", "")
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	if gi, err := face.f.GlyphIndex(&buf, 0x16B00); err != nil || gi == 0 {
		t.Skipf("%s has no U+16B00", hmong)
	}
	if face.Has(0x16B00) {
		t.Error("U+16B00 counts as drawable")
	}
}
