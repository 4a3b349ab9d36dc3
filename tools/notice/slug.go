package notice

import (
	"fmt"
	"strings"
	"unicode"
)

// The titles of areas and categories are the terms of the site's area and
// category taxonomies (content/notices/_content.gotmpl), and a notice's
// issuer, inspected unit and inspecting body those of the issuers, units and
// bodies taxonomies (layouts/_partials/func/notice-terms.html): Hugo gives
// each term a page whose URL it makes from the name. Names that Hugo turns
// into the same URL, or into no usable URL, break the site silently: two
// term pages are written to one file, or a term page lands on the
// taxonomy's own page or outside it. The checker computes the URL as Hugo
// does.

// termSlug returns the URL path segment of a taxonomy term, as Hugo makes
// it: the term's key is the title in lower case with spaces replaced by
// hyphens (paths.NormalizePathStringBasic); its URL keeps only letters,
// digits, marks and . / \ _ # + ~ - @ (and %XX) of the key, in lower case
// (helpers.PathSpec.MakePathSanitized, which calls paths.Sanitize).
func termSlug(title string) string {
	return strings.ToLower(hugoSanitize(termKey(title)))
}

// termKey is the key of a term in Hugo's page tree: two titles with the
// same key are one term.
func termKey(title string) string {
	return strings.ReplaceAll(strings.ToLower(title), " ", "-")
}

// hugoSanitize is paths.Sanitize of Hugo v0.165.0 (common/paths/path.go).
func hugoSanitize(s string) string {
	var (
		target                   []rune
		prependHyphen, wasHyphen bool
	)
	for i, r := range s {
		if hugoPathChar(s, i, r) {
			wasHyphen = r == '-'
			if prependHyphen {
				if !wasHyphen {
					target = append(target, '-')
				}
				prependHyphen = false
			}
			target = append(target, r)
		} else if len(target) > 0 && !wasHyphen && unicode.IsSpace(r) {
			prependHyphen = true
		}
	}
	return string(target)
}

func hugoPathChar(s string, i int, r rune) bool {
	switch {
	case r == ' ':
		return false
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r), strings.ContainsRune("./\\_#+~-@", r):
		return true
	}
	return r == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// slugProblem says why a term's URL segment is unusable, or returns "". A
