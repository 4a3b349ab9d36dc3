package dataset

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/wuhan-rectify/tracker/tools/gen"
	"github.com/wuhan-rectify/tracker/tools/importer"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

var today = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// repo is the repository root.
func repo(t *testing.T) string {
	t.Helper()
	r, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// site makes a data tree in a temporary directory with the seed (copied
// from the repository) and a second notice imported from the text of an
// importer fixture, as `rectify import -o` would write them.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	r := repo(t)
	for _, p := range []string{"data/notices/wuhan-eeb-2020.toml", "data/corrections/wuhan-eeb-2020.toml", "static/originals/wuhan-eeb-2020.txt"} {
		write(t, filepath.Join(dir, p), read(t, filepath.Join(r, p)))
	}
	ar, err := txtar.ParseFile(filepath.Join(r, "tools/importer/testdata/city_no_areas.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var text []byte
	for _, f := range ar.Files {
		if f.Name == "notice.txt" {
			text = f.Data
		}
	}
	opts := importer.Options{ID: "city-2019", Source: "originals/city-2019.txt"}
	n, _, err := importer.Import("city-2019.txt", text, opts)
	if err != nil {
		t.Fatal(err)
	}
	data, err := notice.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "static/originals/city-2019.txt"), text)
	write(t, filepath.Join(dir, "data/notices/city-2019.toml"), data)
	return dir
}

// check runs Check from dir (as rectify check does, with relative paths)
// and returns its diagnostics as lines.
func check(t *testing.T, dir string, files ...string) []string {
	t.Helper()
	t.Chdir(dir)
	_, ds := Check(".", files, today)
	var out []string
	for _, d := range ds {
		if d.Severity == notice.Error {
			out = append(out, d.String())
		}
	}
	return out
}

func TestImportedDataPasses(t *testing.T) {
	dir := site(t)
	if errs := check(t, dir); len(errs) > 0 {
		t.Fatalf("errors on imported data:\n%s", strings.Join(errs, "\n"))
	}
}

// A hand edit of any field of any notice's data file fails with its line:
// the data file is exactly what the import makes.
func TestHandEditFails(t *testing.T) {
	for _, tc := range []struct {
		name, file, from, to string
	}{
		{"a seed measure", "wuhan-eeb-2020", "二是强化统筹协调，制定", "二是加强统筹协调，制定"},
		{"a seed title", "wuhan-eeb-2020", `title = "规划目标值相互矛盾"`, `title = "规划目标值互相矛盾"`},
		{"a seed status", "wuhan-eeb-2020", "status = \"正在整改\"\nstatus_basis = \"inferred\"\nstatus_evidence = \"拟于2020年底前", "status = \"已完成\"\nstatus_basis = \"inferred\"\nstatus_evidence = \"拟于2020年底前"},
		{"a seed deadline", "wuhan-eeb-2020", `deadline = "2020-12-31"`, `deadline = "2021-12-31"`},
		{"published", "wuhan-eeb-2020", `published = "2020-05"`, `published = "2020-06"`},
		{"the phone of another notice", "city-2019", `phone = "0571-88888888"`, `phone = "0571-88888889"`},
		{"a measure of another notice", "city-2019", "已召开专题会议3次", "已召开专题会议4次"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := site(t)
			path := filepath.Join(dir, "data/notices", tc.file+".toml")
			s := string(read(t, path))
			if strings.Count(s, tc.from) != 1 {
				t.Fatalf("%q occurs %d times", tc.from, strings.Count(s, tc.from))
			}
			s = strings.Replace(s, tc.from, tc.to, 1)
			write(t, path, []byte(s))
			line := strings.Count(s[:strings.Index(s, tc.to)], "\n") + 1
			for _, l := range strings.Split(tc.to, "\n") {
				if !strings.Contains(tc.from, l) {
					break
				}
				line++
			}
			errs := check(t, dir)
			want := "data/notices/" + tc.file + ".toml:"
			if len(errs) != 1 || !strings.HasPrefix(errs[0], want) || !strings.Contains(errs[0], "导入的结果不同") ||
				!strings.Contains(errs[0], "data/corrections/"+tc.file+".toml") || !strings.Contains(errs[0], "data/staff/"+tc.file+".toml") {
				t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
			}
			if got := errs[0][len(want):strings.Index(errs[0], ": 错误")]; got != strconv.Itoa(line) {
				t.Errorf("line %s, want %d: %s", got, line, errs[0])
			}
		})
	}
}

// An update appended at the end of the data file (TOML would give it to
// the last problem) fails the check instead of being published.
func TestUpdateAppendedToDataFileFails(t *testing.T) {
	dir := site(t)
	path := filepath.Join(dir, "data/notices/wuhan-eeb-2020.toml")
	s := read(t, path)
	lines := strings.Count(string(s), "\n")
	write(t, path, append(s, []byte("\n[[issues.updates]]\ndate = \"2021-06-30\"\nstatus = \"已完成\"\n")...))
	errs := check(t, dir)
	if len(errs) == 0 {
		t.Fatal("an update appended to the data file passes the check")
	}
	joined := strings.Join(errs, "\n")
	if !strings.Contains(joined, "data/notices/wuhan-eeb-2020.toml:") || !strings.Contains(joined, "updates") && !strings.Contains(joined, strconv.Itoa(lines+1)) {
		t.Errorf("errors:\n%s", joined)
	}
}

