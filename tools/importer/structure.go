package importer

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// issueDraft is a problem before extraction: its paragraphs.
type issueDraft struct {
	line, last int
	num        int      // number in its label
	content    []string // paragraphs; the first without its label
}

var (
	closingStartRe = regexp.MustCompile(`^(?:欢迎|热诚欢迎|热忱欢迎|诚恳欢迎|敬请|请广大|广大干部群众|如有意见|如对|对巡察整改|对巡视整改)`)
	// labelRe matches the label that introduces what was done about a problem.
	labelRe = regexp.MustCompile(`(?:整改情况|整改措施及成效|整改措施和成效|整改措施|整改落实情况|整改进展情况|整改进展|整改成效|整改结果)[：:]|【(?:整改情况|整改措施|整改落实情况|整改进展|整改成效|整改结果)】`)
	// labelStartRe: a line that starts with such a label starts a
	// paragraph, as does one with a deadline or state label (itemLabelRe):
	// "整改时限：立行立改" does not run on into "完成情况：已完成整改。".
	labelStartRe = regexp.MustCompile(`^(?:` + labelRe.String() + `)`)
)

// build splits the body into preamble, sections, the problem tree, closing
// and contact. Every paragraph lands in exactly one place, in order.
func (d *doc) build() {
	n, paras := d.n, d.paras
	var starts []int
	for i, p := range paras {
		if p.kind == mkS {
			starts = append(starts, i)
		}
	}
	implicit := false
	if len(starts) == 0 {
		// No 一、 sections: the structure starts at the first numbered item.
		for i, p := range paras {
			if p.kind == mkA || p.kind == mkC || p.kind == mkP {
				starts = []int{i}
				implicit = true
				break
			}
		}
	}
	if len(starts) == 0 {
		d.noStructure = true
		return
	}
	for i := 0; i < starts[0]; i++ {
		n.Preamble = append(n.Preamble, paras[i].text)
		d.where[i] = "前言"
	}
	type span struct{ head, from, to int } // head: heading paragraph or -1
	var spans []span
	for k, s := range starts {
		to := len(paras)
		if k+1 < len(starts) {
			to = starts[k+1]
		}
		if implicit {
			spans = append(spans, span{-1, s, to})
		} else {
			spans = append(spans, span{s, s + 1, to})
		}
	}
	closing := -1 // first paragraph of the closing
	last := spans[len(spans)-1]
	for i := last.from; i < last.to; i++ {
		p := paras[i]
		if p.kind == mkNone && (closingStartRe.MatchString(p.text) || contactKeyRe.MatchString(p.text)) {
			closing = i
			break
		}
	}
	if closing >= 0 {
		spans[len(spans)-1].to = closing
	}
	// The problems section is the one whose numbered items name problems.
	scores := make([]int, len(spans))
	best, kind := -1, mkNone
	for k, sp := range spans {
		var kd markerKind
		scores[k], kd = d.problemLevel(sp.from, sp.to)
		if scores[k] > 0 && (best < 0 || scores[k] > scores[best]) {
			best, kind = k, kd
		}
	}
	// Some notices put each 方面 in its own 一、 part ("一、关于…方面的问题"
	// "二、…"): consecutive parts with problems become the areas of one
	// problems section, which then has no label and title of its own.
	runStart, runEnd := best, best
	if best >= 0 && !implicit {
		for runStart > 0 && scores[runStart-1] > 0 {
			runStart--
		}
		for runEnd+1 < len(spans) && scores[runEnd+1] > 0 {
			runEnd++
		}
	}
	merged := runEnd > runStart
	if merged {
		_, kind = d.problemLevel(spans[runStart].head, spans[runEnd].to)
	}
	// Other notices make each problem a part of its own ("一、关于“…”问题"
	// then "整改措施及成效：…"): a part whose heading names a problem and
	// that has no numbered problems inside. The longest run of such parts
	// is the problems section, unless deeper items name more problems.
	topStart, topEnd := -1, -1
	if !implicit {
		for k := 0; k < len(spans); {
			e := k
			for e < len(spans) && scores[e] == 0 && d.isProblem(spans[e].head) {
				e++
			}
			if e > k && (topStart < 0 || e-k > topEnd-topStart+1) {
				topStart, topEnd = k, e-1
			}
			k = max(e, k+1)
		}
		if topStart >= 0 && best >= 0 && scores[best] > topEnd-topStart+1 {
			topStart, topEnd = -1, -1
		}
	}
	if topStart >= 0 {
		merged, runStart, runEnd, best, kind = true, topStart, topEnd, topStart, mkS
	}
	// The problems run to the end of the body: a paragraph after the last
	// one that speaks of the whole rectification may be the closing.
	if end := len(spans) - 1; best == end || merged && runEnd == end {
		from := spans[best].from
		if merged {
			from = spans[runStart].from
		}
		if j := d.closingAfterProblems(from, spans[end].to, kind); j >= 0 {
			spans[end].to, closing = j, j
		}
	}
	for k, sp := range spans {
		if merged && k >= runStart && k <= runEnd {
			if k == runStart {
				// The parts are the problems themselves (kind 一、) or
				// their areas.
				s := notice.Section{Problems: true}
				partsAreAreas := kind != mkS
				d.buildProblems(&s, sp.head, spans[runEnd].to, kind, "问题部分", partsAreAreas)
				msg, what := "具体问题是%s至%s这%d个部分本身，已作为问题导入", "问题"
				if partsAreAreas {
					msg, what = "具体问题分在%s至%s这%d个部分中，已把这些部分作为“方面”导入", "方面"
				}
				d.warn(paras[sp.head].line, fmt.Sprintf(msg+"；问题部分在原文中没有自己的标题，title 留空",
					paras[sp.head].label, paras[spans[runEnd].head].label, runEnd-runStart+1),
					"请对照原文核对"+what+"的划分；title 保持为空，不要编写")
				n.Sections = append(n.Sections, s)
			}
			continue
		}
		var s notice.Section
		name := "正文"
		if sp.head >= 0 {
			d.repairHeading(sp.head)
			h := paras[sp.head]
			s.Label, s.Title = h.label, h.rest()
			name = "第" + chineseNumeral(h.num) + "部分"
			d.where[sp.head] = name
		}
		if k == best {
			s.Problems = true
			d.buildProblems(&s, sp.from, sp.to, kind, name, false)
		} else {
			if scores[k] > 0 {
				d.warn(paras[max(sp.head, sp.from)].line, fmt.Sprintf("%s%s中也有具体问题，但问题部分只能有一个，这一部分已作为段落导入", s.Label, clip(s.Title, 20)),
					"请核对 static/originals 中的原文；原文就是这样划分的，保持原样（这些文字照录在该部分中，没有丢失）；不要在数据文件中移动或改写这些文字，识别有误的请联系技术人员")
			}
			for i := sp.from; i < sp.to; i++ {
				s.Paragraphs = append(s.Paragraphs, paras[i].text)
				d.where[i] = name
			}
		}
		n.Sections = append(n.Sections, s)
	}
	if best < 0 {
		d.warn(paras[starts[0]].line, "没有找到编号的具体问题（如“（1）针对“…”的问题，…”或“1.关于…的问题。整改情况：…”）",
			"请核对原文的问题编号和写法；各部分已作为段落导入")
	}
	if closing >= 0 {
		d.buildClosing(closing)
	}
}

