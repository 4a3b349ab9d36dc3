package publish

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// ghMatcher is one problem matcher of .github/rectify-problem-matcher.json,
// in the format of the GitHub Actions runner.
type ghMatcher struct {
	Owner    string `json:"owner"`
	Severity string `json:"severity"`
	Pattern  []struct {
		Regexp  string `json:"regexp"`
		File    int    `json:"file"`
		Line    int    `json:"line"`
		Column  int    `json:"column"`
		Message int    `json:"message"`
	} `json:"pattern"`
	re *regexp.Regexp
}

// annotation is what the runner makes of a matched line.
type annotation struct {
	severity, file string
	line           int
	message        string
}

func loadMatchers(t *testing.T) []ghMatcher {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), ".github", "rectify-problem-matcher.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		ProblemMatcher []ghMatcher `json:"problemMatcher"`
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.ProblemMatcher) == 0 {
		t.Fatal("no problem matcher")
	}
	for i := range cfg.ProblemMatcher {
		m := &cfg.ProblemMatcher[i]
		// The runner reads severity only as "error" or "warning"; anything
		// else in a severity group is dropped, so each severity has its own
		// matcher with a default severity.
		if m.Owner == "" || (m.Severity != "error" && m.Severity != "warning") {
			t.Fatalf("matcher %d: owner %q severity %q; want an owner and severity error or warning", i, m.Owner, m.Severity)
		}
		if len(m.Pattern) != 1 || m.Pattern[0].File == 0 || m.Pattern[0].Line == 0 || m.Pattern[0].Message == 0 {
			t.Fatalf("matcher %s: want one pattern with file, line and message groups", m.Owner)
		}
		// The runner uses .NET regular expressions; this file keeps to the
		// syntax that Go's RE2 shares with them.
		m.re, err = regexp.Compile(m.Pattern[0].Regexp)
		if err != nil {
			t.Fatalf("matcher %s: %v", m.Owner, err)
		}
	}
	return cfg.ProblemMatcher
}

// match applies the matchers to one output line, as the runner does; it
// fails the test when more than one matches.
func match(t *testing.T, ms []ghMatcher, line string) (annotation, bool) {
	t.Helper()
	var got []annotation
	for _, m := range ms {
		sub := m.re.FindStringSubmatch(line)
		if sub == nil {
			continue
		}
		p := m.Pattern[0]
		a := annotation{severity: m.Severity, file: sub[p.File], message: sub[p.Message]}
		if s := sub[p.Line]; s != "" {
			a.line, _ = strconv.Atoi(s)
		}
		got = append(got, a)
	}
	if len(got) > 1 {
		t.Errorf("%q matched by %d matchers", line, len(got))
	}
	if len(got) == 0 {
		return annotation{}, false
	}
	return got[0], true
}

// The matchers read our standard diagnostic lines, as notice.Diagnostic
// prints them, and nothing else that CI prints.
func TestProblemMatcherReadsDiagnostics(t *testing.T) {
	ms := loadMatchers(t)
	for _, tc := range []struct {
		d    notice.Diagnostic
		want annotation
	}{
		{notice.Diagnostic{File: "data/notices/wuhan-eeb-2020.toml", Line: 812, Severity: notice.Error, Message: `未知的整改状态 status = "已经完成"`, Hint: "只能是：正在整改、基本完成、已完成"},
			annotation{"error", "data/notices/wuhan-eeb-2020.toml", 812, `未知的整改状态 status = "已经完成"；只能是：正在整改、基本完成、已完成`}},
		{notice.Diagnostic{File: "data/notices/wuhan-eeb-2020.toml", Line: 23, Severity: notice.Warning, Message: "声明 61 个问题，逐项列出 60 个", Hint: "核对原文"},
			annotation{"warning", "data/notices/wuhan-eeb-2020.toml", 23, "声明 61 个问题，逐项列出 60 个；核对原文"}},
		{notice.Diagnostic{File: "data/notices/x.toml", Severity: notice.Error, Message: "文件开头有 UTF-8 BOM", Hint: "另存为“UTF-8（无 BOM）”"},
			annotation{"error", "data/notices/x.toml", 0, "文件开头有 UTF-8 BOM；另存为“UTF-8（无 BOM）”"}},
	} {
		line := tc.d.String()
		got, ok := match(t, ms, line)
		if !ok || got != tc.want {
			t.Errorf("%q\n got %+v (matched %v)\nwant %+v", line, got, ok, tc.want)
		}
	}
	for _, line := range []string{
		"    hook_test.go:12: want data/notices/x.toml:3: 错误: …",
		"--- FAIL: TestPreCommitHook (1.20s)",
		"检查未通过：1 个错误，0 条警告",
		"ok  \tgithub.com/wuhan-rectify/tracker/tools/publish\t0.01s",
		"rectify check: 错误: 没有找到数据文件 data/notices/*.toml；请在仓库根目录运行",
		"data/notices/x.toml:12: error: not ours",
	} {
		if a, ok := match(t, ms, line); ok {
			t.Errorf("%q should not be an annotation, got %+v", line, a)
		}
	}
}

// Run the real `rectify check` on bad edits of a notice: every diagnostic
// line it prints becomes an annotation on the line that is wrong, in the
// notice's staff file or its data file.
func TestProblemMatcherReadsRealCheckOutput(t *testing.T) {
	ms := loadMatchers(t)
	dir := t.TempDir()
	staffTree(t, dir)
	good := map[string]string{demoNotice: readFile(t, filepath.Join(dir, demoNotice)), demoStaff: readFile(t, filepath.Join(dir, demoStaff))}
	if code, out := runCheck(t, dir, demoNotice); code != 0 {
		t.Fatalf("the test notice does not pass the check (exit %d):\n%s", code, out)
	}
	for _, e := range badUpdates {
		t.Run(e.name, func(t *testing.T) {
			bad, wantLine := e.apply(t, good[e.file])
			writeFile(t, filepath.Join(dir, e.file), bad)
			defer writeFile(t, filepath.Join(dir, e.file), good[e.file])
			code, out := runCheck(t, dir, e.file)
			if code != 1 {
				t.Errorf("rectify check exit %d, want 1", code)
			}
			found := false
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				a, ok := match(t, ms, l)
				if !ok {
					if strings.Contains(l, ": 错误: ") || strings.Contains(l, ": 警告: ") {
						t.Errorf("diagnostic line not matched: %q", l)
					}
					continue
				}
				if (a.file != demoNotice && a.file != demoStaff) || a.line <= 0 || a.message == "" {
					t.Errorf("%q gives annotation %+v, want file %s or %s with a line", l, a, demoNotice, demoStaff)
				}
				if a.severity == "error" && a.file == e.file && a.line == wantLine {
					found = true
				}
			}
			if !found {
				t.Errorf("no error annotation at %s:%d; check printed:\n%s", e.file, wantLine, out)
			}
		})
	}
}
