package search

import (
	"os"
	"testing"
	"time"
)

// BenchmarkBuild measures loading, building and encoding the index of the
// site at $SEARCH_SITE (e.g. a site of gensite -n 1000), and logs its size.
func BenchmarkBuild(b *testing.B) {
	root := os.Getenv("SEARCH_SITE")
	if root == "" {
		b.Skip("set SEARCH_SITE to a site folder (go run ./tools/cmd/gensite -n 1000 -o DIR)")
	}
	for b.Loop() {
		t0 := time.Now()
		ns, err := Load(root)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		ix := Build(ns, nil)
		t2 := time.Now()
		files := ix.Files()
		t3 := time.Now()
		size := 0
		for _, f := range files {
			size += len(f)
		}
		b.Logf("%d notices, %d documents: load %v, build %v, encode %v; %d files, %.1f MB",
			len(ns), len(ix.Docs), t1.Sub(t0).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond), t3.Sub(t2).Round(time.Millisecond), len(files), float64(size)/1e6)
	}
}
