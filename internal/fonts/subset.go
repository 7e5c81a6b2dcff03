package fonts

import (
	"encoding/binary"
	"fmt"
	"sort"

	tfont "github.com/tdewolff/font"
)

// Subset returns a TrueType font with only the glyphs of runes (and
// .notdef), for formats that embed a font file themselves (EPUB). The
// Chinese faces are 2–3 MB; an edition uses a few thousand characters.
func (f *Face) Subset(runes []rune) ([]byte, error) {
	sf, err := tfont.ParseSFNT(f.Data, 0)
	if err != nil {
		return nil, &Error{Path: f.Path, Msg: "subset: " + err.Error()}
	}
	seen := map[uint16]bool{0: true}
	ids := []uint16{0}
	sorted := append([]rune{' '}, runes...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	for _, r := range sorted {
		if id := sf.GlyphIndex(r); id != 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	sub, err := sf.Subset(ids, tfont.SubsetOptions{Tables: tfont.KeepMinTables})
	if err != nil {
		return nil, &Error{Path: f.Path, Msg: "subset: " + err.Error()}
	}
	data := sub.Write()
	// The library stamps the clock into head.modified: put the source
	// font's date back so that builds are reproducible.
	if err := copyHeadDate(data, f.Data); err != nil {
		return nil, &Error{Path: f.Path, Msg: "subset: " + err.Error()}
	}
	// Check the result maps what it must.
	check, err := Parse(data, f.Path+" (subset)", f.Family, f.Style)
	if err != nil {
		return nil, err
	}
	for _, r := range sorted {
		if f.Has(r) && !check.Has(r) {
			return nil, &Error{Path: f.Path, Msg: fmt.Sprintf("subset lost %U", r)}
		}
	}
	return data, nil
}

// headOffset finds the head table of an SFNT file: its directory record
// and the table's offset and length.
func headOffset(data []byte) (rec, off, length int, err error) {
	if len(data) < 12 {
		return 0, 0, 0, fmt.Errorf("font too short")
	}
	n := int(binary.BigEndian.Uint16(data[4:6]))
	for i := 0; i < n; i++ {
		r := 12 + 16*i
		if r+16 > len(data) {
			break
		}
		if string(data[r:r+4]) == "head" {
			off = int(binary.BigEndian.Uint32(data[r+8:]))
			length = int(binary.BigEndian.Uint32(data[r+12:]))
			if off+length > len(data) || length < 36 {
				break
			}
			return r, off, length, nil
		}
	}
	return 0, 0, 0, fmt.Errorf("no head table")
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// copyHeadDate copies head.modified from src into dst and recomputes the
// head checksum and the font's checkSumAdjustment.
func copyHeadDate(dst, src []byte) error {
	_, soff, _, err := headOffset(src)
	if err != nil {
		return err
	}
	rec, off, length, err := headOffset(dst)
	if err != nil {
		return err
	}
	copy(dst[off+28:off+36], src[soff+28:soff+36])
	binary.BigEndian.PutUint32(dst[off+8:], 0)
	padded := (length + 3) &^ 3
	end := min(off+padded, len(dst))
	binary.BigEndian.PutUint32(dst[rec+4:], checksum(dst[off:end]))
	binary.BigEndian.PutUint32(dst[off+8:], 0xB1B0AFBA-checksum(dst))
	return nil
}
