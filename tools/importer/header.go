package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wuhan-rectify/tracker/tools/notice"
	"golang.org/x/text/width"
)

// header is the notice's title and date line; they are stored in title and
// published, not in the body.
type header struct {
	title     string
	titleLine int
	published string
	dateLine  int
}

var (
	dateLineRe = regexp.MustCompile(`^[（(]?(?:(?:发布)?(?:时间|日期)[：:])?([0-9０-９]{4})年([0-9０-９]{1,2})月(?:([0-9０-９]{1,2})日)?[）)]?$`)
	dateISORe  = regexp.MustCompile(`^[（(]?([0-9０-９]{4})[-./－．／]([0-9０-９]{1,2})(?:[-./－．／]([0-9０-９]{1,2}))?[）)]?$`)
	dateHanRe  = regexp.MustCompile(`^[（(]?([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?[）)]?$`)
	titleEndRe = regexp.MustCompile(`(通报|报告|情况|公告|公示|说明|决定)$`)
)

// readHeader takes the title (one line, or a few short lines when the title
// wraps) and the date line that follows it.
func readHeader(lines []srcLine) (header, []srcLine) {
	var h header
	i := 0
	if len(lines) > 0 && lines[0].kind == mkNone && !strings.ContainsAny(lines[0].text, "。；") && utf8.RuneCountInString(lines[0].text) <= 100 &&
		!isDateLine(lines[0].text) && hanCount(lines[0].text) >= 4 {
		var b strings.Builder
		b.WriteString(lines[0].text)
		h.titleLine = lines[0].no
		i = 1
		for i < len(lines) && !titleEndRe.MatchString(strings.TrimSpace(b.String())) {
			l := lines[i]
			t, _ := repair(l.text)
			if l.kind != mkNone || strings.ContainsAny(l.text, "。；，,") || utf8.RuneCountInString(t) > 40 || publishedOf(t) != "" {
				break
			}
			b.WriteString(l.text)
			i++
		}
		h.title, _ = repair(b.String())
	}
	if i < len(lines) && lines[i].kind == mkNone {
		t, _ := repair(lines[i].text)
		if p := publishedOf(t); p != "" {
			h.published, h.dateLine = p, lines[i].no
			i++
		}
	}
	return h, lines[i:]
}

// hanCount counts the Chinese characters of s.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// publishedOf reads a date line: (2020年5月) → 2020-05, 2020年5月12日 → 2020-05-12.
func publishedOf(s string) string {
	var y, mo, da int
	m := dateLineRe.FindStringSubmatch(s)
	if m == nil {
		m = dateISORe.FindStringSubmatch(s)
	}
	if m != nil {
		y, mo, da = arabicNumber(m[1]), arabicNumber(m[2]), arabicNumber(m[3])
	} else if c := dateHanRe.FindStringSubmatch(s); c != nil {
		// 二〇二三年八月十日, as signatures write it.
		for _, r := range c[1] {
			y = y*10 + chineseDigits[r]
		}
		mo, da = chineseNumber(c[2]), chineseNumber(c[3])
	} else {
		return ""
	}
	if mo < 1 || mo > 12 || da > 31 {
		return ""
	}
	if da == 0 {
		return fmt.Sprintf("%04d-%02d", y, mo)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, da)
}

var (
	// bodyEndRe: the end of an inspecting body's name (巡察组, 巡视组,
	// 巡察二组); bodyStopRe: what cannot be part of the name before it.
	bodyEndRe       = regexp.MustCompile(`(?:巡视|巡察)(?:[一二三四五六七八九十]{1,3})?组`)
	bodyStopRe      = regexp.MustCompile(`[^\p{Han}“”‘’"'《》]|[日年月对向由经在于及和与派]`)
	unitRe          = regexp.MustCompile(`对([^，。；、对]{2,40}?)(?:进行了?|开展了?)(?:(?:常规|专项|机动|提级|联动)?(?:巡视|巡察))`)
	periodRe        = regexp.MustCompile(`([0-9０-９]{4})年([0-9０-９]{1,2})月([0-9０-９]{1,2})日(?:至|到|—|-|－|～|~)(?:([0-9０-９]{4})年)?(?:([0-9０-９]{1,2})月)?([0-9０-９]{1,2})日`)
	sentenceSplitRe = regexp.MustCompile(`[。；]`)
	dateRe          = regexp.MustCompile(`(?:([0-9０-９]{4})年)?([0-9０-９]{1,2})月([0-9０-９]{1,2})日`)
	issuerTailRe    = regexp.MustCompile(`^(.+?)关于`)
)

