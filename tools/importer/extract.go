package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

var (
	leadQuoteRe = regexp.MustCompile(`^(?:针对|关于)[^“”"。；，\n]{0,20}?“`)
	leadTailRe  = regexp.MustCompile(`^(?:的?问题(?:的?整改(?:落实)?情况)?)?(?:[，,。：:；]|\n|$)`)
	// leadBareRe: a first line that is only "…的问题" (no clause, no
	// quotes inside: "着力解决“…”问题" heads a category). Such a line names
	// a problem when it names a shortcoming (shortcomingRe: 有差距, 不到位,
	// 混乱, 违规) and is not a heading of the work on problems
	// (workHeadingRe: 着力解决…, 集中整治…, 严肃查处违规吃喝的问题);
	// 需要说明的问题 and 巡察反馈的问题 name none.
	shortcomingRe = regexp.MustCompile(`不|未|差距|滞后|薄弱|偏[高低多少大]|欠|缺|乏力|弱化|淡化|虚化|松懈|漏洞|隐患|较多|频发|空转|混乱|乱|违规|违纪|违反|违法|软弱|涣散|宽松软|形式主义|官僚主义|风险|超标|超支|浪费|懈怠|懒政|失职|失责|错位|越位|突出`)
	workHeadingRe = regexp.MustCompile(`^[^，。；]{0,4}?(?:查处|整治|解决|纠正|治理|整改|清理|处置)`)
	leadBareRe    = regexp.MustCompile(`^([^。；，,：:“”‘’"\n]{2,60}?)的问题[。：:]?(?:\n|$)`)
	leadPlainRe   = regexp.MustCompile(`^(?:针对|关于)([^。；，\n]{1,80}?)的?问题(?:的?整改(?:落实)?情况)?(?:[，,。：:；]|\n|$)`)
	leadLabelRe   = regexp.MustCompile(`^\n?(?:(?:整改情况|整改措施及成效|整改措施和成效|整改措施|整改落实情况|整改进展情况|整改进展|整改成效|整改结果)[：:]|【(?:整改情况|整改措施|整改落实情况|整改进展|整改成效|整改结果)】)`)
	trailingPunct = "。，；：,.;: \n"
	// itemLabelRe: a label that starts a line of a problem's text after its
	// measures: its deadline, its state, its result, who is responsible.
	itemLabelRe = regexp.MustCompile(`^(?:(?:整改|完成)(?:时限|期限|情况|进展|进度|成效|结果)|(?:整改)?责任(?:人|单位|领导|部门)|牵头(?:单位|领导|部门))[：:]`)
	// problemLabelRe: a label before a problem's name (问题1：, 问题一、,
	// 问题（1）, 反馈问题：, 问题表现：).
	problemLabelRe = regexp.MustCompile(`^(?:(?:反馈|具体|存在的?)?问题\s*(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3}|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)])\s*[：:．.、]?|(?:反馈|具体|存在的?)?问题(?:表现|描述)?\s*[：:])\s*`)
)

