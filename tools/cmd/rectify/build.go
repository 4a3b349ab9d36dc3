package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// runBuild is `rectify build [-o DIR]`: it checks every data file (as
// `rectify check` does) and, only when there is no error, builds the site
// with the Hugo pinned in go.mod (`go tool hugo`) into DIR (default public/).
//
// The site is built into a new directory next to DIR and renamed over it
// only when Hugo succeeds, so a failed check or a failed build leaves the
// previous DIR untouched. Run it from the repository root. The base URL
// comes from the environment (HUGO_BASEURL), as Hugo reads it.
func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "public", "输出目录")
	fs.Usage = func() {
		fmt.Fprint(stderr, "用法: rectify build [-o 目录]\n\n检查 data/notices/*.toml，没有错误才用 Hugo 生成网站到 public/（或 -o 指定的目录）。\n网站地址取自环境变量 HUGO_BASEURL（如 https://example.org/tracker/）。在仓库根目录运行。\n")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	root, err := siteRoot()
	if err != nil {
		fmt.Fprintf(stderr, "rectify build: 错误: %v\n", err)
		return 1
	}
	if !checkAll(root, stderr) {
		fmt.Fprintln(stderr, "rectify build: 数据检查未通过，没有生成网站（原有的输出目录保持不变）；请按上面的提示改正后重试")
		return 1
	}
	dest, err := filepath.Abs(*out)
	if err != nil {
		fmt.Fprintf(stderr, "rectify build: 错误: %v\n", err)
		return 1
	}
	if err := buildSite(root, dest, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "rectify build: 错误: %v；原有的 %s 保持不变\n", err, *out)
		return 1
	}
	fmt.Fprintf(stderr, "网站已生成到 %s\n", *out)
	return 0
}

// buildSite runs Hugo on the site at root into a fresh directory next to
// dest, then replaces dest with it.
func buildSite(root, dest string, stdout, stderr io.Writer) error {
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+"-new-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // a no-op after the rename below
	args := []string{"--source", root, "--destination", tmp, "--noBuildLock"}
	args = append(args, gitInfoFlags(root, stderr)...)
	if err := hugo(root, stdout, stderr, args...).Run(); err != nil {
		return fmt.Errorf("Hugo 生成网站失败（%v），见上面 Hugo 的错误信息", err)
	}
	return replaceDir(tmp, dest)
}

// replaceDir moves dir to dest, replacing what was at dest.
func replaceDir(dir, dest string) error {
	old := ""
	if _, err := os.Stat(dest); err == nil {
		old = dir + "-old"
		if err := os.Rename(dest, old); err != nil {
			return err
		}
	}
	if err := os.Rename(dir, dest); err != nil {
		if old != "" {
			os.Rename(old, dest)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// hugo returns the command running the Hugo pinned in go.mod as
// `go tool hugo ARGS`, from the module root (where go.mod declares the tool).
func hugo(root string, stdout, stderr io.Writer, args ...string) *exec.Cmd {
	cmd := exec.Command("go", append([]string{"tool", "hugo"}, args...)...)
	cmd.Dir = root
	cmd.Stdin = os.Stdin
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	return cmd
}

// gitInfoFlags turns off Hugo's git dates (enableGitInfo in config.toml)
// when root is not a git checkout, where Hugo would otherwise fail; the
// "最后更新" dates then come from the data alone.
func gitInfoFlags(root string, stderr io.Writer) []string {
	cmd := exec.Command("git", "rev-parse", "--is-inside-work-tree")
	cmd.Dir = root
	if out, err := cmd.Output(); err == nil && string(out) == "true\n" {
		return nil
	}
	fmt.Fprintln(stderr, "提示: 不在 git 仓库中，页面的“最后更新”日期只取自数据文件")
	return []string{"--enableGitInfo=false"}
}

// siteRoot returns the repository root: the current directory, which must
// hold config.toml and go.mod.
func siteRoot() (string, error) {
	root, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for _, f := range []string{"go.mod", "config.toml"} {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			return "", fmt.Errorf("当前目录 %s 不是仓库根目录（没有 %s）；请先 cd 到仓库根目录再运行", root, f)
		}
	}
	return root, nil
}
