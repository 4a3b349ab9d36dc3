package site

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/importer"
	"github.com/wuhan-rectify/tracker/tools/notice"
	"golang.org/x/net/html"
)

// TestProblemPages: every problem of the real data has its page, with its
// number and title in the one h1, every measure as an item of the ordered
// list (word for word), its status, accountability and regulations.
func TestProblemPages(t *testing.T) {
	b := realSite(t)
	checkProblemPages(t, b)
	for _, n := range b.notices {
		if n.ID == "wuhan-eeb-2020" {
			if got := len(b.problemDirs(t, n.ID)); got != 61 {
				t.Errorf("the seed notice has %d problem pages, want 61", got)
			}
			return
		}
	}
	t.Error("the seed notice wuhan-eeb-2020 is not in the real data")
}

// TestProblemPagesSample does the same on the hand-made notice, which has
// status updates and hostile text.
func TestProblemPagesSample(t *testing.T) {
	checkProblemPages(t, sampleSite(t))
}

func checkProblemPages(t *testing.T, b *build) {
	total := 0
	for _, n := range b.notices {
		dirs := b.problemDirs(t, n.ID)
		if len(dirs) != len(n.Issues) {
			t.Errorf("%s: %d problem pages, want %d (one per problem of the data)", n.ID, len(dirs), len(n.Issues))
		}
		for _, is := range n.Issues {
			total++
			where := fmt.Sprintf("%s problem %d", n.ID, is.Number)
			d := b.pageAt(t, issuePath(n.ID, is.Number))
			h1 := all(d.root, tag("h1"))
			if len(h1) != 1 {
				t.Errorf("%s: %d h1, want 1", where, len(h1))
				continue
			}
			// A label with its own 问题 (问题1：, 【问题】) is not given a
			// second one.
			if got, want := squash(textOf(h1[0])), squash("问题"+ownProblemRe.ReplaceAllString(is.Label, "")+is.Title); got != want {
				t.Errorf("%s: h1 = %q, want %q", where, got, want)
			}
			ol := first(d.root, tagClass("ol", "measures"))
			if ol == nil {
				t.Errorf("%s: no <ol class=\"measures\">", where)
				continue
			}
			var got []string
			for _, li := range all(ol, tag("li")) {
				got = append(got, textOf(li))
			}
			if !slices.Equal(got, []string(is.Measures)) {
				t.Errorf("%s: measures\n got %q\nwant %q", where, got, is.Measures)
			}
			checkProvenance(t, where, d, is)
			checkDeadlinePage(t, b, where, d, n, is)
			if is.StatusEvidence != "" && !strings.Contains(text(d.root, nil), "依据：“"+is.StatusEvidence+"”") {
				t.Errorf("%s: the status evidence %q is not quoted", where, is.StatusEvidence)
			}
			body := squash(text(d.root, nil))
			for _, a := range is.Accountability {
				if !strings.Contains(body, squash(a.Text)) || !strings.Contains(body, squash(a.Kind)) {
					t.Errorf("%s: accountability %s %q not shown", where, a.Kind, a.Text)
				}
			}
			for _, r := range is.Regulations {
				if !strings.Contains(body, squash(r.Action+"《"+r.Title+"》")) {
					t.Errorf("%s: regulation %s《%s》 not shown", where, r.Action, r.Title)
				}
			}
			for _, u := range is.Updates {
				tl := first(d.root, tagClass("ol", "timeline"))
				if tl == nil || !strings.Contains(squash(textOf(tl)), squash(u.Note)) {
					t.Errorf("%s: the timeline does not show the update of %s", where, u.Date)
				}
			}
			if nav := first(d.root, hasClass("breadcrumbs")); nav == nil || len(links(nav)) == 0 {
				t.Errorf("%s: no breadcrumbs", where)
			} else if got := links(nav)[0]; got != basePath+"notices/"+n.ID+"/" {
				t.Errorf("%s: the breadcrumbs start with %s, want the notice", where, got)
			}
			checkFeedbackLink(t, where, d, n, is)
		}
	}
	t.Logf("%s site: %d problem pages checked", b.name, total)
}

