package fonts

import (
	"bytes"
	"testing"
)

func TestSubsetLeavesFaceAlone(t *testing.T) {
	f, err := NewSet(dir).Get(CJKBody)
	if err != nil {
		t.Fatal(err)
	}
	before := append([]byte(nil), f.Data...)
	a, _ := f.Subset([]rune("中国在哈萨克斯坦的形象，。“”abc"))
	if !bytes.Equal(before, f.Data) {
		t.Fatal("Subset changed the face's data")
	}
	b, _ := f.Subset([]rune("“”abc，。中国在哈萨克斯坦的形象"))
	if !bytes.Equal(a, b) {
		t.Fatal("two subsets of the same characters differ")
	}
}
