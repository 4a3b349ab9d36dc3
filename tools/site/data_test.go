package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// issueRecord is one object of /data/issues.json as documented on /data/.
type issueRecord struct {
	Notice          string              `json:"notice"`
	NoticeTitle     string              `json:"notice_title"`
	NoticeOfficial  string              `json:"notice_official_url"`
	Number          int                 `json:"number"`
	Label           string              `json:"label"`
	URL             string              `json:"url"`
	Title           string              `json:"title"`
	Area            *numbered           `json:"area"`
	Category        *numbered           `json:"category"`
	Lead            string              `json:"lead"`
	Measures        []string            `json:"measures"`
	Status          string              `json:"status"`
	StatusInNotice  string              `json:"status_in_notice"`
	StatusBasis     string              `json:"status_basis"`
	Provenance      string              `json:"status_provenance"`
	StatusEvidence  string              `json:"status_evidence"`
	StatusConfirmed bool                `json:"status_confirmed"`
	ConfirmedStatus string              `json:"confirmed_status"`
	ConfirmedEv     string              `json:"confirmed_status_evidence"`
	Accountability  []actionRecord      `json:"accountability"`
	Regulations     []notice.Regulation `json:"regulations"`
	Updates         []notice.Update     `json:"updates"`
	LastUpdated     string              `json:"last_updated"`
	Deadline        string              `json:"deadline"`
	DeadlineEv      string              `json:"deadline_evidence"`
	DeadlineProv    string              `json:"deadline_provenance"`
	Overdue         bool                `json:"overdue"`
	Responsible     string              `json:"responsible"`
}

type numbered struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
}

type actionRecord struct {
	Kind  string `json:"kind"`
	Count int    `json:"count"`
	Whom  string `json:"whom"`
	Text  string `json:"text"`
}

// wantRecord is the record of a problem computed from the data of b.
func wantRecord(b *build, n *notice.Notice, is notice.Issue) issueRecord {
	e := b.extraOf(n.ID, is.Number)
	r := issueRecord{
		Notice: n.ID, NoticeTitle: n.Title, NoticeOfficial: n.OfficialURL, Number: is.Number, Label: is.Label,
		URL:   "https://tracker.test" + issuePath(n.ID, is.Number),
		Title: is.Title, Lead: is.Lead, Measures: append([]string{}, is.Measures...),
		Status: currentStatus(is), StatusBasis: is.StatusBasis, Provenance: is.Provenance(),
		StatusConfirmed: is.StatusConfirmed,
		Accountability:  []actionRecord{}, Regulations: []notice.Regulation{}, Updates: []notice.Update{},
		LastUpdated: n.Published,
		Deadline:    e.Deadline, DeadlineEv: e.Evidence, DeadlineProv: e.Provenance,
		Overdue: b.overdue(n, is), Responsible: e.Responsible,
	}
	r.StatusInNotice, r.StatusEvidence = is.StatusInNotice()
	if is.StatusConfirmed {
		r.ConfirmedStatus, r.ConfirmedEv = is.Status, is.StatusEvidence
	}
	if a := areaOf(n, is); a != nil {
		r.Area = &numbered{a.Number, a.Title}
	}
	if c := categoryOf(n, is); c != nil {
		r.Category = &numbered{c.Number, c.Title}
	}
	for _, a := range is.Accountability {
		r.Accountability = append(r.Accountability, actionRecord{a.Kind, a.Count, a.Whom, a.Text})
	}
	r.Regulations = append(r.Regulations, is.Regulations...)
	r.Updates = append(r.Updates, is.Updates...)
	for _, u := range is.Updates {
		if u.Date > r.LastUpdated {
			r.LastUpdated = u.Date
		}
	}
	return r
}

// wantRecords lists the records of every problem, in the site's order:
// newest notice first, then by number.
func wantRecords(b *build) []issueRecord {
	var out []issueRecord
	for _, n := range newestFirst(b.notices) {
		for _, is := range n.Issues {
			out = append(out, wantRecord(b, n, is))
		}
	}
	return out
}

