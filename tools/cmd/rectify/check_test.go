package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes files (path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// minimalOriginal is the text of a small notice: two areas, three problems,
// the totals it declares matching what it lists.
const minimalOriginal = `中共示例局党组关于市委巡察反馈问题整改情况的通报
（2020年5月）

市委第一巡察组于2019年7月31日至9月25日对示例局进行了巡察，12月6日反馈了巡察意见。针对反馈的2个方面、3个具体问题，局党组逐项整改。
一、坚持问题导向
（一）在坚持党的领导方面
1.针对“政治建设不够有力”的问题，一是加强党的全面领导；二是切实加强理论武装。已完成整改。
（二）在落实全面从严治党方面
2.针对“监督责任落实不力”的问题，对相关责任人批评教育2人次。正在整改。
3.针对“主题党日活动不规范”的问题，规范主题党日活动。已基本完成整改。
欢迎监督。联系电话：027-85808616；电子邮箱：whhbjrsc@163.com。
`

// minimalStaff is a staff file for the minimal notice: a confirmed status
// and two updates of problem 2.
const minimalStaff = `[problems.2]
status = "正在整改"
status_evidence = "整改台账（2020年5月）：正在整改"

[[problems.2.updates]]
date = "2020-09-30"
status = "基本完成"

[[problems.2.updates]]
date = "2021-03-31"
status = "已完成"
`

// importNotice adds a notice under root as staff do: the original text at
// static/originals/<id>.txt and, at data/notices/<id>.toml, the data file
// that rectify import makes from it. It returns the data file.
func importNotice(t *testing.T, root, id, original string) string {
	t.Helper()
	orig := filepath.Join(root, "static", "originals", id+".txt")
	writeTree(t, root, map[string]string{"static/originals/" + id + ".txt": original})
	var stdout, stderr bytes.Buffer
	if code := run([]string{"import", "--id", id, orig}, &stdout, &stderr); code != 0 {
		t.Fatalf("rectify import %s: exit %d\n%s", orig, code, stderr.String())
	}
	writeTree(t, root, map[string]string{"data/notices/" + id + ".toml": stdout.String()})
	return stdout.String()
}

// TestCheckExitCodes: 0 when there is no error (warnings allowed), 1 on any
// error or when there is nothing to check, 2 on bad usage. The data files
// are what rectify import makes; the warnings come from an original whose
// declared totals differ from what it lists, the errors from staff files.
func TestCheckExitCodes(t *testing.T) {
	badStaff := strings.Replace(minimalStaff, `status = "已完成"`, `status = "完成"`, 1)
	tests := []struct {
		name     string
		original string // of data/notices/minimal.toml, made by import ("" for none)
		files    map[string]string
		args     []string
		code     int
		stderr   string // last line
	}{
		{"good", minimalOriginal, map[string]string{"data/staff/minimal.toml": minimalStaff}, nil, 0, "检查通过：1 份通报，3 个问题，0 条警告"},
		{"warnings only", strings.Replace(minimalOriginal, "3个具体问题", "4个具体问题", 1), nil, nil, 0, "检查通过：1 份通报，3 个问题，1 条警告"},
		{"error", minimalOriginal, map[string]string{"data/staff/minimal.toml": badStaff}, nil, 1, "检查未通过：1 个错误，0 条警告"},
		{"error and warning", strings.Replace(minimalOriginal, "2个方面", "3个方面", 1), map[string]string{"data/staff/minimal.toml": badStaff}, nil, 1, "检查未通过：1 个错误，1 条警告"},
		{"no files", "", nil, nil, 1, "rectify check: 错误: 没有找到数据文件 data/notices/*.toml；请在仓库根目录运行，或指定文件：rectify check 文件.toml"},
		{"missing file", "", nil, []string{"x.toml"}, 1, "检查未通过：1 个错误，0 条警告"},
		{"bad flag", "", nil, []string{"-x"}, 2, ""},
		{"help", "", nil, []string{"-h"}, 0, "有错误时退出码为 1；只有警告时为 0。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.original != "" {
				importNotice(t, dir, "minimal", tt.original)
			}
			writeTree(t, dir, tt.files)
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"check"}, tt.args...), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\n%s", code, tt.code, stderr.String())
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout: %q", stdout.String())
			}
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			if tt.stderr != "" && lines[len(lines)-1] != tt.stderr {
				t.Errorf("last line of stderr:\n%s\nwant:\n%s", lines[len(lines)-1], tt.stderr)
			}
		})
	}
}

