package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/wuhan-rectify/tracker/tools/notice"
	"golang.org/x/net/html"
)

// deadlineWords are the words after a deadline that say where it comes from
// (i18n deadlineProvenance_*).
var deadlineWords = map[string]string{
	notice.StatusStated:        "通报写明",
	notice.StatusInferred:      "据通报日期推断年份，待核实",
	notice.ProvenanceConfirmed: "工作人员已核实",
}

// datelessWord finds the word of a dateless deadline in its evidence, as
// func/issue-deadline.html does.
var datelessWord = regexp.MustCompile(`长期坚持|长期|近期|立行立改|立即|尽快|持续|常态化`)

// deadlineText is a deadline as the site writes it after 整改期限：.
func deadlineText(e extra) string {
	switch {
	case e.Provenance == "":
		return "通报未写明"
	case e.Deadline == "":
		if w := datelessWord.FindString(e.Evidence); w != "" {
			return w + "（通报未给出具体日期）"
		}
		return "通报未给出具体日期"
	}
	return dateText(e.Deadline) + "（" + deadlineWords[e.Provenance] + "）"
}

// overdueSentence is the line of an overdue problem's page, from its tag to
// the as-of date.
func overdueSentence(b *build, e extra) string {
	when := dateText(e.Deadline)
	if e.Provenance != notice.StatusStated {
		when += "，" + deadlineWords[e.Provenance]
	}
	return "逾期 整改期限（" + when + "）已过，尚无已完成的记录（截至" + dateText(b.asOfDate()) + "）。"
}

// checkDeadlinePage: a problem page shows its deadline with where it comes
// from, the evidence, 逾期 with the as-of date when overdue (never
// otherwise), and the responsible unit when staff gave one.
func checkDeadlinePage(t *testing.T, b *build, where string, d *doc, n *notice.Notice, is notice.Issue) {
	t.Helper()
	e := b.extraOf(n.ID, is.Number)
	if line := first(d.root, hasClass("deadline-line")); line == nil || squash(textOf(line)) != squash("整改期限："+deadlineText(e)) {
		t.Errorf("%s: the deadline line is not %q", where, "整改期限："+deadlineText(e))
	}
	ev := first(d.root, hasClass("deadline-evidence"))
	if e.Evidence != "" && (ev == nil || textOf(ev) != "期限依据：“"+e.Evidence+"”") {
		t.Errorf("%s: the deadline's evidence %q is not quoted", where, e.Evidence)
	}
	if e.Evidence == "" && ev != nil {
		t.Errorf("%s: a deadline evidence %q without one in the data", where, textOf(ev))
	}
	line := first(d.root, hasClass("overdue-line"))
	if b.overdue(n, is) {
		want := overdueSentence(b, e)
		if line == nil || !strings.HasPrefix(squash(textOf(line)), squash(want)) {
			t.Errorf("%s: overdue, but the page does not say %q", where, want)
		} else if tag := first(line, tagClass("span", "overdue")); tag == nil || textOf(tag) != "逾期" || !hasClass("tag")(tag) {
			t.Errorf("%s: the overdue line has no text tag 逾期", where)
		}
	} else if line != nil || first(d.root, tagClass("span", "overdue")) != nil {
		t.Errorf("%s: not overdue, but the page says %q", where, textOf(line))
	}
	resp := first(d.root, hasClass("responsible"))
	if e.Responsible != "" && (resp == nil || textOf(resp) != "责任单位："+e.Responsible) {
		t.Errorf("%s: the responsible unit %q is not shown", where, e.Responsible)
	}
	if e.Responsible == "" && resp != nil {
		t.Errorf("%s: a responsible unit %q without one in the data", where, textOf(resp))
	}
}

// checkDeadlineCell: the row r of a problem table shows the deadline, 逾期
// when overdue, and data-overdue for the filter.
func checkDeadlineCell(t *testing.T, b *build, key string, r *html.Node, n *notice.Notice, is notice.Issue) {
	t.Helper()
	want, flag := deadlineText(b.extraOf(n.ID, is.Number)), ""
	if b.overdue(n, is) {
		want, flag = want+"逾期", "1"
	}
	if c := first(r, func(x *html.Node) bool { return x.Data == "td" && attr(x, "data-label") == "整改期限" }); c == nil || squash(textOf(c)) != squash(want) {
		t.Errorf("%s: row %s does not show the deadline as %q", b.name, key, want)
	}
	if got := attr(r, "data-overdue"); got != flag {
		t.Errorf("%s: row %s data-overdue=%q, want %q", b.name, key, got, flag)
	}
}

