package shape

import (
	"encoding/binary"
	"errors"
	"sort"
)

// shapingTables keeps of a TrueType file only the tables shaping reads
// (character map, metrics, OpenType layout, kern): the shaper's loader
// otherwise parses every glyph outline, which costs more than the
// shaping of a whole book.
func shapingTables(data []byte) ([]byte, error) {
	keep := map[string]bool{"OS/2": true, "cmap": true, "head": true, "maxp": true, "hhea": true, "hmtx": true,
		"GSUB": true, "GPOS": true, "GDEF": true, "kern": true}
	if len(data) < 12 {
		return nil, errors.New("font file too short")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("font table directory truncated")
	}
	type table struct {
		tag  string
		body []byte
	}
	var ts []table
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if !keep[tag] {
			continue
		}
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, errors.New("font table " + tag + " out of the file")
		}
		ts = append(ts, table{tag, data[off : off+length]})
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].tag < ts[j].tag })
	head := 12 + 16*len(ts)
	out := make([]byte, head, head+len(data)/4)
	copy(out[:4], data[:4])
	binary.BigEndian.PutUint16(out[4:], uint16(len(ts)))
	for i, t := range ts {
		rec := out[12+16*i:]
		copy(rec[:4], t.tag)
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.body)))
		out = append(out, t.body...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}
