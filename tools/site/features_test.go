package site

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// The feature sites: the seed with deadlines and a staff file, a later
// notice that continues it, and a change log (see featureFiles).
const (
	seedID   = "wuhan-eeb-2020"
	laterID  = "t-series-2021"
	earlyDay = "2020-06-01"
)

// staffSeed is the seed's staff file of the feature sites. Updates are
// written after other problems' tables on purpose: each must land on the
// problem it names.
const staffSeed = `# 测试用的工作人员文件：进展更新故意写在别的问题之后。
[problems.5]
responsible = "市生态环境局法规处"
deadline = "2021-03-31"
deadline_evidence = "整改方案：2021年3月底前完成"

[problems.7]
status = "基本完成"
status_evidence = "经工作人员核实，主要措施已落实"

[[problems.5.updates]]
date = "2021-01-15"
status = "基本完成"
note = "主要措施已落实。"
source = "测试用的进展更新"

[problems.9]
responsible = "市生态环境局执法支队"

[[problems.6.updates]]
date = "2021-02-01"
status = "已完成"
note = "第六个问题已整改完毕。"

[[problems.5.updates]]
date = "2020-09-01"
status = "正在整改"
note = "较早的一次更新，写在后面。"
`

// staffLater is the staff file of the later notice: it continues the seed,
// its problem 2 is the seed's 2, its problem 3 the seed's 8.
const staffLater = `[notice]
continues = "wuhan-eeb-2020"
official_url = "https://www.example.gov.cn/zhenggai/2021.html"

[problems.2]
continues = 2
status = "正在整改"
status_evidence = "仍在推进"
deadline = "2020-12-31"
deadline_evidence = "前一份通报：拟于2020年底前提请市政府常务会议审议"

[problems.3]
continues = 8
status = "已完成"
status_evidence = "已全部完成"
`

// staffDone adds to staffSeed an update that says the seed's problem 2 is
// done.
const staffDone = staffSeed + `
[[problems.2.updates]]
date = "2021-06-30"
status = "已完成"
note = "第二个问题已整改完毕。"
`

// seedWith returns the seed's data file with deadlines set as the importer
// writes them: problem 2 as the brief gives it (stated, 2020-12-31), 3 a
// dateless one (近期), 4 an inferred one, 6 and 8 more.
func seedWith(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if _, err := toml.DecodeFile(filepath.Join(moduleRoot(t), "data", "notices", seedID+".toml"), &m); err != nil {
		t.Fatal(err)
	}
	set := func(number int, deadline, basis, evidence string) {
		issues, _ := m["issues"].([]map[string]any)
		for _, is := range issues {
			if n, _ := is["number"].(int64); int(n) == number {
				delete(is, "deadline")
				if deadline != "" {
					is["deadline"] = deadline
				}
				is["deadline_basis"], is["deadline_evidence"] = basis, evidence
				return
			}
		}
		t.Fatalf("the seed has no problem %d", number)
	}
	set(2, "2020-12-31", notice.StatusStated, "拟于2020年底前提请市政府常务会议审议")
	set(3, "", notice.StatusStated, "拟于近期制订有关工作方案")
	set(4, "2020-06-30", notice.StatusInferred, "6月底前完成")
	set(6, "2020-12-31", notice.StatusStated, "2020年底前完成")
	set(8, "2021-06-30", notice.StatusInferred, "6月底前完成")
	// The staff's keys live in the staff file.
	issues, _ := m["issues"].([]map[string]any)
	for _, is := range issues {
		delete(is, "status_confirmed")
		delete(is, "updates")
	}
	return m
}

// featureFiles are the files of a feature site: the seed (seedWith) with
// the staff file staff, and the later notice with staffLater.
func featureFiles(t *testing.T, staff string) map[string][]byte {
	t.Helper()
	seed := seedWith(t)
	later := seedWith(t)
	for _, is := range later["issues"].([]map[string]any) {
		delete(is, "deadline")
		delete(is, "deadline_basis")
		delete(is, "deadline_evidence")
	}
	later["id"] = laterID
	later["title"] = fmt.Sprint(seed["title"]) + "（续）"
	later["published"] = "2021-01"
	files := map[string][]byte{
		"data/notices/" + seedID + ".toml":  tomlOf(t, seed),
		"data/staff/" + seedID + ".toml":    []byte(staff),
		"data/notices/" + laterID + ".toml": tomlOf(t, later),
		"data/staff/" + laterID + ".toml":   []byte(staffLater),
	}
	return files
}

