package notice

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Staff is what staff add to one notice, in data/staff/<id>.toml: never
// the notice's own words (those are in the data file, which only `rectify
// import` writes), but what they confirmed, learned or decided since.
// Everything about a problem is keyed by its number, so an entry cannot
// land on the wrong problem:
//
//	[problems.2]
//	deadline = "2020-12-31"
//	deadline_evidence = "整改方案：2020年底前完成"
//
//	[[problems.2.updates]]
//	date = "2021-01-15"
//	status = "已完成"
//
// The site merges it with the data file in one place,
// layouts/_partials/func/notice-merge.html; data/README.md documents it for staff.
type Staff struct {
	Notice StaffNotice `toml:"notice,omitempty"`
	// Problems is keyed by the problem's number in decimal ("2"), as TOML
	// table keys are text.
	Problems map[string]StaffProblem `toml:"problems,omitempty"`
}

// StaffNotice is the [notice] table of a staff file.
type StaffNotice struct {
	// Continues is the id of the earlier notice this one continues (a
	// 整改进展 notice followed by a 整改完成 notice, or a notice a round).
	Continues string `toml:"continues,omitempty"`
	// OfficialURL is the address of the notice as officially published.
	OfficialURL string `toml:"official_url,omitempty"`
	// Level is the level of the inspection (one of Levels), when staff know
	// it; without it the site infers one and says so.
	Level string `toml:"level,omitempty"`
	// Round is the inspection round as its documents name it (e.g.
	// 十四届市委第三轮巡察), when staff know it.
	Round string `toml:"round,omitempty"`

	// Fill-ins: allowed only where the import left the field empty because
	// the text does not give it (see FillIns).
	Title           string `toml:"title,omitempty"`
	Issuer          string `toml:"issuer,omitempty"`
	InspectedUnit   string `toml:"inspected_unit,omitempty"`
	InspectingBody  string `toml:"inspecting_body,omitempty"`
	InspectionStart string `toml:"inspection_start,omitempty"`
	InspectionEnd   string `toml:"inspection_end,omitempty"`
	FeedbackDate    string `toml:"feedback_date,omitempty"`
	Published       string `toml:"published,omitempty"`
}

// StaffProblem is one [problems.N] table of a staff file.
type StaffProblem struct {
	// Title fills in a problem title the import could not read (only then).
	Title string `toml:"title,omitempty"`
	// Status is the status at publication as staff confirmed it (one of
	// Statuses); StatusEvidence says on what (a document, a phrase).
	Status         string `toml:"status,omitempty"`
	StatusEvidence string `toml:"status_evidence,omitempty"`
	// Deadline is a deadline staff set or confirmed (YYYY-MM-DD, the last
	// day), with the document or words it comes from.
	Deadline         string `toml:"deadline,omitempty"`
	DeadlineEvidence string `toml:"deadline_evidence,omitempty"`
	// Responsible is the unit responsible for the rectification (责任单位).
	Responsible string `toml:"responsible,omitempty"`
	// Continues is the number of the same problem in the notice that
	// StaffNotice.Continues names.
	Continues int `toml:"continues,omitzero"`
	// Updates are the status changes after the notice, in any order (the
	// site sorts them by date).
	Updates []Update `toml:"updates,omitempty"`
}

// Problem returns the staff entry of problem number n (zero when none).
func (s *Staff) Problem(n int) StaffProblem {
	if s == nil {
		return StaffProblem{}
	}
	return s.Problems[strconv.Itoa(n)]
}

