package original

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// numbering renders the labels of Word's automatic numbering
// (word/numbering.xml), keeping the counters as the document is read.
type numbering struct {
	abstract map[string]map[int]*numLevel // abstractNumId → ilvl → level
	nums     map[string]*numInstance      // numId → instance
	counters map[string][]int             // abstractNumId → counter per level; 0: not started
	started  map[string]bool              // numIds seen: their startOverrides have been applied
	used     bool                         // a label was rendered
}

type numLevel struct {
	start  int
	format string // numFmt
	text   string // lvlText, e.g. "%1、" or "（%2）"
	suffix string // tab (default), space or nothing
	legal  bool   // isLgl: all levels' numbers in decimal
	style  string // pStyle linked to this level
}

type numInstance struct {
	abstract string
	starts   map[int]int // startOverride per level
}

type xmlVal struct {
	Val string `xml:"val,attr"`
}

// parse reads numbering.xml; what it cannot read is left without labels.
func (n *numbering) parse(data []byte) {
	var doc struct {
		Abstract []struct {
			ID     string `xml:"abstractNumId,attr"`
			Levels []struct {
				Ilvl   int     `xml:"ilvl,attr"`
				Start  *xmlVal `xml:"start"`
				Fmt    *xmlVal `xml:"numFmt"`
				Text   *xmlVal `xml:"lvlText"`
				Suff   *xmlVal `xml:"suff"`
				Legal  *xmlVal `xml:"isLgl"`
				PStyle *xmlVal `xml:"pStyle"`
			} `xml:"lvl"`
		} `xml:"abstractNum"`
		Num []struct {
			ID       string `xml:"numId,attr"`
			Abstract xmlVal `xml:"abstractNumId"`
			Override []struct {
				Ilvl  int     `xml:"ilvl,attr"`
				Start *xmlVal `xml:"startOverride"`
			} `xml:"lvlOverride"`
		} `xml:"num"`
	}
	if xml.Unmarshal(data, &doc) != nil {
		return
	}
	n.abstract = map[string]map[int]*numLevel{}
	n.nums = map[string]*numInstance{}
	for _, a := range doc.Abstract {
		levels := map[int]*numLevel{}
		for _, l := range a.Levels {
			lv := &numLevel{start: 1, format: "decimal", suffix: "tab"}
			if l.Start != nil {
				lv.start, _ = strconv.Atoi(l.Start.Val)
			}
			if l.Fmt != nil {
				lv.format = l.Fmt.Val
			}
			if l.Text != nil {
				lv.text = l.Text.Val
			}
			if l.Suff != nil {
				lv.suffix = l.Suff.Val
			}
			lv.legal = l.Legal != nil && l.Legal.Val != "0" && l.Legal.Val != "false"
			if l.PStyle != nil {
				lv.style = l.PStyle.Val
			}
			levels[l.Ilvl] = lv
		}
		n.abstract[a.ID] = levels
	}
	for _, m := range doc.Num {
		inst := &numInstance{abstract: m.Abstract.Val, starts: map[int]int{}}
		for _, o := range m.Override {
			if o.Start != nil {
				inst.starts[o.Ilvl], _ = strconv.Atoi(o.Start.Val)
			}
		}
		n.nums[m.ID] = inst
	}
}

// label advances the counter of list numId at level ilvl and returns the
// label Word shows, with its suffix. ilvl < 0 means the level linked to
// style.
func (n *numbering) label(numID string, ilvl int, style string) string {
	inst := n.nums[numID]
	if inst == nil {
		return ""
	}
	levels := n.abstract[inst.abstract]
	if ilvl < 0 {
		ilvl = 0
		for i, l := range levels {
			if l.style == style {
				ilvl = i
			}
		}
	}
	lvl := levels[ilvl]
	if lvl == nil || ilvl > 8 {
		return ""
	}
	start := func(k int) int {
		if s, ok := inst.starts[k]; ok {
			return s
		}
		if l := levels[k]; l != nil {
			return l.start
		}
		return 1
	}
	ctr := n.counters[inst.abstract]
	if ctr == nil {
		ctr = make([]int, 9)
		n.counters[inst.abstract] = ctr
	}
	if !n.started[numID] {
		n.started[numID] = true
		for k := range inst.starts {
			if k >= 0 && k < 9 {
				ctr[k] = 0
			}
		}
	}
	// Counters are stored plus one so that 0 means "not started".
	if ctr[ilvl] == 0 {
		ctr[ilvl] = start(ilvl) + 1
	} else {
		ctr[ilvl]++
	}
	for k := ilvl + 1; k < 9; k++ {
		ctr[k] = 0
	}
	var label string
	if lvl.format == "bullet" {
		for _, r := range lvl.text {
			if r < 0xE000 || r > 0xF8FF { // symbol-font bullets live in the private use area
				label += string(r)
			}
		}
	} else {
		label = lvl.text
		for k := 0; k <= ilvl; k++ {
			ph := fmt.Sprintf("%%%d", k+1)
			if !strings.Contains(label, ph) {
				continue
			}
			v := ctr[k] - 1
			if ctr[k] == 0 {
				v = start(k)
			}
			format := "decimal"
			if l := levels[k]; l != nil {
				format = l.format
			}
			if lvl.legal && k != ilvl {
				format = "decimal"
			}
			label = strings.ReplaceAll(label, ph, formatNumber(v, format))
		}
	}
	if label == "" {
		return ""
	}
	n.used = true
	if lvl.suffix == "nothing" {
		return label
	}
	if last := []rune(label)[len([]rune(label))-1]; unicode.IsPunct(last) || unicode.IsSymbol(last) {
		return label
	}
	return label + " "
}

