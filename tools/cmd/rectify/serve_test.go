package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wuhan-rectify/tracker/tools/browser"
	"github.com/wuhan-rectify/tracker/tools/search"
)

// The fast tests below serve a hand-made "build"; TestServeRebuilds runs
// the real thing with the real Hugo.

const siteCSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// fakePreview is a preview serving dir (a built site) with the repository's
// static/_headers, without a builder.
func fakePreview(t *testing.T, dir, basePath string) *preview {
	t.Helper()
	rules, err := readHeaderRules(buildRepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	p := &preview{cfg: previewConfig{liveReload: true}, basePath: basePath, changed: make(chan struct{})}
	p.state = siteState{version: "v-1", dir: dir, rules: rules}
	return p
}

func fakeSite(t *testing.T) string {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"index.html":           "<!DOCTYPE html><html><head><title>首页</title></head><body><p>首页</p></body></html>",
		"404.html":             "<!DOCTYPE html><html><head><title>404</title></head><body><h1>页面不存在</h1></body></html>",
		"_headers":             "/*\n  X-Secret: 1\n",
		"notices/a/index.html": "<!DOCTYPE html><html><body><p>通报</p></body></html>",
		"data/issues.json":     `[{"title":"问题"}]`,
		"data/issues.csv":      "title\n问题\n",
		"notices/index.xml":    `<?xml version="1.0"?><rss></rss>`,
		"originals/a.txt":      "原文\n",
		"originals/gbk.txt":    "\xd4\xad\xce\xc4\n",
	})
	return dir
}

func get(t *testing.T, h http.Handler, target string, accept string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertSiteHeaders: the response has exactly the headers that
// static/_headers gives the path.
func assertSiteHeaders(t *testing.T, rules []browser.HeaderRule, sitePath string, resp *http.Response) {
	t.Helper()
	want := browser.HeadersFor(rules, sitePath)
	if len(want) == 0 {
		t.Fatalf("static/_headers gives %s no header", sitePath)
	}
	for name, values := range want {
		if got := resp.Header.Values(name); !slices.Equal(got, values) {
			t.Errorf("GET %s: %s = %q, want %q (static/_headers)", sitePath, name, got, values)
		}
	}
}

// TestPreviewServesBuild: pages with the headers of static/_headers and the
// reload script, data files with their types, the 404 page with 404.
func TestPreviewServesBuild(t *testing.T) {
	p := fakePreview(t, fakeSite(t), "/")
	resp := get(t, p, "/notices/a/", "")
	b := body(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(b, "<p>通报</p>") {
		t.Fatalf("GET /notices/a/: %d %s", resp.StatusCode, b)
	}
	assertSiteHeaders(t, p.state.rules, "/notices/a/", resp)
	if resp.Header.Get("Content-Security-Policy") != siteCSP {
		t.Errorf("CSP %q, want the site's %q", resp.Header.Get("Content-Security-Policy"), siteCSP)
	}
	if want := reloadTag("v-1") + "</body>"; !strings.Contains(b, want) {
		t.Errorf("no reload script before </body>:\n%s", b)
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q", got)
	}

	for _, tt := range []struct{ path, ctype string }{
		{"/", "text/html; charset=utf-8"},
		{"/data/issues.json", "application/json; charset=utf-8"},
		{"/data/issues.csv", "text/csv; charset=utf-8"},
		{"/notices/index.xml", "application/xml; charset=utf-8"},
		{"/originals/a.txt", "text/plain; charset=utf-8"},
		{"/originals/gbk.txt", "text/plain"},
	} {
		resp := get(t, p, tt.path, "")
		b := body(t, resp)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: %d %q, want 200 %q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), tt.ctype)
		}
		if !strings.HasSuffix(tt.path, "/") && strings.Contains(b, "reload.js") {
			t.Errorf("GET %s: the reload script is in a non-HTML file", tt.path)
		}
	}

	for _, missing := range []string{"/nope/", "/nope.json", "/_headers"} {
		resp := get(t, p, missing, "")
		b := body(t, resp)
		if resp.StatusCode != 404 || !strings.Contains(b, "页面不存在") || !strings.Contains(b, "reload.js") {
			t.Errorf("GET %s: %d %s, want 404 with the site's 404.html", missing, resp.StatusCode, b)
		}
		assertSiteHeaders(t, p.state.rules, missing, resp)
	}

	resp = get(t, p, "/notices/a?x=1", "")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/notices/a/?x=1" {
		t.Errorf("GET /notices/a: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}

	p.cfg.liveReload = false
	if b := body(t, get(t, p, "/", "")); strings.Contains(b, "reload.js") {
		t.Errorf("--disableLiveReload: the reload script is still injected")
	}
}

