// Package dataset checks the site's data as a whole, as Hugo will read it:
// every file under the data folders Hugo mounts, every notice data file
// against a fresh import of its original (the data file is exactly what
// `rectify import` makes), and the staff files against their notices. It
// is what `rectify check`, `rectify build` and `rectify serve` run.
package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wuhan-rectify/tracker/tools/importer"
	"github.com/wuhan-rectify/tracker/tools/internal/parallel"
	"github.com/wuhan-rectify/tracker/tools/notice"
	"github.com/wuhan-rectify/tracker/tools/original"
)

// The data folders Hugo reads (config.toml mounts them), relative to the
// repository root, and what each may hold.
const (
	NoticesDir = "data/notices" // <id>.toml, written by rectify import
	StaffDir   = "data/staff"   // <id>.toml, written by staff
)

// Check checks the data under root (the repository root). With no files,
// it checks every notice; with files (data files or staff files, relative
// to the current directory), it reports only on those, though all notices
// are read (a staff file may refer to another notice). now is today, for
// the no-future-dates rule. It returns the notices (their fill-ins
// applied) and the diagnostics, sorted by file and line; a nil error means
// the check ran (the diagnostics may still hold errors).
func Check(root string, files []string, now time.Time) ([]*notice.Notice, []notice.Diagnostic) {
	paths, diags := listData(root)
	// A file named on the command line outside the data folders (a draft
	// elsewhere) is checked too.
	for _, f := range files {
		if !slices.ContainsFunc(paths, func(p string) bool { return sameFile(p, f) }) && filepath.Base(filepath.Dir(f)) != "staff" {
			paths = append(paths, f)
		}
	}
	for _, f := range files {
		// (a missing notice file is reported by notice.CheckFiles)
		if _, err := os.Stat(f); err != nil && filepath.Base(filepath.Dir(f)) == "staff" {
			diags = append(diags, notice.Diagnostic{File: f, Severity: notice.Error,
				Message: "文件不存在", Hint: "检查文件名和路径（相对于当前目录）；数据文件是 data/notices/<id>.toml，工作人员文件是 data/staff/<id>.toml"})
		}
	}
	notices, ds := notice.CheckFiles(root, paths, now)
	diags = append(diags, ds...)
	// A data file with errors of its own is compared with the import once
	// they are fixed: one error per mistake.
	failed := map[string]bool{}
	for _, d := range ds {
		if d.Severity == notice.Error {
			if abs, err := filepath.Abs(d.File); err == nil {
				failed[abs] = true
			}
		}
	}
	var compare []*notice.Notice
	for _, n := range notices {
		abs, _ := filepath.Abs(filepath.Join(root, filepath.FromSlash(NoticesDir), n.ID+".toml"))
		if !failed[abs] {
			compare = append(compare, n)
		}
	}
	diags = append(diags, sameAsImports(root, compare)...)
	if len(files) > 0 {
		diags = only(diags, root, files)
	}
	sort.SliceStable(diags, func(i, j int) bool {
		if diags[i].File != diags[j].File {
			return diags[i].File < diags[j].File
		}
		return diags[i].Line < diags[j].Line
	})
	return notices, diags
}

// listData returns the notice data files under root and reports every
// other file Hugo would read from the data folders: only <id>.toml files
// directly in them are data (Hugo would also load .json, .yaml, sub-folders
// and more, unchecked). A staff file without a notice is reported too.
func listData(root string) ([]string, []notice.Diagnostic) {
	var paths []string
	var diags []notice.Diagnostic
	ids := map[string]bool{}
	for _, dir := range []string{NoticesDir, StaffDir} {
		full := filepath.Join(root, filepath.FromSlash(dir))
		entries, err := os.ReadDir(full)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			diags = append(diags, notice.Diagnostic{File: dir, Severity: notice.Error,
				Message: "无法读取目录：" + err.Error(), Hint: "检查目录的权限"})
			continue
		}
		for _, e := range entries {
			name := e.Name()
			rel := filepath.Join(full, name)
			id, isToml := strings.CutSuffix(name, ".toml")
			switch {
			case e.IsDir():
				diags = append(diags, notice.Diagnostic{File: rel, Severity: notice.Error,
					Message: fmt.Sprintf("%s/ 下有子目录 %s，网站生成程序 Hugo 会读取其中的文件，但检查不会", dir, name),
					Hint:    "数据文件直接放在 " + dir + "/ 下；把这个目录移到仓库之外"})
			case !isToml || !notice.ValidID(id):
				hint := "把它移到仓库之外；数据文件的名字是 <id>.toml，id 以小写英文字母开头，只含小写英文字母、数字和连字符 -"
				if isToml {
					hint = "把文件改名：id 以小写英文字母开头，只含小写英文字母、数字和连字符 -，例如 wuhan-eeb-2020.toml"
				}
				diags = append(diags, notice.Diagnostic{File: rel, Severity: notice.Error,
					Message: fmt.Sprintf("%s/ 下的 %s 不是数据文件，但网站生成程序 Hugo 会读取它（未经检查就可能发布）", dir, name),
					Hint:    hint})
			case dir == NoticesDir:
				paths = append(paths, rel)
				ids[id] = true
			case !ids[id]:
				diags = append(diags, notice.Diagnostic{File: rel, Severity: notice.Error,
					Message: fmt.Sprintf("工作人员文件 %s 没有对应的通报数据文件 %s/%s.toml", name, NoticesDir, id),
					Hint:    "文件名要与通报的数据文件相同；通报已删除的，把这个文件也删除"})
			}
		}
	}
	return paths, diags
}

