package importer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// This file reads a problem's rectification status from its text. A status
// comes only from a statement about the problem's rectification: 已完成整改,
// 已整改到位, 正在整改, 持续推进, 阶段性完成, 8个中已完成3个…. Measures
// that were carried out (制定了…, 召开…, 完成联网) say what was done, not
// whether the problem is rectified, and give no status. Without a statement
// the status is notice.StatusUnstated; only plain signs that work goes on
// (拟于…, 正在…, 尚未…) give 正在整改 as an inference, marked as such.

// statusRule is one way of stating (or implying) a status.
type statusRule struct {
	status string
	basis  string
	re     *regexp.Regexp
}

const countNum = `[0-9０-９]+|[一二两三四五六七八九十百]+`

var (
	// A status phrase followed by 的 qualifies a noun (对已完成整改的企业).
	relativeRe = regexp.MustCompile(`^的`)
	// goalWords before a phrase in its clause make it an aim (确保整改到位,
	// 督促企业完成整改), and deadlineRe right before it a deadline
	// (6月底前完成整改), not a statement.
	goalWords  = []string{"确保", "力争", "争取", "务必", "要求", "督促", "推动", "保证", "实现", "以便", "如期", "按期", "限期"}
	deadlineRe = regexp.MustCompile(`(?:[年月日底期]前|[年月]底|年内|月内|之前|以前)$`)
	// countAfterPhraseRe: a count right after a phrase (已完成整改3个).
	countAfterPhraseRe = regexp.MustCompile(`^(?:` + countNum + `)(?:个|项|条|件|家|处|人)`)
	// countDoneRe: "上轮遗留的8个问题中，已完成整改3个" — M of N done.
	countDoneRe = regexp.MustCompile(`(` + countNum + `)(?:个|项|条|件)[^。；]{0,30}?中[，,]?[^。；]{0,6}?已(?:经)?(?:完成|整改)(?:整改|到位)?(` + countNum + `)(?:个|项|条|件)`)
	// shareAfterRe: a share right after a phrase (已完成整改任务的80%).
	shareAfterRe = regexp.MustCompile(`^(?:任务|工作)?(?:的)?[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]`)
	// percentDoneRe: "已完成整改任务的80%", "整改完成率100%" — a share of
	// the problem's rectification done: 100 is 已完成, less is 正在整改.
	percentDoneRe = regexp.MustCompile(`(?:整改(?:任务|工作)?(?:的)?完成率(?:为|达到?|达)?|完成(?:了)?整改(?:任务|工作)?(?:的)?)([0-9０-９]+(?:[.．][0-9０-９]+)?)[%％]`)
	// wholeClauses are the statuses stated by a sentence of these words
	// alone (extraLocs): a lookup, where regexps would be slow.
	wholeClauses = map[string]string{
		"已完成": "已完成", "已全部完成": "已完成", "已全面完成": "已完成", "完成整改": "已完成", "完成了整改": "已完成",
		"已基本完成": "基本完成", "基本完成": "基本完成",
		"持续推进": "正在整改", "持续整改": "正在整改", "持续推进中": "正在整改", "持续整改中": "正在整改",
	}
)

// wholeClauseStops end the clauses that wholeClauses looks up; of them,
// sentenceEnds end a sentence, and after sentenceStarts (those and a
// label's colon, 整改情况：) a sentence starts.
const (
	wholeClauseStops = "。；，：:\n｜"
	sentenceEnds     = "。；\n｜"
	sentenceStarts   = sentenceEnds + "：:"
)

// timeClauseRe: a clause that dates the one after it (截至目前，完成整改。).
var timeClauseRe = regexp.MustCompile(`^(?:截至目前|截至[^，。；]{1,12}|目前|现|至此)$`)

// extraLocs returns, by status, the byte ranges of text that state a
// status besides the rules' expressions (readStatus puts them in order
// with the rules' matches): a sentence that is a
// status alone (wholeClauses: "整改情况：已完成。", "……。持续推进。",
// "截至目前，完成整改。"; not "力争6月底前，完成整改。" nor "建立机制，
// 持续推进，久久为功。"), and a share of the rectification done
// (percentDoneRe: 100 is 已完成, less is 正在整改). readStatus judges them
// as the rules' matches: aims, deadlines and qualified nouns are no
// statement (确保整改完成率达到100%, 对已完成整改任务的80%的单位).
func extraLocs(text string) map[string][][]int {
	out := map[string][][]int{}
	type clause struct {
		start, end int
		before     rune // the stop before it, 0 at the start
	}
	startsSentence := func(c clause) bool { return c.before == 0 || strings.ContainsRune(sentenceStarts, c.before) }
	var cs []clause
	start, before := 0, rune(0)
	for i, r := range text + "。" {
		if !strings.ContainsRune(wholeClauseStops, r) {
			continue
		}
		c := clause{start, i, before}
		after := r
		if i == len(text) {
			after = 0
		}
		if st, ok := wholeClauses[text[c.start:c.end]]; ok {
			sentenceStart := startsSentence(c)
			dated := c.before == '，' && len(cs) > 0 && timeClauseRe.MatchString(text[cs[len(cs)-1].start:cs[len(cs)-1].end]) && startsSentence(cs[len(cs)-1])
			ends := after == 0 || strings.ContainsRune(sentenceEnds, after)
			// A statement of completion may go on after a comma
			// ("已完成，并长期坚持。"), and any after a label ("整改成效：
			// 持续推进，…"); 持续推进 before one is else rather a way of
			// working ("持续推进，久久为功").
			labelled := c.before == '：' || c.before == ':'
			if sentenceStart && (ends || after == '，' && (st != "正在整改" || labelled)) || dated && ends {
				out[st] = append(out[st], []int{c.start, c.end})
			}
		}
		cs = append(cs, c)
		start, before = i+utf8.RuneLen(r), r
	}
	if strings.ContainsAny(text, "%％") {
		for _, m := range percentDoneRe.FindAllStringSubmatchIndex(text, -1) {
			pct, err := strconv.ParseFloat(width.Narrow.String(text[m[2]:m[3]]), 64)
			if err != nil || pct > 100 {
				continue
			}
			st := "已完成"
			if pct < 100 {
				st = "正在整改"
			}
			out[st] = append(out[st], []int{m[0], m[1]})
		}
	}
	return out
}

