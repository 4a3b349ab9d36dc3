package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// identityParams are the site identity keys of config.toml [params]; each
// must be documented there (with an empty value) and in docs/hosting.md.
var identityParams = []string{"operator", "operatorPhone", "operatorEmail", "operatorAddress", "operatorPostcode", "siteCode", "icp"}

// externalLinks returns the href of every <a rel="external"> under n.
func externalLinks(n *html.Node) []string {
	var out []string
	for _, a := range all(n, tag("a")) {
		if contains(strings.Fields(attr(a, "rel")), "external") {
			out = append(out, attr(a, "href"))
		}
	}
	return out
}

// TestSiteIdentity: with the site identity configured, every footer shows
// 主办单位, 网站标识码 and the ICP 备案号 linked to the MIIT register; the
// operator's contact is on the site-wide pages only (a notice's pages give
// the notice's contact, TestEachNoticeItsContact). A notice with an official
// page (staff file [notice] official_url) links to it from its page and its
// problems' pages, and the open data gives it; a notice without one shows
// no such link.
func TestSiteIdentity(t *testing.T) {
	b := variantBuild(t, twoNotices)
	for _, rel := range b.htmlFiles(t) {
		d := b.page(t, rel)
		footer := first(d.root, tag("footer"))
		if footer == nil {
			t.Errorf("%s: no footer", rel)
			continue
		}
		foot := textOf(footer)
		idLine := first(footer, hasClass("site-identity"))
		if idLine == nil {
			t.Errorf("%s: the footer has no site identity line", rel)
		} else {
			s := textOf(idLine)
			for _, want := range []string{"主办单位：" + operatorName, "网站标识码：" + siteCode, icpNumber} {
				if !strings.Contains(s, want) {
					t.Errorf("%s: the site identity line %q lacks %q", rel, s, want)
				}
			}
			if !contains(externalLinks(idLine), "https://beian.miit.gov.cn/") {
				t.Errorf("%s: the ICP number is not linked to https://beian.miit.gov.cn/ (rel=external)", rel)
			}
		}
		site := noticeOfPage(rel) == ""
		for _, c := range []string{operatorPhone, operatorEmail} {
			if got := strings.Contains(foot, c); got != site {
				t.Errorf("%s: the footer gives the operator's contact %s: %v, want %v (site-wide pages only)", rel, c, got, site)
			}
		}
		if site && !contains(links(footer), "mailto:"+operatorEmail) {
			t.Errorf("%s: the operator's email is not a mailto link", rel)
		}

		var official []string
		for _, h := range externalLinks(d.root) {
			if h != "https://beian.miit.gov.cn/" {
				official = append(official, h)
			}
		}
		switch id := noticeOfPage(rel); {
		case id == "beta-2025" && (rel == "notices/beta-2025/index.html" || strings.HasPrefix(rel, "notices/beta-2025/issues/1/")):
			if len(official) != 1 || official[0] != betaOfficial {
				t.Errorf("%s: links to other sites %q, want the official page %s", rel, official, betaOfficial)
			} else if a := first(d.root, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == betaOfficial }); !strings.Contains(textOf(a), "www.example.gov.cn") {
				t.Errorf("%s: the official link says %q, want it to name the host www.example.gov.cn", rel, textOf(a))
			}
		case len(official) > 0:
			t.Errorf("%s: links to other sites %q (no official page of its notice)", rel, official)
		}
	}

	var notices []struct {
		ID       string `json:"id"`
		Official string `json:"official_url"`
	}
	if err := json.Unmarshal(b.read(t, "data/notices.json"), &notices); err != nil {
		t.Fatal(err)
	}
	var issues []struct {
		Notice   string  `json:"notice"`
		Official *string `json:"notice_official_url"`
	}
	if err := json.Unmarshal(b.read(t, "data/issues.json"), &issues); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"alpha-2024": "", "beta-2025": betaOfficial}
	for _, n := range notices {
		if n.Official != want[n.ID] {
			t.Errorf("notices.json: %s official_url = %q, want %q", n.ID, n.Official, want[n.ID])
		}
	}
	for _, is := range issues {
		if is.Official == nil || *is.Official != want[is.Notice] {
			t.Errorf("issues.json: a problem of %s has notice_official_url %v, want %q", is.Notice, is.Official, want[is.Notice])
		}
	}
	checkLinks(t, b)
}

// TestSiteIdentityUnset: with config.toml as it is (every identity key
// empty), no page shows any of it, nor a broken remnant of it.
func TestSiteIdentityUnset(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	b := realSite(t)
	for _, rel := range b.htmlFiles(t) {
		d := b.page(t, rel)
		footer := first(d.root, tag("footer"))
		if footer == nil {
			continue
		}
		if n := first(footer, hasClass("site-identity")); n != nil {
			t.Errorf("%s: a site identity line %q with nothing configured", rel, textOf(n))
		}
		s := textOf(footer)
		for _, w := range []string{"主办单位", "网站标识码", "ICP", "联系本网站"} {
			if strings.Contains(s, w) {
				t.Errorf("%s: the footer says %q with nothing configured: %q", rel, w, s)
			}
		}
		if ext := externalLinks(d.root); len(ext) > 0 {
			t.Errorf("%s: links to other sites %q with no official page and no ICP number", rel, ext)
		}
	}
}

// TestSiteIdentityDocumented: each identity key is in config.toml with an
// empty value (variantBuild relies on it) and explained in docs/hosting.md.
func TestSiteIdentityDocumented(t *testing.T) {
	root := moduleRoot(t)
	cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join(root, "docs", "hosting.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range identityParams {
		if !strings.Contains(string(cfg), "\n"+k+` = ""`+"\n") {
			t.Errorf("config.toml: no line %s = \"\" in [params]", k)
		}
		if !strings.Contains(string(doc), "`"+k+"`") {
			t.Errorf("docs/hosting.md does not explain `%s`", k)
		}
	}
	for _, w := range []string{"主办单位", "网站标识码", "ICP", "https://beian.miit.gov.cn/", "official_url"} {
		if !strings.Contains(string(doc), w) {
			t.Errorf("docs/hosting.md does not mention %s", w)
		}
	}
}
