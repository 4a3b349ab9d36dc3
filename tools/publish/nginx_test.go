package publish

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wuhan-rectify/tracker/tools/browser"
)

// deploy/nginx/tracker.conf is the configuration for units that publish the
// site on their own nginx. Two tests keep it right: one reads it and checks
// that its response headers are those of static/_headers, path by path
// (fast, no nginx needed); the other runs it in a real nginx, in front of a
// real build of the site, and requests pages as a browser would.

// ngxDirective is one directive of an nginx configuration file: its name,
// its arguments (quotes removed) and, for a block, what the block holds.
type ngxDirective struct {
	Name  string
	Args  []string
	Line  int
	Block []ngxDirective // nil for a simple directive
}

// parseNginx reads the nginx configuration syntax: directives ending in ;
// or a { } block, # comments, "…" and '…' quoted words with \ escapes.
func parseNginx(src string) ([]ngxDirective, error) {
	type token struct {
		text   string
		quoted bool
		line   int
	}
	var toks []token
	line := 1
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == ';' || c == '{' || c == '}':
			toks = append(toks, token{string(c), false, line})
			i++
		case c == '"' || c == '\'':
			start := line
			var b strings.Builder
			i++
			for ; i < len(src) && src[i] != c; i++ {
				if src[i] == '\\' && i+1 < len(src) {
					i++
				}
				if src[i] == '\n' {
					line++
				}
				b.WriteByte(src[i])
			}
			if i >= len(src) {
				return nil, fmt.Errorf("line %d: unterminated quote", start)
			}
			i++
			toks = append(toks, token{b.String(), true, start})
		default:
			start := i
			for i < len(src) && !strings.ContainsRune(" \t\r\n;{}#\"'", rune(src[i])) {
				i++
			}
			toks = append(toks, token{src[start:i], false, line})
		}
	}
	var parse func(depth int) ([]ngxDirective, error)
	pos := 0
	parse = func(depth int) ([]ngxDirective, error) {
		var out []ngxDirective
		var cur *ngxDirective
		for pos < len(toks) {
			tk := toks[pos]
			pos++
			special := !tk.quoted && len(tk.text) == 1 && strings.Contains(";{}", tk.text)
			switch {
			case special && tk.text == "}":
				if cur != nil {
					return nil, fmt.Errorf("line %d: directive %s not ended by ;", cur.Line, cur.Name)
				}
				if depth == 0 {
					return nil, fmt.Errorf("line %d: unexpected }", tk.line)
				}
				return out, nil
			case special && cur == nil:
				return nil, fmt.Errorf("line %d: unexpected %s", tk.line, tk.text)
			case special && tk.text == ";":
				out = append(out, *cur)
				cur = nil
			case special && tk.text == "{":
				block, err := parse(depth + 1)
				if err != nil {
					return nil, err
				}
				if block == nil {
					block = []ngxDirective{}
				}
				cur.Block = block
				out = append(out, *cur)
				cur = nil
			case cur == nil:
				cur = &ngxDirective{Name: tk.text, Line: tk.line}
			default:
				cur.Args = append(cur.Args, tk.text)
			}
		}
		if cur != nil {
			return nil, fmt.Errorf("line %d: directive %s not ended by ;", cur.Line, cur.Name)
		}
		if depth > 0 {
			return nil, fmt.Errorf("unclosed {")
		}
		return out, nil
	}
	return parse(0)
}

// ngxMap is a map $uri $var { … } block: exact keys first, then the
// regular expressions in order, else the default (as nginx evaluates it).
type ngxMap struct {
	exact   map[string]string
	regexps []*regexp.Regexp
	values  []string
	def     string
}

func (m ngxMap) eval(uri string) string {
	if v, ok := m.exact[uri]; ok {
		return v
	}
	for i, re := range m.regexps {
		if re.MatchString(uri) {
			return m.values[i]
		}
	}
	return m.def
}

// nginxConf is what the tests need of tracker.conf: the maps over $uri and
// the one server block.
type nginxConf struct {
	maps   map[string]ngxMap // by variable name, with its $
	server ngxDirective
}

func trackerConfPath(t testing.TB) string {
	return filepath.Join(repoRoot(t), "deploy", "nginx", "tracker.conf")
}