// overdueCount is the sentence of the overdue count of a page: with the
// number and the as-of date, or that there is none.
func overdueCount(b *build, count int, ofNotice bool) string {
	asOf := dateText(b.asOfDate())
	switch {
	case count > 0:
		return fmt.Sprintf("逾期问题 %d 个（截至%s）", count, asOf)
	case ofNotice:
		return "截至" + asOf + "，这份通报没有逾期的问题。"
	}
	return "截至" + asOf + "，没有整改期限已过而尚无已完成记录的问题。"
}

// checkOverdue: the overdue problems are the same, and counted the same, on
// the home page (its chip and its sentence), each notice page (its count
// and the tags of its text), /overdue/ (by notice, sorted by deadline), the
// filter of /issues/ (label and rows) and every problem page; each page that
// shows an overdue figure states the as-of date.
func checkOverdue(t *testing.T, b *build) {
	t.Helper()
	var want []string
	byNotice := map[string][]string{}
	for _, n := range b.notices {
		for _, is := range n.Issues {
			if b.overdue(n, is) {
				p := issuePath(n.ID, is.Number)
				want = append(want, p)
				byNotice[n.ID] = append(byNotice[n.ID], p)
			}
		}
	}
	sort.Strings(want)
	asOf := "截至" + dateText(b.asOfDate())

	home := b.pageAt(t, basePath)
	chip := first(home.root, func(x *html.Node) bool {
		return x.Data == "a" && hasClass("chip")(x) && attr(x, "href") == basePath+"overdue/"
	})
	if chip == nil || textOf(first(chip, hasClass("n"))) != fmt.Sprint(len(want)) || textOf(first(chip, hasClass("tag"))) != "逾期" {
		t.Errorf("%s: the home page has no chip 逾期 %d linking /overdue/", b.name, len(want))
	}
	if c := first(home.root, hasClass("overdue-count")); c == nil || !strings.HasPrefix(textOf(c), overdueCount(b, len(want), false)) {
		t.Errorf("%s: the home page does not say %q", b.name, overdueCount(b, len(want), false))
	}

	for _, n := range b.notices {
		if len(n.Issues) == 0 {
			continue // no problem, no overdue count (checkShapeSite)
		}
		d := b.pageAt(t, basePath+"notices/"+n.ID+"/")
		got := 0
		if c := first(d.root, hasClass("overdue-count")); c == nil || !strings.HasPrefix(textOf(c), overdueCount(b, len(byNotice[n.ID]), true)) {
			t.Errorf("%s %s: the notice page does not say %q", b.name, n.ID, overdueCount(b, len(byNotice[n.ID]), true))
		} else if len(byNotice[n.ID]) > 0 && !slices.Contains(links(c), basePath+"overdue/#notice-"+n.ID) {
			t.Errorf("%s %s: the notice page's overdue count does not link its part of /overdue/", b.name, n.ID)
		}
		for _, is := range n.Issues {
			p := first(d.root, byID(fmt.Sprintf("p%d", is.Number)))
			tagged := p != nil && first(p, tagClass("span", "overdue")) != nil
			if tagged != b.overdue(n, is) {
				t.Errorf("%s %s: problem %d in the notice text tagged 逾期=%v, want %v", b.name, n.ID, is.Number, tagged, b.overdue(n, is))
			}
			if tagged {
				got++
			}
		}
		if got != len(byNotice[n.ID]) {
			t.Errorf("%s %s: %d problems tagged 逾期 in the notice text, want %d", b.name, n.ID, got, len(byNotice[n.ID]))
		}
	}

	od := b.pageAt(t, basePath+"overdue/")
	if got := problemLinks(od); !slices.Equal(got, want) {
		t.Errorf("%s: /overdue/ lists\n%q\nwant\n%q", b.name, got, want)
	}
	if c := first(od.root, hasClass("overdue-count")); c == nil || !strings.HasPrefix(textOf(c), overdueCount(b, len(want), false)) {
		t.Errorf("%s: /overdue/ does not say %q", b.name, overdueCount(b, len(want), false))
	}
	for id, paths := range byNotice {
		sec := first(od.root, func(x *html.Node) bool { return x.Data == "section" && first(x, byID("notice-"+id)) != nil })
		if sec == nil {
			t.Errorf("%s: /overdue/ has no part for %s", b.name, id)
			continue
		}
		// Sorted by deadline, then by number.
		n := b.noticeOf(id)
		sorted := slices.Clone(paths)
		sort.SliceStable(sorted, func(i, j int) bool {
			return b.extraOf(id, numberOf(sorted[i])).Deadline < b.extraOf(id, numberOf(sorted[j])).Deadline
		})
		var got []string
		for _, h := range links(sec) {
			if strings.Contains(h, "/issues/") && numberOf(h) > 0 && !slices.Contains(got, h) {
				got = append(got, h)
			}
		}
		if !slices.Equal(got, sorted) {
			t.Errorf("%s: /overdue/ lists %s's problems as\n%q\nwant (by deadline)\n%q", b.name, n.ID, got, sorted)
		}
	}

	issues := b.pageAt(t, basePath+"issues/")
	var rows []string
	for _, r := range all(issues.root, func(x *html.Node) bool { return x.Data == "tr" && attr(x, "data-overdue") == "1" }) {
		id, num, _ := strings.Cut(attr(r, "data-issue"), "/")
		rows = append(rows, basePath+"notices/"+id+"/issues/"+num+"/")
	}
	sort.Strings(rows)
	if !slices.Equal(rows, want) {
		t.Errorf("%s: /issues/ rows with data-overdue=1\n%q\nwant\n%q", b.name, rows, want)
	}
	if l := first(issues.root, func(x *html.Node) bool { return x.Data == "label" && attr(x, "for") == "f-overdue" }); l == nil ||
		textOf(l) != fmt.Sprintf("只看逾期的问题（%d 个，%s）", len(want), asOf) {
		t.Errorf("%s: the filter 只看逾期 does not give %d and %s", b.name, len(want), asOf)
	}
	if !slices.Contains(links(first(issues.root, hasClass("browse"))), basePath+"overdue/") {
		t.Errorf("%s: /issues/ does not link /overdue/ for readers without JavaScript", b.name)
	}

	// Every page with an overdue figure or tag states the as-of date.
	for _, f := range b.htmlFiles(t) {
		d := b.page(t, f)
		if first(d.root, hasClass("overdue-count")) == nil && first(d.root, tagClass("span", "overdue")) == nil {
			continue
		}
		if !strings.Contains(squash(text(first(d.root, tag("main")), nil)), asOf) {
			t.Errorf("%s %s: shows 逾期 without %s", b.name, f, asOf)
		}
	}
	t.Logf("%s site: %d problems overdue %s", b.name, len(want), asOf)
}

