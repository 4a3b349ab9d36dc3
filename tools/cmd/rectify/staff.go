package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// staffHeader opens a staff file written by rectify import.
const staffHeader = `工作人员补充的数据：通报原文之外的内容（整改进展、核实的状态、整改期限、责任单位、接续关系）。
写法见 docs/staff.md 和 data/README.md；改完运行 go run ./tools/cmd/rectify check。`

// noStaffContent makes sure that replacing the data file at path with n
// loses nothing staff wrote into it the old way (before staff files):
// updates, confirmed statuses and fill-ins of fields the text leaves
// empty. When there are some, they are moved to the notice's staff file if
// it does not exist yet (and the import goes on); otherwise the import
// stops, listing them. It reports whether the import may write path.
func noStaffContent(path string, n *notice.Notice, stderr io.Writer) bool {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: 错误: 无法读取现有的数据文件：%v；请检查 -o 的路径\n", path, unwrapPath(err))
		return false
	}
	var old map[string]any
	if _, err := toml.Decode(string(data), &old); err != nil {
		fmt.Fprintf(stderr, "%s: 错误: 现有的数据文件读不了（%v），没有改写；数据文件由导入生成，"+
			"如果其中没有你手工加的内容，删除它再导入；有的话，先把它们写进 data/staff/%s.toml\n", path, err, n.ID)
		return false
	}
	s, items := legacyStaff(old, n)
	if len(items) == 0 {
		return true
	}
	staffPath := notice.StaffPath(path)
	if _, err := os.Stat(staffPath); err == nil {
		fmt.Fprintf(stderr, "%s: 错误: 现有的数据文件中有工作人员填写的内容（旧的写法），没有改写：\n", path)
		for _, it := range items {
			fmt.Fprintln(stderr, "  - "+it)
		}
		fmt.Fprintf(stderr, "请把它们按下面的写法加进 %s，从数据文件中删掉，再重新导入：\n\n%s\n", staffPath,
			notice.MarshalStaff(s, "", nil))
		return false
	}
	if err := writeStaffFile(staffPath, notice.MarshalStaff(s, staffHeader, nil)); err != nil {
		fmt.Fprintf(stderr, "%s: 错误: 无法写入工作人员文件：%v；数据文件 %s 没有改写\n", staffPath, unwrapPath(err), path)
		return false
	}
	fmt.Fprintf(stderr, "已把 %s 中工作人员填写的 %d 项内容移到 %s：\n", path, len(items), staffPath)
	for _, it := range items {
		fmt.Fprintln(stderr, "  - "+it)
	}
	return true
}

// legacyStaff finds what staff wrote into an old data file (decoded as
// old): per problem, updates and a confirmed status; fill-ins of fields
// the new import n leaves empty. It returns them as a staff file and as
// lines for staff to read.
func legacyStaff(old map[string]any, n *notice.Notice) (*notice.Staff, []string) {
	s := &notice.Staff{Problems: map[string]notice.StaffProblem{}}
	var items []string
	str := func(m map[string]any, k string) string { v, _ := m[k].(string); return v }
	var nv notice.Notice = *n
	for _, f := range notice.FillIns() {
		if v := str(old, f); v != "" && fieldOf(&nv, f) == "" {
			setFillIn(&s.Notice, f, v)
			items = append(items, fmt.Sprintf("原文没有、补填的 %s = %q", f, v))
		}
	}
	issues, _ := old["issues"].([]map[string]any)
	titles := map[int]string{}
	for _, is := range n.Issues {
		titles[is.Number] = is.Title
	}
	for _, is := range issues {
		num64, _ := is["number"].(int64)
		num := int(num64)
		var p notice.StaffProblem
		if c, _ := is["status_confirmed"].(bool); c {
			p.Status, p.StatusEvidence = str(is, "status"), str(is, "status_evidence")
			if p.StatusEvidence == "" {
				p.StatusEvidence = "工作人员核实（旧数据文件中未写依据，请补写）"
			}
			items = append(items, fmt.Sprintf("问题 %d 核实的状态 %s", num, p.Status))
		}
		if t := str(is, "title"); t != "" && titles[num] == "" {
			p.Title = t
			items = append(items, fmt.Sprintf("问题 %d 补填的标题 %q", num, t))
		}
		ups, _ := is["updates"].([]map[string]any)
		for _, u := range ups {
			p.Updates = append(p.Updates, notice.Update{Date: str(u, "date"), Status: str(u, "status"), Note: str(u, "note"), Source: str(u, "source")})
		}
		if len(ups) > 0 {
			items = append(items, fmt.Sprintf("问题 %d 的 %d 条整改进展", num, len(ups)))
		}
		if p.Status != "" || p.Title != "" || len(p.Updates) > 0 {
			s.Problems[strconv.Itoa(num)] = p
		}
	}
	return s, items
}

