package browser

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const sampleHeaders = `# Security headers for every page.
/*
  Content-Security-Policy: default-src 'self'
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin

/data/*
  Access-Control-Allow-Origin: *

/notices/:id/
  X-Robots-Tag: noarchive

https://example.org/originals/*
  ! X-Content-Type-Options
  Content-Disposition: attachment
`

func TestHeadersForAppliesEveryMatchingRule(t *testing.T) {
	rules, err := ParseHeaders("_headers", []byte(sampleHeaders))
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 4 || rules[1].Pattern != "/data/*" || rules[1].Line != 7 {
		t.Fatalf("rules = %+v", rules)
	}
	tests := []struct {
		path string
		want http.Header
	}{
		{"/", http.Header{
			"Content-Security-Policy": {"default-src 'self'"},
			"X-Content-Type-Options":  {"nosniff"},
			"Referrer-Policy":         {"strict-origin-when-cross-origin"},
		}},
		{"/data/issues.json", http.Header{
			"Content-Security-Policy":     {"default-src 'self'"},
			"X-Content-Type-Options":      {"nosniff"},
			"Referrer-Policy":             {"strict-origin-when-cross-origin"},
			"Access-Control-Allow-Origin": {"*"},
		}},
		{"/notices/wuhan-eeb-2020/", http.Header{
			"Content-Security-Policy": {"default-src 'self'"},
			"X-Content-Type-Options":  {"nosniff"},
			"Referrer-Policy":         {"strict-origin-when-cross-origin"},
			"X-Robots-Tag":            {"noarchive"},
		}},
		// :id matches one path segment only.
		{"/notices/a/b/", http.Header{
			"Content-Security-Policy": {"default-src 'self'"},
			"X-Content-Type-Options":  {"nosniff"},
			"Referrer-Policy":         {"strict-origin-when-cross-origin"},
		}},
		// An absolute URL pattern matches by its path; "!" removes a header.
		{"/originals/wuhan-eeb-2020.txt", http.Header{
			"Content-Security-Policy": {"default-src 'self'"},
			"Referrer-Policy":         {"strict-origin-when-cross-origin"},
			"Content-Disposition":     {"attachment"},
		}},
	}
	for _, tt := range tests {
		if got := HeadersFor(rules, tt.path); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("HeadersFor(%q) =\n%v\nwant\n%v", tt.path, got, tt.want)
		}
	}
}

func TestParseHeadersErrorsNameTheLine(t *testing.T) {
	tests := []struct{ src, want string }{
		{"  X-A: b\n", "_headers:1: header \"X-A: b\" before any path pattern"},
		{"/*\n  no colon here\n", "_headers:2: want an indented \"Name: value\" line"},
		{"# c\n\nnotapath\n", "_headers:3: path pattern \"notapath\" must start with /"},
	}
	for _, tt := range tests {
		_, err := ParseHeaders("_headers", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseHeaders(%q) error = %v, want it to contain %q", tt.src, err, tt.want)
		}
	}
}

func TestSiteHandlerServesLikeAStaticHost(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", "<h1>首页</h1>")
	write("issues/index.html", "<h1>全部问题</h1>")
	write("404.html", "<h1>页面不存在</h1>")
	write("_headers", sampleHeaders)
	rules, err := ParseHeaders("_headers", []byte(sampleHeaders))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(SiteHandler(dir, rules))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	tests := []struct {
		path     string
		status   int
		body     string
		location string
	}{
		{"/", 200, "<h1>首页</h1>", ""},
		{"/issues/", 200, "<h1>全部问题</h1>", ""},
		{"/issues?status=x", 301, "", "/issues/?status=x"},
		{"/nope/", 404, "<h1>页面不存在</h1>", ""},
		{"/_headers", 404, "<h1>页面不存在</h1>", ""},
		{"/../etc/passwd", 404, "<h1>页面不存在</h1>", ""},
	}
	for _, tt := range tests {
		resp, err := client.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		_, err = io.Copy(&b, resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
		}
		if tt.body != "" && b.String() != tt.body {
			t.Errorf("GET %s: body %q, want %q", tt.path, b.String(), tt.body)
		}
		if got := resp.Header.Get("Location"); got != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.path, got, tt.location)
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != "default-src 'self'" {
			t.Errorf("GET %s: Content-Security-Policy %q, want the one of _headers", tt.path, got)
		}
	}
}
