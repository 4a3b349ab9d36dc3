// Package bench measures how the site builds at scale (issue 10). For N
// generated notices (package gen) it runs `rectify build` and, right after
// it on the same machine, bare Hugo: the same Hugo binary over a throwaway
// site whose content adapter makes the same number of pages with one-line
// templates. Each build runs Options.Runs times and keeps the fastest; the
// peak resident set size is the largest of any process of the build (the
// kernel's rusage of the waited children: rectify, go tool, Hugo). It also
// times, once and in-process, the steps of rectify build besides Hugo and
// the open data (the data check and the change logs from git before it,
// the search index after it), and finds the largest HTML page gzipped.
//
// Developers run it through the command tools/cmd/scalebench, or as a
// budget check (skipped unless SCALE_N is set):
//
//	go run ./tools/cmd/scalebench -n 1,10,100
//	SCALE_N=100,1000 go test -run Scale -v -timeout 120m ./tools/bench
//
// It is never a timed test in CI. Compare (scalebench -compare REF) builds
// the same generated site with the site files of REF and of the working
// tree and reports every output file that differs: the proof that a speed
// change leaves the output byte-identical.
package bench

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wuhan-rectify/tracker/tools/changelog"
	"github.com/wuhan-rectify/tracker/tools/dataset"
	"github.com/wuhan-rectify/tracker/tools/gen"
	"github.com/wuhan-rectify/tracker/tools/internal/parallel"
	"github.com/wuhan-rectify/tracker/tools/notice"
	"github.com/wuhan-rectify/tracker/tools/search"
)

// AsOf is the as-of date of the builds (rectify build --as-of): a fixed
// one, so that two builds of one site are byte-identical.
const AsOf = "2026-12-31"

// commitDate is the date of the generated sites' one commit: after
// config.toml's changelogSince, so that their change logs start there.
const commitDate = "2026-12-02T10:00:00+08:00"

// Options configure a Bench.
type Options struct {
	Root string    // the repository root (go.mod, the site files, tools/)
	Dir  string    // a work folder for the sites, outputs and binaries
	Runs int       // runs of each build, the fastest kept (default 3)
	Log  io.Writer // progress lines, or nil
}

// A Bench builds and measures generated sites: see Prepare.
type Bench struct {
	opt     Options
	rectify string // the rectify binary, built from Root
	hugo    string // the Hugo binary that `go tool hugo` runs
	bareAdd int    // pages a bare site has besides its generated ones
}

// Prepare builds the rectify command of opt.Root into opt.Dir and finds
// the Hugo binary of go.mod (`go tool -n hugo`), so that the builds time
// neither compiler.
func Prepare(opt Options) (*Bench, error) {
	if opt.Runs < 1 {
		opt.Runs = 3
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return nil, err
	}
	b := &Bench{opt: opt, rectify: filepath.Join(opt.Dir, "bin", "rectify")}
	cmd := exec.Command("go", "build", "-o", b.rectify, "./tools/cmd/rectify")
	cmd.Dir = opt.Root
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build rectify: %v\n%s", err, out)
	}
	cmd = exec.Command("go", "tool", "-n", "hugo")
	cmd.Dir = opt.Root
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go tool -n hugo: %v", err)
	}
	b.hugo = strings.TrimSpace(string(out))
	// The pages of a bare site of one generated page: the home page and its
	// section, which the bare site has at every size.
	bare := filepath.Join(opt.Dir, "bare-calibrate")
	if err := writeBareSite(bare, 1); err != nil {
		return nil, err
	}
	r, err := b.runBare(bare, filepath.Join(opt.Dir, "bare-calibrate-out"))
	if err != nil {
		return nil, err
	}
	b.bareAdd = r.pages - 1
	return b, nil
}

func (b *Bench) logf(format string, args ...any) {
	if b.opt.Log != nil {
		fmt.Fprintf(b.opt.Log, format+"\n", args...)
	}
}

// A Row is the measurement of one N.
type Row struct {
	Notices   int
	Pages     int           // pages of the site (Hugo's count)
	BarePages int           // pages of the bare site (the same, by construction)
	Build     time.Duration // rectify build, the fastest run
	Bare      time.Duration // bare Hugo, the fastest run
	BuildCPU  time.Duration // user and system CPU time of rectify build, the least of its runs
	BareCPU   time.Duration // of bare Hugo
	RSS       int64         // peak RSS of rectify build (bytes), the largest of its runs
	BareRSS   int64         // peak RSS of bare Hugo (bytes)
	Check     time.Duration // the data check (dataset.Check), in-process
	Changelog time.Duration // the change logs (changelog.Write)
	Search    time.Duration // the search index (search.Build and WriteFiles, as search.WriteSite)
	Largest   int64         // the largest HTML page, gzipped (bytes)
	LargestAt string        // its path in the output
}