func readTrackerConf(t *testing.T) nginxConf {
	t.Helper()
	path := trackerConfPath(t)
	ds, err := parseNginx(readFile(t, path))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	conf := nginxConf{maps: map[string]ngxMap{}}
	servers := 0
	for _, d := range ds {
		switch d.Name {
		case "map":
			if len(d.Args) != 2 || d.Args[0] != "$uri" || !strings.HasPrefix(d.Args[1], "$") || d.Block == nil {
				t.Fatalf("tracker.conf:%d: want map $uri $name { … }, got map %q", d.Line, d.Args)
			}
			m := ngxMap{exact: map[string]string{}}
			for _, e := range d.Block {
				if len(e.Args) != 1 || e.Block != nil {
					t.Fatalf("tracker.conf:%d: map entry %s %q: want one key and one value", e.Line, e.Name, e.Args)
				}
				switch {
				case e.Name == "default":
					m.def = e.Args[0]
				case strings.HasPrefix(e.Name, "~*"):
					m.regexps = append(m.regexps, regexp.MustCompile("(?i)"+e.Name[2:]))
					m.values = append(m.values, e.Args[0])
				case strings.HasPrefix(e.Name, "~"):
					m.regexps = append(m.regexps, regexp.MustCompile(e.Name[1:]))
					m.values = append(m.values, e.Args[0])
				case e.Name == "hostnames" || e.Name == "volatile" || e.Name == "include":
					t.Fatalf("tracker.conf:%d: map %s is not handled by this test", e.Line, e.Name)
				default:
					m.exact[e.Name] = e.Args[0]
				}
			}
			conf.maps[d.Args[1]] = m
		case "server":
			servers++
			conf.server = d
		default:
			t.Fatalf("tracker.conf:%d: %s at the top level; the file holds maps and one server block, for the http { } context", d.Line, d.Name)
		}
	}
	if servers != 1 {
		t.Fatalf("tracker.conf has %d server blocks, want one", servers)
	}
	return conf
}

// headersFor returns the headers that the server block adds to a response
// for path (the decoded URI), as nginx does: every add_header of the server
// level, a $variable value evaluated through its map, an empty value not
// sent.
func (c nginxConf) headersFor(t *testing.T, path string) http.Header {
	t.Helper()
	h := http.Header{}
	for _, d := range c.server.Block {
		if d.Name != "add_header" {
			continue
		}
		name, value := d.Args[0], d.Args[1]
		if strings.HasPrefix(value, "$") {
			m, ok := c.maps[value]
			if !ok {
				t.Fatalf("tracker.conf:%d: add_header %s %s: no map $uri %s", d.Line, name, value, value)
			}
			value = m.eval(path)
		} else if strings.Contains(value, "$") {
			t.Fatalf("tracker.conf:%d: add_header %s %q: a value is a literal or one map variable", d.Line, name, value)
		}
		if value != "" {
			h.Add(name, value)
		}
	}
	return h
}

// fingerprinted is a file name as Hugo's fingerprint gives it.
var fingerprinted = "/css/site.min." + strings.Repeat("0123456789abcdef", 4) + ".css"

// headersOutsideFile are the headers tracker.conf may send that
// static/_headers leaves to the host.
var headersOutsideFile = []string{"Cache-Control"}

