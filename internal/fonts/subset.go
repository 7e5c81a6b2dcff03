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
	newID := map[uint16]uint16{0: 0} // old glyph → its place in the subset
	ids := []uint16{0}
	sorted := append([]rune{' '}, runes...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	mapped := map[rune]uint16{}
	var kept []rune
	for _, r := range sorted {
		id := sf.GlyphIndex(r)
		if id == 0 || r > 0xFFFF || r < 0x20 {
			continue
		}
		if _, ok := newID[id]; !ok {
			newID[id] = uint16(len(ids))
			ids = append(ids, id)
		}
		if _, ok := mapped[r]; !ok {
			kept = append(kept, r)
		}
		mapped[r] = newID[id]
	}
	sub, err := sf.Subset(ids, tfont.SubsetOptions{Tables: tfont.KeepMinTables})
	if err != nil {
		return nil, &Error{Path: f.Path, Msg: "subset: " + err.Error()}
	}
	// The library maps each kept glyph back to one character only (the
	// lowest the font maps to it), so a character sharing its glyph with
	// another (U+2013 with U+2012 in Noto CJK) would be lost: the subset
	// gets a character map of its own, of exactly the characters asked.
	if len(kept) > 0 {
		sub.Tables["cmap"] = cmapFormat4(kept, mapped)
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
		if r >= 0x20 && r <= 0xFFFF && f.Has(r) && !check.Has(r) {
			return nil, &Error{Path: f.Path, Msg: fmt.Sprintf("subset lost %U", r)}
		}
	}
	return data, nil
}

// cmapFormat4 is a character map table with one format 4 subtable (for
// Unicode BMP, under platforms 0/3 and 3/1) mapping runes, ascending and
// all below U+FFFF, to glyphs; runs of consecutive characters with
// consecutive glyphs share a segment.
func cmapFormat4(runes []rune, glyph map[rune]uint16) []byte {
	type segment struct{ start, end, delta uint16 }
	var segs []segment
	for _, r := range runes {
		g := glyph[r]
		if n := len(segs); n > 0 && segs[n-1].end+1 == uint16(r) && segs[n-1].delta+uint16(r) == g {
			segs[n-1].end = uint16(r)
			continue
		}
		segs = append(segs, segment{uint16(r), uint16(r), g - uint16(r)})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1}) // the required last segment
	n := len(segs)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 2 << entrySelector
	sub := make([]byte, 0, 16+8*n)
	u16 := func(b []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(b, v) }
	sub = u16(sub, 4)
	sub = u16(sub, uint16(16+8*n)) // length
	sub = u16(sub, 0)              // language
	sub = u16(sub, uint16(2*n))
	sub = u16(sub, uint16(searchRange))
	sub = u16(sub, uint16(entrySelector))
	sub = u16(sub, uint16(2*n-searchRange))
	for _, s := range segs {
		sub = u16(sub, s.end)
	}
	sub = u16(sub, 0) // reservedPad
	for _, s := range segs {
		sub = u16(sub, s.start)
	}
	for _, s := range segs {
		sub = u16(sub, s.delta)
	}
	for range segs {
		sub = u16(sub, 0) // idRangeOffset: deltas only
	}
	var t []byte
	t = u16(t, 0) // version
	t = u16(t, 2) // two encoding records, one subtable
	t = u16(u16(t, 0), 3)
	t = binary.BigEndian.AppendUint32(t, 20)
	t = u16(u16(t, 3), 1)
	t = binary.BigEndian.AppendUint32(t, 20)
	return append(t, sub...)
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
