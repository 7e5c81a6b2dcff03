package xliff

import "testing"

// Fixes of issue 8 (hostile inputs).

// A translation whose spans do not nest used to be exported as XML that
// no tool (press included) can read back.
func TestExportRefusesUnbalancedSpans(t *testing.T) {
	for target, want := range map[string]string{
		"<1>б<2/>{n:1}":            "ru.toml:3: p.p1: <1> is never closed",
		"б</1><2/>{n:1}":           "ru.toml:3: p.p1: closing </1> without opening <1>",
		"<1><3>б</1></3><2/>{n:1}": "ru.toml:3: p.p1: </1> closes while <3> is open: tags must nest",
	} {
		src, c := oneUnit("A <1>b</1><2/>{n:1}", target)
		if _, err := Export(src, nil, c, nil); err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %q", target, err, want)
		}
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	for in, want := range map[string]string{
		"<xliff>\n<unit id=\"a\"><segment><target>x<pc id=\"0\">y</pc></target></segment></unit></xliff>": `XLIFF line 2: unit a: <pc id="0">: not a span of the source`,
		"<xliff>\n<unit id=\"a\"><segment><target><ph id=\"-2\"/></target></segment></unit></xliff>":      `XLIFF line 2: unit a: <ph id="-2">: unknown code`,
		"<xliff>\n\n<unit id=\"a\"><segment><target><b>x</b></target></segment></unit></xliff>":           "XLIFF line 3: unit a: unknown inline element <b>",
		"<xliff>\n<unit id=\"a\"><segment><target>x</segment></unit></xliff>":                             "XLIFF line 2: unit a: element <target> closed by </segment>",
		"<xliff>\n<target>x</target></xliff>":                                                             "XLIFF line 2: <target> outside a unit",
	} {
		_, _, err := Parse([]byte(in))
		if err == nil || err.Error() != want {
			t.Errorf("got %v\nwant %s", err, want)
		}
	}
	_, units, err := Parse([]byte("<xliff>\n\n<unit id=\"a\"/>\n<unit id=\"b\"/></xliff>"))
	if err != nil || len(units) != 2 || units[0].Line != 3 || units[1].Line != 4 {
		t.Errorf("%v %+v", err, units)
	}
}
