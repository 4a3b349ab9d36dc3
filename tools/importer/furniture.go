package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file removes web-page furniture from text copied from a government
// website: breadcrumbs (当前位置：首页 > …), metadata lines and tables
// (发布时间：… 来源：… 浏览次数：…【字体：大 中 小】【打印】【关闭】,
// ｜索引号：｜…｜), column tags before the title (【巡察整改】) and page
// footers (上一篇、下一篇、分享到), and printed page numbers anywhere
// (— 2 —, or a bare number between two sentences). None of it is the
// notice's text. A date on a metadata line is the page's publication date.
// Every removal is reported, with its line. A heading's number broken off
// onto a line of its own ("2" then ".针对…") joins its line.

var (
	// breadcrumbRe: 当前位置：首页 > 信息公开 > …, or a path of links.
	breadcrumbRe = regexp.MustCompile(`^(?:当前位置|您的位置|您现在的位置|您当前的位置|现在位置|所在位置|位置)\s*[：:]|首页\s*(?:>|＞|»|›|→|/|\\|-{1,2}>)`)
	// metaKeyRe: the keys of a page's metadata line.
	metaKeyRe = regexp.MustCompile(`(?:发布时间|发布日期|发文日期|成文日期|更新时间|日期|时间|信息来源|来源|作者|发布者|发布机构|编辑|责任编辑|浏览次数|浏览量|点击数|点击量|点击率|阅读次数|阅读量|访问次数|访问量|字号|字体)\s*[：:]|【\s*(?:字体|字号|打印|关闭|大|中|小|收藏|分享)|浏览\s*[0-9０-９]+\s*次`)
	// bareDateTimeRe: a line that starts with a date and a time, as CMS
	// pages print them (2024-05-20 09:30:00 来源：…).
	bareDateTimeRe = regexp.MustCompile(`^[0-9０-９]{4}[-/.年][0-9０-９]{1,2}[-/.月][0-9０-９]{1,2}日?\s*(?:[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[:：][0-9０-９]{2})?)?(?:\s|$)`)
	// footerRe: the links and buttons at the foot of an article.
	footerRe = regexp.MustCompile(`^(?:【?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏本页|收藏|分享到|分享|扫一扫|字体|字号)|上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读|责任编辑\s*[：:]|编辑\s*[：:]|来源\s*[：:]|信息来源\s*[：:])`)
	// columnTagRe: a column tag before the title, 【巡察整改】.
	columnTagRe = regexp.MustCompile(`^【[^】【]{1,12}】\s*`)
	// pageNumberRe: a printed page number on a line of its own, as text
	// copied out of a PDF or a printed notice keeps it between two lines
	// of a sentence ("— 2 —", "第2页 共5页"). A bare number is not one: it
	// may be the notice's own.
	pageNumberRe = regexp.MustCompile(`^(?:[-—–－]\s*[0-9０-９]{1,3}\s*[-—–－]|第\s*[0-9０-９]{1,3}\s*页(?:\s*[,，/／]?\s*共\s*[0-9０-９]{1,3}\s*页)?)$`)
	// metaTableRe: the keys of a government page's table of metadata.
	metaTableRe = regexp.MustCompile(`索引号|主题分类|分类[：:]|文号|公开方式|公开范围|主题词`)
	// bareNumberRe: a line that is only a number of one to three digits.
	bareNumberRe = regexp.MustCompile(`^[0-9０-９]{1,3}$`)
	// furnitureDateRe: the date of a metadata line.
	furnitureDateRe = regexp.MustCompile(`([0-9０-９]{4})\s*[-/.年]\s*([0-9０-９]{1,2})\s*[-/.月]\s*([0-9０-９]{1,2})`)
)

// removed is one piece of web-page furniture taken out of the text.
type removed struct {
	line int
	text string
	what string // 导航、发布信息、栏目标签、页脚、页码
}

// isFurniture tells what kind of page furniture a whole line is, or "".
// A line with a full stop is text, whatever it mentions.
func isFurniture(s string) string {
	if strings.ContainsAny(s, "。；") || utf8.RuneCountInString(s) > 150 {
		return ""
	}
	switch {
	case isTableRow(s) && (metaKeyRe.MatchString(s) || metaTableRe.MatchString(s)):
		return "发布信息" // a table of the page's metadata (｜索引号：｜…｜分类：｜…｜)
	case breadcrumbRe.MatchString(s):
		return "导航（当前位置）"
	case metaKeyRe.MatchString(s) && !titleEndRe.MatchString(s):
		return "发布信息"
	case bareDateTimeRe.MatchString(s) && (metaKeyRe.MatchString(s) || strings.ContainsAny(s, ":：")):
		return "发布信息"
	}
	return ""
}

