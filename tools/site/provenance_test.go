package site

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/notice"
	"golang.org/x/net/html"
)

// provenanceWords are the words after a status tag that say where the
// status comes from (i18n provenance_*); none for 通报未说明.
var provenanceWords = map[string]string{
	"":                         "",
	notice.StatusStated:        "（通报写明）",
	notice.StatusInferred:      "（据通报推断，待核实）",
	notice.ProvenanceConfirmed: "（工作人员已核实）",
}

// statusSource is where the current status of a problem comes from:
// "update" (with the date of the last update) or the provenance of the
// notice's status (notice.Issue.Provenance).
func statusSource(is notice.Issue) (source, date string) {
	if len(is.Updates) == 0 {
		return is.Provenance(), ""
	}
	for _, u := range is.Updates {
		if u.Date > date {
			date = u.Date
		}
	}
	return "update", date
}

// statusText is a problem's current status as the site shows it: the tag,
// then where it comes from in words.
func statusText(is notice.Issue) string {
	src, date := statusSource(is)
	if src == "update" {
		return currentStatus(is) + "（" + dateText(date) + "更新）"
	}
	return currentStatus(is) + provenanceWords[src]
}

// dateText writes a data date the Chinese way, as func/date-text.html does.
func dateText(d string) string {
	var y, m, day int
	if n, _ := fmt.Sscanf(d, "%d-%d-%d", &y, &m, &day); n == 3 {
		return fmt.Sprintf("%d年%d月%d日", y, m, day)
	}
	return fmt.Sprintf("%d年%d月", y, m)
}

// statusSentence is a phrase of the sentence of a problem page that says
// where its status comes from.
var statusSentence = map[string]string{
	"":                         "通报没有说明这个问题的整改状态",
	notice.StatusStated:        "通报原文写明",
	notice.StatusInferred:      "本站根据原文中的有关说法推断",
	notice.ProvenanceConfirmed: "已由工作人员核实",
	"update":                   "整改进展更新",
}

// checkProvenance: the problem page d of is shows the status with where it
// comes from, in words on the page (not only in a tooltip), and a sentence
// about it; a status from an update is never given the notice's basis.
func checkProvenance(t *testing.T, where string, d *doc, is notice.Issue) {
	t.Helper()
	line := first(d.root, hasClass("status-line"))
	if line == nil {
		t.Errorf("%s: no status line", where)
		return
	}
	if got, want := squash(textOf(line)), squash("整改状态："+statusText(is)); got != want {
		t.Errorf("%s: status line %q, want %q", where, got, want)
	}
	src, _ := statusSource(is)
	if s := first(d.root, hasClass("status-source")); s == nil || !strings.Contains(textOf(s), statusSentence[src]) {
		t.Errorf("%s: no sentence with %q on where the status comes from", where, statusSentence[src])
	}
	if src == "update" {
		for _, w := range provenanceWords {
			if w != "" && strings.Contains(textOf(line), w) {
				t.Errorf("%s: the status of an update is given the notice's provenance %s", where, w)
			}
		}
		ev := first(d.root, hasClass("evidence"))
		if want := "通报发布时：" + is.Status + provenanceWords[is.Provenance()]; ev == nil || !strings.HasPrefix(squash(textOf(ev)), squash(want)) {
			t.Errorf("%s: the status at publication is not shown as %q", where, want)
		}
	}
}

// statusCounts are the expected cells of the status counts of some notices:
// status → column head → count.
func statusCounts(ns []*notice.Notice) map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, s := range append(append([]string{}, notice.Statuses...), notice.StatusUnstated) {
		out[s] = map[string]int{}
	}
	for _, n := range ns {
		for _, is := range n.Issues {
			src, _ := statusSource(is)
			row := out[currentStatus(is)]
			row["合计"]++
			if src != "" {
				row[provenanceColumn[src]]++
			}
		}
	}
	return out
}

// checkStatusCounts: the page at path has the table of the problems of ns
// by current status and provenance: a row per status (通报未说明 its own),
// a column per provenance that some problem has, and the totals.
func checkStatusCounts(t *testing.T, b *build, path string, ns []*notice.Notice) {
	t.Helper()
	want := statusCounts(ns)
	table := first(b.pageAt(t, path).root, tagClass("table", "status-counts"))
	if table == nil {
		t.Errorf("%s: no status counts table", path)
		return
	}
	var heads []string
	for _, th := range all(first(table, tag("thead")), tag("th")) {
		heads = append(heads, textOf(th))
	}
	columns := map[string]bool{}
	for _, row := range want {
		for k, v := range row {
			if v > 0 {
				columns[k] = true
			}
		}
	}
	for _, col := range []string{"通报写明", "据通报推断", "工作人员核实", "进展更新"} {
		has := strings.Contains(strings.Join(heads, "|"), col)
		if has != columns[col] {
			t.Errorf("%s: status counts column %s shown=%v, want %v (heads %q)", path, col, has, columns[col], heads)
		}
	}
	rows := all(first(table, tag("tbody")), tag("tr"))
	if len(rows) != len(want) {
		t.Errorf("%s: %d status rows, want %d", path, len(rows), len(want))
	}
	for _, tr := range rows {
		cells := all(tr, func(n *html.Node) bool { return n.Data == "th" || n.Data == "td" })
		status := textOf(cells[0])
		row, ok := want[status]
		if !ok {
			t.Errorf("%s: status counts row %q is not a status", path, status)
			continue
		}
		for i, c := range cells[1:] {
			if i+1 >= len(heads) {
				break
			}
			got, err := strconv.Atoi(textOf(c))
			if err != nil {
				if textOf(c) != "—" || row[heads[i+1]] != 0 {
					t.Errorf("%s: %s %s = %q, want %d", path, status, heads[i+1], textOf(c), row[heads[i+1]])
				}
				continue
			}
			if got != row[heads[i+1]] {
				t.Errorf("%s: %s %s = %d, want %d", path, status, heads[i+1], got, row[heads[i+1]])
			}
		}
	}
}

// TestStatusCounts: the home page counts the problems of every notice, and
// each notice page its own, by status and provenance kept apart.
func TestStatusCounts(t *testing.T) {
	for _, b := range append(sitesFor(t, true), siteBuild(t, "updated")) {
		checkStatusCounts(t, b, basePath, b.notices)
		for _, n := range b.notices {
			checkStatusCounts(t, b, basePath+"notices/"+n.ID+"/", []*notice.Notice{n})
		}
		c := statusCounts(b.notices)
		t.Logf("%s site: status counts %v", b.name, c)
	}
}
