package changelog

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// repo is a temporary git repository whose commits have chosen dates.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

// gitEnv isolates git from the user's configuration.
func gitEnv(date string) []string {
	env := append(os.Environ(),
		"GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org")
	if date != "" {
		env = append(env, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	}
	return env
}

func (r *repo) gitAt(date string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = gitEnv(date)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	return r.gitAt("", args...)
}

// commit writes files (path → content; "" deletes the file) and commits
// them with committer date date (RFC 3339); it returns the short hash.
func (r *repo) commit(date, msg string, files map[string]string) string {
	r.t.Helper()
	for p, content := range files {
		path := filepath.Join(r.dir, filepath.FromSlash(p))
		if content == "" {
			if err := os.Remove(path); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	r.gitAt(date, "add", "-A")
	r.gitAt(date, "commit", "-q", "-m", msg)
	return r.git("rev-parse", "--short=7", "HEAD")
}

const dataV1 = `schema = 1
id = "n1"
title = "关于巡察整改情况的通报"
issuer = "中共某局党组"
published = "2026-01"

[contact]
phone = "027-1234567"

[[issues]]
number = 1
title = "问题一"
measures = ["一是制定方案。", "二是拟于年底前完成。"]
status = "正在整改"
status_basis = "inferred"
status_evidence = "拟于年底前完成"

[[issues]]
number = 2
title = "问题二"
measures = ["已完成整改。"]
status = "已完成"
status_basis = "stated"
status_evidence = "已完成整改"
`

const staffV1 = `[[problems.1.updates]]
date = "2026-01-20"
status = "正在整改"
note = "方案已印发"
`

const staffV2 = `[notice]
official_url = "https://www.example.gov.cn/tzgg/1.html"

[problems.1]
status = "已完成"
status_evidence = "局网站2026年2月通报：已完成"

[[problems.1.updates]]
date = "2026-01-20"
status = "正在整改"
note = "方案已印发"

[[problems.1.updates]]
date = "2026-02-20"
status = "已完成"
`

const staffV3 = `[notice]
official_url = "https://www.example.gov.cn/tzgg/1.html"

[problems.1]
status = "已完成"
status_evidence = "局网站2026年2月通报：已完成"

[[problems.1.updates]]
date = "2026-02-20"
status = "已完成"
note = "验收通过"
`

// TestLogs: a notice, then a staff file with an update, then a confirmed
// status, a second update and the official page, then an update removed
// and another changed, in a commit at 20:30 UTC (the next day in China).
func TestLogs(t *testing.T) {
	r := newRepo(t)
	c1 := r.commit("2026-01-10T02:00:00Z", "add n1", map[string]string{"data/notices/n1.toml": dataV1})
	c2 := r.commit("2026-01-21T03:00:00Z", "staff n1", map[string]string{"data/staff/n1.toml": staffV1})
	r.commit("2026-01-22T03:00:00Z", "unrelated", map[string]string{"README.md": "readme\n"})
	c3 := r.commit("2026-02-21T04:00:00Z", "confirm", map[string]string{"data/staff/n1.toml": staffV2})
	c4 := r.commit("2026-03-31T20:30:00Z", "edit", map[string]string{
		"data/staff/n1.toml":   staffV3,
		"data/notices/n1.toml": strings.Replace(dataV1, `phone = "027-1234567"`, `phone = "027-7654321"`, 1),
	})

	logs, err := Logs(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != 1 {
		t.Fatalf("got %d logs, want 1: %+v", len(logs), logs)
	}
	l := logs[0]
	if l.Notice != "n1" || l.First != (Point{"2026-01-10", c1}) {
		t.Errorf("notice %q first %+v, want n1 {2026-01-10 %s}", l.Notice, l.First, c1)
	}
	e := func(date, commit string, problem int, title, field, label, old, new string) Entry {
		return Entry{date, commit, problem, title, field, label, old, new}
	}
	want := []Entry{
		e("2026-04-01", c4, 0, "", "contact.phone", "联系电话", "027-1234567", "027-7654321"),
		e("2026-04-01", c4, 1, "问题一", "update", "整改进展", "2026-01-20 正在整改：方案已印发", ""),
		e("2026-04-01", c4, 1, "问题一", "update", "整改进展", "2026-02-20 已完成", "2026-02-20 已完成：验收通过"),
		e("2026-02-21", c3, 0, "", "official_url", "官方发布页面", "", "https://www.example.gov.cn/tzgg/1.html"),
		e("2026-02-21", c3, 1, "问题一", "confirmed_status", "核实的整改状态", "", "已完成"),
		e("2026-02-21", c3, 1, "问题一", "confirmed_status_evidence", "整改状态核实依据", "", "局网站2026年2月通报：已完成"),
		e("2026-02-21", c3, 1, "问题一", "update", "整改进展", "", "2026-02-20 已完成"),
		e("2026-01-21", c2, 1, "问题一", "update", "整改进展", "", "2026-01-20 正在整改：方案已印发"),
	}
	if !reflect.DeepEqual(l.Entries, want) {
		t.Errorf("entries:\n%s\nwant:\n%s", dump(l.Entries), dump(want))
	}
}

// TestLogsSince: changes before the day the site went public
// (config.toml params.changelogSince) are folded into the first version.
func TestLogsSince(t *testing.T) {
	r := newRepo(t)
	r.commit("2026-01-10T02:00:00Z", "add n1", map[string]string{
		"data/notices/n1.toml": dataV1,
		"config.toml":          "[params]\nchangelogSince = \"2026-02-21\"\n",
	})
	r.commit("2026-01-21T03:00:00Z", "staff n1", map[string]string{"data/staff/n1.toml": staffV1})
	c3 := r.commit("2026-02-21T04:00:00Z", "confirm", map[string]string{"data/staff/n1.toml": staffV2})
	c2 := r.git("rev-parse", "--short=7", "HEAD~1")
	logs, err := Logs(r.dir)
	if err != nil || len(logs) != 1 {
		t.Fatalf("logs %+v, %v", logs, err)
	}
	l := logs[0]
	if l.First != (Point{"2026-01-21", strings.TrimSpace(c2)}) {
		t.Errorf("first %+v, want the last version before the site went public", l.First)
	}
	for _, e := range l.Entries {
		if e.Commit != c3 {
			t.Errorf("entry from before the site went public: %+v", e)
		}
	}
	if len(l.Entries) == 0 {
		t.Error("no entries after the site went public")
	}
}

// TestLogsProblemsAndStatus: an imported status that changes, a problem
// added and one removed, a deleted staff file, and a version that is not
// TOML (skipped).
func TestLogsProblemsAndStatus(t *testing.T) {
	r := newRepo(t)
	r.commit("2026-01-10T02:00:00Z", "add", map[string]string{
		"data/notices/n1.toml": dataV1,
		"data/staff/n1.toml":   "[problems.2]\nresponsible = \"市某处\"\n",
	})
	r.commit("2026-01-11T02:00:00Z", "broken", map[string]string{"data/notices/n1.toml": "title = \n"})
	v2 := strings.Replace(dataV1, `status = "正在整改"
status_basis = "inferred"`, `status = "已完成"
status_basis = "stated"`, 1)
	v2 = v2[:strings.Index(v2, "[[issues]]\nnumber = 2")] + "[[issues]]\nnumber = 3\ntitle = \"问题三\"\n"
	c3 := r.commit("2026-01-12T02:00:00Z", "fix", map[string]string{"data/notices/n1.toml": v2, "data/staff/n1.toml": ""})

	logs, err := Logs(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{"2026-01-12", c3, 1, "问题一", "status", "整改状态", "正在整改", "已完成"},
		{"2026-01-12", c3, 1, "问题一", "status_basis", "整改状态来源", "据通报推断", "通报写明"},
		{"2026-01-12", c3, 2, "问题二", "problem", "问题", "问题二", ""},
		{"2026-01-12", c3, 3, "问题三", "problem", "问题", "", "问题三"},
	}
	if len(logs) != 1 || !reflect.DeepEqual(logs[0].Entries, want) {
		t.Errorf("entries:\n%s\nwant:\n%s", dump(logs[0].Entries), dump(want))
	}
}

// oldFormat is dataV1 in the old format: problem 1's status confirmed by
// staff in the data file, its updates there too.
const oldFormat = `schema = 1
id = "n1"
title = "关于巡察整改情况的通报"
issuer = "中共某局党组"
published = "2026-01"

[contact]
phone = "027-1234567"

[[issues]]
number = 1
title = "问题一"
measures = ["一是制定方案。", "二是拟于年底前完成。"]
status = "已完成"
status_evidence = "局网站2026年2月通报：已完成"
status_confirmed = true

[[issues.updates]]
date = "2026-01-20"
status = "正在整改"
note = "方案已印发"

[[issues.updates]]
date = "2026-02-20"
status = "已完成"

[[issues]]
number = 2
title = "问题二"
measures = ["已完成整改。"]
status = "已完成"
status_basis = "stated"
status_evidence = "已完成整改"
status_confirmed = false
`

// TestLogsOldFormatMigration: moving the updates and the confirmed status
// from the data file to the staff file is no change; a later change of the
// importer's reading, or of an update, is.
func TestLogsOldFormatMigration(t *testing.T) {
	r := newRepo(t)
	r.commit("2026-01-10T02:00:00Z", "old format", map[string]string{"data/notices/n1.toml": oldFormat})
	r.commit("2026-02-01T02:00:00Z", "migrate", map[string]string{
		"data/notices/n1.toml": dataV1,
		"data/staff/n1.toml": `[problems.1]
status = "已完成"
status_evidence = "局网站2026年2月通报：已完成"

[[problems.1.updates]]
date = "2026-02-20"
status = "已完成"

[[problems.1.updates]]
date = "2026-01-20"
status = "正在整改"
note = "方案已印发"
`,
	})
	logs, err := Logs(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != 1 || len(logs[0].Entries) != 0 {
		t.Fatalf("the migration shows as changes:\n%s", dump(logs[0].Entries))
	}

	// The importer's reading, unknown under the old confirmation, is known
	// from the migration on: its change shows.
	c3 := r.commit("2026-02-02T02:00:00Z", "reread", map[string]string{
		"data/notices/n1.toml": strings.Replace(dataV1, `status_evidence = "拟于年底前完成"`, `status_evidence = "二是拟于年底前完成"`, 1),
	})
	logs, err = Logs(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{"2026-02-02", c3, 1, "问题一", "status_evidence", "整改状态依据", "拟于年底前完成", "二是拟于年底前完成"}}
	if !reflect.DeepEqual(logs[0].Entries, want) {
		t.Errorf("entries:\n%s\nwant:\n%s", dump(logs[0].Entries), dump(want))
	}
}

// TestLogsMergeDatedByMerge: a change made on a branch is dated by the
// merge that brought it to the mainline.
func TestLogsMergeDatedByMerge(t *testing.T) {
	r := newRepo(t)
	r.commit("2026-01-10T02:00:00Z", "add", map[string]string{"data/notices/n1.toml": dataV1})
	r.git("checkout", "-q", "-b", "side")
	r.commit("2026-01-11T02:00:00Z", "side", map[string]string{"data/staff/n1.toml": staffV1})
	r.git("checkout", "-q", "main")
	r.commit("2026-01-12T02:00:00Z", "main", map[string]string{"README.md": "x\n"})
	r.gitAt("2026-01-15T02:00:00Z", "merge", "-q", "--no-ff", "-m", "merge side", "side")
	merge := r.git("rev-parse", "--short=7", "HEAD")
	logs, err := Logs(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{"2026-01-15", merge, 1, "问题一", "update", "整改进展", "", "2026-01-20 正在整改：方案已印发"}}
	if len(logs) != 1 || !reflect.DeepEqual(logs[0].Entries, want) {
		t.Errorf("entries:\n%s\nwant:\n%s", dump(logs[0].Entries), dump(want))
	}
}

// TestWrite writes one file per committed notice, in the shape of the
// spec, the same bytes each time; a stale file goes, a notice that was
// never committed gets none.
func TestWrite(t *testing.T) {
	r := newRepo(t)
	c1 := r.commit("2026-01-10T02:00:00Z", "add", map[string]string{"data/notices/n1.toml": dataV1})
	c2 := r.commit("2026-01-21T03:00:00Z", "staff", map[string]string{"data/staff/n1.toml": staffV1})
	writeFile(t, filepath.Join(r.dir, "data", "notices", "new.toml"), dataV1)
	out := filepath.Join(r.dir, ".rectify", "changelog")
	writeFile(t, filepath.Join(out, "gone.json"), "{}")
	writeFile(t, filepath.Join(out, ".n1.json-123.tmp"), "another writer's")

	if err := Write(r.dir, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, "n1.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(got, &m); err != nil {
		t.Fatal(err)
	}
	wantJSON := `{"entries":[{"commit":"` + c2 + `","date":"2026-01-21","field":"update","label":"整改进展","new":"2026-01-20 正在整改：方案已印发","old":"","problem":1,"problem_title":"问题一"}],"first":{"commit":"` + c1 + `","date":"2026-01-10"},"notice":"n1"}`
	if b, _ := json.Marshal(m); string(b) != wantJSON {
		t.Errorf("n1.json =\n%s\nwant %s", got, wantJSON)
	}
	for name, want := range map[string]bool{"gone.json": false, "new.json": false, ".n1.json-123.tmp": true} {
		if _, err := os.Stat(filepath.Join(out, name)); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", name, err == nil, want)
		}
	}
	if err := Write(r.dir, out); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(filepath.Join(out, "n1.json")); !bytes.Equal(again, got) {
		t.Errorf("a second Write gives other bytes:\n%s\n%s", got, again)
	}
}

// TestWriteShallow: a shallow clone is refused and nothing is written.
func TestWriteShallow(t *testing.T) {
	r := newRepo(t)
	r.commit("2026-01-10T02:00:00Z", "add", map[string]string{"data/notices/n1.toml": dataV1})
	r.commit("2026-01-21T03:00:00Z", "staff", map[string]string{"data/staff/n1.toml": staffV1})
	clone := filepath.Join(t.TempDir(), "clone")
	r.git("clone", "-q", "--depth", "1", "file://"+filepath.ToSlash(r.dir), clone)
	out := filepath.Join(clone, ".rectify", "changelog")
	if err := Write(clone, out); !errors.Is(err, ErrShallow) {
		t.Fatalf("Write in a shallow clone: %v, want ErrShallow", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("Write in a shallow clone made %s", out)
	}
}

// TestWriteNotGit: outside git, Write writes nothing and removes what an
// earlier run wrote.
func TestWriteNotGit(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	writeFile(t, filepath.Join(dir, "data", "notices", "n1.toml"), dataV1)
	out := filepath.Join(dir, ".rectify", "changelog")
	writeFile(t, filepath.Join(out, "n1.json"), "{}")
	if err := Write(dir, out); !errors.Is(err, ErrNotGit) {
		t.Fatalf("Write outside git: %v, want ErrNotGit", err)
	}
	if _, err := os.Stat(filepath.Join(out, "n1.json")); err == nil {
		t.Error("the log of an earlier run is still there")
	}
}

// TestDataFile: only data/notices/<id>.toml and data/staff/<id>.toml are
// data files; a deleted file or a symbolic link has no blob.
func TestDataFile(t *testing.T) {
	blob := strings.Repeat("a", 40)
	for _, tc := range []struct {
		path, mode string
		want       change
		ok         bool
	}{
		{"data/notices/x.toml", "100644", change{id: "x", blob: blob}, true},
		{"data/staff/x.toml", "100755", change{staff: true, id: "x", blob: blob}, true},
		{"data/staff/x.toml", "000000", change{staff: true, id: "x"}, true},
		{"data/notices/x.toml", "120000", change{id: "x"}, true},
		{"data/notices/sub/x.toml", "100644", change{}, false},
		{"data/notices/README.md", "100644", change{}, false},
		{"data/corrections/x.toml", "100644", change{}, false},
	} {
		got, ok := dataFile(tc.path, tc.mode, blob)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("dataFile(%q, %s) = %+v, %v; want %+v, %v", tc.path, tc.mode, got, ok, tc.want, tc.ok)
		}
	}
}

func dump(es []Entry) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(strings.ReplaceAll(strings.TrimSpace(mustJSON(e)), "\n", " "))
		b.WriteByte('\n')
	}
	return b.String()
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
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
