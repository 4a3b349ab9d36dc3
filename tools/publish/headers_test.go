package publish

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/browser"
)

// readSiteHeaders parses static/_headers with the parser the browser tests
// use to serve the built site, so both read the file the same way.
func readSiteHeaders(t *testing.T) []browser.HeaderRule {
	t.Helper()
	path := filepath.Join(repoRoot(t), "static", "_headers")
	rules, err := browser.ParseHeaders(path, []byte(readFile(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 {
		t.Fatal("static/_headers has no rule")
	}
	return rules
}

// parseCSP splits a Content-Security-Policy value into its directives, each
// name lower-cased, mapped to its source list in order; a repeated
// directive is ignored, as browsers do.
func parseCSP(policy string) map[string][]string {
	d := map[string][]string{}
	for _, part := range strings.Split(policy, ";") {
		fields := strings.Fields(part)
		if len(fields) == 0 {
			continue
		}
		name := strings.ToLower(fields[0])
		if _, dup := d[name]; dup {
			continue
		}
		d[name] = fields[1:]
	}
	return d
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
		h := browser.HeadersFor(rules, p)
		for _, name := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"} {
			if h.Get(name) == "" {
				t.Errorf("%s: no %s header", p, name)
			}
		}
	}
}

func TestSiteHeaderValues(t *testing.T) {
	h := browser.HeadersFor(readSiteHeaders(t), "/")
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
	csps := browser.HeadersFor(readSiteHeaders(t), "/notices/wuhan-eeb-2020/issues/1/").Values("Content-Security-Policy")
	if len(csps) != 1 {
		t.Fatalf("%d Content-Security-Policy headers, want one: %q", len(csps), csps)
	}
	csp := csps[0]
	if csp == "" {
		t.Fatal("no Content-Security-Policy")
	}
	lower := strings.ToLower(csp)
	for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "'strict-dynamic'", "'nonce-", "'sha256-", "'sha384-", "'sha512-"} {
		if strings.Contains(lower, bad) {
			t.Errorf("CSP allows %s: %s", bad, csp)
		}
	}
	d := parseCSP(csp)
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

func TestParseCSP(t *testing.T) {
	d := parseCSP(" Default-Src 'self' ; img-src 'self' data:;;script-src 'none'; script-src *")
	if !slices.Equal(d["default-src"], []string{"'self'"}) ||
		!slices.Equal(d["img-src"], []string{"'self'", "data:"}) ||
		!slices.Equal(d["script-src"], []string{"'none'"}) || len(d) != 3 {
		t.Errorf("parseCSP = %q", d)
	}
}
