package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/wuhan-rectify/tracker/tools/notice"
	"github.com/wuhan-rectify/tracker/tools/opendata"
	"github.com/wuhan-rectify/tracker/tools/search"
)

// TestBuildRefusesBadData: with a data error, `rectify build` prints the
// diagnostic, exits 1 and leaves public/ as it was (Hugo does not run).
func TestBuildRefusesBadData(t *testing.T) {
	repo := buildRepoRoot(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.org/site\n")
	copyTestFile(t, filepath.Join(repo, "config.toml"), filepath.Join(dir, "config.toml"))
	writeFile(t, filepath.Join(dir, "data", "notices", "bad.toml"), "schema = 1\nid = \"bad\"\ntitle = \n")
	writeFile(t, filepath.Join(dir, "public", "index.html"), "the published site")
	writeFile(t, filepath.Join(dir, "public", markerName), markerText)
	t.Chdir(dir)

	var stdout, stderr bytes.Buffer
	if code := run([]string{"build"}, &stdout, &stderr); code != 1 {
		t.Fatalf("rectify build exited %d, want 1\n%s", code, stderr.String())
	}
	msg := stderr.String()
	for _, want := range []string{"bad.toml:3: 错误", "数据检查未通过，没有生成网站"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "public", "index.html")); string(got) != "the published site" {
		t.Errorf("public/index.html changed to %q", got)
	}
	assertNoLeftovers(t, dir)
}

