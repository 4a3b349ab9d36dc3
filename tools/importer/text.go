package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wuhan-rectify/tracker/tools/notice"
	"github.com/wuhan-rectify/tracker/tools/original"
)

// This file turns the source text into repaired paragraphs: markup removed,
// lines broken by the PDF conversion joined again, stray spaces removed and
// ASCII punctuation restored to full-width (GB/T 15834) in Chinese context.
// No word is changed here; wording corrections come later, from the list.

// markerKind is the level of a heading marker, in the official order
// (GB/T 9704): 一、 > （一） > 1. > （1） > ①.
type markerKind int

const (
	mkNone markerKind = iota
	mkS               // 一、
	mkA               // （一）
	mkC               // 1. or 1、
	mkP               // （1）
	mkQ               // ①
	mkW               // 问题1： or 【问题】: a problem's own label starting its line (no other number)
)

func (k markerKind) String() string {
	return [...]string{"", "一、", "（一）", "1.", "（1）", "①", "问题1："}[k]
}

// srcLine is one non-empty line of the source with its markup removed.
type srcLine struct {
	no   int    // 1-based line number in the source
	text string // markup and surrounding blanks removed, otherwise raw
	kind markerKind
	num  int // number of the marker
}

var (
	// markup that converters put before headings and list items.
	markupRe = regexp.MustCompile(`^(?:[#＃]{1,6}[ \t　]*|[-*+•·][ \t　]+|>[ \t　]*|[ \t　]+)+`)

	markSRe = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})[ \t　]*[、]`)
	markARe = regexp.MustCompile(`^[（(][ \t　]*([一二三四五六七八九十]{1,3})[ \t　]*[）)]`)
	markCRe = regexp.MustCompile(`^([0-9０-９]{1,3})[ \t　]*[.．、]`)
	markPRe = regexp.MustCompile(`^[（(][ \t　]*([0-9０-９]{1,3})[ \t　]*[）)]`)
	markQRe = regexp.MustCompile(`^[①-⑳]`)
	// yearStartRe: a year starting the text after a marker.
	yearStartRe = regexp.MustCompile(`^[0-9０-９]{4}年`)
	// markWRe: "问题1：学习贯彻…不够深入。" then "整改措施：…" — county
	// notices that number their problems only so.
	markWRe = regexp.MustCompile(`^(?:反馈)?问题[ \t　]*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})[ \t　]*[：:]|^【问题([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})?】`)
)

// marker recognises the heading marker at the start of s.
func marker(s string) (markerKind, int) {
	if m := markSRe.FindStringSubmatch(s); m != nil {
		return mkS, chineseNumber(m[1])
	}
	if m := markARe.FindStringSubmatch(s); m != nil {
		return mkA, chineseNumber(m[1])
	}
	if m := markPRe.FindStringSubmatch(s); m != nil {
		return mkP, arabicNumber(m[1])
	}
	if m := markCRe.FindStringSubmatch(s); m != nil {
		// "1、2、4-6号" and "1.5万元" are not headings; "2.2023年6月底前…"
		// is one, before a year.
		rest := s[len(m[0]):]
		if r, _ := utf8.DecodeRuneInString(rest); !isDigit(r) || yearStartRe.MatchString(rest) {
			return mkC, arabicNumber(m[1])
		}
	}
	if m := markQRe.FindString(s); m != "" {
		r, _ := utf8.DecodeRuneInString(m)
		return mkQ, int(r-'①') + 1
	}
	if !strings.HasPrefix(s, "问题") && !strings.HasPrefix(s, "反馈问题") && !strings.HasPrefix(s, "【问题") {
		return mkNone, 0
	}
	if m := markWRe.FindStringSubmatch(s); m != nil {
		// Number 0: 【问题】 has none; acceptMarkers numbers it.
		n := m[1] + m[2]
		switch {
		case n == "":
			return mkW, 0
		case isDigit([]rune(n)[0]):
			return mkW, arabicNumber(n)
		}
		return mkW, chineseNumber(n)
	}
	return mkNone, 0
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func arabicNumber(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		}
	}
	return n
}

var chineseDigits = map[rune]int{'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// chineseNumber parses 一 … 九十九 (and 百 for counts); 0 when s is not one.
func chineseNumber(s string) int {
	total, cur := 0, 0
	for _, r := range s {
		if d, ok := chineseDigits[r]; ok {
			cur = d
			continue
		}
		switch r {
		case '十':
			if cur == 0 {
				cur = 1
			}
			total += cur * 10
			cur = 0
		case '百':
			if cur == 0 {
				cur = 1
			}
			total += cur * 100
			cur = 0
		default:
			return 0
		}
	}
	return total + cur
}

// number parses a count written with digits or Chinese numerals.
func number(s string) int {
	if s == "" {
		return 0
	}
	if r, _ := utf8.DecodeRuneInString(s); isDigit(r) {
		return arabicNumber(s)
	}
	return chineseNumber(s)
}

// chineseNumeral writes n (1…99) in Chinese numerals, as in 二十一是.
func chineseNumeral(n int) string {
	d := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return ""
	case n < 10:
		return d[n]
	case n < 20:
		return "十" + d[n%10]
	default:
		return d[n/10] + "十" + d[n%10]
	}
}

// readLines splits src into non-empty lines without markup and reports
// invalid UTF-8.
func readLines(file string, src []byte) ([]srcLine, []notice.Diagnostic) {
	var (
		lines   []srcLine
		diags   []notice.Diagnostic
		invalid int
	)
	s := string(src)
	s = strings.TrimPrefix(s, "\uFEFF")
	for i, raw := range strings.Split(s, "\n") {
		if !utf8.ValidString(raw) {
			invalid++
			if invalid <= 3 {
				diags = append(diags, notice.Diagnostic{File: file, Line: i + 1,
					Message: "这一行含有无效的UTF-8字节，已替换为“\uFFFD”",
					Hint:    "请把原文另存为UTF-8编码后重新导入（GBK等编码的文件要先转换）"})
			}
			raw = strings.ToValidUTF8(raw, "\uFFFD")
		}
		raw = strings.TrimRight(raw, " \t\r\u3000\u00a0\u200b\ufeff\v\f")
		t := markupRe.ReplaceAllString(raw, "")
		t = strings.TrimLeft(t, "\u00a0\u200b\ufeff\r\v\f")
		// Control characters inside a line (a PDF's form feed, stray C0/C1
		// bytes) are layout, not words: readers never see them, and feeds
		// and spreadsheets break on them.
		t = strings.Map(func(r rune) rune {
			if r != '\t' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) {
				return -1
			}
			return r
		}, t)
		if strings.TrimFunc(t, isBlank) == "" {
			continue
		}
		lines = append(lines, srcLine{no: i + 1, text: t})
	}
	if invalid > 3 {
		diags = append(diags, notice.Diagnostic{File: file, Line: 0,
			Message: fmt.Sprintf("共有%d行含有无效的UTF-8字节（以上只列出前3行）", invalid),
			Hint:    "原文可能不是UTF-8编码，请另存为UTF-8后重新导入"})
	}
	return lines, diags
}

// startsWithLabel: s starts with a label of a problem's text (整改情况：,
// 整改时限：, labelStartRe and itemLabelRe), which starts a paragraph. The
// prefixes are those the two expressions start with, a cheap filter.
func startsWithLabel(s string) bool {
	return (strings.HasPrefix(s, "整改") || strings.HasPrefix(s, "完成") || strings.HasPrefix(s, "【") || strings.HasPrefix(s, "责任") || strings.HasPrefix(s, "牵头")) && (itemLabelRe.MatchString(s) || labelStartRe.MatchString(s))
}

// isTableRow: the line is a row of a table of the original, its cells
// between ｜ (original.TableRow). A row is a paragraph of its own.
func isTableRow(s string) bool {
	return len(s) > 2*len(original.TableRow) && strings.HasPrefix(s, original.TableRow) && strings.HasSuffix(s, original.TableRow)
}

// isBlank reports whether r is layout whitespace (removed by the repair).
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u3000'
}

var (
	// inlineMarkRe: a section or area marker inside a line, after a
	// sentence end or a blank: text copied from a web page often runs the
	// parts of a notice together ("…予以通报。 一、加强组织领导 学院成立…").
	inlineMarkRe = regexp.MustCompile(`(?:[。；！？]|[ \t　])[ \t　]*((?:[一二三四五六七八九十]{1,3})、|[（(](?:[一二三四五六七八九十]{1,3})[）)])`)
	// inlineContactRe: the contact paragraph after a sentence end and a
	// blank.
	inlineContactRe = regexp.MustCompile(`[。；！？][ \t　]+((?:欢迎|联系电话|联系方式|举报电话|监督电话|电子邮箱|电子信箱|邮政地址|通信地址|通讯地址|来信请寄))`)
	// inlineHeadRe: a heading run together with its text by a blank
	// ("一、加强组织领导 学院成立…"): Chinese words only, then the text.
	inlineHeadRe = regexp.MustCompile(`^((?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\([一二三四五六七八九十]{1,3}\))[\p{Han}“”‘’]{2,30})[ \t　]+(\p{Han}.*[，。；].*)$`)
)

// splitRunTogether breaks lines in which the parts of a notice run together:
// at each 一、 or （一） that follows a sentence end or a blank and carries
// the next number of its kind, and then between such a heading and its
// text when a blank separates them. The pieces keep their line number.
func splitRunTogether(lines []srcLine) []srcLine {
	last := map[markerKind]int{}
	// seen notes a section or area number; areas restart in each section.
	seen := func(k markerKind, n int) {
		last[k] = n
		if k == mkS {
			last[mkA] = 0
		}
	}
	var out []srcLine
	for _, l := range lines {
		if k, n := marker(l.text); k == mkS || k == mkA {
			seen(k, n)
		}
		pieces := []string{}
		rest := l.text
		for {
			cut := -1
			for _, m := range inlineMarkRe.FindAllStringSubmatchIndex(rest, -1) {
				k, n := marker(rest[m[2]:])
				if (k == mkS || k == mkA) && n == last[k]+1 {
					cut = m[2]
					seen(k, n)
					break
				}
			}
			// The contact paragraph run onto the last one: "…已整改到位。 联系电话：…".
			if m := inlineContactRe.FindStringSubmatchIndex(rest); m != nil && (cut < 0 || m[2] < cut) {
				cut = m[2]
			}
			if cut < 0 {
				break
			}
			pieces = append(pieces, rest[:cut])
			rest = rest[cut:]
		}
		if len(pieces) == 0 {
			out = append(out, l)
			continue
		}
		pieces = append(pieces, rest)
		for i, p := range pieces {
			if i > 0 {
				if m := inlineHeadRe.FindStringSubmatch(p); m != nil {
					out = append(out, srcLine{no: l.no, text: m[1]}, srcLine{no: l.no, text: m[2]})
					continue
				}
			}
			if strings.TrimFunc(p, isBlank) != "" {
				out = append(out, srcLine{no: l.no, text: strings.TrimFunc(p, isBlank)})
			}
		}
	}
	return out
}

// acceptMarkers decides which marker-like line starts are headings. A marker
// is a heading when the previous line ended a sentence or was a heading, or
// when its number continues the numbering of its kind; otherwise (a page
// break inside a sentence such as "…分为\n三、四两类") it is text.
func acceptMarkers(lines []srcLine) []srcLine {
	last := map[markerKind]int{}
	var out []srcLine
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		k, n := marker(l.text)
		if k == mkW && n == 0 {
			n = last[mkW] + 1 // 【问题】, numbered in order
		}
		if k != mkNone {
			plausible := n == 1 || n == last[k]+1
			if i > 0 && !plausible && !endsSentence(out[len(out)-1].text) && !isHeadingLine(out[len(out)-1]) {
				k = mkNone
			}
		}
		l.kind, l.num = k, n
		if k != mkNone {
			last[k] = n
			// Deeper numbering restarts under a new heading of its parent.
			for d := k + 1; d <= mkQ; d++ {
				if d != mkP && d != mkC {
					last[d] = 0
				}
			}
			// A heading followed on the same line by the next problem:
			// "21. 着力解决“…”问题 (61)针对“…”的问题，…".
			if head, tail, ok := splitInline(l, last); ok {
				l.text = head
				out = append(out, l)
				lines = append(lines[:i+1], append([]srcLine{{no: l.no, text: tail}}, lines[i+1:]...)...)
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

var inlineProblemRe = regexp.MustCompile(`[ \t　]*[（(][ \t　]*([0-9０-９]{1,3})[ \t　]*[）)][ \t　]*(?:针对|关于)`)

// splitInline finds a problem marker inside a heading line: the text before
// it must look like a heading (no clause punctuation) and the number must be
// the next problem number.
func splitInline(l srcLine, last map[markerKind]int) (head, tail string, ok bool) {
	if l.kind == mkP || l.kind == mkQ {
		return "", "", false
	}
	for _, loc := range inlineProblemRe.FindAllStringSubmatchIndex(l.text, -1) {
		if loc[0] == 0 {
			continue
		}
		n := arabicNumber(l.text[loc[2]:loc[3]])
		if n != last[mkP]+1 && n != 1 {
			continue
		}
		head = l.text[:loc[0]]
		if strings.ContainsAny(head, "，。；：,;:！？!?") {
			return "", "", false
		}
		return head, strings.TrimLeft(l.text[loc[0]:], " \t　"), true
	}
	return "", "", false
}

// endsSentence reports whether s ends with sentence-final punctuation
// (possibly followed by closing quotes or brackets).
func endsSentence(s string) bool {
	return strings.ContainsRune("。！？；：.!?;:…｜", lastMark(s)) // ｜ ends a table row (isTableRow)
}

// lastMark is the last character of s before blanks and closing quotes or
// brackets: the punctuation that ends it, if any.
func lastMark(s string) rune {
	s = strings.TrimRightFunc(s, isBlank)
	s = strings.TrimRight(s, "”’\"'）)」』")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// isHeadingLine: a marker line that reads as a heading ends its paragraph,
// so that the next line starts a new one ("（一）在坚持党的领导方面" then its
// intro). A section heading (一、) always does; a deeper one when it has no
// clause punctuation at all and its quotes and brackets are closed (a
// problem's first line broken by a page break, "（33）针对“…”的问题，一是组织",
// continues on the next line).
func isHeadingLine(l srcLine) bool {
	if l.kind == mkNone {
		return false
	}
	if isDateLine(l.text) {
		return true
	}
	if l.kind == mkS {
		return balanced(l.text)
	}
	return !strings.ContainsAny(l.text, "，。；：,;:！？!?") && balanced(l.text)
}

// commaHeading: a heading with a comma ("（一）坚持问题导向，强化整改落实")
// ends its paragraph too, when it is short, has no other clause
// punctuation, names no problem and (in text wrapped at a fixed width, as
// copied from a PDF) is clearly shorter than a full line, which would rather
// be a sentence broken by the wrap.
func commaHeading(l srcLine, wrap int) bool {
	if l.kind != mkS && l.kind != mkA && l.kind != mkC || !balanced(l.text) {
		return false
	}
	n := utf8.RuneCountInString(l.text)
	if n > 30 || wrap > 0 && n >= wrap-3 || strings.ContainsAny(l.text, "。；：！？;:!?") ||
		strings.Count(l.text, "，")+strings.Count(l.text, ",") > 2 {
		return false
	}
	if _, _, ok, _ := parseLead(l.text[len(labelOf(l.kind, l.text)):]); ok || strings.Contains(l.text, "一是") {
		return false
	}
	return true
}

// wrapWidth is the width, in characters, at which the text was wrapped
// (a PDF copied line by line): the most common length of lines that stop
// mid-sentence, when at least 3 lines and a fifth of those lines share
// it; 0 for text not wrapped at a fixed width.
func wrapWidth(lines []srcLine) int {
	counts := map[int]int{}
	total := 0
	for _, l := range lines {
		if n := utf8.RuneCountInString(l.text); n >= 15 && !endsSentence(l.text) {
			counts[n]++
			total++
		}
	}
	best, bestN := 0, 0
	for w, c := range counts {
		// Lines of a wrapped text differ by a character or two (a
		// punctuation mark pushed to the next line): count the neighbours.
		c += counts[w-1] + counts[w+1]
		if c > bestN || c == bestN && w > best {
			best, bestN = w, c
		}
	}
	if bestN >= 3 && bestN*5 >= total {
		return best + 1
	}
	return 0
}

// balanced reports whether s closes every quote and bracket it opens.
func balanced(s string) bool {
	if strings.Count(s, "\"")%2 != 0 {
		return false
	}
	depth := map[rune]int{}
	pairs := map[rune]rune{'”': '“', '’': '‘', '）': '（', ')': '(', '》': '《', '〉': '〈', '】': '【'}
	for _, r := range s {
		switch r {
		case '“', '‘', '（', '(', '《', '〈', '【':
			depth[r]++
		case '”', '’', '）', ')', '》', '〉', '】':
			depth[pairs[r]]--
		}
	}
	for _, d := range depth {
		if d > 0 {
			return false
		}
	}
	return true
}

// isDateLine: a line that is only a date, such as the date under the title
// or of the signature.
func isDateLine(s string) bool {
	t, _ := repair(s)
	return publishedOf(t) != ""
}

// paragraph is one repaired paragraph of the body.
type paragraph struct {
	line  int // source line where it starts
	last  int // source line where it ends
	kind  markerKind
	num   int
	label string // the marker as repaired, e.g. "（1）"
	text  string // repaired text, label included
}

func (p paragraph) rest() string { return p.text[len(p.label):] }

// paragraphs joins lines into paragraphs and repairs them. Lines continue the
// previous paragraph unless they start with a heading marker, or the
// previous line ended a sentence or was a heading.
func paragraphs(file string, lines []srcLine) ([]paragraph, []notice.Diagnostic) {
	var (
		out   []paragraph
		diags []notice.Diagnostic
		buf   strings.Builder
		cur   paragraph
		open  bool
		prev  srcLine
	)
	flush := func() {
		if !open {
			return
		}
		text, unbalanced := repair(buf.String())
		if unbalanced {
			diags = append(diags, notice.Diagnostic{File: file, Line: cur.line,
				Message: "这一段的引号不成对",
				Hint:    "请核对原文，补全缺少的引号后重新导入"})
		}
		cur.text = text
		cur.label = labelOf(cur.kind, text)
		if cur.label == "" {
			cur.kind, cur.num = mkNone, 0
		}
		out = append(out, cur)
		buf.Reset()
		open = false
	}
	wrap := wrapWidth(lines)
	for _, l := range lines {
		startNew := !open || l.kind != mkNone || endsSentence(prev.text) || isHeadingLine(prev) || commaHeading(prev, wrap) ||
			isDateLine(l.text) || isDateLine(prev.text) || isTableRow(l.text) || isTableRow(prev.text) ||
			startsWithLabel(l.text)
		if startNew {
			flush()
			cur = paragraph{line: l.no, last: l.no, kind: l.kind, num: l.num}
			open = true
		} else {
			// A line break inside an English word sequence becomes a space;
			// in Chinese it disappears.
			a, _ := utf8.DecodeLastRuneInString(buf.String())
			b, _ := utf8.DecodeRuneInString(l.text)
			if isASCIIAlnum(a) && isASCIIAlnum(b) && !(isDigit(a) && isDigit(b)) {
				buf.WriteByte(' ')
			}
			cur.last = l.no
		}
		buf.WriteString(l.text)
		prev = l
	}
	flush()
	return out, diags
}

// headingStop drops the full stop that ends a heading standing alone as a
// paragraph ("（一）落实上级部署有差距。"): a heading has no final
// punctuation (GB/T 9704). Text after the stop, or any other clause
// punctuation, makes it a sentence, which keeps its stop.
func headingStop(rest string) string {
	t := strings.TrimSuffix(rest, "。")
	if t == rest || t == "" || strings.ContainsAny(t, "，。；：！？,;:!?") || utf8.RuneCountInString(t) > 40 {
		return rest
	}
	return t
}

var (
	labelSRe = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}、`)
	labelARe = regexp.MustCompile(`^（[一二三四五六七八九十]{1,3}）`)
	labelCRe = regexp.MustCompile(`^[0-9０-９]{1,3}[.．、]`)
	labelPRe = regexp.MustCompile(`^（[0-9０-９]{1,3}）`)
	labelQRe = regexp.MustCompile(`^[①-⑳]`)
	labelWRe = regexp.MustCompile(`^(?:反馈)?问题(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})：|^【问题(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})?】`)
)