func fieldOf(n *notice.Notice, key string) string {
	switch key {
	case "title":
		return n.Title
	case "issuer":
		return n.Issuer
	case "inspected_unit":
		return n.InspectedUnit
	case "inspecting_body":
		return n.InspectingBody
	case "inspection_start":
		return n.InspectionStart
	case "inspection_end":
		return n.InspectionEnd
	case "feedback_date":
		return n.FeedbackDate
	case "published":
		return n.Published
	}
	return ""
}

func setFillIn(sn *notice.StaffNotice, key, v string) {
	switch key {
	case "title":
		sn.Title = v
	case "issuer":
		sn.Issuer = v
	case "inspected_unit":
		sn.InspectedUnit = v
	case "inspecting_body":
		sn.InspectingBody = v
	case "inspection_start":
		sn.InspectionStart = v
	case "inspection_end":
		sn.InspectionEnd = v
	case "feedback_date":
		sn.FeedbackDate = v
	case "published":
		sn.Published = v
	}
}

// readEarlier reads the data file of the notice that the imported one
// continues (--continues id).
func readEarlier(id, self string, stderr io.Writer) (*notice.Notice, bool) {
	if id == self {
		fmt.Fprintf(stderr, "rectify import: 错误: --continues %s 是本通报自己；写本通报接续的前一份通报的编号\n", id)
		return nil, false
	}
	path := filepath.Join("data", "notices", id+".toml")
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "rectify import: 错误: --continues %s：找不到 %s；写前一份通报的编号（data/notices/ 下的文件名，不含 .toml），并在仓库根目录运行\n", id, path)
		return nil, false
	}
	f, diags := notice.Decode(path, data)
	if notice.HasErrors(diags) {
		for _, d := range diags {
			fmt.Fprintln(stderr, d)
		}
		fmt.Fprintf(stderr, "rectify import: 错误: 前一份通报的数据文件 %s 读不了；先改正它\n", path)
		return nil, false
	}
	return f.Notice, true
}

// proposeSeries proposes which problems of n are the same as which of the
// earlier notice it continues, by title, for staff to confirm. With write
// (an import with -o) and no staff file yet, it writes the proposal as
// data/staff/<id>.toml; otherwise it prints it. It reports success.
func proposeSeries(n, earlier *notice.Notice, write bool, stdout, stderr io.Writer) bool {
	matches := matchTitles(n.Issues, earlier.Issues)
	s := &notice.Staff{Notice: notice.StaffNotice{Continues: earlier.ID}, Problems: map[string]notice.StaffProblem{}}
	notes := map[int]string{}
	exact := 0
	for _, m := range matches {
		s.Problems[strconv.Itoa(m.number)] = notice.StaffProblem{Continues: m.earlier}
		how := "标题相同"
		if m.score < 1 {
			how = fmt.Sprintf("标题相近（相似度 %.0f%%）", m.score*100)
		} else {
			exact++
		}
		notes[m.number] = fmt.Sprintf("导入工具的建议，请核对：%s，前一份通报的问题 %d “%s”", how, m.earlier, m.earlierTitle)
	}
	fmt.Fprintf(stderr, "接续 %s：按标题建议对应 %d 个问题（%d 个标题相同，%d 个相近），%d 个没有找到对应，请逐一核对\n",
		earlier.ID, len(matches), exact, len(matches)-exact, len(n.Issues)-len(matches))
	matched := map[int]bool{}
	for _, m := range matches {
		matched[m.number] = true
	}
	var unmatched []string
	for _, is := range n.Issues {
		if !matched[is.Number] {
			unmatched = append(unmatched, fmt.Sprintf("问题 %d “%s”", is.Number, is.Title))
		}
	}
	if len(unmatched) > 0 {
		fmt.Fprintf(stderr, "没有找到对应的：%s；是前一份通报中的问题的，在工作人员文件中写 [problems.N] continues = 前一份通报中的编号；是新问题的不用写\n",
			strings.Join(unmatched, "、"))
	}
	header := staffHeader + "\n本通报接续 " + earlier.ID + "；下面每个 continues 是导入工具按标题提出的建议，核对后提交（不对的改正或删除）。"
	if len(unmatched) > 0 {
		header += "\n没有找到对应的：" + strings.Join(unmatched, "、") + "（是前一份通报中的问题的，补写 continues）。"
	}
	out := notice.MarshalStaff(s, header, notes)
	staffPath := filepath.Join("data", "staff", n.ID+".toml")
	if write {
		if _, err := os.Stat(staffPath); errors.Is(err, fs.ErrNotExist) {
			if err := writeStaffFile(staffPath, out); err != nil {
				fmt.Fprintf(stderr, "%s: 错误: 无法写入：%v\n", staffPath, unwrapPath(err))
				return false
			}
			fmt.Fprintf(stderr, "建议已写入 %s，请核对后提交\n", staffPath)
			return true
		}
		fmt.Fprintf(stderr, "%s 已存在，没有改动；下面是建议，核对后把需要的部分加进去：\n\n", staffPath)
		stderr.Write(out)
		return true
	}
	fmt.Fprintln(stderr, "建议（写进 "+staffPath+"）：")
	stderr.Write(out)
	return true
}