// TestBuildReplacesOutput builds the repository's site into a directory
// that holds an old build: the new site replaces it whole. A build that
// Hugo fails then leaves that directory as it was.
func TestBuildReplacesOutput(t *testing.T) {
	skipHugo(t)
	repo := buildRepoRoot(t)
	files, _ := filepath.Glob(filepath.Join(repo, "data", "notices", "*.toml"))
	if len(files) == 0 {
		t.Skip("no data file yet")
	}
	ns, diags := notice.CheckFiles(repo, files, time.Now())
	if notice.HasErrors(diags) {
		t.Fatalf("the repository's data does not pass the check: %v", diags)
	}
	out := filepath.Join(t.TempDir(), "public")
	writeFile(t, filepath.Join(out, "stale.html"), "from an old build")
	writeFile(t, filepath.Join(out, markerName), markerText)
	t.Chdir(repo)
	t.Setenv("HUGO_BASEURL", "https://tracker.test/sub/")

	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("rectify build exited %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "stale.html")); err == nil {
		t.Error("stale.html of the old build is still there: the output was not replaced")
	}
	if got, err := os.ReadFile(filepath.Join(out, markerName)); string(got) != markerText {
		t.Errorf("the new site's marker %s = %q, %v; want the marker text", markerName, got, err)
	}
	for _, n := range ns {
		for _, is := range n.Issues {
			p := filepath.Join(out, "notices", n.ID, "issues", strconv.Itoa(is.Number), "index.html")
			data, err := os.ReadFile(p)
			if err != nil {
				t.Errorf("no page for problem %d of %s: %v", is.Number, n.ID, err)
				continue
			}
			if !bytes.Contains(data, []byte(`href="/sub/notices/`+n.ID+`/"`)) {
				t.Errorf("%s does not link its notice under the base URL of HUGO_BASEURL", p)
			}
		}
	}
	assertNoLeftovers(t, filepath.Dir(out))

	// A theme that does not exist makes Hugo fail after the check passed.
	t.Setenv("HUGO_THEME", "no-such-theme")
	stderr.Reset()
	if code := run([]string{"build", "-o", out}, &stdout, &stderr); code != 1 {
		t.Fatalf("rectify build with a failing Hugo exited %d, want 1\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "Hugo 生成网站失败") {
		t.Errorf("stderr does not say that Hugo failed:\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("the previous build is gone after a failed build: %v", err)
	}
	assertNoLeftovers(t, filepath.Dir(out))
}

// TestBuildRefusesRepositoryFolders: -o naming the repository, a folder
// that contains it, or one of its source folders is refused before
// anything happens, and nothing in the repository changes.
func TestBuildRefusesRepositoryFolders(t *testing.T) {
	root := filepath.Join(t.TempDir(), "repo")
	writeFile(t, filepath.Join(root, "go.mod"), "module example.org/site\n")
	writeFile(t, filepath.Join(root, "config.toml"), "title = \"x\"\n")
	writeFile(t, filepath.Join(root, ".git", "HEAD"), "ref: refs/heads/main\n")
	for _, d := range []string{"data/notices/x.toml", "content/_index.md", "layouts/home.html", "static/a.txt", "assets/a.css"} {
		writeFile(t, filepath.Join(root, filepath.FromSlash(d)), d+"\n")
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	before := snapshot(t, filepath.Dir(root))

	for _, tc := range []struct{ out, want string }{
		{".", "是仓库根目录或包含仓库根目录"},
		{root, "是仓库根目录或包含仓库根目录"},
		{"..", "是仓库根目录或包含仓库根目录"},
		{link, "是仓库根目录或包含仓库根目录"},
		{"data", "与仓库的 data/ 重叠"},
		{"data/notices", "与仓库的 data/ 重叠"},
		{"content", "与仓库的 content/ 重叠"},
		{"layouts", "与仓库的 layouts/ 重叠"},
		{"static", "与仓库的 static/ 重叠"},
		{"static/site", "与仓库的 static/ 重叠"},
		{".git", "与仓库的 .git/ 重叠"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "-o", tc.out}, &stdout, &stderr); code != 1 {
			t.Errorf("build -o %s exited %d, want 1\n%s", tc.out, code, stderr.String())
		}
		abs, _ := filepath.Abs(tc.out)
		if msg := stderr.String(); !strings.Contains(msg, tc.want) || !strings.Contains(msg, "输出目录 "+abs+" ") {
			t.Errorf("build -o %s: stderr does not name the folder and say %q:\n%s", tc.out, tc.want, msg)
		}
		if after := snapshot(t, filepath.Dir(root)); !equalTrees(before, after) {
			t.Fatalf("build -o %s changed files: %s", tc.out, diffTrees(before, after))
		}
	}
}

// TestBuildRefusesForeignOutput: a non-empty folder without the marker, a
// file or a symbolic link is refused with a hint, and left as it was.
func TestBuildRefusesForeignOutput(t *testing.T) {
	repo := buildRepoRoot(t)
	t.Chdir(repo)
	dir := t.TempDir()
	foreign := filepath.Join(dir, "mine")
	writeFile(t, filepath.Join(foreign, "notes.txt"), "keep me")
	file := filepath.Join(dir, "file")
	writeFile(t, file, "a file")
	marked := filepath.Join(dir, "marked")
	writeFile(t, filepath.Join(marked, markerName), markerText)
	link := filepath.Join(dir, "link")
	if err := os.Symlink(marked, link); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	for _, tc := range []struct{ out, want string }{
		{foreign, "不是空目录，也没有 rectify build 的标记文件 .rectify-build"},
		{file, "已存在，但不是目录"},
		{link, "是符号链接"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "-o", tc.out}, &stdout, &stderr); code != 1 {
			t.Errorf("build -o %s exited %d, want 1\n%s", tc.out, code, stderr.String())
		}
		if msg := stderr.String(); !strings.Contains(msg, tc.want) || !strings.Contains(msg, "输出目录 "+tc.out+" ") {
			t.Errorf("build -o %s: stderr does not name the folder and say %q:\n%s", tc.out, tc.want, msg)
		}
	}
	var stdout, stderr bytes.Buffer
	run([]string{"build", "-o", foreign}, &stdout, &stderr)
	for _, hint := range []string{"请用 -o 指定一个新的或空的目录", "请自己删除这个目录再重试"} {
		if !strings.Contains(stderr.String(), hint) {
			t.Errorf("the refusal lacks the hint %q:\n%s", hint, stderr.String())
		}
	}
	if after := snapshot(t, dir); !equalTrees(before, after) {
		t.Errorf("a refused build changed files: %s", diffTrees(before, after))
	}
}

// TestBuildReplacesMarkedOutput (with a stand-in for Hugo): an earlier
// build's folder is replaced whole, an empty folder or a missing one
// (parents included) is filled; the as-of date reaches Hugo.
func TestBuildReplacesMarkedOutput(t *testing.T) {
	fakeHugo(t)
	repo := buildRepoRoot(t)
	t.Chdir(repo)
	dir := t.TempDir()
	marked := filepath.Join(dir, "marked")
	writeFile(t, filepath.Join(marked, markerName), markerText)
	writeFile(t, filepath.Join(marked, "stale.html"), "old")
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "a", "b", "site")
	// Without an absolute base URL the build says that the sitemap's and
	// the feeds' addresses are relative; with one it says nothing.
	for i, out := range []string{marked, empty, missing} {
		base := []string{"", "/sub/", "https://zhenggai.example.gov.cn/"}[i]
		t.Setenv("HUGO_BASEURL", base)
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "-o", out, "--as-of", "2026-12-01"}, &stdout, &stderr); code != 0 {
			t.Fatalf("build -o %s exited %d\n%s", out, code, stderr.String())
		}
		if hint := strings.Contains(stderr.String(), "没有设置网站地址"); hint != (i < 2) {
			t.Errorf("HUGO_BASEURL=%q: the hint on the base URL is shown: %v\n%s", base, hint, stderr.String())
		}
		got := withoutFinish(snapshot(t, out))
		want := map[string]string{markerName: markerText, "index.html": "asof=2026-12-01\n"}
		if !equalTrees(got, want) {
			t.Errorf("build -o %s: %s", out, diffTrees(want, got))
		}
		assertNoLeftovers(t, filepath.Dir(out))
	}
}

