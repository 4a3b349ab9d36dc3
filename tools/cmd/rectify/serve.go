package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/wuhan-rectify/tracker/tools/browser"
)

// runServe is `rectify serve [--port N] [--bind ADDR] [--baseURL URL]
// [--disableLiveReload]`: a preview of the site at http://localhost:1313/
// that always shows what a fresh `rectify build` would.
//
// Design. Serve owns a temporary directory. On start and after every change
// under the watched paths (watchedPaths; polled, then debounced), one builder
// goroutine checks the data exactly as `rectify check` does (checkAll) and,
// when there is no error, runs a FULL Hugo build (`go tool hugo`, never
// `hugo server` and its incomplete partial rebuilds) into a new directory in
// it. A plain net/http handler serves the latest good build; the pointer to
// it is swapped under a lock only when a build succeeds, so no request sees
// a half-written site. While the check or Hugo fails, every page request
// gets a Chinese error page (HTTP 500) with the messages (file:line: 错误: …)
// as text, and it recovers by itself once a rebuild succeeds: no state
// survives from one build to the next.
//
// Responses carry the headers of static/_headers (browser.ParseHeaders, as
// the browser tests and the hosts apply them), a content type by extension
// and Cache-Control: no-store; a missing page gets the site's 404.html with
// status 404. Live reload: every HTML response gets
// <script src="/__rectify/reload.js">, a same-origin file (the site's CSP
// forbids inline scripts, and allows 'self'; previewCSP adds 'self' in the
// preview only should the policy ever stop allowing it). The script
// long-polls /__rectify/version and reloads the page when a build (good or
// bad) is newer than the page. Ctrl+C stops the server, cancels a running
// build and removes the temporary directory.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var port int
	var bind, baseURL string
	fs.IntVar(&port, "port", 1313, "端口")
	fs.IntVar(&port, "p", 1313, "同 --port")
	fs.StringVar(&bind, "bind", "127.0.0.1", "监听的地址（0.0.0.0 让局域网内其他电脑也能访问）")
	fs.StringVar(&baseURL, "baseURL", "", "网站地址（默认 http://localhost:端口/）")
	fs.StringVar(&baseURL, "b", "", "同 --baseURL")
	noReload := fs.Bool("disableLiveReload", false, "修改后不自动刷新浏览器中的页面")
	fs.Usage = func() {
		fmt.Fprint(stderr, `用法: rectify serve [--port 1313] [--bind 127.0.0.1] [--baseURL 网址] [--disableLiveReload]

在 http://localhost:1313/ 预览网站，和 rectify build 生成的网站完全一样。
每次修改并保存 data/、content/、layouts/、static/、i18n/、assets/ 下的文件或 config.toml，
都先检查数据（同 rectify check），再重新生成整个网站，浏览器中的页面自动刷新；
数据有错误时，浏览器中显示错误页（文件:行号: 错误: ……），改正并保存后自动恢复。
按 Ctrl+C 停止。在仓库根目录运行。

参数:
  --port, -p N          端口（默认 1313）
  --bind 地址            监听的地址（默认 127.0.0.1，只有本机能访问）
  --baseURL, -b 网址     网站地址（默认 http://localhost:端口/）
  --disableLiveReload   修改后不自动刷新浏览器中的页面
`)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "rectify serve: 多余的参数 %q\n\n", fs.Args())
		fs.Usage()
		return 2
	}
	if port < 0 || port > 65535 {
		fmt.Fprintf(stderr, "rectify serve: 错误: 端口 %d 不对；应为 1 到 65535 之间的数\n", port)
		return 2
	}
	if baseURL == "" {
		baseURL = defaultBaseURL(bind, port)
	}
	root, err := siteRoot()
	if err != nil {
		fmt.Fprintf(stderr, "rectify serve: 错误: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	if err != nil {
		fmt.Fprintf(stderr, "rectify serve: 错误: 端口 %d 已被占用或无法使用（%v）；多半是另一个预览还开着：到那个命令行窗口按 Ctrl+C，或换一个端口，例如 --port %d\n",
			port, err, port+1)
		return 1
	}
	p, err := newPreview(previewConfig{
		root: root, baseURL: baseURL, liveReload: !*noReload,
		stdout: stdout, stderr: stderr,
	})
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "rectify serve: 错误: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stderr, "预览地址：%s （正在检查数据并生成网站；按 Ctrl+C 停止）\n", baseURL)
	if err := p.run(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "rectify serve: 错误: %v\n", err)
		return 1
	}
	fmt.Fprintln(stderr, "预览已停止。")
	return 0
}

