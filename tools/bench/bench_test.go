package bench

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wuhan-rectify/tracker/tools/internal/repo"
)

// TestScale measures the build speed of issue 10 at each N of $SCALE_N
// (e.g. 100 or 1,10,100,1000; skipped when unset) and checks its
// requirements: at 100 notices rectify build takes ≤ 1.5× bare Hugo, at
// 1,000 ≤ 2× with ≤ 2 GB peak RSS, and the data check ≤ 10 % of the build.
// A developer's measurement on a quiet machine, never a timed test in CI.
// $SCALE_RUNS sets the runs of each build (default 3), $SCALE_DIR keeps the
// sites and outputs in that folder.
//
//	SCALE_N=100 go test -run Scale -v -timeout 60m ./tools/bench
func TestScale(t *testing.T) {
	spec := os.Getenv("SCALE_N")
	if spec == "" {
		t.Skip("set SCALE_N (e.g. 100 or 1,10,100,1000) to measure the build at scale")
	}
	ns, err := ParseNs(spec)
	if err != nil {
		t.Fatal(err)
	}
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("SCALE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	runs := 3
	if s := os.Getenv("SCALE_RUNS"); s != "" {
		if rs, err := ParseNs(s); err == nil {
			runs = rs[0]
		}
	}
	b, err := Prepare(Options{Root: root, Dir: dir, Runs: runs, Log: testWriter{t}})
	if err != nil {
		t.Fatal(err)
	}
	var rows []Row
	for _, n := range ns {
		r, err := b.Measure(n)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
		if r.BarePages != r.Pages {
			t.Errorf("%d notices: the bare site has %d pages, the site %d", n, r.BarePages, r.Pages)
		}
		switch {
		case n >= 100 && n < 1000 && r.Ratio() > 1.5:
			t.Errorf("%d notices: rectify build takes %.1f× bare Hugo, want ≤ 1.5×", n, r.Ratio())
		case n >= 1000 && r.Ratio() > 2:
			t.Errorf("%d notices: rectify build takes %.1f× bare Hugo, want ≤ 2×", n, r.Ratio())
		}
		if n >= 1000 {
			if r.RSS > 2<<30 {
				t.Errorf("%d notices: peak RSS %s, want ≤ 2 GB", n, mb(r.RSS))
			}
			if r.Check > r.Build/10 {
				t.Errorf("%d notices: the data check takes %v, more than 10 %% of the build (%v)", n, r.Check, r.Build)
			}
		}
	}
	t.Log("\n" + Table(rows))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func TestPages(t *testing.T) {
	out := []byte("Start building sites … \nhugo v0.165.0 linux/amd64\n\n" +
		"                  │ ZH-CN \n──────────────────┼───────\n Pages            │  6696 \n Paginator pages  │     0 \n")
	if n := Pages(out); n != 6696 {
		t.Errorf("Pages = %d, want 6696", n)
	}
	if n := Pages([]byte("no table")); n != 0 {
		t.Errorf("Pages of no table = %d, want 0", n)
	}
}

func TestParseNs(t *testing.T) {
	ns, err := ParseNs("1, 10,100")
	if err != nil || len(ns) != 3 || ns[2] != 100 {
		t.Errorf("ParseNs = %v, %v", ns, err)
	}
	for _, bad := range []string{"", "0", "1,x", "-5"} {
		if _, err := ParseNs(bad); err == nil {
			t.Errorf("ParseNs(%q) is no error", bad)
		}
	}
}

func TestTable(t *testing.T) {
	r := Row{Notices: 100, Pages: 6696, BarePages: 6696, Build: 15 * time.Second, Bare: 10 * time.Second,
		BuildCPU: 20 * time.Second, BareCPU: 10 * time.Second, RSS: 600 << 20, Largest: 1536, LargestAt: "issues/index.html"}
	s := Table([]Row{r})
	for _, want := range []string{"| 100 | 6696 | 15.0 s | 10.0 s | 1.5× | 20.0 s | 10.0 s | 2.0× | 600 MB |", "1.5 KB issues/index.html"} {
		if !strings.Contains(s, want) {
			t.Errorf("table lacks %q:\n%s", want, s)
		}
	}
}

// TestLargestPage: the HTML file that is largest once gzipped, not the
// largest file (a long run of one letter gzips small), and never a file
// of another kind.
func TestLargestPage(t *testing.T) {
	dir := t.TempDir()
	rnd := rand.New(rand.NewPCG(1, 2))
	varied := make([]byte, 4000)
	for i := range varied {
		varied[i] = byte('a' + rnd.IntN(26))
	}
	for name, content := range map[string]string{
		"index.html":           strings.Repeat("a", 50000),
		"notices/x/index.html": string(varied),
		"notices/y/index.html": "短",
		"data/issues.json":     string(varied) + string(varied),
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	size, at, err := LargestPage(dir)
	if err != nil || at != "notices/x/index.html" || size < 100 || size > 4100 {
		t.Errorf("LargestPage = %d, %q, %v; want notices/x/index.html, its gzipped size", size, at, err)
	}
}
