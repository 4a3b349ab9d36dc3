package original

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// readHTML returns the article text of a web page.
func readHTML(data []byte) (Result, error) {
	text, enc, note, err := decodeHTML(data)
	if err != nil {
		return Result{}, err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return fail("网页文件无法解析", "请在浏览器中打开原网页，重新“另存为”“网页，仅 HTML”后再导入")
	}
	body := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body })
	if body == nil {
		body = doc
	}
	prune(body, false)
	block := article(body)
	dropLinkBlocks(block)
	lines := render(block)
	if len(lines) == 0 {
		return fail("网页中没有找到正文", "请在浏览器中打开网页，选中通报正文，复制到记事本，另存为 UTF-8 编码的 .txt 后再导入")
	}
	r := Result{Text: strings.Join(lines, "\n") + "\n", Format: "网页（" + enc + "）", Ext: ".html", Converted: true}
	if note != "" {
		r.Notes = append(r.Notes, note)
	}
	r.Notes = append(r.Notes, "只取了网页的正文部分，导航、页眉页脚等已去掉")
	return r, nil
}

// decodeHTML decodes a page by its BOM, else its declared charset, else the
// text detection; it corrects a declaration the bytes contradict.
func decodeHTML(data []byte) (text, format, note string, err error) {
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) || bytes.HasPrefix(data, []byte("\xFF\xFE")) || bytes.HasPrefix(data, []byte("\xFE\xFF")) {
		t, enc, err := decodeText(data)
		return t, enc.format, "", err
	}
	e, name, _ := charset.DetermineEncoding(data, "")
	nonASCII := bytes.ContainsFunc(data, func(r rune) bool { return r >= 0x80 })
	switch {
	case name == "windows-1252": // the fallback: no charset declared (or Latin-1, never a Chinese page)
		t, enc, err := decodeText(data)
		return t, enc.format + "，网页未声明编码", "", err
	case name == "utf-8":
		if utf8.Valid(data) {
			return string(data), "UTF-8 编码", "", nil
		}
		if t, ok := decodeGB18030(data); ok {
			return normalizeNewlines(t), "GB18030（GBK）编码", "网页声明为 UTF-8，实际是 GBK 编码，已按 GBK 读取", nil
		}
		return "", "", "", errUnknownEncoding
	case name == "gbk" || name == "gb18030" || name == "gb2312":
		if nonASCII && utf8.Valid(data) {
			return string(data), "UTF-8 编码", "网页声明为 " + strings.ToUpper(name) + "，实际是 UTF-8 编码，已按 UTF-8 读取", nil
		}
		e, name = charset.Lookup("gb18030")
	}
	if e == nil {
		return "", "", "", errUnknownEncoding
	}
	out, derr := e.NewDecoder().Bytes(data)
	if derr != nil {
		return "", "", "", errUnknownEncoding
	}
	t := string(out)
	if n := strings.Count(t, "\uFFFD") - bytes.Count(data, []byte("\uFFFD")); n > 0 {
		note = fmt.Sprintf("网页中有 %d 处无法按 %s 解码的字节，已显示为“\uFFFD”；请对照网页核对", n, strings.ToUpper(name))
	}
	label := strings.ToUpper(name) + " 编码"
	if name == "gb18030" {
		label = "GB18030（GBK）编码"
	}
	return normalizeNewlines(t), label, note, nil
}

func find(n *html.Node, f func(*html.Node) bool) *html.Node {
	if f(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if m := find(c, f); m != nil {
			return m
		}
	}
	return nil
}

// furniture matches class and id words that name page furniture.
var furniture = regexp.MustCompile(`(?i)(^|[\s_-])(nav|navbar|menu|footer|foot|copyright|share|bdshare|bdsharebuttonbox|sharebox|toolbar|topbar|search|login|friendlink|sitemap)($|[\s_-])`)

// prune removes what is never the article: scripts, styles, forms'
// controls, navigation, footers, and blocks named as such.
func prune(n *html.Node, inArticle bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || (c.Type == html.ElementNode && furnitureNode(c, inArticle)) {
			n.RemoveChild(c)
		} else if c.Type == html.ElementNode {
			prune(c, inArticle || c.DataAtom == atom.Article)
		}
		c = next
	}
}

func furnitureNode(n *html.Node, inArticle bool) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Object, atom.Embed, atom.Svg,
		atom.Canvas, atom.Input, atom.Select, atom.Textarea, atom.Button, atom.Nav, atom.Aside, atom.Head, atom.Link, atom.Meta:
		return true
	case atom.Header, atom.Footer:
		return !inArticle
	}
	return furniture.MatchString(getAttr(n, "class")) || furniture.MatchString(getAttr(n, "id"))
}

func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Center: true,
	atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Ul: true,
	atom.Caption: true, atom.Summary: true, atom.Body: true,
}

// textLen counts the non-space characters under n outside links and
// inside links.
func textLen(n *html.Node) (plain, link int) {
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode {
			c := 0
			for _, r := range n.Data {
				if !unicode.IsSpace(r) {
					c++
				}
			}
			if inLink {
				link += c
			} else {
				plain += c
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink || n.DataAtom == atom.A)
		}
	}
	walk(n, false)
	return plain, link
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockTags[c.DataAtom] || hasBlockChild(c)) {
			return true
		}
	}
	return false
}

func plainText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode && !inLink {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink || n.DataAtom == atom.A)
		}
	}
	walk(n, false)
	return b.String()
}