// defaultBaseURL is Hugo's server default: localhost unless bound to one
// particular address.
func defaultBaseURL(bind string, port int) string {
	host := bind
	switch bind {
	case "", "127.0.0.1", "0.0.0.0", "::", "::1", "localhost":
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/"
}

// watchedPaths are what a build reads, relative to the repository root:
// a change to any file under them rebuilds the site. .rectify/ (generated
// before each build) is deliberately not among them.
var watchedPaths = []string{"config.toml", "data", "content", "layouts", "static", "i18n", "assets"}

// previewPrepare prepares each preview build as `rectify build` prepares
// its build (prepareSite: today's date in China Standard Time as the as-of
// date, the change logs from git history) and returns what Hugo's
// environment adds.
func previewPrepare(root string, stderr io.Writer) (env []string, err error) {
	return prepareSite(root, "", stderr)
}

type previewConfig struct {
	root       string // repository root
	baseURL    string // given to Hugo; its path is where the site is served
	liveReload bool   // inject the reload script into HTML responses
	poll       time.Duration
	debounce   time.Duration
	stdout     io.Writer
	stderr     io.Writer
}

// A preview is one `rectify serve`: the builder, the watcher and the handler.
type preview struct {
	cfg      previewConfig
	root     string // absolute
	basePath string // path of the base URL: "/" or "/sub/"
	work     string // temporary directory owned by serve
	gitFlags []string
	boot     string // distinguishes this process's versions from an earlier one's

	mu      sync.Mutex
	state   siteState
	changed chan struct{} // closed and replaced whenever state changes
	prev    string        // the build served before state.dir, removed at the next swap
	n       int           // Hugo builds started (names their directories)
	seq     int           // states published (numbers the versions)
}

// siteState is what the handler serves; a new value replaces it after each
// build.
type siteState struct {
	version string
	dir     string // the good build served; "" before the first
	fail    *buildFailure
	rules   []browser.HeaderRule // of static/_headers
}

// buildFailure is what the error page shows.
type buildFailure struct {
	Title string
	Hint  string
	Lines []string
}

func newPreview(cfg previewConfig) (*preview, error) {
	root, err := filepath.Abs(cfg.root)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(cfg.baseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("网站地址 %q 不对；应像 http://localhost:1313/ 这样", cfg.baseURL)
	}
	base := "/" + strings.Trim(u.Path, "/") + "/"
	if base == "//" {
		base = "/"
	}
	if !strings.HasSuffix(cfg.baseURL, "/") {
		cfg.baseURL += "/"
	}
	if cfg.poll == 0 {
		cfg.poll = 300 * time.Millisecond
	}
	if cfg.debounce == 0 {
		cfg.debounce = 300 * time.Millisecond
	}
	work, err := os.MkdirTemp("", "rectify-serve-")
	if err != nil {
		return nil, err
	}
	return &preview{
		cfg: cfg, root: root, basePath: base, work: work,
		gitFlags: gitInfoFlags(root, cfg.stderr),
		boot:     strconv.FormatInt(time.Now().UnixNano(), 36),
		changed:  make(chan struct{}),
	}, nil
}

// run serves on ln until ctx is done, then stops the server, waits for the
// builder and removes the temporary directory.
func (p *preview) run(ctx context.Context, ln net.Listener) error {
	defer os.RemoveAll(p.work)
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	trigger := make(chan struct{}, 1)
	seen := p.snapshot() // before the first build: a change after it rebuilds
	trigger <- struct{}{}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-trigger:
				p.rebuild(ctx)
			}
		}
	}()
	go func() {
		defer wg.Done()
		p.watch(ctx, seen, trigger)
	}()

	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
	}
	srv.Close() // also ends the long polls of /__rectify/version
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// watch polls the watched paths and, once they have stayed unchanged for
// the debounce time after a change from last, asks for a rebuild (at most
// one pending: changes during a build give one more build after it).
func (p *preview) watch(ctx context.Context, last uint64, trigger chan<- struct{}) {
	pending := false
	var changedAt time.Time
	tick := time.NewTicker(p.cfg.poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if cur := p.snapshot(); cur != last {
			last, pending, changedAt = cur, true, time.Now()
			continue
		}
		if pending && time.Since(changedAt) >= p.cfg.debounce {
			pending = false
			select {
			case trigger <- struct{}{}:
			default:
			}
		}
	}
}