// repairHeading drops the full stop of the heading paragraph i (see
// headingStop): part of the layout repair, done where the structure shows
// that the paragraph is a heading.
func (d *doc) repairHeading(i int) {
	p := &d.paras[i]
	p.text = p.label + headingStop(p.rest())
}

// problemLevel scores a section: how many of its numbered items of one level
// name a problem (针对“…”的问题 / 关于…的问题), or else carry a 整改情况：
// label; and that level.
func (d *doc) problemLevel(from, to int) (int, markerKind) {
	lead := map[markerKind]int{}
	label := map[markerKind]int{}
	for i := from; i < to; i++ {
		p := d.paras[i]
		if p.kind != mkA && p.kind != mkC && p.kind != mkP && p.kind != mkW {
			continue
		}
		if _, _, ok, _ := parseLead(p.rest()); ok {
			lead[p.kind]++
		} else if d.hasLabel(i) {
			label[p.kind]++
		}
	}
	for _, m := range []map[markerKind]int{lead, label} {
		score, kind := 0, mkNone
		for _, k := range []markerKind{mkA, mkC, mkP, mkW} {
			if m[k] > 0 && m[k] >= score {
				score, kind = m[k], k
			}
		}
		if score > 0 {
			return score, kind
		}
	}
	return 0, mkNone
}

// hasLabel: the item's own text, or the paragraph right after it, has a
// 整改情况： label near its start.
func (d *doc) hasLabel(i int) bool {
	if loc := labelRe.FindStringIndex(d.paras[i].rest()); loc != nil && loc[0] < 600 {
		return true
	}
	if i+1 < len(d.paras) && d.paras[i+1].kind == mkNone {
		if loc := labelRe.FindStringIndex(d.paras[i+1].text); loc != nil && loc[0] == 0 {
			return true
		}
	}
	return false
}