// numberOf is the problem number of a problem page path, or 0.
func numberOf(path string) int {
	var n int
	if i := strings.Index(path, "/issues/"); i >= 0 {
		fmt.Sscanf(path[i+len("/issues/"):], "%d", &n)
	}
	return n
}

// TestOverdue: the seed's problem 2 (deadline 2020-12-31 as the notice
// states it) is 逾期 as of 2026-11-30, not as of 2020-06-01, and not when a
// staff update says 已完成; the counts of every page agree (checkOverdue).
// The build without HUGO_PARAMS_ASOF judges as of today in China Standard
// Time, and says so.
func TestOverdue(t *testing.T) {
	p2 := issuePath(seedID, 2)
	for _, c := range []struct {
		site    string
		overdue bool
	}{{"series", true}, {"early", false}, {"done", false}} {
		b := feature(t, c.site)
		checkOverdue(t, b)
		d := b.pageAt(t, p2)
		line := first(d.root, hasClass("overdue-line"))
		if (line != nil) != c.overdue {
			t.Errorf("%s: problem 2 overdue=%v, want %v", c.site, line != nil, c.overdue)
		}
		if c.overdue {
			want := "逾期 整改期限（2020年12月31日）已过，尚无已完成的记录（截至2026年11月30日）。"
			if got := textOf(line); !strings.HasPrefix(got, want) {
				t.Errorf("%s: problem 2 says %q, want %q", c.site, got, want)
			}
		}
		if got := textOf(first(d.root, hasClass("deadline-line"))); got != "整改期限：2020年12月31日（通报写明）" {
			t.Errorf("%s: problem 2's deadline line %q", c.site, got)
		}
	}
	// Problem 6 is done by an update, problem 8 by the later notice that
	// continues it: neither is overdue, though their deadlines are past.
	b := feature(t, "series")
	for _, number := range []int{6, 8} {
		if first(b.pageAt(t, issuePath(seedID, number)).root, hasClass("overdue-line")) != nil {
			t.Errorf("problem %d is shown overdue, but a later record says 已完成", number)
		}
	}
	// Without an as-of date: today in UTC+8 (the build may straddle
	// midnight: the day before the check is accepted too).
	done := feature(t, "done")
	// The later notice's problem 2 (the seed's 2 continued, 正在整改 when it
	// was published) is overdue in the series site; an update to the
	// seed's problem 2 dated after the later notice says 已完成, and it is
	// then overdue in neither notice.
	later2 := issuePath(laterID, 2)
	if first(b.pageAt(t, later2).root, hasClass("overdue-line")) == nil {
		t.Error("series: the later notice's problem 2 is not overdue")
	}
	if first(done.pageAt(t, later2).root, hasClass("overdue-line")) != nil {
		t.Error("done: the later notice's problem 2 is still overdue after an update to the earlier notice says 已完成")
	}
	home := squash(text(b.pageAt(t, basePath).root, nil))
	if !strings.Contains(home, "截至2026年11月30日") {
		t.Error("series: the home page does not give the as-of date 2026年11月30日")
	}
	home = squash(text(done.pageAt(t, basePath).root, nil))
	today := done.asOfDate()
	if !strings.Contains(home, "截至"+dateText(today)) && !strings.Contains(home, "截至"+dateText(dayBefore(t, today))) {
		t.Errorf("done: the home page does not give today (%s, UTC+8) as the as-of date", today)
	}
}

