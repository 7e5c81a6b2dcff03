package po

import (
	"strings"
	"testing"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/markdown"
)

func TestRoundTripAndBrokenImport(t *testing.T) {
	d, _, err := markdown.ReadFile("../../source/china-image-kazakhstan.md", markdown.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load("../../locales", "kk")
	if err != nil {
		t.Fatal(err)
	}
	data := Export(d, c)
	ims, err := Parse(data, "kk.po")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := catalog.Import(d, c, ims, "kk.po")
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range entries {
		o := c.Document.Entries[i]
		if e.ID != o.ID || e.Other != o.Other || e.Hash != o.Hash {
			t.Errorf("unit %s changed", e.ID)
		}
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "msgstr ") && strings.Contains(l, "</1>") {
			lines[i] = strings.Replace(l, "</1>", "", 1)
			break
		}
	}
	bad := strings.Join(lines, "\n")
	ims, err = Parse([]byte(bad), "kk.po")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := catalog.Import(d, c, ims, "kk.po"); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("broken import: %v", err)
	}
	if _, err := Parse([]byte("msgid \"unterminated\n"), "x.po"); err == nil || !strings.Contains(err.Error(), "x.po:1:") {
		t.Errorf("bad PO: %v", err)
	}
}