// TestBuildWithoutOpenData (with a stand-in for Hugo): a Hugo run that
// writes no /data/notices.json (layouts/data/section.html no longer
// publishes it) would publish a site without open data and
// without a search index: the build fails and keeps the site it had.
func TestBuildWithoutOpenData(t *testing.T) {
	fakeHugo(t)
	t.Setenv("FAKE_HUGO_SITE", t.TempDir()) // Hugo writes index.html only
	buildFailsKeepingSite(t, "Hugo 没有生成 data/notices.json")
}

// buildFailsKeepingSite runs rectify build, from the repository, into a
// folder that holds an earlier site, and checks that it fails saying want
// and keeps that site.
func buildFailsKeepingSite(t *testing.T, want string) {
	t.Helper()
	t.Chdir(buildRepoRoot(t))
	out := filepath.Join(t.TempDir(), "site")
	writeFile(t, filepath.Join(out, markerName), markerText)
	writeFile(t, filepath.Join(out, "index.html"), "the site it had")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-o", out, "--as-of", "2026-12-01"}, &stdout, &stderr); code == 0 {
		t.Fatalf("the build exited 0; want it to fail saying %q\n%s", want, stderr.String())
	}
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("the error does not say %q:\n%s", want, stderr.String())
	}
	if got := snapshot(t, out); got["index.html"] != "the site it had" {
		t.Errorf("the failed build replaced the site: %v", got)
	}
	assertNoLeftovers(t, filepath.Dir(out))
}

// TestBuildWithoutPublishedFile: a build whose Hugo left out a file that a
// page publishes as it renders (here a notice's rows.json, which the
// filters of /issues/ read) stops with a Chinese error naming it and
// keeps the site it had (finish.Published).
func TestBuildWithoutPublishedFile(t *testing.T) {
	fakeHugo(t)
	site := fakeOpenData(t)
	ids, err := opendata.NoticeIDs(site)
	if err != nil || len(ids) == 0 {
		t.Fatalf("the fake site has no notices: %v", err)
	}
	missing := "notices/" + ids[0] + "/issues/rows.json"
	if err := os.Remove(filepath.Join(site, filepath.FromSlash(missing))); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FAKE_HUGO_SITE", site)
	buildFailsKeepingSite(t, "Hugo 没有生成 "+missing)
}

