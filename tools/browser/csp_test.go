package browser

import (
	"slices"
	"strings"
	"testing"
)

// TestStrictCSPOnEveryPage loads every page type under the headers of
// static/_headers (issue 4: the site must keep working under its strict
// CSP): each document must arrive with that CSP, and the browser must report
// no violation (the tab's end-of-test check fails on any, and on any request
// to another host). The filters of /issues/ must still work.
func TestStrictCSPOnEveryPage(t *testing.T) {
	types := pageTypes(t)
	t.Logf("policy from %s: %s", env.headersOf, strings.Join(HeadersFor(env.rules, "/").Values("Content-Security-Policy"), " | "))
	for _, pt := range types {
		t.Run(pt.name, func(t *testing.T) {
			p := newPage(t)
			p.goToStatus(pt.path, pt.status)
			want := HeadersFor(env.rules, pt.path).Values("Content-Security-Policy")
			got := p.docHeaders(pt.path).Values("Content-Security-Policy")
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Fatalf("%s arrived with Content-Security-Policy %q, want %q from %s", pt.path, got, want, env.headersOf)
			}
			// Let the page's script run its course (the switch, the filters).
			p.settle()
			if csp, _, _ := p.findings(); len(csp) > 0 {
				t.Errorf("%s: %d CSP violations (listed below)", pt.path, len(csp))
			}
		})
	}
	t.Run("issues-filter-works", func(t *testing.T) {
		p := newPage(t)
		p.goTo("/issues/")
		if !slices.Equal(p.docHeaders("/issues/").Values("Content-Security-Policy"), HeadersFor(env.rules, "/issues/").Values("Content-Security-Policy")) {
			t.Fatalf("/issues/ did not arrive with the CSP of %s", env.headersOf)
		}
		f := filter{Status: "正在整改"}
		p.choose("status", f.Status)
		p.expectRows("/issues/ under the CSP, status "+f.Status, env.data.keys(f))
		p.expectCount("/issues/ under the CSP, status "+f.Status, len(env.data.keys(f)))
	})
}