// Only <id>.toml files directly in data/notices and data/staff are data;
// anything else Hugo would read there unchecked is an error.
func TestOnlyCheckedFilesInDataFolders(t *testing.T) {
	dir := site(t)
	write(t, filepath.Join(dir, "data/notices/x.json"), []byte(`{"id":"x","published":"2099-01"}`))
	write(t, filepath.Join(dir, "data/notices/old/wuhan-eeb-2020.toml"), []byte("x"))
	write(t, filepath.Join(dir, "data/notices/wuhan-eeb-2020.toml.bak"), []byte("x"))
	write(t, filepath.Join(dir, "data/notices/Big.TOML"), []byte("x"))
	write(t, filepath.Join(dir, "data/staff/nosuch.toml"), []byte("[problems.1]\nresponsible = \"办公室\"\n"))
	errs := strings.Join(check(t, dir), "\n")
	for _, want := range []string{
		"data/notices/x.json: 错误: data/notices/ 下的 x.json 不是数据文件，但网站生成程序 Hugo 会读取它",
		"data/notices/old: 错误: data/notices/ 下有子目录 old",
		"data/notices/wuhan-eeb-2020.toml.bak: 错误:",
		"data/notices/Big.TOML: 错误:",
		"data/staff/nosuch.toml: 错误: 工作人员文件 nosuch.toml 没有对应的通报数据文件 data/notices/nosuch.toml",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("missing %q in:\n%s", want, errs)
		}
	}
}

// A staff file's entry names its problem; a wrong number is an error with
// its line, and checking one file reports only on that notice.
func TestStaffFileChecked(t *testing.T) {
	dir := site(t)
	write(t, filepath.Join(dir, "data/staff/city-2019.toml"), []byte("[problems.3]\nresponsible = \"办公室\"\n\n[[problems.5.updates]]\ndate = \"2020-01-01\"\nstatus = \"已完成\"\n"))
	write(t, filepath.Join(dir, "data/staff/wuhan-eeb-2020.toml"), []byte("[[problems.99.updates]]\ndate = \"2021-01-01\"\nstatus = \"已完成\"\n"))
	errs := check(t, dir, "data/staff/city-2019.toml")
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "data/staff/city-2019.toml:4: 错误: [problems.5]：通报中没有第 5 个问题（共 4 个）") {
		t.Errorf("errors:\n%s", strings.Join(errs, "\n"))
	}
	if all := check(t, dir); len(all) != 2 {
		t.Errorf("all errors:\n%s", strings.Join(all, "\n"))
	}
}

// Successive notices: continues must name an earlier notice and its problems.
func TestSeriesChecked(t *testing.T) {
	dir := site(t)
	write(t, filepath.Join(dir, "data/staff/wuhan-eeb-2020.toml"), []byte("[notice]\ncontinues = \"city-2019\"\n\n[problems.1]\ncontinues = 1\n\n[problems.2]\ncontinues = 9\n"))
	errs := check(t, dir)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "data/staff/wuhan-eeb-2020.toml:8: 错误: 问题 2 写了 continues = 9，但通报 city-2019 中没有第 9 个问题（共 4 个）") {
		t.Errorf("errors:\n%s", strings.Join(errs, "\n"))
	}
	write(t, filepath.Join(dir, "data/staff/city-2019.toml"), []byte("[notice]\ncontinues = \"wuhan-eeb-2020\"\n"))
	errs = check(t, dir)
	joined := strings.Join(errs, "\n")
	if !strings.Contains(joined, "data/staff/city-2019.toml:2: 错误: [notice] continues = \"wuhan-eeb-2020\"，但那份通报（2020-05 发布）晚于本通报（2019-10-18 发布）") ||
		!strings.Contains(joined, "兜了一个圈") {
		t.Errorf("errors:\n%s", joined)
	}
}

// TestManyNoticesComparedEach: with many notices (compared with their
// import several at once), each hand-edited one is reported, once, in the
// order of the files, and every run reports the same.
func TestManyNoticesComparedEach(t *testing.T) {
	dir := t.TempDir()
	ns, err := gen.Site(repo(t), dir, 12)
	if err != nil {
		t.Fatal(err)
	}
	var edited []string
	for _, k := range []int{10, 2, 7} {
		path := filepath.Join(dir, "data/notices", ns[k].ID+".toml")
		s := string(read(t, path))
		if !strings.Contains(s, "二是强化统筹协调") {
			t.Fatalf("%s: no measure to edit", ns[k].ID)
		}
		write(t, path, []byte(strings.Replace(s, "二是强化统筹协调", "二是加强统筹协调", 1)))
		edited = append(edited, "data/notices/"+ns[k].ID+".toml:")
	}
	slices.Sort(edited)
	var first []string
	for run := range 3 {
		errs := check(t, dir)
		if len(errs) != len(edited) {
			t.Fatalf("run %d: %d errors, want %d:\n%s", run, len(errs), len(edited), strings.Join(errs, "\n"))
		}
		for i, e := range errs {
			if !strings.HasPrefix(e, edited[i]) || !strings.Contains(e, "导入的结果不同") {
				t.Errorf("run %d: error %d is %s, want one on %s", run, i, e, edited[i])
			}
		}
		if run == 0 {
			first = errs
		} else if !slices.Equal(errs, first) {
			t.Errorf("run %d reports otherwise than run 0:\n%s\n---\n%s", run, strings.Join(errs, "\n"), strings.Join(first, "\n"))
		}
	}
}
