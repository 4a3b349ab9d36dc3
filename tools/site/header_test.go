package site

import (
	"testing"
)

// TestHeaderCurrent: the main navigation marks the page itself
// (aria-current="page") and the section a page is in (aria-current="true"),
// also on the problem pages, whose header is made once for all of them,
// and on the notices' facet pages (their breadcrumbs start with 通报).
func TestHeaderCurrent(t *testing.T) {
	b := realSite(t)
	for _, c := range []struct {
		page, current, section string
	}{
		{"", "", ""}, // the home page (its link is basePath itself: below)
		{"issues/", "issues/", ""},
		{"notices/", "notices/", ""},
		{"regulations/", "regulations/", ""},
		{"feedback/", "feedback/", ""},
		{"notices/" + seedID + "/", "", "notices/"},
		{"notices/" + seedID + "/issues/1/", "", "notices/"},
		{"notices/" + seedID + "/issues/61/", "", "notices/"},
		{"status/", "", ""},
		{"units/", "", "notices/"},
		{"units/市生态环境局/", "", "notices/"},
		{"notices/level/市级/", "", "notices/"},
	} {
		// The paths are under the site's base path, as are the links.
		for _, p := range []*string{&c.page, &c.current, &c.section} {
			if *p != "" || p == &c.page {
				*p = basePath + *p
			}
		}
		if c.page == basePath {
			c.current = basePath
		}
		d := b.pageAt(t, c.page)
		nav := first(first(d.root, tagClass("header", "site-header")), tag("nav"))
		if nav == nil {
			t.Errorf("%s: no nav in the header", c.page)
			continue
		}
		var page, section string
		links := all(nav, tag("a"))
		if len(links) != 7 {
			t.Errorf("%s: %d nav links, want 7", c.page, len(links))
		}
		for _, a := range links {
			switch attr(a, "aria-current") {
			case "page":
				page = attr(a, "href")
			case "true":
				section = attr(a, "href")
			}
		}
		if page != c.current || section != c.section {
			t.Errorf("%s: aria-current page on %q and true on %q, want %q and %q", c.page, page, section, c.current, c.section)
		}
	}
}

// TestTitlesInChinese: the 404 page and the lists of the notices'
// taxonomies, which have no content file, are titled as their headings
// say, in Chinese: Hugo named them 404 Page not found, Units, Levels….
func TestTitlesInChinese(t *testing.T) {
	b := realSite(t)
	for _, path := range []string{"404.html", "units/", "notices/level/", "notices/year/", "notices/body/", "notices/round/", "notices/issuer/"} {
		d := b.pageAt(t, basePath+path)
		h1 := squash(textOf(first(d.root, tag("h1"))))
		if got, want := squash(textOf(first(d.root, tag("title")))), squash(h1+" - 巡察整改情况公开"); h1 == "" || got != want {
			t.Errorf("%s is titled %q, want %q", path, got, want)
		}
	}
}
