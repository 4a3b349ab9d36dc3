package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// counted is what a notice states of its totals and what its items add up to.
type counted struct {
	declaredPeople, people int
	declaredRegs, regs     int
	unlisted               []string // "问责处理11人次": kinds the breakdown does not list
}

func countNotice(n *notice.Notice) counted {
	c := counted{declaredPeople: n.Declared.Accountability, declaredRegs: n.Declared.Regulations}
	titles := map[string]bool{}
	byKind := map[string]int{}
	for _, is := range n.Issues {
		for _, r := range is.Regulations {
			titles[r.Title] = true
		}
		for _, a := range is.Accountability {
			c.people += a.Count
			byKind[a.Kind] += a.Count
		}
	}
	c.regs = len(titles)
	for _, k := range notice.AccountabilityKinds {
		listed := slices.ContainsFunc(n.Declared.AccountabilityByKind, func(kc notice.KindCount) bool { return kc.Kind == k })
		if !listed && byKind[k] > 0 {
			c.unlisted = append(c.unlisted, fmt.Sprintf("%s%d人次", k, byKind[k]))
		}
	}
	return c
}

// statedFirst checks that the page says first, then second, and every one
// of explain (white space ignored).
func statedFirst(t *testing.T, where, page, first, second string, explain ...string) {
	t.Helper()
	i, j := strings.Index(page, first), strings.Index(page, second)
	switch {
	case i < 0:
		t.Errorf("%s: does not say %q", where, first)
	case j < 0:
		t.Errorf("%s: does not say %q", where, second)
	case j < i:
		t.Errorf("%s: says %q before %q: what the notice states must come first", where, second, first)
	}
	for _, e := range explain {
		if !strings.Contains(page, e) {
			t.Errorf("%s: does not explain the difference with %q", where, e)
		}
	}
}

// TestDeclaredFirst: wherever a total appears (home page, the notice's
// summary, /regulations/, /accountability/), what the notice states comes
// first (通报写明：…), this site's count follows as a check (逐项统计：…),
// and the difference is explained in words: by how much, and which
// accountability kinds the items name that the notice's breakdown does not
// list (the seed notice states 44 人次, its items add up to 58, among them
// 问责处理, 移交调查 and 党纪处分, which it never lists).
func TestDeclaredFirst(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	b := realSite(t)
	var n *notice.Notice
	for _, x := range b.notices {
		if x.ID == "wuhan-eeb-2020" {
			n = x
		}
	}
	if n == nil {
		t.Fatal("no seed notice")
	}
	c := countNotice(n)
	if c.people == c.declaredPeople || len(c.unlisted) == 0 || c.regs == c.declaredRegs {
		t.Fatalf("the seed notice's totals agree (%+v): the test cannot tell the order", c)
	}
	people := []string{fmt.Sprintf("多%d人次", c.people-c.declaredPeople)}
	people = append(people, c.unlisted...)
	regs := fmt.Sprintf("多%d项", c.regs-c.declaredRegs)
	page := func(path string) string { return squash(text(b.pageAt(t, basePath+path).root, nil)) }

	home := page("")
	statedFirst(t, "home page", home, fmt.Sprintf("通报写明：%d人次", c.declaredPeople), fmt.Sprintf("逐项统计：%d人次", c.people), people...)

	acc := page("accountability/")
	statedFirst(t, "/accountability/", acc, fmt.Sprintf("通报写明：追责问责%d人次", c.declaredPeople), fmt.Sprintf("逐项统计：%d人次", c.people), people...)
	statedFirst(t, "/accountability/ table head", acc, "通报写明（人次）", "逐项统计（人次）")

	statedFirst(t, "/regulations/", page("regulations/"), fmt.Sprintf("通报写明：制度%d项", c.declaredRegs), fmt.Sprintf("逐项统计：%d项", c.regs), regs)

	notice := page("notices/" + n.ID + "/")
	statedFirst(t, "the notice's summary", notice, "项目通报写明逐项统计", fmt.Sprintf("追责问责（人次）%d%d", c.declaredPeople, c.people),
		append([]string{"追责问责：逐项统计", "制度：逐项统计比通报写明的" + regs}, people...)...)
}

// TestDeclaredFirstSeveralNotices: with two notices of which one states a
// total and the other does not, the site-wide totals compare the stated
// total with the count of the notice that states it, and say so.
func TestDeclaredFirstSeveralNotices(t *testing.T) {
	b := variantBuild(t, twoNotices)
	home := squash(text(b.pageAt(t, basePath).root, nil))
	statedFirst(t, "home page", home, "通报写明：2人次", "逐项统计：3人次",
		"多1人次", "2份通报中有1份写明了这个总数", "问责处理2人次", "诫勉逐项统计少1人次")
	statedFirst(t, "/regulations/", squash(text(b.pageAt(t, basePath+"regulations/").root, nil)),
		"通报写明：制度2项", "逐项统计：1项", "少1项", "2份通报中有1份写明了这个总数")
}

// TestTotalsInOnePartial: the totals are computed in one place,
// func/totals.html, which every page that shows one calls; no other
// template reads the notices' [declared] numbers (but func/notice-merge.html,
// which normalises them, and the open data, which passes them on).
func TestTotalsInOnePartial(t *testing.T) {
	root := filepath.Join(moduleRoot(t), "layouts")
	allowed := map[string]bool{
		"_partials/func/totals.html":       true,
		"_partials/func/notice-merge.html": true,
		"_partials/func/notices-json.html": true,
	}
	re := regexp.MustCompile(`\.declared\b|accountability_by_kind`)
	users := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		// The doc comments may name the keys.
		code := regexp.MustCompile(`(?s)\{\{-?\s*/\*.*?\*/\s*-?\}\}`).ReplaceAllString(string(data), "")
		if re.MatchString(code) && !allowed[rel] {
			t.Errorf("layouts/%s reads [declared] itself: show totals with func/totals.html and total.html", rel)
		}
		if strings.Contains(code, `"func/totals.html"`) {
			users++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if users < 4 {
		t.Errorf("%d templates call func/totals.html, want the 4 that show totals (home, notice summary, regulations, accountability)", users)
	}
}