// article chooses the element holding the article (see the package doc).
func article(body *html.Node) *html.Node {
	scores := map[*html.Node]float64{}
	var order []*html.Node // scored elements in the order first scored, for a stable choice
	add := func(n *html.Node, s float64) {
		if _, ok := scores[n]; !ok {
			order = append(order, n)
		}
		scores[n] += s
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				walk(c)
			}
		}
		if n == body || n.Type != html.ElementNode || n.DataAtom == atom.A || hasBlockChild(n) || n.Parent == nil {
			return
		}
		if !blockTags[n.DataAtom] && n.DataAtom != atom.Span && n.DataAtom != atom.Font {
			return
		}
		text := plainText(n)
		l := utf8.RuneCountInString(strings.TrimSpace(text))
		if l < 10 {
			return
		}
		s := 1 + float64(strings.Count(text, "，")+strings.Count(text, "。")+strings.Count(text, "；")+strings.Count(text, "、")+strings.Count(text, ",")) + min(float64(l)/50, 3)
		p := n.Parent
		add(p, s)
		if g := p.Parent; g != nil && g != body.Parent {
			add(g, s/2)
		}
	}
	walk(body)
	var best *html.Node
	bestScore := 0.0
	for _, n := range order {
		s := scores[n]
		plain, link := textLen(n)
		if plain+link == 0 {
			continue
		}
		s *= 1 - float64(link)/float64(plain+link)
		if s > bestScore {
			best, bestScore = n, s
		}
	}
	if best == nil {
		return body
	}
	// Widen to take in the title just outside the block.
	if find(best, isTitle) == nil {
		for up, a := 0, best.Parent; up < 3 && a != nil && a != body && a.Parent != nil; up, a = up+1, a.Parent {
			if find(a, isTitle) != nil {
				return a
			}
		}
	}
	return best
}

// titleClass matches class and id values of an article title.
var titleClass = regexp.MustCompile(`(?i)title|biaoti|^bt$`)

// isTitle reports whether n is an article title: an h1, or an element whose
// class or id says title, with a few characters of text that is not a link.
func isTitle(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom != atom.H1 && !titleClass.MatchString(getAttr(n, "class")) && !titleClass.MatchString(getAttr(n, "id")) {
		return false
	}
	plain, link := textLen(n)
	return plain >= 6 && plain <= 200 && link*2 < plain
}

// dropLinkBlocks removes the blocks inside the article that are mostly
// links with little text of their own: share bars, previous/next links.
func dropLinkBlocks(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			plain, link := textLen(c)
			if blockTags[c.DataAtom] && link > 0 && plain < 10 && link > plain {
				n.RemoveChild(c)
			} else {
				dropLinkBlocks(c)
			}
		}
		c = next
	}
}

// dataTableRows returns the rows of n, each its cells (td, th), when n is a
// table of data: some row has two cells or more, no table is nested in it
// and no cell holds more than 500 characters. A table that lays out a page
// (its cell holds the whole notice) gives nil, and so does any other node.
func dataTableRows(n *html.Node) [][]*html.Node {
	if n.Type != html.ElementNode || n.DataAtom != atom.Table {
		return nil
	}
	var rows [][]*html.Node
	wide, ok := false, true
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil && ok; c = c.NextSibling {
			switch {
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.Table:
				ok = false
			case c.DataAtom == atom.Tr:
				var cells []*html.Node
				for d := c.FirstChild; d != nil; d = d.NextSibling {
					if d.Type == html.ElementNode && (d.DataAtom == atom.Td || d.DataAtom == atom.Th) {
						if find(d, func(e *html.Node) bool { return e.DataAtom == atom.Table }) != nil || utf8.RuneCountInString(plainText(d)) > 500 {
							ok = false
						}
						cells = append(cells, d)
					}
				}
				wide = wide || len(cells) > 1
				rows = append(rows, cells)
			default:
				walk(c)
			}
		}
	}
	walk(n)
	if !ok || !wide {
		return nil
	}
	return rows
}

// render writes the text of n, one line per block, without empty lines; a
// table of data, one line per row (tableRow).
func render(n *html.Node) []string {
	var b strings.Builder
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			s := strings.ReplaceAll(n.Data, "\u00a0", " ")
			if !pre {
				s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' }), " ")
				if s == "" && n.Data != "" {
					s = " "
				} else if strings.TrimSpace(n.Data) != n.Data {
					// Keep one space where the source had one, between words.
					if l := n.Data[0]; l == ' ' || l == '\t' || l == '\n' || l == '\r' {
						s = " " + s
					}
					if t := n.Data[len(n.Data)-1]; t == ' ' || t == '\t' || t == '\n' || t == '\r' {
						s += " "
					}
				}
			}
			b.WriteString(s)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				b.WriteByte('\n')
				return
			}
		}
		if rows := dataTableRows(n); rows != nil {
			if c := find(n, func(e *html.Node) bool { return e.DataAtom == atom.Caption }); c != nil {
				b.WriteString("\n" + strings.Join(render(c), " ") + "\n")
			}
			for _, cells := range rows {
				var texts []string
				for _, c := range cells {
					texts = append(texts, strings.Join(render(c), " "))
				}
				if row := tableRow(texts); row != "" {
					b.WriteString("\n" + row + "\n")
				}
			}
			return
		}
		block := n.Type == html.ElementNode && blockTags[n.DataAtom]
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre || n.DataAtom == atom.Pre)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(n, false)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.TrimFunc(l, unicode.IsSpace); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}