// readMetadata fills issuer, inspecting body, inspected unit and dates from
// the title and the text before the problems.
func (d *doc) readMetadata() {
	n := d.n
	n.Title = d.hdr.title
	n.Published = d.hdr.published
	if n.Published == "" && len(d.paras) > 0 {
		// No date under the title: the date of the signature at the end.
		n.Published = publishedOf(d.paras[len(d.paras)-1].text)
	}
	if n.Published == "" {
		// Nor a signature: the date the web page gives.
		n.Published = d.pageDate
	}
	if n.Title == "" {
		d.warn(1, "未找到通报标题（第一行应是标题）", "请把标题放在第一行后重新导入，或在工作人员文件 "+d.staffFile()+" 的 [notice] 中补填 title")
	}
	if n.Published == "" {
		d.warn(d.hdr.titleLine, "未找到发布日期（标题下一行应是“（2020年5月）”这样的日期）", "请在标题下一行写明发布日期后重新导入，或在工作人员文件 "+d.staffFile()+" 的 [notice] 中补填 published")
	}
	if m := issuerTailRe.FindStringSubmatch(n.Title); m != nil {
		n.Issuer = m[1]
	}
	text := strings.Join(n.Preamble, "")
	for _, s := range n.Sections {
		if !s.Problems {
			text += strings.Join(s.Paragraphs, "")
		}
	}
	n.InspectingBody = inspectingBody(text)
	if m := unitRe.FindStringSubmatch(text); m != nil {
		n.InspectedUnit = m[1]
	}
	endY, endM := 0, 0
	if m := periodRe.FindStringSubmatch(text); m != nil {
		y := arabicNumber(m[1])
		n.InspectionStart = ymd(y, arabicNumber(m[2]), arabicNumber(m[3]))
		ey, em := y, arabicNumber(m[2])
		if m[4] != "" {
			ey = arabicNumber(m[4])
		}
		if m[5] != "" {
			em = arabicNumber(m[5])
		}
		n.InspectionEnd = ymd(ey, em, arabicNumber(m[6]))
		endY, endM = ey, em
		text = strings.Replace(text, m[0], "", 1)
	}
	if m := feedbackDate(text); m != nil {
		y, mo := arabicNumber(m[1]), arabicNumber(m[2])
		if y == 0 && endY > 0 {
			y = endY
			if mo < endM {
				y++
			}
		}
		if y > 0 {
			n.FeedbackDate = ymd(y, mo, arabicNumber(m[3]))
		}
	}
	var missing []string
	for _, f := range []struct{ v, name string }{
		{n.Issuer, "发布单位（issuer）"},
		{n.InspectingBody, "巡察组（inspecting_body）"},
		{n.InspectedUnit, "被巡察单位（inspected_unit）"},
		{n.InspectionStart, "巡察开始日期（inspection_start）"},
		{n.InspectionEnd, "巡察结束日期（inspection_end）"},
		{n.FeedbackDate, "反馈日期（feedback_date）"},
	} {
		if f.v == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		d.warn(d.hdr.titleLine, "未能从标题和前言中读出"+strings.Join(missing, "、"), "请核对 static/originals 中的原文，在工作人员文件 "+d.staffFile()+" 的 [notice] 中补填这些字段")
	}
}