// parseLead reads the words that name a problem at the start of its text:
//
//	针对“政治建设不够有力”的问题，        → title 政治建设不够有力
//	关于“‘四个意识’有所欠缺”问题。整改情况：→ title ‘四个意识’有所欠缺
//	关于落实主体责任不到位的问题。          → title 落实主体责任不到位
//	部分干部担当作为不够。整改情况：        → title 部分干部担当作为不够
//
// lead is the prefix of text that names the problem (with a following
// 整改情况： label). ok is false when the text does not name a problem;
// truncated is true when the title's quotes never close (the text stops).
func parseLead(text string) (title, lead string, ok, truncated bool) {
	// A label before the problem's name, "问题1：台账资料不完整。", belongs to
	// the lead.
	if m := problemLabelRe.FindString(text); m != "" && len(m) < len(text) {
		title, lead, ok, truncated = parseLead(text[len(m):])
		if ok {
			return title, m + lead, ok, truncated
		}
	}
	if loc := leadQuoteRe.FindStringIndex(text); loc != nil {
		open := loc[1] - len("“")
		if end := closingQuote(text, open); end < 0 {
			return "", text, true, true
		} else if tail := leadTailRe.FindString(text[end+len("”"):]); tail != "" || end+len("”") == len(text) {
			title = text[open+len("“") : end]
			lead = text[:end+len("”")] + strings.TrimSuffix(tail, "\n")
			lead += strings.TrimPrefix(leadLabelRe.FindString(text[len(lead):]), "")
			if strings.TrimSpace(title) != "" {
				return title, lead, true, false
			}
		}
	}
	if m := leadPlainRe.FindStringSubmatchIndex(text); m != nil {
		title = strings.TrimSuffix(text[m[2]:m[3]], "的")
		lead = strings.TrimSuffix(text[:m[1]], "\n")
		lead += leadLabelRe.FindString(text[len(lead):])
		if strings.TrimSpace(title) != "" && balanced(title) {
			return title, lead, true, false
		}
	}
	// A heading of its own that names a problem without 关于 or 针对:
	// "（一）落实立德树人根本任务有差距的问题", then what was done.
	if m := leadBareRe.FindStringSubmatchIndex(text); m != nil && !strings.Contains(text[m[2]:m[3]], "方面") &&
		shortcomingRe.MatchString(text[m[2]:m[3]]) && !workHeadingRe.MatchString(text[m[2]:m[3]]) && balanced(text[m[2]:m[3]]) {
		return text[m[2]:m[3]], strings.TrimSuffix(text[:m[1]], "\n"), true, false
	}
	if loc := labelRe.FindStringIndex(text); loc != nil && loc[0] < 600 {
		title = strings.TrimRight(text[:loc[0]], trailingPunct)
		if title != "" && !strings.Contains(title, "\n") {
			return title, text[:loc[1]], true, false
		}
	}
	return "", "", false, false
}

// closingQuote returns the index of the ” that closes the “ at open, or -1.
func closingQuote(s string, open int) int {
	depth := 0
	for i, r := range s[open:] {
		switch r {
		case '“':
			depth++
		case '”':
			depth--
			if depth == 0 {
				return open + i
			}
		case '\n':
			return -1
		}
	}
	return -1
}

// splitMeasures splits the text after the lead into measures: at each
// ordinal 一是、二是… (only the next expected one, and only where it starts
// a clause) and at each paragraph that starts with a deeper marker such as
// （1） or 1.; one item when there is neither. Markers stay in their item;
// text after the last measure stays in the last item.
func splitMeasures(s string) []string {
	cuts := map[int]bool{}
	pos, want := 0, 1
	for want < 100 {
		ord := chineseNumeral(want) + "是"
		found := -1
		for from := pos; from < len(s); {
			i := strings.Index(s[from:], ord)
			if i < 0 {
				break
			}
			i += from
			if clauseStart(s, i) {
				found = i
				break
			}
			from = i + len(ord)
		}
		if found < 0 {
			break
		}
		cuts[found] = true
		pos, want = found+len(ord), want+1
	}
	// A row of a table is an item of its own, the text's first line too.
	at := 0 // where the line starts
	for _, line := range strings.Split(s, "\n") {
		if isTableRow(line) {
			cuts[at], cuts[at+len(line)+1] = true, true
		}
		at += len(line) + 1
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			if cuts[i+1] {
				continue
			}
			// A line of its own with a label ("整改时限：…", "整改情况：已完成。")
			// is an item of its own.
			if itemLabelRe.MatchString(s[i+1:]) {
				cuts[i+1] = true
				continue
			}
			if k, _ := marker(s[i+1:]); k != mkNone && k != mkS {
				cuts[i+1] = true
				// A heading paragraph ("3.整改工作台账管理情况") is an item
				// of its own.
				end := strings.IndexByte(s[i+1:], '\n')
				if end > 0 && !strings.ContainsAny(s[i+1:i+1+end], "，。；：,;:") {
					cuts[i+1+end+1] = true
				}
			}
		}
	}
	var items []string
	start := 0
	add := func(end int) {
		item := strings.ReplaceAll(s[start:end], "\n", "")
		if m := itemLabelRe.FindString(item); m != "" && m == item && end < len(s) && !itemLabelRe.MatchString(s[end:]) {
			return // a label alone ("整改情况：" before 一是) stays with what follows
		}
		if strings.TrimSpace(item) != "" {
			items = append(items, item)
		}
		start = end
	}
	for i := 1; i < len(s); i++ {
		if cuts[i] {
			add(i)
		}
	}
	add(len(s))
	return items
}