// checkFeedbackLink: "对此问题提意见" is a mailto to the notice's contact with
// the notice and the problem number in the subject.
func checkFeedbackLink(t *testing.T, where string, d *doc, n *notice.Notice, is notice.Issue) {
	t.Helper()
	if n.Contact.Email == "" {
		// No email: the section names the problem and gives the contact.
		sec := first(d.root, func(x *html.Node) bool { return x.Data == "section" && first(x, byID("feedback")) != nil })
		if sec == nil {
			t.Errorf("%s: no feedback section", where)
			return
		}
		s := textOf(sec)
		if !strings.Contains(s, fmt.Sprintf("%s第%d号", n.ID, is.Number)) {
			t.Errorf("%s: the feedback section %q does not give the problem number", where, s)
		}
		for _, want := range []string{n.Contact.Phone, n.Contact.Address} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: the feedback section lacks %q", where, want)
			}
		}
		if slices.ContainsFunc(links(sec), func(h string) bool { return strings.HasPrefix(h, "mailto:") }) {
			t.Errorf("%s: a mailto link without an email", where)
		}
		return
	}
	for _, a := range all(d.root, tag("a")) {
		href := attr(a, "href")
		if textOf(a) != "对此问题提意见" || !strings.HasPrefix(href, "mailto:") {
			continue
		}
		u, err := url.Parse(href)
		if err != nil {
			t.Errorf("%s: feedback link %q: %v", where, href, err)
			return
		}
		if u.Opaque != n.Contact.Email {
			t.Errorf("%s: feedback goes to %q, want %q", where, u.Opaque, n.Contact.Email)
		}
		subject := u.Query().Get("subject")
		if !strings.Contains(subject, n.Title) || !strings.Contains(subject, "问题"+ownProblemRe.ReplaceAllString(is.Label, "")) || !strings.Contains(subject, fmt.Sprintf("%s第%d号", n.ID, is.Number)) {
			t.Errorf("%s: feedback subject %q lacks the notice or the problem number", where, subject)
		}
		if strings.Contains(href, "+") {
			t.Errorf("%s: feedback subject uses + for spaces (mail clients show it): %q", where, href)
		}
		return
	}
	t.Errorf("%s: no 对此问题提意见 mailto link", where)
}

// problemDirs lists the numbered problem folders of a notice.
func (b *build) problemDirs(t *testing.T, id string) []string {
	t.Helper()
	var out []string
	for _, f := range b.htmlFiles(t) {
		if ok, _ := path.Match("notices/"+id+"/issues/*/index.html", f); ok {
			out = append(out, f)
		}
	}
	return out
}

// TestNoticeTextComplete: the notice page holds the whole text of the notice,
// word for word (the reassembly rule of tools/notice: preamble, sections with
// the area → category → problem tree, closing, contact sentence), with the
// date line and the corrections applied.
func TestNoticeTextComplete(t *testing.T) {
	for _, b := range sitesFor(t, false) {
		for _, n := range b.notices {
			checkNoticeText(t, b, n)
		}
	}
}

// checkNoticeText makes the checks of TestNoticeTextComplete on notice n of
// b. The text is compared with importer.Body, the reassembly rule of the data
// model; a visually hidden heading (one the text lacks) is not part of it.
func checkNoticeText(t *testing.T, b *build, n *notice.Notice) {
	t.Helper()
	d := b.pageAt(t, basePath+"notices/"+n.ID+"/")
	body := first(d.root, hasClass("doc-body"))
	if body == nil {
		t.Errorf("%s: no doc-body", n.ID)
		return
	}
	got := squash(text(body, func(x *html.Node) bool { return hasClass("problem-meta")(x) || hasClass("visually-hidden")(x) }))
	want := squash(importer.Body(n))
	if got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s: the notice text differs from the data at byte %d:\n got …%s…\nwant …%s…", n.ID, i, excerpt(got, i), excerpt(want, i))
	}
	h1 := all(d.root, tag("h1"))
	if len(h1) != 1 || textOf(h1[0]) != n.Title {
		t.Errorf("%s: h1 is not the notice title %q", n.ID, n.Title)
	}
	for _, is := range n.Issues {
		// An item that ends without punctuation (整改时限：立行立改) is a
		// line of its own: a <br> ends it.
		breaks, prev := 0, is.Lead
		for _, m := range is.Measures {
			if prev != "" && !endMarkRe.MatchString(prev) {
				breaks++
			}
			prev = m
		}
		if p := first(body, byID(fmt.Sprintf("p%d", is.Number))); p != nil && len(all(first(p, tag("p")), tag("br"))) != breaks {
			t.Errorf("%s: problem %d in the notice text has %d line breaks, want %d (after each item without end punctuation)", n.ID, is.Number, len(all(first(p, tag("p")), tag("br"))), breaks)
		}
		var tag *html.Node
		if p := first(body, byID(fmt.Sprintf("p%d", is.Number))); p != nil {
			tag = first(p, hasClass("tag"))
		}
		if tag == nil || textOf(tag) != currentStatus(is) {
			t.Errorf("%s: problem %d in the notice text is not tagged %s", n.ID, is.Number, currentStatus(is))
		} else if got := squash(textOf(tag.Parent)); !strings.HasPrefix(got, squash(statusText(is))) {
			t.Errorf("%s: problem %d in the notice text shows %q, want %q first", n.ID, is.Number, got, statusText(is))
		}
	}
	page := text(d.root, nil)
	for _, c := range n.Corrections {
		if !strings.Contains(page, c.From) || !strings.Contains(page, c.To) || !strings.Contains(page, c.Where) {
			t.Errorf("%s: the correction %s→%s (%s) is not listed", n.ID, c.From, c.To, c.Where)
		}
	}
	if !slices.Contains(links(d.root), basePath+n.Source) {
		t.Errorf("%s: no link to the original %s", n.ID, n.Source)
	}
	if !strings.Contains(page, "截至") {
		t.Errorf("%s: no 截至 date", n.ID)
	}
}