// TestBuildAsOf: --as-of must be a date YYYY-MM-DD.
func TestBuildAsOf(t *testing.T) {
	for _, bad := range []string{"2026-1-1", "2026/12/01", "2026-02-30", "tomorrow"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "--as-of", bad}, &stdout, &stderr); code != 2 {
			t.Errorf("build --as-of %s exited %d, want 2", bad, code)
		}
		if !strings.Contains(stderr.String(), "请写成 YYYY-MM-DD") {
			t.Errorf("build --as-of %s: no hint on the format:\n%s", bad, stderr.String())
		}
	}
}

// TestPrepareSite: the as-of date (default today in China Standard Time)
// and, outside git, Hugo's git dates off and a hint; a shallow clone is
// refused with the way out.
func TestPrepareSite(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	// A limit of the user's own: prepareSite adds none (memLimitEnv's test).
	t.Setenv("GOMEMLIMIT", "3GiB")
	writeFile(t, filepath.Join(dir, "data", "notices", "n1.toml"), "id = \"n1\"\n")
	var stderr bytes.Buffer
	env, err := prepareSite(dir, "2026-12-01", &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"HUGO_PARAMS_ASOF=2026-12-01", "HUGO_ENABLEGITINFO=false"}; strings.Join(env, " ") != strings.Join(want, " ") {
		t.Errorf("env outside git = %q, want %q", env, want)
	}
	if !strings.Contains(stderr.String(), "不在 git 仓库中") {
		t.Errorf("no hint outside git: %q", stderr.String())
	}

	before := time.Now().In(cst).Format(time.DateOnly)
	env, err = prepareSite(dir, "", &stderr)
	after := time.Now().In(cst).Format(time.DateOnly)
	if err != nil {
		t.Fatal(err)
	}
	if env[0] != "HUGO_PARAMS_ASOF="+before && env[0] != "HUGO_PARAMS_ASOF="+after {
		t.Errorf("default as-of: %s, want today in CST (%s)", env[0], after)
	}
	if _, err := prepareSite(dir, "12/01/2026", &stderr); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("a bad as-of date: %v", err)
	}
	// Without a limit of the user's, Hugo gets one (on Linux).
	t.Setenv("GOMEMLIMIT", "")
	if env, err := prepareSite(dir, "2026-12-01", &stderr); err != nil || !slices.ContainsFunc(env, func(e string) bool { return strings.HasPrefix(e, "GOMEMLIMIT=") }) {
		t.Errorf("env without GOMEMLIMIT = %q, %v; want a GOMEMLIMIT for Hugo", env, err)
	}
	t.Setenv("GOMEMLIMIT", "3GiB")

	git := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git(dir, "init", "-q")
	git(dir, "add", "-A")
	git(dir, "commit", "-q", "-m", "one")
	writeFile(t, filepath.Join(dir, "data", "notices", "n1.toml"), "id = \"n1\"\ntitle = \"x\"\n")
	git(dir, "commit", "-q", "-a", "-m", "two")
	stderr.Reset()
	env, err = prepareSite(dir, "2026-12-01", &stderr)
	if err != nil || len(env) != 1 || stderr.Len() != 0 {
		t.Errorf("in git: env %q, err %v, stderr %q; want only the as-of date", env, err, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, ".rectify", "changelog", "n1.json")); err != nil {
		t.Errorf("no change log: %v", err)
	}

	clone := filepath.Join(t.TempDir(), "clone")
	git(dir, "clone", "-q", "--depth", "1", "file://"+filepath.ToSlash(dir), clone)
	_, err = prepareSite(clone, "2026-12-01", &stderr)
	for _, want := range []string{"浅克隆", "git fetch --unshallow", "fetch-depth: 0", "GIT_DEPTH: 0"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("shallow clone: error %v, want one saying %q", err, want)
		}
	}
}

