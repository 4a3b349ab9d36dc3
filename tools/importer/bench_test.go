package importer

import (
	"os"
	"testing"
)

// BenchmarkImportSeed measures the import of the seed notice (about 40 KB).
func BenchmarkImportSeed(b *testing.B) {
	src, err := os.ReadFile(seedText)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, _, err := Import("seed.txt", src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
