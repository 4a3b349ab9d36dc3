package site

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/wuhan-rectify/tracker/tools/notice"
	"golang.org/x/net/html"
)

// TestEveryPage: every HTML page is valid UTF-8, in Chinese (lang), has a
// non-empty <title>, exactly one <h1>, headings that do not skip a level,
// the landmarks and skip link, no inline script or style (CSP default-src
// 'self'), no HTML comment, and in its footer the feedback contact of its
// notice or, on a site-wide page, the link to all of them.
func TestEveryPage(t *testing.T) {
	for _, b := range sitesFor(t, true) {
		files := b.htmlFiles(t)
		for _, f := range files {
			checkPage(t, b, f)
		}
		t.Logf("%s site: %d HTML pages checked", b.name, len(files))
	}
}

// checkPage makes the checks of TestEveryPage on the page f of b.
func checkPage(t *testing.T, b *build, f string) {
	t.Helper()
	raw := b.read(t, f)
	if !utf8.Valid(raw) {
		t.Errorf("%s %s: not valid UTF-8", b.name, f)
	}
	if bytes.Contains(raw, []byte("<!--")) {
		t.Errorf("%s %s: has an HTML comment (it would ship to readers)", b.name, f)
	}
	d := b.page(t, f)
	htmlEl := first(d.root, tag("html"))
	if attr(htmlEl, "lang") != "zh-Hans-CN" {
		t.Errorf("%s %s: lang=%q, want zh-Hans-CN", b.name, f, attr(htmlEl, "lang"))
	}
	if ti := first(d.root, tag("title")); ti == nil || textOf(ti) == "" {
		t.Errorf("%s %s: no <title>", b.name, f)
	}
	if h1 := all(d.root, tag("h1")); len(h1) != 1 {
		t.Errorf("%s %s: %d <h1>, want 1", b.name, f, len(h1))
	}
	level := 0
	seen := map[string]bool{} // "<h2>意见反馈": a reader who lists headings hears each once
	for _, h := range all(d.root, func(n *html.Node) bool {
		return len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6'
	}) {
		if k := h.Data + textOf(h); seen[k] {
			t.Errorf("%s %s: two <%s> read %q", b.name, f, h.Data, textOf(h))
		} else {
			seen[k] = true
		}
		l := int(h.Data[1] - '0')
		if l > level+1 {
			t.Errorf("%s %s: <%s> %q follows <h%d>: headings skip a level", b.name, f, h.Data, textOf(h), level)
		}
		if textOf(h) == "" {
			t.Errorf("%s %s: an empty <%s>", b.name, f, h.Data)
		}
		level = l
	}
	// Every table has a name, which a screen reader says on entering it.
	for _, tb := range all(d.root, tag("table")) {
		name := attr(tb, "aria-label")
		if c := first(tb, tag("caption")); c != nil {
			name = textOf(c)
		}
		if ref := attr(tb, "aria-labelledby"); ref != "" {
			if l := first(d.root, byID(ref)); l != nil {
				name = textOf(l)
			} else {
				name = ""
			}
		}
		if strings.TrimSpace(name) == "" {
			t.Errorf("%s %s: <table class=%q> has no name (caption, aria-labelledby)", b.name, f, attr(tb, "class"))
		}
	}
	for _, landmark := range []string{"header", "nav", "main", "footer"} {
		if first(d.root, tag(landmark)) == nil {
			t.Errorf("%s %s: no <%s>", b.name, f, landmark)
		}
	}
	if skip := first(d.root, hasClass("skip")); skip == nil || attr(skip, "href") != "#main" || first(d.root, byID("main")) == nil {
		t.Errorf("%s %s: no skip link to #main", b.name, f)
	}
	for _, n := range all(d.root, func(*html.Node) bool { return true }) {
		if hasAttr(n, "style") {
			t.Errorf("%s %s: <%s style> needs 'unsafe-inline'", b.name, f, n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("%s %s: <%s %s> is an inline script", b.name, f, n.Data, a.Key)
			}
		}
		if n.Data == "style" {
			t.Errorf("%s %s: inline <style>", b.name, f)
		}
		if n.Data == "script" && !hasAttr(n, "src") && attr(n, "type") != "application/ld+json" {
			t.Errorf("%s %s: inline <script>", b.name, f)
		}
	}
	checkContact(t, b, f, d)
}

