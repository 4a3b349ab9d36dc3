package browser

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The harness must see what it is there to catch; these tests give it pages
// that break the rules on purpose and check that it notices.

// fixture serves the given files with a CSP of default-src 'self' and opens a
// tab on it whose end-of-test checks are off (the test inspects findings).
func fixture(t *testing.T, files map[string]string, opts ...pageOption) *page {
	t.Helper()
	needBrowser(t)
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rules, err := ParseHeaders("fixture", []byte("/*\n  Content-Security-Policy: "+defaultCSP+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(SiteHandler(dir, rules))
	t.Cleanup(srv.Close)
	p := newPage(t, append(opts, forFixture)...)
	p.base = srv.URL
	p.host = strings.TrimPrefix(srv.URL, "http://")
	return p
}

const brokenPage = `<!doctype html><html lang="zh-Hans-CN"><head><meta charset="utf-8"><title>t</title>
<style>p { color: red }</style></head>
<body><p style="color: blue">内联样式</p><script>document.title = "inline ran"</script>
<button onclick="alert(1)">按钮</button></body></html>`

func TestHarnessSeesCSPViolations(t *testing.T) {
	p := fixture(t, map[string]string{"index.html": brokenPage})
	p.goTo("/")
	p.settle()
	csp, _, _ := p.findings()
	joined := strings.Join(csp, "\n")
	for _, want := range []string{"style-src-elem", "style-src-attr", "script-src-elem"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the harness did not report the %s violation; it saw:\n%s", want, joined)
		}
	}
	if title := eval[string](p, `document.title`); title == "inline ran" {
		t.Errorf("the inline script ran: the CSP was not applied")
	}
}

func TestHarnessSeesCSPViolationsWithoutJS(t *testing.T) {
	p := fixture(t, map[string]string{"index.html": brokenPage}, withoutJS)
	p.goTo("/")
	p.settle()
	csp, _, _ := p.findings()
	if len(csp) == 0 {
		t.Errorf("with JavaScript off the harness reported no CSP violation for inline style")
	}
}

func TestHarnessSeesConsoleErrors(t *testing.T) {
	p := fixture(t, map[string]string{
		"index.html": `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>t</title><script src="/a.js"></script></head><body></body></html>`,
		"a.js":       `console.error("boom"); null.x;`,
	})
	p.goTo("/")
	p.settle()
	_, errs, _ := p.findings()
	joined := strings.Join(errs, "\n")
	if !strings.Contains(joined, "boom") || !strings.Contains(joined, "uncaught exception") {
		t.Errorf("the harness missed console.error or the uncaught exception; it saw:\n%s", joined)
	}
}

func TestHarnessSeesRequestsToOtherHosts(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Write([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`))
	}))
	defer other.Close()
	needBrowser(t)
	// No CSP here, so that the browser really sends the request.
	dir := t.TempDir()
	page := `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>t</title></head><body><img alt="x" src="` + other.URL + `/x.svg"></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(SiteHandler(dir, nil))
	defer srv.Close()
	p := newPage(t, forFixture)
	p.base, p.host = srv.URL, strings.TrimPrefix(srv.URL, "http://")
	p.goTo("/")
	p.waitFor(`[...document.images].every(i => i.complete)`, 5e9)
	_, _, foreign := p.findings()
	if len(foreign) != 1 || !strings.Contains(foreign[0], other.URL+"/x.svg") {
		t.Errorf("requests to other hosts = %q, want the image from %s", foreign, other.URL)
	}
}
