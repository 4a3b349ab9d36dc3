package site

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// doc is a parsed page of the output.
type doc struct {
	rel  string
	root *html.Node
}

func parseDoc(data []byte) (*doc, error) {
	n, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return &doc{root: n}, nil
}

// all returns the elements under n (n included) for which match is true, in
// document order.
func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// first returns the first element under n for which match is true, or nil.
func first(n *html.Node, match func(*html.Node) bool) *html.Node {
	if list := all(n, match); len(list) > 0 {
		return list[0]
	}
	return nil
}

// tag matches elements by name.
func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

// hasClass matches elements with the class.
func hasClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		for _, c := range strings.Fields(attr(n, "class")) {
			if c == class {
				return true
			}
		}
		return false
	}
}

// tagClass matches elements by name and class.
func tagClass(name, class string) func(*html.Node) bool {
	hc := hasClass(class)
	return func(n *html.Node) bool { return n.Data == name && hc(n) }
}

// byID matches the element with the id.
func byID(id string) func(*html.Node) bool {
	return func(n *html.Node) bool { return attr(n, "id") == id }
}

// attr returns the value of an attribute, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr says whether the element has the attribute.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// text returns the text content of n, as the DOM's textContent does, leaving
// out the elements for which skip is true (may be nil).
func text(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode && skip != nil && skip(n) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// squash removes every white-space character: the comparisons of text with
// the data ignore the layout of the HTML (the notice text has none that
// matters, see the reassembly rule in tools/notice).
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// textOf is the trimmed text content of n.
func textOf(n *html.Node) string { return strings.TrimSpace(text(n, nil)) }

// links returns the href of every <a> under n.
func links(n *html.Node) []string {
	var out []string
	for _, a := range all(n, tag("a")) {
		if hasAttr(a, "href") {
			out = append(out, attr(a, "href"))
		}
	}
	return out
}

// jsonUnmarshal decodes a JSON text (e.g. the content of a JSON-LD element).
func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