// buildProblems builds areas, categories and issues from the paragraphs of
// the problems section. Levels above the problem level are areas and
// categories; deeper levels are the problems' own text.
func (d *doc) buildProblems(s *notice.Section, from, to int, probKind markerKind, name string, partsAreAreas bool) {
	n, paras := d.n, d.paras
	areaKind, catKind := mkNone, mkNone
	present := map[markerKind]int{}
	fangmian := 0
	for i := from; i < to; i++ {
		present[paras[i].kind]++
		if paras[i].kind == mkC && strings.HasSuffix(paras[i].text, "方面") {
			fangmian++
		}
	}
	switch {
	case partsAreAreas:
		areaKind = mkS
		for _, k := range []markerKind{mkA, mkC} {
			if k < probKind && present[k] > 0 {
				catKind = k
			}
		}
	case probKind == mkP || probKind == mkW:
		if present[mkA] > 0 {
			areaKind = mkA
		}
		if present[mkC] > 0 {
			if areaKind == mkNone && fangmian*2 > present[mkC] {
				areaKind = mkC
			} else {
				catKind = mkC
			}
		}
	case probKind == mkC:
		if present[mkA] > 0 {
			areaKind = mkA
		}
	}
	var (
		area, cat *int // numbers of the open area and category
		issue     = -1 // index of the open issue in d.issues
		intro     *notice.Lines
		introName string
		lastNum   = 0
	)
	intro, introName = &s.Paragraphs, name
	for i := from; i < to; i++ {
		p := paras[i]
		if p.kind != mkNone && (p.kind == areaKind || p.kind == catKind) {
			d.repairHeading(i)
			p = paras[i]
		}
		switch {
		case p.kind != mkNone && p.kind == areaKind:
			n.Areas = append(n.Areas, notice.Area{Number: len(n.Areas) + 1, Label: p.label, Title: p.rest()})
			a := &n.Areas[len(n.Areas)-1]
			if p.num != a.Number && !partsAreAreas {
				d.warn(p.line, fmt.Sprintf("方面编号%s与顺序（第%d个方面）不一致", p.label, a.Number), "请核对原文是否缺少或重复了某个方面")
			}
			num := a.Number
			area, cat, issue = &num, nil, -1
			intro, introName = &a.Intro, "方面"+p.label
			d.where[i] = introName
		case p.kind != mkNone && p.kind == catKind:
			c := notice.Category{Number: len(n.Categories) + 1, Label: p.label, Title: p.rest()}
			if area != nil {
				c.Area = *area
			}
			n.Categories = append(n.Categories, c)
			num := c.Number
			cat, issue = &num, -1
			intro, introName = &n.Categories[len(n.Categories)-1].Intro, fmt.Sprintf("第%d类", num)
			d.where[i] = introName
		case p.kind == probKind && d.isProblem(i):
			is := notice.Issue{Number: len(n.Issues) + 1, Label: p.label}
			if area != nil {
				is.Area = *area
			}
			if cat != nil {
				is.Category = *cat
			}
			if p.num != lastNum+1 && !(p.num == 1 && lastNum > 0) {
				d.warn(p.line, fmt.Sprintf("问题编号不连续：%s之前的问题编号是%d", p.label, lastNum), "请核对原文是否缺少、重复了某个问题或编号有误")
			}
			lastNum = p.num
			n.Issues = append(n.Issues, is)
			d.issues = append(d.issues, issueDraft{line: p.line, last: p.last, num: p.num, content: []string{p.rest()}})
			issue = len(d.issues) - 1
			d.where[i] = fmt.Sprintf("问题（%d）", is.Number)
		default:
			if p.kind == probKind {
				lastNum = p.num
				d.warn(p.line, fmt.Sprintf("“%s”编号与具体问题同级，但不像一个问题（没有“针对…问题”“关于…问题”或“整改情况：”）", clip(p.text, 30)),
					"已作为上一个问题或标题下的文字导入，没有丢失；请核对 static/originals 中的原文，确为具体问题的请联系技术人员；不要改写原文或数据文件中的文字")
			}
			if issue >= 0 {
				is := &d.issues[issue]
				is.content = append(is.content, p.text)
				is.last = p.last
				d.where[i] = fmt.Sprintf("问题（%d）", issue+1)
			} else {
				*intro = append(*intro, p.text)
				d.where[i] = introName
			}
		}
	}
}

// summingUp starts a paragraph that sums up (总体来看, 综上).
const summingUp = `总体(?:上)?(?:看|来看|而言)|总的来看|综上`

// wholeNoticeRe: the start of a paragraph that may be about the whole
// rectification (下一步，局党委将…; 截至目前，反馈的6个问题已全部整改到位).
var wholeNoticeRe = regexp.MustCompile(`^(?:下一步|今后|截至目前|截至[^，。；]{1,12}[，,](?:反馈|巡察|巡视|全部|所有)|` + summingUp + `)`)

