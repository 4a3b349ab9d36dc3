package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wuhan-rectify/tracker/tools/notice"
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
	if testing.Short() {
		t.Skip("-short: builds the site with Hugo")
	}
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
	t.Chdir(repo)
	t.Setenv("HUGO_BASEURL", "https://tracker.test/sub/")

	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("rectify build exited %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "stale.html")); err == nil {
		t.Error("stale.html of the old build is still there: the output was not replaced")
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