// TestCheckAllFromRoot: build and serve call checkAll with the repository
// root; file names in the diagnostics start with that root, and the
// originals (for the comparison with a fresh import) and the staff files
// are looked up under root.
func TestCheckAllFromRoot(t *testing.T) {
	root := t.TempDir()
	t.Chdir(t.TempDir()) // not root
	good := importNotice(t, root, "minimal", minimalOriginal)
	writeTree(t, root, map[string]string{"data/staff/minimal.toml": minimalStaff})
	var stderr bytes.Buffer
	if _, ok := checkAll(root, &stderr); !ok || stderr.String() != "检查通过：1 份通报，3 个问题，0 条警告\n" {
		t.Fatalf("good tree: %s", stderr.String())
	}

	// A hand edit of the data file that breaks a rule: that error, on its
	// line (the comparison with the import waits until the rules pass).
	writeTree(t, root, map[string]string{"data/notices/minimal.toml": strings.Replace(good, "number = 3", "number = 4", 1)})
	stderr.Reset()
	if _, ok := checkAll(root, &stderr); ok {
		t.Fatal("checkAll passed a file with a skipped problem number")
	}
	file := filepath.Join(root, "data/notices/minimal.toml")
	for _, want := range []string{
		file + ":79: 错误: 问题编号从 2 跳到 4，缺少 3；",
	} {
		if !strings.Contains("\n"+stderr.String(), "\n"+want) {
			t.Errorf("stderr:\n%s\nwant a line starting:\n%s", stderr.String(), want)
		}
	}

	// A hand edit that breaks no rule: the difference from the import of
	// root/static/originals/minimal.txt, on its line.
	writeTree(t, root, map[string]string{"data/notices/minimal.toml": strings.Replace(good, "number = 3", "number = 3 # 改过", 1)})
	stderr.Reset()
	if _, ok := checkAll(root, &stderr); ok {
		t.Fatal("checkAll passed a hand-edited file")
	}
	if want := file + ":79: 错误: 数据文件与从原文 static/originals/minimal.txt 导入的结果不同：这一行是 「number = 3 # 改过」，导入得到 「number = 3」；"; !strings.Contains("\n"+stderr.String(), "\n"+want) {
		t.Errorf("stderr:\n%s\nwant a line starting:\n%s", stderr.String(), want)
	}

	// An error in the staff file is named under root too.
	writeTree(t, root, map[string]string{
		"data/notices/minimal.toml": good,
		"data/staff/minimal.toml":   strings.Replace(minimalStaff, `date = "2021-03-31"`, `date = "2020-04-30"`, 1),
	})
	stderr.Reset()
	if _, ok := checkAll(root, &stderr); ok {
		t.Fatal("checkAll passed an update before the notice was published")
	}
	want := filepath.Join(root, "data/staff/minimal.toml") + ":10: 错误: 问题 2 的整改进展日期 2020-04-30 早于通报发布日期 2020-05；"
	if !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("stderr:\n%s\nwant prefix:\n%s", stderr.String(), want)
	}
}

// TestCommittedDataPasses: the data files committed under data/notices,
// the seed notice among them, pass the check with no error.
func TestCommittedDataPasses(t *testing.T) {
	root := "../../.."
	if _, err := os.Stat(filepath.Join(root, "data/notices/wuhan-eeb-2020.toml")); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if _, ok := checkAll(root, &stderr); !ok {
		t.Fatalf("rectify check fails on the committed data:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "份通报，") || !strings.Contains(stderr.String(), "检查通过：") {
		t.Errorf("no summary:\n%s", stderr.String())
	}
	t.Logf("%s", stderr.String())
}
