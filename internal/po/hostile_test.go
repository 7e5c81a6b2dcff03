package po

import (
	"strings"
	"testing"

	"github.com/press/press/internal/catalog"
)

// Fixes of issue 8 (hostile inputs).

func TestParseEntriesWithoutBlankLines(t *testing.T) {
	ims, err := Parse([]byte("msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"y\"\nmsgctxt \"b\"\nmsgid \"x\"\nmsgstr \"\"\n\"z\"\n#, fuzzy\nmsgctxt \"c\"\nmsgid \"x\"\nmsgstr \"w\"\n"), "f.po")
	if err != nil {
		t.Fatal(err)
	}
	if len(ims) != 3 || ims[0].ID != "a" || ims[0].Target != "y" || ims[1].ID != "b" || ims[1].Target != "z" || ims[1].Line != 4 ||
		ims[2].ID != "c" || ims[2].State != catalog.StateDraft || ims[0].State != "" {
		t.Errorf("%+v", ims)
	}
	if _, err := Parse([]byte("msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"y\"\nmsgstr \"z\"\n"), "f.po"); err == nil || err.Error() != "f.po:4: a second msgstr in one entry" {
		t.Errorf("two msgstr: %v", err)
	}
}

// A line longer than the scanner's buffer used to end the file silently:
// every entry after it was dropped.
func TestParseLongLineIsAnError(t *testing.T) {
	data := "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"" + strings.Repeat("я", 9<<20) + "\"\n\nmsgctxt \"b\"\nmsgid \"x\"\nmsgstr \"y\"\n"
	if _, err := Parse([]byte(data), "f.po"); err == nil || !strings.HasPrefix(err.Error(), "f.po:3: ") {
		t.Errorf("got %v", err)
	}
}

func TestParseMessagesAreOneLine(t *testing.T) {
	_, err := Parse([]byte("msgctxt \"a\"\nmsgstr \"x\ry\n"), "f.po")
	if err == nil || err.Error() != `f.po:2: bad string "x\ry` {
		t.Errorf("got %q", err)
	}
}
