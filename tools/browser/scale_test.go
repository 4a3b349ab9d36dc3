package browser

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/wuhan-rectify/tracker/tools/gen"
	"github.com/wuhan-rectify/tracker/tools/notice"
	"github.com/wuhan-rectify/tracker/tools/search"
)

// The navigation of a site of many notices (issue 10), on a generated site
// of scaleN notices (package gen) built with a small page size
// (scalePageSize), so that every list has several pages, the index of the
// notices comes in several pieces and the filters of /issues/ show their
// results a page at a time: the filters of /issues/ and of the notices
// index with JavaScript, their pages without it, and axe.

const (
	scaleN        = 20
	scalePageSize = 8
	scaleAsOf     = "2026-11-30"
)

// scaleSite is the generated site, built and served once per test binary.
type scaleSite struct {
	base, host string
	data       *siteData
	notices    map[string]scaleNotice // by id
	overdue    map[string]bool        // problem keys
	index      *search.Index          // the search index of the site
	err        error
}

// scaleNotice is what the tests expect of a notice's facets, from its data
// and staff file (independent of the templates).
type scaleNotice struct {
	ID, Unit, Level, Year, Body, Round string
	Inferred                           bool // the level is not the staff's
	RoundRead                          bool // the round is read from the body's name
	Published                          string
}

var (
	scaleOnce sync.Once
	scale     scaleSite
)

// openScale builds the generated site (once) and opens a tab on it.
func openScale(t *testing.T, opts ...pageOption) (*scaleSite, *page) {
	t.Helper()
	needSite(t)
	scaleOnce.Do(func() { scale.err = buildScale() })
	if scale.err != nil {
		t.Fatal(scale.err)
	}
	p := newPage(t, opts...)
	p.base, p.host = scale.base, scale.host
	return &scale, p
}

