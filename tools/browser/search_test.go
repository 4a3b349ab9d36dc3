package browser

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/wuhan-rectify/tracker/tools/gen"
	"github.com/wuhan-rectify/tracker/tools/search"
)

// The search tests (issue 11) build sites of their own, as rectify build
// does (the search index first, package search, then Hugo), under the
// sub-path /sub/, and serve them with the headers of static/_headers: the
// seed, and a generated site of 20 notices (package gen).

const searchAsOf = "2026-11-30"

type searchSite struct {
	base  string // http://127.0.0.1:PORT/sub (no trailing slash)
	host  string
	index *search.Index
	err   error
}

var (
	searchSites   = map[string]*searchSite{}
	searchSitesMu sync.Mutex
)

// siteFor builds (once) and serves the search site "seed" or "gen20".
func siteFor(t *testing.T, name string) *searchSite {
	t.Helper()
	needSite(t)
	searchSitesMu.Lock()
	defer searchSitesMu.Unlock()
	s := searchSites[name]
	if s == nil {
		s = &searchSite{}
		s.err = s.build(name)
		searchSites[name] = s
	}
	if s.err != nil {
		t.Fatalf("building the %s search site: %v", name, s.err)
	}
	return s
}

func (s *searchSite) build(name string) error {
	tmp, err := os.MkdirTemp("", "rectify-search-")
	if err != nil {
		return err
	}
	src := filepath.Join(tmp, "src")
	switch name {
	case "seed":
		if err := os.MkdirAll(src, 0o755); err != nil {
			return err
		}
		for _, f := range append(slices.Clone(gen.SiteFiles), "data") {
			if out, err := exec.Command("cp", "-r", filepath.Join(env.root, f), filepath.Join(src, f)).CombinedOutput(); err != nil {
				return fmt.Errorf("copying %s: %v %s", f, err, out)
			}
		}
	default:
		if _, err := gen.Site(env.root, src, 20); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s.host = ln.Addr().String()
	s.base = "http://" + s.host + "/sub"
	out := filepath.Join(tmp, "public")
	if err := buildCopy(src, out, s.base+"/", "HUGO_PARAMS_ASOF="+searchAsOf); err != nil {
		ln.Close()
		return err
	}
	if s.index, err = siteIndex(src, out); err != nil {
		ln.Close()
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/sub/", http.StripPrefix("/sub", SiteHandler(out, env.rules)))
	go (&http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}).Serve(ln)
	return nil
}

// searchPage opens a tab on the search site.
func searchPage(t *testing.T, s *searchSite, opts ...pageOption) *page {
	p := newPage(t, opts...)
	p.base, p.host = s.base, s.host
	return p
}

// waitResults waits until the search has answered (the status is set and
// the page is not busy) and returns the status text.
func waitResults(t *testing.T, p *page) string {
	t.Helper()
	if !p.waitFor(`document.getElementById('search-status').textContent !== '' && !document.getElementById('search').hasAttribute('aria-busy')`, 20*time.Second) {
		t.Fatalf("no search result; status %q", eval[string](p, `document.getElementById('search-status').textContent`))
	}
	return eval[string](p, `document.getElementById('search-status').textContent`)
}

// shown returns the problem and notice links of the results, in order.
func shown(p *page) []string {
	return eval[[]string](p, `[...document.querySelectorAll('#search-results ol.results h3 a')].map(a => new URL(a.href).pathname)`)
}

// wantCount is the status text for the oracle's answer.
func wantCount(ix *search.Index, docs []int32) string {
	probs, notices := 0, 0
	for _, d := range docs {
		if int(d) < ix.P {
			probs++
		} else {
			notices++
		}
	}
	if probs+notices == 0 {
		return "没有找到"
	}
	return fmt.Sprintf("找到 %d 个问题、%d 份通报。", probs, notices)
}

// TestSearchOracleInBrowser: search.js, in Chromium, returns exactly the
// documents of the brute-force oracle for the fixed and a few hundred
// sampled queries, on the seed and on 20 generated notices.
func TestSearchOracleInBrowser(t *testing.T) {
	for _, name := range []string{"seed", "gen20"} {
		t.Run(name, func(t *testing.T) {
			s := siteFor(t, name)
			p := searchPage(t, s)
			p.goTo("/search/")
			qs := search.Queries(s.index, 300, 2)
			got := eval[[][]int32](p, `(async () => { const out = []; for (const q of `+jsString(qs)+`) {
				const r = await rectifySearch.find(q); out.push(r ? r.notices.concat(r.problems).sort((a, b) => a - b) : []); } return out; })()`)
			oracle := search.NewOracle(s.index)
			agree, wrong := 0, 0
			for i, q := range qs {
				want := oracle.Search(q)
				if !slices.Equal(got[i], want) && !(len(got[i]) == 0 && len(want) == 0) {
					wrong++
					t.Errorf("%q: search.js found %d documents, the oracle %d", q, len(got[i]), len(want))
					continue
				}
				agree += len(want)
			}
			t.Logf("%d queries: %d results agree with the oracle, %d queries differ", len(qs), agree, wrong)
		})
	}
}

// TestSearchQueries: a query, two terms, full-width digits and a filter
// with a query, typed into the page as a reader does; the URL keeps them
// and a reload shows the same results.
func TestSearchQueries(t *testing.T) {
	s := siteFor(t, "gen20")
	oracle := search.NewOracle(s.index)
	p := searchPage(t, s)
	p.goTo("/search/")
	p.waitFor(`!document.getElementById('search-form').hidden`, 10*time.Second)

	typeQuery := func(q string) string {
		p.do("typing "+q, chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`), chromedp.SendKeys(chromedp.CSS(`#q`), q))
		p.waitFor(`new URLSearchParams(location.search).get('q') === `+jsString(strings.TrimSpace(q)), 5*time.Second)
		return waitResults(t, p)
	}
	for _, q := range []string{"公务接待", "政治 建设", "２０１９", "的", "不存在的词语"} {
		got := typeQuery(q)
		want := wantCount(s.index, oracle.Search(q))
		if !strings.HasPrefix(got, want) {
			t.Errorf("%q: status %q, want %q", q, got, want)
		}
	}
	// Highlighting: every result of a two-term query marks both terms.
	typeQuery("政治 建设")
	marks := eval[[]string](p, `[...document.querySelectorAll('#search-results mark')].map(m => m.textContent)`)
	if !slices.Contains(marks, "政治") || !slices.Contains(marks, "建设") {
		t.Errorf("the results of 政治 建设 mark %q, want both terms", marks)
	}
	// Full-width digits find what half-width ones do.
	a := typeQuery("２０１９")
	b := typeQuery("2019")
	if a != b {
		t.Errorf("２０１９ gives %q, 2019 gives %q", a, b)
	}
	// A title hit ranks above a measure hit.
	typeQuery("建设")
	ranks := eval[[]bool](p, `[...document.querySelectorAll('#search-results ol.results li h3')].map(h => !!h.querySelector('mark'))`)
	if i := slices.Index(ranks, false); i >= 0 && slices.Contains(ranks[i:], true) {
		t.Errorf("a result whose title does not hold the term ranks above one whose title does: %v", ranks)
	}

	// A filter with a query: status 已完成.
	p.do("choosing a status", chromedp.SetValue(chromedp.CSS(`#s-status`), "已完成"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('s-status').dispatchEvent(new Event('change', {bubbles: true}))`))
	p.waitFor(`new URLSearchParams(location.search).get('status') === '已完成'`, 5*time.Second)
	filtered := waitResults(t, p)
	want := 0
	for _, d := range oracle.Search("建设") {
		if int(d) < s.index.P && s.index.Docs[d].Status == "已完成" {
			want++
		}
	}
	if !strings.HasPrefix(filtered, fmt.Sprintf("找到 %d 个问题、0 份通报。", want)) {
		t.Errorf("建设 with status 已完成: status %q, want %d problems", filtered, want)
	}
	before := shown(p)
	// A status from an update says its date as the pages do.
	updated := 0
	for _, prov := range eval[[]string](p, `[...document.querySelectorAll('#search-results .result-meta .prov')].map(e => e.textContent)`) {
		if strings.HasPrefix(prov, "进展更新") {
			updated++
			if !regexp.MustCompile(`^进展更新（\d{4}年\d{1,2}月\d{1,2}日）$`).MatchString(prov) {
				t.Errorf("a result's status source reads %q, want 进展更新（2021年6月30日）", prov)
			}
		}
	}
	if updated == 0 {
		t.Error("no result of 建设 with status 已完成 has its status from an update: the date is not tested")
	}
	url := eval[string](p, `location.pathname + location.search`)
	// Reload from the URL: the same query, filter and results.
	p.goTo(strings.TrimPrefix(url, "/sub"))
	if got := waitResults(t, p); got != filtered {
		t.Errorf("after reloading %s: status %q, want %q", url, got, filtered)
	}
	if got := eval[string](p, `document.getElementById('q').value + '|' + document.getElementById('s-status').value`); got != "建设|已完成" {
		t.Errorf("after reloading %s the form holds %q", url, got)
	}
	if after := shown(p); !slices.Equal(before, after) {
		t.Errorf("after reloading %s the results differ", url)
	}
	// Every result links a page of the site under /sub/.
	for _, href := range before {
		if !strings.HasPrefix(href, "/sub/notices/") {
			t.Errorf("result link %s is not under /sub/notices/", href)
		}
	}

	// The notice filter gets its options when it is used; a notice chosen,
	// the category filter offers that notice's categories, and the results
	// are that notice's.
	n := s.index.Notices[len(s.index.Notices)-1]
	p.do("opening the notice filter", chromedp.Focus(chromedp.CSS(`#s-notice`)))
	if !p.waitFor(`document.querySelector('#s-notice option[value="`+n.ID+`"]') !== null`, 5*time.Second) {
		t.Fatalf("the notice filter does not offer %s", n.ID)
	}
	p.do("choosing a notice", chromedp.SetValue(chromedp.CSS(`#s-notice`), n.ID),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('s-notice').dispatchEvent(new Event('change', {bubbles: true}))`))
	p.waitFor(`new URLSearchParams(location.search).get('notice') === `+jsString(n.ID), 5*time.Second)
	waitResults(t, p)
	var cats []string
	for _, c := range n.Categories {
		cats = append(cats, c.Title)
	}
	if got := eval[[]string](p, `[...document.getElementById('s-category').options].slice(1).map(o => o.value)`); !slices.Equal(got, cats) {
		t.Errorf("with notice %s the category filter offers %q, want %q", n.ID, got, cats)
	}
	for _, href := range shown(p) {
		if !strings.HasPrefix(href, "/sub/notices/"+n.ID+"/") {
			t.Errorf("with notice %s chosen, a result links %s", n.ID, href)
		}
	}
}

// TestSearchFiltersWithoutWords: filters without words find nothing, and
// the page says what to type and where to go instead of staying blank.
func TestSearchFiltersWithoutWords(t *testing.T) {
	s := siteFor(t, "gen20")
	p := searchPage(t, s)
	p.goTo("/search/?status=" + url.QueryEscape("正在整改"))
	if !p.waitFor(`document.getElementById('search-status').textContent !== ''`, 10*time.Second) {
		t.Fatal("/search/ with a filter and no words says nothing")
	}
	if got := eval[string](p, `document.getElementById('search-status').textContent`); !strings.Contains(got, "请输入要查找的词语") {
		t.Errorf("/search/ with a filter and no words says %q", got)
	}
	p.goTo("/search/")
	p.waitFor(`!document.getElementById('search-form').hidden && !document.getElementById('search').hasAttribute('aria-busy')`, 10*time.Second)
	if got := eval[string](p, `document.getElementById('search-status').textContent`); got != "" {
		t.Errorf("/search/ with neither words nor filters says %q", got)
	}
}

// TestSearchIME: no search runs while an IME composes; it runs on
// compositionend.
func TestSearchIME(t *testing.T) {
	s := siteFor(t, "gen20")
	p := searchPage(t, s)
	p.goTo("/search/")
	p.waitFor(`!document.getElementById('search-form').hidden`, 10*time.Second)
	p.do("focusing", chromedp.Focus(chromedp.CSS(`#q`)))
	// The pinyin of 公务 as Chromium's IME path gives it: composition text
	// inserted with compositionstart/update events, then committed.
	p.do("composing", chromedp.Evaluate[chromedp.Void](`(() => {
		const q = document.getElementById('q');
		q.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
		for (const v of ['g', 'go', 'gon', 'gong', 'gong w', 'gong wu']) {
			q.value = v;
			q.dispatchEvent(new CompositionEvent('compositionupdate', {data: v}));
			q.dispatchEvent(new InputEvent('input', {data: v, isComposing: true, inputType: 'insertCompositionText'}));
		}
	})()`))
	time.Sleep(600 * time.Millisecond)
	if got := eval[string](p, `document.getElementById('search-status').textContent + '|' + location.search`); got != "|" {
		t.Errorf("a search ran during composition: status and query %q", got)
	}
	p.do("committing", chromedp.Evaluate[chromedp.Void](`(() => {
		const q = document.getElementById('q');
		q.value = '公务';
		q.dispatchEvent(new InputEvent('input', {data: '公务', isComposing: true, inputType: 'insertCompositionText'}));
		q.dispatchEvent(new CompositionEvent('compositionend', {data: '公务'}));
	})()`))
	got := waitResults(t, p)
	want := wantCount(s.index, search.NewOracle(s.index).Search("公务"))
	if !strings.HasPrefix(got, want) {
		t.Errorf("after compositionend: status %q, want %q", got, want)
	}
}

// TestSearchKeyboard: from the header box of another page to a result's
// page with the keyboard alone; axe finds nothing on the search page with
// results.
func TestSearchKeyboard(t *testing.T) {
	s := siteFor(t, "seed")
	p := searchPage(t, s)
	p.goTo("/notices/")
	p.do("typing in the header box", chromedp.Focus(chromedp.CSS(`#site-q`)), chromedp.SendKeys(chromedp.CSS(`#site-q`), "公务接待"+kb.Enter))
	if !waitAcross(p, `location.pathname === '/sub/search/' && document.getElementById('search-status').textContent !== ''`) {
		t.Fatalf("the header box did not lead to the search page with results: %s", eval[string](p, `location.href`))
	}
	if got := eval[string](p, `document.getElementById('q').value`); got != "公务接待" {
		t.Errorf("the search page's box holds %q", got)
	}
	if v := runAxe(t, p); len(v) > 0 {
		for _, x := range v {
			t.Errorf("axe on /search/?q=公务接待: %s: %s (%d nodes)", x.ID, x.Help, len(x.Nodes))
		}
	}
	// Tab from the box to the first result and follow it with Enter.
	target := eval[string](p, `document.querySelector('#search-results ol.results a').href`)
	p.do("focusing the box", chromedp.Focus(chromedp.CSS(`#q`)))
	for i := 0; i < 40; i++ {
		p.do("tab", chromedp.KeyEvent(kb.Tab))
		if eval[string](p, `document.activeElement.href || ''`) == target {
			p.do("enter", chromedp.KeyEvent(kb.Enter))
			if !waitAcross(p, `location.href === `+jsString(target)) {
				t.Errorf("Enter on the first result did not open %s", target)
			}
			return
		}
	}
	t.Errorf("Tab never reached the first result %s", target)
}

// TestSearchWithoutJS: the page says that search needs JavaScript and links
// to the filter pages; the header box still leads there.
func TestSearchWithoutJS(t *testing.T) {
	s := siteFor(t, "seed")
	p := searchPage(t, s, withoutJS)
	p.goTo("/search/?q=公务接待")
	text := eval[string](p, `document.getElementById('search-nojs').innerText`)
	if !strings.Contains(text, "JavaScript") {
		t.Errorf("without JavaScript the search page says %q", text)
	}
	links := eval[[]string](p, `[...document.querySelectorAll('#search-nojs a')].map(a => new URL(a.href).pathname)`)
	for _, want := range []string{"/sub/issues/", "/sub/status/", "/sub/overdue/"} {
		if !slices.Contains(links, want) {
			t.Errorf("without JavaScript the search page does not link %s (links %v)", want, links)
		}
	}
	if eval[bool](p, `!document.getElementById('search-form').hidden`) {
		t.Error("without JavaScript the search form shows, though it cannot work")
	}
}

// waitAcross polls predicate for up to 10 s across a navigation (whose
// errors it ignores).
func waitAcross(p *page, predicate string) bool {
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		ok, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](predicate))
		if err == nil && ok {
			return true
		}
	}
	return false
}

// siteIndex returns the search index that rectify build (finishSite)
// wrote into the site built into out from src, for the oracle: the same
// notices and the same figures of the site's records.
func siteIndex(src, out string) (*search.Index, error) {
	ns, err := search.Load(src)
	if err != nil {
		return nil, err
	}
	figs, err := search.SiteFigures(out)
	if err != nil {
		return nil, err
	}
	return search.Build(ns, figs), nil
}

// TestSearchFiltersFold: on a phone the search page's nine filters fold
// into 筛选, so that the results start on the first screen (with the
// larger text they began 2.4 screens down); a shared link that sets a
// filter opens them and the summary counts it; a wide screen shows them.
func TestSearchFiltersFold(t *testing.T) {
	needSite(t)
	p := newPage(t)
	p.viewport(375)
	p.largerTextForTheTab()
	idle := `!document.getElementById('search-form').hidden && !document.getElementById('search').hasAttribute('aria-busy') && document.getElementById('search-status').textContent !== ''`
	type fold struct {
		Open   bool    `json:"open"`
		Active string  `json:"active"`
		Status float64 `json:"status"`
		Screen float64 `json:"screen"`
	}
	read := func() fold {
		return eval[fold](p, `({open: document.getElementById('search-filters-box').open,
			active: document.getElementById('search-filters-active').textContent,
			status: document.getElementById('search-status').getBoundingClientRect().top,
			screen: innerHeight})`)
	}
	p.goTo("/search/?q=" + url.QueryEscape("整改"))
	p.waitFor(idle, 10*time.Second)
	if f := read(); f.Open || f.Active != "" || f.Status > f.Screen {
		t.Errorf("/search/?q=整改 at 375 px with larger text: filters open %v (%q), results' count at %.0f px of a %.0f px screen; want folded, on the first screen", f.Open, f.Active, f.Status, f.Screen)
	}
	p.goTo("/search/?q=" + url.QueryEscape("整改") + "&level=" + url.QueryEscape("市级"))
	p.waitFor(idle, 10*time.Second)
	if f := read(); !f.Open || !strings.Contains(f.Active, "1") {
		t.Errorf("/search/ with a level in the link at 375 px: filters open %v, summary %q; want open, saying 1 is set", f.Open, f.Active)
	}
	p.viewport(1280)
	p.goTo("/search/?q=" + url.QueryEscape("整改"))
	p.waitFor(idle, 10*time.Second)
	if f := read(); !f.Open {
		t.Errorf("/search/ at 1280 px: the filters are folded; want them shown")
	}
	// Without the index (it failed, or comes late) the box is decided all
	// the same, from the screen and the address.
	for _, c := range []struct {
		width int64
		query string
		open  bool
	}{{1280, "q=" + url.QueryEscape("整改"), true}, {375, "q=" + url.QueryEscape("整改") + "&level=" + url.QueryEscape("市级"), true}, {375, "q=" + url.QueryEscape("整改"), false}} {
		q := newPage(t)
		q.viewport(c.width)
		q.do("failing the index", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{
				Source: `const f = window.fetch; window.fetch = (u, ...a) => /meta\.json/.test(String(u)) ? Promise.reject(new Error('no index')) : f(u, ...a);`})
			return err
		}))
		q.goTo("/search/?" + c.query)
		if !q.waitFor(`document.getElementById('search-status').textContent !== ''`, 10*time.Second) {
			t.Errorf("/search/?%s without the index: the page says nothing", c.query)
		}
		if st := eval[string](q, `document.getElementById('search-status').textContent`); !strings.Contains(st, "搜索索引不可用") {
			t.Errorf("/search/?%s: the index did not fail (the page says %q); the test does not test what it should", c.query, st)
		}
		if open := eval[bool](q, `document.getElementById('search-filters-box').open`); open != c.open {
			t.Errorf("/search/?%s at %d px without the index: filters open %v, want %v", c.query, c.width, open, c.open)
		}
	}
}