// statusRules are tried in order of precedence: a statement that work goes
// on wins over one of completion (partial completion is 正在整改), a stated
// status over an inferred one.
var statusRules = []statusRule{
	{"正在整改", notice.StatusStated, regexp.MustCompile(`正在(?:持续)?(?:整改|推进整改|进行整改|抓紧整改)|(?:其余|剩余)[^。；，]{0,12}?(?:正在|仍在|尚在|持续|未)|整改(?:工作)?(?:正在|仍在|尚在)?(?:持续)?(?:推进|进行)中|持续推进中|持续整改中|整改(?:工作)?持续推进|阶段性(?:完成|整改)|部分完成整改|完成部分整改|整改部分完成|尚未(?:全部|完全)?(?:完成)?整改|(?:未|没有)(?:全部|完全)?(?:完成整改|整改到位)|尚有[^。；，]{0,20}?未[^。；，]{0,10}?整改|整改(?:尚未|仍未|未)(?:完成|到位)`)},
	{"基本完成", notice.StatusStated, regexp.MustCompile(`基本(?:完成(?:了)?整改|整改(?:到位|完成|完毕))|整改(?:已)?基本(?:完成|到位)`)},
	{"已完成", notice.StatusStated, regexp.MustCompile(`(?:已|已经|均已|现已)(?:全部|全面|彻底)?整改(?:到位|完成|完毕|落实到位)?|(?:已|已经|均已|现已|全部|全面)(?:全部|全面)?完成(?:了)?整改|全部整改到位|整改(?:已|已经|均已)(?:全部)?(?:完成|到位|完毕|落实到位)|已(?:全部)?(?:办结|销号)|完成整改并(?:已)?销号|均(?:已)?整改(?:到位|完成|完毕)|已于[^，。；]{1,15}?(?:完成(?:了)?整改|整改(?:到位|完成|完毕))`)},
	{"正在整改", notice.StatusInferred, regexp.MustCompile(`拟于|拟在|计划于|计划在|预计于|预计在|正在|正由|仍在|尚在|部分完成|完成部分|(?:尚)?未(?:能)?完成[^，。；的]{0,10}|将(?:于|在)[^，。；]{0,12}?(?:年|月|底|前)`)},
}

// readStatus reads the status of a problem from its text (its measures,
// joined): the status, its basis (notice.StatusStated or StatusInferred)
// and the clause that supports it; notice.StatusUnstated, "", "" when the
// text states nothing. A text cut off mid-sentence is read as far as it
// goes: a statement that was cut off is not there.
func readStatus(text string) (status, basis, evidence string) {
	if strings.TrimSpace(text) == "" {
		return notice.StatusUnstated, "", ""
	}
	// M of N done: all done is 已完成, fewer is 正在整改.
	for _, m := range countDoneRe.FindAllStringSubmatchIndex(text, -1) {
		total, done := number(text[m[2]:m[3]]), number(text[m[4]:m[5]])
		if total <= 0 || done > total {
			continue
		}
		st := "已完成"
		if done < total {
			st = "正在整改"
		}
		// A count needs its context: the evidence is the whole sentence.
		return st, notice.StatusStated, trimOrdinal(textAround(text, m[0], m[1], sentenceStops))
	}
	extra := extraLocs(text)
	for _, r := range statusRules {
		locs := r.re.FindAllStringIndex(text, -1)
		if r.basis == notice.StatusStated && extra[r.status] != nil {
			locs = append(locs, extra[r.status]...)
			slices.SortFunc(locs, func(a, b []int) int { return a[0] - b[0] })
		}
		for _, loc := range locs {
			if relativeRe.MatchString(text[loc[1]:]) || r.basis == notice.StatusStated && !isStatement(text, loc) {
				continue
			}
			// "已完成整改3个" counts some items done, not the problem, and
			// "已完成整改任务的80%" a share of it (extraLocs).
			if r.status != "正在整改" && (countAfterPhraseRe.MatchString(text[loc[1]:]) || shareAfterRe.MatchString(text[loc[1]:])) {
				continue
			}
			return r.status, r.basis, trimOrdinal(strings.TrimRight(clauseAround(text, loc[0], loc[1]), "。；"))
		}
	}
	return notice.StatusUnstated, "", ""
}

// isStatement: the phrase at loc states a status rather than naming an aim
// or a deadline (确保整改到位, 6月底前完成整改).
func isStatement(text string, loc []int) bool {
	before := text[:loc[0]]
	if i := strings.LastIndexAny(before, clauseStops); i >= 0 {
		before = before[i:]
	}
	for _, w := range goalWords {
		if strings.Contains(before, w) {
			return false
		}
	}
	return !deadlineRe.MatchString(before)
}
