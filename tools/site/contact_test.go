package site

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/notice"
	"golang.org/x/net/html"
)

// noticeOfPage is the notice whose pages rel is one of (notices/<id>/…),
// or "" for a site-wide page.
func noticeOfPage(rel string) string {
	// The facet pages of the notices index (/notices/level/… and the
	// pages of the index, /notices/page/N/) are at reserved ids.
	if m := regexp.MustCompile(`^notices/([a-z0-9-]+)/`).FindStringSubmatch(rel); m != nil && !slices.Contains(notice.ReservedIDs, m[1]) {
		return m[1]
	}
	return ""
}

// TestEachNoticeItsContact: with two notices of two issuers, every page of
// a notice (the notice, its problem list, its problems) gives that
// notice's contact, in the footer and in the feedback section, and never
// the other notice's; a site-wide page gives no notice's contact but links
// to /feedback/ in its footer, and /feedback/ gives each notice's contact
// under its issuer, with the notices it is for. A contact with only a phone shows only the phone: no mailto,
// no empty row, no template text.
func TestEachNoticeItsContact(t *testing.T) {
	b := variantBuild(t, twoNotices)
	own := map[string][]string{
		"alpha-2024": {alphaPhone},
		"beta-2025":  {betaPhone, betaEmail},
	}
	other := map[string][]string{
		"alpha-2024": {betaPhone, betaEmail},
		"beta-2025":  {alphaPhone},
	}
	noticePages := 0
	for _, rel := range b.htmlFiles(t) {
		d := b.page(t, rel)
		raw := string(b.read(t, rel))
		if m := templateErrors.FindString(raw); m != "" {
			t.Errorf("%s: template error text %q", rel, m)
		}
		for _, n := range all(d.root, func(n *html.Node) bool { return n.Data == "dd" || n.Data == "dt" }) {
			if textOf(n) == "" {
				t.Errorf("%s: an empty <%s> in %q", rel, n.Data, textOf(n.Parent))
			}
		}
		for _, h := range links(d.root) {
			if u, err := url.Parse(h); err == nil && u.Scheme == "mailto" && !strings.Contains(u.Opaque, "@") {
				t.Errorf("%s: a mailto link without an address: %q", rel, h)
			}
		}
		footer := first(d.root, tag("footer"))
		if footer == nil {
			t.Errorf("%s: no footer", rel)
			continue
		}
		foot := textOf(footer)
		id := noticeOfPage(rel)
		if id == "" {
			// Only /feedback/ gives the notices' contacts, each under its
			// issuer; elsewhere one would be taken for the site's.
			where, s := "the footer", foot
			if rel != "feedback/index.html" {
				where, s = "the page", text(d.root, nil)
			}
			for _, c := range []string{alphaPhone, betaPhone, betaEmail} {
				if strings.Contains(s, c) {
					t.Errorf("%s (a site-wide page): %s gives a notice's contact %s", rel, where, c)
				}
			}
			if !contains(links(footer), basePath+"feedback/") {
				t.Errorf("%s (a site-wide page): the footer does not link to /feedback/", rel)
			}
			continue
		}
		noticePages++
		for _, c := range own[id] {
			if !strings.Contains(foot, c) {
				t.Errorf("%s: the footer does not give %s's contact %s: %q", rel, id, c, foot)
			}
		}
		// The page as a whole (footer, feedback section and button):
		// nothing of the other notice's contact.
		body := text(d.root, nil) + strings.Join(links(d.root), " ")
		for _, c := range other[id] {
			if strings.Contains(body, c) {
				t.Errorf("%s: the page of %s gives the other notice's contact %s", rel, id, c)
			}
		}
		if id == "alpha-2024" && strings.Contains(raw, "mailto:") {
			t.Errorf("%s: a mailto link on a page of a notice without email", rel)
		}
	}
	if noticePages < 2*2+3 {
		t.Errorf("checked %d pages of notices, want at least 7", noticePages)
	}

	fb := b.pageAt(t, basePath+"feedback/")
	for _, c := range []struct {
		issuer, title string
		contact       []string
	}{
		{"中共示例甲局党组", alphaTitle, own["alpha-2024"]},
		{"中共示例乙局党组", betaTitle, own["beta-2025"]},
	} {
		card := first(fb.root, func(n *html.Node) bool {
			h := first(n, tag("h2"))
			return n.Data == "section" && h != nil && textOf(h) == c.issuer
		})
		if card == nil {
			t.Errorf("/feedback/: no section headed %s", c.issuer)
			continue
		}
		s := textOf(card)
		for _, want := range append([]string{c.title}, c.contact...) {
			if !strings.Contains(s, want) {
				t.Errorf("/feedback/: the section of %s lacks %q: %q", c.issuer, want, s)
			}
		}
	}
}
