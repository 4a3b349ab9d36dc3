package browser

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

// pageType is one kind of page a reader meets; the tests visit each.
type pageType struct {
	name   string // file-name friendly, for artifacts and subtests
	path   string
	status int // HTTP status of the document
}

// pageTypes lists every page type of the site (issue 3): home, notice, a few
// problems, /issues/, a term page, the registers, feedback, open data, 404.
func pageTypes(t *testing.T) []pageType {
	t.Helper()
	needSite(t)
	d := env.data
	n := d.notices[0].ID
	var ofNotice []problem
	for _, p := range d.problems {
		if p.Notice == n {
			ofNotice = append(ofNotice, p)
		}
	}
	types := []pageType{
		{"home", "/", 200},
		{"notice", "/notices/" + n + "/", 200},
	}
	// A few problems: the first, one with accountability, one with
	// regulations, the last; each page once.
	taken := map[int]bool{}
	addProblem := func(suffix string, ok func(problem) bool) {
		for _, p := range ofNotice {
			if !taken[p.Number] && ok(p) {
				taken[p.Number] = true
				types = append(types, pageType{fmt.Sprintf("problem-%d%s", p.Number, suffix), p.path(), 200})
				return
			}
		}
	}
	addProblem("", func(problem) bool { return true })
	addProblem("-accountability", func(p problem) bool { return len(p.Kinds) > 0 })
	addProblem("-regulations", func(p problem) bool { return p.Regs > 0 })
	addProblem("-last", func(p problem) bool { return p.Number == ofNotice[len(ofNotice)-1].Number })
	types = append(types, pageType{"issues", "/issues/", 200})
	if term := statusTermPath(t); term != "" {
		types = append(types, pageType{"term-status", term, 200})
	}
	types = append(types,
		pageType{"regulations", "/regulations/", 200},
		pageType{"accountability", "/accountability/", 200},
		pageType{"feedback", "/feedback/", 200},
		pageType{"data", "/data/", 200},
		pageType{"404", "/no-such-page/", http.StatusNotFound},
	)
	return types
}

// statusTermPath is the term page of the first status, found through the
// no-JS filter links of /issues/.
func statusTermPath(t *testing.T) string {
	t.Helper()
	links := termLinks(t)
	st := env.data.statuses()
	if len(st) == 0 {
		return ""
	}
	if slices.Contains(st, "正在整改") {
		st[0] = "正在整改"
	}
	paths := links["status"][st[0]]
	if len(paths) == 0 {
		t.Errorf("/issues/ (JavaScript off) has no link to the term page of status %s; the term page is left out", st[0])
		return ""
	}
	return paths[0]
}

// A link on /issues/ as the page shows it.
type link struct {
	Text string `json:"text"`
	Href string `json:"href"` // path and query, decoded
}

var (
	termLinksOnce sync.Once
	termLinksMap  map[string]map[string][]string
	termLinksErr  string
)

// termLinks reads /issues/ with JavaScript off (the state in which its
// filters must work as plain links) and returns, for each filter dimension
// (status, area, category, accountability), the term pages linked for each
// value: the links whose text names the value (optionally with its label,
// e.g. （一）, and a count). Links back to /issues/ itself are not term pages.
func termLinks(t *testing.T) map[string]map[string][]string {
	t.Helper()
	termLinksOnce.Do(func() {
		termLinksErr = "reading the links of /issues/ with JavaScript off failed (see the first test that tried)"
		p := newPage(t, withoutJS)
		p.goTo("/issues/")
		links := eval[[]link](p, `[...document.querySelectorAll('a[href]')].map(a => {
			const u = new URL(a.href, location.href);
			return {text: a.textContent, href: u.origin === location.origin ? decodeURIComponent(u.pathname) + u.search : a.href};
		})`)
		d := env.data
		dims := map[string][]string{
			"status":         d.statuses(),
			"area":           d.areas(),
			"category":       d.categories(),
			"accountability": d.kinds(),
		}
		termLinksMap = map[string]map[string][]string{}
		for dim, values := range dims {
			termLinksMap[dim] = map[string][]string{}
			for _, v := range values {
				for _, l := range links {
					if !strings.HasPrefix(l.Href, "/") || problemPath.MatchString(l.Href) || strings.HasPrefix(l.Href, "/issues/") {
						continue
					}
					if linkNames(l.Text, v) && !slices.Contains(termLinksMap[dim][v], l.Href) {
						termLinksMap[dim][v] = append(termLinksMap[dim][v], l.Href)
					}
				}
			}
		}
		termLinksErr = ""
	})
	if termLinksErr != "" {
		t.Fatal(termLinksErr)
	}
	return termLinksMap
}

var (
	problemPath = regexp.MustCompile(`^/notices/[^/]+/issues/\d+/$`)
	labelPrefix = regexp.MustCompile(`^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])`)
	countSuffix = regexp.MustCompile(`(?:[（(]\d+(?:个|项|人次|件|条)?[)）]|\d+(?:个|项|人次|件|条)?)$`)
)

// linkNames says whether a link text names value: the text, without spaces,
// a leading label like （一） or 1. and a trailing count like （12）, is the value.
func linkNames(text, value string) bool {
	s := strings.Join(strings.Fields(text), "")
	v := strings.Join(strings.Fields(value), "")
	if s == v {
		return true
	}
	s = countSuffix.ReplaceAllString(s, "")
	s = labelPrefix.ReplaceAllString(s, "")
	return s == v
}

// The JavaScript that lists the problems visible in main: the problem page
// links (/notices/<id>/issues/<n>/) that the reader can see, as "<id>#<n>".
const visibleProblemsJS = `(() => {
	const re = /^\/notices\/([^\/]+)\/issues\/(\d+)\/$/;
	const out = new Set();
	const scope = document.querySelector('main') || document.body;
	for (const a of scope.querySelectorAll('a[href]')) {
		const u = new URL(a.href, location.href);
		if (u.origin !== location.origin) continue;
		const m = u.pathname.match(re);
		if (!m) continue;
		if (!a.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
		out.add(decodeURIComponent(m[1]) + '#' + m[2]);
	}
	return [...out].sort();
})()`

// visibleProblems returns the keys of the problems visible in main.
func visibleProblems(p *page) []string {
	p.t.Helper()
	got := eval[[]string](p, visibleProblemsJS)
	sort.Strings(got)
	return got
}

// describeKeys shortens a set of problem keys for a message: "#1 #5 …".
func describeKeys(keys []string) string {
	if len(keys) == 0 {
		return "(none)"
	}
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		if i == 30 {
			fmt.Fprintf(&b, "… (%d in all)", len(keys))
			break
		}
		b.WriteString(k)
	}
	return b.String()
}

// compareProblems reports a difference between the wanted and the shown
// problems of a page.
func compareProblems(t *testing.T, where string, want, got []string) bool {
	t.Helper()
	missing, extra := setDiff(want, got)
	if len(missing) == 0 && len(extra) == 0 {
		return true
	}
	t.Errorf("%s: shows %d problems, want %d\n  missing: %s\n  not expected: %s", where, len(got), len(want), describeKeys(missing), describeKeys(extra))
	return false
}

// pathOf returns the path and query of a URL for messages.
func pathOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	s, _ := url.PathUnescape(u.EscapedPath())
	if u.RawQuery != "" {
		q, _ := url.QueryUnescape(u.RawQuery)
		s += "?" + q
	}
	return s
}
