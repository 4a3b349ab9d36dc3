package site

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/gen"
	"github.com/wuhan-rectify/tracker/tools/notice"
	"golang.org/x/net/html"
)

// The site of many notices (issue 10) on a generated site of genN notices
// (package gen: varied units, levels, years, shapes, staff files), built
// with a page size of genPageSize, so that every list has several pages:
// no page lists more than a page of items (the bound); the pages of every
// list together list every item exactly once; the facet pages of the
// notices (level, year, inspecting body, round) and the unit pages list
// exactly their notices, saying which levels are inferred; the home page's
// tables equal the data, declared and itemised figures apart, each figure
// linking to its list; the registers list every item once, in sections per
// notice with a notice column; and every internal link resolves.

const (
	genN        = 20
	genPageSize = 7
)

var (
	scaleOnce  sync.Once
	scaleSite  *build
	scaleError error
)

// generatedSite builds the generated site once per test binary: gen.Site
// (the notices written as in a repository: originals, data files,
// corrections lists, staff files), checked as rectify build checks them
// (each data file against a fresh import), built with HUGO_PARAMS_PAGERSIZE.
func generatedSite(t *testing.T) *build {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: builds the site with Hugo")
	}
	scaleOnce.Do(func() {
		root := moduleRoot(t)
		dir := filepath.Join(tmpRoot, fmt.Sprintf("scale%d", genN))
		src := filepath.Join(dir, "src")
		b := &build{name: fmt.Sprintf("scale%d", genN), dir: filepath.Join(dir, "public"), pagerSize: genPageSize}
		scaleSite = b
		ns, err := gen.Site(root, src, genN)
		if err != nil {
			scaleError = err
			return
		}
		var paths []string
		for _, g := range ns {
			paths = append(paths, filepath.Join(src, "data", "notices", g.ID+".toml"))
		}
		notices, diags := checkData(src, paths, paths)
		if scaleError = checkError(diags); scaleError != nil {
			return
		}
		b.notices = notices
		if b.raw, scaleError = readRaw(src, paths); scaleError != nil {
			return
		}
		scaleError = b.hugo(t, root, src)
	})
	if scaleError != nil {
		t.Fatalf("building the generated site: %v", scaleError)
	}
	return scaleSite
}

// facets is the test's own reading of a notice's facets: the staff's
// level, else the one its inspecting body (or issuer) names, inferred;
// the staff's round, else the round its inspecting body names.
type facets struct {
	unit, level, year, body, round, issuer string
	inferred                               bool // the level is inferred
	roundRead                              bool // the round is read from the body's name
}

func facetsOf(n *notice.Notice) facets {
	f := facets{unit: n.InspectedUnit, level: n.Level, body: n.InspectingBody, round: n.Round, issuer: n.Issuer}
	if len(n.Published) >= 4 {
		f.year = n.Published[:4]
	}
	for _, s := range []string{n.InspectingBody, n.Issuer} {
		if f.level != "" {
			break
		}
		for _, c := range []struct{ word, level string }{{"省委", "省级"}, {"市委", "市级"}, {"区委", "县（区）级"}, {"县委", "县（区）级"}} {
			if strings.Contains(s, c.word) {
				f.level, f.inferred = c.level, true
				break
			}
		}
	}
	if f.round == "" {
		f.round = regexp.MustCompile(`(?:[一二三四五六七八九十\d]+届)?(?:省委|市委|区委|县委)?第[一二三四五六七八九十\d]+轮`).FindString(n.InspectingBody)
		f.roundRead = f.round != ""
	}
	return f
}

