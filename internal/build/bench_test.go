package build

import (
	"testing"

	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/fonts"
)

// BenchmarkBuildAll builds the 12 files of the four editions, as
// `press build` does, into a temporary folder.
func BenchmarkBuildAll(b *testing.B) {
	out := b.TempDir()
	for i := 0; i < b.N; i++ {
		if _, err := Run(Config{Root: root, Out: out, NoCache: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildEnglishPDF is one edition's PDF.
func BenchmarkBuildEnglishPDF(b *testing.B) {
	out := b.TempDir()
	for i := 0; i < b.N; i++ {
		if _, err := Run(Config{Root: root, Out: out, Langs: []string{"en"}, Formats: []string{"pdf"}, NoCache: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchEdition(b *testing.B, code string) *Edition {
	b.Helper()
	c := Config{Root: root}
	if err := c.Resolve(); err != nil {
		b.Fatal(err)
	}
	src, _, err := Load(&c)
	if err != nil {
		b.Fatal(err)
	}
	en, err := catalog.Load(c.Locales, "en")
	if err != nil {
		b.Fatal(err)
	}
	ed, _, err := MakeEdition(src, &c, en, code, fonts.NewSet(c.Fonts))
	if err != nil {
		b.Fatal(err)
	}
	return ed
}

// Each backend on the English edition; the PDF includes typesetting.
func BenchmarkBackends(b *testing.B) {
	for _, f := range FormatNames() {
		b.Run(f, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				ed := benchEdition(b, "en") // a fresh edition: no cached pages
				b.StartTimer()
				if _, _, err := formats[f](ed); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