// labelOf returns the marker at the start of the repaired text.
func labelOf(k markerKind, text string) string {
	var re *regexp.Regexp
	switch k {
	case mkS:
		re = labelSRe
	case mkA:
		re = labelARe
	case mkC:
		re = labelCRe
	case mkP:
		re = labelPRe
	case mkQ:
		re = labelQRe
	case mkW:
		re = labelWRe
	default:
		return ""
	}
	return re.FindString(text)
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// isCJK reports whether r makes its neighbourhood Chinese text: a Han
// character or full-width punctuation.
func isCJK(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r):
		return true
	case r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef:
		return true
	case r >= 0x2018 && r <= 0x201f, r == '…', r == '—', r == '·':
		return true
	case r >= 0x3040 && r <= 0x30ff: // kana
		return true
	}
	return false
}

var fullWidth = map[rune]rune{',': '，', ';': '；', ':': '：', '!': '！', '?': '？'}

// repair restores Chinese typography in one paragraph: ASCII , ; : ! ? ( )
// " ' become ，；：！？（）“”‘’ in Chinese context, and . after a Chinese
// word at the end of a sentence becomes 。 (quotes paired, nesting
// respected), and blanks are removed except between two ASCII words or
// numbers. 90.1%, 027-85808616, 4-6号, 2/3 and e-mail addresses are untouched.
// It reports quotes left open.
func repair(s string) (string, bool) {
	in := []rune(s)
	hasHan := false
	for _, r := range in {
		if unicode.Is(unicode.Han, r) {
			hasHan = true
			break
		}
	}
	parens := matchParens(in)
	out := make([]rune, 0, len(in))
	var quotes []rune // open quotes, innermost last; '"' an ASCII one shown as ‘
	var ascii []bool  // whether each open quote was written in ASCII
	lastOut := func() rune {
		for i := len(out) - 1; i >= 0; i-- {
			if !isBlank(out[i]) {
				return out[i]
			}
		}
		return 0
	}
	nextIn := func(i int) rune {
		for j := i + 1; j < len(in); j++ {
			if !isBlank(in[j]) {
				return in[j]
			}
		}
		return 0
	}
	lost := false // a nested ASCII quote left open inside a closed “…”
	closeQuote := func(open rune) bool {
		for j := len(quotes) - 1; j >= 0; j-- {
			if quotes[j] == open {
				lost = lost || slices.Contains(quotes[j+1:], '"')
				quotes, ascii = quotes[:j], ascii[:j]
				return true
			}
		}
		return false
	}
	for i, r := range in {
		switch r {
		case '“', '‘':
			quotes = append(quotes, r)
			ascii = append(ascii, false)
		case '”':
			closeQuote('“')
		case '’':
			closeQuote('‘')
		case '"':
			if hasHan {
				// An ASCII double quote closes the innermost open double
				// quote when that one was ASCII too (and any single quote
				// left open inside it); inside a full-width “…” it opens a
				// nested quote, written ‘…’ as quotes inside quotes are
				// (GB/T 15834; "“乡村振兴"五大振兴"统筹推进不够”"), and
				// the next ASCII one closes it; otherwise it opens.
				j := len(quotes) - 1
				for j >= 0 && quotes[j] != '“' && quotes[j] != '"' {
					j--
				}
				switch {
				case j >= 0 && quotes[j] == '"':
					quotes, ascii = quotes[:j], ascii[:j]
					r = '’'
				case j >= 0 && ascii[j]:
					quotes, ascii = quotes[:j], ascii[:j]
					r = '”'
				case j >= 0:
					quotes, ascii = append(quotes, '"'), append(ascii, true)
					r = '‘'
				default:
					quotes, ascii = append(quotes, '“'), append(ascii, true)
					r = '“'
				}
			}
		case '\'':
			l, n := lastOut(), nextIn(i)
			if hasHan && !(isASCIIAlnum(l) && isASCIIAlnum(n)) {
				if k := len(quotes); k > 0 && quotes[k-1] == '‘' {
					quotes, ascii = quotes[:k-1], ascii[:k-1]
					r = '’'
				} else {
					quotes, ascii = append(quotes, '‘'), append(ascii, true)
					r = '‘'
				}
			}
		case ',', ';', ':', '!', '?':
			if isCJK(lastOut()) || isCJK(nextIn(i)) {
				r = fullWidth[r]
			}
		case '.':
			// A full stop after Chinese words ("明确完成时限.", "不撒手”.",
			// "1.1万元）.已完成"), not in 1.  90.1%  163.com  文件.docx.
			l, n := lastOut(), nextIn(i)
			if (unicode.Is(unicode.Han, l) || strings.ContainsRune("”’）》", l)) && (n == 0 || isCJK(n) || n == '"' || n == '\'') {
				r = '。'
			}
		case '(', ')':
			if parens[i] {
				if r == '(' {
					r = '（'
				} else {
					r = '）'
				}
			}
		}
		out = append(out, r)
	}
	// Remove blanks, except one space between two ASCII words or numbers.
	res := make([]rune, 0, len(out))
	for i := 0; i < len(out); i++ {
		r := out[i]
		if !isBlank(r) {
			res = append(res, r)
			continue
		}
		j := i
		for j < len(out) && isBlank(out[j]) {
			j++
		}
		if len(res) > 0 && j < len(out) && keepSpace(res[len(res)-1], out[j]) {
			res = append(res, ' ')
		}
		i = j - 1
	}
	return string(res), len(quotes) > 0 || lost
}