// Ratio is the build time over bare Hugo's.
func (r Row) Ratio() float64 { return r.Build.Seconds() / r.Bare.Seconds() }

// CPURatio is the build's CPU time over bare Hugo's: on a busy machine, a
// steadier figure than Ratio.
func (r Row) CPURatio() float64 { return r.BuildCPU.Seconds() / r.BareCPU.Seconds() }

// Measure generates a site of n notices and measures it.
func (b *Bench) Measure(n int) (Row, error) {
	row := Row{Notices: n}
	site := filepath.Join(b.opt.Dir, fmt.Sprintf("site-%d", n))
	out := filepath.Join(b.opt.Dir, fmt.Sprintf("out-%d", n))
	bare := filepath.Join(b.opt.Dir, fmt.Sprintf("bare-%d", n))
	bareOut := filepath.Join(b.opt.Dir, fmt.Sprintf("bare-out-%d", n))
	for _, d := range []string{site, out, bare, bareOut} {
		if err := os.RemoveAll(d); err != nil {
			return row, err
		}
	}
	b.logf("%d notices: generating %s", n, site)
	if err := MakeSite(b.opt.Root, site, n, []string{"."}); err != nil {
		return row, err
	}
	for run := range b.opt.Runs {
		os.RemoveAll(out)
		r, err := b.runBuild(site, out)
		if err != nil {
			return row, err
		}
		b.logf("%d notices: rectify build %v (CPU %v), %d pages, peak RSS %s", n, r.wall.Round(time.Millisecond), r.cpu.Round(time.Millisecond), r.pages, mb(r.rss))
		if run == 0 {
			row.Pages = r.pages
			if err := writeBareSite(bare, row.Pages-b.bareAdd); err != nil {
				return row, err
			}
		}
		if row.Build == 0 || r.wall < row.Build {
			row.Build = r.wall
		}
		if row.BuildCPU == 0 || r.cpu < row.BuildCPU {
			row.BuildCPU = r.cpu
		}
		row.RSS = max(row.RSS, r.rss)
		os.RemoveAll(bareOut)
		r, err = b.runBare(bare, bareOut)
		if err != nil {
			return row, err
		}
		b.logf("%d notices: bare Hugo %v (CPU %v), %d pages, peak RSS %s", n, r.wall.Round(time.Millisecond), r.cpu.Round(time.Millisecond), r.pages, mb(r.rss))
		row.BarePages = r.pages
		if row.Bare == 0 || r.wall < row.Bare {
			row.Bare = r.wall
		}
		if row.BareCPU == 0 || r.cpu < row.BareCPU {
			row.BareCPU = r.cpu
		}
		row.BareRSS = max(row.BareRSS, r.rss)
	}
	var err error
	row.Check, row.Changelog, row.Search, err = Steps(site, out)
	if err != nil {
		return row, err
	}
	row.Largest, row.LargestAt, err = LargestPage(out)
	b.logf("%d notices: check %v, change logs %v, search index %v; largest page %s gz (%s)", n,
		row.Check.Round(time.Millisecond), row.Changelog.Round(time.Millisecond), row.Search.Round(time.Millisecond),
		kb(row.Largest), row.LargestAt)
	return row, err
}

// Steps times the steps of rectify build besides Hugo and the open data,
// each once on the site at root, in-process: the data check and the change
// logs (before Hugo) and the search index (after, written to a temporary
// folder), with the figures of the site built into out (search.SiteFigures;
// "" builds the index without them, for its time alone).
func Steps(root, out string) (check, log, index time.Duration, err error) {
	tmp, err := os.MkdirTemp("", "bench-steps-")
	if err != nil {
		return
	}
	defer os.RemoveAll(tmp)
	start := time.Now()
	ns, diags := dataset.Check(root, nil, time.Now())
	check = time.Since(start)
	for _, d := range diags {
		if d.Severity == notice.Error {
			return check, 0, 0, fmt.Errorf("check: %v", d)
		}
	}
	start = time.Now()
	if err = changelog.Write(root, filepath.Join(tmp, "changelog")); err != nil {
		return
	}
	log = time.Since(start)
	start = time.Now()
	// As rectify build (search.WriteSite): from the notices the check has
	// read and the site's figures.
	var figs search.Figures
	if out != "" {
		if figs, err = search.SiteFigures(out); err != nil {
			return
		}
	}
	err = search.WriteFiles(filepath.Join(tmp, "search"), search.Build(ns, figs).Files())
	index = time.Since(start)
	return
}