// dayBefore is the day before a YYYY-MM-DD date.
func dayBefore(t *testing.T, d string) string {
	t.Helper()
	var y, m, day int
	if _, err := fmt.Sscanf(d, "%d-%d-%d", &y, &m, &day); err != nil {
		t.Fatal(err)
	}
	return time.Date(y, time.Month(m), day-1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

// TestOverdueFilterWithoutScript: the no-JS path to the overdue problems:
// the home page, the notice pages and the filter area of /issues/ link
// /overdue/, which lists them with the as-of date.
func TestOverdueFilterWithoutScript(t *testing.T) {
	b := feature(t, "series")
	for _, path := range []string{basePath, basePath + "issues/", basePath + "notices/" + seedID + "/", issuePath(seedID, 2)} {
		d := b.pageAt(t, path)
		if !slices.ContainsFunc(links(first(d.root, tag("main"))), func(h string) bool { return strings.HasPrefix(h, basePath+"overdue/") }) {
			t.Errorf("%s does not link /overdue/", path)
		}
	}
	od := b.pageAt(t, basePath+"overdue/")
	if got := textOf(first(od.root, tag("h1"))); got != "逾期问题" {
		t.Errorf("/overdue/ h1 %q", got)
	}
	if !strings.Contains(text(od.root, nil), "不等于没有整改") {
		t.Error("/overdue/ does not say what 逾期 does not mean")
	}
}

// TestSearchTakesTheSiteFigures: the search index (its status and overdue
// facets, the tags of its results) says of every problem what the site
// says: the status, its source, the date of the last update and 逾期 of
// the problem's record in /data/issues.json. In the "done" site an update
// to the seed's problem 2, dated after the later notice, says 已完成: the
// later notice's problem 2 is overdue in neither the site nor the index
// (the index once judged it again, by a rule of its own, and said 逾期).
func TestSearchTakesTheSiteFigures(t *testing.T) {
	for _, name := range []string{"series", "early", "done"} {
		b := feature(t, name)
		var records []struct {
			Notice     string `json:"notice"`
			Number     int    `json:"number"`
			Status     string `json:"status"`
			Provenance string `json:"status_provenance"`
			Updates    []struct {
				Date string `json:"date"`
			} `json:"updates"`
			Overdue bool `json:"overdue"`
		}
		if err := json.Unmarshal(b.read(t, "data/issues.json"), &records); err != nil {
			t.Fatal(err)
		}
		type doc struct {
			Number  int    `json:"k"`
			Status  string `json:"s"`
			Source  string `json:"p"`
			Date    string `json:"d"`
			Overdue int    `json:"o"`
		}
		docs := map[string]doc{}
		files, _ := filepath.Glob(filepath.Join(b.dir, "search-index", "d", "*", "*.json"))
		for _, f := range files {
			if filepath.Base(filepath.Dir(f)) == "n" {
				continue
			}
			var block struct {
				ID   string `json:"id"`
				Docs []doc  `json:"d"`
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &block); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, d := range block.Docs {
				docs[fmt.Sprintf("%s#%d", block.ID, d.Number)] = d
			}
		}
		if len(docs) != len(records) {
			t.Errorf("%s: the search index has %d problems, the open data %d", name, len(docs), len(records))
		}
		for _, r := range records {
			key := fmt.Sprintf("%s#%d", r.Notice, r.Number)
			want := doc{Number: r.Number, Status: r.Status, Source: r.Provenance}
			if len(r.Updates) > 0 {
				want.Source, want.Date = "update", r.Updates[len(r.Updates)-1].Date
			}
			if r.Overdue {
				want.Overdue = 1
			}
			if got, ok := docs[key]; !ok || got != want {
				t.Errorf("%s: the search index says of %s %+v, the site %+v", name, key, got, want)
			}
		}
		if name == "done" {
			if d := docs[laterID+"#2"]; d.Overdue != 0 {
				t.Errorf("done: the search index marks %s#2 逾期, though an update to the notice it continues says 已完成", laterID)
			}
		}
	}
}