// ApplyStaff merges the staff file s into n as the site does
// (layouts/_partials/func/notice-merge.html): fill-ins where n's field is empty;
// per problem, a confirmed status (StatusConfirmed), a staff deadline
// (DeadlineBasis ProvenanceConfirmed), the responsible unit, what it
// continues and the updates sorted by date. A nil s changes nothing.
func (n *Notice) ApplyStaff(s *Staff) {
	if s == nil {
		return
	}
	for _, f := range fillIns {
		if v := *f.staff(&s.Notice); v != "" && *f.data(n) == "" {
			*f.data(n) = v
		}
	}
	n.OfficialURL, n.Continues = s.Notice.OfficialURL, s.Notice.Continues
	n.Level, n.Round = s.Notice.Level, s.Notice.Round
	for i := range n.Issues {
		is := &n.Issues[i]
		p := s.Problem(is.Number)
		if is.Title == "" {
			is.Title = p.Title
		}
		if p.Status != "" && !is.StatusConfirmed {
			is.noticeStatus, is.noticeEvidence = is.Status, is.StatusEvidence
			is.Status, is.StatusEvidence, is.StatusConfirmed = p.Status, p.StatusEvidence, true
		}
		if p.Deadline != "" {
			is.Deadline, is.DeadlineEvidence, is.DeadlineBasis = p.Deadline, p.DeadlineEvidence, ProvenanceConfirmed
		}
		is.Responsible, is.Continues = p.Responsible, p.Continues
		is.Updates = slices.Clone(p.Updates)
		sort.SliceStable(is.Updates, func(a, b int) bool { return is.Updates[a].Date < is.Updates[b].Date })
	}
}

// StaffPath returns the staff file of the notice whose data file is
// dataPath: data/staff/<id>.toml next to data/notices/.
func StaffPath(dataPath string) string {
	return filepath.Join(filepath.Dir(filepath.Dir(dataPath)), "staff", fileID(dataPath)+".toml")
}

// fileID is the notice id that a data file's name gives
// (data/notices/x.toml → x): the id it must hold, and the name of its
// staff file and corrections list.
func fileID(file string) string {
	return strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
}

// fillIn is a notice field that the staff file may fill in.
type fillIn struct {
	key   string
	staff func(*StaffNotice) *string
	data  func(*Notice) *string
}

var fillIns = []fillIn{
	{"title", func(s *StaffNotice) *string { return &s.Title }, func(n *Notice) *string { return &n.Title }},
	{"issuer", func(s *StaffNotice) *string { return &s.Issuer }, func(n *Notice) *string { return &n.Issuer }},
	{"inspected_unit", func(s *StaffNotice) *string { return &s.InspectedUnit }, func(n *Notice) *string { return &n.InspectedUnit }},
	{"inspecting_body", func(s *StaffNotice) *string { return &s.InspectingBody }, func(n *Notice) *string { return &n.InspectingBody }},
	{"inspection_start", func(s *StaffNotice) *string { return &s.InspectionStart }, func(n *Notice) *string { return &n.InspectionStart }},
	{"inspection_end", func(s *StaffNotice) *string { return &s.InspectionEnd }, func(n *Notice) *string { return &n.InspectionEnd }},
	{"feedback_date", func(s *StaffNotice) *string { return &s.FeedbackDate }, func(n *Notice) *string { return &n.FeedbackDate }},
	{"published", func(s *StaffNotice) *string { return &s.Published }, func(n *Notice) *string { return &n.Published }},
}

// FillIns returns the notice keys a staff file may fill in (when the
// import left them empty), in file order.
func FillIns() []string {
	keys := make([]string, len(fillIns))
	for i, f := range fillIns {
		keys[i] = f.key
	}
	return keys
}

// staffFile is a decoded staff file with its checker (for line numbers).
type staffFile struct {
	path  string
	staff *Staff
	c     *checker
}

// loadStaff reads the staff file of the data file at dataPath, if there is
// one. ok is false when it exists but cannot be read or decoded (the
// findings say why).
func loadStaff(dataPath string, now time.Time) (sf *staffFile, fs []finding, ok bool) {
	path := StaffPath(dataPath)
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil, true
	}
	if err != nil {
		return nil, []finding{newFinding(kRead, path, 0, "无法读取文件："+err.Error(), "检查文件的权限")}, false
	}
	c := &checker{file: path, now: now, staff: true}
	s := &Staff{}
	if !c.decode(data, s) {
		return nil, c.out, false
	}
	return &staffFile{path: path, staff: s, c: c}, nil, true
}

// applyFillIns copies the staff file's fill-ins into n, reporting a
// fill-in of a field the import filled from the text.
func (sf *staffFile) applyFillIns(n *Notice, dataFile string) {
	for _, f := range fillIns {
		v := *f.staff(&sf.staff.Notice)
		if v == "" {
			continue
		}
		if have := *f.data(n); have != "" {
			sf.c.report(kStaffFillIn, sf.c.ix.line("notice."+f.key, "notice"),
				fmt.Sprintf("[notice] 的 %s 在通报原文中已有（%s 中是 %q），工作人员文件只能补填原文没有的内容", f.key, filepath.ToSlash(dataFile), have),
				fmt.Sprintf("删除这一行；原文的文字有误的，写进更正清单 data/corrections/%s.toml 后重新导入", n.ID))
			continue
		}
		*f.data(n) = v
	}
}