// The headers of tracker.conf are those of static/_headers, path by path:
// same names, same values, as many of each (a browser enforces every
// Content-Security-Policy it gets).
func TestNginxConfHeadersAreTheHeadersFile(t *testing.T) {
	conf := readTrackerConf(t)
	rules := readSiteHeaders(t)
	// Every add_header is at the server level and has always (so that the
	// 404 page gets them too): nginx drops all the server's add_header in
	// a location that has one of its own.
	for _, d := range conf.server.Block {
		if d.Name == "add_header" && (len(d.Args) != 3 || d.Args[2] != "always") {
			t.Errorf("tracker.conf:%d: add_header %q: want add_header Name value always;", d.Line, d.Args)
		}
		var inner func([]ngxDirective)
		inner = func(ds []ngxDirective) {
			for _, x := range ds {
				if x.Name == "add_header" {
					t.Errorf("tracker.conf:%d: add_header inside a block: nginx would then drop every add_header of the server there", x.Line)
				}
				inner(x.Block)
			}
		}
		inner(d.Block)
	}
	if t.Failed() {
		return
	}
	names := headerNames(rules)
	paths := []string{
		"/", "/notices/wuhan-eeb-2020/", "/notices/wuhan-eeb-2020/issues/1/", "/status/正在整改/",
		"/issues/", "/data/issues.json", "/data/issues.csv", "/404.html", fingerprinted, "/img/favicon.svg",
		"/originals/wuhan-eeb-2020.txt", "/originals/hostile.html", "/originals/x.pdf", "/originals/sub/x.htm",
	}
	for _, r := range rules {
		// The path a rule's pattern names, with its wildcards filled in.
		p := strings.NewReplacer("*", "x.html").Replace(regexp.MustCompile(`:[A-Za-z_]\w*`).ReplaceAllString(r.Pattern, "x"))
		if strings.HasPrefix(p, "/") {
			paths = append(paths, p)
		}
	}
	for _, p := range paths {
		got := conf.headersFor(t, p)
		want := browser.HeadersFor(rules, p)
		for _, name := range names {
			if g, w := sortedValues(got, name), sortedValues(want, name); !slices.Equal(g, w) {
				t.Errorf("%s: tracker.conf sends %s %q, static/_headers %q", p, name, g, w)
			}
		}
		for name := range got {
			if !slices.Contains(names, name) && !slices.Contains(headersOutsideFile, name) {
				t.Errorf("%s: tracker.conf sends %s, which static/_headers does not", p, name)
			}
		}
	}
	// The originals are downloads; a fingerprinted file is kept for good.
	if got := conf.headersFor(t, "/originals/hostile.html").Get("Content-Disposition"); got != "attachment" {
		t.Errorf("/originals/hostile.html: Content-Disposition %q, want attachment", got)
	}
	if got := conf.headersFor(t, fingerprinted).Get("Cache-Control"); !strings.Contains(got, "immutable") {
		t.Errorf("%s: Cache-Control %q, want immutable", fingerprinted, got)
	}
}

