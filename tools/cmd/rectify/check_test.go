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

func goodNotice(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../notice/testdata/good/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCheckExitCodes: 0 when there is no error (warnings allowed), 1 on any
// error or when there is nothing to check, 2 on bad usage.
func TestCheckExitCodes(t *testing.T) {
	good := goodNotice(t)
	src := map[string]string{"static/originals/minimal.txt": "原文\n"}
	tests := []struct {
		name   string
		files  map[string]string
		args   []string
		code   int
		stderr string // last line
	}{
		{"good", map[string]string{"data/notices/minimal.toml": good}, nil, 0, "检查通过：1 个文件，3 个问题，0 条警告"},
		{"warnings only", map[string]string{"data/notices/minimal.toml": strings.Replace(good, "problems = 3", "problems = 4", 1)}, nil, 0, "检查通过：1 个文件，3 个问题，1 条警告"},
		{"error", map[string]string{"data/notices/minimal.toml": strings.Replace(good, `status = "已完成"`, `status = "完成"`, 1)}, nil, 1, "检查未通过：1 个错误，0 条警告"},
		{"error and warning", map[string]string{"data/notices/minimal.toml": strings.Replace(strings.Replace(good, "areas = 2", "areas = 3", 1), `date = "2021-03-31"`, `date = "2020-09-01"`, 1)}, nil, 1, "检查未通过：1 个错误，1 条警告"},
		{"no files", nil, nil, 1, "rectify check: 错误: 没有找到数据文件 data/notices/*.toml；请在仓库根目录运行，或指定文件：rectify check 文件.toml"},
		{"missing file", nil, []string{"x.toml"}, 1, "检查未通过：1 个错误，0 条警告"},
		{"bad flag", nil, []string{"-x"}, 2, ""},
		{"help", nil, []string{"-h"}, 0, "有错误时退出码为 1；只有警告时为 0。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, src)
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
// root; file names in the diagnostics start with that root, and the sources
// are looked up under root/static.
func TestCheckAllFromRoot(t *testing.T) {
	root := t.TempDir()
	good := goodNotice(t)
	writeTree(t, root, map[string]string{
		"data/notices/minimal.toml":    good,
		"static/originals/minimal.txt": "原文\n",
	})
	var stderr bytes.Buffer
	if !checkAll(root, &stderr) || stderr.String() != "检查通过：1 个文件，3 个问题，0 条警告\n" {
		t.Fatalf("good tree: %s", stderr.String())
	}
	writeTree(t, root, map[string]string{"data/notices/minimal.toml": strings.Replace(good, "number = 3", "number = 4", 1)})
	stderr.Reset()
	if checkAll(root, &stderr) {
		t.Fatal("checkAll passed a file with a skipped problem number")
	}
	want := filepath.Join(root, "data/notices/minimal.toml") + ":137: 错误: 问题编号从 2 跳到 4，缺少 3；"
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
	if !checkAll(root, &stderr) {
		t.Fatalf("rectify check fails on the committed data:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "个文件，") || !strings.Contains(stderr.String(), "检查通过：") {
		t.Errorf("no summary:\n%s", stderr.String())
	}
	t.Logf("%s", stderr.String())
}
