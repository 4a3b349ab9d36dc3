package importer

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// This file reads a problem's rectification deadline (整改期限) as its text
// states it: a forward-looking date phrase in its measures (拟于2020年底前,
// 力争6月底前完成, 确保年内完成, 拟于近期, 长期坚持). Deadlines are read only;
// the text is never changed. A date that tells what was done (均于2020年4月底
// 前召开…, 截至2019年底) is not a deadline.
//
// The deadline is the last day of the period the phrase names (2020年底 →
// 2020-12-31, 6月底 → 06-30, 上半年 → 06-30, 一季度 → 03-31). Its basis is
// notice.StatusStated when the text gives the year in digits, and
// notice.StatusInferred when the year is taken from the notice's date
// (6月底前, 年内, 今年, 明年): the notice's year, or the next year when the
// period ends in a month before the notice's month. 近期 and 长期坚持 are
// stated deadlines without a date. A problem is done when all its measures
// are: of several deadlines the latest dated one is kept; a dated one wins
// over dateless ones, and 近期 over 长期坚持.

const digit = `[0-9０-９]`

var (
	// dateExprRe is a date phrase: a year (2020年, 今年, 明年…) or none,
	// then a month (6月, 6月底, 6月30日), a half year (上半年), a quarter
	// (一季度), or the end or the inside of the year (年底, 年末, 年内); then
	// 前/之前/以前/内 or nothing.
	dateExprRe = regexp.MustCompile(
		`(?:(?P<y>` + digit + `{4})\s*年\s*|(?P<rel>今|本|当|明|次)年)?` +
			`(?:(?P<m>` + digit + `{1,2})\s*月\s*(?:(?P<d>` + digit + `{1,2})\s*[日号]|(?P<mend>底|末|份))?` +
			`|(?P<half>上|下)半年|第?(?P<q>[一二三四1-4１-４])季度)` +
			`(?P<suf>\s*(?:之前|以前|前|内))?` +
			`|(?:(?P<y2>` + digit + `{4})\s*|(?P<rel2>今|本|当|明|次))?年(?P<yend>底|末|内)(?P<suf2>\s*(?:之前|以前|前))?`)
	// nearRe and longRe are the dateless deadlines.
	nearRe = regexp.MustCompile(`近期`)
	longRe = regexp.MustCompile(`长期坚持|(?:长期|常态化)[^，。；、]{0,8}?坚持|坚持(?:长期|常态化)`)

	// forwardBeforeRe in the clause before a phrase makes it a plan or an
	// aim (拟于, 计划于, 将于, 力争, 确保…), or the notice's own label of a
	// deadline (整改时限：2021年7月底前, also when that date has passed);
	// 拟订/拟定/拟稿 are not 拟.
	forwardBeforeRe = regexp.MustCompile(`拟(?:$|[^订定稿])|计划(?:于|在|到|将|$)|将(?:于|在|到)|预计|力争|争取|确保|务必|要求|限期|督促|按期|如期|(?:整改|完成)(?:时限|期限)`)
	// forwardAfterRe right after a phrase makes it a deadline (…前完成,
	// 年内完成, …前到位).
	forwardAfterRe = regexp.MustCompile(`^\s*[，,]?\s*(?:全部|全面|基本|逐步|陆续|彻底|按期|如期)?(?:完成|到位|办结|建成|销号|整改到位|整改完毕)`)
	// pastBeforeRe right before a phrase, or sinceRe in its clause, makes
	// it a date of what was done (已于2020年4月底前, 截至2019年底).
	pastBeforeRe = regexp.MustCompile(`(?:已|已经|业已)(?:于|在)?\s*$`)
	sinceRe      = regexp.MustCompile(`截至|截止`)
	// notDeadlineAfterRe right after a phrase makes it the start of a period
	// (2020年7月1日起, 2013年以来) or one end of a range (6月至12月).
	notDeadlineAfterRe = regexp.MustCompile(`^\s*(?:起|开始|以来|以后|之后|后|至|到|-|—|－|～|~)`)
	// doneAfterRe: a verb with 了 right after a phrase (…前召开了) tells what
	// was done.
	doneAfterRe = regexp.MustCompile(`^[^，。；了]{0,8}了(?:$|[^解结])`)
	// nearAfterRe: 近期以来 is the recent past.
	nearAfterRe = regexp.MustCompile(`^(?:以来|来)`)
)

// innerWords are the characters after 年内 that make 内 part of another
// word (2020年内控, 年内部审计, 年内容): no deadline.
const innerWords = "控部容设涵务勤网审业外在核陆河湖科页训联参饰"