// slash makes a deeper URL, which is unusable for a title that staff write
// (an area's, a category's) but harmless in a name that the notice gives
// (a unit's: 市发改委/市粮食局), whose page still has one URL of its own.
func slugProblem(slug string, slashOK bool) string {
	if slug == "" {
		return "只有标点或空格，网址中什么也不剩，会和分类总页重叠"
	}
	for _, seg := range strings.FieldsFunc(slug, func(r rune) bool { return r == '/' || r == '\\' }) {
		if seg == "." || seg == ".." {
			return "网址中会出现 . 或 ..（当前或上一级目录），页面会写到别处"
		}
	}
	if !slashOK && strings.ContainsAny(slug, `/\`) {
		return "含有 / 或 \\，网址中会变成下一级目录"
	}
	return ""
}

// taxonomyTitle is a name that is a taxonomy term, for the URL checks.
type taxonomyTitle struct {
	taxonomy string // "area", "category", "issuers", "units" or "bodies"
	what     string // 方面, 类别, 发布单位, 被巡察单位, 巡察组
	title    string
	path     string // areas[0], issuer
	file     string
	line     int
	text     bool // a name the notice gives (issuer, unit, body), not a title
	filled   bool // filled in by the staff file (file and line are its)
	id       string
}

// taxonomyTitles lists the titles of n's areas and categories, and its
// issuer, inspected unit and inspecting body; a name that the staff file
// sf (or nil) filled in is placed on its line there.
func taxonomyTitles(n *Notice, file string, ix lineIndex, sf *staffFile) []taxonomyTitle {
	id := fileID(file)
	var ts []taxonomyTitle
	for i, a := range n.Areas {
		p := fmt.Sprintf("areas[%d]", i)
		ts = append(ts, taxonomyTitle{taxonomy: "area", what: "方面", title: a.Title, path: p, file: file, line: max(ix.line(p+".title", p), 1), id: id})
	}
	for i, c := range n.Categories {
		p := fmt.Sprintf("categories[%d]", i)
		ts = append(ts, taxonomyTitle{taxonomy: "category", what: "类别", title: c.Title, path: p, file: file, line: max(ix.line(p+".title", p), 1), id: id})
	}
	for _, f := range []struct{ taxonomy, what, key, name string }{
		{"issuers", "发布单位", "issuer", n.Issuer},
		{"units", "被巡察单位", "inspected_unit", n.InspectedUnit},
		{"bodies", "巡察组", "inspecting_body", n.InspectingBody},
	} {
		t := taxonomyTitle{taxonomy: f.taxonomy, what: f.what, title: f.name, path: f.key, file: file, line: max(ix.line(f.key), 1), text: true, id: id}
		if sf != nil && f.name != "" && sf.fillIn(f.key) == f.name {
			t.file, t.line, t.filled = sf.path, max(sf.c.ix.line("notice."+f.key, "notice"), 1), true
		}
		ts = append(ts, t)
	}
	return ts
}

// fixPlace says where the name t is written, to be changed: the staff
// file's line for a fill-in, else the notice's corrections list (the
// name comes from its text).
func (t taxonomyTitle) fixPlace() string {
	if t.filled {
		return fmt.Sprintf("工作人员文件 %s 第 %d 行", t.file, t.line)
	}
	return fmt.Sprintf("更正清单 data/corrections/%s.toml（再重新导入）", t.id)
}

// validateSlugs reports area and category titles, and names, that make no
// usable URL, and two titles of this file that make the same URL.
func (c *checker) validateSlugs(n *Notice) {
	seen := map[string]taxonomyTitle{} // taxonomy + slug -> first title
	for _, t := range taxonomyTitles(n, c.file, c.ix, c.filled) {
		if blank(t.title) {
			continue // reported as a required field
		}
		if f, ok := slugFinding(t, seen); !ok {
			c.out = append(c.out, f)
		}
	}
}

// slugFinding checks title t against the titles seen before it (and adds
// it to them); ok is false when there is a finding.
func slugFinding(t taxonomyTitle, seen map[string]taxonomyTitle) (finding, bool) {
	slug := termSlug(t.title)
	if why := slugProblem(slug, t.text); why != "" {
		if t.text {
			return newFinding(kSlug, t.file, t.line, fmt.Sprintf("%s %q 不能用作网址：%s", t.what, t.title, why),
				fmt.Sprintf("核对原文，在%s中改正（网址由名称生成）", t.fixPlace())), false
		}
		return newFinding(kSlug, t.file, t.line, fmt.Sprintf("%s标题 %q 不能用作网址：%s", t.what, t.title, why),
			"标题要有文字；其中的 / 改为“、”或“和”，删除 ..（网址由标题生成）"), false
	}
	k := t.taxonomy + "/" + slug
	first, ok := seen[k]
	if !ok {
		seen[k] = t
		return finding{}, true
	}
	if termKey(first.title) == termKey(t.title) {
		return finding{}, true // the same term: its pages are listed together
	}
	where := fmt.Sprintf("第 %d 行", first.line)
	if first.file != t.file {
		where = fmt.Sprintf(" %s 第 %d 行", first.file, first.line)
	}
	if t.text {
		return newFinding(kSlug, t.file, t.line,
			fmt.Sprintf("%s %q 与%s的 %q 只差标点或大小写，在网站上是同一个网址，两个%s的页面会互相覆盖",
				t.what, t.title, where, first.title, t.what),
			fmt.Sprintf("这通常是同一个%s的两种写法：核对原文，把写错的一处改为另一处的写法（包括标点），两份通报会列在同一个页面；这一处在%s，另一处在%s", t.what, t.fixPlace(), first.fixPlace())), false
	}
	return newFinding(kSlug, t.file, t.line,
		fmt.Sprintf("%s标题 %q 与%s的 %q 只差标点或大小写，网址相同（/%s/%s/），网站上两个%s会互相覆盖",
			t.what, t.title, where, first.title, t.taxonomy, slug, t.what),
		fmt.Sprintf("若说的是同一个%s，把两处标题统一为完全相同的写法（包括标点），它们会合并在一个页面；若不是，改动其中一个标题的文字", t.what)), false
}