// inspectingBody finds the name of the inspecting body: the words before
// the first 巡察组 (巡视组, 巡察二组…) back to the start of the clause, less
// a leading date or function word. 市委“放管服”改革专项巡察组 and
// 七届市委第三轮巡察二组 are whole names. A bare 巡察组 counts only when no
// named one is found.
func inspectingBody(text string) string {
	bare := ""
	for _, loc := range bodyEndRe.FindAllStringIndex(text, -1) {
		start := loc[0]
		for start > 0 {
			r, w := utf8.DecodeLastRuneInString(text[:start])
			if bodyStopRe.MatchString(string(r)) {
				break
			}
			start -= w
		}
		name := text[start:loc[1]]
		if name == text[loc[0]:loc[1]] || strings.HasPrefix(name, "本轮") || strings.HasPrefix(name, "该") {
			if bare == "" {
				bare = text[loc[0]:loc[1]]
			}
			continue
		}
		return name
	}
	return bare
}

// feedbackDate finds the date on which the inspection's findings were fed
// back: the last date before 反馈 in the sentence that says so, however far
// from it (2020年9月9日，市委常委、…同志带队向…反馈了巡察意见). The groups
// are those of dateRe: year (may be empty), month, day.
func feedbackDate(text string) []string {
	for _, sentence := range sentenceSplitRe.Split(text, -1) {
		i := strings.Index(sentence, "反馈")
		if i < 0 {
			continue
		}
		ms := dateRe.FindAllStringSubmatch(sentence[:i], -1)
		if ms != nil {
			return ms[len(ms)-1]
		}
	}
	return nil
}

func ymd(y, m, dd int) string {
	if y < 1000 || m < 1 || m > 12 || dd < 1 || dd > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
}

const numRe = `([0-9０-９]+|[一二两三四五六七八九十百]+)`

var (
	declAreasRe = regexp.MustCompile(numRe + `个方面`)
	// declProblemRe: 61个问题, 61个具体问题, 2个省委巡视反馈问题 (a
	// qualifier between the count and 问题 that says the problems were
	// found or fed back, and not 方面), 反馈问题共61个. A count in a set
	// phrase (八项规定精神问题, 两个责任落实不到位问题) is no such total.
	declProblemRe = regexp.MustCompile(numRe + `(?:个|项|条)(?:[^，。；、：\s0-9０-９个项条方面]{0,8}?(?:反馈|具体|巡视|巡察|指出|发现|交办|整改|突出|共性|重点|主要)[^，。；、：\s0-9０-９个项条方面]{0,6}?)?问题|(?:具体问题|反馈问题)共?` + numRe + `(?:个|项|条)`)
	// subsetWordsRe: qualifiers that may name a part of the problems;
	// findingsRe: a sentence about what the inspection found or fed back.
	subsetWordsRe = regexp.MustCompile(`突出|共性|重点|主要`)
	findingsRe    = regexp.MustCompile(`反馈|巡察组|巡视组|巡察指出|巡视指出|指出的`)
	declRegRe     = regexp.MustCompile(`(?:制定|修订|完善|建立|出台|健全)[^。；]{0,8}?` + numRe + `(?:项|个|份|件)(?:规章)?制度|制度` + numRe + `(?:项|个|份|件)`)
	declAccRe     = regexp.MustCompile(`(?:追责问责|问责|追责)` + numRe + `人(?:次)?(?:[（(]件[）)])?`)
	kindItemRe    = regexp.MustCompile(`^(.+?)` + numRe + `人(?:次)?(?:[（(]件[）)])?$`)
)