// snapshot is a hash of the name, size and modification time of every file
// under the watched paths. Editors' backup, swap and lock files are left
// out.
func (p *preview) snapshot() uint64 {
	h := fnv.New64a()
	for _, w := range watchedPaths {
		filepath.WalkDir(filepath.Join(p.root, w), func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(h, "%s\x00error\x00", name)
				return nil
			}
			if b := d.Name(); name != filepath.Join(p.root, w) && ignoredName(b) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			fmt.Fprintf(h, "%s\x00%d\x00%d\x00%v\x00", name, info.Size(), info.ModTime().UnixNano(), info.Mode())
			return nil
		})
	}
	return h.Sum64()
}

// ignoredName: dot files (.foo.swp, .#foo, .DS_Store), #foo# and foo~.
func ignoredName(b string) bool {
	return strings.HasPrefix(b, ".") || strings.HasPrefix(b, "#") || strings.HasSuffix(b, "~")
}

// errorsFirst puts the check's errors (what stops the preview) before its
// warnings, keeping the order within each.
func errorsFirst(ls []string) []string {
	var errs, rest []string
	for _, l := range ls {
		if strings.Contains(l, ": 错误: ") {
			errs = append(errs, l)
		} else {
			rest = append(rest, l)
		}
	}
	return append(errs, rest...)
}

// rebuild checks the data and builds the whole site, then publishes the
// outcome as the new state.
func (p *preview) rebuild(ctx context.Context) {
	start := time.Now()
	stderr := p.cfg.stderr

	var check bytes.Buffer
	notices, ok := checkAll(p.root, &check)
	msgs := p.relative(check.String())
	fmt.Fprint(stderr, msgs)
	if !ok {
		p.publish("", &buildFailure{
			Title: "数据检查未通过，预览暂停",
			Hint:  "每行是一处问题：文件:行号: 错误: 哪里不对；“；”后面是怎么改。改正并保存文件后，这个页面会自动刷新。",
			Lines: errorsFirst(lines(msgs)),
		}, nil)
		fmt.Fprintln(stderr, "rectify serve: 数据检查未通过，浏览器中显示错误页；改正并保存后会自动重新检查和生成")
		return
	}

	rules, err := readHeaderRules(p.root)
	if err != nil {
		p.publish("", &buildFailure{
			Title: "static/_headers 有错误，预览暂停",
			Hint:  "改正并保存后，这个页面会自动刷新。",
			Lines: []string{p.relative(err.Error())},
		}, nil)
		fmt.Fprintf(stderr, "rectify serve: 错误: %s\n", p.relative(err.Error()))
		return
	}

	env, err := previewPrepare(p.root, stderr)
	var out []byte
	p.mu.Lock()
	p.n++
	dir := filepath.Join(p.work, "site-"+strconv.Itoa(p.n))
	p.mu.Unlock()
	if err == nil {
		out, err = p.hugoBuild(ctx, dir, env)
	}
	afterHugo := false
	if err == nil && ctx.Err() == nil {
		afterHugo = true
		err = finishSite(p.root, dir, "", notices) // as build does after Hugo
	}
	if ctx.Err() != nil {
		os.RemoveAll(dir)
		return // stopping
	}
	if err != nil && afterHugo {
		os.RemoveAll(dir)
		p.publish("", &buildFailure{
			Title: "网站生成失败，预览暂停",
			Hint:  "数据检查和 Hugo 都通过了，但随后生成开放数据（CSV 等）或搜索索引时出错，见下面的信息；请联系技术人员。改正并保存后，这个页面会自动刷新。",
			Lines: []string{"rectify serve: " + err.Error()},
		}, rules)
		fmt.Fprintf(stderr, "rectify serve: %v；浏览器中显示错误页\n", err)
		return
	}
	if err != nil {
		os.RemoveAll(dir)
		hugoOut := p.relative(string(out))
		fmt.Fprint(stderr, hugoOut)
		p.publish("", &buildFailure{
			Title: "网站生成失败，预览暂停",
			Hint:  "数据检查通过了，但 Hugo 没能生成网站，下面是 Hugo 的输出（多半是 layouts/、content/ 或 config.toml 中的错误；数据文件没问题时请联系技术人员）。改正并保存后，这个页面会自动刷新。",
			Lines: append(lines(hugoOut), "rectify serve: "+err.Error()),
		}, rules)
		fmt.Fprintf(stderr, "rectify serve: Hugo 生成网站失败（%v），浏览器中显示错误页\n", err)
		return
	}
	p.publish(dir, nil, rules)
	fmt.Fprintf(stderr, "网站已重新生成（用时 %.1f 秒）：%s\n", time.Since(start).Seconds(), p.cfg.baseURL)
}