// headerNames lists every header name that some rule sets.
func headerNames(rules []browser.HeaderRule) []string {
	var names []string
	for _, r := range rules {
		for name := range r.Set {
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	return names
}

func sortedValues(h http.Header, name string) []string {
	v := slices.Clone(h.Values(name))
	slices.Sort(v)
	return v
}

func TestParseNginx(t *testing.T) {
	ds, err := parseNginx("# c\nmap $uri $v {\n default \"a;b\"; # x\n \"~^/(a|b){2}$\" 'c\\'d';\n}\nserver { location / { } listen 80; }\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].Name != "map" || ds[0].Line != 2 || len(ds[0].Block) != 2 ||
		ds[0].Block[0].Args[0] != "a;b" || ds[0].Block[1].Name != "~^/(a|b){2}$" || ds[0].Block[1].Args[0] != "c'd" ||
		ds[1].Block[0].Name != "location" || ds[1].Block[0].Block == nil || ds[1].Block[1].Args[0] != "80" {
		t.Errorf("parseNginx = %+v", ds)
	}
	for _, bad := range []string{"listen 80", "server {", "}", "a { b }", "a 'b;"} {
		if _, err := parseNginx(bad); err == nil {
			t.Errorf("parseNginx(%q): no error", bad)
		}
	}
}

// ---- A real nginx ----

// nginxSite is tracker.conf running in a real nginx on 127.0.0.1, serving
// a real build of the site.
type nginxSite struct {
	base string // http://127.0.0.1:PORT
	dir  string // the built site (root)
}

// startNginx builds the site with `rectify build` and serves it with the
// system's nginx and deploy/nginx/tracker.conf, changed only in its listen
// and root lines. nginx runs without root: as the user running the test,
// or as nobody when that is root, with its pid, logs and temporary files in
// a temporary folder. Without nginx the test is skipped, or fails under CI.
func startNginx(t *testing.T) nginxSite {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: builds the site and starts nginx")
	}
	exe, err := exec.LookPath("nginx")
	if err != nil {
		if _, serr := os.Stat("/usr/sbin/nginx"); serr == nil {
			exe = "/usr/sbin/nginx"
		}
	}
	if exe == "" {
		msg := "nginx not found (on PATH or /usr/sbin/nginx); install it with `apt-get install nginx` (bash .ci/run does this)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg + " (skipped: CI is not true)")
	}
	mimeTypes := nginxMimeTypes(t, exe)

	dir, err := os.MkdirTemp("", "publish-nginx-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	varDir := filepath.Join(dir, "var")
	if err := os.Mkdir(varDir, 0o755); err != nil {
		t.Fatal(err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	site := nginxSite{base: "http://" + addr, dir: filepath.Join(dir, "public")}

	// The site, built as a unit builds it for its own address.
	cmd := exec.Command(rectify(t), "build", "-o", site.dir)
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(), "HUGO_BASEURL="+site.base+"/")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rectify build: %v\n%s", err, out)
	}
	// A hidden file, which must not be served.
	if err := os.WriteFile(filepath.Join(site.dir, ".secret"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A hostile original: a web page with a script.
	if err := os.WriteFile(filepath.Join(site.dir, "originals", "hostile.html"), []byte(hostileOriginal), 0o644); err != nil {
		t.Fatal(err)
	}

	// tracker.conf with this test's port and site folder.
	conf := readFile(t, trackerConfPath(t))
	listen := regexp.MustCompile(`(?m)^[ \t]*listen[ \t][^;]*;[ \t]*\n`)
	if n := len(listen.FindAllString(conf, -1)); n == 0 {
		t.Fatal("tracker.conf has no listen line")
	}
	first := true
	conf = listen.ReplaceAllStringFunc(conf, func(string) string {
		if first {
			first = false
			return "    listen " + addr + ";\n"
		}
		return ""
	})
	root := regexp.MustCompile(`(?m)^([ \t]*)root[ \t][^;]*;`)
	if n := len(root.FindAllString(conf, -1)); n != 1 {
		t.Fatalf("tracker.conf has %d root lines, want one", n)
	}
	conf = root.ReplaceAllString(conf, "${1}root "+strconv.Quote(site.dir)+";")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("tracker.conf", conf)
	// The main configuration, as the distributions' nginx.conf has it:
	// tracker.conf goes in its http { } block.
	q := func(p string) string { return strconv.Quote(filepath.Join(varDir, p)) }
	mainConf := write("nginx.conf", fmt.Sprintf(`worker_processes 1;
pid %s;
error_log %s;
events { worker_connections 64; }
http {
    include %s;
    default_type application/octet-stream;
    sendfile on;
    access_log %s;
    client_body_temp_path %s;
    proxy_temp_path %s;
    fastcgi_temp_path %s;
    uwsgi_temp_path %s;
    scgi_temp_path %s;
    include %s;
}
`, q("nginx.pid"), q("error.log"), strconv.Quote(mimeTypes), q("access.log"),
		q("body"), q("proxy"), q("fastcgi"), q("uwsgi"), q("scgi"), strconv.Quote(filepath.Join(dir, "tracker.conf"))))

	ngx := exec.Command(exe, "-p", dir+"/", "-c", mainConf, "-e", filepath.Join(varDir, "error.log"), "-g", "daemon off;")
	ngx.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if os.Geteuid() == 0 {
		// Not as root: as nobody, who must be able to read the site.
		uid, gid := nobody(t)
		ngx.SysProcAttr.Credential = &syscall.Credential{Uid: uid, Gid: gid}
		if err := os.Chown(varDir, int(uid), int(gid)); err != nil {
			t.Fatal(err)
		}
		if err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			mode := os.FileMode(0o644)
			if d.IsDir() {
				mode = 0o755
			}
			return os.Chmod(p, mode)
		}); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	ngx.Stdout, ngx.Stderr = &out, &out
	if err := ngx.Start(); err != nil {
		t.Fatalf("starting nginx: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- ngx.Wait() }()
	t.Cleanup(func() {
		ngx.Process.Signal(syscall.SIGTERM) // fast shutdown: the master stops its workers
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-ngx.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	errorLog := func() string {
		b, _ := os.ReadFile(filepath.Join(varDir, "error.log"))
		return out.String() + string(b)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("nginx exited (%v):\n%s", err, errorLog())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx does not answer on %s:\n%s", addr, errorLog())
		}
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("nginx error log:\n%s", errorLog())
		}
	})
	return site
}

const hostileOriginal = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>通报</title></head>
<body><p>原文</p><script>document.title = "ran"; fetch("/data/issues.json")</script></body></html>
`

// nginxMimeTypes is the mime.types file next to the nginx.conf that exe
// was built to read (nginx -V: --conf-path).
func nginxMimeTypes(t *testing.T, exe string) string {
	t.Helper()
	out, _ := exec.Command(exe, "-V").CombinedOutput()
	conf := "/etc/nginx/nginx.conf"
	if m := regexp.MustCompile(`--conf-path=(\S+)`).FindSubmatch(out); m != nil {
		conf = string(m[1])
	}
	p := filepath.Join(filepath.Dir(conf), "mime.types")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("nginx's mime.types: %v", err)
	}
	return p
}

// nobody returns the user and group ids of the user nobody.
func nobody(t *testing.T) (uint32, uint32) {
	t.Helper()
	u, err := user.Lookup("nobody")
	if err != nil {
		t.Fatalf("running nginx without root: %v", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		t.Fatalf("user nobody: uid %q gid %q", u.Uid, u.Gid)
	}
	return uint32(uid), uint32(gid)
}

// get requests path (already percent-encoded) and returns the response
// with its body read. Redirects are not followed, and the body arrives as
// sent (the client asks for no compression unless told).
func (s nginxSite) get(t *testing.T, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", s.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{
		Timeout:       10 * time.Second,
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// escapePath percent-encodes each segment of a decoded path, as a browser
// sends a link to /status/正在整改/.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// contentTypes are the types the site's files must be served with.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".csv":  "text/csv; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".xml":  "text/xml; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "application/javascript; charset=utf-8",
	".svg":  "image/svg+xml; charset=utf-8",
}

func TestNginxServesTheSite(t *testing.T) {
	site := startNginx(t)
	rules := readSiteHeaders(t)
	names := headerNames(rules)
	checkHeaders := func(t *testing.T, path string, resp *http.Response) {
		t.Helper()
		want := browser.HeadersFor(rules, path)
		for _, name := range names {
			if g, w := sortedValues(resp.Header, name), sortedValues(want, name); !slices.Equal(g, w) {
				t.Errorf("%s: %s %q, want %q as static/_headers gives", path, name, g, w)
			}
		}
	}
	notFound, err := os.ReadFile(filepath.Join(site.dir, "404.html"))
	if err != nil {
		t.Fatal(err)
	}

	// Every file of the site: status 200, the file's bytes, its type with
	// charset=utf-8, the headers of static/_headers.
	t.Run("every file", func(t *testing.T) {
		chinese := 0
		err := filepath.WalkDir(site.dir, func(p string, d fs.DirEntry, err error) error {
			// Hidden files (the test's .secret, rectify build's marker
			// .rectify-build) are not served: the hidden-file test covers them.
			if err != nil || d.IsDir() || d.Name() == "_headers" || strings.HasPrefix(d.Name(), ".") {
				return err
			}
			rel, _ := filepath.Rel(site.dir, p)
			path := "/" + filepath.ToSlash(rel)
			path = strings.TrimSuffix(path, "index.html") // /dir/index.html is /dir/
			want, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			enc := escapePath(path)
			if utf8.RuneCountInString(path) != len(path) {
				chinese++
				if !strings.Contains(enc, "%E") {
					t.Fatalf("%s was not percent-encoded: %s", path, enc)
				}
			}
			resp, body := site.get(t, enc)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s: status %d, want 200", path, resp.StatusCode)
				return nil
			}
			if !bytes.Equal(body, want) {
				t.Errorf("%s: the body is not the file %s", path, rel)
			}
			if ct, ok := contentTypes[filepath.Ext(p)]; ok && resp.Header.Get("Content-Type") != ct {
				t.Errorf("%s: Content-Type %q, want %q", path, resp.Header.Get("Content-Type"), ct)
			}
			checkHeaders(t, path, resp)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if chinese == 0 {
			t.Error("the site has no page with a Chinese path; the test requests none")
		}
	})

	t.Run("Chinese path", func(t *testing.T) {
		const path = "/status/正在整改/"
		if _, err := os.Stat(filepath.Join(site.dir, "status", "正在整改", "index.html")); err != nil {
			t.Skip("no problem is 正在整改 in the data")
		}
		enc := "/status/%E6%AD%A3%E5%9C%A8%E6%95%B4%E6%94%B9/"
		resp, body := site.get(t, enc)
		if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("正在整改")) {
			t.Errorf("%s: status %d, body without 正在整改", enc, resp.StatusCode)
		}
		// Lower-case hex escapes are the same path.
		if resp, _ := site.get(t, strings.ToLower(enc)); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d, want 200", strings.ToLower(enc), resp.StatusCode)
		}
		// Without the closing slash: a redirect to the folder, by path only
		// (right behind a proxy too), percent-encoded.
		resp, _ = site.get(t, strings.TrimSuffix(enc, "/"))
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != enc {
			t.Errorf("%s: status %d Location %q, want 301 to %s", strings.TrimSuffix(enc, "/"), resp.StatusCode, resp.Header.Get("Location"), enc)
		}
		checkHeaders(t, strings.TrimSuffix(path, "/"), resp)
	})

	t.Run("problem page", func(t *testing.T) {
		pages, _ := filepath.Glob(filepath.Join(site.dir, "notices", "*", "issues", "*", "index.html"))
		if len(pages) == 0 {
			t.Fatal("the site has no problem page")
		}
		rel, _ := filepath.Rel(site.dir, filepath.Dir(pages[0]))
		path := "/" + filepath.ToSlash(rel) + "/"
		resp, body := site.get(t, path)
		want, _ := os.ReadFile(pages[0])
		if resp.StatusCode != http.StatusOK || !bytes.Equal(body, want) {
			t.Errorf("%s: status %d, body is the page: %v", path, resp.StatusCode, bytes.Equal(body, want))
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("%s: Cache-Control %q, want no-cache (rebuilt every day)", path, got)
		}
		if resp.Header.Get("ETag") == "" || resp.Header.Get("Last-Modified") == "" {
			t.Errorf("%s: no ETag or Last-Modified to revalidate with", path)
		}
	})

	t.Run("open data", func(t *testing.T) {
		for path, ct := range map[string]string{
			"/data/issues.json": "application/json; charset=utf-8",
			"/data/issues.csv":  "text/csv; charset=utf-8",
		} {
			resp, _ := site.get(t, path)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != ct {
				t.Errorf("%s: status %d, Content-Type %q, want 200 %q", path, resp.StatusCode, resp.Header.Get("Content-Type"), ct)
			}
		}
	})

	t.Run("not found", func(t *testing.T) {
		for _, path := range []string{"/no-such-page/", "/notices/" + escapePath("无此通报") + "/", "/data/missing.json", "/_headers", "/css/", "/.git/config", "/.secret", "/.rectify-build"} {
			resp, body := site.get(t, path)
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: status %d, want 404", path, resp.StatusCode)
			}
			if !bytes.Equal(body, notFound) {
				t.Errorf("%s: the body is not the site's 404.html:\n%.300s", path, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("%s: Content-Type %q", path, ct)
			}
			checkHeaders(t, "/404.html", resp)
		}
	})

	// An original that is a web page is a download in a sandbox: its script
	// cannot run in the site's origin.
	t.Run("hostile original", func(t *testing.T) {
		const path = "/originals/hostile.html"
		resp, body := site.get(t, path)
		if resp.StatusCode != http.StatusOK || string(body) != hostileOriginal {
			t.Fatalf("%s: status %d", path, resp.StatusCode)
		}
		if got := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(got, "attachment") {
			t.Errorf("%s: Content-Disposition %q, want attachment", path, got)
		}
		sandboxed := false
		for _, csp := range resp.Header.Values("Content-Security-Policy") {
			if _, ok := parseCSP(csp)["sandbox"]; ok {
				sandboxed = true
			}
		}
		if !sandboxed {
			t.Errorf("%s: no sandbox in Content-Security-Policy %q", path, resp.Header.Values("Content-Security-Policy"))
		}
		checkHeaders(t, path, resp)
	})

	t.Run("gzip", func(t *testing.T) {
		for _, path := range []string{"/", "/data/issues.json", "/data/issues.csv"} {
			resp, body := site.get(t, path, "Accept-Encoding", "gzip")
			if resp.Header.Get("Content-Encoding") != "gzip" {
				t.Errorf("%s: Content-Encoding %q, want gzip", path, resp.Header.Get("Content-Encoding"))
				continue
			}
			if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s: Vary %q, want Accept-Encoding", path, resp.Header.Get("Vary"))
			}
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(site.dir, filepath.FromSlash(path))
			if strings.HasSuffix(path, "/") {
				file = filepath.Join(file, "index.html")
			}
			if want, _ := os.ReadFile(file); !bytes.Equal(got, want) {
				t.Errorf("%s: the unzipped body is not the file", path)
			}
		}
	})

	t.Run("caching", func(t *testing.T) {
		css, _ := filepath.Glob(filepath.Join(site.dir, "css", "*.css"))
		if len(css) != 1 {
			t.Fatalf("css/: %v, want one fingerprinted stylesheet", css)
		}
		path := "/css/" + filepath.Base(css[0])
		resp, _ := site.get(t, path)
		if got := resp.Header.Get("Cache-Control"); !strings.Contains(got, "max-age=31536000") || !strings.Contains(got, "immutable") {
			t.Errorf("%s: Cache-Control %q, want a year, immutable", path, got)
		}
		// A page not changed since the browser's copy: 304, no body.
		resp, _ = site.get(t, "/")
		resp2, body := site.get(t, "/", "If-None-Match", resp.Header.Get("ETag"))
		if resp2.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("/ with its ETag: status %d, %d bytes; want 304", resp2.StatusCode, len(body))
		}
	})
}
