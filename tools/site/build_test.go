package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/wuhan-rectify/tracker/tools/dataset"
	"github.com/wuhan-rectify/tracker/tools/internal/repo"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// baseURL is the base URL of every test build: a sub-path, so that the link
// tests also prove that the site works under one (issue 4).
const (
	baseURL  = "https://tracker.test/sub/"
	basePath = "/sub/"
)

// siteFiles are the files and folders of the Hugo site, copied for a build.
var siteFiles = []string{"config.toml", "content", "layouts", "static", "i18n", "assets"}

// testAsOf is the as-of date of the test builds (HUGO_PARAMS_ASOF, as
// `rectify build --as-of` sets it): deadlines are judged against it, so the
// output does not depend on the clock.
const testAsOf = "2026-11-30"

// A build is one Hugo build of the site into a temporary directory.
type build struct {
	name    string
	dir     string // the output (public/)
	notices []*notice.Notice
	// raw holds each notice's data file and staff file as decoded TOML
	// (staff nil when there is none): what the site reads, for the
	// expectations of keys that notice.Notice does not model.
	raw  map[string]rawNotice
	asOf string // HUGO_PARAMS_ASOF; "" is testAsOf, "none" leaves it unset
	// pagerSize is HUGO_PARAMS_PAGERSIZE (items per page of a list); 0
	// leaves config.toml's (see pageSize).
	pagerSize int
	elapsed   time.Duration
	err       error
}

var (
	builds   = map[string]*build{}
	buildsMu sync.Mutex
	onces    = map[string]*sync.Once{}
	tmpRoot  string
)

