package build

import "testing"

// BenchmarkBuildAll builds the 12 files of the four editions, as
// `press build` does, into a temporary folder.
func BenchmarkBuildAll(b *testing.B) {
	out := b.TempDir()
	for i := 0; i < b.N; i++ {
		if _, err := Run(Config{Root: root, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildEnglishPDF is one edition's PDF.
func BenchmarkBuildEnglishPDF(b *testing.B) {
	out := b.TempDir()
	for i := 0; i < b.N; i++ {
		if _, err := Run(Config{Root: root, Out: out, Langs: []string{"en"}, Formats: []string{"pdf"}}); err != nil {
			b.Fatal(err)
		}
	}
}
