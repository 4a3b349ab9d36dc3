package site

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// changeEntry is one entry of .rectify/changelog/<id>.json, as `rectify
// build` writes it from the git history.
type changeEntry struct {
	Date         string `json:"date"`
	Commit       string `json:"commit"`
	Problem      int    `json:"problem"`
	ProblemTitle string `json:"problem_title"`
	Field        string `json:"field"`
	Label        string `json:"label"`
	Old          any    `json:"old"`
	New          any    `json:"new"`
}

// testChanges are the seed's change log of the feature sites: 60 entries,
// newest first (more than the feed's 50): a status change, a notice-level
// field, hostile text with a character XML does not allow, a problem that no
// longer exists, then routine ones.
func testChanges() []changeEntry {
	out := []changeEntry{
		{"2026-11-30", "c0ffee1", 2, "大局观念不够牢固", "status", "整改状态", "正在整改", "已完成"},
		{"2026-11-29", "c0ffee2", 0, "", "official_url", "官方发布页面", "", "https://www.example.gov.cn/a?b=1&c=2"},
		{"2026-11-28", "c0ffee3", 5, "未传达部署长江保护修复战工作", "note", "说明", "<script>alert(1)</script>", "A & B \u0001 “引号” <b>粗体</b>"},
		{"2026-11-27", "c0ffee4", 99, "已删除的问题", "title", "问题名称", "已删除的问题", ""},
		{"2026-11-26", "c0ffee5", 3, "规划目标值相互矛盾", "measures", "整改措施", []string{"一是旧措施。", "二是旧措施。"}, []string{"一是新措施。"}},
	}
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for i := len(out); i < 60; i++ {
		out = append(out, changeEntry{day.Format("2006-01-02"), fmt.Sprintf("abc%04d", i), 1 + i%61, "", "status_evidence", "状态依据", fmt.Sprintf("旧依据%d", i), fmt.Sprintf("新依据%d", i)})
		day = day.AddDate(0, 0, -1)
	}
	return out
}

