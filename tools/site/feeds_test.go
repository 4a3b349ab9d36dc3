package site

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// rssFeed is what the feed tests read of an RSS 2.0 feed.
type rssFeed struct {
	Channel struct {
		Title       string `xml:"title"`
		Description string `xml:"description"`
		Items       []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			Description string `xml:"description"`
		} `xml:"item"`
	} `xml:"channel"`
}

// parseFeed parses a feed with a strict XML 1.0 parser (encoding/xml
// refuses the characters XML forbids, as feed readers do).
func parseFeed(t *testing.T, b *build, rel string) *rssFeed {
	t.Helper()
	var f rssFeed
	d := xml.NewDecoder(bytes.NewReader(b.read(t, rel)))
	d.Strict = true
	if err := d.Decode(&f); err != nil {
		t.Fatalf("%s site %s is not well-formed XML: %v", b.name, rel, err)
	}
	return &f
}

// htmlText is the text a feed reader shows of a description: RSS says it
// holds entity-encoded HTML, so the reader parses the decoded XML text as
// HTML.
func htmlText(t *testing.T, s string) string {
	t.Helper()
	n, err := html.Parse(strings.NewReader("<body>" + s))
	if err != nil {
		t.Fatal(err)
	}
	return text(n, nil)
}

// TestFeedsEscapeForXML: both feeds of a site built from hostile data are
// well-formed XML (the control characters a data file may hold as TOML
// escapes are left out), titles say the data's words, and a description
// read as HTML, as feed readers read it, still says 已印发<PPP项目实施方案>。
// (escaped once, the reader takes <PPP项目实施方案> for a tag and drops it).
func TestFeedsEscapeForXML(t *testing.T) {
	b := variantBuild(t, twoNotices)

	notices := parseFeed(t, b, "notices/index.xml")
	var alpha string
	for _, it := range notices.Channel.Items {
		if strings.HasPrefix(it.Title, alphaTitle) {
			alpha = it.Description
			if it.Title != alphaTitle {
				t.Errorf("notices feed: title %q, want %q (without the control character)", it.Title, alphaTitle)
			}
		}
	}
	if alpha == "" {
		t.Fatalf("notices feed: no item titled %q; items: %+v", alphaTitle, notices.Channel.Items)
	}
	if got := htmlText(t, alpha); !strings.Contains(got, alphaPreamble) {
		t.Errorf("notices feed: a reader shows the description as %q, want it to say %q", got, alphaPreamble)
	}

	updates := parseFeed(t, b, "updates/index.xml")
	if len(updates.Channel.Items) != 1 {
		t.Fatalf("updates feed: %d items, want the 1 update of beta-2025", len(updates.Channel.Items))
	}
	it := updates.Channel.Items[0]
	got := htmlText(t, it.Description)
	for _, want := range []string{betaTitle, betaNote, "示例乙局整改进展通报"} {
		if !strings.Contains(got, want) {
			t.Errorf("updates feed: a reader shows the description as %q, want it to say %q", got, want)
		}
	}
	if it.Title != "问题（1）学习制度不健全：已完成" {
		t.Errorf("updates feed: title %q", it.Title)
	}
}
