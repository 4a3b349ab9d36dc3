package search

import (
	"bytes"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wuhan-rectify/tracker/tools/dataset"
	"github.com/wuhan-rectify/tracker/tools/gen"
	"github.com/wuhan-rectify/tracker/tools/internal/repo"
	"github.com/wuhan-rectify/tracker/tools/notice"
	"golang.org/x/text/unicode/norm"
)

// TestOracleSeed: on the real data, every query returns exactly the
// documents of the brute-force oracle.
func TestOracleSeed(t *testing.T) {
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	ns, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	checkOracle(t, Build(ns, nil), 400)
}

// TestOracleGenerated: the same on a generated site of 20 notices (staff
// files, notices without areas or categories).
func TestOracleGenerated(t *testing.T) {
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := gen.Site(root, dir, 20); err != nil {
		t.Fatal(err)
	}
	ns, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 400
	if testing.Short() {
		n = 100
	}
	checkOracle(t, Build(ns, nil), n)
}

// TestOracleSite: the same on the site at $SEARCH_SITE (skipped when
// unset), e.g. 1,000 generated notices:
//
//	go run ./tools/cmd/gensite -n 1000 -o DIR
//	SEARCH_SITE=DIR go test -run OracleSite -v ./tools/search
func TestOracleSite(t *testing.T) {
	dir := os.Getenv("SEARCH_SITE")
	if dir == "" {
		t.Skip("set SEARCH_SITE to a site folder")
	}
	ns, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkOracle(t, Build(ns, nil), 400)
}

func checkOracle(t *testing.T, ix *Index, n int) {
	start := time.Now()
	files := ix.Files()
	t.Logf("%d documents (%d problems), %d index files, built and encoded in %v", len(ix.Docs), ix.P, len(files), time.Since(start).Round(time.Millisecond))
	rd, err := NewReader(files)
	if err != nil {
		t.Fatal(err)
	}
	tp, fp, fn, empty := 0, 0, 0, 0
	qs := Queries(ix, n, 1)
	oracle := NewOracle(ix)
	for _, q := range qs {
		want := oracle.Search(q)
		got, err := rd.Search(q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if len(want) == 0 {
			empty++
		}
		w := map[int32]bool{}
		for _, d := range want {
			w[d] = true
		}
		miss, extra := 0, 0
		for _, d := range got.Docs {
			if w[d] {
				tp++
			} else {
				fp++
				extra++
			}
		}
		miss = len(want) - (len(got.Docs) - extra)
		fn += miss
		if miss > 0 || extra > 0 {
			t.Errorf("%q: %d results, the oracle %d (%d missed, %d extra)", q, len(got.Docs), len(want), miss, extra)
		}
		// Title hits: problems whose title holds every term.
		for _, d := range got.Docs {
			if int(d) >= ix.P {
				continue
			}
			title := Normalize(ix.Docs[d].Title)
			all := true
			for _, term := range Terms(q) {
				all = all && strings.Contains(title, term)
			}
			if all != got.TitleHit[d] {
				t.Errorf("%q: problem %d: title hit %v, want %v", q, d, got.TitleHit[d], all)
			}
		}
	}
	precision, recall := 1.0, 1.0
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		recall = float64(tp) / float64(tp+fn)
	}
	t.Logf("%d queries (%d fixed, %d without results): %d results agree, %d extra, %d missed: precision %.2f%%, recall %.2f%%",
		len(qs), len(FixedQueries), empty, tp, fp, fn, 100*precision, 100*recall)
}

// TestNormalize: the table of Normalize agrees with NFKC on every BMP rune
// alone, next to combining marks and Hangul jamo, and in pairs of the runes
// the table maps.
func TestNormalize(t *testing.T) {
	marks := []string{"", "\u0301", "\u3099", "\u0338", "\u11a8", "\u1161", "a", "中", "，", "Ａ", "\uff9e"}
	if testing.Short() {
		marks = []string{"", "\u0301", "\uff9e", "，"}
	}
	var mapped []string
	for r := range rune(0x10000) {
		if !utf8.ValidRune(r) {
			continue
		}
		if m := nfkcTable()[r]; m != nil && m != inertMark {
			mapped = append(mapped, string(r))
		} else if testing.Short() && r%8 != 0 {
			continue
		}
		for _, m := range marks {
			for _, s := range []string{string(r) + m, m + string(r), "a" + string(r) + m + "中"} {
				if got, want := Normalize(s), norm.NFKC.String(s); got != want {
					t.Fatalf("Normalize(%q) = %q, NFKC gives %q", s, got, want)
				}
			}
		}
	}
	t.Logf("%d runes mapped by the table", len(mapped))
	r := rand.New(rand.NewPCG(1, 2))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for range n {
		s := mapped[r.IntN(len(mapped))] + mapped[r.IntN(len(mapped))] + mapped[r.IntN(len(mapped))]
		if got, want := Normalize(s), norm.NFKC.String(s); got != want {
			t.Fatalf("Normalize(%q) = %q, NFKC gives %q", s, got, want)
		}
	}
}

// TestCheckedNotices: the index built from the notices of the data check
// (as rectify build and serve build it) is the one built by reading the
// data files (Load), on a generated site.
func TestCheckedNotices(t *testing.T) {
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := gen.Site(root, dir, 5); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	checked, diags := dataset.Check(dir, nil, time.Now())
	for _, d := range diags {
		if d.Severity == notice.Error {
			t.Fatalf("the generated site does not pass the check: %v", d)
		}
	}
	a := Build(loaded, nil).Files()
	b := Build(checked, nil).Files()
	if len(a) != len(b) {
		t.Fatalf("%d files from the data files, %d from the check", len(a), len(b))
	}
	for name, content := range a {
		if !bytes.Equal(content, b[name]) {
			t.Errorf("%s differs between the index of the data files and that of the check", name)
		}
	}
}

// TestBuildParallel: the index is the same whatever the number of
// goroutines that build it (tables built per run of notices, merged).
func TestBuildParallel(t *testing.T) {
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := gen.Site(root, dir, 7); err != nil {
		t.Fatal(err)
	}
	ns, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want map[string][]byte
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		got := Build(ns, nil).Files()
		if want == nil {
			want = got
			continue
		}
		if len(got) != len(want) {
			t.Fatalf("%d goroutines: %d files, one goroutine %d", procs, len(got), len(want))
		}
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Errorf("%d goroutines: %s differs from the one built by one goroutine", procs, name)
			}
		}
	}
}
