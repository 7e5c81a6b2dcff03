package hyph

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
)

// Dictionary is a hyphenation dictionary of the hyphen library that
// LibreOffice uses (Debian's hyphen-* packages, /usr/share/hyphen/*.dic),
// read as Liang patterns press can load.
type Dictionary struct {
	Patterns []string // one pattern a line, UTF-8
	Header   string   // the file's leading comments: origin and licence
	LeftMin  int      // LEFTHYPHENMIN, when the file sets it (else 0)
	RightMin int      // RIGHTHYPHENMIN
}

// ReadDictionary reads a hyphen .dic file: its first line names the
// charset; then options (LEFTHYPHENMIN 2, NOHYPHEN …), comments (%, #) and
// patterns. A file with NEXTLEVEL holds two: the first marks compound
// boundaries (the hyphen library's extension), the second is the standard
// Liang set, which is the one kept.
func ReadDictionary(data []byte, name string) (*Dictionary, error) {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	charset := strings.TrimSpace(string(first))
	text, err := decode(rest, charset)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	d := &Dictionary{}
	var header []string
	inHeader := true
	var level []string
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "%") || strings.HasPrefix(line, "#") {
			if inHeader {
				header = append(header, strings.Trim(line, "%# "))
			}
			continue
		}
		if line == "" {
			continue
		}
		inHeader = false
		key, value, _ := strings.Cut(line, " ")
		switch key {
		case "NEXTLEVEL":
			level = nil // the compound level ends: the standard one follows
			continue
		case "LEFTHYPHENMIN":
			fmt.Sscan(value, &d.LeftMin)
			continue
		case "RIGHTHYPHENMIN":
			fmt.Sscan(value, &d.RightMin)
			continue
		}
		if key == strings.ToUpper(key) && strings.ContainsAny(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && !strings.ContainsAny(key, "0123456789") {
			continue // another option (NOHYPHEN, COMPOUNDLEFTHYPHENMIN, …)
		}
		if strings.ContainsAny(line, "/=") {
			continue // a non-standard pattern (discretionary change): Liang has none
		}
		level = append(level, strings.Fields(line)[0])
	}
	if len(level) == 0 {
		return nil, fmt.Errorf("%s: no patterns", name)
	}
	d.Patterns = level
	d.Header = strings.TrimSpace(strings.Join(header, "\n"))
	return d, nil
}

// decode turns the dictionary's text into UTF-8 from the charset its
// first line names (UTF-8, ISO8859-1, KOI8-U, microsoft-cp1251, …).
func decode(data []byte, charset string) (string, error) {
	name := strings.ToLower(charset)
	switch {
	case name == "utf-8":
		return string(data), nil
	case strings.HasPrefix(name, "iso8859-"):
		name = "iso-8859-" + strings.TrimPrefix(name, "iso8859-")
	case strings.HasPrefix(name, "microsoft-cp"):
		name = "windows-" + strings.TrimPrefix(name, "microsoft-cp")
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		return "", fmt.Errorf("charset %q: %v", charset, err)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("charset %q: %v", charset, err)
	}
	return string(out), nil
}
