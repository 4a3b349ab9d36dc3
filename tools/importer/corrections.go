package importer

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// Correction is one entry of a reviewed corrections list
// (data/corrections/<id>.toml):
//
//	[[corrections]]
//	from = "主题党目"
//	to = "主题党日"
//	note = "PDF 转换把“日”误识为“目”"
//
// From is matched in the text after layout repair (so 百吨 干人 is written
// 百吨干人). Every occurrence is replaced.
type Correction struct {
	From string `toml:"from"`
	To   string `toml:"to"`
	Note string `toml:"note"`
	Line int    `toml:"-"` // line of the entry in the list, for diagnostics
}

// ParseCorrections decodes a corrections list strictly: unknown keys, empty
// from or note, and from = to are errors, reported as file:line.
func ParseCorrections(filename string, data []byte) ([]Correction, error) {
	var f struct {
		Corrections []Correction `toml:"corrections"`
	}
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		line := 0
		if pe, ok := err.(toml.ParseError); ok {
			line = pe.Position.Line
		}
		return nil, fmt.Errorf("%s", notice.Diagnostic{File: filename, Line: line, Severity: notice.Error,
			Message: "更正清单不是有效的TOML：" + firstLine(err.Error()),
			Hint:    "请按 [[corrections]] from/to/note 的格式修改"})
	}
	entries := entryLines(data)
	if und := md.Undecoded(); len(und) > 0 {
		key := und[0].String()
		return nil, fmt.Errorf("%s", notice.Diagnostic{File: filename, Line: keyLine(data, und[0][len(und[0])-1]), Severity: notice.Error,
			Message: fmt.Sprintf("更正清单中有未知的键“%s”", key),
			Hint:    "每条 [[corrections]] 只能有 from、to、note 三个键"})
	}
	for i := range f.Corrections {
		c := &f.Corrections[i]
		if i < len(entries) {
			c.Line = entries[i]
		}
		bad := func(msg, hint string) error {
			return fmt.Errorf("%s", notice.Diagnostic{File: filename, Line: c.Line, Severity: notice.Error, Message: msg, Hint: hint})
		}
		switch {
		case strings.TrimSpace(c.From) == "":
			return nil, bad("更正条目缺少 from（原文中的错误写法）", "请填写 from")
		case c.From == c.To:
			return nil, bad(fmt.Sprintf("更正条目的 from 与 to 相同（“%s”）", c.From), "请删除这一条或改正 to")
		case strings.TrimSpace(c.Note) == "":
			return nil, bad(fmt.Sprintf("更正“%s→%s”缺少 note（更正理由）", c.From, c.To), "请写明理由，读者会在网站上看到")
		}
	}
	return f.Corrections, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

var entryRe = regexp.MustCompile(`^\s*\[\[\s*corrections\s*\]\]`)

// entryLines returns the line of each [[corrections]] header.
func entryLines(data []byte) []int {
	var out []int
	for i, l := range bytes.Split(data, []byte("\n")) {
		if entryRe.Match(l) {
			out = append(out, i+1)
		}
	}
	return out
}

// keyLine returns the first line that assigns key.
func keyLine(data []byte, key string) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i, l := range bytes.Split(data, []byte("\n")) {
		if re.Match(l) {
			return i + 1
		}
	}
	return 0
}

// applyCorrections replaces the wording of each entry in the title and in
// every paragraph (labels excluded). It returns, for each paragraph, the
// indexes of the entries applied; index -1 of the result stands for the title.
func (d *doc) applyCorrections() map[int][]int {
	hits := map[int][]int{}
	for k, c := range d.opts.Corrections {
		if c.From == "" {
			continue
		}
		if strings.Contains(d.hdr.title, c.From) {
			d.hdr.title = strings.ReplaceAll(d.hdr.title, c.From, c.To)
			hits[-1] = append(hits[-1], k)
		}
		for i := range d.paras {
			p := &d.paras[i]
			rest := p.rest()
			if strings.Contains(rest, c.From) {
				p.text = p.label + strings.ReplaceAll(rest, c.From, c.To)
				hits[i] = append(hits[i], k)
			}
		}
	}
	return hits
}

// recordCorrections writes the applied corrections into the notice, with
// where each was applied, and warns about entries that matched nothing.
func (d *doc) recordCorrections(hits map[int][]int) {
	used := map[int]bool{}
	seen := map[string]bool{}
	for k, c := range d.opts.Corrections {
		for i := -1; i < len(d.paras); i++ {
			for _, h := range hits[i] {
				if h != k {
					continue
				}
				used[k] = true
				where := "标题"
				if i >= 0 {
					where = d.where[i]
				}
				key := fmt.Sprint(k, "\x00", where)
				if seen[key] {
					continue
				}
				seen[key] = true
				d.n.Corrections = append(d.n.Corrections, notice.Correction{From: c.From, To: c.To, Note: c.Note, Where: where})
			}
		}
	}
	for k, c := range d.opts.Corrections {
		if !used[k] {
			file := d.opts.CorrectionsFile
			if file == "" {
				file = d.file
			}
			d.diags = append(d.diags, notice.Diagnostic{File: file, Line: c.Line, Severity: notice.Warning,
				Message: fmt.Sprintf("更正“%s→%s”在原文中没有匹配，未应用", c.From, c.To),
				Hint:    "from 要写成版式修复后的文字（去掉多余空格、标点改为全角）；如已不需要，请删除这一条"})
		}
	}
}