// bareBefore are the characters before a phrase without a year (年底, 6月底,
// 上半年) that make it a duration or another year (3年内, 去年底, 每半年…):
// no deadline.
const bareBefore = "0123456789０１２３４５６７８９一二两三四五六七八九十百千几年去前往每半全近多历同上周跨整学财"

// deadline is one deadline phrase found in a problem's text.
type deadline struct {
	date     string // YYYY-MM-DD, "" for a dateless one
	basis    string // notice.StatusStated or notice.StatusInferred
	evidence string
	rank     int // of a dateless one: 2 近期, 1 长期坚持
}

// readDeadline reads the deadline of a problem from its measures. published
// is the notice's date (YYYY-MM or YYYY-MM-DD; "" when unknown): it gives
// the year of a phrase without one. It returns "", "", "" when the text
// states no deadline; undated is true when the text has a phrase without a
// year that could not be dated because published is unknown.
func readDeadline(measures []string, published string) (date, basis, evidence string, undated bool) {
	pubY, pubM, pubOK := publishedMonth(published)
	var best *deadline
	consider := func(c deadline) {
		switch {
		case best == nil,
			c.date != "" && (best.date == "" || c.date > best.date),
			c.date == "" && best.date == "" && c.rank > best.rank:
			best = &c
		}
	}
	for _, m := range measures {
		titles := bookTitles(m)
		inTitle := func(i int) bool {
			for _, t := range titles {
				if i >= t.start && i < t.end {
					return true
				}
			}
			return false
		}
		for _, loc := range dateExprRe.FindAllStringSubmatchIndex(m, -1) {
			if inTitle(loc[0]) {
				continue
			}
			p := parseDateExpr(m, loc)
			if !p.ok {
				continue
			}
			before, after := clauseBefore(m, loc[0]), m[loc[1]:]
			if pastBeforeRe.MatchString(before) || sinceRe.MatchString(before) ||
				notDeadlineAfterRe.MatchString(after) || doneAfterRe.MatchString(clauseAfter(after)) {
				continue
			}
			fwdBefore := forwardBeforeRe.MatchString(before)
			fwdAfter := forwardAfterRe.MatchString(after)
			var y int
			basis := notice.StatusStated
			switch {
			case p.year > 0:
				y = p.year
				// A date with its year is a deadline when it is a plan or
				// an aim (拟于, 力争…), or a deadline phrase (…前, 年内,
				// …前完成) after the notice's month. On or before that
				// month, a phrase without 拟/将/力争… tells what was done
				// (均于2020年4月底前召开…, 于4月底前完成).
				later := pubOK && (y > pubY || y == pubY && p.month > pubM)
				if !fwdBefore && !(later && (fwdAfter || p.shape)) && !(!pubOK && fwdAfter) {
					continue
				}
			default:
				basis = notice.StatusInferred
				if !fwdBefore && !fwdAfter {
					continue
				}
				if !pubOK {
					undated = true
					continue
				}
				y = pubY + p.yearOffset
				if p.yearOffset == 0 && !p.thisYear && p.month < pubM {
					y++
				}
			}
			day := p.day
			switch {
			case day == 0:
				day = lastDay(y, p.month)
			case day > lastDay(y, p.month):
				continue // 2月29日 of a year that has none
			}
			ev := trimOrdinal(strings.TrimRight(clauseAround(m, loc[0], loc[1]), "。；"))
			consider(deadline{date: fmt.Sprintf("%04d-%02d-%02d", y, p.month, day), basis: basis, evidence: ev})
		}
		for _, loc := range nearRe.FindAllStringIndex(m, -1) {
			before, after := clauseBefore(m, loc[0]), m[loc[1]:]
			if nearAfterRe.MatchString(after) || !forwardBeforeRe.MatchString(before) && !strings.HasPrefix(after, "内") && !strings.HasPrefix(after, "将") {
				continue
			}
			consider(deadline{basis: notice.StatusStated, evidence: trimOrdinal(strings.TrimRight(clauseAround(m, loc[0], loc[1]), "。；")), rank: 2})
		}
		for _, loc := range longRe.FindAllStringIndex(m, -1) {
			consider(deadline{basis: notice.StatusStated, evidence: trimOrdinal(strings.TrimRight(clauseAround(m, loc[0], loc[1]), "。；")), rank: 1})
		}
	}
	if best == nil {
		return "", "", "", undated
	}
	return best.date, best.basis, best.evidence, undated
}

