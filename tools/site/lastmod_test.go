package site

import (
	"strings"
	"testing"
)

// commitTime is when the files of the git builds are committed: 20:30 UTC on
// 3 February 2026 is 04:30 on 4 February in Beijing.
const (
	commitTime   = "2026-02-03T20:30:00Z"
	commitDayCST = "2026年2月4日"
	commitDayUTC = "2026年2月3日"
)

// lastmodOf returns the 最后更新 line of a page ("" when it has none).
func lastmodOf(t *testing.T, b *build, rel string) string {
	t.Helper()
	if p := first(b.page(t, rel).root, hasClass("lastmod")); p != nil {
		return textOf(p)
	}
	return ""
}

// TestLastUpdatedIsTheData: built from a git checkout whose files were all
// committed after the data (as any template change is), a page's 最后更新
// is the date of the newest data it shows, not the commit's: the latest
// status update where statuses are shown, the newest published date where
// only what the notices say is shown (regulations, accountability,
// contacts, areas, categories). The 404 page gives no date.
func TestLastUpdatedIsTheData(t *testing.T) {
	v := twoNotices
	v.name, v.commit = "two-notices-git", commitTime
	b := variantBuild(t, v)
	const update, published = "最后更新：2025年9月30日", "最后更新：2025年3月10日"
	want := map[string]string{
		"index.html":                    update,
		"issues/index.html":             update,
		"notices/index.html":            update,
		"updates/index.html":            update,
		"data/index.html":               update,
		"status/index.html":             update,
		"regulations/index.html":        published,
		"accountability/index.html":     published,
		"feedback/index.html":           published,
		"area/index.html":               published,
		"category/index.html":           published,
		"notices/beta-2025/index.html":  update,
		"notices/alpha-2024/index.html": "最后更新：2024年5月10日",
		"404.html":                      "",
	}
	for rel, w := range want {
		if got := lastmodOf(t, b, rel); got != w {
			t.Errorf("%s: %q, want %q", rel, got, w)
		}
	}
	for _, rel := range b.htmlFiles(t) {
		s := text(b.page(t, rel).root, nil)
		for _, day := range []string{commitDayUTC, commitDayCST} {
			if strings.Contains(s, day) {
				t.Errorf("%s gives the date of the commit, %s", rel, day)
			}
		}
	}
}

// TestLastUpdatedFromGitInChinaTime: a site without any notice has no data
// date, so its pages give the date of their last commit, as the day in
// China Standard Time (git gives UTC: a commit at 20:30 UTC is the next day
// in Beijing).
func TestLastUpdatedFromGitInChinaTime(t *testing.T) {
	b := variantBuild(t, variant{name: "empty-git", commit: commitTime})
	for _, rel := range []string{"index.html", "issues/index.html", "feedback/index.html", "data/index.html"} {
		if got, want := lastmodOf(t, b, rel), "最后更新："+commitDayCST; got != want {
			t.Errorf("%s: %q, want %q (the commit's day in Beijing)", rel, got, want)
		}
	}
	if got := lastmodOf(t, b, "404.html"); got != "" {
		t.Errorf("404.html: %q, want no date", got)
	}
}