// kindAliases maps the wording of a breakdown to the vocabulary.
var kindAliases = map[string]string{
	"责令作出检查":   "责令作出书面检查",
	"作出书面检查":   "责令作出书面检查",
	"书面检查":     "责令作出书面检查",
	"责令检查":     "责令作出书面检查",
	"诫勉谈话":     "诫勉",
	"党纪政务处分":   "党纪处分",
	"纪律处分":     "党纪处分",
	"问责":       "问责处理",
	"撤职":       "行政撤职",
	"移交":       "移交调查",
	"移送调查":     "移交调查",
	"谈话提醒":     "提醒谈话",
	"严重警告":     "党内严重警告",
	"给予党内严重警告": "党内严重警告",
	"给予党内警告":   "党内警告",
	"约谈提醒":     "提醒谈话",
	"免职":       "组织处理",
	"降职":       "组织处理",
	"停职检查":     "组织处理",
	"责令辞职":     "组织处理",
	"撤销党内职务处分": "撤销党内职务",
	"留党察看处分":   "留党察看",
	"开除党籍处分":   "开除党籍",
	"政务警告":     "政务处分",
	"政务记过":     "政务处分",
	"政务记大过":    "政务处分",
	"政务降级":     "政务处分",
	"政务撤职":     "政务处分",
	"政务开除":     "政务处分",
	"开除公职":     "政务处分",
	"移送司法机关":   "移交调查",
}

func kindOf(words string) string {
	for _, k := range notice.AccountabilityKinds {
		if words == k {
			return k
		}
	}
	if k, ok := kindAliases[words]; ok {
		return k
	}
	return ""
}

// readDeclared reads the totals the notice states about itself.
func (d *doc) readDeclared() {
	type src struct {
		text string
		line int
	}
	var texts []src
	for i, p := range d.paras {
		if strings.HasPrefix(d.where[i], "前言") || strings.HasPrefix(d.where[i], "第") && strings.HasSuffix(d.where[i], "部分") {
			texts = append(texts, src{p.text, p.line})
		}
	}
	decl := &d.n.Declared
	// first reads the first match of re that is not a part (part may be
	// nil): its number, its match and the text it is in.
	first := func(re *regexp.Regexp, key string, part func(text string, loc []int) bool) (int, []int, string) {
		for _, t := range texts {
			for _, loc := range re.FindAllStringSubmatchIndex(t.text, -1) {
				if part != nil && part(t.text, loc) {
					continue
				}
				d.declaredLine[key] = t.line
				v := 0
				for g := 2; g+1 < len(loc); g += 2 {
					if loc[g] >= 0 {
						v = number(t.text[loc[g]:loc[g+1]])
						break
					}
				}
				return v, loc, t.text
			}
		}
		return 0, nil, ""
	}
	decl.Areas, _, _ = first(declAreasRe, "areas", nil)
	// 16个突出问题 is the total only in a sentence about the inspection's
	// findings (对反馈的16个突出问题); 聚焦群众反映的3个突出问题 is a part.
	decl.Problems, _, _ = first(declProblemRe, "problems", func(text string, loc []int) bool {
		return subsetWordsRe.MatchString(text[loc[0]:loc[1]]) && !findingsRe.MatchString(textAround(text, loc[0], loc[1], "。；"))
	})
	decl.Regulations, _, _ = first(declRegRe, "regulations", nil)
	var loc []int
	var text string
	decl.Accountability, loc, text = first(declAccRe, "accountability", nil)
	if loc == nil {
		return
	}
	// The breakdown: "其中，党内严重警告2人次，…，提醒谈话7人次。"
	after := text[loc[1]:]
	i := strings.Index(after, "其中")
	if i < 0 || i > 12 {
		return
	}
	after = after[i+len("其中"):]
	if j := strings.Index(after, "。"); j >= 0 {
		after = after[:j]
	}
	after = strings.TrimLeft(after, "，：,:")
	for _, item := range regexp.MustCompile(`[，、；,;]`).Split(after, -1) {
		m := kindItemRe.FindStringSubmatch(item)
		if m == nil {
			continue
		}
		words := strings.TrimPrefix(m[1], "给予")
		kind := kindOf(words)
		if kind == "" {
			d.warn(d.declaredLine["accountability"], fmt.Sprintf("问责分类“%s”不在词表中", item),
				"词表是："+strings.Join(notice.AccountabilityKinds, "、")+"；这一项没有导入。请联系技术人员把这种说法归入词表")
			continue
		}
		decl.AccountabilityByKind = append(decl.AccountabilityByKind, notice.KindCount{Kind: kind, Count: number(m[2]), Text: item})
	}
}