// hugoBuild runs a full Hugo build of the site into dir; a done ctx
// interrupts it. It returns Hugo's output.
func (p *preview) hugoBuild(ctx context.Context, dir string, env []string) ([]byte, error) {
	var out bytes.Buffer
	args := []string{"--source", p.root, "--destination", dir, "--noBuildLock", "--baseURL", p.cfg.baseURL}
	args = append(args, p.gitFlags...)
	cmd := hugo(p.root, &out, &out, args...)
	cmd.Stdin = nil
	cmd.Env = append(os.Environ(), env...)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			// `go tool` passes the signal on to Hugo.
			if cmd.Process.Signal(os.Interrupt) != nil {
				cmd.Process.Kill()
			}
		case <-done:
		}
	}()
	err := cmd.Wait()
	close(done)
	return out.Bytes(), err
}

// publish makes a new state current: a good build (dir) or a failure
// (dir ""), and wakes the waiting reload scripts.
func (p *preview) publish(dir string, fail *buildFailure, rules []browser.HeaderRule) {
	p.mu.Lock()
	old := p.state
	p.seq++
	next := siteState{version: p.boot + "-" + strconv.Itoa(p.seq), dir: dir, fail: fail, rules: rules}
	if rules == nil {
		next.rules = old.rules
	}
	if dir != old.dir && old.dir != "" {
		// Keep the build just replaced for the requests still reading it;
		// remove the one before.
		if p.prev != "" {
			os.RemoveAll(p.prev)
		}
		p.prev = old.dir
	}
	p.state = next
	close(p.changed)
	p.changed = make(chan struct{})
	p.mu.Unlock()
}

func (p *preview) current() (siteState, <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state, p.changed
}

// relative shortens the absolute file names in messages to names relative
// to the repository root, as `rectify check` prints them.
func (p *preview) relative(s string) string {
	return strings.ReplaceAll(s, p.root+string(filepath.Separator), "")
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if l = strings.TrimRight(l, "\r"); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// readHeaderRules parses static/_headers (no file: no rule).
func readHeaderRules(root string) ([]browser.HeaderRule, error) {
	name := filepath.Join(root, "static", "_headers")
	src, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return []browser.HeaderRule{}, nil
	}
	if err != nil {
		return nil, err
	}
	return browser.ParseHeaders(name, src)
}