// dateExpr is a parsed date phrase.
type dateExpr struct {
	ok         bool
	year       int  // the year in digits; 0 when the text gives none
	yearOffset int  // 1 for 明年/次年
	thisYear   bool // 今年/本年/当年: the notice's year, never the next
	month, day int  // the last month of the period; day 0 is its last day
	shape      bool // ends in 前/之前/以前/内, or is 年内: a deadline by its form
}

// parseDateExpr reads the date phrase of dateExprRe at loc in s.
func parseDateExpr(s string, loc []int) dateExpr {
	g := func(name string) string {
		i := dateExprRe.SubexpIndex(name)
		if loc[2*i] < 0 {
			return ""
		}
		return s[loc[2*i]:loc[2*i+1]]
	}
	var p dateExpr
	year, rel := g("y"), g("rel")
	switch {
	case g("m") != "":
		p.month = number(g("m"))
		if d := g("d"); d != "" {
			if p.day = number(d); p.day < 1 {
				return p
			}
		}
		p.shape = g("suf") != ""
	case g("half") == "上":
		p.month = 6
		p.shape = g("suf") != ""
	case g("half") == "下":
		p.month = 12
		p.shape = g("suf") != ""
	case g("q") != "":
		p.month = 3 * quarterNumber(g("q"))
		p.shape = g("suf") != ""
	default:
		year, rel = g("y2"), g("rel2")
		p.month = 12
		p.shape = g("suf2") != "" || g("yend") == "内"
		// 2020年内控, 年内部: 内 begins another word.
		if g("yend") == "内" && g("suf2") == "" {
			if r, _ := utf8.DecodeRuneInString(s[loc[1]:]); strings.ContainsRune(innerWords, r) {
				return p
			}
		}
	}
	switch {
	case year != "":
		if p.year = number(year); p.year < 1900 || p.year > 2199 {
			return p // not a year of a notice
		}
	case rel == "明" || rel == "次":
		p.yearOffset = 1
	case rel != "":
		p.thisYear = true
	default:
		// Without a year: not a duration (3年内) or another year (去年底).
		if r, _ := utf8.DecodeLastRuneInString(s[:loc[0]]); strings.ContainsRune(bareBefore, r) {
			return p
		}
	}
	if p.month < 1 || p.month > 12 || p.day > 31 {
		return p
	}
	if p.year > 0 && p.day > 0 && p.day > lastDay(p.year, p.month) {
		return p
	}
	if p.year == 0 && p.day > lastDay(2000, p.month) { // 2000 is a leap year
		return p
	}
	p.ok = true
	return p
}

func quarterNumber(q string) int {
	switch q {
	case "一", "1", "１":
		return 1
	case "二", "2", "２":
		return 2
	case "三", "3", "３":
		return 3
	}
	return 4
}

// lastDay is the last day of month m of year y.
func lastDay(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// clauseBefore is the part of the clause of s that comes before i.
func clauseBefore(s string, i int) string {
	if k := strings.LastIndexAny(s[:i], clauseStops); k >= 0 {
		_, w := utf8.DecodeRuneInString(s[k:])
		return s[k+w : i]
	}
	return s[:i]
}

// clauseAfter is s up to the end of its first clause.
func clauseAfter(s string) string {
	if k := strings.IndexAny(s, clauseStops); k >= 0 {
		return s[:k]
	}
	return s
}

var publishedRe = regexp.MustCompile(`^([0-9]{4})-([0-9]{2})(?:-[0-9]{2})?$`)

// publishedMonth reads the year and month of a notice's date.
func publishedMonth(published string) (y, m int, ok bool) {
	sm := publishedRe.FindStringSubmatch(published)
	if sm == nil {
		return 0, 0, false
	}
	y, m = number(sm[1]), number(sm[2])
	return y, m, m >= 1 && m <= 12
}

// readDeadlines fills each problem's deadline from its measures, with the
// year of a phrase without one taken from the notice's date.
func (d *doc) readDeadlines() {
	for k, dr := range d.issues {
		is := &d.n.Issues[k]
		var undated bool
		is.Deadline, is.DeadlineBasis, is.DeadlineEvidence, undated = readDeadline(is.Measures, d.n.Published)
		if undated && is.DeadlineBasis == "" {
			d.warn(dr.line, fmt.Sprintf("问题%s写了没有年份的整改期限，但通报的发布日期未能识别，没有记录期限", is.Label),
				"请在标题下一行写明发布日期（如“（2020年5月）”）后重新导入")
		}
	}
}
