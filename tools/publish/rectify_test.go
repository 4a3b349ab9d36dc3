package publish

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/internal/repo"
)

var (
	binDir      string // removed after the tests
	rectifyOnce sync.Once
	rectifyBin  string
	rectifyErr  string
)

// repoRoot is the repository's top folder (the one holding go.mod).
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func TestMain(m *testing.M) {
	var err error
	if binDir, err = os.MkdirTemp("", "publish-test-"); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(binDir)
	os.Exit(code)
}

// rectify returns the path of the rectify command built from this
// repository, as CI and the pre-commit hook build it.
func rectify(t *testing.T) string {
	t.Helper()
	rectifyOnce.Do(func() {
		bin := filepath.Join(binDir, "rectify")
		cmd := exec.Command("go", "build", "-buildvcs=false", "-o", bin, "./tools/cmd/rectify")
		cmd.Dir = repoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			rectifyErr = err.Error() + "\n" + string(out)
			return
		}
		rectifyBin = bin
	})
	if rectifyBin == "" {
		t.Fatalf("go build ./tools/cmd/rectify: %s", rectifyErr)
	}
	return rectifyBin
}

// runCheck runs `rectify check args…` in dir and returns its exit code and
// stderr.
func runCheck(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(rectify(t), append([]string{"check"}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stderr.String()
}

// staffTree writes the test notice (testdata/staff: a data file and its
// original) into dir, as it is laid out in the repository.
func staffTree(t *testing.T, dir string) {
	t.Helper()
	copyTree(t, filepath.Join("testdata", "staff"), dir, nil)
}

// copyTree copies the files under src into dst; keep, if not nil, says
// which files to copy (by path relative to src).
func copyTree(t *testing.T, src, dst string, keep func(rel string, d os.DirEntry) bool) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if keep != nil && rel != "." && !keep(filepath.ToSlash(rel), d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

const demoNotice = "data/notices/demo-2021.toml"

// staffEdit is an edit that office staff make to the test notice: a new
// [[issues.updates]] entry appended to the last problem, as docs/staff.md
// shows. line is the file line of the entry's field named in mark.
type staffEdit struct {
	name  string
	entry string // the lines appended
	mark  string // the line of entry the checker must point at ("" for a good edit)
}

var (
	goodUpdate = staffEdit{"a status update", `
[[issues.updates]]
date = "2021-12-31"
status = "已完成"
note = "整改台账全部规范，经复核销号。"
source = "示例区局2021年整改进展情况通报"
`, ""}

	badUpdates = []staffEdit{
		{"unknown status", `
[[issues.updates]]
date = "2021-12-31"
status = "已经完成"
`, `status = "已经完成"`},
		{"date out of order", `
[[issues.updates]]
date = "2021-03-01"
status = "已完成"
`, `date = "2021-03-01"`},
		{"typo in a key", `
[[issues.updates]]
date = "2021-12-31"
stauts = "已完成"
`, `stauts = "已完成"`},
		{"future date", `
[[issues.updates]]
date = "2999-12-31"
status = "已完成"
`, `date = "2999-12-31"`},
	}
)

// apply returns the notice with the edit appended, and the 1-based line of
// the marked line (0 when there is no mark).
func (e staffEdit) apply(t *testing.T, notice string) (string, int) {
	t.Helper()
	out := strings.TrimRight(notice, "\n") + "\n" + e.entry
	if e.mark == "" {
		return out, 0
	}
	for i, l := range strings.Split(out, "\n") {
		if l == e.mark {
			return out, i + 1
		}
	}
	t.Fatalf("edit %s: mark %q not found", e.name, e.mark)
	return "", 0
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
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