// TestPreviewBasePath: a base URL with a path serves the site under it.
func TestPreviewBasePath(t *testing.T) {
	p := fakePreview(t, fakeSite(t), "/sub/")
	if resp := get(t, p, "/sub/notices/a/", ""); resp.StatusCode != 200 || !strings.Contains(body(t, resp), "通报") {
		t.Errorf("GET /sub/notices/a/: %d", resp.StatusCode)
	}
	if resp := get(t, p, "/", ""); resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/sub/" {
		t.Errorf("GET /: %d to %q, want a redirect to /sub/", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := get(t, p, "/sub/notices/a", ""); resp.Header.Get("Location") != "/sub/notices/a/" {
		t.Errorf("GET /sub/notices/a: to %q", resp.Header.Get("Location"))
	}
}

// TestPreviewFailure: while the data is broken every page is the error page
// (500) with the messages as text; other files get them as plain text;
// before the first build, 503.
func TestPreviewFailure(t *testing.T) {
	site := fakeSite(t)
	p := fakePreview(t, site, "/")
	line := `data/notices/x.toml:3: 错误: TOML 语法错误：<script>alert(1)</script> & "引号"；改正`
	p.publish("", &buildFailure{Title: "数据检查未通过，预览暂停", Hint: "提示", Lines: []string{line, "检查未通过：1 个错误，0 条警告"}}, nil)
	for _, path := range []string{"/", "/notices/a/", "/nope/", "/notices/a/index.html"} {
		resp := get(t, p, path, "")
		b := body(t, resp)
		if resp.StatusCode != 500 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("GET %s: %d %q, want 500 text/html", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if strings.Contains(b, "<script>alert") || !strings.Contains(html.UnescapeString(b), line) {
			t.Errorf("GET %s: the message is not on the page as text:\n%s", path, b)
		}
		if !strings.Contains(b, "数据检查未通过") || !strings.Contains(b, `src="/__rectify/reload.js" data-version="`+p.state.version+`"`) {
			t.Errorf("GET %s: no title or no reload script:\n%s", path, b)
		}
		// The error stands out; the rest (the summary, warnings) is muted.
		if !strings.Contains(b, "<strong>data/notices/x.toml:3: 错误: ") || !strings.Contains(b, `<span class="other">检查未通过`) {
			t.Errorf("GET %s: the error is not set apart from the other lines:\n%s", path, b)
		}
		assertSiteHeaders(t, p.state.rules, path, resp)
	}
	resp := get(t, p, "/data/issues.json", "")
	if b := body(t, resp); resp.StatusCode != 500 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") || !strings.Contains(b, line) {
		t.Errorf("GET /data/issues.json while broken: %d %q %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	if resp := get(t, p, "/data/issues.json", "text/html,*/*"); resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("a browser's request for a file gets %q, want the error page", resp.Header.Get("Content-Type"))
	}

	// Fixed: the next good build is served again.
	p.publish(site, nil, nil)
	if resp := get(t, p, "/", ""); resp.StatusCode != 200 {
		t.Errorf("GET / after the fix: %d", resp.StatusCode)
	}

	p.state = siteState{rules: p.state.rules}
	if resp := get(t, p, "/", ""); resp.StatusCode != 503 || !strings.Contains(body(t, resp), "正在检查数据并生成网站") {
		t.Errorf("GET / before the first build: %d", resp.StatusCode)
	}
}

// TestPreviewVersion: /__rectify/version answers at once for an old version
// and waits for the next state for the current one.
func TestPreviewVersion(t *testing.T) {
	p := fakePreview(t, fakeSite(t), "/")
	p.publish(p.state.dir, nil, nil)
	v := p.state.version
	if b := body(t, get(t, p, "/__rectify/version?since=old", "")); b != v {
		t.Fatalf("version %q, want %q", b, v)
	}
	got := make(chan string)
	go func() {
		req := httptest.NewRequest(http.MethodGet, "/__rectify/version?since="+url.QueryEscape(v), nil)
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, req)
		got <- rec.Body.String()
	}()
	select {
	case b := <-got:
		t.Fatalf("answered %q before a new build", b)
	case <-time.After(200 * time.Millisecond):
	}
	p.publish(p.state.dir, nil, nil)
	select {
	case b := <-got:
		if b == v || b != p.state.version {
			t.Errorf("after a build: %q, want %q", b, p.state.version)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no answer after a build")
	}
	for path, ctype := range map[string]string{"/__rectify/reload.js": "text/javascript; charset=utf-8", "/__rectify/preview.css": "text/css; charset=utf-8"} {
		if resp := get(t, p, path, ""); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ctype {
			t.Errorf("GET %s: %d %q", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

func TestPreviewCSP(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{siteCSP, siteCSP},
		{"default-src 'none'", "default-src 'none'; script-src-elem 'self'; connect-src 'self'; style-src-elem 'self'"},
		{"default-src 'self'; script-src 'sha256-x'; style-src 'none'", "default-src 'self'; script-src 'sha256-x'; style-src 'none'; script-src-elem 'sha256-x' 'self'; style-src-elem 'self'"},
		{"script-src-elem 'none'; connect-src https://a.test", "script-src-elem 'self'; connect-src https://a.test 'self'"},
	} {
		if got := previewCSP(tt.in); got != tt.want {
			t.Errorf("previewCSP(%q)\n= %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestInjectReload(t *testing.T) {
	tag := reloadTag("v")
	if got := string(injectReload([]byte("<p>a</p></body></html>"), "v")); got != "<p>a</p>"+tag+"</body></html>" {
		t.Errorf("got %q", got)
	}
	if got := string(injectReload([]byte("<p>a</p>"), "v")); got != "<p>a</p>"+tag {
		t.Errorf("no </body>: got %q", got)
	}
}

func TestServeUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"serve", "-h"}, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "--port") {
		t.Errorf("serve -h: %d\n%s", code, stderr.String())
	}
	for _, args := range [][]string{{"serve", "--nope"}, {"serve", "extra"}, {"serve", "--port", "70000"}} {
		stderr.Reset()
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("%q: exit %d, want 2\n%s", args, code, stderr.String())
		}
	}

	// A port in use (another preview still running): a hint, exit 1.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	t.Chdir(buildRepoRoot(t))
	stderr.Reset()
	if code := run([]string{"serve", "--port", strconv.Itoa(port)}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "已被占用") || !strings.Contains(stderr.String(), "--port "+strconv.Itoa(port+1)) {
		t.Errorf("serve on a port in use: exit %d\n%s", code, stderr.String())
	}

	if got := defaultBaseURL("127.0.0.1", 1313); got != "http://localhost:1313/" {
		t.Errorf("default base URL %q", got)
	}
	if got := defaultBaseURL("192.168.1.5", 1314); got != "http://192.168.1.5:1314/" {
		t.Errorf("base URL on 192.168.1.5 %q", got)
	}
}

// TestServeRebuilds runs serve on a copy of the repository with the real
// Hugo: a change of the data shows up in the pages and in /data/issues.json
// (a full rebuild, not Hugo's partial one); broken data gives the error page
// with the check's messages, and fixing it recovers; a broken template
// likewise. Ctrl+C (the context) removes the temporary directory.
func TestServeRebuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo several times")
	}
	repo := buildRepoRoot(t)
	root := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum", "config.toml", "data", "content", "layouts", "static", "i18n", "assets"} {
		copyPath(t, filepath.Join(repo, f), filepath.Join(root, f))
	}
	rules, err := readHeaderRules(root)
	if err != nil {
		t.Fatal(err)
	}

	p, base, logs, stop := runPreview(t, root, true)

	fetch := func(path string) (int, http.Header, string) {
		resp, err := http.Get(base + strings.TrimPrefix(path, "/"))
		if err != nil {
			return 0, nil, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(b)
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Minute)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("gave up waiting: %s\nserve's output:\n%s", what, logs.String())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	const id = "wuhan-eeb-2020"
	pagePath := "/notices/" + id + "/issues/1/"
	oldTitle, newTitle := "政治建设不够有力", "政治建设不够坚强有力"

	waitFor("the first build", func() bool { code, _, _ := fetch("/"); return code == 200 })
	code, h, page := fetch(pagePath)
	if code != 200 || !strings.Contains(page, oldTitle) {
		t.Fatalf("GET %s: %d, want 200 with %s", pagePath, code, oldTitle)
	}
	assertSiteHeaders(t, rules, pagePath, &http.Response{Header: h})
	if h.Get("Content-Type") != "text/html; charset=utf-8" || !strings.Contains(page, `src="/__rectify/reload.js"`) {
		t.Errorf("GET %s: %q, reload script: %v", pagePath, h.Get("Content-Type"), strings.Contains(page, "reload.js"))
	}
	for path, ctype := range map[string]string{"/data/issues.json": "application/json; charset=utf-8", "/data/issues.csv": "text/csv; charset=utf-8", "/sitemap.xml": "application/xml; charset=utf-8"} {
		if code, h, _ := fetch(path); code != 200 || h.Get("Content-Type") != ctype {
			t.Errorf("GET %s: %d %q, want 200 %q", path, code, h.Get("Content-Type"), ctype)
		}
	}
	if code, _, b := fetch("/no/such/page/"); code != 404 || !strings.Contains(b, "页面不存在") {
		t.Errorf("GET /no/such/page/: %d, want 404 with the site's 404 page", code)
	}
	_, _, v1 := fetch("/__rectify/version?since=none")
	waited := make(chan string, 1)
	go func() { _, _, v := fetch("/__rectify/version?since=" + url.QueryEscape(v1)); waited <- v }()

	// A data change as staff make one: a correction of the original's text,
	// then the re-import that writes data/notices/<id>.toml, so the data
	// agrees with the import whatever the check compares.
	corrections := filepath.Join(root, "data", "corrections", id+".toml")
	prev, err := os.ReadFile(corrections)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, corrections, string(prev)+"\n[[corrections]]\nfrom = \""+oldTitle+"\"\nto = \""+newTitle+"\"\nnote = \"测试预览的重新生成\"\n")
	t.Chdir(root)
	var out, errOut bytes.Buffer
	if code := run([]string{"import", "--id", id, "-o", "data/notices/" + id + ".toml", "static/originals/" + id + ".txt"}, &out, &errOut); code != 0 {
		t.Fatalf("rectify import: %d\n%s", code, errOut.String())
	}
	issue1 := func() map[string]any {
		code, _, b := fetch("/data/issues.json")
		var list []map[string]any
		if code != 200 || json.Unmarshal([]byte(b), &list) != nil {
			return nil
		}
		for _, r := range list {
			if r["notice"] == id && r["number"] == 1.0 {
				return r
			}
		}
		return nil
	}
	waitFor("the new title in /data/issues.json", func() bool { r := issue1(); return r != nil && r["title"] == newTitle })
	if _, _, b := fetch(pagePath); !strings.Contains(b, newTitle) || strings.Contains(b, oldTitle) {
		t.Errorf("GET %s: the problem page does not show the new title alone", pagePath)
	}
	// The search index (served as /search-index/) is rebuilt too: the new
	// title is found, the old one no more.
	index, err := search.NewReaderFunc(nil, func(name string) ([]byte, error) {
		code, _, b := fetch("/search-index/" + name)
		switch code {
		case 200:
			return []byte(b), nil
		case 404:
			return nil, nil
		}
		return nil, fmt.Errorf("GET /search-index/%s: %d", name, code)
	})
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{newTitle: 1, oldTitle: 0, "坚强有力": 1} {
		res, err := index.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Docs) != want || want == 1 && !res.TitleHit[res.Docs[0]] {
			t.Errorf("the search index of the rebuilt site finds %d documents (title hits %v) for %s, want %d problem", len(res.Docs), res.TitleHit, q, want)
		}
	}
	status, _ := issue1()["status"].(string)
	termPath := "/status/" + url.PathEscape(status) + "/"
	if code, _, b := fetch(termPath); code != 200 || !strings.Contains(b, newTitle) || strings.Contains(b, oldTitle) {
		t.Errorf("GET %s: %d; the list of its status does not show the new title alone", termPath, code)
	}
	select {
	case v2 := <-waited:
		if v2 == v1 || v2 == "" {
			t.Errorf("/__rectify/version after a rebuild: %q, was %q", v2, v1)
		}
	case <-time.After(time.Minute):
		t.Error("/__rectify/version did not answer after a rebuild")
	}

	// Broken data: a missing closing quote. Every page is the error page with
	// the check's messages; the data files are errors too, not stale copies.
	dataFile := filepath.Join(root, "data", "notices", id+".toml")
	good, err := os.ReadFile(dataFile)
	if err != nil {
		t.Fatal(err)
	}
	titleLine := "title = \"" + newTitle + "\"\n"
	i := strings.Index(string(good), titleLine)
	if i < 0 {
		t.Fatalf("%s has no line %q", dataFile, titleLine)
	}
	line := strings.Count(string(good[:i]), "\n") + 1
	writeFile(t, dataFile, strings.Replace(string(good), titleLine, "title = \""+newTitle+"\n", 1))
	var check bytes.Buffer
	if _, ok := checkAll(root, &check); ok {
		t.Fatal("the check passes the broken file")
	}
	want := lines(p.relative(check.String()))
	where := "data/notices/" + id + ".toml:" + strconv.Itoa(line) + ": 错误: "
	if !strings.HasPrefix(want[0], where) {
		t.Fatalf("the check says %q, want a message at %s", want[0], where)
	}
	waitFor("the error page", func() bool { code, _, _ := fetch(pagePath); return code == 500 })
	for _, path := range []string{"/", pagePath, "/no/such/page/"} {
		code, h, b := fetch(path)
		text := html.UnescapeString(b)
		if code != 500 || h.Get("Content-Type") != "text/html; charset=utf-8" || !strings.Contains(text, "数据检查未通过") {
			t.Errorf("GET %s: %d %q, want 500 with the error page:\n%s", path, code, h.Get("Content-Type"), b)
		}
		for _, l := range want {
			if !strings.Contains(text, l) {
				t.Errorf("GET %s: the page lacks %q", path, l)
			}
		}
		assertSiteHeaders(t, rules, path, &http.Response{Header: h})
	}
	if code, _, b := fetch("/data/issues.json"); code != 500 || !strings.Contains(b, where) {
		t.Errorf("GET /data/issues.json while broken: %d\n%s", code, b)
	}

	// Fixed: the site is back by itself.
	writeFile(t, dataFile, string(good))
	waitFor("the site after the fix", func() bool { code, _, b := fetch(pagePath); return code == 200 && strings.Contains(b, newTitle) })

	// A broken template fails Hugo: the error page shows Hugo's message,
	// and the fix recovers too.
	layout := filepath.Join(root, "layouts", "home.html")
	tmpl, err := os.ReadFile(layout)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, layout, string(tmpl)+"\n{{ if }}\n")
	waitFor("the error page of a failed Hugo build", func() bool {
		code, _, b := fetch("/")
		return code == 500 && strings.Contains(b, "网站生成失败") && strings.Contains(b, "home.html")
	})
	writeFile(t, layout, string(tmpl))
	waitFor("the site after the template fix", func() bool { code, _, _ := fetch("/"); return code == 200 })

	if err := stop(); err != nil {
		t.Errorf("serve stopped with %v", err)
	}
	t.Logf("serve's output:\n%s", logs.String())
	if _, err := os.Stat(p.work); !os.IsNotExist(err) {
		t.Errorf("the temporary directory %s is still there after serve stopped (%v)", p.work, err)
	}
}

// copyPath copies a file or a directory tree.
func copyPath(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer safe for the builder and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// The preview's error page leads with the errors, which stop it; the
// warnings follow.
func TestErrorsFirst(t *testing.T) {
	got := errorsFirst([]string{
		"a.toml:1: 警告: 一",
		"a.toml:9: 错误: 二",
		"a.toml:3: 警告: 三",
		"b.toml:2: 错误: 四",
		"检查未通过：2 个错误，2 条警告",
	})
	want := []string{"a.toml:9: 错误: 二", "b.toml:2: 错误: 四", "a.toml:1: 警告: 一", "a.toml:3: 警告: 三", "检查未通过：2 个错误，2 条警告"}
	if !slices.Equal(got, want) {
		t.Errorf("errorsFirst = %q, want %q", got, want)
	}
}

// TestServeFailsAfterHugo (with a stand-in for Hugo): when a step after
// Hugo fails (here: Hugo wrote no /data/notices.json, so there would be no
// open data and no search index), the preview shows an error page that
// says so, not that Hugo failed.
func TestServeFailsAfterHugo(t *testing.T) {
	fakeHugo(t)
	t.Setenv("FAKE_HUGO_SITE", t.TempDir()) // Hugo writes index.html only
	_, base, logs, _ := runPreview(t, buildRepoRoot(t), false)
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(base)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			page := html.UnescapeString(string(b))
			if resp.StatusCode == 500 {
				if !strings.Contains(page, "Hugo 都通过了") || !strings.Contains(page, "没有生成 data/notices.json") || strings.Contains(page, "Hugo 没能生成网站") {
					t.Errorf("the error page does not say which step failed:\n%s", page)
				}
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no error page after a minute\nserve's output:\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// runPreview runs rectify serve's preview of the site at root on a free
// port until the test ends (or stop, which returns how it ended), and
// returns it, its base URL and its output.
// watch polls the files every 100 ms (a change rebuilds after 200 ms);
// without it the preview builds once.
func runPreview(t *testing.T, root string, watch bool) (p *preview, base string, logs *syncBuffer, stop func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base = "http://" + ln.Addr().String() + "/"
	logs = &syncBuffer{}
	cfg := previewConfig{root: root, baseURL: base, liveReload: true, poll: 100 * time.Millisecond, debounce: 200 * time.Millisecond, stdout: logs, stderr: logs}
	if !watch {
		cfg.poll = time.Hour
	}
	p, err = newPreview(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- p.run(ctx, ln) }()
	var once sync.Once
	var runErr error
	stop = func() error {
		once.Do(func() {
			cancel()
			runErr = <-stopped
		})
		return runErr
	}
	t.Cleanup(func() { stop() })
	return p, base, logs, stop
}
