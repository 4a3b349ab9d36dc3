package publish

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// staffRepo is a fresh clone-like git repository in a temporary folder: the
// Go module (go.mod, go.sum and the non-test Go sources under tools/, so
// that the hook can build rectify as it does in a real clone), the hook, and
// the test notice with its staff file. The hook is installed with the one command of
// docs/staff.md.
type staffRepo struct {
	t   *testing.T
	dir string
	env []string
}

func newStaffRepo(t *testing.T) *staffRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed for the pre-commit hook test:", err)
	}
	root := repoRoot(t)
	dir := filepath.Join(t.TempDir(), "tracker")
	for _, f := range []string{"go.mod", "go.sum"} {
		writeFile(t, filepath.Join(dir, f), readFile(t, filepath.Join(root, f)))
	}
	copyTree(t, filepath.Join(root, "tools"), filepath.Join(dir, "tools"), func(rel string, d os.DirEntry) bool {
		if d.IsDir() {
			return d.Name() != "testdata" && d.Name() != "node_modules" && !strings.HasPrefix(d.Name(), ".")
		}
		return (strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go")) || strings.HasPrefix(rel, "githooks/")
	})
	staffTree(t, dir)
	writeFile(t, filepath.Join(dir, "README.md"), "# 测试仓库\n")

	home := t.TempDir()
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"TMPDIR=" + t.TempDir(),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=" + filepath.Join(home, ".gitconfig"),
		"GIT_AUTHOR_NAME=办公室", "GIT_AUTHOR_EMAIL=office@example.org",
		"GIT_COMMITTER_NAME=办公室", "GIT_COMMITTER_EMAIL=office@example.org",
		"GOPROXY=off", // the hook must work without network
		"GOTOOLCHAIN=local",
		"GOFLAGS=",
	}
	// Keep the go tool's caches: a new HOME would otherwise mean a cold build.
	for _, v := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOROOT"} {
		out, err := exec.Command("go", "env", v).Output()
		if err != nil {
			t.Fatal(err)
		}
		env = append(env, v+"="+strings.TrimSpace(string(out)))
	}
	r := &staffRepo{t: t, dir: dir, env: env}
	r.git("init", "-q", "-b", "main")
	r.git("config", "commit.gpgsign", "false")
	// The installation step of docs/staff.md.
	r.git("config", "core.hooksPath", "tools/githooks")
	return r
}

// run runs a command in the repository and returns its exit code and
// combined output.
func (r *staffRepo) run(name string, args ...string) (int, string) {
	r.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = r.dir
	cmd.Env = r.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String()
	}
	if err != nil {
		r.t.Fatal(err)
	}
	return 0, out.String()
}

