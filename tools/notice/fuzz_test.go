package notice

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzCheck: Check never panics, and every diagnostic points at a line of
// the file (or at the whole file) and has a message and a hint.
func FuzzCheck(f *testing.F) {
	good, err := os.ReadFile(goodFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	paths, _ := filepath.Glob("testdata/bad/*.txtar")
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".toml") {
				f.Add(file.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, ds := Check("t.toml", data, testNow)
		lines := strings.Count(string(data), "\n") + 1
		for _, d := range ds {
			if d.Line < 0 || d.Line > lines {
				t.Errorf("line %d outside the file (%d lines): %s", d.Line, lines, d)
			}
			if d.Message == "" || d.Hint == "" {
				t.Errorf("diagnostic without message or hint: %s", d)
			}
		}
	})
}
