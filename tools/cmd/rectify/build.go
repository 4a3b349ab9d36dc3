package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/wuhan-rectify/tracker/tools/changelog"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// markerName is the file that marks a folder as the output of rectify
// build. Build only ever replaces such a folder, an empty one, or none: it
// never removes files that it did not write.
const markerName = ".rectify-build"

// markerText is the marker's content (the same in every build, so that two
// builds of one commit are byte-identical).
const markerText = "# 这个目录由 rectify build 生成，每次生成网站时会被整个替换。\n" +
	"# 请不要在这里存放别的文件。删除本文件后，rectify build 就不会再替换这个目录。\n"

// sourceDirs are the repository's folders that Hugo reads, or that hold
// its history or generated data: the output may not be one of them,
// contain one, or lie inside one.
var sourceDirs = []string{"data", "content", "layouts", "static", "assets", "i18n", "archetypes", "themes", ".git", ".rectify"}

// changelogDir is where prepareSite writes the change logs, relative to the
// repository root; config.toml mounts it as data/changelog.
const changelogDir = ".rectify/changelog"

// cst is China Standard Time, the zone of the as-of date; a fixed zone, so
// no tzdata is needed.
var cst = time.FixedZone("CST", 8*3600)

// errInterrupted: the build stopped on SIGINT or SIGTERM.
var errInterrupted = errors.New("已中断")

// runBuild is `rectify build [-o DIR] [--as-of YYYY-MM-DD]`: it checks
// every data file (as `rectify check` does) and, only when there is no
// error, builds the site with the Hugo pinned in go.mod (`go tool hugo`)
// into DIR (default public/).
//
// DIR must be absent, empty, or an earlier build (it holds the marker file
// .rectify-build); it may not be or contain the repository or overlap its
// source folders. Anything else is refused, and nothing is removed.
//
// The site is built into a new folder next to DIR (.DIR-new-*), which then
// takes DIR's place (see swapDir): a failed or interrupted build leaves the
// previous DIR untouched, and Ctrl+C or SIGTERM stops Hugo and removes the
// new folder. A lock file next to DIR (.DIR.rectify-lock) makes a second
// build into the same DIR wait for the first.
//
// Run it from the repository root. The base URL comes from the environment
// (HUGO_BASEURL), as Hugo reads it; --as-of is the date overdue problems
// are judged on (see prepareSite).
func runBuild(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("build", flag.ContinueOnError)
	flags.SetOutput(stderr)
	out := flags.String("o", "public", "输出目录")
	asOf := flags.String("as-of", "", "按哪一天判断是否逾期，YYYY-MM-DD（默认今天，北京时间）")
	flags.Usage = func() {
		fmt.Fprint(stderr, "用法: rectify build [-o 目录] [--as-of YYYY-MM-DD]\n\n"+
			"检查 data/notices/*.toml 和工作人员文件 data/staff/*.toml，没有错误才用 Hugo 生成网站到 public/（或 -o 指定的目录）。\n"+
			"输出目录须不存在、为空，或是上次 rectify build 生成的（有 "+markerName+" 标记文件）；整个目录会被新网站替换。\n"+
			"--as-of 是判断“逾期”用的日期（默认今天，北京时间）；同一提交、同一日期生成的网站逐字节相同。\n"+
			"网站地址取自环境变量 HUGO_BASEURL（如 https://example.org/tracker/）。在仓库根目录运行。\n\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 0 {
		flags.Usage()
		return 2
	}
	if _, err := parseAsOf(*asOf); err != nil {
		fmt.Fprintf(stderr, "rectify build: 错误: %v\n", err)
		return 2
	}
	root, err := siteRoot()
	if err != nil {
		fmt.Fprintf(stderr, "rectify build: 错误: %v\n", err)
		return 1
	}
	dest, err := filepath.Abs(*out)
	if err != nil {
		fmt.Fprintf(stderr, "rectify build: 错误: %v\n", err)
		return 1
	}
	if err := checkOutput(root, dest); err != nil {
		fmt.Fprintf(stderr, "rectify build: 错误: %v\n", err)
		return 1
	}
	notices, ok := checkAll(".", stderr) // from the root (siteRoot): relative file names, as rectify check gives
	if !ok {
		fmt.Fprintln(stderr, "rectify build: 数据检查未通过，没有生成网站（原有的输出目录保持不变）；请按上面的提示改正后重试")
		return 1
	}
	ctx, signalled, stop := notifySignals()
	defer stop()
	err = buildSite(ctx, root, dest, *asOf, notices, stdout, stderr)
	if errors.Is(err, errInterrupted) {
		s := signalled()
		fmt.Fprintf(stderr, "rectify build: 收到 %v，已停止：没有生成网站，%s 保持不变，临时文件已删除\n", s, dest)
		if n, ok := s.(syscall.Signal); ok {
			return 128 + int(n)
		}
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "rectify build: 错误: %v；原有的 %s 保持不变\n", err, dest)
		return 1
	}
	fmt.Fprintf(stderr, "网站已生成到 %s（预览用 rectify serve；发布：推送到 git 后由 CI 生成并部署，或把这个目录的全部内容复制到网站服务器，见 docs/hosting.md）\n", *out)
	if !absoluteBaseURL(os.Getenv("HUGO_BASEURL")) {
		fmt.Fprintln(stderr, "提示: 没有设置网站地址（环境变量 HUGO_BASEURL，如 https://zhenggai.example.gov.cn/）："+
			"sitemap.xml、robots.txt 和订阅中的网址是相对地址，搜索引擎和订阅软件不认。本地预览不要紧；发布时请设置，见 docs/hosting.md")
	}
	return 0
}

