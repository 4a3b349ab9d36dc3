package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/wuhan-rectify/tracker/tools/gen"
	"github.com/wuhan-rectify/tracker/tools/internal/repo"
)

// fixedQueries are the queries of the issue and its hard cases: words
// across segmenter boundaries, one character, two terms, full-width digits
// and letters, a category name, a term that occurs nowhere.
var fixedQueries = []string{
	"公务接待", "兼职取酬", "政治 建设", "２０１９", "2019", "四个意识", "段简", "的", "整", "改",
	"政治建设不够有力", "请休假管理暂行办法", "市生态环境局", "主题党日", "诫勉", "党内严重警告",
	"巡察反馈问题整改", "中共武汉市生态环境局党组", "在坚持党的领导方面", "着力解决", "建设 有力 政治",
	"ＰＭ２.５", "V类", "不存在的词语", "已完成", "整改台账", "2020年底前", "(2019-2025年)", "（2019-2025年）",
	"政治", "治建", "建设不", "设不够有", " 的 ", "　公务　接待　",
}

// TestOracleSeed: on the real data, every query returns exactly the
// documents of the brute-force oracle.
func TestOracleSeed(t *testing.T) {
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	ns, series, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	checkOracle(t, Build(ns, series, "2026-11-30"), 400)
}

// TestOracleGenerated: the same on a generated site of 20 notices (staff
// files, notices without areas or categories).
func TestOracleGenerated(t *testing.T) {
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := gen.Site(root, dir, 20); err != nil {
		t.Fatal(err)
	}
	ns, series, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 400
	if testing.Short() {
		n = 100
	}
	checkOracle(t, Build(ns, series, "2026-11-30"), n)
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
	qs := slices.Clone(fixedQueries)
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

func checkOracle(t *testing.T, ix *Index, n int) {
	start := time.Now()
	files := ix.Files()
	t.Logf("%d documents (%d problems), %d index files, built and encoded in %v", len(ix.Docs), ix.P, len(files), time.Since(start).Round(time.Millisecond))
	rd, err := NewReader(files)
	if err != nil {
		t.Fatal(err)
	}
	tp, fp, fn, empty := 0, 0, 0, 0
	qs := Queries(ix, n, 1)
	oracle := NewOracle(ix)
	for _, q := range qs {
		want := oracle.Search(q)
		got, err := rd.Search(q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if len(want) == 0 {
			empty++
		}
		w := map[int32]bool{}
		for _, d := range want {
			w[d] = true
		}
		miss, extra := 0, 0
		for _, d := range got.Docs {
			if w[d] {
				tp++
			} else {
				fp++
				extra++
			}
		}
		miss = len(want) - (len(got.Docs) - extra)
		fn += miss
		if miss > 0 || extra > 0 {
			t.Errorf("%q: %d results, the oracle %d (%d missed, %d extra)", q, len(got.Docs), len(want), miss, extra)
		}
		// Title hits: problems whose title holds every term.
		for _, d := range got.Docs {
			if int(d) >= ix.P {
				continue
			}
			title := Normalize(ix.Docs[d].Title)
			all := true
			for _, term := range Terms(q) {
				all = all && strings.Contains(title, term)
			}
			if all != got.TitleHit[d] {
				t.Errorf("%q: problem %d: title hit %v, want %v", q, d, got.TitleHit[d], all)
			}
		}
	}
	precision, recall := 1.0, 1.0
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		recall = float64(tp) / float64(tp+fn)
	}
	t.Logf("%d queries (%d fixed, %d without results): %d results agree, %d extra, %d missed: precision %.2f%%, recall %.2f%%",
		len(qs), len(fixedQueries), empty, tp, fp, fn, 100*precision, 100*recall)
}