var (
	contactKeyRe = regexp.MustCompile(`联系电话|联系方式|举报电话|监督电话|电子邮箱|电子信箱|邮政地址|通信地址|通讯地址|来信请寄`)
	// phoneRe: a landline (0351-7654321, 0551—6287 3301), a mobile, or a
	// hotline of five digits (12345, 12380 举报电话, 12388), with or
	// without the area code (0731-12380).
	phoneRe      = regexp.MustCompile(`[1１][3-9３-９][0-9０-９]{9}|(?:[0０][0-9０-９]{2,3}\s*[-－—]\s*)?(?:[0-9０-９]{7,8}|[0-9０-９]{3,4}[ 　][0-9０-９]{4})(?:[-－][0-9０-９]{1,6})?|(?:[0０][0-9０-９]{2,3}\s*[-－—]\s*)?(?:12345|1238[08]|１２３４５|１２３８[０８])`)
	emailRe      = regexp.MustCompile(`[A-Za-z0-9._%+\-Ａ-Ｚａ-ｚ０-９．＿－]+[@＠][A-Za-z0-9.\-Ａ-Ｚａ-ｚ０-９．－]+[.．][A-Za-zＡ-Ｚａ-ｚ]{2,}`)
	addressRe    = regexp.MustCompile(`(?:邮政地址|通信地址|通讯地址|联系地址|来信请寄|来信地址|邮政信箱|通信信箱|地址)[：:]?([^（(；，。：\n]+)`)
	postcodeRe   = regexp.MustCompile(`(?:邮政编码|邮编)[：:]?([0-9０-９]{6})`)
	envelopeRe   = regexp.MustCompile(`信封[^，。；（）]{0,10}注明“[^”]*”`)
	phoneAfterRe = regexp.MustCompile(`(?:电话|热线)[：:]?`)
)

// narrow turns full-width digits, letters and ASCII signs (０２７－８５８０８６１６)
// into their ASCII forms.
func narrow(s string) string { return width.Narrow.String(s) }

// phoneValue is a phone number as a value: ASCII, without the blanks some
// texts put around its hyphen (0351 - 7654321).
func phoneValue(s string) string {
	return strings.ReplaceAll(strings.Map(func(r rune) rune {
		if isBlank(r) {
			return -1
		}
		return r
	}, narrow(s)), "—", "-")
}

// readContact reads phone, e-mail, address, postcode and envelope note from
// the contact text.
func (d *doc) readContact() {
	c := &d.n.Contact
	t := c.Text
	if t == "" {
		d.warn(d.lastLine, "未找到联系方式（联系电话、邮政地址、电子邮箱）", "请核对原文结尾是否完整；如原文没有联系方式，请在数据文件 [contact] 中填写 phone、email 或 address（重新导入时保留；text 只记原文的文字，不要填写）")
		return
	}
	// Phone, e-mail and postcode are values: read as ASCII whatever the
	// width of their digits and letters in the text, which keeps them.
	if loc := phoneAfterRe.FindStringIndex(t); loc != nil {
		c.Phone = phoneValue(phoneRe.FindString(t[loc[1]:]))
	}
	if c.Phone == "" {
		c.Phone = phoneValue(phoneRe.FindString(emailRe.ReplaceAllString(t, "")))
	}
	c.Email = narrow(emailRe.FindString(t))
	if m := addressRe.FindStringSubmatch(t); m != nil {
		c.Address = m[1]
	}
	if m := postcodeRe.FindStringSubmatch(t); m != nil {
		c.Postcode = narrow(m[1])
	}
	c.EnvelopeNote = envelopeRe.FindString(t)
}