// fillIn returns the staff file's fill-in of the notice key ("" when none).
func (sf *staffFile) fillIn(key string) string {
	for _, f := range fillIns {
		if f.key == key {
			return *f.staff(&sf.staff.Notice)
		}
	}
	return ""
}

// problemKeys returns the staff file's problem keys in file order.
func (sf *staffFile) problemKeys() []string {
	keys := make([]string, 0, len(sf.staff.Problems))
	for k := range sf.staff.Problems {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := sf.c.ix.line("problems."+keys[i]), sf.c.ix.line("problems."+keys[j])
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// validate checks the staff file against its notice n (after fill-ins)
// and the other notices (by id), for the notice it continues.
func (sf *staffFile) validate(n *Notice, byID map[string]*Notice) {
	c := sf.c
	s := sf.staff
	var published ymd
	pubOK := false
	if n.Published != "" {
		if d, ok := parseYMD(n.Published); ok {
			published, pubOK = d, true
		}
	}

	var earlier *Notice
	if id := s.Notice.Continues; id != "" {
		line := c.ix.line("notice.continues", "notice")
		switch e := byID[id]; {
		case id == n.ID:
			c.report(kStaffContinues, line, "[notice] continues 写的是本通报自己", "写本通报接续的前一份通报的编号（data/notices/ 下的文件名，不含 .toml），或删除这一行")
		case e == nil:
			c.report(kStaffContinues, line, fmt.Sprintf("[notice] continues = %q：没有这份通报（data/notices/%s.toml 不存在）", id, id),
				"写前一份通报的编号，即 data/notices/ 下它的文件名（不含 .toml）"+idHint(byID, n.ID))
		default:
			earlier = e
			if d, ok := parseYMD(e.Published); ok && pubOK && d.cmp(published) > 0 {
				c.report(kStaffContinues, line, fmt.Sprintf("[notice] continues = %q，但那份通报（%s 发布）晚于本通报（%s 发布）", id, e.Published, n.Published),
					"continues 写在后发布的通报的工作人员文件里，指向先发布的那一份")
			}
		}
	}
	if u := s.Notice.OfficialURL; u != "" {
		if p, err := url.Parse(u); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || strings.ContainsAny(u, " \t\n\r") {
			c.report(kStaffURL, c.ix.line("notice.official_url", "notice"), fmt.Sprintf("official_url = %q 不是完整的网址", u),
				`写成以 https:// 或 http:// 开头的完整网址，例如 official_url = "https://www.example.gov.cn/xxgk/2020/05/t20200512_1.html"`)
		}
	}

	if l := s.Notice.Level; l != "" && !slices.Contains(Levels, l) {
		c.report(kStaffLevel, c.ix.line("notice.level", "notice"), fmt.Sprintf("level = %q 不是规定的层级", l),
			"只能是："+strings.Join(Levels, "、")+"；不知道时不写，网站会根据巡察组名称推断并注明是推断的")
	}
	if r := s.Notice.Round; r != "" && (blank(r) || strings.ContainsAny(r, "\n\r") || strings.TrimSpace(r) != r) {
		c.report(kStaffLevel, c.ix.line("notice.round", "notice"), fmt.Sprintf("round = %q 不是一行文字", r),
			`写成一行，前后不留空格，例如 round = "十四届市委第三轮巡察"；不知道时不写`)
	}

	numbers := map[int]Issue{}
	for _, is := range n.Issues {
		numbers[is.Number] = is
	}
	claimed := map[int]string{} // earlier problem number -> key that continues it
	for _, key := range sf.problemKeys() {
		p := s.Problems[key]
		path := "problems." + key
		line := c.ix.line(path)
		num, err := strconv.Atoi(key)
		is, exists := numbers[num]
		if err != nil || num < 1 || strconv.Itoa(num) != key || !exists {
			what := fmt.Sprintf("[problems.%s] 不是问题的编号", key)
			if err == nil && num >= 1 && strconv.Itoa(num) != key {
				c.report(kStaffProblem, line, fmt.Sprintf("[problems.%s] 的编号前面多了 0", key), fmt.Sprintf("写成 [problems.%d]", num))
				continue
			}
			if err == nil && num >= 1 {
				what = fmt.Sprintf("[problems.%s]：通报中没有第 %d 个问题（共 %d 个）", key, num, len(n.Issues))
			}
			c.report(kStaffProblem, line, what,
				fmt.Sprintf("写成 [problems.N]，N 是问题的编号（1 到 %d，即网址 /notices/%s/issues/N/ 中的数字）", len(n.Issues), n.ID))
			continue
		}
		name := fmt.Sprintf("问题 %d ", num)
		if p.Title != "" && is.Title != "" {
			c.report(kStaffFillIn, c.ix.line(path+".title", path),
				fmt.Sprintf("%s的标题原文已有（%q），工作人员文件只能补填原文没有的标题", name, is.Title),
				fmt.Sprintf("删除这一行；原文的文字有误的，写进更正清单 data/corrections/%s.toml 后重新导入", n.ID))
		}
		if p.Status != "" || p.StatusEvidence != "" {
			if p.Status == "" {
				c.report(kRequired, c.ix.line(path+".status_evidence", path), fmt.Sprintf("%s写了核实依据 status_evidence，但没有写核实的状态 status", name),
					`补上 status = "正在整改"（或 基本完成、已完成）`)
			} else if !slices.Contains(Statuses, p.Status) {
				c.report(kStatus, c.ix.line(path+".status", path), fmt.Sprintf("未知的整改状态 status = %q", p.Status),
					"只能是："+strings.Join(Statuses, "、"))
			}
			if blank(p.StatusEvidence) {
				c.report(kEvidence, c.ix.line(path+".status", path), fmt.Sprintf("%s的核实状态没有写依据 status_evidence", name),
					`写上核实所依据的文件或原话，例如 status_evidence = "整改台账（2020年6月）：已办结"`)
			}
		}
		if p.Deadline != "" || p.DeadlineEvidence != "" {
			if p.Deadline == "" {
				c.report(kRequired, c.ix.line(path+".deadline_evidence", path), fmt.Sprintf("%s写了期限依据 deadline_evidence，但没有写期限 deadline", name),
					`补上 deadline = "2020-12-31"（年-月-日，期限的最后一天）`)
			} else if c.dateAny(p.Deadline, path, "deadline") {
				// A deadline before the inspection's findings were given is
				// a typo, and would be published as overdue "staff-verified".
				d, _ := parseYMD(p.Deadline)
				for _, after := range []struct{ key, value, name string }{
					{"feedback_date", n.FeedbackDate, "巡察反馈日期"},
					{"inspection_end", n.InspectionEnd, "巡察结束日期"},
					{"inspection_start", n.InspectionStart, "巡察开始日期"},
				} {
					if a, ok := parseYMD(after.value); ok {
						if d.cmp(a) < 0 {
							c.report(kDateOrder, c.ix.line(path+".deadline", path),
								fmt.Sprintf("%s的整改期限 %s 早于通报的%s %s", name, p.Deadline, after.name, after.value),
								"整改期限在巡察反馈之后；多半是年份写错，核对整改方案")
						}
						break
					}
				}
			}
			if blank(p.DeadlineEvidence) {
				c.report(kEvidence, c.ix.line(path+".deadline", path), fmt.Sprintf("%s的整改期限没有写依据 deadline_evidence", name),
					`写上期限所依据的文件或原话，例如 deadline_evidence = "整改方案：2020年底前完成"`)
			}
		}
		if p.Continues != 0 {
			cl := c.ix.line(path+".continues", path)
			if other, dup := claimed[p.Continues]; dup {
				c.report(kStaffContinues, cl, fmt.Sprintf("%s和问题 %s 都写了 continues = %d", name, other, p.Continues),
					"前一份通报的一个问题只能对应本通报的一个问题；核对后改正其中一个")
			}
			claimed[p.Continues] = key
			switch {
			case s.Notice.Continues == "":
				c.report(kStaffContinues, cl, fmt.Sprintf("%s写了 continues = %d，但 [notice] 没有写接续哪一份通报", name, p.Continues),
					`在文件开头的 [notice] 中写 continues = "前一份通报的编号"`)
			case earlier != nil && !hasIssue(earlier, p.Continues):
				c.report(kStaffContinues, cl, fmt.Sprintf("%s写了 continues = %d，但通报 %s 中没有第 %d 个问题（共 %d 个）", name, p.Continues, earlier.ID, p.Continues, len(earlier.Issues)),
					"写前一份通报中同一问题的编号")
			}
		}
		seen := map[string]int{} // date -> index of the first update that day
		for j, u := range p.Updates {
			up := fmt.Sprintf("%s.updates[%d]", path, j)
			if c.require(u.Status, up, "status", `status = "已完成"`) {
				c.status(u.Status, up, "status", Statuses)
			}
			if !c.require(u.Date, up, "date", `date = "2020-12-31"`) {
				continue
			}
			d, ok := c.date(u.Date, up, "date", false)
			if !ok {
				continue
			}
			dl := c.ix.line(up+".date", up)
			if pubOK && d.cmp(published) < 0 {
				c.report(kUpdateEarly, dl, fmt.Sprintf("%s的整改进展日期 %s 早于通报发布日期 %s", name, u.Date, n.Published),
					"进展记录通报发布之后的变化；核对日期")
			}
			if k, dup := seen[u.Date]; dup {
				first := p.Updates[k]
				fl := c.ix.line(fmt.Sprintf("%s.updates[%d].date", path, k))
				if first == u {
					c.report(kUpdateOrder, dl, fmt.Sprintf("%s的这条整改进展与第 %d 行的一条完全相同", name, fl), "删除重复的一条")
				} else {
					c.report(kUpdateOrder, dl, fmt.Sprintf("%s在 %s 有两条整改进展（另一条在第 %d 行）", name, u.Date, fl),
						"同一天的进展合并为一条，写当天最后的状态；不然网站无法确定当前状态")
				}
				continue
			}
			seen[u.Date] = j
		}
	}
}

// movedToStaff is the hint for a key of a data file that staff now write
// in the staff file (the old way of writing it), or "".
func movedToStaff(key, table string) string {
	if !strings.HasPrefix(table, "issues[") || strings.Contains(table, ".") {
		return ""
	}
	switch key {
	case "updates":
		return "整改进展不写在数据文件里：删除这一条，改写在工作人员文件 data/staff/<id>.toml 中，写成 [[problems.N.updates]]（N 是问题编号），见 docs/staff.md"
	case "status_confirmed":
		return "核实的状态不写在数据文件里：删除这一行，在工作人员文件 data/staff/<id>.toml 的 [problems.N] 中写 status 和 status_evidence，见 data/README.md"
	}
	return ""
}

// checkSeries reports notices that continue each other in a circle.
func checkSeries(staff map[string]*staffFile) []finding {
	var out []finding
	ids := make([]string, 0, len(staff))
	for id := range staff {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		seen := map[string]bool{id: true}
		for cur := staff[id].staff.Notice.Continues; cur != ""; {
			if cur == id {
				sf := staff[id]
				out = append(out, newFinding(kStaffContinues, sf.path, sf.c.ix.line("notice.continues", "notice"),
					fmt.Sprintf("通报 %s 的 continues 兜了一个圈，最后又接续回自己", id),
					"每份通报只写它接续的前一份（更早发布的）通报"))
				break
			}
			if seen[cur] || staff[cur] == nil {
				break
			}
			seen[cur] = true
			cur = staff[cur].staff.Notice.Continues
		}
	}
	return out
}

func hasIssue(n *Notice, number int) bool {
	for _, is := range n.Issues {
		if is.Number == number {
			return true
		}
	}
	return false
}

// idHint lists some notice ids for a hint.
func idHint(byID map[string]*Notice, self string) string {
	var ids []string
	for id := range byID {
		if id != self {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	if len(ids) == 0 {
		return "（目前 data/notices/ 下没有别的通报）"
	}
	if len(ids) > 5 {
		ids = append(ids[:5], "…")
	}
	return "，现有的有：" + strings.Join(ids, "、")
}

// parseYMD parses YYYY-MM-DD or YYYY-MM (day 0) without reporting.
func parseYMD(s string) (ymd, bool) {
	for _, layout := range []string{time.DateOnly, "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			d := ymd{t.Year(), int(t.Month()), t.Day()}
			if layout != time.DateOnly {
				d.d = 0
			}
			return d, true
		}
	}
	return ymd{}, false
}