// TestBuildRefusesShallowClone: build in a shallow clone of the repository
// stops before Hugo, with the way out, and writes no output.
func TestBuildRefusesShallowClone(t *testing.T) {
	repo := buildRepoRoot(t)
	clone := filepath.Join(t.TempDir(), "clone")
	cmd := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+filepath.ToSlash(repo), clone)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("cannot clone the repository: %v\n%s", err, out)
	}
	t.Chdir(clone)
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-o", out}, &stdout, &stderr); code != 1 {
		t.Fatalf("build in a shallow clone exited %d, want 1\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "git fetch --unshallow") {
		t.Errorf("stderr lacks the way out:\n%s", stderr.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused build made its output folder")
	}
	assertNoLeftovers(t, filepath.Dir(out))
}

// TestBuildInterrupted (with a stand-in for Hugo that starts a child of
// its own): SIGINT or SIGTERM to rectify build stops the whole Hugo process
// group, removes the new folder, and leaves the previous site.
func TestBuildInterrupted(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			log := fakeHugo(t)
			t.Setenv("FAKE_HUGO_SLEEP", "60")
			out := filepath.Join(t.TempDir(), "site")
			writeFile(t, filepath.Join(out, markerName), markerText)
			writeFile(t, filepath.Join(out, "index.html"), "the published site")

			cmd, stderr := startRectify(t, buildRepoRoot(t), "build", "-o", out)
			pids := waitForLog(t, log, "child", 30*time.Second)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			code := waitExit(t, cmd, 20*time.Second)
			if want := 128 + int(sig); code != want {
				t.Errorf("exit code %d, want %d\n%s", code, want, stderr)
			}
			if !strings.Contains(stderr.String(), "已停止") {
				t.Errorf("stderr does not say the build stopped:\n%s", stderr)
			}
			for _, pid := range pids {
				if alive(pid) {
					t.Errorf("process %d of the stand-in Hugo outlived the build", pid)
					kill(pid)
				}
			}
			assertNoLeftovers(t, filepath.Dir(out))
			if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "the published site" {
				t.Errorf("the previous site changed: index.html = %q", got)
			}
		})
	}
}

// TestBuildInterruptedHugo: the same with the real Hugo, interrupted while
// it runs: no Hugo process and no temporary folder are left.
func TestBuildInterruptedHugo(t *testing.T) {
	skipHugo(t)
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "site")
	cmd, stderr := startRectify(t, buildRepoRoot(t), "build", "-o", out)
	tmpPrefix := filepath.Join(dir, tempPrefix("site"))
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if ps := processesWith(tmpPrefix); len(ps) > 0 && ps[0].hugo {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("Hugo did not start\n%s", stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, cmd, time.Minute); code == 0 {
		t.Skipf("the build finished before the signal:\n%s", stderr)
	} else if code != 130 {
		t.Errorf("exit code %d, want 130\n%s", code, stderr)
	}
	if ps := processesWith(dir); len(ps) > 0 {
		t.Errorf("processes outlived the build: %+v", ps)
		for _, p := range ps {
			kill(p.pid)
		}
	}
	assertNoLeftovers(t, dir)
	if _, err := os.Stat(out); err == nil {
		t.Errorf("an interrupted first build made %s", out)
	}
}

// TestBuildConcurrent (with a stand-in for Hugo): two builds into the same
// folder run one after the other, and leave one whole site.
func TestBuildConcurrent(t *testing.T) {
	log := fakeHugo(t)
	t.Setenv("FAKE_HUGO_SLEEP", "0.5")
	t.Chdir(buildRepoRoot(t))
	out := filepath.Join(t.TempDir(), "site")
	var wg sync.WaitGroup
	codes := make([]int, 2)
	errs := make([]bytes.Buffer, 2)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var stdout bytes.Buffer
			codes[i] = run([]string{"build", "-o", out, "--as-of", "2026-12-0" + strconv.Itoa(i+1)}, &stdout, &errs[i])
		}()
	}
	wg.Wait()
	for i, c := range codes {
		if c != 0 {
			t.Errorf("build %d exited %d\n%s", i, c, errs[i].String())
		}
	}
	data, _ := os.ReadFile(log)
	var kinds []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		kinds = append(kinds, strings.Fields(line)[0])
	}
	if got := strings.Join(kinds, " "); got != "start child end start child end" {
		t.Errorf("the two Hugo runs overlap: %s", got)
	}
	got := withoutFinish(snapshot(t, out))
	if got[markerName] != markerText || !strings.HasPrefix(got["index.html"], "asof=2026-12-0") || len(got) != 2 {
		t.Errorf("the output is not one whole site: %v", got)
	}
	assertNoLeftovers(t, filepath.Dir(out))
}