// noticeOrder sorts notices as the site lists them: newest first, then by id.
func noticeOrder(ns []*notice.Notice) []*notice.Notice {
	out := slices.Clone(ns)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Published != out[j].Published {
			return out[i].Published > out[j].Published
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// noticeRows returns the notices that the list at path and its following
// pages show (rows tr[data-notice] that are not problem rows), in order.
func (b *build) noticeRows(t *testing.T, path string) ([]string, []*html.Node) {
	t.Helper()
	var ids []string
	var rows []*html.Node
	for _, d := range b.listPages(t, path) {
		for _, r := range all(first(d.root, tag("main")), func(n *html.Node) bool {
			return n.Data == "tr" && hasAttr(n, "data-notice") && !hasAttr(n, "data-issue")
		}) {
			ids = append(ids, attr(r, "data-notice"))
			rows = append(rows, r)
		}
	}
	return ids, rows
}

// TestGeneratedSiteBound: no page of the generated site lists more than a
// page of items (problems, notices, terms, register entries, updates,
// contacts), but a notice's own pages, which hold that notice's problems
// whatever the number of notices; every piece of the JSON index holds at
// most a page of notices.
func TestGeneratedSiteBound(t *testing.T) {
	b := generatedSite(t)
	own := regexp.MustCompile(`^notices/[a-z0-9-]+/`)
	reserved := regexp.MustCompile(`^notices/(` + strings.Join(notice.ReservedIDs, "|") + `)/`)
	largest, where := 0, ""
	for _, f := range b.htmlFiles(t) {
		if own.MatchString(f) && !reserved.MatchString(f) {
			continue
		}
		d := b.page(t, f)
		main := first(d.root, tag("main"))
		if main == nil {
			continue
		}
		counts := map[string]int{
			"problem rows": len(all(main, func(n *html.Node) bool { return n.Data == "tr" && hasAttr(n, "data-issue") })),
			"notice rows": len(all(main, func(n *html.Node) bool {
				return n.Data == "tr" && hasAttr(n, "data-notice") && !hasAttr(n, "data-issue")
			})),
			"notices named": len(all(main, func(n *html.Node) bool {
				return n.Data == "li" && n.Parent != nil && (hasClass("notice-list")(n.Parent) || n.Parent.Parent != nil && hasClass("contact-card")(n.Parent.Parent))
			})),
			"updates": len(all(main, func(n *html.Node) bool { return n.Data == "li" && n.Parent != nil && hasClass("timeline")(n.Parent) })),
		}
		// Register entries: the problems a register page covers.
		registerProblems := map[string]bool{}
		for _, sec := range all(main, hasClass("register")) {
			for _, h := range links(sec) {
				if regexp.MustCompile(`/issues/\d+/$`).MatchString(h) {
					registerProblems[h] = true
				}
			}
		}
		counts["register problems"] = len(registerProblems)
		// Term lists: the rows of a taxonomy's table.
		if regexp.MustCompile(`^(status|area|category|accountability|units|notices/(level|year|body|round|issuer))/(page/\d+/)?index\.html$`).MatchString(f) {
			if tb := first(main, tag("tbody")); tb != nil && !strings.HasPrefix(f, "accountability/") {
				counts["terms"] = len(all(tb, tag("tr")))
			}
		}
		for what, n := range counts {
			if n > genPageSize {
				t.Errorf("%s lists %d %s, more than a page (%d)", f, n, what, genPageSize)
			}
			if n > largest {
				largest, where = n, f+" ("+what+")"
			}
		}
	}
	t.Logf("largest list on a page: %d items, %s (page size %d)", largest, where, genPageSize)
	if largest != genPageSize {
		t.Errorf("no page lists a full page of %d items: the lists are not paginated as configured", genPageSize)
	}
	// The JSON index of the notices, in pieces.
	pieces, seen := 0, map[string]bool{}
	for k := 1; ; k++ {
		rel := "notices/index.json"
		if k > 1 {
			rel = fmt.Sprintf("notices/page/%d/index.json", k)
		}
		if !b.exists(rel) {
			break
		}
		var piece struct {
			Page, Pages, Total int
			Notices            []struct{ ID string }
		}
		if err := json.Unmarshal(b.read(t, rel), &piece); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		pieces++
		if len(piece.Notices) > genPageSize || piece.Page != k || piece.Total != len(b.notices) {
			t.Errorf("%s: page %d of %d, %d notices (total %d): want page %d, at most %d notices, total %d", rel, piece.Page, piece.Pages, len(piece.Notices), piece.Total, k, genPageSize, len(b.notices))
		}
		for _, n := range piece.Notices {
			if seen[n.ID] {
				t.Errorf("%s: notice %s is in two pieces", rel, n.ID)
			}
			seen[n.ID] = true
		}
	}
	if want := (len(b.notices) + genPageSize - 1) / genPageSize; pieces != want || len(seen) != len(b.notices) {
		t.Errorf("the index comes in %d pieces holding %d notices, want %d pieces holding %d", pieces, len(seen), want, len(b.notices))
	}
}

// TestGeneratedSiteLists: the pages of each list of the generated site
// together list every item exactly once: /issues/ every problem, the
// notices index and /feedback/ every notice, /overdue/ every overdue
// problem, /updates/ every update, /regulations/ and /accountability/
// every entry (with a notice column); and every internal link resolves.
func TestGeneratedSiteLists(t *testing.T) {
	b := generatedSite(t)
	var every []string
	overdue, updates, regs, acc := []string{}, 0, 0, 0
	regProblems := 0
	for _, n := range b.notices {
		for _, is := range n.Issues {
			if len(is.Regulations) > 0 {
				regProblems++
			}
			p := issuePath(n.ID, is.Number)
			every = append(every, p)
			if is.Deadline != "" && is.Deadline < testAsOf && currentStatus(is) != "已完成" {
				overdue = append(overdue, p)
			}
			updates += len(is.Updates)
			regs += len(is.Regulations)
			acc += len(is.Accountability)
		}
	}
	sort.Strings(every)
	sort.Strings(overdue)
	if got := b.listProblems(t, basePath+"issues/"); !slices.Equal(got, every) {
		t.Errorf("the pages of /issues/ list %d problems, want the %d of the data", len(got), len(every))
	}
	if got := b.listProblems(t, basePath+"overdue/"); !slices.Equal(got, overdue) {
		t.Errorf("the pages of /overdue/ list %d problems, want the %d overdue", len(got), len(overdue))
	}
	var want []string
	for _, n := range noticeOrder(b.notices) {
		want = append(want, n.ID)
	}
	if got, _ := b.noticeRows(t, basePath+"notices/"); !slices.Equal(got, want) {
		t.Errorf("the pages of /notices/ list\n%q\nwant\n%q", got, want)
	}
	byID := map[string]*notice.Notice{}
	for _, n := range b.notices {
		byID[n.ID] = n
	}
	var fb []string
	for _, d := range b.listPages(t, basePath+"feedback/") {
		for _, card := range allOf(d, hasClass("contact-card")) {
			for _, li := range all(card, tag("li")) {
				for _, h := range links(li) {
					if m := regexp.MustCompile(`^` + basePath + `notices/([^/]+)/$`).FindStringSubmatch(h); m != nil {
						fb = append(fb, m[1])
						// Each names its notice with its date: one unit's
						// notices of two rounds may have one title.
						if n := byID[m[1]]; n != nil && squash(textOf(li)) != squash(n.Title+" "+dateText(n.Published)) {
							t.Errorf("/feedback/: the notice %s reads %q, want its title and date", m[1], squash(textOf(li)))
						}
					}
				}
			}
		}
	}
	// Each status update names its problem's notice: problems of two
	// notices may have one title.
	updatesSeen := 0
	for _, d := range b.listPages(t, basePath+"updates/") {
		for _, li := range allOf(d, func(n *html.Node) bool { return n.Data == "li" && n.Parent != nil && hasClass("timeline")(n.Parent) }) {
			updatesSeen++
			var id string
			for _, h := range links(li) {
				if m := regexp.MustCompile(`^` + basePath + `notices/([^/]+)/issues/\d+/$`).FindStringSubmatch(h); m != nil {
					id = m[1]
				}
			}
			if n := byID[id]; n == nil || !strings.Contains(squash(textOf(li)), squash("通报："+n.Title)) {
				t.Errorf("/updates/: an update of %q does not name its notice: %q", id, squash(textOf(li)))
			}
		}
	}
	if updatesSeen != updates {
		t.Errorf("/updates/ lists %d updates, the data has %d", updatesSeen, updates)
	}
	sort.Strings(fb)
	sortedWant := slices.Clone(want)
	sort.Strings(sortedWant)
	if !slices.Equal(fb, sortedWant) {
		t.Errorf("the pages of /feedback/ name the notices\n%q\nwant each once\n%q", fb, sortedWant)
	}
	count := func(path, cls string) (int, int) {
		entries, withNotice := 0, 0
		for _, d := range b.listPages(t, path) {
			for _, sec := range allOf(d, hasClass(cls)) {
				for _, tr := range all(first(sec, tag("tbody")), tag("tr")) {
					entries++
					if c := first(tr, func(n *html.Node) bool { return n.Data == "td" && attr(n, "data-label") == "通报" }); c != nil && len(links(c)) == 1 {
						withNotice++
					}
				}
			}
		}
		return entries, withNotice
	}
	if got, with := count(basePath+"regulations/", "register"); got != regs || with != regs {
		t.Errorf("the pages of /regulations/ have %d entries (%d with a notice), want %d", got, with, regs)
	}
	// Its pages are counted in problems, which hold several entries each,
	// and say so; the notices index counts notices.
	for path, want := range map[string]string{
		basePath + "regulations/": fmt.Sprintf("个问题，共 %d 个问题", regProblems),
		basePath + "notices/":     fmt.Sprintf("份通报，共 %d 份通报", len(b.notices)),
	} {
		if where := first(b.pageAt(t, path).root, hasClass("pager-where")); where == nil || !strings.Contains(textOf(where), want) {
			t.Errorf("%s: the pager does not say %q", path, want)
		}
	}
	if got, with := count(basePath+"accountability/", "register"); got != acc || with != acc {
		t.Errorf("the pages of /accountability/ have %d entries (%d with a notice), want %d", got, with, acc)
	}
	n := 0
	for _, d := range b.listPages(t, basePath+"updates/") {
		n += len(allOf(d, func(x *html.Node) bool { return x.Data == "li" && x.Parent != nil && hasClass("timeline")(x.Parent) }))
	}
	if n != updates {
		t.Errorf("the pages of /updates/ list %d updates, want %d", n, updates)
	}
	checkTermPages(t, b)
	checkIssuesTable(t, b)
	checkLinks(t, b)
}

// allOf returns the elements of d's main element that match.
func allOf(d *doc, match func(*html.Node) bool) []*html.Node {
	main := first(d.root, tag("main"))
	if main == nil {
		return nil
	}
	return all(main, match)
}

// TestGeneratedSiteFacets: the notices index links a page per level and
// per year, and the lists of units, inspecting bodies and rounds; each
// such page lists exactly the notices of its value, newest first, and
// every row says when its level is inferred, and only then.
func TestGeneratedSiteFacets(t *testing.T) {
	b := generatedSite(t)
	byID := map[string]facets{}
	for _, n := range b.notices {
		byID[n.ID] = facetsOf(n)
	}
	// The open data carries them too, with where the level comes from.
	var open []struct {
		ID, Level, Round, Year string
		LevelFrom              string `json:"level_source"`
	}
	if err := json.Unmarshal(b.read(t, "data/notices.json"), &open); err != nil || len(open) != len(b.notices) {
		t.Fatalf("data/notices.json: %v (%d notices)", err, len(open))
	}
	for _, o := range open {
		f := byID[o.ID]
		if o.Level != f.level || o.Round != f.round || o.Year != f.year || (o.LevelFrom == "staff") == f.inferred || (f.level == "") != (o.LevelFrom == "") {
			t.Errorf("data/notices.json: %s has level %q (%s), round %q, year %q; want %q (inferred %v), %q, %q", o.ID, o.Level, o.LevelFrom, o.Round, o.Year, f.level, f.inferred, f.round, f.year)
		}
	}
	expect := func(get func(facets) string, v string) []string {
		var out []string
		for _, n := range noticeOrder(b.notices) {
			if get(byID[n.ID]) == v {
				out = append(out, n.ID)
			}
		}
		return out
	}
	dims := []struct {
		list string
		get  func(facets) string
	}{
		{"units/", func(f facets) string { return f.unit }},
		{"notices/level/", func(f facets) string { return f.level }},
		{"notices/year/", func(f facets) string { return f.year }},
		{"notices/body/", func(f facets) string { return f.body }},
		{"notices/round/", func(f facets) string { return f.round }},
		{"notices/issuer/", func(f facets) string { return f.issuer }},
	}
	inferredSeen, staffSeen, pages, unitsShared, termsShared, roundsRead := 0, 0, 0, 0, 0, 0
	for _, dim := range dims {
		values := map[string]bool{}
		for _, f := range byID {
			if v := dim.get(f); v != "" {
				values[v] = true
			}
		}
		linked, cells := map[string]string{}, map[string]string{}
		for _, d := range b.listPages(t, basePath+dim.list) {
			for _, td := range allOf(d, func(n *html.Node) bool { return n.Data == "td" && n.PrevSibling == nil }) {
				if a := first(td, tag("a")); a != nil {
					linked[textOf(a)] = attr(a, "href")
					cells[textOf(a)] = textOf(td)
				}
			}
		}
		if len(linked) != len(values) {
			t.Errorf("/%s links %d values, the data has %d", dim.list, len(linked), len(values))
		}
		for v := range values {
			path, ok := linked[v]
			if !ok {
				t.Errorf("/%s does not link %q", dim.list, v)
				continue
			}
			if u, _ := url.PathUnescape(path); !strings.HasPrefix(u, basePath+dim.list) {
				t.Errorf("the page of %q is %s, not under /%s", v, u, dim.list)
			}
			ids, rows := b.noticeRows(t, path)
			pages++
			if want := expect(dim.get, v); !slices.Equal(ids, want) {
				t.Errorf("%s (%s) lists\n%q\nwant\n%q", path, v, ids, want)
			}
			issuers, read := map[string]bool{}, 0
			for _, n := range b.notices {
				if dim.get(byID[n.ID]) == v {
					issuers[n.Issuer] = true
					if byID[n.ID].roundRead {
						read++
					}
				}
			}
			page := textOf(b.pageAt(t, path).root)
			// The list's row of a term that may be several units (bodies,
			// rounds) written alike says so, as the term's page does.
			warned := strings.Contains(page, "不一定是同一个单位") || strings.Contains(page, "没有写明是哪个地方的")
			if says := strings.Contains(cells[v], fmt.Sprintf("%d 个发布单位，可能是不同地方同名的", len(issuers))); says != warned {
				t.Errorf("/%s: the row of %q says it may be several written alike: %v; its page: %v", dim.list, v, says, warned)
			}
			if dim.list == "units/" {
				// A unit page whose notices have several issuers says so.
				if many, says := len(issuers) > 1, strings.Contains(page, "不一定是同一个单位"); many != says {
					t.Errorf("%s: %d issuers, and the page warns that they may be different units: %v", path, len(issuers), says)
				}
				if len(issuers) > 1 {
					unitsShared++
				}
			}
			if dim.list == "notices/body/" || dim.list == "notices/round/" {
				// A body or round named without its place (区委第一巡察组,
				// 七届市委第三轮), of several issuers, says that those of
				// other places are here too; one named with it does not.
				placeless := !regexp.MustCompile(`[^\d一二三四五六七八九十届年第][省市区县]委`).MatchString(v)
				if want, says := placeless && len(issuers) > 1, strings.Contains(page, "没有写明是哪个地方的"); want != says {
					t.Errorf("%s: %d issuers, name without a place %v, and the page warns: %v", path, len(issuers), placeless, says)
				}
				if want, says := dim.list == "notices/round/" && read > 0, strings.Contains(page, fmt.Sprintf("其中 %d 份通报的轮次", read)); want != says {
					t.Errorf("%s: %d rounds read from the body's name, and the page says so: %v", path, read, says)
				}
				if placeless && len(issuers) > 1 {
					termsShared++
				}
			}
			for i, r := range rows {
				f := byID[ids[i]]
				cell := first(r, func(n *html.Node) bool { return n.Data == "td" && attr(n, "data-label") == "层级" })
				got := squash(textOf(cell))
				if !strings.HasPrefix(got, f.level) || strings.Contains(got, "推断") != f.inferred {
					t.Errorf("%s: %s shows the level %q, want %q (inferred %v)", path, ids[i], got, f.level, f.inferred)
				}
				if f.inferred {
					inferredSeen++
				} else {
					staffSeen++
				}
				// A round read from the body's name says so; the staff's
				// does not.
				cell = first(r, func(n *html.Node) bool { return n.Data == "td" && attr(n, "data-label") == "轮次" })
				got = squash(textOf(cell))
				if !strings.HasPrefix(got, f.round) || strings.Contains(got, "取自巡察组名称") != f.roundRead {
					t.Errorf("%s: %s shows the round %q, want %q (read from the body's name %v)", path, ids[i], got, f.round, f.roundRead)
				}
				if f.roundRead {
					roundsRead++
				}
			}
		}
	}
	t.Logf("%d facet pages checked: %d rows with an inferred level, %d with the staff's, %d with a round read from the body's name; %d unit pages of several issuers, %d body and round pages named without a place", pages, inferredSeen, staffSeen, roundsRead, unitsShared, termsShared)
	if roundsRead == 0 || termsShared == 0 {
		t.Errorf("the generated site has no round read from a body's name (%d) or no body or round page of several places (%d): the checks above saw nothing", roundsRead, termsShared)
	}
	if inferredSeen == 0 || staffSeen == 0 {
		t.Errorf("the rows show %d inferred and %d staff levels: the generated site must have both", inferredSeen, staffSeen)
	}
	// The notices index links every level and year page from its first page.
	index := b.pageAt(t, basePath+"notices/")
	nav := first(index.root, hasClass("notice-facets"))
	for _, n := range b.notices {
		f := byID[n.ID]
		for _, p := range []string{"notices/level/" + f.level + "/", "notices/year/" + f.year + "/"} {
			found := false
			for _, h := range links(nav) {
				u, _ := url.PathUnescape(h)
				if u == basePath+strings.ReplaceAll(strings.ReplaceAll(p, "（", ""), "）", "") {
					found = true
				}
			}
			if !found {
				t.Errorf("the notices index does not link %s", p)
			}
		}
	}
}

// TestGeneratedSiteHome: the home page's summary tables equal the data: the
// notices by level (staff's and inferred apart) and by year, the problems
// by status and provenance, the overdue ones by status, accountability by
// kind (what the notices state beside the site's count, never mixed) and
// regulations by action; each figure of the site's own count links to its
// list; every chart follows its table, drawn inline, with a name.
func TestGeneratedSiteHome(t *testing.T) {
	b := generatedSite(t)
	home := b.pageAt(t, basePath)
	table := func(id string) [][]string {
		h := first(home.root, byID(id))
		if h == nil {
			t.Fatalf("the home page has no #%s", id)
		}
		var tbl *html.Node
		for n := h.NextSibling; n != nil && tbl == nil; n = n.NextSibling {
			tbl = first(n, tag("table"))
		}
		var rows [][]string
		for _, tr := range all(tbl, tag("tr")) {
			if first(tr, tag("td")) == nil {
				continue
			}
			var cells []string
			for _, c := range all(tr, func(n *html.Node) bool { return n.Data == "td" || n.Data == "th" }) {
				cells = append(cells, squash(textOf(c)))
			}
			rows = append(rows, cells)
		}
		return rows
	}
	num := func(s string) int {
		n, _ := strconv.Atoi(regexp.MustCompile(`^\d+`).FindString(s))
		return n
	}
	// By level.
	type lv struct{ staff, inferred int }
	levels := map[string]*lv{}
	years := map[string][2]int{}
	for _, n := range b.notices {
		f := facetsOf(n)
		if levels[f.level] == nil {
			levels[f.level] = &lv{}
		}
		if f.inferred {
			levels[f.level].inferred++
		} else {
			levels[f.level].staff++
		}
		y := years[f.year]
		years[f.year] = [2]int{y[0] + 1, y[1] + len(n.Issues)}
	}
	rows := table("by-level")
	if len(rows) != len(levels) {
		t.Errorf("home: %d level rows, want %d", len(rows), len(levels))
	}
	for _, r := range rows {
		w := levels[r[0]]
		if w == nil || num(r[1]) != w.staff || num(r[2]) != w.inferred || num(r[3]) != w.staff+w.inferred {
			t.Errorf("home: level row %q, want %+v", r, w)
		}
	}
	rows = table("by-year")
	for _, r := range rows {
		if w := years[r[0]]; num(r[1]) != w[0] || num(r[2]) != w[1] {
			t.Errorf("home: year row %q, want %d notices, %d problems", r, w[0], w[1])
		}
	}
	if len(rows) != len(years) {
		t.Errorf("home: %d year rows, want %d", len(rows), len(years))
	}
	checkStatusCounts(t, b, basePath, b.notices)
	// Overdue by status.
	overdue := map[string]int{}
	total := 0
	for _, n := range b.notices {
		for _, is := range n.Issues {
			if is.Deadline != "" && is.Deadline < testAsOf && currentStatus(is) != "已完成" {
				overdue[currentStatus(is)]++
				total++
			}
		}
	}
	rows = table("by-overdue")
	for _, r := range rows {
		if r[0] == "合计" {
			if num(r[1]) != total {
				t.Errorf("home: overdue total %q, want %d", r[1], total)
			}
			continue
		}
		if num(r[1]) != overdue[r[0]] {
			t.Errorf("home: overdue %s = %q, want %d", r[0], r[1], overdue[r[0]])
		}
	}
	// Accountability by kind: declared (the notices that list the kind)
	// and itemised in their own columns.
	type kc struct{ declared, by, itemised int }
	kinds := map[string]*kc{}
	for _, n := range b.notices {
		for _, k := range n.Declared.AccountabilityByKind {
			if kinds[k.Kind] == nil {
				kinds[k.Kind] = &kc{}
			}
			kinds[k.Kind].declared += k.Count
			kinds[k.Kind].by++
		}
		for _, is := range n.Issues {
			for _, a := range is.Accountability {
				if kinds[a.Kind] == nil {
					kinds[a.Kind] = &kc{}
				}
				kinds[a.Kind].itemised += a.Count
			}
		}
	}
	rows = table("by-accountability")
	if len(rows) != len(kinds) {
		t.Errorf("home: %d accountability rows, want %d", len(rows), len(kinds))
	}
	differ := false
	for _, r := range rows {
		w := kinds[r[0]]
		if w == nil {
			t.Errorf("home: accountability row %q is not a kind of the data", r)
			continue
		}
		declared := "未列出"
		if w.by > 0 {
			declared = strconv.Itoa(w.declared)
			if w.by < len(b.notices) {
				declared += fmt.Sprintf("（%d份通报写明）", w.by)
			}
		}
		if r[1] != declared || num(r[2]) != w.itemised {
			t.Errorf("home: accountability %s: declared %q, itemised %q; want %q and %d", r[0], r[1], r[2], declared, w.itemised)
		}
		differ = differ || (w.by > 0 && w.declared != w.itemised)
	}
	if !differ {
		t.Error("the generated notices' declared and itemised accountability agree everywhere: the test cannot tell them apart")
	}
	// Regulations by action: the distinct titles of each notice (the same
	// title in two notices is two units' regulations).
	actions := map[string]map[string]bool{}
	for _, n := range b.notices {
		for _, is := range n.Issues {
			for _, r := range is.Regulations {
				if actions[r.Action] == nil {
					actions[r.Action] = map[string]bool{}
				}
				actions[r.Action][n.ID+"\x00"+r.Title] = true
			}
		}
	}
	rows = table("by-regulations")
	for _, r := range rows {
		if r[0] == "合计" {
			continue
		}
		if num(r[1]) != len(actions[r[0]]) {
			t.Errorf("home: regulations %s = %q, want %d", r[0], r[1], len(actions[r[0]]))
		}
	}
	if len(rows) != len(actions)+1 {
		t.Errorf("home: %d regulation rows, want %d actions and the total", len(rows), len(actions))
	}
	// The total counts them the same way: the generated notices share the
	// seed's titles, so that a count of distinct titles site-wide is far
	// less.
	titles, distinct := map[string]bool{}, map[string]bool{}
	for _, n := range b.notices {
		for _, is := range n.Issues {
			for _, r := range is.Regulations {
				titles[n.ID+"\x00"+r.Title] = true
				distinct[r.Title] = true
			}
		}
	}
	if want := fmt.Sprintf("逐项统计：%d项", len(titles)); len(titles) == len(distinct) || !strings.Contains(squash(textOf(first(home.root, byID("by-regulations")).NextSibling.NextSibling)), want) {
		t.Errorf("home: the regulations total does not say %q (%d titles in all)", want, len(distinct))
	}
	// The figures link to their lists; each table is followed by its chart.
	summaries := first(home.root, hasClass("summaries"))
	for _, c := range []struct{ id, link string }{
		{"by-overdue", basePath + "overdue/"}, {"by-accountability", basePath + "accountability/"}, {"by-regulations", basePath + "regulations/"},
		{"by-level", basePath + "notices/level/"}, {"by-year", basePath + "notices/year/"},
	} {
		h := first(summaries, byID(c.id))
		var wrap, fig *html.Node
		for n := h.NextSibling; n != nil; n = n.NextSibling {
			if n.Type != html.ElementNode {
				continue
			}
			if wrap == nil && first(n, tag("table")) != nil {
				wrap = n
			} else if wrap != nil && n.Data == "figure" {
				fig = n
				break
			} else if n.Data == "h3" {
				break
			}
		}
		found := false
		for _, h := range links(wrap) {
			if strings.HasPrefix(h, c.link) {
				found = true
			}
		}
		if !found {
			t.Errorf("home #%s: no figure links to %s", c.id, c.link)
		}
		svg := first(fig, tag("svg"))
		if svg == nil || attr(svg, "role") != "img" || first(svg, tag("title")) == nil || attr(svg, "aria-labelledby") == "" {
			t.Errorf("home #%s: no chart after the table, or one without role=img and a title", c.id)
			continue
		}
		if len(all(svg, tag("rect"))) == 0 || hasAttr(svg, "src") || len(all(svg, tag("image"))) > 0 || len(all(svg, tag("use"))) > 0 {
			t.Errorf("home #%s: the chart has no bars or loads something", c.id)
		}
	}
	// Every count of a level's notices, of a year's, of a status (its
	// total) and of a kind's itemised people that is not 0 links to its
	// list; a part that no list shows alone (the counts by source of a
	// level or a status, the overdue problems of one status, one action's
	// regulations) links nowhere, so a click never shows another number.
	label := func(l string) func(*html.Node) bool {
		return func(n *html.Node) bool { return hasClass("n")(n) && attr(n, "data-label") == l }
	}
	for _, c := range []struct {
		id   string
		cell func(*html.Node) bool
		none bool // the cells must not link
	}{
		{"by-level", label("合计"), false}, {"by-year", hasClass("n"), false}, {"by-status", hasClass("total"), false},
		{"by-accountability", label("逐项统计（人次）"), false},
		{"by-level", label("工作人员填写"), true}, {"by-level", label("据名称推断"), true},
		{"by-overdue", func(n *html.Node) bool { return hasClass("n")(n) && n.Parent.Parent.Data == "tbody" }, true},
		{"by-regulations", func(n *html.Node) bool { return hasClass("n")(n) && n.Parent.Parent.Data == "tbody" }, true},
	} {
		var table *html.Node
		for n := first(summaries, byID(c.id)).NextSibling; n != nil && table == nil; n = n.NextSibling {
			if n.Type == html.ElementNode {
				table = first(n, tag("table"))
			}
		}
		cells := 0
		for _, td := range all(table, func(n *html.Node) bool { return n.Data == "td" && c.cell(n) }) {
			if v := squash(textOf(td)); v != "0" && v != "—" {
				cells++
				if a := first(td, tag("a")); a == nil && !c.none {
					t.Errorf("home #%s: the count %s (%s) links nowhere", c.id, v, attr(td, "data-label"))
				} else if a != nil && c.none {
					t.Errorf("home #%s: the count %s (%s) links to %s, a list of another number", c.id, v, attr(td, "data-label"), attr(a, "href"))
				}
			}
		}
		if cells == 0 {
			t.Errorf("home #%s: no counts found", c.id)
		}
	}
}

// TestFeedbackFindUnit: when /feedback/'s cards run to several pages, it
// points a reader who looks for one unit's contact to the unit and issuer
// lists; with one page of cards it does not.
func TestFeedbackFindUnit(t *testing.T) {
	for _, c := range []struct {
		b    *build
		want bool
	}{{generatedSite(t), true}, {realSite(t), false}} {
		d := c.b.pageAt(t, basePath+"feedback/")
		got := map[string]bool{}
		for _, a := range all(first(d.root, tag("main")), tag("a")) {
			got[attr(a, "href")] = true
		}
		if has := got[basePath+"units/"] && got[basePath+"notices/issuer/"]; has != c.want {
			t.Errorf("%s site /feedback/ (%d pages): links the unit and issuer lists %v, want %v", c.b.name, len(c.b.listPages(t, basePath+"feedback/")), has, c.want)
		}
	}
}