// newestFirst orders notices as the site does: published descending, then id.
func newestFirst(ns []*notice.Notice) []*notice.Notice {
	out := append([]*notice.Notice{}, ns...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (out[j].Published > out[j-1].Published ||
			out[j].Published == out[j-1].Published && out[j].ID < out[j-1].ID); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// TestIssuesJSON: /data/issues.json has one object per problem, equal to
// the data.
func TestIssuesJSON(t *testing.T) {
	for _, b := range sitesFor(t, true) {
		checkIssuesJSON(t, b)
	}
}

// checkIssuesJSON makes the checks of TestIssuesJSON on b.
func checkIssuesJSON(t *testing.T, b *build) {
	t.Helper()
	var got []issueRecord
	dec := json.NewDecoder(bytes.NewReader(b.read(t, "data/issues.json")))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("%s: issues.json: %v", b.name, err)
	}
	want := wantRecords(b)
	if len(got) != len(want) {
		t.Errorf("%s: issues.json has %d objects, want %d", b.name, len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s: issues.json object %d\n got %+v\nwant %+v", b.name, i, got[i], want[i])
		}
	}
	t.Logf("%s site: issues.json has %d problems, all equal to the data", b.name, len(got))
}

// TestNoticesJSON: /data/notices.json has one object per notice.
func TestNoticesJSON(t *testing.T) {
	for _, b := range sitesFor(t, true) {
		var got []struct {
			ID        string `json:"id"`
			Title     string `json:"title"`
			URL       string `json:"url"`
			Issuer    string `json:"issuer"`
			Published string `json:"published"`
			Problems  int    `json:"problems"`
			Original  string `json:"original_url"`
			Declared  struct {
				Problems int `json:"problems"`
			} `json:"declared"`
			Contact notice.Contact `json:"contact"`
		}
		if err := json.Unmarshal(b.read(t, "data/notices.json"), &got); err != nil {
			t.Fatalf("%s: notices.json: %v", b.name, err)
		}
		want := newestFirst(b.notices)
		if len(got) != len(want) {
			t.Fatalf("%s: notices.json has %d notices, want %d", b.name, len(got), len(want))
		}
		for i, n := range want {
			g := got[i]
			if g.ID != n.ID || g.Title != n.Title || g.Issuer != n.Issuer || g.Published != n.Published ||
				g.Problems != len(n.Issues) || g.Declared.Problems != n.Declared.Problems ||
				g.URL != "https://tracker.test"+basePath+"notices/"+n.ID+"/" ||
				g.Original != "https://tracker.test"+basePath+n.Source ||
				g.Contact.Email != n.Contact.Email || g.Contact.Phone != n.Contact.Phone {
				t.Errorf("%s: notices.json[%d] = %+v does not match the data of %s", b.name, i, g, n.ID)
			}
		}
	}
}

// TestIssuesCSV: /data/issues.csv is UTF-8 with a BOM, parses with
// encoding/csv, has the rows of the data, and neutralises cells that
// spreadsheets would run as formulas.
func TestIssuesCSV(t *testing.T) {
	for _, b := range sitesFor(t, true) {
		checkIssuesCSV(t, b)
	}
}

// checkIssuesCSV makes the checks of TestIssuesCSV on b.
func checkIssuesCSV(t *testing.T, b *build) {
	t.Helper()
	data := b.read(t, "data/issues.csv")
	bom := []byte("\ufeff")
	if !bytes.HasPrefix(data, bom) {
		t.Fatalf("%s: issues.csv does not start with a UTF-8 BOM", b.name)
	}
	r := csv.NewReader(bytes.NewReader(data[len(bom):]))
	r.FieldsPerRecord = 23
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: issues.csv: %v", b.name, err)
	}
	header := []string{"通报编号", "序号", "问题名称", "方面", "类别", "当前状态", "通报所述状态", "状态依据", "状态已确认", "核实的状态", "核实依据", "状态依据类型", "状态来源", "整改措施", "追责问责", "制度建设", "进展更新", "整改期限", "期限依据", "期限来源", "逾期", "责任单位", "网址"}
	if !reflect.DeepEqual(rows[0], header) {
		t.Errorf("%s: CSV header %q, want %q", b.name, rows[0], header)
	}
	want := wantRecords(b)
	if len(rows)-1 != len(want) {
		t.Fatalf("%s: issues.csv has %d rows, want %d", b.name, len(rows)-1, len(want))
	}
	for i, w := range want {
		area, cat := "", ""
		if w.Area != nil {
			area = w.Area.Title
		}
		if w.Category != nil {
			cat = w.Category.Title
		}
		var acc, regs, ups []string
		for _, a := range w.Accountability {
			acc = append(acc, fmt.Sprintf("%s %d人次：%s", a.Kind, a.Count, a.Text))
		}
		for _, g := range w.Regulations {
			regs = append(regs, g.Action+"《"+g.Title+"》")
		}
		for _, u := range w.Updates {
			s := u.Date + " " + u.Status
			if u.Note != "" {
				s += "：" + u.Note
			}
			if u.Source != "" {
				s += "（来源：" + u.Source + "）"
			}
			ups = append(ups, s)
		}
		confirmed, overdue := "否", "否"
		if w.StatusConfirmed {
			confirmed = "是"
		}
		if w.Overdue {
			overdue = "是"
		}
		cells := []string{w.Notice, strconv.Itoa(w.Number), w.Title, area, cat, w.Status, w.StatusInNotice, w.StatusEvidence, confirmed, w.ConfirmedStatus, w.ConfirmedEv,
			provenanceColumn[w.StatusBasis], provenanceColumn[w.Provenance],
			strings.Join(w.Measures, "\n"), strings.Join(acc, "\n"), strings.Join(regs, "\n"), strings.Join(ups, "\n"),
			w.Deadline, w.DeadlineEv, deadlineColumn[w.DeadlineProv], overdue, w.Responsible, w.URL}
		for j := range cells {
			cells[j] = neutralise(cells[j])
		}
		if !reflect.DeepEqual(rows[i+1], cells) {
			t.Errorf("%s: CSV row %d\n got %q\nwant %q", b.name, i+1, rows[i+1], cells)
		}
	}
	for i, row := range rows {
		for j, c := range row {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("%s: CSV row %d cell %d starts with a formula character: %q", b.name, i, j, c)
			}
		}
	}
	t.Logf("%s site: issues.csv has %d rows, all equal to the data", b.name, len(rows)-1)
}

