package site

import (
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
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
		{"status/", "", "issues/"},
		{"status/正在整改/", "", "issues/"},
		{"area/", "", "issues/"},
		{"category/", "", "issues/"},
		{"overdue/", "", "issues/"},
		{"updates/", "", "issues/"},
		{"accountability/", "accountability/", ""},
		{"search/", "", ""},
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
// A term page's title says what its term is, as its heading does
// (发布年份：2020, not 2020 alone).
func TestTitlesInChinese(t *testing.T) {
	b := realSite(t)
	for _, path := range []string{"404.html", "units/", "notices/level/", "notices/year/", "notices/body/", "notices/round/", "notices/issuer/", "units/市生态环境局/", "notices/level/市级/", "status/通报未说明/"} {
		d := b.pageAt(t, basePath+path)
		h1 := squash(textOf(first(d.root, tag("h1"))))
		if got, want := squash(textOf(first(d.root, tag("title")))), squash(h1+" - 巡察整改情况公开"); h1 == "" || got != want {
			t.Errorf("%s is titled %q, want %q", path, got, want)
		}
	}
}

// TestListPagesOfTheirOwn: page 2 and later of every paginated list (the
// generated site, a few items a page) are titled with their page number,
// are their own canonical page, and do not mark the nav link to the list's
// first page as the current page (aria-current="true" there, as for any
// page of the section). Their head and header render before the list
// paginates (func/paginate.html).
func TestListPagesOfTheirOwn(t *testing.T) {
	b := generatedSite(t)
	re := regexp.MustCompile(`^(.*?)page/(\d+)/index\.html$`)
	seen := map[string]bool{}
	err := filepath.WalkDir(b.dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, b.dir+string(filepath.Separator)))
		m := re.FindStringSubmatch(rel)
		if m == nil || m[2] == "1" { // page/1/ is Hugo's redirect to the list
			return nil
		}
		first1 := b.page(t, m[1]+"index.html")
		d := b.page(t, rel)
		list := strings.TrimSuffix(textOf(first(first1.root, tag("title"))), " - 巡察整改情况公开")
		if got, want := textOf(first(d.root, tag("title"))), list+"（第 "+m[2]+" 页） - 巡察整改情况公开"; got != want {
			t.Errorf("%s: title %q, want %q", rel, got, want)
		}
		self := baseURL + (&url.URL{Path: strings.TrimSuffix(rel, "index.html")}).EscapedPath()
		if got := attr(first(d.root, func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "canonical" }), "href"); got != self {
			t.Errorf("%s: canonical %q, want %q", rel, got, self)
		}
		listPath := basePath + strings.TrimSuffix(m[1], "/")
		for _, a := range all(first(first(d.root, tagClass("header", "site-header")), tag("nav")), tag("a")) {
			href, _ := url.PathUnescape(attr(a, "href"))
			if attr(a, "aria-current") == "page" {
				t.Errorf("%s: the nav link to %s is marked as this page", rel, href)
			}
			if strings.TrimSuffix(href, "/") == listPath && attr(a, "aria-current") != "true" {
				t.Errorf("%s: the nav link to its list %s is not marked as its section", rel, href)
			}
		}
		seen[strings.SplitN(m[1], "/", 2)[0]] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range []string{"issues", "notices", "regulations", "accountability", "feedback", "updates", "overdue", "status", "units"} {
		if !seen[list] {
			t.Errorf("no page 2 under /%s/: the test does not see its pagination", list)
		}
	}
}

// TestProblemTitles: a problem page's title names its notice's issuer and
// year after the problem's own title: problems of many notices share
// titles (政治建设不够有力), and tabs, bookmarks and search results must
// tell them apart. On the generated site every problem page's title is
// checked against the data.
func TestProblemTitles(t *testing.T) {
	b := generatedSite(t)
	re := regexp.MustCompile(`<title>([^<]*)</title>`)
	seen := 0
	for _, n := range b.notices {
		for _, is := range n.Issues {
			rel := fmt.Sprintf("notices/%s/issues/%d/index.html", n.ID, is.Number)
			m := re.FindSubmatch([]byte(b.read(t, rel)))
			if m == nil {
				t.Errorf("%s: no title", rel)
				continue
			}
			want := html.EscapeString(fmt.Sprintf("%s - %s（%s年） - 巡察整改情况公开", is.Title, n.Issuer, n.Published[:4]))
			if got := string(m[1]); got != want {
				t.Errorf("%s: title %q, want %q", rel, got, want)
			}
			seen++
		}
	}
	if seen == 0 {
		t.Error("no problem pages checked")
	}
}