// stripFurniture removes the page furniture around the notice: whole lines
// of it before the text starts (above the title and between the title and
// the first paragraph), a column tag before the title, and footer lines
// after the text ends. It returns the lines left, what was removed and the
// first date of a metadata line ("" when none), as YYYY-MM-DD.
func stripFurniture(lines []srcLine) ([]srcLine, []removed, string) {
	var out []srcLine
	var gone []removed
	date := ""
	titleSeen := false
	head := true // still before the first paragraph of text
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if t := strings.TrimSpace(l.text); bareNumberRe.MatchString(t) && i+1 < len(lines) {
			next := strings.TrimSpace(lines[i+1].text)
			switch {
			case strings.HasPrefix(next, ".") || strings.HasPrefix(next, "．") || strings.HasPrefix(next, "、"):
				// A heading's number broken off its line ("2" then
				// ".针对…"): the line joins up.
				lines[i+1].text = t + next
				lines[i+1].no = l.no
				continue
			case len(out) > 0 && !problemStartRe.MatchString(next) && (fullStop(out[len(out)-1].text) || itemStartRe.MatchString(next)):
				// A number alone between two sentences or items is a
				// page's (not after 共计： before 万元, nor a heading's
				// number before 针对…).
				gone = append(gone, removed{l.no, t, "页码"})
				continue
			}
		}
		if pageNumberRe.MatchString(strings.TrimSpace(l.text)) {
			gone = append(gone, removed{l.no, strings.TrimSpace(l.text), "页码"})
			continue
		}
		if head {
			if what := isFurniture(l.text); what != "" {
				gone = append(gone, removed{l.no, l.text, what})
				if date == "" {
					date = furnitureDate(l.text)
				}
				continue
			}
			if !titleSeen {
				if m := columnTagRe.FindString(l.text); m != "" && strings.TrimSpace(l.text[len(m):]) != "" {
					gone = append(gone, removed{l.no, strings.TrimSpace(m), "栏目标签"})
					l.text = l.text[len(m):]
				}
				titleSeen = true
			}
			// The text starts at the first sentence or numbered heading.
			if k, _ := marker(l.text); k != mkNone || strings.ContainsAny(l.text, "。；") {
				head = false
			}
		}
		out = append(out, l)
	}
	// The footer: trailing lines of links and buttons.
	end := len(out)
	for end > 0 && footerRe.MatchString(out[end-1].text) && !strings.ContainsAny(out[end-1].text, "。；") {
		end--
	}
	for _, l := range out[end:] {
		gone = append(gone, removed{l.no, l.text, "页脚"})
	}
	return out[:end], gone, date
}

// problemStartRe: a line that starts naming a problem, as a heading's text
// after its number does.
var problemStartRe = regexp.MustCompile(`^(?:针对|关于|“)`)

// itemStartRe: a line that starts an item (二是, a number): no number
// runs on into it.
var itemStartRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}是|[0-9０-９])`)

// fullStop: s ends a sentence or an item with 。！？ or ； (before closing
// quotes or brackets), not with a colon.
func fullStop(s string) bool { return strings.ContainsRune("。！？；.!?;", lastMark(s)) }

// furnitureDate reads the first date of a metadata line as YYYY-MM-DD.
func furnitureDate(s string) string {
	m := furnitureDateRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return ymd(arabicNumber(m[1]), arabicNumber(m[2]), arabicNumber(m[3]))
}

// reportFurniture lists what was removed, one warning per line.
func (d *doc) reportFurniture(gone []removed) {
	for _, g := range gone {
		where := "网页上的"
		if g.what == "页码" {
			where = "印刷的" // copied from a PDF or a printed page
		}
		d.warn(g.line, fmt.Sprintf("已去掉%s%s“%s”（不是通报的文字）", where, g.what, clip(g.text, 40)),
			"请核对；原文中这确是通报的文字的，请联系技术人员")
	}
}