// TestSearchLandmarksAndHeadings: the search page has one search form,
// its own, a named landmark (the header's is on every other page, named
// too); the results' headings do not skip a level when only problems are
// found (their h3 once followed the h1).
func TestSearchLandmarksAndHeadings(t *testing.T) {
	needSite(t)
	p := newPage(t)
	p.goTo("/search/?q=" + url.QueryEscape("规划目标值相互矛盾"))
	p.waitFor(`document.getElementById('search-status').textContent !== '' && !document.getElementById('search').hasAttribute('aria-busy')`, 10*time.Second)
	landmarks := `[...document.querySelectorAll('[role=search]')].map(f => f.getAttribute('aria-label') || '')`
	if names := eval[[]string](p, landmarks); len(names) != 1 || names[0] == "" {
		t.Errorf("/search/: the search landmarks are named %q; want one, named", names)
	}
	type heads struct {
		H2, H3, Notices int
		Order           string
	}
	h := eval[heads](p, `(() => {
		const r = document.getElementById('search-results');
		return {H2: r.querySelectorAll('h2').length, H3: r.querySelectorAll('h3').length,
			Notices: r.querySelectorAll('ol.results').length,
			Order: [...r.querySelectorAll('h2, h3')].map(h => h.tagName).join(' ')};
	})()`)
	if h.H3 == 0 || h.Notices != 1 {
		t.Fatalf("/search/?q=规划目标值相互矛盾: %d results in %d lists; the test wants problems only", h.H3, h.Notices)
	}
	if !strings.HasPrefix(h.Order, "H2 H3") {
		t.Errorf("/search/ with problems only: headings %s; want an h2 before the results' h3", h.Order)
	}
	p.goTo("/issues/")
	if names := eval[[]string](p, landmarks); len(names) != 1 || names[0] == "" {
		t.Errorf("/issues/: the search landmarks are named %q; want the header's, named", names)
	}
}
