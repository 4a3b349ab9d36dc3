package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"insert": cmdInsert, "replace": cmdReplace},
	})
}

// cmdInsert is the script command `insert FILE REGEXP TEXT`: it puts the
// content of the file TEXT into FILE just before the first match of REGEXP,
// as staff insert an [[issues.updates]] entry in the middle of a data file.
func cmdInsert(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: insert FILE REGEXP TEXT")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	data := ts.ReadFile(args[0])
	loc := re.FindStringIndex(data)
	if loc == nil {
		ts.Fatalf("insert: %s does not match in %s", args[1], args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(data[:loc[0]]+ts.ReadFile(args[2])+data[loc[0]:]), 0o644))
}

// cmdReplace is the script command `replace FILE OLD NEW`: it replaces the
// one occurrence of the text OLD in FILE with NEW, as staff fill in a field
// of a data file.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	data := ts.ReadFile(args[0])
	if c := strings.Count(data, args[1]); c != 1 {
		ts.Fatalf("replace: %q occurs %d times in %s, want once", args[1], c, args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Replace(data, args[1], args[2], 1)), 0o644))
}