// changelogJSON is the seed's change log file of the feature sites.
func changelogJSON(t *testing.T) []byte {
	t.Helper()
	data, err := json.Marshal(map[string]any{
		"notice":  seedID,
		"first":   map[string]string{"date": "2020-06-01", "commit": "abc1234"},
		"entries": testChanges(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestChangeLog: /notices/<id>/changes/ lists every entry of the change log
// (date, the problem linked, the field, old → new marked with the words
// 原为/改为 as well as <del>/<ins>), hostile text as text; its RSS is
// well-formed XML with the newest 50 entries; the notice page links both.
// A notice without a change log says plainly that the build has none, and
// its feed has no item.
func TestChangeLog(t *testing.T) {
	b := feature(t, "series")
	want := testChanges()
	path := basePath + "notices/" + seedID + "/changes/"
	d := b.pageAt(t, path)
	if !slices.Contains(links(first(b.pageAt(t, basePath+"notices/"+seedID+"/").root, tag("main"))), path) {
		t.Error("the notice page does not link its change log")
	}
	if !slices.Contains(links(d.root), path+"index.xml") {
		t.Error("the change log page does not link its feed")
	}
	main := text(first(d.root, tag("main")), nil)
	// config.toml's changelogSince (2026-12-02) is after the log's first
	// version: the page says the log runs from the day the site went public.
	if !strings.Contains(main, "本站自2026年12月2日上线以来，这份通报的数据的每一项变更（以上线时的版本 abc1234 为起点）") {
		t.Error("the change log page does not say since when it runs")
	}
	rows := all(first(d.root, tagClass("table", "changes")), func(x *html.Node) bool { return x.Data == "tr" && first(x, tag("td")) != nil })
	if len(rows) != len(want) {
		t.Fatalf("the change log has %d rows, want %d", len(rows), len(want))
	}
	for i, e := range want {
		cells := all(rows[i], tag("td"))
		if len(cells) != 5 {
			t.Fatalf("row %d has %d cells", i, len(cells))
		}
		if got := textOf(cells[0]); got != dateText(e.Date) {
			t.Errorf("row %d: date %q, want %s", i, got, dateText(e.Date))
		}
		if got := textOf(cells[2]); got != e.Label {
			t.Errorf("row %d: field %q, want %s", i, got, e.Label)
		}
		if got := textOf(cells[4]); got != e.Commit {
			t.Errorf("row %d: commit %q, want %s", i, got, e.Commit)
		}
		old, new := valueText(e.Old), valueText(e.New)
		change := squash(textOf(cells[3]))
		wantChange := "原为：" + orEmpty(old) + "改为：" + orEmpty(new)
		if change != squash(wantChange) {
			t.Errorf("row %d: change %q, want %q", i, change, wantChange)
		}
		if del := first(cells[3], tag("del")); (del != nil) != (old != "") || del != nil && textOf(del) != strings.TrimSpace(old) {
			t.Errorf("row %d: the old value is not in <del>", i)
		}
		if ins := first(cells[3], tag("ins")); (ins != nil) != (new != "") || ins != nil && squash(textOf(ins)) != squash(new) {
			t.Errorf("row %d: the new value is not in <ins>", i)
		}
		var href string
		switch {
		case e.Problem == 0:
			href = basePath + "notices/" + seedID + "/"
		case e.Problem <= 61:
			href = issuePath(seedID, e.Problem)
		}
		if got := links(cells[1]); href == "" && len(got) > 0 || href != "" && !slices.Equal(got, []string{href}) {
			t.Errorf("row %d: the problem links %q, want %q", i, got, href)
		}
	}
	if first(d.root, tag("b")) != nil || !strings.Contains(main, "<script>alert(1)</script>") {
		t.Error("hostile text of the change log is not shown as text")
	}
	if !strings.Contains(textOf(rows[3]), "问题已删除的问题") {
		t.Errorf("the entry of a problem that is gone does not name it: %q", textOf(rows[3]))
	}

	type rss struct {
		Channel struct {
			Description string `xml:"description"`
			Items       []struct {
				Title string `xml:"title"`
				Link  string `xml:"link"`
				GUID  string `xml:"guid"`
				Date  string `xml:"pubDate"`
				Desc  string `xml:"description"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	var f rss
	raw := b.read(t, "notices/"+seedID+"/changes/index.xml")
	if err := xml.Unmarshal(raw, &f); err != nil {
		t.Fatalf("the change log feed is not XML: %v", err)
	}
	if len(f.Channel.Items) != 50 {
		t.Errorf("the feed has %d items, want the newest 50", len(f.Channel.Items))
	}
	guids := map[string]bool{}
	for i, it := range f.Channel.Items {
		e := want[i]
		if guids[it.GUID] {
			t.Errorf("item %d: guid %q repeats", i, it.GUID)
		}
		guids[it.GUID] = true
		if got, err := time.Parse(time.RFC1123Z, it.Date); err != nil || got.Format("2006-01-02") != e.Date {
			t.Errorf("item %d: pubDate %q: %v", i, it.Date, err)
		}
		if !strings.HasPrefix(it.Link, baseURL) {
			t.Errorf("item %d: link %q is not on the site", i, it.Link)
		}
		if !strings.Contains(it.Title, e.Label) {
			t.Errorf("item %d: title %q lacks %s", i, it.Title, e.Label)
		}
	}
	if it := f.Channel.Items[0]; it.Link != baseURL+"notices/"+seedID+"/issues/2/" || !strings.Contains(it.Title, "原为“正在整改”，改为“已完成”") {
		t.Errorf("the newest item is %q → %s", it.Title, it.Link)
	}
	if it := f.Channel.Items[2]; !strings.Contains(it.Title, "<script>alert(1)</script>") || !strings.Contains(it.Title, "A & B  “引号” <b>粗体</b>") {
		t.Errorf("the hostile item reads %q (want the text, without U+0001)", it.Title)
	}
	if strings.Contains(string(raw), "<script>") || strings.Contains(string(raw), "<b>") {
		t.Error("markup of the data reached the feed unescaped")
	}

	// The later notice has no change log.
	path = basePath + "notices/" + laterID + "/changes/"
	if got := textOf(first(b.pageAt(t, path).root, hasClass("changes-unavailable"))); got != "本次构建没有版本历史，暂不能列出变更记录。" {
		t.Errorf("%s: %q, want the plain message that the log is unavailable", path, got)
	}
	if first(b.pageAt(t, path).root, tag("table")) != nil {
		t.Errorf("%s: a table without a change log", path)
	}
	var g rss
	if err := xml.Unmarshal(b.read(t, "notices/"+laterID+"/changes/index.xml"), &g); err != nil || len(g.Channel.Items) != 0 || !strings.Contains(g.Channel.Description, "没有版本历史") {
		t.Errorf("the feed of a notice without a change log: %d items, %q, %v", len(g.Channel.Items), g.Channel.Description, err)
	}
}

// valueText is an old or new value as the change log shows it: a list
// joined with ；, without the control characters XML does not allow.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []string:
		return strings.Join(x, "；")
	case string:
		return strings.ReplaceAll(x, "\u0001", "")
	}
	return fmt.Sprint(v)
}

func orEmpty(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}