// TestBuildReproducible: two builds of the same commit with the same as-of
// date are byte-identical, every file.
func TestBuildReproducible(t *testing.T) {
	skipHugo(t)
	t.Chdir(buildRepoRoot(t))
	t.Setenv("HUGO_BASEURL", "https://tracker.test/")
	dir := t.TempDir()
	var trees []map[string]string
	for _, name := range []string{"a", "b"} {
		var stdout, stderr bytes.Buffer
		out := filepath.Join(dir, name)
		if code := run([]string{"build", "-o", out, "--as-of", "2026-12-01"}, &stdout, &stderr); code != 0 {
			t.Fatalf("build -o %s exited %d\n%s", out, code, stderr.String())
		}
		trees = append(trees, snapshot(t, out))
	}
	if len(trees[0]) < 10 {
		t.Fatalf("the build has only %d files", len(trees[0]))
	}
	if !equalTrees(trees[0], trees[1]) {
		t.Errorf("two builds differ: %s", diffTrees(trees[0], trees[1]))
	}
}

// TestSwapDir: the new folder takes the old one's place and the old one is
// left where the new one was; a missing destination is simply created.
func TestSwapDir(t *testing.T) {
	dir := t.TempDir()
	tmp, dest := filepath.Join(dir, ".d-new-1"), filepath.Join(dir, "d")
	writeFile(t, filepath.Join(tmp, "f"), "new")
	if err := swapDir(tmp, dest); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, dir); !equalTrees(got, map[string]string{"d/f": "new"}) {
		t.Errorf("into a missing folder: %v", got)
	}
	writeFile(t, filepath.Join(tmp, "f"), "newer")
	if err := swapDir(tmp, dest); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, dir); !equalTrees(got, map[string]string{"d/f": "newer", ".d-new-1/f": "new"}) {
		t.Errorf("over an old folder: %v", got)
	}
}

// assertNoLeftovers: no temporary build directory is left in dir.
func assertNoLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), "-new-") {
			t.Errorf("temporary build directory %s left behind", e.Name())
		}
	}
}

func skipHugo(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs Hugo; skipped with -short")
	}
}

// fakeHugo puts a stand-in for `go tool hugo` first in PATH: a shell
// script that writes into --destination the least of a site that the
// steps after Hugo read (fakeOpenData) and index.html (with
// $HUGO_PARAMS_ASOF), starts a child (sleep $FAKE_HUGO_SLEEP), waits for
// it, and logs "start PID", "child PID", "end PID" to the returned file.
func fakeHugo(t *testing.T) (log string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in for Hugo is a shell script")
	}
	bin := t.TempDir()
	t.Setenv("FAKE_HUGO_SITE", fakeOpenData(t))
	script := `#!/bin/sh
[ "$1" = tool ] && [ "$2" = hugo ] || { echo "fake go: unexpected: $*" >&2; exit 97; }
dest=
while [ $# -gt 0 ]; do
	[ "$1" = --destination ] && dest=$2
	shift
done
cp -R "$FAKE_HUGO_SITE"/. "$dest"/
printf 'asof=%s\n' "$HUGO_PARAMS_ASOF" > "$dest/index.html"
echo "start $$" >> "$FAKE_HUGO_LOG"
sleep "${FAKE_HUGO_SLEEP:-0}" &
echo "child $!" >> "$FAKE_HUGO_LOG"
wait
echo "end $$" >> "$FAKE_HUGO_LOG"
`
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	log = filepath.Join(bin, "log")
	t.Setenv("FAKE_HUGO_LOG", log)
	t.Setenv("FAKE_HUGO_SLEEP", "0")
	return log
}