// keepSpace: a blank between a and b is kept in English or numbers
// ("Windows 10"), dropped next to Chinese or full-width punctuation.
func keepSpace(a, b rune) bool {
	return a < 0x80 && b < 0x80 && a > ' ' && b > ' '
}

// matchParens decides, for every ASCII parenthesis in s, whether it becomes
// full-width: a pair does when it encloses or touches Chinese text; a lone
// one when a neighbour is Chinese.
func matchParens(s []rune) map[int]bool {
	conv := map[int]bool{}
	var stack []int
	neighbour := func(i, dir int) rune {
		for j := i + dir; j >= 0 && j < len(s); j += dir {
			if !isBlank(s[j]) {
				return s[j]
			}
		}
		return 0
	}
	for i, r := range s {
		switch r {
		case '(', '（':
			stack = append(stack, i)
		case ')', '）':
			if len(stack) == 0 {
				if r == ')' {
					conv[i] = isCJK(neighbour(i, -1)) || isCJK(neighbour(i, 1))
				}
				continue
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			c := s[o] == '（' || r == '）' || isCJK(neighbour(o, -1)) || isCJK(neighbour(i, 1))
			for _, x := range s[o+1 : i] {
				if isCJK(x) {
					c = true
					break
				}
			}
			if s[o] == '(' {
				conv[o] = c
			}
			if r == ')' {
				conv[i] = c
			}
		}
	}
	for _, o := range stack {
		if s[o] == '(' {
			conv[o] = isCJK(neighbour(o, -1)) || isCJK(neighbour(o, 1))
		}
	}
	return conv
}