// writeStaffFile writes data to path, making its folder.
func writeStaffFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// titleMatch pairs a problem with the earlier notice's problem of the
// most similar title.
type titleMatch struct {
	number, earlier int
	earlierTitle    string
	score           float64 // 1 for the same title
}

// minTitleSimilarity is the least Dice similarity of two titles' character
// bigrams for a proposal: below it, titles share too little to propose.
const minTitleSimilarity = 0.5

// matchTitles proposes pairs greedily, best similarity first, each problem
// of either notice used once.
func matchTitles(later, earlier []notice.Issue) []titleMatch {
	type cand struct {
		i, j  int
		score float64
	}
	var cands []cand
	for i, a := range later {
		for j, b := range earlier {
			if sc := titleSimilarity(a.Title, b.Title); sc >= minTitleSimilarity {
				cands = append(cands, cand{i, j, sc})
			}
		}
	}
	sort.SliceStable(cands, func(x, y int) bool {
		if cands[x].score != cands[y].score {
			return cands[x].score > cands[y].score
		}
		if cands[x].i != cands[y].i {
			return cands[x].i < cands[y].i
		}
		return cands[x].j < cands[y].j
	})
	usedA, usedB := map[int]bool{}, map[int]bool{}
	var out []titleMatch
	for _, c := range cands {
		if usedA[c.i] || usedB[c.j] {
			continue
		}
		usedA[c.i], usedB[c.j] = true, true
		out = append(out, titleMatch{later[c.i].Number, earlier[c.j].Number, earlier[c.j].Title, c.score})
	}
	sort.Slice(out, func(x, y int) bool { return out[x].number < out[y].number })
	return out
}

// titleSimilarity is 1 for titles equal after dropping punctuation and
// spaces, else the Dice coefficient of their character bigrams.
func titleSimilarity(a, b string) float64 {
	na, nb := titleKey(a), titleKey(b)
	if na == "" || nb == "" {
		return 0
	}
	if na == nb {
		return 1
	}
	bigrams := func(s []rune) map[string]int {
		m := map[string]int{}
		for i := 0; i+1 < len(s); i++ {
			m[string(s[i:i+2])]++
		}
		return m
	}
	ra, rb := []rune(na), []rune(nb)
	ba, bb := bigrams(ra), bigrams(rb)
	common := 0
	for k, c := range ba {
		common += min(c, bb[k])
	}
	total := len(ra) - 1 + len(rb) - 1
	if total <= 0 {
		return 0
	}
	return 0.99 * 2 * float64(common) / float64(total) // never 1 unless equal
}

// titleKey drops what does not tell titles apart: punctuation, quotes, spaces.
func titleKey(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(" \t“”‘’\"'《》〈〉（）()、，,。；;：:！!？?·…—-", r) {
			return -1
		}
		return r
	}, s)
}