// checkContact: the footer of a page of a notice has that notice's
// feedback contact; the footer of a site-wide page links to /feedback/,
// which lists every notice's (TestEachNoticeItsContact checks that no
// page gives another notice's contact).
func checkContact(t *testing.T, b *build, f string, d *doc) {
	t.Helper()
	footer := first(d.root, tag("footer"))
	if footer == nil {
		return
	}
	hrefs := links(footer)
	id := noticeOfPage(f)
	if id == "" {
		if !slices.Contains(hrefs, basePath+"feedback/") {
			t.Errorf("%s %s: the footer does not link to /feedback/", b.name, f)
		}
		return
	}
	i := slices.IndexFunc(b.notices, func(n *notice.Notice) bool { return n.ID == id })
	if i < 0 {
		t.Errorf("%s %s: a page of %s, which is not in the data", b.name, f, id)
		return
	}
	c := b.notices[i].Contact
	tel := "tel:" + regexp.MustCompile(`[^0-9+]`).ReplaceAllString(c.Phone, "")
	if c.Phone != "" && !slices.Contains(hrefs, tel) {
		t.Errorf("%s %s: the footer lacks the %s link", b.name, f, tel)
	}
	if c.Email != "" && !slices.Contains(hrefs, "mailto:"+c.Email) {
		t.Errorf("%s %s: the footer lacks the mailto:%s link", b.name, f, c.Email)
	}
	s := textOf(footer)
	for _, want := range []string{c.Phone, c.Email, c.Address, c.Postcode, c.EnvelopeNote} {
		if !strings.Contains(s, want) {
			t.Errorf("%s %s: the footer lacks %q", b.name, f, want)
		}
	}
	// A field the data leaves empty is left out, not shown as an empty row.
	for _, dd := range all(footer, tag("dd")) {
		if textOf(dd) == "" {
			t.Errorf("%s %s: the footer contact has an empty item", b.name, f)
		}
	}
}

// TestFeedbackPage: /feedback/ has the contact and its schema.org
// ContactPoint as JSON-LD built from the data.
func TestFeedbackPage(t *testing.T) {
	b := sampleSite(t)
	d := b.pageAt(t, basePath+"feedback/")
	c := b.notices[0].Contact
	s := first(d.root, func(n *html.Node) bool { return n.Data == "script" && attr(n, "type") == "application/ld+json" })
	if s == nil {
		t.Fatal("no JSON-LD")
	}
	var ld struct {
		Type    string `json:"@type"`
		Contact struct {
			Type      string `json:"@type"`
			Telephone string `json:"telephone"`
			Email     string `json:"email"`
		} `json:"contactPoint"`
		Address struct {
			Street   string `json:"streetAddress"`
			Postcode string `json:"postalCode"`
		} `json:"address"`
	}
	if err := jsonUnmarshal(textOf(s), &ld); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, textOf(s))
	}
	if ld.Contact.Type != "ContactPoint" || ld.Contact.Telephone != c.Phone || ld.Contact.Email != c.Email ||
		ld.Address.Street != c.Address || ld.Address.Postcode != c.Postcode {
		t.Errorf("JSON-LD %+v does not match the contact %+v", ld, c)
	}
	main := textOf(first(d.root, tag("main")))
	for _, want := range []string{c.Phone, c.Email, c.Address, c.Postcode, c.EnvelopeNote} {
		if !strings.Contains(main, want) {
			t.Errorf("/feedback/ lacks %q", want)
		}
	}
}

// TestInternalLinks: every link and resource of every page (href, src, and
// url() in CSS) resolves to a file of the output under the base path, and
// every #fragment to an id of its page; nothing points to another host
// but the links marked rel=external (a notice's official page, the ICP
// register), which are absolute http(s) URLs.
func TestInternalLinks(t *testing.T) {
	for _, b := range sitesFor(t, true) {
		checkLinks(t, b)
	}
}

