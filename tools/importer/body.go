package importer

import (
	"strings"
	"unicode"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// Body reassembles the notice body from the fields, by the rule of the data
// model ("nothing lost"): preamble; for each section its label and title,
// its paragraphs and, for the problems section, the problem tree (for each
// area: label, title, intro; for each category: label, title, intro; for
// each problem: label, lead, measures); then the closing and the contact
// text. Problems and categories outside any area come first, problems
// outside any category come before the categories of their area. Items are
// separated by newlines.
func Body(n *notice.Notice) string {
	var b strings.Builder
	put := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	issues := func(area, cat int) {
		for _, is := range n.Issues {
			if is.Area == area && is.Category == cat {
				put(is.Label + is.Lead)
				put(is.Measures...)
			}
		}
	}
	categories := func(area int) {
		issues(area, 0)
		for _, c := range n.Categories {
			if c.Area == area {
				put(c.Label + c.Title)
				put(c.Intro...)
				issues(area, c.Number)
			}
		}
	}
	put(n.Preamble...)
	for _, s := range n.Sections {
		put(s.Label + s.Title)
		put(s.Paragraphs...)
		if !s.Problems {
			continue
		}
		categories(0)
		for _, a := range n.Areas {
			put(a.Label + a.Title)
			put(a.Intro...)
			categories(a.Number)
		}
	}
	put(n.Closing...)
	put(n.Contact.Text)
	return b.String()
}

// RepairedBody returns the body of the source text (without the title and
// date line) after layout repair and the corrections, one paragraph a line:
// what Body must give back, whitespace aside.
func RepairedBody(filename string, src []byte, opts Options) string {
	d := parse(filename, src, opts)
	var b strings.Builder
	for _, p := range d.paras {
		b.WriteString(p.text)
		b.WriteByte('\n')
	}
	return b.String()
}

// StripSpace removes all whitespace, for comparing texts whose line breaks
// differ.
func StripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
