package pdf

import (
	"bytes"
	"testing"
)

func TestSortPageBoxes(t *testing.T) {
	a := "<</Type /Page\n/Parent 1 0 R\n/TrimBox [30.50 30.50 625.78 872.39]\n/BleedBox [22.00 22.00 634.29 880.90]\n/Resources 2 0 R\n>>\n" +
		"<</Type /Page\n/Parent 1 0 R\n/BleedBox [22.00 22.00 634.29 880.90]\n/TrimBox [30.50 30.50 625.78 872.39]\n/Resources 2 0 R\n>>\n" +
		"<</Type /Page\n/Parent 1 0 R\n/TrimBox [0.00 0.00 595.28 841.89]\n/Resources 2 0 R\n>>\n"
	got := sortPageBoxes([]byte(a))
	if len(got) != len(a) {
		t.Fatalf("length %d, was %d: offsets would break", len(got), len(a))
	}
	want := "<</Type /Page\n/Parent 1 0 R\n/BleedBox [22.00 22.00 634.29 880.90]\n/TrimBox [30.50 30.50 625.78 872.39]\n/Resources 2 0 R\n>>\n"
	if bytes.Count(got, []byte(want)) != 2 {
		t.Errorf("boxes not sorted:\n%s", got)
	}
	if !bytes.HasSuffix(got, []byte("/TrimBox [0.00 0.00 595.28 841.89]\n/Resources 2 0 R\n>>\n")) {
		t.Errorf("a single box moved:\n%s", got)
	}
}