// checkLinks makes the checks of TestInternalLinks on the output of b.
func checkLinks(t *testing.T, b *build) {
	t.Helper()
	ids := map[string]map[string]bool{}
	idsOf := func(rel string) map[string]bool {
		if m, ok := ids[rel]; ok {
			return m
		}
		m := map[string]bool{}
		if strings.HasSuffix(rel, ".html") {
			for _, n := range all(b.page(t, rel).root, func(n *html.Node) bool { return hasAttr(n, "id") }) {
				m[attr(n, "id")] = true
			}
		}
		ids[rel] = m
		return m
	}
	checked, broken := 0, 0
	for _, f := range b.htmlFiles(t) {
		pageURL, _ := url.Parse(baseURL + strings.TrimSuffix(f, "index.html"))
		if f == "404.html" {
			pageURL, _ = url.Parse(baseURL + "no-such-page/")
		}
		d := b.page(t, f)
		for _, n := range all(d.root, func(*html.Node) bool { return true }) {
			for _, key := range []string{"href", "src", "action"} {
				if !hasAttr(n, key) {
					continue
				}
				ref := attr(n, key)
				checked++
				if n.Data == "a" && key == "href" && slices.Contains(strings.Fields(attr(n, "rel")), "external") {
					// A deliberate link to another site (a notice's
					// official page, the ICP register): absolute, https
					// or http, and named rel=external.
					if u, err := url.Parse(ref); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
						t.Errorf("%s %s: external link %q is not an absolute http(s) URL", b.name, f, ref)
						broken++
					}
					continue
				}
				if !b.linkOK(t, f, pageURL, ref, idsOf) {
					broken++
				}
			}
		}
	}
	// url() in the stylesheet.
	filepath.WalkDir(b.dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".css") {
			data, _ := os.ReadFile(p)
			for _, m := range regexp.MustCompile(`url\(([^)]*)\)`).FindAllSubmatch(data, -1) {
				t.Errorf("%s %s: url(%s): the stylesheet loads a resource", b.name, p, m[1])
				broken++
			}
		}
		return nil
	})
	if broken > 0 {
		t.Errorf("%s site: %d broken links of %d", b.name, broken, checked)
	}
	t.Logf("%s site: %d links and resources checked, %d broken", b.name, checked, broken)
}

// linkOK checks one reference of page f.
func (b *build) linkOK(t *testing.T, f string, page *url.URL, ref string, idsOf func(string) map[string]bool) bool {
	t.Helper()
	u, err := url.Parse(ref)
	if err != nil {
		t.Errorf("%s %s: bad URL %q: %v", b.name, f, ref, err)
		return false
	}
	switch u.Scheme {
	case "mailto", "tel":
		if u.Opaque == "" {
			t.Errorf("%s %s: empty %s link", b.name, f, u.Scheme)
			return false
		}
		return true
	case "", "http", "https":
	default:
		t.Errorf("%s %s: link %q with scheme %s", b.name, f, ref, u.Scheme)
		return false
	}
	if ref[0] == '#' { // the page itself, wherever it is served (404)
		if !idsOf(f)[u.Fragment] {
			t.Errorf("%s %s: link %q: no id %q on the page", b.name, f, ref, u.Fragment)
			return false
		}
		return true
	}
	abs := page.ResolveReference(u)
	if abs.Host != "tracker.test" {
		t.Errorf("%s %s: %q refers to another host", b.name, f, ref)
		return false
	}
	if !strings.HasPrefix(abs.Path, basePath) {
		t.Errorf("%s %s: %q leaves the base path %s (it would break under a sub-path)", b.name, f, ref, basePath)
		return false
	}
	rel := strings.TrimPrefix(abs.Path, basePath)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if !b.exists(rel) {
		t.Errorf("%s %s: broken link %q (no %s)", b.name, f, ref, rel)
		return false
	}
	if frag := abs.Fragment; frag != "" && !idsOf(rel)[frag] {
		t.Errorf("%s %s: link %q: %s has no id %q", b.name, f, ref, rel, frag)
		return false
	}
	return true
}

// TestHostileText: markup in the data comes out as text: no element, script
// or attribute of the data reaches the HTML, the feeds or the JSON.
func TestHostileText(t *testing.T) {
	b := sampleSite(t)
	files := b.htmlFiles(t)
	files = append(files, "notices/index.xml", "updates/index.xml", "data/issues.json", "data/notices.json", "notices/index.json")
	// The rows that the filters of /issues/ insert as HTML (rows.json) are
	// the page's rows: escaped text.
	for id, row := range b.jsonRows(t) {
		if strings.Contains(row, "<img") || strings.Contains(row, "<b>") || strings.Contains(row, "<script") {
			t.Errorf("rows.json row %s: markup of the data became markup: %s", id, row)
		}
	}
	seen := false
	for _, f := range files {
		raw := string(b.read(t, f))
		for _, bad := range []string{"<script>alert", "<img src=x", "<b>粗体"} {
			if strings.Contains(raw, bad) {
				t.Errorf("%s: the data's %q reached the output unescaped", f, bad)
			}
		}
		if strings.HasSuffix(f, ".html") {
			d := b.page(t, f)
			for _, s := range all(d.root, tag("script")) {
				if src := attr(s, "src"); src != "" && !regexp.MustCompile(`^/sub/js/site\.min\.[0-9a-f]+\.js$`).MatchString(src) &&
					!(f == "search/index.html" && regexp.MustCompile(`^/sub/js/search\.min\.[0-9a-f]+\.js$`).MatchString(src)) &&
					!((f == "issues/index.html" || f == "notices/index.html") && regexp.MustCompile(`^/sub/js/filters\.min\.[0-9a-f]+\.js$`).MatchString(src)) {
					t.Errorf("%s: unexpected script %q", f, src)
				}
			}
			if len(all(d.root, tag("img"))) > 0 || len(all(d.root, tag("b"))) > 0 {
				t.Errorf("%s: an <img> or <b> from the data became an element", f)
			}
			if strings.Contains(text(d.root, nil), "<script>alert(1)</script>") {
				seen = true
			}
		}
	}
	if !seen {
		t.Error("the hostile title is not shown as text anywhere: the test proves nothing")
	}
	d := b.pageAt(t, issuePath("sample-2024", 2))
	if got := textOf(first(d.root, tag("h1"))); !strings.Contains(got, "<script>alert(1)</script>大局观念不够牢固") {
		t.Errorf("problem 2's h1 = %q, want the title as text", got)
	}
}