// ServeHTTP serves the current state.
func (p *preview) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/__rectify/") {
		p.serveOwn(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	st, _ := p.current()
	w.Header().Set("Cache-Control", "no-store")
	urlPath := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && urlPath != "/" {
		urlPath += "/"
	}
	if !strings.HasPrefix(urlPath, p.basePath) {
		if urlPath == "/" || urlPath+"/" == p.basePath {
			http.Redirect(w, r, p.basePath, http.StatusFound)
			return
		}
		http.NotFound(w, r)
		return
	}
	rel := "/" + strings.TrimPrefix(urlPath, p.basePath) // the path the host sees
	setSiteHeaders(w.Header(), st.rules, rel)
	if st.fail != nil || st.dir == "" {
		p.serveFailure(w, r, st, rel)
		return
	}

	file := filepath.Join(st.dir, filepath.FromSlash(rel))
	info, err := os.Stat(file)
	if err == nil && info.IsDir() {
		if !strings.HasSuffix(rel, "/") {
			target := p.basePath + strings.TrimPrefix(rel, "/") + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
		file = filepath.Join(file, "index.html")
		info, err = os.Stat(file)
	}
	if err != nil || info.IsDir() || path.Base(rel) == "_headers" {
		p.serveFile(w, r, st, filepath.Join(st.dir, "404.html"), http.StatusNotFound)
		return
	}
	p.serveFile(w, r, st, file, http.StatusOK)
}

// serveFile serves a file of the build with its content type; HTML gets the
// reload script.
func (p *preview) serveFile(w http.ResponseWriter, r *http.Request, st siteState, file string, status int) {
	body, err := os.ReadFile(file)
	if err != nil {
		if status == http.StatusNotFound {
			http.NotFound(w, r)
			return
		}
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	ctype := contentType(file, body)
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") && p.cfg.liveReload {
		body = injectReload(body, st.version)
	}
	if status != http.StatusOK {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return
	}
	http.ServeContent(w, r, filepath.Base(file), time.Time{}, bytes.NewReader(body))
}

// contentTypes are the types static hosts send for the site's files; the
// site's X-Content-Type-Options: nosniff makes browsers rely on them.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".docx":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".doc":         "application/msword",
	".woff2":       "font/woff2",
	".webmanifest": "application/manifest+json",
}

func contentType(file string, body []byte) string {
	ext := strings.ToLower(filepath.Ext(file))
	if ext == ".txt" && !utf8.Valid(body) {
		return "text/plain" // an original kept in GBK: let the browser tell
	}
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	return http.DetectContentType(body)
}

// setSiteHeaders adds the headers that rules give the path, with the CSP
// made to allow the preview's own script and stylesheet.
func setSiteHeaders(h http.Header, rules []browser.HeaderRule, rel string) {
	for name, values := range browser.HeadersFor(rules, rel) {
		for _, v := range values {
			if name == "Content-Security-Policy" {
				v = previewCSP(v)
			}
			h.Add(name, v)
		}
	}
}

// previewCSP returns policy changed, if need be, so that it allows the
// preview's same-origin script (/__rectify/reload.js), its requests to
// /__rectify/version and its stylesheet: each directive that governs them
// (script-src-elem, connect-src, style-src-elem, or the directive they fall
// back to) gets 'self'. The site's policy already allows all three, and is
// then returned unchanged.
func previewCSP(policy string) string {
	type directive struct {
		name    string
		sources []string
	}
	var dirs []directive
	for _, part := range strings.Split(policy, ";") {
		f := strings.Fields(part)
		if len(f) > 0 {
			dirs = append(dirs, directive{strings.ToLower(f[0]), f[1:]})
		}
	}
	find := func(name string) int {
		for i, d := range dirs {
			if d.name == name {
				return i
			}
		}
		return -1
	}
	allows := func(sources []string) bool {
		for _, s := range sources {
			if s == "'self'" || s == "*" {
				return true
			}
		}
		return false
	}
	withSelf := func(sources []string) []string {
		var out []string
		for _, s := range sources {
			if s != "'none'" {
				out = append(out, s)
			}
		}
		return append(out, "'self'")
	}
	changed := false
	for _, chain := range [][]string{
		{"script-src-elem", "script-src", "default-src"},
		{"connect-src", "default-src"},
		{"style-src-elem", "style-src", "default-src"},
	} {
		for _, name := range chain {
			i := find(name)
			if i < 0 {
				continue
			}
			if !allows(dirs[i].sources) {
				changed = true
				if name == chain[0] {
					dirs[i].sources = withSelf(dirs[i].sources)
				} else {
					dirs = append(dirs, directive{chain[0], withSelf(dirs[i].sources)})
				}
			}
			break
		}
	}
	if !changed {
		return policy
	}
	parts := make([]string, len(dirs))
	for i, d := range dirs {
		parts[i] = strings.Join(append([]string{d.name}, d.sources...), " ")
	}
	return strings.Join(parts, "; ")
}

// reloadTag is what injectReload adds to an HTML page.
func reloadTag(version string) string {
	return `<script src="/__rectify/reload.js" data-version="` + template.HTMLEscapeString(version) + `" defer></script>`
}

