package notice

import (
	"strings"
	"testing"

	"github.com/gohugoio/hugo/common/paths"
)

// hugoTermSlug is what Hugo itself does with a term: the key of the term
// page (paths.NormalizePathStringBasic), then its URL segment
// (helpers.PathSpec.MakePathSanitized: paths.Sanitize, lower case).
func hugoTermSlug(title string) string {
	return strings.ToLower(paths.Sanitize(paths.NormalizePathStringBasic(title)))
}

var slugExamples = map[string]string{
	"形式主义官僚主义问题":         "形式主义官僚主义问题",
	"形式主义、官僚主义问题":        "形式主义官僚主义问题",
	"着力解决“‘四个意识’有所欠缺”问题": "着力解决四个意识有所欠缺问题",
	"在坚持党的领导方面":          "在坚持党的领导方面",
	"Social Media":       "social-media",
	"  leading space":    "--leading-space",
	"a  b":               "a--b",
	"a - b":              "a---b",
	"C++ & C#":           "c++--c#",
	"党风廉政/作风建设":          "党风廉政/作风建设",
	"../../..":           "../../..",
	"……":                 "",
	"（一）":                "一",
	"第1.2项":              "第1.2项",
	"100%":               "100",
	"%e4%b8%ad":          "%e4%b8%ad",
	"Ａ全角":                "ａ全角",
	"tab\there":          "tab-here",
	"é":                  "é",
	"ｅ\u0301":            "ｅ\u0301",
	"①②":                 "",
	"２０２０年":              "２０２０年",
	"问题？！":               "问题",
	"a\u3000b":           "a-b",
}

// TestTermSlugIsHugos: termSlug gives Hugo's own result, on the examples
// and on every title of the seed notice.
func TestTermSlugIsHugos(t *testing.T) {
	titles := []string{}
	for title, want := range slugExamples {
		if got := termSlug(title); got != want {
			t.Errorf("termSlug(%q) = %q, want %q", title, got, want)
		}
		titles = append(titles, title)
	}
	n, _ := Check("wuhan-eeb-2020.toml", mustRead(t, "../../data/notices/wuhan-eeb-2020.toml"), testNow)
	if n == nil {
		t.Fatal("seed notice not decoded")
	}
	for _, a := range n.Areas {
		titles = append(titles, a.Title)
	}
	for _, c := range n.Categories {
		titles = append(titles, c.Title)
	}
	for _, title := range titles {
		if got, want := termSlug(title), hugoTermSlug(title); got != want {
			t.Errorf("termSlug(%q) = %q, Hugo makes %q", title, got, want)
		}
	}
}

// FuzzTermSlug: termSlug is Hugo's for any title.
func FuzzTermSlug(f *testing.F) {
	for title := range slugExamples {
		f.Add(title)
	}
	f.Fuzz(func(t *testing.T, title string) {
		if got, want := termSlug(title), hugoTermSlug(title); got != want {
			t.Errorf("termSlug(%q) = %q, Hugo makes %q", title, got, want)
		}
	})
}

// TestSlugProblem: a title without letters, with a . or .. segment, or
// with a slash makes no usable URL; a name that the notice gives (a unit's)
// may hold a slash, which only makes its URL deeper.
func TestSlugProblem(t *testing.T) {
	for title, bad := range map[string]bool{"……": true, "../../..": true, "党风廉政/作风建设": true, `a\b`: true, "形式主义、官僚主义": false, "第1.2项": false, "（一）": false} {
		if got := slugProblem(termSlug(title), false) != ""; got != bad {
			t.Errorf("slugProblem(%q) = %v, want %v", title, got, bad)
		}
	}
	for name, bad := range map[string]bool{"……": true, "市发改委/../市粮食局": true, "市发改委/市粮食局": false, "中共示例局党组": false} {
		if got := slugProblem(termSlug(name), true) != ""; got != bad {
			t.Errorf("slugProblem(%q) of a notice's name = %v, want %v", name, got, bad)
		}
	}
}