// TestBudgets measures the gzipped size of what a reader downloads: a
// problem page with its CSS and JS (≤ 12 KB), /issues/ with its CSS and JS
// (≤ 40 KB), and the JavaScript of the site (≤ 10 KB: site.js, on every
// page, and filters.js, on /issues/ and /notices/).
func TestBudgets(t *testing.T) {
	for _, b := range sitesFor(t, false) {
		assets := 0
		js := 0
		d := b.pageAt(t, basePath+"issues/")
		var resources []string
		for _, n := range all(d.root, func(n *html.Node) bool {
			return n.Data == "script" && hasAttr(n, "src") || n.Data == "link" && attr(n, "rel") == "stylesheet"
		}) {
			ref := attr(n, "src") + attr(n, "href")
			rel := strings.TrimPrefix(ref, basePath)
			resources = append(resources, rel)
			assets += gzSize(t, b.read(t, rel))
			if strings.HasSuffix(rel, ".js") {
				js += len(b.read(t, rel))
			}
		}
		if len(resources) != 3 {
			t.Errorf("%s: /issues/ loads %v, want one stylesheet and two scripts (site.js, filters.js)", b.name, resources)
		}
		var allJS int
		filepath.WalkDir(b.dir, func(p string, e fs.DirEntry, err error) error {
			// search.js is loaded by /search/ alone, whose budget is below.
			if err == nil && strings.HasSuffix(p, ".js") && !strings.HasPrefix(filepath.Base(p), "search.") {
				st, _ := os.Stat(p)
				allJS += int(st.Size())
			}
			return nil
		})
		t.Logf("%s site: JavaScript %d bytes (%d bytes in all .js files), CSS+JS gzipped %d bytes", b.name, js, allJS, assets)
		if allJS > 10*1024 {
			t.Errorf("%s: the JavaScript is %d bytes, budget 10 KB", b.name, allJS)
		}
		// The search page (issue 11): within the problem-page budget.
		searchPage := b.pageAt(t, basePath+"search/")
		searchSize := gzSize(t, b.read(t, "search/index.html"))
		for _, n := range all(searchPage.root, func(n *html.Node) bool {
			return n.Data == "script" && hasAttr(n, "src") || n.Data == "link" && attr(n, "rel") == "stylesheet"
		}) {
			searchSize += gzSize(t, b.read(t, strings.TrimPrefix(attr(n, "src")+attr(n, "href"), basePath)))
		}
		t.Logf("%s site: /search/ %d bytes gzipped with its CSS and JS (budget 12288)", b.name, searchSize)
		if searchSize > 12*1024 {
			t.Errorf("%s: /search/ is %d bytes gzipped with its CSS and JS, budget 12 KB", b.name, searchSize)
		}
		issues := gzSize(t, b.read(t, "issues/index.html")) + assets
		t.Logf("%s site: /issues/ %d bytes gzipped with its CSS and JS (budget 40960)", b.name, issues)
		if issues > 40*1024 {
			t.Errorf("%s: /issues/ is %d bytes gzipped with its CSS and JS, budget 40 KB", b.name, issues)
		}
		largest, largestPage, count, sum := 0, "", 0, 0
		for _, n := range b.notices {
			for _, f := range b.problemDirs(t, n.ID) {
				size := b.sizeWithAssets(t, f)
				count++
				sum += size
				if size > largest {
					largest, largestPage = size, f
				}
				if size > 12*1024 {
					t.Errorf("%s: %s is %d bytes gzipped with its CSS and JS, budget 12 KB", b.name, f, size)
				}
			}
		}
		t.Logf("%s site: %d problem pages, gzipped with CSS and JS: largest %d bytes (%s), mean %d (budget 12288)", b.name, count, largest, largestPage, sum/max(count, 1))
	}
}

