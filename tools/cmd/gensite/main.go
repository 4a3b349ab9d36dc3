// Command gensite writes a synthetic site of N notices (package gen) for
// scale tests and benchmarks:
//
//	go run ./tools/cmd/gensite -n 1000 -o /tmp/site1000
//	go build -o /tmp/rectify ./tools/cmd/rectify
//	(cd /tmp/site1000 && /tmp/rectify check)   # passes
//	cp go.mod go.sum /tmp/site1000/ && (cd /tmp/site1000 && /tmp/rectify build -o /tmp/site1000-public)
//
// The site folder has no go.mod: `go run` of the repository's commands
// does not work inside it, a built binary does. rectify build runs the
// pinned Hugo with `go tool`, so it needs the repository's go.mod and
// go.sum copied in; `go run ./tools/cmd/scalebench` does all of this.
// (`go tool hugo --source DIR` from the repository root builds the pages
// too, but not what rectify build adds after Hugo: the CSV files and
// /data/issues.json, package tools/opendata.)
//
// Run it from the repository root; the output folder must be new or empty.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/wuhan-rectify/tracker/tools/gen"
)

func main() {
	n := flag.Int("n", 20, "number of notices")
	out := flag.String("o", "", "output folder (new or empty)")
	flag.Parse()
	if *out == "" || *n < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gensite -n N -o DIR (from the repository root)")
		os.Exit(2)
	}
	root, err := os.Getwd()
	if err == nil {
		_, err = gen.Site(root, *out, *n)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "wrote %d notices to %s\n", *n, *out)
}