// withoutFinish leaves out of a snapshot of a site built with fakeHugo
// what fakeOpenData gave it and the steps after Hugo made of it: the open
// data (data/, notices/), the search index and facets (search/) and the
// sitemap.
func withoutFinish(files map[string]string) map[string]string {
	out := map[string]string{}
	for p, c := range files {
		if !slices.ContainsFunc([]string{"data/", "notices/", "search/", "sitemaps/", search.Dir + "/"}, func(d string) bool { return strings.HasPrefix(p, d) }) && p != "sitemap.xml" {
			out[p] = c
		}
	}
	return out
}

// fakeOpenData writes, for the notices of the repository, what the steps
// of rectify build after Hugo read of a built site (finishSite): the
// notices' list /data/notices.json, each notice's issues.json (a record
// of each problem: its number) and a /data/ page with a size cell, and
// what they check is there (finish.Published: each notice's rows.json,
// the notices index, the search facets, the sitemap); and returns the
// folder.
func fakeOpenData(t *testing.T) string {
	t.Helper()
	ns, err := search.Load(buildRepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var list []map[string]string
	for _, n := range ns {
		list = append(list, map[string]string{"id": n.ID})
		var records []map[string]any
		for _, is := range n.Issues {
			records = append(records, map[string]any{"notice": n.ID, "number": is.Number})
		}
		data, err := json.MarshalIndent(records, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "notices", n.ID, "issues.json"), string(data)+"\n")
		writeFile(t, filepath.Join(dir, "notices", n.ID, "issues", "rows.json"), "{}\n")
	}
	for _, f := range []string{"notices/index.json", "search/facets.json", "sitemap.xml", "sitemaps/sitemap.xml"} {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(f)), "{}\n")
	}
	data, err := json.Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "data", "notices.json"), string(data))
	writeFile(t, filepath.Join(dir, "data", "index.html"), `<span class="file-size" data-size-of="data/notices.json">生成网站时填写</span>`)
	return dir
}

// startRectify starts this test binary as the rectify command (see
// TestMain) in dir, with the test's environment.
func startRectify(t *testing.T, dir string, args ...string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Args[0] = "rectify"
	cmd.Dir = dir
	stderr := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, stderr
}

// waitExit waits for cmd and returns its exit code.
func waitExit(t *testing.T, cmd *exec.Cmd, timeout time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(timeout):
		cmd.Process.Kill()
		t.Fatalf("rectify did not exit within %v", timeout)
	}
	return -1
}

// waitForLog waits until the stand-in Hugo's log has a line starting with
// kind, and returns the PIDs logged so far.
func waitForLog(t *testing.T, log, kind string, timeout time.Duration) []int {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		data, _ := os.ReadFile(log)
		var pids []int
		found := false
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) != 2 {
				continue
			}
			if pid, err := strconv.Atoi(f[1]); err == nil {
				pids = append(pids, pid)
			}
			found = found || f[0] == kind
		}
		if found {
			return pids
		}
		if time.Now().After(deadline) {
			t.Fatalf("the stand-in Hugo did not log %q within %v", kind, timeout)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// alive reports whether process pid exists and is not a zombie.
func alive(pid int) bool {
	if runtime.GOOS == "linux" {
		data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return false
		}
		s := string(data)
		if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
			return s[i+2] != 'Z'
		}
		return true
	}
	p, err := os.FindProcess(pid)
	return err == nil && p.Signal(syscall.Signal(0)) == nil
}

// kill kills a process that a failed test left running.
func kill(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
}

type process struct {
	pid  int
	hugo bool // the Hugo binary itself, not the go command
	args []string
}

// processesWith lists the live processes with an argument containing s.
func processesWith(s string) []process {
	var ps []process
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		pid, _ := strconv.Atoi(filepath.Base(d))
		data, err := os.ReadFile(filepath.Join(d, "cmdline"))
		if err != nil || !bytes.Contains(data, []byte(s)) || !alive(pid) || pid == os.Getpid() {
			continue
		}
		args := strings.Split(strings.TrimRight(string(data), "\x00"), "\x00")
		ps = append(ps, process{pid: pid, hugo: filepath.Base(args[0]) == "hugo", args: args})
	}
	// The Hugo binary first.
	for i, p := range ps {
		if p.hugo {
			ps[0], ps[i] = ps[i], ps[0]
		}
	}
	return ps
}

