package browser

import (
	"net/url"
	"strings"
	"testing"
)

// TestTermPagesWithoutJS reads the site as a reader without JavaScript: the
// filters of /issues/ are plain links to term pages (status, area, category,
// accountability kind), found on /issues/ itself, and each term page lists
// exactly the problems of its term, across its pages if it is paginated.
func TestTermPagesWithoutJS(t *testing.T) {
	needSite(t)
	d := env.data
	links := termLinks(t)
	p := newPage(t, withoutJS)

	p.goTo("/issues/")
	compareProblems(t, "/issues/ with JavaScript off", d.keys(filter{}), visibleProblems(p))

	dims := []struct {
		dim    string
		values []string
		filter func(string) filter
	}{
		{"status", d.statuses(), func(v string) filter { return filter{Status: v} }},
		{"accountability", d.kinds(), func(v string) filter { return filter{Kind: v} }},
		{"area", d.areas(), func(v string) filter { return filter{Area: v} }},
		{"category", d.categories(), func(v string) filter { return filter{Category: v} }},
	}
	pages := 0
	for _, dd := range dims {
		for _, v := range dd.values {
			paths := links[dd.dim][v]
			if len(paths) == 0 {
				t.Errorf("/issues/ (JavaScript off) has no link to a term page for %s %s: its filters must work without JavaScript", dd.dim, v)
				continue
			}
			want := d.keys(dd.filter(v))
			for _, path := range paths {
				got := termPageProblems(p, path)
				compareProblems(t, "term page "+path+" ("+dd.dim+" "+v+", JavaScript off)", want, got)
				pages++
			}
		}
	}
	t.Logf("checked %d term pages with JavaScript off", pages)
}

// termPageProblems loads a term page and its following pages (rel="next")
// and returns the problems they show.
func termPageProblems(p *page, path string) []string {
	p.t.Helper()
	seen := map[string]bool{}
	var all []string
	for i := 0; path != "" && i < 20; i++ {
		if seen[path] {
			p.t.Errorf("the pagination of %s loops", path)
			break
		}
		seen[path] = true
		p.goTo(escapePath(path))
		all = append(all, visibleProblems(p)...)
		next := eval[string](p, `(() => { const n = document.querySelector('link[rel~="next"], a[rel~="next"]'); return n ? new URL(n.href).pathname : ''; })()`)
		path, _ = url.PathUnescape(next)
		if next != "" && problemPath.MatchString(path) {
			break // a problem page's "next problem", not a list page
		}
	}
	return all
}

// escapePath percent-encodes a decoded path (term pages have Chinese names).
func escapePath(path string) string {
	q := ""
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path, q = path[:i], path[i:]
	}
	return (&url.URL{Path: path}).EscapedPath() + q
}