func excerpt(s string, i int) string {
	from, to := max(0, i-30), min(len(s), i+30)
	return strings.ToValidUTF8(s[from:to], "")
}

// expectedTerms computes, from the data, the problems of every taxonomy term
// the site must have: "status/<s>", "area/<title>", "category/<title>",
// "accountability/<kind>", and the combined "issues/<status>-<kind>" pages.
func expectedTerms(b *build) map[string][]string {
	out := map[string][]string{}
	add := func(key, issue string) { out[key] = append(out[key], issue) }
	for _, n := range b.notices {
		for _, is := range n.Issues {
			p := issuePath(n.ID, is.Number)
			add("status/"+currentStatus(is), p)
			if a := areaOf(n, is); a != nil {
				add("area/"+a.Title, p)
			}
			if c := categoryOf(n, is); c != nil {
				add("category/"+c.Title, p)
			}
			for _, k := range kinds(is) {
				add("accountability/"+k, p)
				add("issues/"+currentStatus(is)+"-"+k, p)
			}
		}
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

// problemLinks returns the problem pages linked from the main element.
func problemLinks(d *doc) []string {
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(basePath) + `notices/[^/]+/issues/\d+/$`)
	var out []string
	main := first(d.root, tag("main"))
	for _, h := range links(main) {
		if re.MatchString(h) && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	sort.Strings(out)
	return out
}

// TestTermPages: the no-JS filters. /issues/ links to a page for every value
// of every filter (status, accountability kind, area, category), and each
// such page lists exactly the problems with that value; so do the combined
// status × kind pages linked from the status pages.
func TestTermPages(t *testing.T) {
	for _, b := range sitesFor(t, true) {
		checkTermPages(t, b)
	}
}

// checkTermPages makes the checks of TestTermPages on b.
func checkTermPages(t *testing.T, b *build) {
	t.Helper()
	want := expectedTerms(b)
	issues := b.pageAt(t, basePath+"issues/")
	browse := first(issues.root, hasClass("browse"))
	if browse == nil {
		t.Fatalf("%s: /issues/ has no browse links", b.name)
	}
	linked := map[string]string{} // term key → path
	// A taxonomy with many values is linked as its list (/category/, a
	// page of terms at a time), whose rows link the term pages.
	anchors := all(browse, tag("a"))
	for _, dim := range []string{"area", "category"} {
		for _, a := range anchors {
			if attr(a, "href") == basePath+dim+"/" {
				for _, d := range b.listPages(t, basePath+dim+"/") {
					for _, td := range all(d.root, func(n *html.Node) bool { return n.Data == "td" && n.PrevSibling == nil }) {
						anchors = append(anchors, all(td, tag("a"))...)
					}
				}
			}
		}
	}
	for _, a := range anchors {
		href := attr(a, "href")
		u, err := url.PathUnescape(strings.TrimPrefix(href, basePath))
		if err != nil {
			t.Errorf("%s: bad link %q", b.name, href)
			continue
		}
		for _, dim := range []string{"status", "accountability", "area", "category"} {
			if strings.HasPrefix(u, dim+"/") && u != dim+"/" {
				// The link text is the value as written in the data.
				name := strings.TrimSpace(text(a, nil))
				linked[dim+"/"+name] = href
			}
		}
	}
	checked := 0
	for key, problems := range want {
		if strings.HasPrefix(key, "issues/") {
			continue
		}
		href, ok := linked[key]
		if !ok {
			t.Errorf("%s: /issues/ has no link to the page of %s", b.name, key)
			continue
		}
		if got := b.listProblems(t, href); !slices.Equal(got, problems) {
			t.Errorf("%s: %s (%s) lists\n%q\nwant\n%q", b.name, href, key, got, problems)
		}
		checked++
	}
	if len(linked) != checked {
		t.Errorf("%s: /issues/ links %d term pages, the data has %d values", b.name, len(linked), checked)
	}
	// Combined pages, reached from the status term pages.
	combos := 0
	for key, problems := range want {
		if !strings.HasPrefix(key, "issues/") {
			continue
		}
		status, kind, _ := strings.Cut(strings.TrimPrefix(key, "issues/"), "-")
		sd := b.pageAt(t, linked["status/"+status])
		path := basePath + "issues/" + url.PathEscape(status+"-"+kind) + "/"
		if !slices.Contains(links(sd.root), path) {
			t.Errorf("%s: the status page of %s does not link %s", b.name, status, path)
			continue
		}
		if got := b.listProblems(t, path); !slices.Equal(got, problems) {
			t.Errorf("%s: %s lists\n%q\nwant\n%q", b.name, path, got, problems)
		}
		combos++
	}
	t.Logf("%s site: %d term pages and %d combined pages list the right problems", b.name, checked, combos)
}

// TestTwoTaps: from the home page, a reader reaches "problems still being
// rectified (正在整改) that led to 诫勉" in two taps: home → status page →
// combined page, which lists exactly those problems.
func TestTwoTaps(t *testing.T) {
	for _, b := range sitesFor(t, false) {
		want := expectedTerms(b)["issues/正在整改-诫勉"]
		if len(want) == 0 {
			t.Logf("%s site: no problem is 正在整改 with 诫勉; nothing to reach", b.name)
			continue
		}
		home := b.pageAt(t, basePath)
		statusPath := ""
		for _, a := range all(first(home.root, tag("main")), tag("a")) {
			if strings.Contains(textOf(a), "正在整改") {
				statusPath = attr(a, "href")
				break
			}
		}
		if statusPath == "" {
			t.Fatalf("%s: the home page has no link for 正在整改", b.name)
		}
		sp := b.pageAt(t, statusPath)
		comboPath := ""
		for _, a := range all(first(sp.root, tag("main")), tag("a")) {
			if strings.HasPrefix(squash(textOf(a)), "诫勉") {
				comboPath = attr(a, "href")
				break
			}
		}
		if comboPath == "" {
			t.Fatalf("%s: %s has no link for 诫勉", b.name, statusPath)
		}
		if got := problemLinks(b.pageAt(t, comboPath)); !slices.Equal(got, want) {
			t.Errorf("%s: two taps (%s → %s) list\n%q\nwant\n%q", b.name, statusPath, comboPath, got, want)
		}
	}
}

// TestIssuesTable: /issues/ has every problem as a row with the data-*
// attributes the filters (and the browser tests) read, and the filter form
// of the DOM contract.
func TestIssuesTable(t *testing.T) {
	for _, b := range sitesFor(t, false) {
		checkIssuesTable(t, b)
	}
}

// checkIssuesTable makes the checks of TestIssuesTable on b.
func checkIssuesTable(t *testing.T, b *build) {
	t.Helper()
	pages := b.listPages(t, basePath+"issues/")
	d := pages[0]
	var rows []*html.Node
	for _, pd := range pages {
		rows = append(rows, all(pd.root, func(n *html.Node) bool { return n.Data == "tr" && hasAttr(n, "data-issue") })...)
	}
	byKey := map[string]*html.Node{}
	for _, r := range rows {
		if byKey[attr(r, "data-issue")] != nil {
			t.Errorf("%s: the pages of /issues/ list %s twice", b.name, attr(r, "data-issue"))
		}
		byKey[attr(r, "data-issue")] = r
	}
	// The rows the filters show (the notices' rows.json) are these rows.
	jsRows := b.jsonRows(t)
	total := 0
	for _, n := range b.notices {
		for _, is := range n.Issues {
			total++
			key := fmt.Sprintf("%s/%d", n.ID, is.Number)
			r := byKey[key]
			if r == nil {
				t.Errorf("%s: /issues/ has no row %s", b.name, key)
				continue
			}
			area, cat := "", ""
			if a := areaOf(n, is); a != nil {
				area = a.Title
			}
			if c := categoryOf(n, is); c != nil {
				cat = c.Title
			}
			wantAttrs := map[string]string{
				"data-notice":         n.ID,
				"data-status":         currentStatus(is),
				"data-area":           area,
				"data-category":       cat,
				"data-accountability": strings.Join(kinds(is), " "),
			}
			for k, v := range wantAttrs {
				if got := attr(r, k); got != v {
					t.Errorf("%s: row %s %s=%q, want %q", b.name, key, k, got, v)
				}
			}
			if js, ok := jsRows[key]; !ok {
				t.Errorf("%s: rows.json of %s has no row %s", b.name, n.ID, key)
			} else if got := renderNode(r); js != got {
				t.Errorf("%s: row %s of rows.json differs from the row of /issues/:\n%s\n%s", b.name, key, js, got)
			}
			if !slices.Contains(links(r), issuePath(n.ID, is.Number)) {
				t.Errorf("%s: row %s does not link its page", b.name, key)
			}
			if c := first(r, func(x *html.Node) bool { return x.Data == "td" && attr(x, "data-label") == "整改状态" }); c == nil || squash(textOf(c)) != squash(statusText(is)) {
				t.Errorf("%s: row %s does not show the status as %q", b.name, key, statusText(is))
			}
			checkDeadlineCell(t, b, key, r, n, is)
		}
	}
	if len(rows) != total {
		t.Errorf("%s: /issues/ has %d rows, want %d", b.name, len(rows), total)
	}
	form := first(d.root, byID("filters"))
	if form == nil || form.Data != "form" {
		t.Fatalf("%s: no <form id=\"filters\">", b.name)
	}
	for _, name := range []string{"notice", "unit", "level", "year", "area", "category", "status", "accountability", "overdue", "q"} {
		el := first(form, func(n *html.Node) bool { return attr(n, "name") == name })
		if el == nil {
			t.Errorf("%s: the filter form has no control %s", b.name, name)
			continue
		}
		if want := map[bool]string{true: "input", false: "select"}[name == "q" || name == "overdue"]; el.Data != want {
			t.Errorf("%s: control %s is <%s>, want <%s>", b.name, name, el.Data, want)
		}
		id := attr(el, "id")
		if id == "" || first(form, func(n *html.Node) bool { return n.Data == "label" && attr(n, "for") == id }) == nil {
			t.Errorf("%s: control %s has no <label for>", b.name, name)
		}
	}
	count := first(d.root, byID("result-count"))
	if count == nil || attr(count, "aria-live") != "polite" {
		t.Errorf("%s: no <p id=\"result-count\" aria-live=\"polite\">", b.name)
	} else if got, want := textOf(count), fmt.Sprintf("显示 %d / %d 个问题", min(total, b.pageSize()), total); got != want {
		t.Errorf("%s: result count %q, want %q", b.name, got, want)
	}
}

// TestLastUpdated: every page but the 404 page says when it last changed;
// a problem page gives its latest update date (or the published date), the
// notice its "截至" date.
func TestLastUpdated(t *testing.T) {
	b := sampleSite(t)
	for _, f := range b.htmlFiles(t) {
		d := b.page(t, f)
		p := first(d.root, hasClass("lastmod"))
		if f == "404.html" {
			// A missing page has no content whose date it could give.
			if p != nil || strings.Contains(text(d.root, nil), "最后更新") {
				t.Errorf("%s: says when it was updated", f)
			}
			continue
		}
		if p == nil || !strings.HasPrefix(textOf(p), "最后更新：") {
			t.Errorf("%s: no 最后更新", f)
		}
	}
	for _, c := range []struct{ path, want string }{
		{issuePath("sample-2024", 4), "最后更新：2025年1月15日"},    // last of its updates
		{issuePath("sample-2024", 1), "最后更新：2024年5月1日"},     // published
		{basePath + "notices/sample-2024/", "截至2025年1月15日"}, // latest date of the notice
	} {
		if got := squash(text(b.pageAt(t, c.path).root, nil)); !strings.Contains(got, c.want) {
			t.Errorf("%s does not say %s", c.path, c.want)
		}
	}
	// The seed is published with month precision ("2020-05"): its pages say
	// 2020年5月 and never invent a day.
	real := realSite(t)
	for _, path := range []string{
		issuePath("wuhan-eeb-2020", 3),
		basePath + "notices/wuhan-eeb-2020/",
		basePath + "status/" + url.PathEscape("正在整改") + "/",
	} {
		if got := textOf(first(real.pageAt(t, path).root, hasClass("lastmod"))); got != "最后更新：2020年5月" {
			t.Errorf("%s: %q, want 最后更新：2020年5月", path, got)
		}
	}
}

// TestStatusUpdateEverywhere is issue 4's scenario: a status update added to
// the seed notice shows on the problem page (status, timeline, 最后更新), the
// notice (its tag, 截至), the lists, the open data and the updates feed.
func TestStatusUpdateEverywhere(t *testing.T) {
	b := siteBuild(t, "updated")
	var n *notice.Notice
	for _, x := range b.notices {
		if x.ID == "wuhan-eeb-2020" {
			n = x
		}
	}
	if n == nil {
		t.Fatal("no seed notice in the updated build")
	}
	var is notice.Issue
	for _, x := range n.Issues {
		if len(x.Updates) > 0 && x.Updates[len(x.Updates)-1] == testUpdate {
			is = x
		}
	}
	if is.Number == 0 {
		t.Fatal("the update is not in the data of the updated build")
	}
	u := testUpdate
	path := issuePath(n.ID, is.Number)
	d := b.pageAt(t, path)
	if got := textOf(first(d.root, hasClass("status-line"))); !strings.Contains(got, u.Status) || !strings.Contains(got, "2021年6月30日") {
		t.Errorf("problem page status line %q lacks %s of 2021年6月30日", got, u.Status)
	}
	checkProvenance(t, path, d, is)
	if tl := first(d.root, tagClass("ol", "timeline")); tl == nil || !strings.Contains(textOf(tl), u.Note) || !strings.Contains(textOf(tl), u.Source) {
		t.Error("problem page: the timeline lacks the update")
	}
	if got := textOf(first(d.root, hasClass("lastmod"))); got != "最后更新：2021年6月30日" {
		t.Errorf("problem page: %q, want 最后更新：2021年6月30日", got)
	}
	nd := b.pageAt(t, basePath+"notices/"+n.ID+"/")
	if !strings.Contains(squash(text(nd.root, nil)), "截至2021年6月30日") {
		t.Error("notice page: no 截至2021年6月30日")
	}
	if tag := first(first(nd.root, byID(fmt.Sprintf("p%d", is.Number))), hasClass("tag")); tag == nil || textOf(tag) != u.Status {
		t.Errorf("notice page: problem %d is not tagged %s", is.Number, u.Status)
	}
	row := first(b.pageAt(t, basePath+"issues/").root, func(x *html.Node) bool { return attr(x, "data-issue") == fmt.Sprintf("%s/%d", n.ID, is.Number) })
	if row == nil || attr(row, "data-status") != u.Status {
		t.Errorf("/issues/: the row of problem %d is not %s", is.Number, u.Status)
	}
	json := string(b.read(t, "data/issues.json"))
	if !strings.Contains(json, `"date": "2021-06-30"`) || !strings.Contains(json, u.Note) {
		t.Error("issues.json lacks the update")
	}
	if feed := string(b.read(t, "updates/index.xml")); !strings.Contains(feed, path) || !strings.Contains(feed, u.Note) {
		t.Error("the updates feed lacks the update")
	}
	if got := problemLinks(b.pageAt(t, basePath+"status/"+u.Status+"/")); !slices.Contains(got, path) {
		t.Errorf("the %s term page does not list problem %d", u.Status, is.Number)
	}
}

// ownProblemRe: the 问题 of a label that has its own (问题1：, 【问题】).
var ownProblemRe = regexp.MustCompile(`^(?:反馈)?问题|^【问题|】$`)

// endMarkRe: the punctuation that ends an item of a problem's text on the
// notice page without a line break (layouts/_partials/notice/problem.html).
var endMarkRe = regexp.MustCompile(`[。；！？，：…”’）」』.!?;:,]$`)
