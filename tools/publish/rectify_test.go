package publish

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/wuhan-rectify/tracker/tools/internal/repo"
	"github.com/wuhan-rectify/tracker/tools/notice"
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

// staffTree writes the test notice (testdata/staff: its original, the data
// file rectify import makes from it, and its staff file) into dir, as it is
// laid out in the repository.
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

// The test notice's data file (only rectify import writes it) and its
// staff file (where staff record what they add).
const (
	demoNotice = "data/notices/demo-2021.toml"
	demoStaff  = "data/staff/demo-2021.toml"
)

// staffEdit is an edit that office staff make to the test notice: an
// entry appended to a file, file being the notice's staff file, as
// docs/staff.md shows, or its data file, as staff did before there were
// staff files. mark is the line of the entry that the checker must point
// at ("" for a good edit).
type staffEdit struct {
	name  string
	file  string
	entry string // the lines appended
	mark  string
}

var (
	// goodUpdate records that problem 1 is done. It comes after problem
	// 2's entries in the staff file; it belongs to problem 1 all the same.
	goodUpdate = staffEdit{"a status update", demoStaff, `
[[problems.1.updates]]
date = "2021-12-31"
status = "已完成"
note = "日常监督工作台账已建立，专项检查按季度开展，经复核销号。"
source = "示例区局2021年整改进展情况通报"
`, ""}

	badUpdates = []staffEdit{
		{"unknown status", demoStaff, `
[[problems.1.updates]]
date = "2021-12-31"
status = "已经完成"
`, `status = "已经完成"`},
		{"no such problem", demoStaff, `
[[problems.3.updates]]
date = "2021-12-31"
status = "已完成"
`, `[[problems.3.updates]]`},
		{"repeated update", demoStaff, `
[[problems.2.updates]]
date = "2021-03-31"
status = "基本完成"
note = "整改台账已按新格式重新建立。"
source = "示例区局2021年上半年整改进展情况通报"
`, `date = "2021-03-31"`},
		{"date before the notice", demoStaff, `
[[problems.1.updates]]
date = "2020-12-31"
status = "已完成"
`, `date = "2020-12-31"`},
		{"typo in a key", demoStaff, `
[[problems.1.updates]]
date = "2021-12-31"
stauts = "已完成"
`, `stauts = "已完成"`},
		{"future date", demoStaff, `
[[problems.1.updates]]
date = "2999-12-31"
status = "已完成"
`, `date = "2999-12-31"`},
		{"update in the data file", demoNotice, `
[[issues.updates]]
date = "2021-12-31"
status = "已完成"
`, `[[issues.updates]]`},
	}
)

// apply returns content (the edited file's) with the edit appended, and
// the 1-based line of the marked line of the entry (0 when there is no
// mark).
func (e staffEdit) apply(t *testing.T, content string) (string, int) {
	t.Helper()
	before := strings.TrimRight(content, "\n") + "\n"
	out := before + e.entry
	if e.mark == "" {
		return out, 0
	}
	lines := strings.Split(out, "\n")
	for i := strings.Count(before, "\n"); i < len(lines); i++ {
		if lines[i] == e.mark {
			return out, i + 1
		}
	}
	t.Fatalf("edit %s: mark %q not found", e.name, e.mark)
	return "", 0
}

// updatesOf decodes a staff file and returns the dates of the updates of
// each problem, by problem number.
func updatesOf(t *testing.T, staffFile string) map[string][]string {
	t.Helper()
	var s notice.Staff
	if _, err := toml.Decode(staffFile, &s); err != nil {
		t.Fatal(err)
	}
	dates := map[string][]string{}
	for n, p := range s.Problems {
		for _, u := range p.Updates {
			dates[n] = append(dates[n], u.Date)
		}
	}
	return dates
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