// provenanceColumn is the word of a provenance in the CSV and the column
// heads of the status counts (i18n provenanceColumn_*), "" for none.
var provenanceColumn = map[string]string{
	"": "", notice.StatusStated: "通报写明", notice.StatusInferred: "据通报推断",
	notice.ProvenanceConfirmed: "工作人员核实", "update": "进展更新",
}

// deadlineColumn is the word of a deadline provenance in the CSV (i18n
// deadlineProvenanceColumn_*), "" for none.
var deadlineColumn = map[string]string{
	"": "", notice.StatusStated: "通报写明", notice.StatusInferred: "据通报日期推断年份",
	notice.ProvenanceConfirmed: "工作人员核实",
}

// neutralise is what the site does to a CSV cell starting with = + - @.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// TestCSVNeutralisesFormulas: the sample's hostile cells come out inert.
func TestCSVNeutralisesFormulas(t *testing.T) {
	data := string(sampleSite(t).read(t, "data/issues.csv"))
	for _, want := range []string{`"'=cmd|' /C calc'!A0"`, `"'@SUM(1+1)*cmd|' /C calc'!A0`, `""引号""`} {
		if !strings.Contains(data, want) {
			t.Errorf("issues.csv lacks %s", want)
		}
	}
}

// TestFeeds: the RSS of notices and of status updates are well-formed and
// list every notice and every update, with absolute links on the site.
func TestFeeds(t *testing.T) {
	type rss struct {
		Channel struct {
			Items []struct {
				Title string `xml:"title"`
				Link  string `xml:"link"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	for _, b := range sitesFor(t, true) {
		read := func(rel string) rss {
			var f rss
			if err := xml.Unmarshal(b.read(t, rel), &f); err != nil {
				t.Fatalf("%s: %s: %v", b.name, rel, err)
			}
			for _, it := range f.Channel.Items {
				if !strings.HasPrefix(it.Link, baseURL) {
					t.Errorf("%s: %s: item link %q is not on the site", b.name, rel, it.Link)
				}
			}
			return f
		}
		notices := read("notices/index.xml")
		if len(notices.Channel.Items) != len(b.notices) {
			t.Errorf("%s: notices feed has %d items, want %d", b.name, len(notices.Channel.Items), len(b.notices))
		}
		updates, want := read("updates/index.xml"), 0
		for _, n := range b.notices {
			for _, is := range n.Issues {
				want += len(is.Updates)
			}
		}
		if len(updates.Channel.Items) != want {
			t.Errorf("%s: updates feed has %d items, want %d", b.name, len(updates.Channel.Items), want)
		}
		locs, _ := sitemapLocs(t, b, 50000) // the sitemap index and its files (opendata_test.go)
		problems := 0
		for _, loc := range locs {
			if strings.Contains(loc, "/issues/") && strings.HasPrefix(loc, baseURL+"notices/") {
				problems++
			}
		}
		if problems < len(wantRecords(b)) {
			t.Errorf("%s: the sitemap lists %d problem pages, want at least %d", b.name, problems, len(wantRecords(b)))
		}
		if robots := string(b.read(t, "robots.txt")); !strings.Contains(robots, "Sitemap: "+baseURL+"sitemap.xml") {
			t.Errorf("%s: robots.txt does not point to the sitemap: %q", b.name, robots)
		}
	}
}