// absoluteBaseURL says whether u is an absolute http(s) URL with a host,
// as the sitemap protocol and feeds need their addresses to be.
func absoluteBaseURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != ""
}

// parseAsOf returns the as-of date: s when it is a valid YYYY-MM-DD, today
// in China Standard Time when s is "".
func parseAsOf(s string) (string, error) {
	if s == "" {
		return time.Now().In(cst).Format(time.DateOnly), nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, cst)
	if err != nil || t.Format(time.DateOnly) != s {
		return "", fmt.Errorf("--as-of %q 不是有效的日期：请写成 YYYY-MM-DD，如 --as-of 2026-12-01", s)
	}
	return s, nil
}

// prepareSite readies the site at root for a Hugo run (build, and serve):
// it writes each notice's change log to root/.rectify/changelog/<id>.json
// from the git history (package changelog), and returns the variables to
// add to Hugo's environment: HUGO_PARAMS_ASOF=asOf (site.Params.asof; ""
// means today in China Standard Time), a bound on Hugo's heap
// (memLimitEnv), and HUGO_ENABLEGITINFO=false
// outside a git checkout, where it prints a hint and goes on without change
// logs. A shallow clone is an error: its change logs and last-updated dates
// would be wrong.
func prepareSite(root, asOf string, stderr io.Writer) ([]string, error) {
	day, err := parseAsOf(asOf)
	if err != nil {
		return nil, err
	}
	env := append([]string{"HUGO_PARAMS_ASOF=" + day}, memLimitEnv()...)
	err = changelog.Write(root, filepath.Join(root, filepath.FromSlash(changelogDir)))
	switch {
	case errors.Is(err, changelog.ErrNotGit):
		fmt.Fprintln(stderr, "提示: 不在 git 仓库中，页面的“最后更新”日期只取自数据文件，通报页也没有修改记录")
		env = append(env, "HUGO_ENABLEGITINFO=false")
	case errors.Is(err, changelog.ErrShallow):
		return nil, errors.New("这是浅克隆（shallow clone），git 历史不完整，修改记录和“最后更新”日期都会出错。" +
			"请先运行 git fetch --unshallow 取得完整历史，再重试" +
			"（CI 里检出时要取完整历史：GitHub Actions 的 actions/checkout 设 fetch-depth: 0，GitLab CI 设 GIT_DEPTH: 0）")
	case err != nil:
		return nil, fmt.Errorf("无法从 git 历史生成修改记录：%v", err)
	}
	return env, nil
}

