package site

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnitOfSeveralIssuers: two notices that write their inspected unit
// alike but come from two issuers (two cities' 市水务局) share a unit page,
// which says so and links each issuer's page (/notices/issuer/…/), where
// each unit's notices are apart. Markup in the unit's and the issuers'
// names stays text there, in the warning that is written as HTML.
func TestUnitOfSeveralIssuers(t *testing.T) {
	const unit = "<b>粗体</b>水务局"
	alphaIssuer, betaIssuer := "中共<img src=x>示例甲局党组", "中共示例乙局党组"
	v := twoNotices
	v.name = "same-unit"
	v.notices = []variantNotice{
		{id: "alpha-2024", data: strings.Replace(alphaData, `issuer = "中共示例甲局党组"`, "issuer = \"中共<img src=x>示例甲局党组\"\ninspected_unit = \"<b>粗体</b>水务局\"", 1)},
		{id: "beta-2025", data: strings.Replace(betaData, `issuer = "中共示例乙局党组"`, "issuer = \"中共示例乙局党组\"\ninspected_unit = \"<b>粗体</b>水务局\"", 1), staff: betaStaff},
	}
	b := variantBuild(t, v)
	// The unit's page, as the list of units links it (a name with a slash
	// makes a path of two parts).
	var unitPage string
	for _, a := range all(b.pageAt(t, basePath+"units/").root, tag("a")) {
		if squash(textOf(a)) == unit {
			unitPage = attr(a, "href")
		}
	}
	if unitPage == "" {
		t.Fatalf("/units/ does not link the unit %q", unit)
	}
	d := b.pageAt(t, unitPage)
	if h1 := squash(textOf(first(d.root, tag("h1")))); h1 != "被巡察单位："+unit {
		t.Errorf("the unit page's heading is %q, want the unit's name as text", h1)
	}
	var note string
	issuerPages := map[string]string{}
	for _, p := range all(d.root, tagClass("p", "note")) {
		if s := squash(textOf(p)); strings.Contains(s, "不一定是同一个单位") {
			note = s
			for _, a := range all(p, tag("a")) {
				issuerPages[squash(textOf(a))] = attr(a, "href")
			}
		}
	}
	if !strings.Contains(note, "写作“"+unit+"”") || !strings.Contains(note, "发布单位有2个") {
		t.Errorf("the unit page's warning reads %q, want the unit as written and the 2 issuers", note)
	}
	if len(all(d.root, tag("b"))) > 0 || len(all(d.root, tag("img"))) > 0 {
		t.Error("markup of the unit's or an issuer's name became an element of the unit page")
	}
	for issuer, id := range map[string]string{alphaIssuer: "alpha-2024", betaIssuer: "beta-2025"} {
		href, ok := issuerPages[squash(issuer)]
		if !ok {
			t.Errorf("the warning does not link the issuer %q (links: %v)", issuer, issuerPages)
			continue
		}
		if u, _ := url.PathUnescape(href); !strings.HasPrefix(u, basePath+"notices/issuer/") {
			t.Errorf("the issuer %q links %s, not an issuer page", issuer, u)
		}
		ids, _ := b.noticeRows(t, href)
		if len(ids) != 1 || ids[0] != id {
			t.Errorf("the page of the issuer %q lists %v, want only %s", issuer, ids, id)
		}
	}
	// The notice page links its issuer's page too.
	n := b.pageAt(t, basePath+"notices/alpha-2024/")
	found := false
	for _, a := range all(first(n.root, tagClass("dl", "meta")), tag("a")) {
		if squash(textOf(a)) == squash(alphaIssuer) && attr(a, "href") == issuerPages[squash(alphaIssuer)] {
			found = true
		}
	}
	if !found {
		t.Errorf("the notice page does not link its issuer %q to %s", alphaIssuer, issuerPages[squash(alphaIssuer)])
	}
	if _, err := os.Stat(filepath.Join(b.dir, "notices", "issuer", "index.html")); err != nil {
		t.Errorf("no list of issuers at /notices/issuer/: %v", err)
	}
}
