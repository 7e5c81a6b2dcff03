package catalog

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/press/press/internal/doc"
)

func TestSimilarity(t *testing.T) {
	long := "China's image and soft power in Kazakhstan are being exercised in the domains of public diplomacy, cultural diplomacy and economic cooperation."
	for _, c := range []struct {
		name    string
		a, b    string
		atLeast bool // want >= FuzzyThreshold
	}{
		{"one word", long, "China's image and soft power in Kazakhstan are being exercised in the fields of public diplomacy, cultural diplomacy and economic cooperation.", true},
		{"half of a split", long, "China's image and soft power in Kazakhstan are being exercised in the domains of public diplomacy.", true},
		{"heading", "Closing Remarks", "Concluding Remarks", true},
		{"page range", "Ibid. p. 13.", "Ibid. p. 14.", true},
		{"unrelated", long, "Kazakhs have been particularly resistant to Chinese investment in the rural countryside, especially in eastern Kazakhstan.", false},
		{"unrelated headings", "Introduction", "Extremism", false},
	} {
		if got := Similarity(c.a, c.b); (got >= FuzzyThreshold) != c.atLeast {
			t.Errorf("%s: %.2f", c.name, got)
		}
	}
}

// No two paragraphs of the real manuscript are so alike that one would be
// offered the other's translation. (Notes citing the same source, and
// headings sharing words, are alike: offering one's translation, stale, for
// the other is what a translator wants.)
func TestSimilarityOfTheManuscript(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(repoRoot, manuscript))
	if err != nil {
		t.Fatal(err)
	}
	us := doc.Units(readManuscript(t, string(raw)))
	best := 0.0
	for i, a := range us {
		for _, b := range us[i+1:] {
			if a.Kind == "footnote" && b.Kind == "footnote" || len(words(SourceText(a))) < 8 || len(words(SourceText(b))) < 8 {
				continue
			}
			if s := Similarity(SourceText(a), SourceText(b)); s > best && s < 1 {
				best = s
				t.Logf("%s ~ %s: %.2f", a.ID, b.ID, s)
			}
		}
	}
	if best >= FuzzyThreshold {
		t.Errorf("the most alike units score %.2f, at or above the threshold %.2f", best, FuzzyThreshold)
	}
}