// buildSite builds the site at root into a new folder next to dest and
// puts it in dest's place, holding dest's lock throughout. It returns
// errInterrupted when ctx is cancelled (a signal) before the swap.
func buildSite(ctx context.Context, root, dest, asOf string, notices []*notice.Notice, stdout, stderr io.Writer) error {
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	unlock, err := lockOutput(ctx, dest, stderr)
	if err != nil {
		return err
	}
	defer unlock()
	removeDebris(parent, base, stderr)
	// Checked again under the lock: another build may have run meanwhile.
	if err := checkOutput(root, dest); err != nil {
		return err
	}
	// One as-of date for Hugo and the open-data bundle, even across midnight.
	if asOf, err = parseAsOf(asOf); err != nil {
		return err
	}
	env, err := prepareSite(root, asOf, stderr)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return errInterrupted
	}
	tmp, err := os.MkdirTemp(parent, tempPrefix(base))
	if err != nil {
		return err
	}
	// After the swap tmp holds the old site; after a failure, the new one.
	defer os.RemoveAll(tmp)
	// Marked from the start, so that the next build may remove it should
	// this one be killed outright (SIGKILL). Hugo leaves it in place: it
	// does not clean its destination.
	if err := writeMarker(tmp); err != nil {
		return err
	}
	cmd := hugo(root, stdout, stderr, "--source", root, "--destination", tmp, "--noBuildLock")
	cmd.Stdin = nil // Hugo runs in its own process group, away from the terminal
	cmd.Env = append(os.Environ(), env...)
	if err := runHugo(ctx, cmd); err != nil {
		if ctx.Err() != nil {
			return errInterrupted
		}
		return fmt.Errorf("Hugo 生成网站失败（%v），见上面 Hugo 的错误信息", err)
	}
	if ctx.Err() != nil {
		return errInterrupted
	}
	if err := finishSite(root, tmp, asOf, notices); err != nil {
		return err
	}
	if err := writeMarker(tmp); err != nil { // should static/ hold a file of that name
		return err
	}
	if err := checkOutput(root, dest); err != nil {
		return err
	}
	return swapDir(tmp, dest)
}

// checkOutput refuses an output folder that build must not replace: the
// repository root or a folder containing it, one overlapping a source
// folder (sourceDirs), a symbolic link or a file, and a folder that is
// neither empty nor marked as an earlier build's. A missing folder is fine.
func checkOutput(root, dest string) error {
	r, d := realPath(root), realPath(dest)
	if within(d, r) {
		return fmt.Errorf("输出目录 %s 是仓库根目录或包含仓库根目录：生成网站会替换其中的全部文件（包括 .git 和数据）。"+
			"请用 -o 指定一个新的或空的目录，如 -o public", dest)
	}
	for _, s := range sourceDirs {
		p := filepath.Join(r, s)
		if within(d, p) || within(p, d) {
			return fmt.Errorf("输出目录 %s 与仓库的 %s/ 重叠（就是它、包含它或在它里面）：那里是网站的源文件或数据，不能用作输出目录。"+
				"请用 -o 指定别的目录，如 -o public", dest, s)
		}
	}
	fi, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("输出目录 %s 是符号链接；为免替换链接指向的文件，不向它输出。请用 -o 指定链接指向的目录，或一个新的目录", dest)
	case !fi.IsDir():
		return fmt.Errorf("输出目录 %s 已存在，但不是目录。请用 -o 指定别的目录，或者确认不需要后自己删除它再重试", dest)
	case isBuildOutput(dest):
		return nil
	}
	f, err := os.Open(dest)
	if err != nil {
		return err
	}
	names, _ := f.Readdirnames(1)
	f.Close()
	if len(names) == 0 {
		return nil
	}
	return fmt.Errorf("输出目录 %s 不是空目录，也没有 rectify build 的标记文件 %s，不是 rectify build 生成的；"+
		"生成网站会替换整个目录，为免删掉其中的文件，没有生成。请用 -o 指定一个新的或空的目录；"+
		"如果确定其中的文件都不需要了（例如旧版 rectify build 生成的 public/），请自己删除这个目录再重试", dest, markerName)
}

// isBuildOutput reports whether dir holds the marker of a build.
func isBuildOutput(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, markerName))
	return err == nil && fi.Mode().IsRegular()
}

func writeMarker(dir string) error {
	return os.WriteFile(filepath.Join(dir, markerName), []byte(markerText), 0o644)
}