func buildScale() error {
	tmp, err := os.MkdirTemp("", "rectify-scale-")
	if err != nil {
		return err
	}
	src, out := filepath.Join(tmp, "src"), filepath.Join(tmp, "public")
	if _, err := gen.Site(env.root, src, scaleN); err != nil {
		return err
	}
	d, err := loadSiteData(src)
	if err != nil {
		return err
	}
	scale.data = d
	scale.notices = map[string]scaleNotice{}
	scale.overdue = map[string]bool{}
	for _, n := range d.notices {
		scale.notices[n.ID] = expectFacets(n)
		for _, is := range n.Issues {
			if is.Deadline != "" && is.Deadline < scaleAsOf && is.Current() != "已完成" {
				scale.overdue[fmt.Sprintf("%s#%d", n.ID, is.Number)] = true
			}
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	scale.host = ln.Addr().String()
	scale.base = "http://" + scale.host
	if err := buildCopy(src, out, scale.base+"/", "HUGO_PARAMS_ASOF="+scaleAsOf, fmt.Sprintf("HUGO_PARAMS_PAGERSIZE=%d", scalePageSize)); err != nil {
		ln.Close()
		return err
	}
	// The search index, as rectify build writes it (the keyword box of
	// /issues/ leads to the search), kept for the oracle.
	if scale.index, err = siteIndex(src, out); err != nil {
		ln.Close()
		return err
	}
	go (&http.Server{Handler: SiteHandler(out, env.rules), ReadHeaderTimeout: 10 * time.Second}).Serve(ln)
	return nil
}

// expectFacets is the test's own reading of a notice's facets: the staff's
// level, else the one its inspecting body (or issuer) names, marked
// inferred; the round from the staff, else as the inspecting body writes it.
func expectFacets(n *notice.Notice) scaleNotice {
	f := scaleNotice{ID: n.ID, Unit: n.InspectedUnit, Body: n.InspectingBody, Level: n.Level, Round: n.Round, Published: n.Published}
	if len(n.Published) >= 4 {
		f.Year = n.Published[:4]
	}
	if f.Level == "" {
		for _, s := range []string{n.InspectingBody, n.Issuer} {
			switch {
			case strings.Contains(s, "省委"):
				f.Level = "省级"
			case strings.Contains(s, "市委"):
				f.Level = "市级"
			case strings.Contains(s, "区委"), strings.Contains(s, "县委"):
				f.Level = "县（区）级"
			}
			if f.Level != "" {
				f.Inferred = true
				break
			}
		}
	}
	if f.Round == "" {
		if i := strings.Index(n.InspectingBody, "轮"); i >= 0 {
			if j := strings.Index(n.InspectingBody, "第"); j >= 0 && j < i {
				f.Round = n.InspectingBody[:i+len("轮")]
				f.RoundRead = true
			}
		}
	}
	return f
}

// scaleFilter is a state of the filters of /issues/ by their URL names.
type scaleFilter map[string]string

// keys returns the sorted keys of the problems that pass f.
func (s *scaleSite) keys(f scaleFilter) []string {
	var out []string
	for _, p := range s.data.problems {
		n := s.notices[p.Notice]
		ok := (f["notice"] == "" || p.Notice == f["notice"]) &&
			(f["unit"] == "" || n.Unit == f["unit"]) &&
			(f["level"] == "" || n.Level == f["level"]) &&
			(f["year"] == "" || n.Year == f["year"]) &&
			(f["status"] == "" || p.Status == f["status"]) &&
			(f["area"] == "" || p.Area == f["area"]) &&
			(f["category"] == "" || p.Category == f["category"]) &&
			(f["accountability"] == "" || slices.Contains(p.Kinds, f["accountability"])) &&
			(f["overdue"] == "" || s.overdue[p.key()])
		if ok {
			out = append(out, p.key())
		}
	}
	sort.Strings(out)
	return out
}

// noticeIDs returns the ids of the notices whose facets pass f, in the
// order of the notices index (newest first, then by id).
func (s *scaleSite) noticeIDs(f scaleFilter) []string {
	var ns []scaleNotice
	for _, n := range s.notices {
		if (f["unit"] == "" || n.Unit == f["unit"]) && (f["level"] == "" || n.Level == f["level"]) &&
			(f["year"] == "" || n.Year == f["year"]) && (f["body"] == "" || n.Body == f["body"]) &&
			(f["round"] == "" || n.Round == f["round"]) {
			ns = append(ns, n)
		}
	}
	sort.Slice(ns, func(i, j int) bool {
		if ns[i].Published != ns[j].Published {
			return ns[i].Published > ns[j].Published
		}
		return ns[i].ID < ns[j].ID
	})
	var out []string
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}

// query encodes f as a URL query.
func (f scaleFilter) query() string {
	v := url.Values{}
	for k, x := range f {
		v.Set(k, x)
	}
	return v.Encode()
}

// showAll clicks the "show more" button of the list until it is gone and
// returns the problems shown.
func (p *page) showAll(button string) []string {
	p.t.Helper()
	for i := 0; i < 500; i++ {
		more := eval[bool](p, fmt.Sprintf(`(() => { const b = document.getElementById(%s); return !!b && !b.hidden; })()`, jsString(button)))
		if !more {
			break
		}
		before := eval[int](p, `document.querySelectorAll('main tbody tr').length`)
		p.do("showing more", chromedp.Click(chromedp.CSS("#"+button)))
		if !p.waitFor(fmt.Sprintf(`document.querySelectorAll('main tbody tr').length > %d`, before), 10*time.Second) {
			p.t.Fatalf("the button %s shows nothing more", button)
		}
		// The focus goes to the first new row, not below the rows (or to
		// the page, once the button hides).
		if !p.waitFor(fmt.Sprintf(`(() => { const e = document.activeElement; return !!e && !!e.closest('tr') && e.closest('tr') === document.querySelectorAll('main tbody tr')[%d]; })()`, before), 5*time.Second) {
			p.t.Errorf("after %s the focus is on %s, not in the first new row", button, eval[focused](p, focusJS).Name)
		}
	}
	return visibleProblems(p)
}

// waitFiltered waits until the result count of /issues/ says how many
// problems match (it does once the index has been read).
func (p *page) waitFiltered(where string, n int) {
	p.t.Helper()
	if !p.waitFor(fmt.Sprintf(`/符合条件的问题 %d 个/.test(document.getElementById('result-count').textContent)`, n), 20*time.Second) {
		p.t.Fatalf("%s: the count says %q, want %d matching problems", where, eval[string](p, `document.getElementById('result-count').textContent`), n)
	}
}

// TestScaleIssuesFilters: on the generated site, the filters of /issues/
// (by the notice's unit, level and year, and by the problem's status,
// area, category, accountability and 逾期) show exactly the problems of
// the data, across the pieces of the index, a page at a time; opened from
// a shared link and chosen as a reader does.
func TestScaleIssuesFilters(t *testing.T) {
	s, p := openScale(t)
	var unit, area, notice, category string
	for _, pr := range s.data.problems {
		if pr.Area != "" && area == "" {
			area = pr.Area
		}
		if pr.Category != "" && notice == "" && pr.Notice != s.data.problems[0].Notice {
			notice, category = pr.Notice, pr.Category
		}
	}
	unit = s.notices[notice].Unit
	cases := []scaleFilter{
		{"status": "正在整改"},
		{"status": "通报未说明", "accountability": "诫勉"},
		{"level": "县（区）级", "overdue": "1"},
		{"unit": unit},
		{"year": "2021", "area": area},
		{"notice": notice, "category": category},
		{"level": "市级", "accountability": "移交调查", "status": "通报未说明"},
	}
	for _, f := range cases {
		want := s.keys(f)
		if len(want) == 0 {
			t.Errorf("%v matches no problem: pick another case", f)
			continue
		}
		path := "/issues/?" + f.query()
		p.goTo(path)
		p.waitFiltered(path, len(want))
		compareProblems(t, path, want, p.showAll("issues-more"))
		if n := eval[int](p, `document.querySelectorAll('main tbody tr').length`); n != len(want) {
			t.Errorf("%s: %d rows for %d problems: a problem is shown twice", path, n, len(want))
		}
		if eval[bool](p, `document.getElementById('issues-pager').checkVisibility()`) {
			t.Errorf("%s: the page links of the unfiltered list stay visible", path)
		}
	}

	// As a reader: a level, then a status; the URL follows; clearing
	// brings back the page's own rows.
	p.goTo("/issues/")
	own := visibleProblems(p)
	if len(own) != scalePageSize {
		t.Errorf("/issues/ shows %d problems before filtering, want a page of %d", len(own), scalePageSize)
	}
	p.choose("level", "省级")
	f := scaleFilter{"level": "省级"}
	p.waitFiltered("/issues/ with level 省级", len(s.keys(f)))
	p.choose("status", "正在整改")
	f["status"] = "正在整改"
	p.waitFiltered("/issues/ with level 省级 and status 正在整改", len(s.keys(f)))
	compareProblems(t, "/issues/ with level 省级 and status 正在整改", s.keys(f), p.showAll("issues-more"))
	p.expectQuery("/issues/ with level 省级 and status 正在整改", url.Values{"level": {"省级"}, "status": {"正在整改"}})
	p.do("clearing the filters", chromedp.Click(chromedp.CSS(`#filters button[type="reset"]`)))
	p.expectRows("/issues/ after clearing the filters", own)

	// The category filter waits for a notice: its choices are the notice's.
	p.goTo("/issues/")
	if !p.waitFor(`document.getElementById('f-notice').options.length > 1`, 20*time.Second) {
		t.Fatal("/issues/: the notice filter has no choices: the index was not read when the filters opened")
	}
	// Each choice names its notice's date: two rounds of one unit may give
	// their notices one title, and the choices must tell them apart.
	type choice struct{ ID, Text string }
	choices := eval[[]choice](p, `[...document.getElementById('f-notice').options].filter(o => o.value).map(o => ({id: o.value, text: o.textContent}))`)
	texts := map[string]string{}
	for _, c := range choices {
		for _, n := range s.notices {
			if n.ID == c.ID {
				y, m, d := 0, 0, 0
				fmt.Sscanf(n.Published, "%d-%d-%d", &y, &m, &d)
				want := fmt.Sprintf("%d年", y)
				if m > 0 {
					want += fmt.Sprintf("%d月", m)
				}
				if d > 0 {
					want += fmt.Sprintf("%d日", d)
				}
				if want = "（" + want + "）"; !strings.HasSuffix(c.Text, want) {
					t.Errorf("/issues/: the notice filter's choice %q does not end with its date %s", c.Text, want)
				}
			}
		}
		if other, ok := texts[c.Text]; ok {
			t.Errorf("/issues/: notices %s and %s have one choice text %q in the notice filter", other, c.ID, c.Text)
		}
		texts[c.Text] = c.ID
	}
	if len(choices) != len(s.notices) {
		t.Errorf("/issues/: the notice filter has %d choices, want %d", len(choices), len(s.notices))
	}
	p.choose("notice", notice)
	if !p.waitFor(`document.getElementById('f-category').options.length > 1`, 20*time.Second) {
		t.Fatal("/issues/: choosing a notice gives the category filter no choices")
	}
	p.choose("category", category)
	f = scaleFilter{"notice": notice, "category": category}
	p.waitFiltered("/issues/ with a notice and its category", len(s.keys(f)))
	compareProblems(t, "/issues/ with a notice and its category", s.keys(f), p.showAll("issues-more"))
}

// TestScaleKeywordToSearch: the keyword box of /issues/ leads to the search
// page with the words and every filter set, level and year among them;
// the search finds the problems that pass them all and hold the words.
func TestScaleKeywordToSearch(t *testing.T) {
	s, p := openScale(t)
	var year string
	for _, n := range s.notices {
		if n.Level == "市级" && (year == "" || n.Year < year) {
			year = n.Year
		}
	}
	f := scaleFilter{"status": "正在整改", "level": "市级", "year": year}
	p.goTo("/issues/?status=" + url.QueryEscape(f["status"]) + "&level=" + url.QueryEscape(f["level"]) + "&year=" + year)
	p.do("typing a keyword", chromedp.SendKeys(chromedp.CSS(`#f-q`), "制度"), chromedp.Click(chromedp.CSS(`#f-search`)))
	p.do("waiting for the search page", chromedp.WaitReady(chromedp.CSS(`#search-form`)))
	if path := eval[string](p, `location.pathname`); path != "/search/" {
		t.Fatalf("the keyword box leads to %s, want /search/", path)
	}
	if got := p.query(); got.Get("q") != "制度" || got.Get("status") != f["status"] || got.Get("level") != f["level"] || got.Get("year") != year {
		t.Errorf("the search page got %v, want q=制度 and the status, level and year", got)
	}
	pass := map[string]bool{}
	for _, k := range s.keys(f) {
		pass[k] = true
	}
	want := 0
	for _, d := range search.NewOracle(s.index).Search("制度") {
		if int(d) < s.index.P {
			doc := s.index.Docs[d]
			if pass[fmt.Sprintf("%s#%d", s.index.Notices[doc.Notice].ID, doc.Number)] {
				want++
			}
		}
	}
	if want == 0 || want == len(s.keys(scaleFilter{"status": f["status"]})) {
		t.Fatalf("%d problems pass: the test cannot tell the filters apart", want)
	}
	if !p.waitFor(`document.getElementById('search-status').textContent !== '' && !document.getElementById('search').hasAttribute('aria-busy')`, 20*time.Second) {
		t.Fatal("no results on the search page")
	}
	if got := eval[string](p, `document.getElementById('search-status').textContent`); !strings.HasPrefix(got, fmt.Sprintf("找到 %d 个问题", want)) {
		t.Errorf("制度 with status %s, level %s and year %s: %q, want %d problems", f["status"], f["level"], year, got, want)
	}
	if got := eval[string](p, `document.getElementById('s-level').value + '|' + document.getElementById('s-year').value`); got != f["level"]+"|"+year {
		t.Errorf("the search form holds level and year %q", got)
	}
}

// TestScaleNoticesIndex: the notices index filters and sorts by unit,
// level, year, inspecting body and round with JavaScript; its rows say
// when a level is inferred, and when a round is read from the body's name.
func TestScaleNoticesIndex(t *testing.T) {
	s, p := openScale(t)
	rowsJS := `[...document.querySelectorAll('#notices tbody tr')].filter(r => r.checkVisibility()).map(r => r.dataset.notice)`
	var body, round string
	for _, n := range s.notices {
		if n.Round != "" && round == "" {
			round = n.Round
		}
		if body == "" || n.Body < body {
			body = n.Body
		}
	}
	for _, f := range []scaleFilter{{"level": "市级"}, {"year": "2020"}, {"body": body}, {"round": round}, {"level": "县（区）级", "year": "2021"}} {
		want := s.noticeIDs(f)
		path := "/notices/?" + f.query()
		p.goTo(path)
		if !p.waitFor(fmt.Sprintf(`/符合条件的通报 %d 份/.test(document.getElementById('notice-count').textContent)`, len(want)), 20*time.Second) {
			t.Errorf("%s: the count says %q, want %d notices", path, eval[string](p, `document.getElementById('notice-count').textContent`), len(want))
			continue
		}
		p.showAll("notices-more")
		if got := eval[[]string](p, rowsJS); !slices.Equal(got, want) {
			t.Errorf("%s lists\n%q\nwant\n%q", path, got, want)
		}
	}
	// Sorted by level: 省级 first, then 市级, then 县（区）级; each row says
	// when its level is inferred, and only then.
	p.goTo("/notices/?sort=level")
	p.waitFor(`/符合条件的通报/.test(document.getElementById('notice-count').textContent)`, 20*time.Second)
	p.showAll("notices-more")
	type row struct {
		ID    string `json:"id"`
		Level string `json:"level"`
		Round string `json:"round"`
	}
	rows := eval[[]row](p, `[...document.querySelectorAll('#notices tbody tr')].map(r => ({id: r.dataset.notice, level: r.cells[2].textContent, round: r.cells[5].textContent}))`)
	if len(rows) != len(s.notices) {
		t.Fatalf("/notices/?sort=level lists %d notices, want %d", len(rows), len(s.notices))
	}
	last := -1
	for _, r := range rows {
		n := s.notices[r.ID]
		at := slices.Index(notice.Levels, n.Level)
		if at < last {
			t.Errorf("/notices/?sort=level: %s (%s) comes after a lower level", r.ID, n.Level)
		}
		last = at
		inferred := strings.Contains(r.Level, "推断")
		if !strings.HasPrefix(r.Level, n.Level) || inferred != n.Inferred {
			t.Errorf("/notices/?sort=level: %s shows the level %q, want %q (inferred %v)", r.ID, r.Level, n.Level, n.Inferred)
		}
		// So does a round read from the inspecting body's name.
		if want := n.Round; !strings.HasPrefix(r.Round, want) || strings.Contains(r.Round, "取自巡察组名称") != n.RoundRead || (want == "" && r.Round != "未注明") {
			t.Errorf("/notices/?sort=level: %s shows the round %q, want %q (read from the body's name %v)", r.ID, r.Round, want, n.RoundRead)
		}
	}
}

// TestScaleWithoutJS: without JavaScript every list is paginated, and the
// pages of /issues/ together list every problem exactly once; the pages of
// the notices index every notice once; the facet pages of the notices
// (level, year, unit) list exactly their notices, each level saying when it
// is inferred.
func TestScaleWithoutJS(t *testing.T) {
	s, p := openScale(t, withoutJS)
	all := s.keys(scaleFilter{})
	got, pages := collectPages(p, "/issues/", visibleProblemsListJS)
	if pages < 2 {
		t.Errorf("/issues/ has %d page(s) with a page size of %d", pages, scalePageSize)
	}
	sorted := slices.Clone(got)
	sort.Strings(sorted)
	if !slices.Equal(sorted, all) {
		compareProblems(t, "the pages of /issues/ (JavaScript off)", all, sorted)
		t.Errorf("the pages of /issues/ list %d rows for %d problems", len(got), len(all))
	}
	ids, _ := collectPages(p, "/notices/", noticeRowsJS)
	if want := s.noticeIDs(scaleFilter{}); !slices.Equal(ids, want) {
		t.Errorf("the pages of /notices/ list\n%q\nwant\n%q", ids, want)
	}
	// Every level and year from the notices index, every unit from /units/.
	p.goTo("/notices/")
	links := eval[[]link](p, `[...document.querySelectorAll('.notice-facets a[href]')].map(a => ({text: a.textContent, href: decodeURIComponent(new URL(a.href).pathname)}))`)
	checked := 0
	for _, l := range links {
		var f scaleFilter
		switch {
		case strings.HasPrefix(l.Href, "/notices/level/"):
			f = scaleFilter{"level": l.Text}
		case strings.HasPrefix(l.Href, "/notices/year/"):
			f = scaleFilter{"year": l.Text}
		default:
			continue
		}
		ids, _ := collectPages(p, l.Href, noticeRowsJS)
		if want := s.noticeIDs(f); !slices.Equal(ids, want) {
			t.Errorf("%s lists\n%q\nwant\n%q", l.Href, ids, want)
		}
		checked++
	}
	if checked < 4 {
		t.Errorf("the notices index links %d level and year pages", checked)
	}
	units := map[string]bool{}
	for _, n := range s.notices {
		units[n.Unit] = true
	}
	unitLinks, _ := collectPages(p, "/units/", `[...document.querySelectorAll('main tbody tr td:first-child a')].map(a => a.textContent + '\t' + decodeURIComponent(new URL(a.href).pathname))`)
	if len(unitLinks) != len(units) {
		t.Errorf("/units/ lists %d units, want %d", len(unitLinks), len(units))
	}
	for i, ul := range unitLinks {
		name, href, _ := strings.Cut(ul, "\t")
		if i%3 != 0 { // a sample: the unit pages are alike
			continue
		}
		ids, _ := collectPages(p, href, noticeRowsJS)
		if want := s.noticeIDs(scaleFilter{"unit": name}); !slices.Equal(ids, want) {
			t.Errorf("the unit page %s lists\n%q\nwant\n%q", href, ids, want)
		}
	}
}

const (
	// visibleProblemsListJS lists the problem rows of a page in order.
	visibleProblemsListJS = `[...document.querySelectorAll('main tr[data-issue]')].map(r => r.dataset.issue.replace('/', '#'))`
	// noticeRowsJS lists the notice rows of a page in order.
	noticeRowsJS = `[...document.querySelectorAll('main tr[data-notice]')].filter(r => !r.dataset.issue).map(r => r.dataset.notice)`
)

// collectPages loads path and the pages that follow it (rel="next") and
// returns what listJS gives on each, in order, and the number of pages.
func collectPages(p *page, path, listJS string) ([]string, int) {
	p.t.Helper()
	var out []string
	seen := map[string]bool{}
	n := 0
	for path != "" && n < 1000 {
		if seen[path] {
			p.t.Errorf("the pagination of %s loops", path)
			break
		}
		seen[path] = true
		p.goTo(escapePath(path))
		out = append(out, eval[[]string](p, listJS)...)
		n++
		next := eval[string](p, `(() => { const a = document.querySelector('nav.pager a[rel~="next"]'); return a ? decodeURIComponent(new URL(a.href).pathname) : ''; })()`)
		path = next
	}
	return out, n
}

// TestScaleAccessible: axe finds no violation on the pages of many
// notices, filtered and not; none scrolls sideways on a phone.
func TestScaleAccessible(t *testing.T) {
	needAxe(t)
	_, p := openScale(t)
	paths := []string{"/", "/notices/", "/notices/?level=" + url.QueryEscape("市级"), "/notices/level/" + url.PathEscape("市级") + "/",
		"/units/", "/notices/issuer/", "/issues/", "/issues/page/2/", "/issues/?status=" + url.QueryEscape("正在整改"), "/regulations/", "/regulations/page/2/",
		"/accountability/", "/overdue/", "/updates/", "/category/", "/feedback/"}
	for _, path := range paths {
		p.goTo(path)
		if strings.Contains(path, "?") {
			p.waitFor(`/符合条件/.test(document.querySelector('[aria-live]').textContent)`, 20*time.Second)
		}
		reportAxe(t, path, runAxe(t, p))
	}
	phone := newPage(t)
	phone.base, phone.host = p.base, p.host
	phone.viewport(375)
	for _, path := range paths {
		phone.goTo(path)
		phone.expectNoSideScroll(path, 375)
	}
}

// TestScalePhoneCards: on a 375 px phone, the notices tables (the notices
// index, a unit's and a level's page) read as one card per notice: the
// notice's own cell as wide as the card, every other value after its
// column's name. So do the lists of units, levels, years, bodies, rounds
// and issuers, one card per term. A problem card of a notice without areas
// shows no empty 方面：.
func TestScalePhoneCards(t *testing.T) {
	s, phone := openScale(t)
	phone.viewport(375)
	var unit string
	for _, n := range s.notices {
		if unit == "" || n.Unit < unit {
			unit = n.Unit
		}
	}
	type card struct {
		Notice  string   `json:"notice"`
		Display string   `json:"display"`
		Width   float64  `json:"width"`
		Labels  []string `json:"labels"`
		Aligns  []string `json:"aligns"`
	}
	cardsJS := `[...document.querySelectorAll('table.notices tbody tr')].map(r => ({
		notice: r.dataset.notice, display: getComputedStyle(r).display,
		width: r.cells[0].getBoundingClientRect().width / document.documentElement.clientWidth,
		labels: [...r.cells].slice(1).map(c => getComputedStyle(c, '::before').content),
		aligns: [...new Set([...r.cells].map(c => getComputedStyle(c).textAlign))]}))`
	// checkCards checks the rows of the tables that js reads on each page
	// of paths: each a card, its first cell (naming what) as wide as the
	// card, every line to the left, the values after their labels.
	checkCards := func(js, what string, labels []string, paths ...string) {
		for _, path := range paths {
			phone.goTo(path)
			cards := eval[[]card](phone, js)
			if len(cards) == 0 {
				t.Errorf("%s: no %s rows", path, what)
			}
			for _, c := range cards {
				if c.Display != "block" || c.Width < 0.8 {
					t.Errorf("%s: the row of %s is displayed %q with its %s cell %.0f%% of the width; want a card (block) with the cell at least 80%%", path, c.Notice, c.Display, what, 100*c.Width)
					break
				}
				if len(c.Aligns) != 1 || (c.Aligns[0] != "left" && c.Aligns[0] != "start") {
					t.Errorf("%s: the card of %s aligns its lines %q; want them all to the left, after their names", path, c.Notice, c.Aligns)
					break
				}
				if !slices.Equal(c.Labels, labels) {
					t.Errorf("%s: the card of %s labels its values %q, want %q", path, c.Notice, c.Labels, labels)
					break
				}
			}
		}
	}
	checkCards(cardsJS, "notice", []string{`"被巡察单位："`, `"层级："`, `"年份："`, `"巡察组："`, `"轮次："`, `"问题数："`},
		"/notices/", "/units/"+url.PathEscape(unit)+"/", "/notices/level/"+url.PathEscape("市级")+"/")
	// Lists of terms: a unit's name was squeezed to two characters a line.
	termsJS := strings.ReplaceAll(strings.ReplaceAll(cardsJS, "table.notices", "table.terms"), "r.dataset.notice", "r.cells[0].textContent")
	checkCards(termsJS, "term", []string{`"通报数："`, `"最近的一份通报："`},
		"/units/", "/notices/level/", "/notices/year/", "/notices/body/", "/notices/round/", "/notices/issuer/")
	// Problem cards: the 方面 and 类别 cells of a problem without them take
	// no room and show no label; those with them show both.
	type cell struct {
		Empty   bool   `json:"empty"`
		Display string `json:"display"`
	}
	empty, cells := 0, 0
	for page := 1; page <= 40 && (empty == 0 || empty == cells); page++ {
		path := "/issues/"
		if page > 1 {
			path = fmt.Sprintf("/issues/page/%d/", page)
		}
		phone.goTo(path)
		for _, c := range eval[[]cell](phone, `[...document.querySelectorAll('table.issues tbody td[data-label="方面"], table.issues tbody td[data-label="类别"]')].map(c => ({empty: c.textContent === '', display: getComputedStyle(c).display}))`) {
			cells++
			if c.Empty {
				empty++
			}
			if (c.Display == "none") != c.Empty {
				t.Errorf("%s on a phone: a 方面 or 类别 cell (empty %v) is displayed %q", path, c.Empty, c.Display)
			}
		}
	}
	if empty == 0 || empty == cells {
		t.Errorf("/issues/ on a phone: %d of %d 方面 and 类别 cells are empty: the pages read should show problems with and without them", empty, cells)
	}
}

// TestScaleUnknownLinkValues: a shared link whose filter value no choice
// has (an old link, a typo) filters by the rest and says what it left
// out, instead of showing 0 rows while every filter reads 全部; the
// address drops the value. Also on the notices index.
func TestScaleUnknownLinkValues(t *testing.T) {
	s, p := openScale(t)
	p.goTo("/issues/?status=bogus&level=" + url.QueryEscape("省级"))
	f := scaleFilter{"level": "省级"}
	p.waitFiltered("/issues/?status=bogus&level=省级", len(s.keys(f)))
	if !p.waitFor(`/整改状态“bogus”/.test(document.getElementById('result-count').textContent)`, 10*time.Second) {
		t.Errorf("/issues/?status=bogus: the count does not say the status bogus was left out: %q", eval[string](p, `document.getElementById('result-count').textContent`))
	}
	p.expectQuery("/issues/?status=bogus&level=省级", url.Values{"level": {"省级"}})
	compareProblems(t, "/issues/?status=bogus&level=省级", s.keys(f), p.showAll("issues-more"))
	// Only an unknown notice: the page's own list, with the note.
	p.goTo("/issues/?notice=no-such-notice")
	if !p.waitFor(`/通报“no-such-notice”/.test(document.getElementById('result-count').textContent)`, 20*time.Second) {
		t.Errorf("/issues/?notice=no-such-notice: the count says %q", eval[string](p, `document.getElementById('result-count').textContent`))
	}
	if n := eval[int](p, `document.querySelectorAll('#issues tbody tr').length`); n != scalePageSize {
		t.Errorf("/issues/?notice=no-such-notice: %d rows, want the first page's %d", n, scalePageSize)
	}
	p.goTo("/notices/?unit=" + url.QueryEscape("不存在的单位"))
	if !p.waitFor(`/被巡察单位“不存在的单位”/.test(document.getElementById('notice-count').textContent)`, 20*time.Second) {
		t.Errorf("/notices/?unit=不存在的单位: the count says %q", eval[string](p, `document.getElementById('notice-count').textContent`))
	}
	if n := eval[int](p, `document.querySelectorAll('#notices tbody tr').length`); n != scalePageSize {
		t.Errorf("/notices/?unit=不存在的单位: %d rows, want the first page's %d", n, scalePageSize)
	}
	// A choice made afterwards clears the note.
	p.choose("level", "省级")
	if !p.waitFor(`!/不存在的单位/.test(document.getElementById('notice-count').textContent)`, 10*time.Second) {
		t.Errorf("/notices/: the note stays after a new choice: %q", eval[string](p, `document.getElementById('notice-count').textContent`))
	}
}
