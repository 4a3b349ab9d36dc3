package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// An Oracle is the brute-force search the index must agree with.
type Oracle struct {
	fields [][]string // per document, its fields normalised
}

// NewOracle prepares the brute-force search over the index's documents.
func NewOracle(ix *Index) *Oracle {
	o := &Oracle{}
	for i, d := range ix.Docs {
		n := ix.Notices[d.Notice]
		var fs []string
		if i < ix.P {
			fs = ProblemFields(n, n.Issues[d.Number-firstNumber(n)])
		} else {
			fs = NoticeFields(n)
		}
		for j := range fs {
			fs[j] = Normalize(fs[j])
		}
		o.fields = append(o.fields, fs)
	}
	return o
}

// Search returns the documents (problems in the index's order, then
// notices) some field of which holds each term of q.
func (o *Oracle) Search(q string) []int32 {
	terms := Terms(q)
	if len(terms) == 0 {
		return nil
	}
	var out []int32
	for i, fields := range o.fields {
		ok := true
		for _, t := range terms {
			if !slices.ContainsFunc(fields, func(f string) bool { return strings.Contains(f, t) }) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, int32(i))
		}
	}
	return out
}

func firstNumber(n *notice.Notice) int {
	if len(n.Issues) == 0 {
		return 1
	}
	return n.Issues[0].Number
}

// FixedQueries are the queries of the issue and its hard cases: words
// across segmenter boundaries, one character, two terms, full-width digits
// and letters, a category name, a term that occurs nowhere.
var FixedQueries = []string{
	"公务接待", "兼职取酬", "政治 建设", "２０１９", "2019", "四个意识", "段简", "的", "整", "改",
	"政治建设不够有力", "请休假管理暂行办法", "市生态环境局", "主题党日", "诫勉", "党内严重警告",
	"巡察反馈问题整改", "中共武汉市生态环境局党组", "在坚持党的领导方面", "着力解决", "建设 有力 政治",
	"ＰＭ２.５", "V类", "不存在的词语", "已完成", "整改台账", "2020年底前", "(2019-2025年)", "（2019-2025年）",
	"政治", "治建", "建设不", "设不够有", " 的 ", "　公务　接待　",
}

// Queries returns the fixed queries and n sampled from the index's texts:
// substrings of 1 to 12 characters (a quarter of 1 or 2), some with digits,
// some two-term, some in full width, some not in any text.
func Queries(ix *Index, n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 7))
	var fields [][]rune
	var digits [][]rune
	for i, d := range ix.Docs {
		nt := ix.Notices[d.Notice]
		var fs []string
		if i < ix.P {
			fs = ProblemFields(nt, nt.Issues[d.Number-firstNumber(nt)])
		} else {
			fs = NoticeFields(nt)
		}
		for _, f := range fs {
			rs := []rune(Normalize(f))
			if len(rs) == 0 {
				continue
			}
			fields = append(fields, rs)
			if strings.IndexFunc(f, unicode.IsDigit) >= 0 {
				digits = append(digits, rs)
			}
		}
	}
	sub := func(from [][]rune, maxLen int) string {
		for {
			f := from[r.IntN(len(from))]
			l := 1 + r.IntN(maxLen)
			if l > len(f) {
				continue
			}
			s := r.IntN(len(f) - l + 1)
			q := string(f[s : s+l])
			if strings.TrimSpace(q) != q || strings.ContainsFunc(q, unicode.IsSpace) {
				continue
			}
			return q
		}
	}
	qs := slices.Clone(FixedQueries)
	for i := range n {
		switch i % 8 {
		case 0, 1:
			qs = append(qs, sub(fields, 2))
		case 2:
			// around a digit: mixed Chinese and digits
			f := digits[r.IntN(len(digits))]
			p := slices.IndexFunc(f, unicode.IsDigit)
			lo, hi := max(0, p-r.IntN(4)), min(len(f), p+1+r.IntN(5))
			q := strings.Join(strings.Fields(string(f[lo:hi])), "")
			if q == "" {
				q = "1"
			}
			qs = append(qs, q)
		case 3:
			qs = append(qs, sub(fields, 3)+" "+sub(fields, 6))
		case 4:
			qs = append(qs, toFullWidth(sub(digits, 8)))
		case 5:
			// a sampled string with two characters swapped: mostly absent
			q := []rune(sub(fields, 8))
			if len(q) > 2 {
				q[0], q[len(q)-1] = q[len(q)-1], q[0]
			}
			qs = append(qs, string(q))
		default:
			qs = append(qs, sub(fields, 12))
		}
	}
	return qs
}

// toFullWidth writes ASCII letters and digits in full width.
func toFullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f {
			return r - 0x21 + 0xFF01
		}
		return r
	}, s)
}