// wholeSubjectRe: words that make such a paragraph the unit's word on the
// whole rectification: a summing up (总体来看, 综上), the unit as the
// subject of 下一步 (下一步，市住建局党组将…, 下一步，县财政局将…) or the
// problems as a whole (全部, 整改任务, 剩余问题, 反馈的6个问题, 整改成果);
// oneProblemRe: words that keep it with one problem (该问题, 此项).
var (
	wholeSubjectRe = regexp.MustCompile(`^(?:` + summingUp + `)|^(?:下一步|今后)[，,]?(?:[^，。；]{0,14}?(?:党组|党委|党总支)|我们|我局|我委|我院|我校|我部|本单位|[^，。；将]{1,12}?(?:局|委|办|院|校|公司)将)|整改成[果效]|整改任务|整改工作|全部问题|全部整改(?:到位|完成)|各项整改|剩余问题|反馈(?:的)?问题|[0-9０-９一二三四五六七八九十]+(?:个|项)(?:反馈)?问题`)
	oneProblemRe   = regexp.MustCompile(`该问题|此问题|这一问题|这个问题|该项|此项`)
)

// closingAfterProblems returns where the closing starts, or -1: a
// paragraph after the last problem (items of kind between from and to)
// that speaks of the whole rectification belongs to the notice, not to
// that problem: it starts so (wholeNoticeRe), names the unit or the
// problems as a whole (wholeSubjectRe) and no single problem
// (oneProblemRe), and no label of a problem's text follows it. Kept with
// the problem, it would give the problem the notice's status and deadline.
// Where every problem is one paragraph, only the first unnumbered
// paragraph after the last is judged.
func (d *doc) closingAfterProblems(from, to int, kind markerKind) int {
	var probs []int
	for i := from; i < to; i++ {
		if d.paras[i].kind == kind && d.isProblem(i) {
			probs = append(probs, i)
		}
	}
	if len(probs) < 2 {
		return -1
	}
	lastProblem := probs[len(probs)-1]
	onePara := true
	for i := probs[0]; i < lastProblem; i++ {
		if d.paras[i].kind == mkNone {
			onePara = false
		}
	}
	for i := lastProblem + 1; i < to; i++ {
		p := d.paras[i]
		if p.kind != mkNone {
			continue
		}
		if wholeNoticeRe.MatchString(p.text) && wholeSubjectRe.MatchString(p.text) && !oneProblemRe.MatchString(p.text) && !d.labelAfter(i, to) {
			return i
		}
		if onePara {
			return -1
		}
	}
	return -1
}

// labelAfter: a paragraph from i to to starts with a label of a problem's
// text (整改情况：, 整改时限：…): the problem goes on there.
func (d *doc) labelAfter(i, to int) bool {
	for ; i < to; i++ {
		if startsWithLabel(d.paras[i].text) {
			return true
		}
	}
	return false
}

// isProblem: an item at the problem level names a problem or carries a
// 整改情况： label; otherwise it is an organisational heading.
func (d *doc) isProblem(i int) bool {
	if i < 0 {
		return false
	}
	if _, _, ok, _ := parseLead(d.paras[i].rest()); ok {
		return true
	}
	return d.hasLabel(i)
}

// buildClosing puts the paragraphs from i on into the closing and the
// contact text (from the first contact keyword to the end).
func (d *doc) buildClosing(i int) {
	n := d.n
	var contact []string
	for ; i < len(d.paras); i++ {
		p := d.paras[i]
		if contact != nil {
			contact = append(contact, p.text)
			d.where[i] = "联系方式"
			continue
		}
		loc := contactKeyRe.FindStringIndex(p.text)
		if loc == nil {
			n.Closing = append(n.Closing, p.text)
			d.where[i] = "结尾"
			continue
		}
		if before := p.text[:loc[0]]; strings.TrimSpace(before) != "" {
			n.Closing = append(n.Closing, before)
			d.where[i] = "结尾"
		} else {
			d.where[i] = "联系方式"
		}
		contact = append(contact, p.text[loc[0]:])
		if i+1 < len(d.paras) {
			d.warn(d.paras[i+1].line, "联系方式之后还有文字（落款等），已并入联系方式", "请核对 static/originals 中的原文；原文即如此的，保持原样；不要在数据文件中改动 [contact] text，识别错的字只通过 "+d.correctionsFile()+" 更正")
		}
	}
	n.Contact.Text = strings.Join(contact, "\n")
}

// clip shortens s to n characters for a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