// git runs a git command that must succeed and returns its output.
func (r *staffRepo) git(args ...string) string {
	r.t.Helper()
	code, out := r.run("git", args...)
	if code != 0 {
		r.t.Fatalf("git %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
	return strings.TrimSpace(out)
}

func (r *staffRepo) commit(msg string) (int, string) {
	r.t.Helper()
	return r.run("git", "commit", "-m", msg)
}

func (r *staffRepo) head() string { return r.git("rev-parse", "HEAD") }

func (r *staffRepo) path(rel string) string { return filepath.Join(r.dir, filepath.FromSlash(rel)) }

const hookRan = "提交前检查"

func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs git commits through the hook")
	}
	ms := loadMatchers(t)
	r := newStaffRepo(t)

	// A good notice commits; the hook ran the check on it.
	r.git("add", "-A")
	code, out := r.commit("data: Add demo notice")
	if code != 0 {
		t.Fatalf("first commit with a good notice failed (exit %d):\n%s", code, out)
	}
	if !strings.Contains(out, hookRan) || !strings.Contains(out, "检查通过") {
		t.Fatalf("the hook did not run the check on the new notice:\n%s", out)
	}
	good := map[string]string{demoNotice: readFile(t, r.path(demoNotice)), demoStaff: readFile(t, r.path(demoStaff))}

	// Each bad edit is stopped, with the file and the line to fix: in the
	// staff file, and an update added to the data file the old way.
	for _, e := range badUpdates {
		t.Run(e.name, func(t *testing.T) {
			before := r.head()
			bad, wantLine := e.apply(t, good[e.file])
			writeFile(t, r.path(e.file), bad)
			r.git("add", e.file)
			code, out := r.commit("data: Record a status update")
			if code == 0 {
				t.Fatalf("commit of a bad edit succeeded:\n%s", out)
			}
			if r.head() != before {
				t.Errorf("a commit was made despite the error")
			}
			if !hasError(t, ms, out, e.file, wantLine) {
				t.Errorf("output has no error at %s:%d:\n%s", e.file, wantLine, out)
			}
			r.git("checkout", "HEAD", "--", e.file) // back to the committed file, staged and on disk
		})
	}

	// What is checked is what is staged, not what is on disk.
	t.Run("bad staged, good on disk", func(t *testing.T) {
		before := r.head()
		bad, wantLine := badUpdates[0].apply(t, good[demoStaff])
		writeFile(t, r.path(demoStaff), bad)
		r.git("add", demoStaff)
		writeFile(t, r.path(demoStaff), good[demoStaff])
		code, out := r.commit("data: Record a status update")
		if code == 0 || r.head() != before {
			t.Fatalf("commit of a bad staged file succeeded because the disk copy is good:\n%s", out)
		}
		if !hasError(t, ms, out, demoStaff, wantLine) {
			t.Errorf("output has no error at %s:%d:\n%s", demoStaff, wantLine, out)
		}
		r.git("checkout", "HEAD", "--", demoStaff)
	})
	t.Run("good staged, bad on disk", func(t *testing.T) {
		before := r.head()
		updated, _ := goodUpdate.apply(t, good[demoStaff])
		writeFile(t, r.path(demoStaff), updated)
		r.git("add", demoStaff)
		bad, _ := badUpdates[0].apply(t, updated)
		writeFile(t, r.path(demoStaff), bad)
		code, out := r.commit("data: Record a status update")
		if code != 0 {
			t.Fatalf("commit of a good staged update failed because the disk copy is bad (exit %d):\n%s", code, out)
		}
		if r.head() == before {
			t.Fatal("no commit made")
		}
		committed := r.git("show", "HEAD:"+demoStaff)
		if committed != strings.TrimSpace(updated) {
			t.Errorf("committed file is not the staged good update")
		}
		// The update lands on the problem it names, problem 1, although
		// it follows problem 2's entries; problem 2 (the last problem,
		// where an update appended to the data file used to land) keeps
		// its one update.
		got := updatesOf(t, committed)
		if want := map[string][]string{"1": {"2021-12-31"}, "2": {"2021-03-31"}}; !reflect.DeepEqual(got, want) {
			t.Errorf("updates by problem in the committed staff file: %v, want %v", got, want)
		}
		r.git("checkout", "HEAD", "--", demoStaff)
	})

	// An edit to a committed original is stopped: corrections go through
	// the corrections list.
	t.Run("original edited", func(t *testing.T) {
		before := r.head()
		origs, _ := filepath.Glob(r.path("static/originals/*"))
		if len(origs) == 0 {
			t.Fatal("the test repository has no original")
		}
		rel, _ := filepath.Rel(r.path("."), origs[0])
		writeFile(t, origs[0], readFile(t, origs[0])+"\n多加的一句。\n")
		r.git("add", rel)
		code, out := r.commit("data: Edit an original")
		if code == 0 || r.head() != before {
			t.Fatalf("a commit editing an original succeeded:\n%s", out)
		}
		if !strings.Contains(out, "通报原文不能修改") || !strings.Contains(out, filepath.ToSlash(rel)) || !strings.Contains(out, "data/corrections/") {
			t.Errorf("the hook's message does not say what to do:\n%s", out)
		}
		r.git("checkout", "HEAD", "--", rel)
	})

	// A commit that changes no notice does not run the check.
	t.Run("no notice changed", func(t *testing.T) {
		writeFile(t, r.path("README.md"), "# 测试仓库\n\n说明。\n")
		r.git("add", "README.md")
		code, out := r.commit("docs: Explain")
		if code != 0 {
			t.Fatalf("commit without notice changes failed (exit %d):\n%s", code, out)
		}
		if strings.Contains(out, hookRan) {
			t.Errorf("the hook checked notices although none changed:\n%s", out)
		}
	})
}

// hasError reports whether out has a diagnostic line that the problem
// matchers read as an error at file:line.
func hasError(t *testing.T, ms []ghMatcher, out, file string, line int) bool {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if a, ok := match(t, ms, l); ok && a.severity == "error" && a.file == file && a.line == line {
			return true
		}
	}
	return false
}
