package site

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestSuccessiveNotices: two notices declared as a series (the later one's
// staff file: [notice] continues, and continues per problem) show the
// history on both problem pages, each step linked and the current one
// marked; the notice pages say which notice each continues or is continued
// by.
func TestSuccessiveNotices(t *testing.T) {
	b := feature(t, "series")
	type want struct {
		href, text string
		current    bool
	}
	a2 := want{issuePath(seedID, 2), "2020年5月通报问题（2）：正在整改（据通报推断，待核实）", false}
	l2 := want{issuePath(laterID, 2), "2021年1月通报问题（2）：正在整改（工作人员已核实）", false}
	a8 := want{issuePath(seedID, 8), "2020年5月通报问题（8）：正在整改（据通报推断，待核实）", false}
	l3 := want{issuePath(laterID, 3), "2021年1月通报问题（3）：已完成（工作人员已核实）", false}
	for _, c := range []struct {
		page  string
		steps []want
		here  int
	}{
		{issuePath(seedID, 2), []want{a2, l2}, 0},
		{issuePath(laterID, 2), []want{a2, l2}, 1},
		{issuePath(seedID, 8), []want{a8, l3}, 0},
		{issuePath(laterID, 3), []want{a8, l3}, 1},
		{issuePath(seedID, 1), nil, 0},
	} {
		d := b.pageAt(t, c.page)
		ol := first(d.root, tagClass("ol", "history"))
		if c.steps == nil {
			if ol != nil {
				t.Errorf("%s: a history, but the problem has none", c.page)
			}
			continue
		}
		if ol == nil {
			t.Errorf("%s: no history", c.page)
			continue
		}
		items := all(ol, tag("li"))
		if len(items) != len(c.steps) {
			t.Errorf("%s: %d steps, want %d", c.page, len(items), len(c.steps))
			continue
		}
		for i, w := range c.steps {
			a := first(items[i], tag("a"))
			wantText := w.text
			if i == c.here {
				wantText = strings.Replace(wantText, "：", "（本页）：", 1)
			}
			if i > 0 {
				wantText = "→" + wantText
			}
			if got := squash(textOf(items[i])); got != squash(wantText) {
				t.Errorf("%s: step %d reads %q, want %q", c.page, i, got, wantText)
			}
			if a == nil || attr(a, "href") != w.href {
				t.Errorf("%s: step %d does not link %s", c.page, i, w.href)
			} else if (attr(a, "aria-current") == "page") != (i == c.here) {
				t.Errorf("%s: step %d aria-current=%q", c.page, i, attr(a, "aria-current"))
			}
		}
	}
	meta := func(id string) map[string]*html.Node {
		out := map[string]*html.Node{}
		dl := first(b.pageAt(t, basePath+"notices/"+id+"/").root, tagClass("dl", "meta"))
		for _, dt := range all(dl, tag("dt")) {
			for dd := dt.NextSibling; dd != nil; dd = dd.NextSibling {
				if dd.Type == html.ElementNode {
					out[textOf(dt)] = dd
					break
				}
			}
		}
		return out
	}
	if dd := meta(seedID)["后续通报"]; dd == nil || !slices.Contains(links(dd), basePath+"notices/"+laterID+"/") {
		t.Error("the seed's page does not link the notice that continues it")
	}
	m := meta(laterID)
	if dd := m["接续的通报"]; dd == nil || !slices.Contains(links(dd), basePath+"notices/"+seedID+"/") || !strings.Contains(textOf(dd), "2020年5月") {
		t.Error("the later notice's page does not link the notice it continues")
	}
	if dd := m["官方发布"]; dd == nil || first(dd, tag("a")) == nil || attr(first(dd, tag("a")), "href") != "https://www.example.gov.cn/zhenggai/2021.html" {
		t.Error("the later notice's page does not link its official page")
	}
	if _, ok := meta(seedID)["接续的通报"]; ok {
		t.Error("the seed's page says it continues a notice")
	}
}

// TestSeriesTotalsSayWhatIsCountedTwice: when a later notice follows up
// problems of an earlier one, the site-wide totals count each notice's
// problems, and say how many are the same problem counted again and what
// the count is with each problem once; a notice's own summary says
// nothing of it.
func TestSeriesTotalsSayWhatIsCountedTwice(t *testing.T) {
	b := feature(t, "series")
	home := squash(textOf(b.pageAt(t, basePath).root))
	// Two notices of 61 problems; the later one's 2 and 3 follow up the
	// seed's 2 and 8 (staffLater).
	for _, want := range []string{
		"问题：其中2个是后续通报对前一份通报中同一问题的再次通报，计了不止一次；每个问题只计一次为120个。",
		"这122个问题中有2个是后续通报对同一问题的再次通报",
	} {
		if !strings.Contains(home, squash(want)) {
			t.Errorf("the home page does not say %q", want)
		}
	}
	for _, id := range []string{seedID, laterID} {
		if page := textOf(b.pageAt(t, basePath+"notices/"+id+"/").root); strings.Contains(page, "再次通报") {
			t.Errorf("%s: its own summary speaks of problems counted again", id)
		}
	}
}
