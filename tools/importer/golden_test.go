package importer

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

var update = flag.Bool("update", false, "rewrite want.toml and want.diag in testdata/*.txtar from the importer's output")

// TestGolden imports each variant notice in testdata/*.txtar and compares
// with the expected data and diagnostics kept in the same archive:
//
//	notice.txt        the notice text (input)
//	corrections.toml  the corrections list (optional input)
//	want.toml         the expected data file (absent when the import fails)
//	want.diag         the expected diagnostics, one a line, then "error: …"
//
// Run `go test ./tools/importer -run TestGolden -update` to rewrite the
// expected files after an intended change, and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) < 5 {
		t.Fatalf("want at least 5 variant notices in testdata, have %d (%v)", len(files), err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			in := map[string][]byte{}
			for _, f := range ar.Files {
				in[f.Name] = f.Data
			}
			src, ok := in["notice.txt"]
			if !ok {
				t.Fatal("archive has no notice.txt")
			}
			opts := Options{ID: name, Source: "originals/" + name + ".txt"}
			if c, ok := in["corrections.toml"]; ok {
				opts.CorrectionsFile = "corrections.toml"
				if opts.Corrections, err = ParseCorrections("corrections.toml", c); err != nil {
					t.Fatal(err)
				}
			}
			n, diags, err := Import("notice.txt", src, opts)
			var gotTOML []byte
			var gotDiag bytes.Buffer
			for _, d := range diags {
				gotDiag.WriteString(d.String() + "\n")
			}
			if err != nil {
				gotDiag.WriteString("error: " + err.Error() + "\n")
			} else {
				if gotTOML, err = notice.Marshal(n); err != nil {
					t.Fatal(err)
				}
				checkReassembly(t, n, src, opts)
			}
			if *update {
				var files []txtar.File
				for _, f := range ar.Files {
					if f.Name != "want.toml" && f.Name != "want.diag" {
						files = append(files, f)
					}
				}
				if gotTOML != nil {
					files = append(files, txtar.File{Name: "want.toml", Data: gotTOML})
				}
				files = append(files, txtar.File{Name: "want.diag", Data: gotDiag.Bytes()})
				ar.Files = files
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := in["want.toml"]; !bytes.Equal(gotTOML, want) {
				t.Errorf("data differs from want.toml (run with -update and review the diff):\n%s", lineDiff(string(want), string(gotTOML)))
			}
			if want := in["want.diag"]; !bytes.Equal(gotDiag.Bytes(), want) {
				t.Errorf("diagnostics differ from want.diag:\n%s", lineDiff(string(want), gotDiag.String()))
			}
		})
	}
}

// checkReassembly asserts the "nothing lost" contract: the fields of the
// notice, reassembled by the rule of the data model, give back the repaired
// source body (whitespace aside).
func checkReassembly(t *testing.T, n *notice.Notice, src []byte, opts Options) {
	t.Helper()
	got := StripSpace(Body(n))
	want := StripSpace(RepairedBody("notice.txt", src, opts))
	if got != want {
		i := 0
		g, w := []rune(got), []rune(want)
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Errorf("reassembled body differs from the repaired source at character %d:\n got …%s\nwant …%s",
			i, string(g[max(0, i-20):min(len(g), i+40)]), string(w[max(0, i-20):min(len(w), i+40)]))
	}
}

// lineDiff shows the first differing lines of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString(fmt.Sprint("line ", i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
