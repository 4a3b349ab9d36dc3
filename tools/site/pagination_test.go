package site

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageSize is the number of items a page of a list shows in b: its
// pagerSize, else config.toml's params.pagerSize.
func (b *build) pageSize() int {
	if b.pagerSize > 0 {
		return b.pagerSize
	}
	return configPageSize()
}

// configPageSize is params.pagerSize of config.toml.
func configPageSize() int {
	var cfg struct{ Params struct{ PagerSize int } }
	root, _ := filepath.Abs("../..")
	if _, err := toml.DecodeFile(filepath.Join(root, "config.toml"), &cfg); err != nil || cfg.Params.PagerSize < 1 {
		return 100
	}
	return cfg.Params.PagerSize
}

// listPages parses the page at path and the pages that follow it (the link
// rel="next" of its page links, pager.html), in order.
func (b *build) listPages(t testing.TB, path string) []*doc {
	t.Helper()
	var out []*doc
	seen := map[string]bool{}
	for path != "" {
		if seen[path] {
			t.Fatalf("%s: the pagination loops at %s", b.name, path)
		}
		seen[path] = true
		d := b.pageAt(t, path)
		out = append(out, d)
		path = ""
		if nav := first(d.root, hasClass("pager")); nav != nil {
			if a := first(nav, func(n *html.Node) bool { return n.Data == "a" && strings.Contains(" "+attr(n, "rel")+" ", " next ") }); a != nil {
				path = attr(a, "href")
			}
		}
	}
	return out
}

// listProblems returns the problem pages that the list at path and its
// following pages link from their main element, sorted, each once; a
// problem linked from two pages fails the test.
func (b *build) listProblems(t testing.TB, path string) []string {
	t.Helper()
	var out []string
	for _, d := range b.listPages(t, path) {
		for _, p := range problemLinks(d) {
			if slices.Contains(out, p) {
				t.Errorf("%s: the pages of %s list %s twice", b.name, path, p)
				continue
			}
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// jsonRows reads the rows of every notice's rows.json (the rows the
// filters of /issues/ show) and returns them by their data-issue,
// rendered as renderNode renders a row of a page.
func (b *build) jsonRows(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, n := range b.notices {
		var r struct {
			ID         string   `json:"id"`
			Categories []any    `json:"categories"`
			Rows       []string `json:"rows"`
		}
		if err := json.Unmarshal(b.read(t, "notices/"+n.ID+"/issues/rows.json"), &r); err != nil {
			t.Fatalf("%s: notices/%s/issues/rows.json: %v", b.name, n.ID, err)
		}
		if r.ID != n.ID || len(r.Rows) != len(n.Issues) || len(r.Categories) != 2*len(n.Categories) {
			t.Errorf("%s: rows.json of %s has id %q, %d rows and %d category entries, want %d rows and %d categories",
				b.name, n.ID, r.ID, len(r.Rows), len(r.Categories), len(n.Issues), len(n.Categories))
		}
		ctx := &html.Node{Type: html.ElementNode, Data: "tbody", DataAtom: atom.Tbody}
		for _, row := range r.Rows {
			nodes, err := html.ParseFragment(strings.NewReader(row), ctx)
			if err != nil || len(nodes) != 1 || nodes[0].Data != "tr" {
				t.Errorf("%s: rows.json of %s: %q is not one row", b.name, n.ID, row)
				continue
			}
			out[attr(nodes[0], "data-issue")] = renderNode(nodes[0])
		}
	}
	return out
}

// renderNode renders an element as HTML.
func renderNode(n *html.Node) string {
	var b strings.Builder
	html.Render(&b, n)
	return b.String()
}
