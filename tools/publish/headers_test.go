package publish

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// repoRoot is the repository's top folder (the one holding go.mod).
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

func readSiteHeaders(t *testing.T) []HeaderRule {
	t.Helper()
	rules, err := ReadHeadersFile(filepath.Join(repoRoot(t), "static", "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

// Every page of the site, whatever its path, gets the security headers.
func TestSiteHeadersCoverEveryPage(t *testing.T) {
	rules := readSiteHeaders(t)
	for _, p := range []string{
		"/",
		"/notices/wuhan-eeb-2020/",
		"/notices/wuhan-eeb-2020/issues/61/",
		"/issues/",
		"/feedback/",
		"/data/issues.json",
		"/data/issues.csv",
		"/originals/wuhan-eeb-2020.txt",
		"/404.html",
	} {
		h := HeadersFor(rules, p)
		for _, name := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"} {
			if h.Get(name) == "" {
				t.Errorf("%s: no %s header", p, name)
			}
		}
	}
}

func TestSiteHeaderValues(t *testing.T) {
	h := HeadersFor(readSiteHeaders(t), "/")
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
	}
	if got := h.Get("Referrer-Policy"); got != "strict-origin-when-cross-origin" && got != "no-referrer" {
		t.Errorf("Referrer-Policy = %q, want strict-origin-when-cross-origin or no-referrer", got)
	}
	// Permissions-Policy: each feature switched off for every origin, e.g. camera=().
	pp := h.Get("Permissions-Policy")
	feature := regexp.MustCompile(`^[a-z][a-z-]*=\(\)$`)
	var features []string
	for _, item := range strings.Split(pp, ",") {
		item = strings.TrimSpace(item)
		if !feature.MatchString(item) {
			t.Errorf("Permissions-Policy item %q is not of the form feature=()", item)
		}
		features = append(features, strings.TrimSuffix(item, "=()"))
	}
	for _, want := range []string{"camera", "microphone", "geolocation"} {
		if !slices.Contains(features, want) {
			t.Errorf("Permissions-Policy %q does not switch off %s", pp, want)
		}
	}
}

// The CSP lets the page load only its own files: no inline or eval'd code
// (even if a notice's text carried markup, it could not run), no other host.
func TestSiteCSPIsStrict(t *testing.T) {
	csp := HeadersFor(readSiteHeaders(t), "/notices/wuhan-eeb-2020/issues/1/").Get("Content-Security-Policy")
	if csp == "" {
		t.Fatal("no Content-Security-Policy")
	}
	lower := strings.ToLower(csp)
	for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "'strict-dynamic'", "'nonce-", "'sha256-", "'sha384-", "'sha512-"} {
		if strings.Contains(lower, bad) {
			t.Errorf("CSP allows %s: %s", bad, csp)
		}
	}
	d := ParseCSP(csp)
	want := map[string][]string{
		"default-src":     {"'self'"},
		"object-src":      {"'none'"},
		"base-uri":        {"'self'"},
		"form-action":     {"'self'"},
		"frame-ancestors": {"'none'"},
	}
	for name, sources := range want {
		if !slices.Equal(d[name], sources) {
			t.Errorf("CSP %s = %q, want %q", name, d[name], sources)
		}
	}
	// No source names another host: only keywords, and data: for images.
	for name, sources := range d {
		for _, s := range sources {
			switch {
			case s == "'self'" || s == "'none'":
			case s == "data:" && name == "img-src":
			default:
				t.Errorf("CSP %s allows %q: only 'self', 'none' (and data: for img-src) are allowed, no other host", name, s)
			}
		}
	}
}

func TestParseHeaders(t *testing.T) {
	const file = `# comment
/*
  X-Frame-Options: DENY
  Link: </a.css>; rel=preload

/notices/*
	Cache-Control: max-age=60
/*
  link: </b.css>; rel=preload
`
	rules, err := ParseHeaders("h", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 3 || rules[0].Pattern != "/*" || rules[1].Pattern != "/notices/*" || rules[1].Line != 6 {
		t.Fatalf("rules = %+v", rules)
	}
	h := HeadersFor(rules, "/notices/x/issues/1/")
	if got := h.Get("Cache-Control"); got != "max-age=60" {
		t.Errorf("Cache-Control = %q", got)
	}
	if got := h.Get("Link"); got != "</a.css>; rel=preload, </b.css>; rel=preload" {
		t.Errorf("Link = %q, want both rules' values joined", got)
	}
	if got := HeadersFor(rules, "/issues/").Get("Cache-Control"); got != "" {
		t.Errorf("/issues/ got Cache-Control %q from /notices/*", got)
	}
}

func TestParseHeadersErrors(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"  X-A: b\n", "h:1: 错误: 响应头前没有路径"},
		{"/*\n  X-A b\n", "h:2: 错误: \"X-A b\" 不是“名称: 值”形式的响应头"},
		{"/*\n  X-A:\n", "h:2: 错误:"},
		{"/*\n  X-A: b\nnotices\n  X-B: c\n", "h:3: 错误: 路径 \"notices\" 不是以 / 开头的单个路径"},
		{"/* /x\n  X-A: b\n", "h:1: 错误:"},
		{"/*\n  X-A: b\n/empty\n", "h:3: 错误: 路径 /empty 下没有响应头"},
	} {
		_, err := ParseHeaders("h", strings.NewReader(tc.file))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ParseHeaders(%q) error = %v, want prefix %q", tc.file, err, tc.want)
		}
	}
}

func TestParseCSP(t *testing.T) {
	d := ParseCSP(" Default-Src 'self' ; img-src 'self' data:;;script-src 'none'; script-src *")
	if !slices.Equal(d["default-src"], []string{"'self'"}) ||
		!slices.Equal(d["img-src"], []string{"'self'", "data:"}) ||
		!slices.Equal(d["script-src"], []string{"'none'"}) || len(d) != 3 {
		t.Errorf("ParseCSP = %q", d)
	}
}
