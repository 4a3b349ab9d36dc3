package opendata

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkFinish measures Finish on the built site at $OPENDATA_SITE
// (e.g. the output of rectify build on a site of gensite -n 1000; Finish
// rewrites its /data/issues.json, CSV files, bundle and sizes, with the
// same bytes), and logs the sizes
// of the open data, the sitemap files and the feeds (issue 10):
//
//	OPENDATA_SITE=/tmp/site1000-public go test -run '^$' -bench Finish -benchtime 1x ./tools/opendata
func BenchmarkFinish(b *testing.B) {
	dir := os.Getenv("OPENDATA_SITE")
	if dir == "" {
		b.Skip("set OPENDATA_SITE to a site built by rectify build")
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "notices.json")); err != nil {
		b.Fatalf("%s is no built site: %v", dir, err)
	}
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	for b.Loop() {
		if err := Finish("../..", dir, day); err != nil {
			b.Fatal(err)
		}
	}
	size := func(pattern string) (n int, total, largest int64, at string) {
		ms, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
		for _, m := range ms {
			if fi, err := os.Stat(m); err == nil {
				n++
				total += fi.Size()
				if fi.Size() > largest {
					largest, at = fi.Size(), m
				}
			}
		}
		return
	}
	for _, p := range []string{"data/issues.json", "data/issues.csv", "data/notices.json", BundlePath,
		"notices/*/issues.json", "notices/*/issues.csv", "sitemap.xml", "sitemaps/sitemap.xml", "sitemaps/page/*/sitemap.xml",
		"notices/index.xml", "updates/index.xml"} {
		n, total, largest, at := size(p)
		rel, _ := filepath.Rel(dir, at)
		b.Logf("%-28s %5d files, %12d bytes in all, largest %11d bytes (%s)", p, n, total, largest, rel)
	}
}