// clauseStart: position i starts the text or follows clause punctuation.
func clauseStart(s string, i int) bool {
	if strings.TrimSpace(s[:i]) == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s[:i], " "))
	return strings.ContainsRune("。；，：！？\n;,:", r)
}

var ordinalRe = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}是`)

// trimOrdinal drops a leading 一是、二是… from a clause quoted as evidence.
func trimOrdinal(s string) string { return ordinalRe.ReplaceAllString(s, "") }

// Stops of a clause and of a sentence, for clauseAround and textAround.
const (
	clauseStops   = "。；，！？\n｜"
	sentenceStops = "。；！？\n｜"
)

// clauseAround returns the clause of s (between clause punctuation) that
// contains the byte range [i, j).
func clauseAround(s string, i, j int) string { return textAround(s, i, j, clauseStops) }

// textAround returns the part of s between two of the stops that contains
// the byte range [i, j).
func textAround(s string, i, j int, stops string) string {
	start := strings.LastIndexAny(s[:i], stops)
	if start < 0 {
		start = 0
	} else {
		_, w := utf8.DecodeRuneInString(s[start:])
		start += w
	}
	end := strings.IndexAny(s[j:], stops)
	if end < 0 {
		end = len(s)
	} else {
		end += j
	}
	return s[start:end]
}

// accountability kinds as worded in the text (党内警告 is matched as a whole
// word: 党内严重警告 does not contain it), in the order of actionKinds.
var (
	actionRe    = regexp.MustCompile(`(党内严重警告)|(党内警告)|(撤销党内(?:[^，。；、]{0,4})?职务)|(留党察看)|(开除党籍)|(党纪政务处分|党纪处分|纪律处分)|(政务(?:警告|记过|记大过|降级|撤职|开除|处分)|行政(?:警告|记过|记大过|降级)|开除公职)|(行政撤职|撤职处分|撤销[^，。；]{0,6}职务)|(诫勉)|(批评教育)|(提醒谈话|谈话提醒|约谈提醒|提醒约谈)|(通报批评)|(作(?:出(?:书面|深刻)?|书面|深刻)检查)|((?:进行了?|予以|给予)(?:追责)?问责(?:处理)?|问责处理)|(组织处理|免职|降职|停职检查|责令辞职)|(移交[^，。；]{0,20}?(?:调查|审查|查处)|移送(?:司法|检察)机关|移送[^，。；]{0,20}?(?:调查|审查|查处))`)
	actionKinds = []string{"党内严重警告", "党内警告", "撤销党内职务", "留党察看", "开除党籍", "党纪处分", "政务处分", "行政撤职", "诫勉", "批评教育", "提醒谈话", "通报批评", "责令作出书面检查", "问责处理", "组织处理", "移交调查"}
	// actionWords: a clause without any of these names no action (a
	// filter before actionRe, which is slow: each of its alternatives has
	// one of these).
	actionWords = []string{"警告", "撤销", "撤职", "察看", "开除", "处分", "政务", "行政", "诫勉", "批评", "谈话", "提醒", "检查",
		"问责", "组织处理", "免职", "降职", "停职", "辞职", "移交", "移送"}
	countRe      = regexp.MustCompile(`([0-9０-９]+|[一二两三四五六七八九十]+)(?:名|个|人)`)
	countAfterRe = regexp.MustCompile(`^(?:处理|处分|谈话)?([0-9０-９]+|[一二两三四五六七八九十]+)(?:名|人)`)
	roleWords    = `责任人|当事人|同志|负责人|领导干部|领导|干部|人员|党员|书记|委员|职工|党委|党组|支部|院长|校长|局长|处长|科长|股长|站长|所长|主任|经理|队长|组长|部长|监督员`
	whomAfterRe  = regexp.MustCompile(`^[^，。；、]{0,12}?(?:` + roleWords + `)`)
	giveRe       = regexp.MustCompile(`(?:给予|对)([^，。；、]{1,12}?)(?:党内|行政|诫勉|批评|提醒|党纪|政务|进行|予以|开除|留党|撤销)`)
	roleRe       = regexp.MustCompile(`[原时任主要分管副党委支部纪委]*(?:` + roleWords + `)`)
	// sanctionWords: words of accountability; a clause with one of them
	// and no action found is reported (findAccountability's unread),
	// never dropped in silence.
	sanctionWords = []string{"处分", "警告", "问责", "追责", "免职", "降职", "撤职", "开除", "记过", "降级", "约谈", "诫勉", "通报批评", "组织处理", "察看"}
	// sanctionedRe: the clause names whom (对相关责任人, 给予2名) or how
	// many (12人): 监督执纪问责, 采取约谈等方式 and the heading 严肃追责问责
	// name neither.
	sanctionedRe = regexp.MustCompile(`(?:[0-9０-９]+|[一二两三四五六七八九十]+)(?:名|个|人|件)|(?:对|给予)[^，。；]{0,12}?(?:` + roleWords + `)`)
)

// findAccountability lists the accountability actions named in text.
//
// The count of an action is the "N人" right after it (诫勉1人、提醒谈话2人),
// else the last "N名/N个/N人" before it in its clause that no earlier
// action took as its own (对2名同志进行批评教育并责令作出书面检查: 2 each),
// else 1. What follows 其中 after a general action (generalKinds) in
// the same sentence is its breakdown (给予2名党员党纪处分（其中党内警告1人、
// 党内严重警告1人））and is not counted again; after another, it is an
// action of its own (对3名同志进行提醒谈话，对其中1名同志给予党内警告处分).
//
// unread are the clauses of text that use a word of accountability
// (sanctionWords) about somebody (sanctionedRe) and name no action: a kind
// not in the vocabulary (对3个党支部书记进行约谈), or a wording not read
// (对相关责任人进行严肃问责). Staff check each against the notice.
func findAccountability(text string) (out []notice.Action, unread []string) {
	for _, sentence := range strings.FieldsFunc(text, isActionSentenceStop) {
		breakdown := false // after 其中, behind a general action of this sentence
		general := ""      // the last general action (generalKinds) of the sentence
		for _, clause := range strings.Split(sentence, "，") {
			var matches [][]int
			if containsAnyWord(clause, actionWords) {
				matches = actionRe.FindAllStringSubmatchIndex(clause, -1)
			}
			if matches == nil {
				if general != "" && strings.Contains(clause, "其中") {
					breakdown = true
				}
				if containsAnyWord(clause, sanctionWords) && sanctionedRe.MatchString(clause) {
					unread = append(unread, trimOrdinal(clause))
				}
				continue
			}
			taken := 0 // the end of the last count an action took after it
			prevWhom := ""
			titles := bookTitles(clause)
			for _, m := range matches {
				// Not an action: a word in a document's title (《干部问责
				// 和组织处理办法》), 任免职务.
				if slices.ContainsFunc(titles, func(t bookTitle) bool { return m[0] >= t.start && m[0] < t.end }) ||
					strings.HasSuffix(clause[:m[0]], "任") && strings.HasPrefix(clause[m[0]:], "免职") {
					continue
				}
				if general != "" && strings.Contains(clause[:m[0]], "其中") {
					breakdown = true
				}
				kind := ""
				for g := 1; g <= len(actionKinds); g++ {
					if m[2*g] >= 0 {
						kind = actionKinds[g-1]
						break
					}
				}
				if breakdown && partOf(kind, general) {
					continue
				}
				a := notice.Action{Kind: kind, Count: 1, Text: trimOrdinal(clause)}
				before := clause[taken:m[0]]
				if cs := countAfterRe.FindStringSubmatchIndex(clause[m[1]:]); cs != nil {
					a.Count = number(clause[m[1]+cs[2] : m[1]+cs[3]])
					taken = m[1] + cs[1]
				} else if cs := countRe.FindAllStringSubmatchIndex(before, -1); cs != nil {
					c := cs[len(cs)-1]
					a.Count = number(before[c[2]:c[3]])
					a.Whom = whomAfterRe.FindString(before[c[1]:])
				}
				if a.Whom == "" {
					if g := giveRe.FindAllStringSubmatch(before+clause[m[0]:m[1]], -1); g != nil {
						if w := roleRe.FindString(g[len(g)-1][1]); w != "" {
							a.Whom = g[len(g)-1][1]
						}
					}
				}
				if a.Whom == "" && kind == "责令作出书面检查" {
					if i := strings.LastIndex(before, "向"); i > 0 {
						a.Whom = strings.TrimPrefix(strings.TrimPrefix(before[:i], "责成"), "督促")
					}
				}
				if a.Whom == "" {
					if ws := roleRe.FindAllString(before, -1); ws != nil {
						a.Whom = ws[len(ws)-1]
					}
				}
				if a.Whom == "" && strings.Trim(before, "、和及") == "" {
					a.Whom = prevWhom // 对相关责任人诫勉1人、提醒谈话2人
				}
				if a.Count < 1 {
					a.Count = 1
				}
				prevWhom = a.Whom
				if _, ok := generalKinds[kind]; ok {
					general, breakdown = kind, false
				}
				out = append(out, a)
			}
		}
	}
	return out, unread
}

// containsAnyWord: s contains one of words.
func containsAnyWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// generalKinds are the kinds that name a sort of action, not one action,
// with the kinds that are of that sort: what 其中 lists after them of these
// kinds is their breakdown (findAccountability); 问责处理 is of any kind.
var generalKinds = map[string][]string{
	"党纪处分": {"党内警告", "党内严重警告", "撤销党内职务", "留党察看", "开除党籍", "党纪处分", "政务处分", "行政撤职"}, // also 党纪政务处分
	"政务处分": {"政务处分", "行政撤职"},
	"组织处理": {"组织处理"},
	"问责处理": nil,
}

// partOf: an action of kind is of the sort general names.
func partOf(kind, general string) bool {
	kinds, ok := generalKinds[general]
	return ok && (kinds == nil || slices.Contains(kinds, kind))
}

// isActionSentenceStop: the ends of sentences, and of a table row's cells,
// for findAccountability.
func isActionSentenceStop(r rune) bool { return r == '。' || r == '；' || r == '｜' || r == '\n' }

// regulationVerbs maps the verbs before 《title》 to the vocabulary
// (notice.RegulationActions). Longer wordings come first. Documents merely
// studied, executed or handed down (学习、执行、下达《责令整改通知书》) and
// periodicals (编发《武汉生态环境》) have no verb here and are not adopted
// regulations; planned ones (拟于近期制订) are skipped too.
var regulationVerbs = []struct{ words, action string }{
	{"修订完善", "修订"}, {"修订出台", "修订"}, {"修改完善", "修订"},
	{"制定出台", "制定"}, {"制定完善", "制定"}, {"研究制定", "制定"},
	{"编制完成", "编制"}, {"编制印发", "编制"}, {"起草完成", "起草"},
	{"制定", "制定"}, {"制订", "制定"},
	{"修订", "修订"},
	{"印发", "印发"}, {"制发", "印发"}, {"发布", "印发"},
	{"出台", "出台"},
	{"起草", "起草"}, {"拟订", "起草"}, {"拟定", "起草"}, {"草拟", "起草"},
	{"编制", "编制"},
}

// afterVerbs: "完成《…》起草工作".
var afterVerbs = []struct{ words, action string }{
	{"起草", "起草"}, {"修订", "修订"}, {"制定", "制定"}, {"制订", "制定"}, {"编制", "编制"},
}

var plannedRe = regexp.MustCompile(`拟于|拟在|将|计划|准备|正在`)
var parenthesisTailRe = regexp.MustCompile(`[（(][^（）()]{1,6}[）)]$`)

// findRegulations lists the documents adopted in text: 《title》 right after
// an adopting verb (or continuing a list 《A》和《B》), without duplicates.
func findRegulations(text string) []notice.Regulation {
	var out []notice.Regulation
	seen := map[string]bool{}
	prevEnd, prevAction := -1, ""
	for _, t := range bookTitles(text) {
		action := ""
		between := strings.Trim(text[max(prevEnd, 0):t.start], " 、和及与以及")
		if prevEnd >= 0 && prevAction != "" && (between == "" || between == "以及") {
			action = prevAction
		} else {
			clause := text[:t.start]
			if i := strings.LastIndexAny(clause, "。；，！？\n"); i >= 0 {
				clause = clause[i+1:]
			}
			before := strings.TrimSuffix(strings.TrimSpace(clause), "了")
			before = parenthesisTailRe.ReplaceAllString(before, "")
			before = strings.TrimSuffix(before, "了")
			for _, v := range regulationVerbs {
				if strings.HasSuffix(before, v.words) {
					if !plannedRe.MatchString(strings.TrimSuffix(before, v.words)) {
						action = v.action
					}
					break
				}
			}
			if action == "" && strings.HasSuffix(before, "完成") {
				after := text[t.end:]
				for _, v := range afterVerbs {
					if strings.HasPrefix(after, v.words) {
						action = v.action
						break
					}
				}
			}
		}
		prevEnd, prevAction = t.end, action
		if action == "" || seen[t.title] {
			continue
		}
		seen[t.title] = true
		out = append(out, notice.Regulation{Title: t.title, Action: action})
	}
	return out
}

type bookTitle struct {
	start, end int // of 《 and after 》
	title      string
}

// bookTitles finds the outermost 《…》 in s.
func bookTitles(s string) []bookTitle {
	var out []bookTitle
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '《':
			if depth == 0 {
				start = i
			}
			depth++
		case '》':
			if depth == 0 {
				continue
			}
			depth--
			if depth == 0 {
				title := s[start+len("《") : i]
				if strings.TrimSpace(title) != "" {
					out = append(out, bookTitle{start, i + len("》"), title})
				}
			}
		case '\n':
			depth = 0
		}
	}
	return out
}

// extractIssues fills each problem's title, lead, measures, status,
// accountability and regulations from its text.
func (d *doc) extractIssues() {
	for k, dr := range d.issues {
		is := &d.n.Issues[k]
		where := "问题" + is.Label
		if dr.num != is.Number {
			where += fmt.Sprintf("（第%d个问题）", is.Number)
		}
		content := strings.Join(dr.content, "\n")
		title, lead, _, truncated := parseLead(content)
		is.Title = title
		is.Lead = strings.ReplaceAll(lead, "\n", "")
		if truncated {
			d.warn(dr.last, where+"的名称不完整：引号没有闭合，原文可能在此中断",
				"请核对原文是否完整，补全后重新导入；导入结果没有填写问题名称和整改措施（原文确实如此的，可在工作人员文件 "+d.staffFile()+" 的 [problems.N] 中补填 title）")
		} else if title == "" {
			d.warn(dr.line, where+"未能识别问题名称", "请对照原文在工作人员文件 "+d.staffFile()+" 中补填：[problems.N] 下写 title = \"…\"（N 是问题编号）")
		}
		is.Measures = splitMeasures(strings.TrimPrefix(content[len(lead):], "\n"))
		if len(is.Measures) == 0 && !truncated {
			d.warn(dr.last, where+"没有整改措施的文字", "请核对原文是否完整")
		}
		text := strings.Join(is.Measures, "\n") // items apart: a clause never spans two
		if text != "" && !endsSentence(text) && !truncated {
			d.warn(dr.last, where+"的文字没有以句末标点结束，原文可能在此中断或缺页", "请核对原文是否完整，补全后重新导入")
		}
		is.Status, is.StatusBasis, is.StatusEvidence = readStatus(text)
		var unread []string
		is.Accountability, unread = findAccountability(text)
		for _, c := range unread {
			d.warn(dr.last, fmt.Sprintf("%s的“%s”像是追责问责，但没有读出问责方式，没有计入追责问责", where, clip(c, 40)),
				"请对照原文核对：是追责问责、但说法不在词表中的（词表见 tools/importer/README.md），请联系技术人员归入词表；不是追责问责的（如小标题“严肃追责问责”），不用处理")
		}
		is.Regulations = findRegulations(text)
	}
}

// checkTotals compares what the notice declares with what was extracted.
func (d *doc) checkTotals() {
	n := d.n
	decl := n.Declared
	hint := "请核对 static/originals 中的原文；原文的声明与明细本就不一致的，保持原样并在发布前向有关部门确认；提取有误的请联系技术人员，不要在数据文件中手工改动问题（重新导入会覆盖）"
	if decl.Areas > 0 && decl.Areas != len(n.Areas) {
		d.warn(d.declaredLine["areas"], fmt.Sprintf("通报写明%d个方面，导入得到%d个方面", decl.Areas, len(n.Areas)), hint)
	}
	if decl.Problems > 0 && decl.Problems != len(n.Issues) {
		d.warn(d.declaredLine["problems"], fmt.Sprintf("通报写明%d个具体问题，导入得到%d个", decl.Problems, len(n.Issues)), hint)
	}
	if decl.Regulations > 0 {
		total, uniq := 0, map[string]bool{}
		for _, is := range n.Issues {
			total += len(is.Regulations)
			for _, r := range is.Regulations {
				uniq[r.Title] = true
			}
		}
		if total != decl.Regulations {
			d.warn(d.declaredLine["regulations"], fmt.Sprintf("通报写明%d项制度，各问题中写明制定、修订、印发等的文件共%d项（去重后%d项）", decl.Regulations, total, len(uniq)),
				"导入只统计整改措施中写明“制定《…》”等的文件；请核对，数据中保留通报声明的数字")
		}
	}
	if decl.Accountability > 0 || len(decl.AccountabilityByKind) > 0 {
		got := map[string]int{}
		total := 0
		for _, is := range n.Issues {
			for _, a := range is.Accountability {
				got[a.Kind] += a.Count
				total += a.Count
			}
		}
		want := map[string]int{}
		for _, kc := range decl.AccountabilityByKind {
			want[kc.Kind] += kc.Count
		}
		var diffs []string
		for _, k := range notice.AccountabilityKinds {
			if want[k] != got[k] {
				diffs = append(diffs, fmt.Sprintf("%s声明%d、提取%d", k, want[k], got[k]))
			}
		}
		if decl.Accountability != total || len(diffs) > 0 {
			msg := fmt.Sprintf("通报写明追责问责%d人次，各问题中逐项写明的共%d人次", decl.Accountability, total)
			if len(diffs) > 0 {
				msg += "（" + strings.Join(diffs, "，") + "）"
			}
			d.warn(d.declaredLine["accountability"], msg, hint)
		}
	}
}

// checkEnd reports text that stops mid-notice.
func (d *doc) checkEnd() {
	if len(d.paras) == 0 {
		return
	}
	last := d.paras[len(d.paras)-1]
	if !endsSentence(last.text) && !isDateLine(last.text) {
		d.warn(last.last, fmt.Sprintf("原文在此中断：最后一段“%s”没有句末标点", clip(lastRunes(last.text, 20), 20)),
			"请核对原文是否完整，补全后重新导入；导入时不补写任何文字")
	}
}

func lastRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[len(r)-n:]
	}
	return string(r)
}