// MakeSite writes a site of n generated notices to dir (gen.Site, from the
// site files of root) ready for rectify build: go.mod and go.sum of root
// (so that `go tool hugo` finds the pinned Hugo), root's .gitignore, and a
// git repository with one commit, made on a fixed date by a fixed author,
// of the given paths (e.g. "." for all; "data/notices" "data/staff" for a
// commit that does not depend on the site files).
func MakeSite(root, dir string, n int, commit []string) error {
	if _, err := gen.Site(root, dir, n); err != nil {
		return err
	}
	return prepareSite(root, dir, n, commit)
}

// prepareSite readies the generated site at dir for rectify build, as
// MakeSite says: root is where go.mod, go.sum and .gitignore come from.
func prepareSite(root, dir string, n int, commit []string) error {
	for _, f := range []string{"go.mod", "go.sum", ".gitignore"} {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			return err
		}
	}
	git := func(args ...string) error {
		cmd := exec.Command("git", append([]string{"-c", "user.name=bench", "-c", "user.email=bench@example.org",
			"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+commitDate, "GIT_COMMITTER_DATE="+commitDate)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	if err := git("init", "-q"); err != nil {
		return err
	}
	if err := git(append([]string{"add", "--"}, commit...)...); err != nil {
		return err
	}
	return git("commit", "-q", "-m", fmt.Sprintf("Generated site of %d notices", n))
}

// A run is one timed build.
type run struct {
	wall  time.Duration
	cpu   time.Duration // user and system, of the process and its waited descendants
	rss   int64
	pages int
}

// pagesRE reads the page count from Hugo's summary table.
var pagesRE = regexp.MustCompile(`(?m)^\s*Pages\s*[│|]\s*(\d+)`)

// Pages returns the page count of Hugo's summary in its output, or 0.
func Pages(hugoOutput []byte) int {
	m := pagesRE.FindSubmatch(hugoOutput)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// runBuild runs `rectify build -o out --as-of AsOf` in the site at dir.
func (b *Bench) runBuild(dir, out string) (run, error) { return b.runBuildWith(b.rectify, dir, out) }

// runBuildWith runs `rectify build -o out --as-of AsOf` with the binary
// rectify in the site at dir.
func (b *Bench) runBuildWith(rectify, dir, out string) (run, error) {
	cmd := exec.Command(rectify, "build", "-o", out, "--as-of", AsOf)
	cmd.Dir = dir
	cmd.Env = withoutHugoEnv()
	return timed(cmd)
}

// runBare runs the Hugo binary on the bare site at dir.
func (b *Bench) runBare(dir, out string) (run, error) {
	cmd := exec.Command(b.hugo, "--source", dir, "--destination", out, "--noBuildLock")
	cmd.Env = withoutHugoEnv()
	return timed(cmd)
}

// withoutHugoEnv is the environment without HUGO_* variables, which would
// change what the sites build.
func withoutHugoEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "HUGO_") {
			env = append(env, e)
		}
	}
	return env
}

