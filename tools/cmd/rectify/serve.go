package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
)

// runServe is `rectify serve [HUGO SERVER FLAGS]`: it checks every data file
// and, when there is no error, runs the pinned Hugo's development server at
// http://localhost:1313 with live reload (pages rebuild when a data file,
// template or content file changes). Extra arguments go to `hugo server`
// (e.g. --port 1314). It returns when the server stops (Ctrl+C).
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "用法: rectify serve [hugo server 的参数]\n\n检查 data/notices/*.toml，没有错误才在 http://localhost:1313 启动预览（修改后自动刷新）。按 Ctrl+C 停止。\n")
	}
	// Only -h is ours; everything else is for hugo server.
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		fs.Usage()
		return 0
	}
	root, err := siteRoot()
	if err != nil {
		fmt.Fprintf(stderr, "rectify serve: 错误: %v\n", err)
		return 1
	}
	if !checkAll(root, stderr) {
		fmt.Fprintln(stderr, "rectify serve: 数据检查未通过，没有启动预览；请按上面的提示改正后重试")
		return 1
	}
	// In memory: public/ stays what `rectify build` made.
	hugoArgs := []string{"server", "--source", root, "--port", "1313", "--renderToMemory", "--noBuildLock"}
	hugoArgs = append(hugoArgs, gitInfoFlags(root, stderr)...)
	hugoArgs = append(hugoArgs, args...)
	cmd := hugo(root, stdout, stderr, hugoArgs...)
	// Ctrl+C reaches Hugo too (same process group); wait for it to stop.
	signal.Ignore(os.Interrupt)
	defer signal.Reset(os.Interrupt)
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && !exit.Exited() {
			return 0 // stopped by a signal
		}
		fmt.Fprintf(stderr, "rectify serve: Hugo 预览服务器出错：%v\n", err)
		return 1
	}
	return 0
}
