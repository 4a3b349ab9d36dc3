package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/wuhan-rectify/tracker/tools/dataset"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// noticesGlob is where the data files are, relative to the repository root.
const noticesGlob = "data/notices/*.toml"

// runCheck is `rectify check [FILES]`: it checks the given data files, or
// every data/notices/*.toml under the current directory, prints one
// diagnostic per line and a summary on stderr, and exits 1 on any error
// (0 with warnings only, 2 on bad usage).
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "用法: rectify check [文件.toml …]\n\n检查数据，默认检查全部（在仓库根目录运行）：每份通报的数据文件 "+noticesGlob+
			"\n（逐行与从原文重新导入的结果比对）和工作人员文件 data/staff/*.toml。指定文件时只报告这些文件的问题。\n有错误时退出码为 1；只有警告时为 0。\n")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	files := fs.Args()
	if len(files) == 0 {
		if _, ok := noticeFiles(".", stderr); !ok {
			return 1
		}
	}
	if _, ok := checkFiles(".", files, stderr); !ok {
		return 1
	}
	return 0
}

// checkAll checks every data/notices/*.toml under root (the repository
// root), as `rectify check` does, writing the diagnostics and a summary to
// stderr. It reports whether there was no error, and then returns the
// checked notices (their staff files applied): build and serve call it
// first, stop when it fails, and build the search index from the notices
// rather than reading the data again.
func checkAll(root string, stderr io.Writer) ([]*notice.Notice, bool) {
	if _, ok := noticeFiles(root, stderr); !ok {
		return nil, false
	}
	return checkFiles(root, nil, stderr)
}

// noticeFiles lists the data files under root; none is an error.
func noticeFiles(root string, stderr io.Writer) ([]string, bool) {
	files, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(noticesGlob)))
	if len(files) == 0 {
		fmt.Fprintf(stderr, "rectify check: 错误: 没有找到数据文件 %s；请在仓库根目录运行，或指定文件：rectify check 文件.toml\n",
			filepath.Join(root, filepath.FromSlash(noticesGlob)))
		return nil, false
	}
	return files, true
}

// checkFiles checks the data under root (dataset.Check), reporting on
// files only when given, writes each diagnostic and a summary line to
// stderr, and reports whether there was no error, and then returns the
// notices.
func checkFiles(root string, files []string, stderr io.Writer) ([]*notice.Notice, bool) {
	notices, diags := dataset.Check(root, files, time.Now())
	errs, warns := 0, 0
	for _, d := range diags {
		fmt.Fprintln(stderr, d)
		if d.Severity == notice.Error {
			errs++
		} else {
			warns++
		}
	}
	if errs > 0 {
		fmt.Fprintf(stderr, "检查未通过：%d 个错误，%d 条警告\n", errs, warns)
		return nil, false
	}
	problems := 0
	for _, n := range notices {
		problems += len(n.Issues)
	}
	fmt.Fprintf(stderr, "检查通过：%d 份通报，%d 个问题，%d 条警告\n", len(notices), problems, warns)
	return notices, true
}
