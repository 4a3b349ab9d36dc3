package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the files compared with cmp in testdata/script/*.txtar")

// TestMain lets the test binary act as the rectify command inside scripts:
// `rectify check …` in testdata/script/*.txtar runs run(os.Args[1:], …),
// the same entry point as the real main.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"rectify": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar: each script is a command line
// and its expected output, in a fresh directory ($WORK). $REPO is the
// repository root, for scripts that need a committed file (cp $REPO/… .).
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			return nil
		},
	})
}