func timed(cmd *exec.Cmd) (run, error) {
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := run{wall: time.Since(start), pages: Pages(stdout.Bytes())}
	if err != nil {
		return r, fmt.Errorf("%s: %v\n%s%s", strings.Join(cmd.Args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	r.rss = maxRSS(cmd.ProcessState)
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if r.pages == 0 {
		return r, fmt.Errorf("%s: no page count in Hugo's output:\n%s", strings.Join(cmd.Args, " "), stdout.Bytes())
	}
	return r, nil
}

// writeBareSite writes a throwaway site of pages generated pages (besides
// its home page and section) with one-line templates: what Hugo itself
// costs per page.
func writeBareSite(dir string, pages int) error {
	files := map[string]string{
		"hugo.toml":                 fmt.Sprintf("baseURL = \"/\"\ndisableKinds = [\"taxonomy\", \"term\"]\n[params]\npages = %d\n", pages),
		"content/p/_content.gotmpl": `{{ range seq site.Params.pages }}{{ $.AddPage (dict "path" (string .) "title" (printf "第%d页" .)) }}{{ end }}` + "\n",
		"layouts/page.html":         `<!doctype html><html lang="zh-CN"><title>{{ .Title }}</title><h1>{{ .Title }}</h1></html>` + "\n",
		"layouts/list.html":         `<!doctype html><html lang="zh-CN"><title>{{ .Title }}</title><h1>{{ .Title }}</h1></html>` + "\n",
	}
	os.RemoveAll(dir)
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// LargestPage returns the largest HTML file under dir once gzipped
// (default compression), and its path relative to dir.
func LargestPage(dir string) (int64, string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return 0, "", err
	}
	sizes := make([]int64, len(paths))
	errs := make([]error, len(paths))
	// Each run reuses a gzip writer (they are large) from the pool.
	writers := sync.Pool{New: func() any {
		g := &gzCounter{}
		g.zw, _ = gzip.NewWriterLevel(&g.n, gzip.DefaultCompression)
		return g
	}}
	parallel.For(runtime.GOMAXPROCS(0), len(paths), func(i int) {
		g := writers.Get().(*gzCounter)
		defer writers.Put(g)
		sizes[i], errs[i] = g.size(paths[i])
	})
	var best int64
	at := ""
	for i, s := range sizes {
		if s > best {
			best = s
			at, _ = filepath.Rel(dir, paths[i])
			at = filepath.ToSlash(at)
		}
	}
	for _, err := range errs {
		if err != nil {
			return best, at, err
		}
	}
	return best, at, nil
}

// counter counts the bytes written to it.
type counter int

func (c *counter) Write(p []byte) (int, error) { *c += counter(len(p)); return len(p), nil }

// gzCounter measures files gzipped, reusing one writer.
type gzCounter struct {
	n  counter
	zw *gzip.Writer
}

// size returns the size of the file at path once gzipped.
func (g *gzCounter) size(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	g.n = 0
	g.zw.Reset(&g.n)
	if _, err := io.Copy(g.zw, f); err != nil {
		return 0, err
	}
	if err := g.zw.Close(); err != nil {
		return 0, err
	}
	return int64(g.n), nil
}

// Table formats rows as a Markdown table, as in issue 10.
func Table(rows []Row) string {
	var b strings.Builder
	b.WriteString("| notices | pages | build | bare Hugo | ratio | CPU build | CPU bare | CPU ratio | peak RSS | bare RSS | check | change logs | search index | largest page (gz) |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		pages := strconv.Itoa(r.Pages)
		if r.BarePages != r.Pages {
			pages += fmt.Sprintf(" (bare %d)", r.BarePages)
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %.1f× | %s | %s | %.1f× | %s | %s | %s | %s | %s | %s %s |\n",
			r.Notices, pages, secs(r.Build), secs(r.Bare), r.Ratio(), secs(r.BuildCPU), secs(r.BareCPU), r.CPURatio(), mb(r.RSS), mb(r.BareRSS),
			secs(r.Check), secs(r.Changelog), secs(r.Search), kb(r.Largest), r.LargestAt)
	}
	return b.String()
}

func secs(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

func mb(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%d MB", n>>20)
}

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }

// ParseNs parses a list of notice counts such as "1,10,100".
func ParseNs(s string) ([]int, error) {
	var ns []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a number of notices (≥ 1)", f)
		}
		ns = append(ns, n)
	}
	return ns, nil
}

// Compare builds a site of n generated notices twice with rectify build:
// once with the site files (config.toml, content/, layouts/, static/,
// i18n/, assets/) and the rectify of the git revision ref, once with those
// of the working tree (so that what rectify adds after Hugo, the open
// data of package opendata, is compared too), the same data, Hugo and
// git history for both; the
// data has series of notices (addSeries). It returns the output files that differ, are missing or are extra (relative
// paths, sorted), and how many files the working tree's build wrote.
func (b *Bench) Compare(ref string, n int) (diffs []string, files int, err error) {
	tree := filepath.Join(b.opt.Dir, "ref-tree")
	os.RemoveAll(tree)
	if err := exportTree(b.opt.Root, ref, tree); err != nil {
		return nil, 0, err
	}
	refRectify := filepath.Join(b.opt.Dir, "bin", "rectify-ref")
	cmd := exec.Command("go", "build", "-o", refRectify, "./tools/cmd/rectify")
	cmd.Dir = tree
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, 0, fmt.Errorf("go build rectify of %s: %v\n%s", ref, err, out)
	}
	outs := map[string]string{}
	for _, side := range []struct{ name, root, rectify string }{{"ref", tree, refRectify}, {"new", b.opt.Root, b.rectify}} {
		site := filepath.Join(b.opt.Dir, "compare-"+side.name)
		out := filepath.Join(b.opt.Dir, "compare-"+side.name+"-out")
		os.RemoveAll(site)
		os.RemoveAll(out)
		ns, err := gen.Site(side.root, site, n)
		if err != nil {
			return nil, 0, err
		}
		if err := addSeries(site, ns); err != nil {
			return nil, 0, err
		}
		// go.mod and go.sum of Root for both: the same Hugo.
		if err := prepareSite(b.opt.Root, site, n, []string{"data/notices", "data/staff"}); err != nil {
			return nil, 0, err
		}
		b.logf("compare: building %s (site files and rectify of %s)", site, side.name)
		if _, err := b.runBuildWith(side.rectify, site, out); err != nil {
			return nil, 0, err
		}
		outs[side.name] = out
	}
	a, err := readTree(outs["ref"])
	if err != nil {
		return nil, 0, err
	}
	c, err := readTree(outs["new"])
	if err != nil {
		return nil, 0, err
	}
	for p, sum := range c {
		if old, ok := a[p]; !ok {
			diffs = append(diffs, "only in the new build: "+p)
		} else if !bytes.Equal(old, sum) {
			diffs = append(diffs, "differs: "+p)
		}
	}
	for p := range a {
		if _, ok := c[p]; !ok {
			diffs = append(diffs, "only in the ref build: "+p)
		}
	}
	sort.Strings(diffs)
	return diffs, len(c), nil
}