// sizeWithAssets is the gzipped size of the output file rel (an HTML page)
// and of the stylesheets and scripts it loads, each gzipped alone.
func (b *build) sizeWithAssets(t testing.TB, rel string) int {
	t.Helper()
	data := b.read(t, rel)
	d, err := parseDoc(data)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	size := gzSize(t, data)
	for _, n := range all(d.root, func(n *html.Node) bool {
		return n.Data == "script" && hasAttr(n, "src") || n.Data == "link" && attr(n, "rel") == "stylesheet"
	}) {
		size += gzSize(t, b.read(t, strings.TrimPrefix(attr(n, "src")+attr(n, "href"), basePath)))
	}
	return size
}

func gzSize(t testing.TB, data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return buf.Len()
}

// TestDeterministicBuild: building the same sources twice gives
// byte-identical output (no build time or random value in any file).
func TestDeterministicBuild(t *testing.T) {
	a, b := realSite(t), siteBuild(t, "real2")
	files := map[string]bool{}
	for _, bd := range []*build{a, b} {
		filepath.WalkDir(bd.dir, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				rel, _ := filepath.Rel(bd.dir, p)
				files[rel] = true
			}
			return nil
		})
	}
	diff := 0
	for rel := range files {
		x, errA := os.ReadFile(filepath.Join(a.dir, rel))
		y, errB := os.ReadFile(filepath.Join(b.dir, rel))
		if errA != nil || errB != nil || !bytes.Equal(x, y) {
			diff++
			t.Errorf("%s differs between two builds of the same sources", rel)
		}
	}
	t.Logf("%d files compared, %d differ", len(files), diff)
}

// TestVocabulariesInConfig: config.toml's copies of the vocabularies equal
// those of tools/notice (the site sorts and validates by them).
func TestVocabulariesInConfig(t *testing.T) {
	var cfg struct {
		Params struct {
			Statuses            []string
			AccountabilityKinds []string
			Levels              []string
		}
	}
	if _, err := toml.DecodeFile(filepath.Join(moduleRoot(t), "config.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	if want := append(slices.Clip(notice.Statuses), notice.StatusUnstated); !slices.Equal(cfg.Params.Statuses, want) {
		t.Errorf("config.toml params.statuses = %q, want notice.Statuses and StatusUnstated %q", cfg.Params.Statuses, want)
	}
	if !slices.Equal(cfg.Params.AccountabilityKinds, notice.AccountabilityKinds) {
		t.Errorf("config.toml params.accountabilityKinds = %q, want notice.AccountabilityKinds %q", cfg.Params.AccountabilityKinds, notice.AccountabilityKinds)
	}
	if !slices.Equal(cfg.Params.Levels, notice.Levels) {
		t.Errorf("config.toml params.levels = %q, want notice.Levels %q", cfg.Params.Levels, notice.Levels)
	}
}

// TestNotFoundPage: the 404 page is in Chinese and links home.
func TestNotFoundPage(t *testing.T) {
	b := sampleSite(t)
	d := b.page(t, "404.html")
	if got := textOf(first(d.root, tag("h1"))); got != "页面不存在" {
		t.Errorf("404 h1 = %q", got)
	}
	if !slices.Contains(links(first(d.root, tag("main"))), basePath) {
		t.Error("the 404 page does not link the home page")
	}
}

// TestPageCounts logs the pages of each build, for the report.
func TestPageCounts(t *testing.T) {
	for _, b := range sitesFor(t, false) {
		kinds := map[string]int{}
		for _, f := range b.htmlFiles(t) {
			k := strings.SplitN(f, "/", 2)[0]
			if ok, _ := path.Match("notices/*/issues/*/index.html", f); ok {
				k = "problem pages"
			}
			kinds[k]++
		}
		t.Logf("%s site: %d HTML pages by top folder: %v (built in %v)", b.name, len(b.htmlFiles(t)), kinds, b.elapsed)
		if kinds["problem pages"] == 0 {
			t.Errorf("%s: no problem pages", b.name)
		}
	}
}

// TestOriginalDownload: the notice page offers its original for download
// and names its format (the seed's is plain text).
func TestOriginalDownload(t *testing.T) {
	b := sampleSite(t)
	n := b.notices[0]
	d := b.pageAt(t, basePath+"notices/"+n.ID+"/")
	a := first(d.root, func(x *html.Node) bool { return x.Data == "a" && attr(x, "href") == basePath+n.Source })
	if a == nil {
		t.Fatalf("no link to the original %s", n.Source)
	}
	if got, want := textOf(a), "下载通报原文（纯文本）"; got != want {
		t.Errorf("download link reads %q, want %q", got, want)
	}
}