// sameAsImports runs sameAsImport on each notice, on as many at once as
// there are CPUs (each is independent: it reads files and imports), and
// returns the diagnostics in the order of ns, as one at a time would.
func sameAsImports(root string, ns []*notice.Notice) []notice.Diagnostic {
	results := make([][]notice.Diagnostic, len(ns))
	parallel.For(runtime.GOMAXPROCS(0), len(ns), func(i int) { results[i] = sameAsImport(root, ns[i]) })
	var diags []notice.Diagnostic
	for _, r := range results {
		diags = append(diags, r...)
	}
	return diags
}

// sameAsImport imports n's original with its corrections list, as `rectify
// import` does, and reports the first line where the data file differs.
func sameAsImport(root string, n *notice.Notice) []notice.Diagnostic {
	dataFile := filepath.Join(root, filepath.FromSlash(NoticesDir), n.ID+".toml")
	have, err := os.ReadFile(dataFile)
	if err != nil || n.Source == "" || strings.ContainsAny(n.Source, "\n\r") {
		return nil // reported by notice.CheckFiles
	}
	origPath := filepath.Join(root, "static", filepath.FromSlash(n.Source))
	raw, err := os.ReadFile(origPath)
	if err != nil {
		return nil // reported by notice.CheckFiles
	}
	fail := func(line int, msg, hint string) []notice.Diagnostic {
		return []notice.Diagnostic{{File: dataFile, Line: line, Severity: notice.Error, Message: msg, Hint: hint}}
	}
	orig, err := original.Text(origPath, raw)
	if err != nil {
		return fail(0, "无法读取原文 static/"+n.Source+"："+err.Error(), "换用能读取的原文格式，见 tools/importer/README.md 的“原文格式”")
	}
	opts := importer.Options{ID: n.ID, Source: n.Source}
	corrPath := filepath.Join(root, "data", "corrections", n.ID+".toml")
	if data, err := os.ReadFile(corrPath); err == nil {
		opts.Corrections, err = importer.ParseCorrections(corrPath, data)
		if err != nil {
			return fail(0, "更正清单读不了："+err.Error(), "改正更正清单 data/corrections/"+n.ID+".toml")
		}
		opts.CorrectionsFile = corrPath
	}
	fresh, _, err := importer.Import(origPath, []byte(orig.Text), opts)
	if err != nil {
		return fail(0, "从原文 static/"+n.Source+" 导入失败："+err.Error(), "核对原文是否完整")
	}
	want, err := notice.Marshal(fresh)
	if err != nil {
		return fail(0, "无法生成导入结果："+err.Error(), "请报告这个问题")
	}
	if bytes.Equal(have, want) {
		return nil
	}
	line, got, exp := firstDiff(have, want)
	reimport := fmt.Sprintf("go run ./tools/cmd/rectify import --id %s -o %s/%s.toml static/%s", n.ID, NoticesDir, n.ID, n.Source)
	msg := fmt.Sprintf("数据文件与从原文 static/%s 导入的结果不同：这一行是 %s，导入得到 %s", n.Source, show(got), show(exp))
	hint := "数据文件只能由 rectify import 生成，不要手工修改。原文的字有误，写进更正清单 data/corrections/" + n.ID +
		".toml；整改进展、核实的状态、整改期限等写进工作人员文件 data/staff/" + n.ID + ".toml（见 docs/staff.md）；然后重新导入：" + reimport
	return fail(line, msg, hint)
}

// firstDiff returns the 1-based line of the first difference of a and b
// and that line of each ("" past the end).
func firstDiff(a, b []byte) (int, string, string) {
	la := strings.Split(string(a), "\n")
	lb := strings.Split(string(b), "\n")
	for i := 0; ; i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y || i >= len(la) || i >= len(lb) {
			return i + 1, x, y
		}
	}
}

func sameFile(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}

// show quotes a line for a message, shortened.
func show(l string) string {
	if l == "" {
		return "（空行或文件结束）"
	}
	if utf8.RuneCountInString(l) > 60 {
		l = string([]rune(l)[:60]) + "…"
	}
	return "「" + l + "」"
}

// only keeps the diagnostics of the given files and of their staff (or
// data) files.
func only(diags []notice.Diagnostic, root string, files []string) []notice.Diagnostic {
	keep := map[string]bool{}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		keep[abs] = true
		base := filepath.Base(abs)
		for _, dir := range []string{NoticesDir, StaffDir} {
			if p, err := filepath.Abs(filepath.Join(root, filepath.FromSlash(dir), base)); err == nil {
				keep[p] = true
			}
		}
	}
	var out []notice.Diagnostic
	for _, d := range diags {
		abs, err := filepath.Abs(d.File)
		if err == nil && keep[abs] {
			out = append(out, d)
		}
	}
	return out
}