// injectReload puts the reload script before </body> (or at the end).
func injectReload(body []byte, version string) []byte {
	tag := reloadTag(version)
	i := bytes.LastIndex(body, []byte("</body>"))
	if i < 0 {
		return append(body, tag...)
	}
	out := make([]byte, 0, len(body)+len(tag))
	out = append(out, body[:i]...)
	out = append(out, tag...)
	return append(out, body[i:]...)
}

// serveFailure answers while there is no good build: an error page for a
// page request, the same messages as text for anything else.
func (p *preview) serveFailure(w http.ResponseWriter, r *http.Request, st siteState, rel string) {
	status := http.StatusInternalServerError
	fail := st.fail
	if fail == nil {
		status = http.StatusServiceUnavailable
		w.Header().Set("Retry-After", "1")
		fail = &buildFailure{
			Title: "正在检查数据并生成网站……",
			Hint:  "完成后这个页面会自动刷新。",
		}
	}
	ext := path.Ext(rel)
	if ext == "" || ext == ".html" || strings.Contains(r.Header.Get("Accept"), "text/html") {
		var buf bytes.Buffer
		if err := failurePage.Execute(&buf, struct {
			*buildFailure
			Version string
			Retry   bool
		}{fail, st.version, status == http.StatusServiceUnavailable}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(buf.Bytes())
		}
		return
	}
	text := "rectify serve: " + fail.Title + "\n" + strings.Join(fail.Lines, "\n") + "\n"
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(text)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		io.WriteString(w, text)
	}
}

// failurePage is the error page: no inline script or style (the site's
// CSP); the reload script refreshes it when the next build is done, and
// without JavaScript a refresh every few seconds does.
var failurePage = template.Must(template.New("failure").Funcs(template.FuncMap{
	// isError: a line of an error (file:line: 错误: …), shown bold; the
	// warnings after the errors are shown muted (errorsFirst).
	"isError": func(line string) bool { return strings.Contains(line, ": 错误: ") },
}).Parse(`<!DOCTYPE html>
<html lang="zh-Hans-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - 网站预览</title>
<link rel="stylesheet" href="/__rectify/preview.css">
<noscript><meta http-equiv="refresh" content="{{ if .Retry }}2{{ else }}5{{ end }}"></noscript>
<script src="/__rectify/reload.js" data-version="{{ .Version }}" defer></script>
</head>
<body>
<main>
<h1>{{ .Title }}</h1>
<p>{{ .Hint }}</p>
{{- with .Lines }}
<pre>{{ range . }}{{ if isError . }}<strong>{{ . }}</strong>{{ else }}<span class="other">{{ . }}</span>{{ end }}
{{ end }}</pre>
{{- end }}
<p class="note">这是 rectify serve 的本机预览页面，正式网站上不会出现。</p>
</main>
</body>
</html>
`))

// serveOwn serves /__rectify/: the reload script, the error page's
// stylesheet and the version long poll.
func (p *preview) serveOwn(w http.ResponseWriter, r *http.Request) {
	st, changed := p.current()
	setSiteHeaders(w.Header(), st.rules, r.URL.Path)
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case "/__rectify/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, reloadScript)
	case "/__rectify/preview.css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		io.WriteString(w, previewStyle)
	case "/__rectify/version":
		// Answer at once when the caller has an older version, else when
		// the next build is done (or after a while, to keep proxies happy).
		if since := r.URL.Query().Get("since"); since == st.version {
			t := time.NewTimer(25 * time.Second)
			defer t.Stop()
			select {
			case <-changed:
				st, _ = p.current()
			case <-t.C:
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, st.version)
	default:
		http.NotFound(w, r)
	}
}

const reloadScript = `// rectify serve: reload the page when the preview has been rebuilt.
(function () {
  "use strict";
  var me = document.currentScript;
  var seen = me ? me.getAttribute("data-version") : "";
  function poll() {
    fetch("/__rectify/version?since=" + encodeURIComponent(seen), {cache: "no-store"})
      .then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.text();
      })
      .then(function (v) {
        if (v !== seen) { location.reload(); } else { poll(); }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
`

const previewStyle = `body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1 { font-size: 1.5rem; color: #a4000f; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff4f4; border-left: 4px solid #a4000f; padding: 1rem; font-size: 1rem; line-height: 1.6; }
.note { color: #555; font-size: 0.875rem; }
pre strong { color: #a4000f; }
pre .other { color: #555; }
`