// formatNumber writes n in a WordprocessingML number format (ST_NumberFormat).
func formatNumber(n int, format string) string {
	switch format {
	case "none":
		return ""
	case "decimalZero":
		return fmt.Sprintf("%02d", n)
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		switch {
		case n >= 1 && n <= 20:
			return string(rune(0x2460 + n - 1))
		case n >= 21 && n <= 35:
			return string(rune(0x3251 + n - 21))
		case n >= 36 && n <= 50:
			return string(rune(0x32B1 + n - 36))
		}
	case "decimalEnclosedParen":
		if n >= 1 && n <= 20 {
			return string(rune(0x2474 + n - 1))
		}
		return "(" + strconv.Itoa(n) + ")"
	case "decimalEnclosedFullstop":
		if n >= 1 && n <= 20 {
			return string(rune(0x2488 + n - 1))
		}
		return strconv.Itoa(n) + "."
	case "chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
		"japaneseCounting", "koreanCounting", "ideographEnclosedCircle":
		return chineseNumber(n, []rune("零一二三四五六七八九"), []rune("十百千"), true)
	case "chineseLegalSimplified":
		return chineseNumber(n, []rune("零壹贰叁肆伍陆柒捌玖"), []rune("拾佰仟"), false)
	case "ideographLegalTraditional", "japaneseLegal", "koreanLegal":
		return chineseNumber(n, []rune("零壹貳參肆伍陸柒捌玖"), []rune("拾佰仟"), false)
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "koreanDigital":
		return strings.Map(func(r rune) rune { return []rune("〇一二三四五六七八九")[r-'0'] }, strconv.Itoa(n))
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	case "ideographZodiac":
		if n >= 1 && n <= 12 {
			return string([]rune("子丑寅卯辰巳午未申酉戌亥")[n-1])
		}
	case "lowerLetter", "upperLetter":
		if n >= 1 {
			s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
			if format == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	case "lowerRoman", "upperRoman":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

// chineseNumber writes 0 < n < 10000 in Chinese numerals: 十一, 二十,
// 一百零一. short drops the 一 of 一十 (counting style, not legal style).
func chineseNumber(n int, digits, units []rune, short bool) string {
	if n <= 0 || n >= 10000 {
		return strconv.Itoa(n)
	}
	var b []rune
	zero := false
	for i, p := range []int{1000, 100, 10, 1} {
		d := n / p % 10
		if d == 0 {
			zero = len(b) > 0
			continue
		}
		if zero {
			b = append(b, digits[0])
			zero = false
		}
		if !(short && p == 10 && d == 1 && len(b) == 0) {
			b = append(b, digits[d])
		}
		if i < 3 {
			b = append(b, units[2-i])
		}
	}
	return string(b)
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// parseStyleNumbering reads the numbering that paragraph styles carry in
// styles.xml (headings are often numbered through their style), following
// basedOn. A style whose numPr has no ilvl gets level -1: the level that
// links to the style.
func parseStyleNumbering(data []byte) map[string]numRef {
	var doc struct {
		Styles []struct {
			ID      string  `xml:"styleId,attr"`
			BasedOn *xmlVal `xml:"basedOn"`
			NumID   *xmlVal `xml:"pPr>numPr>numId"`
			Ilvl    *xmlVal `xml:"pPr>numPr>ilvl"`
		} `xml:"style"`
	}
	out := map[string]numRef{}
	if xml.Unmarshal(data, &doc) != nil {
		return out
	}
	own := map[string]numRef{}
	based := map[string]string{}
	for _, s := range doc.Styles {
		if s.BasedOn != nil {
			based[s.ID] = s.BasedOn.Val
		}
		if s.NumID != nil {
			r := numRef{id: s.NumID.Val, level: -1, set: true}
			if s.Ilvl != nil {
				r.level, _ = strconv.Atoi(s.Ilvl.Val)
			}
			own[s.ID] = r
		}
	}
	for _, s := range doc.Styles {
		id := s.ID
		for range 10 { // basedOn chains are short; a loop is a broken file
			if r, ok := own[id]; ok {
				out[s.ID] = r
				break
			}
			if id = based[id]; id == "" {
				break
			}
		}
	}
	return out
}