func TestMain(m *testing.M) {
	var err error
	tmpRoot, err = os.MkdirTemp("", "site-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(tmpRoot)
	os.Exit(code)
}

// moduleRoot is the repository's top folder (the one holding go.mod).
func moduleRoot(t testing.TB) string {
	t.Helper()
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// realDataFiles returns data/notices/*.toml of the repository.
func realDataFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(moduleRoot(t), "data", "notices", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sampleFiles is the hand-made notice, its staff file and its original
// text.
func sampleFiles(t testing.TB) (data, staff, original string) {
	dir := filepath.Join(moduleRoot(t), "tools", "site", "testdata")
	return filepath.Join(dir, "sample-2024.toml"), filepath.Join(dir, "staff", "sample-2024.toml"), filepath.Join(dir, "sample-2024.txt")
}

// realSite is the site built from the repository's own data (the seed
// notice at least: its absence is a failure).
func realSite(t *testing.T) *build {
	t.Helper()
	if len(realDataFiles(t)) == 0 {
		t.Fatal("data/notices/ has no data file: the seed notice data/notices/wuhan-eeb-2020.toml is missing")
	}
	return siteBuild(t, "real")
}

// sitesFor returns the sample site and the real site; with both, also the
// site built from the two together (several notices).
func sitesFor(t *testing.T, both bool) []*build {
	t.Helper()
	out := []*build{sampleSite(t), realSite(t)}
	if both {
		out = append(out, siteBuild(t, "both"))
	}
	return out
}

// sampleSite is the site built from testdata/sample-2024.toml alone.
func sampleSite(t *testing.T) *build { return siteBuild(t, "sample") }

// siteBuild builds the named variant once per test binary:
//
//	real     data/notices/*.toml
//	real2    the same again (for the determinism test)
//	sample   testdata/sample-2024.toml with its staff file testdata/staff/
//	both     the real data and the sample together (several notices)
//	updated  the seed with a status update added to its staff file (see testUpdate)
func siteBuild(t *testing.T, name string) *build {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: builds the site with Hugo")
	}
	buildsMu.Lock()
	once, ok := onces[name]
	if !ok {
		once = new(sync.Once)
		onces[name] = once
	}
	buildsMu.Unlock()
	once.Do(func() {
		b := &build{name: name}
		b.err = b.run(t)
		buildsMu.Lock()
		builds[name] = b
		buildsMu.Unlock()
	})
	buildsMu.Lock()
	b := builds[name]
	buildsMu.Unlock()
	if b.err != nil {
		t.Fatalf("building the %s site: %v", name, b.err)
	}
	return b
}

func (b *build) run(t *testing.T) error {
	root := moduleRoot(t)
	src := filepath.Join(tmpRoot, b.name, "src")
	b.dir = filepath.Join(tmpRoot, b.name, "public")
	if err := prepareSource(root, src); err != nil {
		return err
	}
	// data are the data files of the build, imported those of them that
	// `rectify import` made (see checkData).
	var data, imported []string
	switch b.name {
	case "real", "real2":
		data = realDataFiles(t)
		imported = data
	case "updated":
		data = []string{filepath.Join(root, "data", "notices", seedID+".toml")}
		imported = data
		if err := writeUpdatedStaff(root, src); err != nil {
			return err
		}
	case "sample", "both":
		d, staff, orig := sampleFiles(t)
		data = []string{d}
		if err := copyFile(orig, filepath.Join(src, "static", "originals", "sample-2024.txt")); err != nil {
			return err
		}
		if err := copyFile(staff, filepath.Join(src, "data", "staff", "sample-2024.toml")); err != nil {
			return err
		}
		if b.name == "both" {
			imported = realDataFiles(t)
			data = append(data, imported...)
		}
	default:
		return fmt.Errorf("unknown build %q", b.name)
	}
	var paths, importedPaths []string
	for _, f := range data {
		p := filepath.Join(src, "data", "notices", filepath.Base(f))
		if err := copyFile(f, p); err != nil {
			return err
		}
		paths = append(paths, p)
		if slices.Contains(imported, f) {
			importedPaths = append(importedPaths, p)
		}
	}
	ns, diags := checkData(src, paths, importedPaths)
	if err := checkError(diags); err != nil {
		return err
	}
	b.notices = ns
	raw, err := readRaw(src, paths)
	if err != nil {
		return err
	}
	b.raw = raw
	return b.hugo(t, root, src)
}

// checkData checks the data files at paths under src, with their staff
// files, as `rectify build` does, and returns the notices sorted by id (their
// staff files applied) and the diagnostics. The imported ones (what `rectify
// import` made: the seed, the importer's test notices) get the full check of
// `rectify check` (dataset.Check), which also imports each again from its
// original and reports any difference. The synthetic fixtures
// (testdata/sample-*.toml, the generated shapes, the hostile text, the
// feature sites) are not imports by design: they are checked with
// notice.CheckFiles, every rule of the data model and of the staff files,
// without the comparison with a fresh import.
func checkData(src string, paths, imported []string) ([]*notice.Notice, []notice.Diagnostic) {
	now := time.Now()
	ns, diags := notice.CheckFiles(src, paths, now)
	if len(imported) > 0 {
		_, ds := dataset.Check(src, imported, now)
		for _, d := range ds {
			if !slices.Contains(diags, d) {
				diags = append(diags, d)
			}
		}
	}
	sort.Slice(ns, func(i, j int) bool { return ns[i].ID < ns[j].ID })
	return ns, diags
}

// checkError is the error of diagnostics with errors, or nil.
func checkError(diags []notice.Diagnostic) error {
	if !notice.HasErrors(diags) {
		return nil
	}
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
	}
	return fmt.Errorf("the data does not pass the check:\n%s", strings.Join(msgs, "\n"))
}

// prepareSource copies the site files of the repository, and data/ without
// its notices, to src.
func prepareSource(root, src string) error {
	for _, f := range siteFiles {
		if err := copyTree(filepath.Join(root, f), filepath.Join(src, f)); err != nil {
			return err
		}
	}
	// The rest of data/ (corrections lists, README.md) is copied too: Hugo
	// must cope with it as in the repository.
	dataDir := filepath.Join(root, "data")
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != "notices" {
			if err := copyTree(filepath.Join(dataDir, e.Name()), filepath.Join(src, "data", e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// hugo builds the site at src into b.dir with the pinned Hugo, as a deploy
// does (production, a sub-path base URL), failing on any warning, then
// finishes its open data as rectify build does (finishOpenData). The error
// holds Hugo's output.
func (b *build) hugo(t testing.TB, root, src string) error {
	cmd := exec.Command("go", "tool", "hugo",
		"--source", src, "--destination", b.dir,
		"--enableGitInfo=false", "--noBuildLock", "--printI18nWarnings", "--printPathWarnings", "--panicOnWarning")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "HUGO_BASEURL="+baseURL, "HUGO_ENVIRONMENT=production")
	if b.pagerSize > 0 {
		cmd.Env = append(cmd.Env, fmt.Sprintf("HUGO_PARAMS_PAGERSIZE=%d", b.pagerSize))
	}
	switch b.asOf {
	case "":
		cmd.Env = append(cmd.Env, "HUGO_PARAMS_ASOF="+testAsOf)
	case "none":
	default:
		cmd.Env = append(cmd.Env, "HUGO_PARAMS_ASOF="+b.asOf)
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err := cmd.Run()
	b.elapsed = time.Since(start)
	if err != nil {
		return fmt.Errorf("%v\n%s", err, out.String())
	}
	t.Logf("built the %s site in %v (go tool hugo, including its start-up)", b.name, b.elapsed.Round(time.Millisecond))
	return finishOpenData(src, b.dir, b.asOf)
}

// The status update of the "updated" build: issue 4's scenario, a staff
// member records that a problem still being rectified is now done.
var testUpdate = notice.Update{Date: "2021-06-30", Status: "已完成", Note: "整改任务已全部完成。", Source: "测试用的进展更新"}

// writeUpdatedStaff writes the seed's staff file under src (the
// repository's, if it has one) with testUpdate added to the first problem
// that is 正在整改 without updates, where staff write a status update.
func writeUpdatedStaff(root, src string) error {
	var n notice.Notice
	if _, err := toml.DecodeFile(filepath.Join(root, "data", "notices", seedID+".toml"), &n); err != nil {
		return err
	}
	staffPath := filepath.Join(src, "data", "staff", seedID+".toml")
	staff := &notice.Staff{}
	if _, err := os.Stat(staffPath); err == nil {
		if _, err := toml.DecodeFile(staffPath, staff); err != nil {
			return err
		}
	}
	n.ApplyStaff(staff)
	i := updatedIssue(&n)
	if i < 0 {
		return fmt.Errorf("the seed notice has no problem with status 正在整改 and no update")
	}
	key := strconv.Itoa(n.Issues[i].Number)
	if staff.Problems == nil {
		staff.Problems = map[string]notice.StaffProblem{}
	}
	p := staff.Problems[key]
	p.Updates = append(p.Updates, testUpdate)
	staff.Problems[key] = p
	data := notice.MarshalStaff(staff, "测试用的工作人员文件：加了一条整改进展（testUpdate）。", nil)
	if err := os.MkdirAll(filepath.Dir(staffPath), 0o755); err != nil {
		return err
	}
	return os.WriteFile(staffPath, data, 0o644)
}

// updatedIssue is the index of the problem that the "updated" build changes.
func updatedIssue(n *notice.Notice) int {
	for i, is := range n.Issues {
		if is.Status == "正在整改" && len(is.Updates) == 0 {
			return i
		}
	}
	return -1
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		return copyFile(path, filepath.Join(to, rel))
	})
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// read returns the content of the output file at rel (slash-separated).
func (b *build) read(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(b.dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("%s site: %v", b.name, err)
	}
	return data
}

// exists says whether the output has the file at rel.
func (b *build) exists(rel string) bool {
	st, err := os.Stat(filepath.Join(b.dir, filepath.FromSlash(rel)))
	return err == nil && !st.IsDir()
}

// htmlFiles lists every .html file of the output, slash-separated, sorted.
func (b *build) htmlFiles(t testing.TB) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(b.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".html") {
			rel, _ := filepath.Rel(b.dir, path)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// page parses the output file at rel (e.g. "issues/index.html").
func (b *build) page(t testing.TB, rel string) *doc {
	t.Helper()
	d, err := parseDoc(b.read(t, rel))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	d.rel = rel
	return d
}

// pageAt parses the page at the site path (e.g. "/sub/issues/").
func (b *build) pageAt(t testing.TB, path string) *doc {
	t.Helper()
	rel, ok := b.fileOf(path)
	if !ok {
		t.Fatalf("%s site: no page at %s", b.name, path)
	}
	return b.page(t, rel)
}

// fileOf maps a site path (under basePath, percent-encoded or not) to the
// output file that serves it.
func (b *build) fileOf(path string) (string, bool) {
	if !strings.HasPrefix(path, basePath) {
		return "", false
	}
	rel := strings.TrimPrefix(path, basePath)
	if u, err := url.PathUnescape(rel); err == nil {
		rel = u
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if b.exists(rel) {
		return rel, true
	}
	return "", false
}

// issuePath is the site path of a problem page.
func issuePath(id string, n int) string {
	return fmt.Sprintf("%snotices/%s/issues/%d/", basePath, id, n)
}

// currentStatus is the status of the last update, or the notice's own.
func currentStatus(is notice.Issue) string {
	s, last := is.Status, ""
	for _, u := range is.Updates {
		if u.Date >= last {
			s, last = u.Status, u.Date
		}
	}
	return s
}

// kinds returns the accountability kinds of a problem, each once, in the
// order of notice.AccountabilityKinds.
func kinds(is notice.Issue) []string {
	var out []string
	for _, k := range notice.AccountabilityKinds {
		for _, a := range is.Accountability {
			if a.Kind == k {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// areaOf and categoryOf return the area and category of a problem.
func areaOf(n *notice.Notice, is notice.Issue) *notice.Area {
	for i := range n.Areas {
		if n.Areas[i].Number == is.Area {
			return &n.Areas[i]
		}
	}
	return nil
}

func categoryOf(n *notice.Notice, is notice.Issue) *notice.Category {
	for i := range n.Categories {
		if n.Categories[i].Number == is.Category {
			return &n.Categories[i]
		}
	}
	return nil
}
