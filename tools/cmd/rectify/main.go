// Command rectify imports, checks, builds and serves the rectification tracker.
//
//	go run ./tools/cmd/rectify import [--id ID] [-o PATH] FILE
//	go run ./tools/cmd/rectify check [FILES]
//	go run ./tools/cmd/rectify build
//	go run ./tools/cmd/rectify serve
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `用法: rectify <命令> [参数]

命令:
  import [--id ID] [-o 文件] 原文.txt   从通报原文生成数据文件（TOML）
  check [文件…]                         检查数据文件（默认 data/notices/*.toml）
  build                                 检查后生成网站到 public/
  serve                                 检查后在 http://localhost:1313 预览网站
`

// run is the whole command; tests call it directly.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	verb, rest := args[0], args[1:]
	switch verb {
	case "import":
		return runImport(rest, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "build":
		return runBuild(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "rectify: 未知命令 %q\n\n%s", verb, usage)
	return 2
}