// realPath is p with symbolic links resolved as far as p exists.
func realPath(p string) string {
	p = filepath.Clean(p)
	var rest []string
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(append([]string{p}, rest...)...)
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// within reports whether p is dir or inside it (both clean and absolute).
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// tempPrefix is the name prefix of the folders in which a build of
// .../base is made (git-ignored: .*-new-*/).
func tempPrefix(base string) string {
	return "." + base + "-new-"
}

// removeDebris removes what a build of parent/base that was killed
// outright (SIGKILL, power loss) left next to it: marked or empty folders
// named tempPrefix(base)*. The caller holds the lock, so no build is using
// them.
func removeDebris(parent, base string, stderr io.Writer) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPrefix(base)) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if isBuildOutput(p) {
			if os.RemoveAll(p) == nil {
				fmt.Fprintf(stderr, "已删除上次中断的生成留下的 %s\n", p)
			}
		} else {
			os.Remove(p) // only when empty
		}
	}
}

// swapDir puts the new site tmp in dest's place, leaving the old one (if
// any) at tmp for the caller to remove.
//
// When dest exists, the two are exchanged in one step where the system can
// (Linux: renameat2 with RENAME_EXCHANGE): at every moment dest holds
// either the old site or the new one. Elsewhere (another system, or a file
// system without it) dest is renamed aside to tmp+"-old" and tmp renamed to
// dest: an interruption between the two renames leaves no dest but the old
// site next to it, which the next build removes (removeDebris).
func swapDir(tmp, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	err := exchange(tmp, dest)
	if !errors.Is(err, errNoExchange) {
		return err
	}
	old := tmp + "-old"
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return err
	}
	return os.Rename(old, tmp)
}

// errNoExchange: the system cannot exchange two paths atomically.
var errNoExchange = errors.New("atomic exchange not supported")

// lockOutput takes the lock of dest: an exclusive lock on the file
// .<base>.rectify-lock next to it (kept, git-ignored), waiting while
// another build holds it. It returns errInterrupted when ctx is cancelled
// while waiting.
func lockOutput(ctx context.Context, dest string, stderr io.Writer) (unlock func(), err error) {
	path := filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".rectify-lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("无法创建锁文件 %s：%v", path, err)
	}
	waited := false
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("无法锁定 %s：%v", path, err)
		}
		if ok {
			break
		}
		if !waited {
			fmt.Fprintf(stderr, "另一个 rectify build 正在生成 %s，等它完成……\n", dest)
			waited = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, errInterrupted
		case <-time.After(100 * time.Millisecond):
		}
	}
	if fi, err := f.Stat(); err == nil && fi.Size() == 0 {
		f.WriteString("# rectify build 的锁文件：两个 rectify build 不同时写入 " + filepath.Base(dest) + "/。\n")
	}
	return func() {
		unlockFile(f)
		f.Close()
	}, nil
}

// runHugo runs cmd in a process group of its own and waits for it. When
// ctx is cancelled (a signal to rectify), it asks the whole group to stop,
// kills it after 5 seconds, and returns ctx's error once the group is gone;
// processes left in the group after a normal exit are killed too. So no
// Hugo outlives the build (`go tool hugo` runs Hugo as a child process).
func runHugo(ctx context.Context, cmd *exec.Cmd) error {
	ownProcessGroup(cmd)
	cmd.WaitDelay = 5 * time.Second // for output pipes a stray child keeps open
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		killProcessGroup(cmd.Process)
		return err
	case <-ctx.Done():
	}
	stopProcessGroup(cmd.Process)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		killProcessGroup(cmd.Process)
		<-done
	}
	killProcessGroup(cmd.Process)
	return ctx.Err()
}

// notifySignals catches SIGINT (Ctrl+C) and SIGTERM until stop is called:
// the first one cancels ctx, and signalled returns it.
func notifySignals() (ctx context.Context, signalled func() os.Signal, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	var mu sync.Mutex
	var got os.Signal
	quit := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			mu.Lock()
			got = s
			mu.Unlock()
			cancel()
		case <-quit:
		}
	}()
	signalled = func() os.Signal {
		mu.Lock()
		defer mu.Unlock()
		return got
	}
	stop = func() {
		signal.Stop(ch)
		close(quit)
		cancel()
	}
	return ctx, signalled, stop
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
// "最后更新" dates then come from the data alone. (rectify build uses
// prepareSite, which does this through the environment.)
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