// feature returns the feature site of the name, built once per test binary:
//
//	series  featureFiles with staffSeed and the change log, as of testAsOf
//	early   the same as of 2020-06-01 (before every deadline)
//	done    staffDone (problem 2 done), without HUGO_PARAMS_ASOF (today)
func feature(t *testing.T, name string) *build {
	t.Helper()
	if testing.Short() {
		t.Skip("builds Hugo sites")
	}
	featureMu.Lock()
	defer featureMu.Unlock()
	if b, ok := features[name]; ok {
		return b
	}
	var b *build
	switch name {
	case "series", "early":
		files := featureFiles(t, staffSeed)
		files[".rectify/changelog/"+seedID+".json"] = changelogJSON(t)
		asOf := map[string]string{"series": "", "early": earlyDay}[name]
		b = featureBuild(t, name, asOf, files)
	case "done":
		b = featureBuild(t, name, "none", featureFiles(t, staffDone))
	default:
		t.Fatalf("unknown feature site %q", name)
	}
	features[name] = b
	return b
}

// TestStaffFileMerge: the site reads the staff file: an update anywhere in
// it lands on the problem it names, a staff status shows （工作人员已核实）,
// staff deadlines and responsible units show, and every page of the site
// passes the checks of any data (checkShapeSite, which includes the
// deadlines, the overdue counts, the open data and the status counts).
func TestStaffFileMerge(t *testing.T) {
	b := feature(t, "series")
	checkShapeSite(t, b)
	n := b.noticeOf(seedID)
	for _, c := range []struct {
		number int
		status string // the status line after 整改状态：
		notes  []string
	}{
		{5, "基本完成（2021年1月15日更新）", []string{"主要措施已落实。", "较早的一次更新，写在后面。"}},
		{6, "已完成（2021年2月1日更新）", []string{"第六个问题已整改完毕。"}},
		{7, "基本完成（工作人员已核实）", nil},
	} {
		d := b.pageAt(t, issuePath(seedID, c.number))
		if got := squash(textOf(first(d.root, hasClass("status-line")))); got != squash("整改状态："+c.status) {
			t.Errorf("problem %d: status line %q, want 整改状态：%s", c.number, got, c.status)
		}
		tl := first(d.root, tagClass("ol", "timeline"))
		for _, note := range c.notes {
			if tl == nil || !strings.Contains(textOf(tl), note) {
				t.Errorf("problem %d: the timeline lacks the update %q", c.number, note)
			}
		}
		if c.notes == nil && tl != nil {
			t.Errorf("problem %d: a timeline without updates in the staff file", c.number)
		}
	}
	// Updates of other problems do not land on their neighbours.
	for _, number := range []int{4, 7, 9} {
		if first(b.pageAt(t, issuePath(seedID, number)).root, tagClass("ol", "timeline")) != nil {
			t.Errorf("problem %d: has a timeline, but the staff file gives it no update", number)
		}
	}
	if d := b.pageAt(t, issuePath(seedID, 7)); !strings.Contains(textOf(first(d.root, hasClass("status-source"))), "已由工作人员核实") {
		t.Error("problem 7: no sentence that staff confirmed the status")
	}
	if d := b.pageAt(t, issuePath(seedID, 7)); !strings.Contains(text(d.root, nil), "依据：“经工作人员核实，主要措施已落实”") {
		t.Error("problem 7: the staff's evidence is not quoted")
	}
	if got := textOf(first(b.pageAt(t, issuePath(seedID, 5)).root, hasClass("deadline-line"))); got != "整改期限：2021年3月31日（工作人员已核实）" {
		t.Errorf("problem 5: deadline line %q", got)
	}
	if got := textOf(first(b.pageAt(t, issuePath(seedID, 3)).root, hasClass("deadline-line"))); got != "整改期限：近期（通报未给出具体日期）" {
		t.Errorf("problem 3: deadline line %q", got)
	}
	if got := textOf(first(b.pageAt(t, issuePath(seedID, 4)).root, hasClass("deadline-line"))); got != "整改期限：2020年6月30日（据通报日期推断年份，待核实）" {
		t.Errorf("problem 4: deadline line %q", got)
	}
	if got := textOf(first(b.pageAt(t, issuePath(seedID, 9)).root, hasClass("responsible"))); got != "责任单位：市生态环境局执法支队" {
		t.Errorf("problem 9: responsible %q", got)
	}
	if n == nil || len(n.Issues[4].Updates) != 2 {
		t.Error("the harness did not apply the staff file (applyStaff)")
	}
}

var (
	featureMu sync.Mutex
	features  = map[string]*build{}
)