// series are the successive notices that Compare adds to a generated site
// (gen makes none): {later, earlier} notice indexes (gen.Make's i), of
// notices without a staff file (gen gives one to i%3 == 1), the later
// published in a later year (gen: 2020 + i/7). Notice 2 is continued by
// two notices, 0 by a chain of two.
var series = [][2]int{{8, 0}, {14, 8}, {9, 2}, {11, 2}}

// addSeries writes staff files to the site at dir of the generated notices
// ns that make some notices continue earlier ones (series, those that
// len(ns) allows), problem by problem: problems 1–10 continue the same
// number, 11 continues 12, and 12 none, so that the pages show series of
// problems and their overdue flags follow them.
func addSeries(dir string, ns []gen.Notice) error {
	for _, p := range series {
		later, earlier := p[0], p[1]
		if later >= len(ns) || earlier >= len(ns) {
			continue
		}
		if ns[later].Staff != nil {
			return fmt.Errorf("%s has a staff file already", ns[later].ID)
		}
		st := notice.Staff{Notice: notice.StaffNotice{Continues: ns[earlier].ID}, Problems: map[string]notice.StaffProblem{}}
		for k := 1; k <= 10; k++ {
			st.Problems[strconv.Itoa(k)] = notice.StaffProblem{Continues: k}
		}
		st.Problems["11"] = notice.StaffProblem{Continues: 12}
		path := filepath.Join(dir, "data", "staff", ns[later].ID+".toml")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, notice.MarshalStaff(&st, "合成数据：接续关系（tools/bench）。", nil), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// exportTree writes the files of git revision ref of the repository at
// root to dir.
func exportTree(root, ref, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	archive := exec.Command("git", "archive", "--format=tar", ref)
	archive.Dir = root
	untar := exec.Command("tar", "-x", "-C", dir)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return err
	}
	untar.Stdin = pipe
	var errs bytes.Buffer
	archive.Stderr, untar.Stderr = &errs, &errs
	if err := untar.Start(); err != nil {
		return err
	}
	if err := archive.Run(); err != nil {
		untar.Wait()
		return fmt.Errorf("git archive %s: %v\n%s", ref, err, errs.Bytes())
	}
	if err := untar.Wait(); err != nil {
		return fmt.Errorf("tar: %v\n%s", err, errs.Bytes())
	}
	return nil
}

// readTree reads every file under dir, by slash-separated relative path.
func readTree(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no output in %s", dir)
	}
	return files, err
}