// snapshot reads every file under dir: slash path → content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			files[filepath.ToSlash(rel)] = "symlink → " + target
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files[filepath.ToSlash(rel)] = string(data)
		case d.IsDir() && rel != ".":
			files[filepath.ToSlash(rel)+"/"] = ""
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Directories are implied by their files, except empty ones.
	for k := range files {
		if strings.HasSuffix(k, "/") {
			for other := range files {
				if other != k && strings.HasPrefix(other, k) {
					delete(files, k)
					break
				}
			}
		}
	}
	return files
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// diffTrees names the first few files that differ.
func diffTrees(a, b map[string]string) string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			out = append(out, "only in the first: "+k)
		} else if w != v {
			out = append(out, "differs: "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, "only in the second: "+k)
		}
	}
	if len(out) > 10 {
		out = append(out[:10], "…")
	}
	return strings.Join(out, "; ")
}

func buildRepoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyTestFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(data))
}

// TestBuildChangeLogEndToEnd: in a full clone of the repository, staff
// commit an update to problem 2 (at 20:30 UTC, the next day in Beijing);
// rectify build publishes it on the notice's change log page and in its
// feed, dated in China Standard Time, and problem 2 is no longer overdue.
func TestBuildChangeLogEndToEnd(t *testing.T) {
	skipHugo(t)
	repo := buildRepoRoot(t)
	clone := filepath.Join(t.TempDir(), "clone")
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = clone
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull,
			"GIT_AUTHOR_NAME=测试", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=测试", "GIT_COMMITTER_EMAIL=t@example.org",
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if out, err := exec.Command("git", "clone", "-q", "file://"+filepath.ToSlash(repo), clone).CombinedOutput(); err != nil {
		t.Skipf("cannot clone the repository: %v\n%s", err, out)
	}
	t.Chdir(clone)
	build := func(asOf string) string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "site")
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "-o", out, "--as-of", asOf}, &stdout, &stderr); code != 0 {
			t.Fatalf("build exited %d\n%s", code, stderr.String())
		}
		return out
	}
	read := func(dir, p string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	before := build("2026-12-02")
	if p := read(before, "notices/wuhan-eeb-2020/issues/2/index.html"); !strings.Contains(p, "逾期") {
		t.Fatal("problem 2 is not overdue before the update")
	}

	writeFile(t, filepath.Join(clone, "data/staff/wuhan-eeb-2020.toml"), `[[problems.2.updates]]
date = "2026-11-30"
status = "已完成"
note = "已提请市政府常务会议审议通过。"
`)
	git("2026-12-01T20:30:00Z", "add", "data/staff/wuhan-eeb-2020.toml")
	git("2026-12-01T20:30:00Z", "commit", "-q", "-m", "data: Record status update for wuhan-eeb-2020 problem 2")

	after := build("2026-12-02")
	page := read(after, "notices/wuhan-eeb-2020/changes/index.html")
	for _, want := range []string{"2026年12月2日", "问题（2）", "整改进展", "已完成"} {
		if !strings.Contains(page, want) {
			t.Errorf("the change log page lacks %q", want)
		}
	}
	feed := read(after, "notices/wuhan-eeb-2020/changes/index.xml")
	if !strings.Contains(feed, "已完成") || !strings.Contains(feed, "/notices/wuhan-eeb-2020/issues/2/") {
		t.Errorf("the change log feed lacks the update:\n%.2000s", feed)
	}
	if p := read(after, "notices/wuhan-eeb-2020/issues/2/index.html"); strings.Contains(p, `class="tag overdue`) || strings.Contains(p, ">逾期<") {
		t.Error("problem 2 is still overdue after an update says it is done")
	}
}
