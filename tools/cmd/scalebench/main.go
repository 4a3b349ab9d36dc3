// Command scalebench measures the build at scale (issue 10; package
// tools/bench): for each N it generates a site of N notices, runs rectify
// build and bare Hugo on the same number of pages (the fastest of -runs
// runs each), and prints a table of the build and bare-Hugo times, their
// ratio, the peak RSS, the page count, the steps besides Hugo and the
// largest page gzipped. Run it from the repository root on a quiet machine:
//
//	go run ./tools/cmd/scalebench -n 1,10,100
//	go run ./tools/cmd/scalebench -n 1000 -runs 2
//
// With -steps it times only the steps besides Hugo (the check and the
// change logs before it, the search index after it, here without the
// site's figures), in-process (with GOMAXPROCS=1, on one CPU):
//
//	go run ./tools/cmd/scalebench -steps -n 1000
//
// With -compare REF it instead builds one generated site (-n, default 20)
// with the site files and rectify of git revision REF and of the working
// tree, and
// lists every output file that differs (exit status 1 when one does):
//
//	go run ./tools/cmd/scalebench -compare main
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/wuhan-rectify/tracker/tools/bench"
	"github.com/wuhan-rectify/tracker/tools/internal/repo"
)

func main() {
	ns := flag.String("n", "", "notice counts, comma-separated (default 1,10,100; 20 with -compare)")
	runs := flag.Int("runs", 3, "runs of each build (the fastest is kept)")
	dir := flag.String("dir", "", "work folder (default: a temporary folder, removed at the end)")
	compare := flag.String("compare", "", "git revision whose site files to compare the output with")
	steps := flag.Bool("steps", false, "time only the steps of rectify build besides Hugo (check, change logs, search index)")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *ns == "" {
		*ns = "1,10,100"
		if *compare != "" {
			*ns = "20"
		}
	}
	counts, err := bench.ParseNs(*ns)
	if err != nil {
		fail(err)
	}
	root, err := repo.Root()
	if err != nil {
		fail(err)
	}
	work := *dir
	if work == "" {
		if work, err = os.MkdirTemp("", "scalebench-"); err != nil {
			fail(err)
		}
		temp = work
		defer os.RemoveAll(work)
	}
	if *steps {
		for _, n := range counts {
			site := filepath.Join(work, fmt.Sprintf("site-%d", n))
			os.RemoveAll(site)
			if err := bench.MakeSite(root, site, n, []string{"."}); err != nil {
				fail(err)
			}
			check, log, index, err := bench.Steps(site, "")
			if err != nil {
				fail(err)
			}
			fmt.Printf("%d notices: check %v, change logs %v, search index %v (%d CPUs)\n", n,
				check.Round(time.Millisecond), log.Round(time.Millisecond), index.Round(time.Millisecond), runtime.GOMAXPROCS(0))
		}
		return
	}
	b, err := bench.Prepare(bench.Options{Root: root, Dir: work, Runs: *runs, Log: os.Stderr})
	if err != nil {
		fail(err)
	}
	if *compare != "" {
		bad := false
		for _, n := range counts {
			diffs, files, err := b.Compare(*compare, n)
			if err != nil {
				fail(err)
			}
			for _, d := range diffs {
				fmt.Println(d)
			}
			fmt.Printf("%d notices: %d files built, %d differ from %s\n", n, files, len(diffs), *compare)
			bad = bad || len(diffs) > 0
		}
		if bad {
			os.RemoveAll(temp)
			os.Exit(1)
		}
		return
	}
	var rows []bench.Row
	for _, n := range counts {
		r, err := b.Measure(n)
		if err != nil {
			fail(err)
		}
		rows = append(rows, r)
	}
	fmt.Print(bench.Table(rows))
}

// temp is the work folder made by main, removed on exit.
var temp string

func fail(err error) {
	fmt.Fprintln(os.Stderr, "scalebench:", err)
	if temp != "" {
		os.RemoveAll(temp)
	}
	os.Exit(1)
}
