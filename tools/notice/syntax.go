package notice

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// This file turns what Hugo's TOML parser (go-toml v2) rejects into
// messages staff can act on: the encoding of the file, merge-conflict
// markers, full-width punctuation used as TOML syntax, and every syntax
// error, in Chinese with a fix.

const bom = "\ufeff"

// encoding reports a file that is not UTF-8: one finding for a file saved
// as UTF-16 or GBK as a whole, one per line (at most maxBadLines) for stray
// invalid bytes. It returns true if there is one.
func (c *checker) encoding(data []byte) bool {
	if enc := utf16Name(data); enc != "" {
		c.report(kEncoding, 1, fmt.Sprintf("文件是 %s 编码（Windows 记事本的“Unicode”），不是 UTF-8，Hugo 无法读取", enc),
			"用编辑器把文件另存为“UTF-8”编码（记事本：另存为 → 编码选“UTF-8”；VS Code：点右下角的编码 → 通过编码保存 → UTF-8）")
		return true
	}
	if utf8.Valid(data) {
		return false
	}
	if isGBK(data) {
		line := bytes.Count(data[:firstInvalid(data)], []byte("\n")) + 1
		c.report(kEncoding, line, "文件是 GBK（GB2312/GB18030）编码，不是 UTF-8，中文会变成乱码",
			"用编辑器把文件转为 UTF-8 编码保存（VS Code：点右下角的编码 → 通过编码重新打开 → GBK，再点一次 → 通过编码保存 → UTF-8；记事本：另存为 → 编码选“UTF-8”）")
		return true
	}
	bad := 0
	for i, l := range strings.Split(string(data), "\n") {
		if utf8.ValidString(l) {
			continue
		}
		bad++
		if bad > maxBadLines {
			continue
		}
		col := utf8.RuneCountInString(l[:firstInvalid([]byte(l))]) + 1
		c.report(kUTF8, i+1, fmt.Sprintf("第 %d 个字符处有无效的 UTF-8 字节（文件不是 UTF-8 编码，或有乱码）", col),
			"用 UTF-8 编码重新保存文件；若是乱码，从通报原文重新复制这段文字")
	}
	if bad > maxBadLines {
		c.out[len(c.out)-1].Message += fmt.Sprintf("；另有 %d 行也有无效字节，没有逐一列出", bad-maxBadLines)
	}
	return true
}

// maxBadLines is the number of lines with invalid UTF-8 reported one by one.
const maxBadLines = 5

// utf16Name names the UTF-16 encoding of data, or returns "": a UTF-16 BOM,
// or text with a zero byte in every other position (ASCII in UTF-16).
func utf16Name(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return "UTF-16 LE"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "UTF-16 BE"
	case len(data) < 4:
		return ""
	}
	var even, odd int
	for i, b := range data {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	switch {
	case odd > len(data)/4:
		return "UTF-16 LE"
	case even > len(data)/4:
		return "UTF-16 BE"
	}
	return ""
}

// firstInvalid returns the offset of the first byte of data that is not
// part of valid UTF-8, or len(data).
func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// isGBK reports whether data, which is not valid UTF-8, is Chinese text
// saved as GBK/GB18030 as a whole: most of its non-ASCII bytes are not
// UTF-8, and it decodes as GB18030 to Chinese characters.
func isGBK(data []byte) bool {
	var utf8Bytes, invalid int
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			invalid++
		case size > 1:
			utf8Bytes += size
		}
		i += size
	}
	if invalid <= utf8Bytes {
		return false // UTF-8 with stray bytes: reported line by line
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
		return false
	}
	var han, other int
	for _, r := range string(text) {
		switch {
		case r < utf8.RuneSelf:
		case unicode.Is(unicode.Han, r) || unicode.In(r, unicode.P) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF):
			han++
		default:
			other++
		}
	}
	return han > 0 && han >= 4*other
}

// conflictMarkers reports the markers git leaves in a file when a merge
// conflicts: each conflict once, at its <<<<<<< line, and any marker left
// over on its own. It returns true if there is one.
func (c *checker) conflictMarkers(src string) bool {
	lines := strings.Split(src, "\n")
	found := false
	open, sep := 0, 0 // lines of the <<<<<<< and ======= of the conflict being read
	for i, l := range lines {
		l = strings.TrimSuffix(l, "\r")
		n := i + 1
		switch marker(l) {
		case '<':
			if open > 0 {
				c.leftoverMarker(open, "<<<<<<<")
			}
			open, sep, found = n, 0, true
		case '|', '=':
			if open == 0 {
				c.leftoverMarker(n, l[:7])
				found = true
			} else if l[0] == '=' {
				sep = n
			}
		case '>':
			found = true
			if open == 0 {
				c.leftoverMarker(n, ">>>>>>>")
				continue
			}
			c.report(kConflict, open, fmt.Sprintf("第 %d–%d 行是没有解决的 git 合并冲突：<<<<<<< 与 ======= 之间是一个版本（第 %d 行起），======= 与 >>>>>>> 之间是另一个版本", open, n, open+1),
				"比较两个版本，保留正确的一个（或把两边的改动合在一起），再删除 <<<<<<<、=======、>>>>>>> 这三行标记")
			open, sep = 0, 0
		}
	}
	if open > 0 {
		if sep > 0 {
			c.leftoverMarker(sep, "=======")
		}
		c.leftoverMarker(open, "<<<<<<<")
	}
	return found
}

// marker returns the first character of a git conflict marker line
// (<<<<<<< ours, |||||||, =======, >>>>>>> theirs), or 0.
func marker(l string) byte {
	for _, m := range []string{"<<<<<<<", "|||||||", "=======", ">>>>>>>"} {
		if strings.HasPrefix(l, m) && (len(l) == 7 || l[7] == ' ' || l[7] == '\t' || (m == "=======" && strings.TrimSpace(l[7:]) == "")) {
			if m == "=======" && len(strings.TrimRight(l, " \t")) != 7 {
				return 0
			}
			return m[0]
		}
	}
	return 0
}

func (c *checker) leftoverMarker(line int, m string) {
	c.report(kConflict, line, fmt.Sprintf("这一行是 git 合并冲突留下的标记 %s", m),
		"找到冲突的两个版本，保留正确的一个，再删除 <<<<<<<、=======、>>>>>>> 这些标记行")
}

// fullWidth names the full-width (Chinese) characters that staff type in
// place of TOML's ASCII syntax, with the ASCII character to use.
var fullWidth = map[rune]struct{ name, ascii string }{
	'＝': {"全角等号“＝”", "="},
	'：': {"中文冒号“：”", "="},
	'，': {"中文逗号“，”", ","},
	'、': {"顿号“、”", ","},
	'［': {"全角方括号“［”", "["},
	'］': {"全角方括号“］”", "]"},
	'【': {"中文方括号“【”", "["},
	'】': {"中文方括号“】”", "]"},
	'｛': {"全角花括号“｛”", "{"},
	'｝': {"全角花括号“｝”", "}"},
	'“': {"中文引号“", `"`},
	'”': {"中文引号”", `"`},
	'‘': {"中文单引号‘", `"`},
	'’': {"中文单引号’", `"`},
	'＂': {"全角引号“＂”", `"`},
	'＃': {"全角井号“＃”", "#"},
	'　': {"全角空格", " "},
	'；': {"中文分号“；”", ""},
	'。': {"句号“。”", ""},
}

// chineseKeys maps the Chinese names staff may type for a key to the key.
var chineseKeys = map[string]string{
	"标题": "title", "编号": "number", "序号": "number", "状态": "status", "整改状态": "status",
	"整改措施": "measures", "措施": "measures", "依据": "status_evidence", "状态依据": "status_evidence",
	"发布单位": "issuer", "发布日期": "published", "原文": "source", "来源": "source",
	"电话": "phone", "邮箱": "email", "地址": "address", "邮编": "postcode",
	"日期": "date", "备注": "note", "说明": "note", "方面": "area", "类别": "category",
}

var (
	keyValueRe = regexp.MustCompile(`^\s*([A-Za-z0-9_.\- ]+|"[^"]*"|'[^']*')\s*=\s*`)
	boolRe     = regexp.MustCompile(`^(?i:true|false)\b`)
	dateLikeRe = regexp.MustCompile(`^\d{4}\s*[-/.年]\s*\d{1,2}`)
)

// maxSyntaxErrors bounds the syntax errors reported for one file.
const maxSyntaxErrors = 20

// syntaxErrors reports err, the syntax error of data, and looks for more:
// it blanks out the expression that failed, when it can tell where that
// expression ends, and parses again. A table header that failed is
// replaced by a placeholder header, so that the keys under it are not
// taken for keys of the table before it. It stops at an error it cannot
// isolate (an unclosed list or multi-line string, reported where it
// begins): the errors after it would be made up.
func (c *checker) syntaxErrors(data []byte, err error) {
	data = bytes.Clone(data)
	prev := 0
	for i := 0; err != nil && i < maxSyntaxErrors; i++ {
		var se *SyntaxError
		if !errors.As(err, &se) {
			se = &SyntaxError{Line: 1, Column: 1, Message: err.Error()}
		}
		if se.Line <= prev {
			return
		}
		c.syntaxError(data, se)
		if !skipExpression(data, se) {
			return
		}
		prev = se.Line
		_, err = ParseDoc(data)
	}
}

// skipExpression blanks out, in place, the lines of the expression that
// failed with e, and reports whether it could.
func skipExpression(data []byte, e *SyntaxError) bool {
	if e.start != e.Line || e.Line < 1 {
		return false
	}
	starts := lineStarts(data)
	lineText := func(l int) []byte {
		end := len(data)
		if l < len(starts) {
			end = starts[l] - 1 // the newline
		}
		return data[starts[l-1]:end]
	}
	last := e.end
	if last < e.Line {
		// A syntax error: the expression ends before the next line that
		// starts one (a key, a table header, a comment or a blank line).
		last = e.Line
		for last < len(starts) && !exprStart(string(lineText(last+1))) {
			last++
		}
	}
	for l := e.Line; l <= last; l++ {
		b := lineText(l)
		fill := b
		if l == e.Line && isHeaderLine(string(b)) {
			h := fmt.Sprintf("[x%d]", l) // a placeholder table for the keys under it
			if len(h) <= len(b) {
				copy(b, h)
				fill = b[len(h):]
			}
		}
		for i := range fill {
			if fill[i] != '\r' {
				fill[i] = ' '
			}
		}
	}
	return true
}

// isHeaderLine reports whether a line is (meant as) a table header.
func isHeaderLine(l string) bool {
	l = strings.TrimSpace(l)
	return strings.HasPrefix(l, "[") || strings.HasPrefix(l, "［") || strings.HasPrefix(l, "【")
}

// exprStart reports whether a line starts a TOML expression (or is blank
// or a comment), as opposed to continuing the value of the line before:
// an = (or a full-width ＝ or ：) comes before any quote.
func exprStart(l string) bool {
	l = strings.TrimSpace(l)
	if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "＃") || isHeaderLine(l) {
		return true
	}
	eq := strings.IndexAny(l, "=＝：:")
	q := strings.IndexAny(l, "\"'“”")
	return eq > 0 && (q < 0 || eq < q)
}

// syntaxError reports a document that go-toml v2 rejects, with what is
// wrong and how to fix it in Chinese.
func (c *checker) syntaxError(data []byte, e *SyntaxError) {
	kind, line, col, msg, hint := explain(data, e)
	if col > 0 {
		msg = fmt.Sprintf("（第 %d 个字符处）：%s", col, msg)
	} else {
		msg = "：" + msg
	}
	c.report(kind, line, "TOML 语法错误"+msg, hint)
}

// explain puts a syntax error into words. col is 0 when the message is
// about the line as a whole.
func explain(data []byte, e *SyntaxError) (kind string, line, col int, msg, hint string) {
	kind, line, col = kSyntax, e.Line, e.Column
	src := string(data)
	lines := strings.Split(src, "\n")
	text := ""
	if line-1 < len(lines) {
		text = strings.TrimSuffix(lines[line-1], "\r")
	}
	off := min(max(e.Offset, 0), len(src))
	at, _ := utf8.DecodeRuneInString(src[off:])
	if off == len(src) {
		at = '\n'
	}
	// The key of the line (title = …) and the value as written after it.
	key, value := "", ""
	if m := keyValueRe.FindStringSubmatch(text); m != nil {
		key, value = strings.TrimSpace(m[1]), strings.TrimSpace(text[len(m[0]):])
	}
	leaf := key[strings.LastIndexByte(key, '.')+1:]
	if leaf == "" {
		leaf = "title"
	}
	m := e.Message
	has := func(s string) bool { return strings.Contains(m, s) }
	afterValue := has("expected newline but got")
	rest := strings.TrimSpace(strings.TrimPrefix(text[min(byteCol(text, col), len(text)):], string(at)))

	// A list or inline table left open: the parser reads on into the next
	// key or table header.
	if line > e.start && strings.TrimSpace(text[:byteCol(text, col)]) == "" && (keyValueRe.MatchString(text) || strings.HasPrefix(strings.TrimSpace(text), "[")) {
		if start := lines[e.start-1]; keyValueRe.MatchString(start) {
			v := strings.TrimSpace(start[len(keyValueRe.FindString(start)):])
			switch {
			case strings.HasPrefix(v, "["):
				return kind, e.start, 0, fmt.Sprintf("这一行开始的列表 [ 没有用 ] 结束（到第 %d 行仍未结束）", line),
					"在列表最后一项的后面补上 ]"
			case strings.HasPrefix(v, "{"):
				return kind, e.start, 0, fmt.Sprintf("这一行开始的花括号 { 没有用 } 结束（到第 %d 行仍未结束）", line),
					"在最后一项的后面补上 }"
			}
		}
	}
	// A table header whose key is not a bare key, e.g. a problem number
	// copied as the site shows it: [problems.１３], [[problems.（12）.updates]].
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "[") && !keyValueRe.MatchString(text) {
		inner := strings.Trim(t, "[] ")
		if k, rest, ok := strings.Cut(inner, "."); ok && (k == "problems" || k == "problems ") {
			num, tail, _ := strings.Cut(rest, ".")
			digits := strings.Map(func(r rune) rune {
				switch {
				case r >= '0' && r <= '9':
					return r
				case r >= '０' && r <= '９':
					return r - '０' + '0'
				}
				return -1
			}, num)
			if digits != "" && digits != num {
				fixed := "problems." + digits
				if tail != "" {
					fixed += "." + tail
				}
				if strings.HasPrefix(t, "[[") {
					fixed = "[[" + fixed + "]]"
				} else {
					fixed = "[" + fixed + "]"
				}
				return kFullWidth, line, 0, fmt.Sprintf("表头 %s 中问题的编号 %q 只能写半角数字", t, num),
					fmt.Sprintf("写成 %s（编号是问题网页地址 /issues/N/ 中的数字，不带括号和“问题”二字，用英文输入法输入）", fixed)
			}
		}
	}
	// Punctuation at the end of a line: "title = "…"，".
	if afterValue && strings.ContainsRune(",，;；。、", at) && (rest == "" || strings.HasPrefix(rest, "#")) {
		return kind, line, col, fmt.Sprintf("值的后面多了“%c”", at),
			fmt.Sprintf("删除行末的“%c”；TOML 每行写一个字段，行末不加标点", at)
	}
	// Full-width digits in a number.
	if at >= '０' && at <= '９' {
		return kFullWidth, line, col, fmt.Sprintf("数字用了全角数字“%c”", at),
			fmt.Sprintf("改为半角阿拉伯数字，例如 %s = %s（切换到英文输入法输入）", leaf, halfWidth(value))
	}
	// Full-width punctuation where TOML wants ASCII.
	if fw, ok := fullWidth[at]; ok && !(afterValue && (at == '“' || at == '”')) {
		kind = kFullWidth
		switch at {
		case '“', '”', '‘', '’', '＂':
			return kind, line, col, fmt.Sprintf("文字用了%s括起来，TOML 只认英文双引号 \"", fw.name),
				// Either end may already be an English quote (“已销号。"):
				// the example's text has neither.
				fmt.Sprintf("把两端的中文引号改为英文双引号，例如 %s = %s；文字中间的中文引号可以保留", leaf, quote(strings.Trim(value, "“”‘’＂\"")))
		case '：':
			return kind, line, col, "字段名后面用了中文冒号“：”，TOML 用等号 =",
				fmt.Sprintf("写成 %s = …（英文半角等号）", strings.TrimSpace(text[:byteCol(text, col)]))
		case '；', '。':
			return kind, line, col, fmt.Sprintf("这里多了%s", fw.name), fmt.Sprintf("删除“%c”", at)
		case '　':
			return kind, line, col, "这里有全角空格（中文输入法的空格），TOML 只认半角空格",
				"删除它或改为半角空格；字段名、等号、引号之间只用半角空格"
		case '［', '］', '【', '】', '｛', '｝':
			return kind, line, col, fmt.Sprintf("这里用了%s，TOML 只认英文半角的 %s", fw.name, fw.ascii),
				"切换到英文输入法，把这一行的全角括号都改为英文半角的 [ ]（花括号为 { }）"
		default:
			return kind, line, col, fmt.Sprintf("这里用了%s，TOML 只认英文半角的 %s", fw.name, fw.ascii),
				fmt.Sprintf("切换到英文输入法，把“%c”改为 %s", at, fw.ascii)
		}
	}

	switch {
	// A key (table header, key = value) defined twice or in two ways.
	case has("already"), has("should be a table"):
		return explainDuplicate(e, line, text)

	case has("expected '=' after key"):
		switch {
		case at == ':':
			return kind, line, col, "字段名后面用了冒号 :，TOML 用等号 =",
				fmt.Sprintf("写成 %s = …", strings.TrimSpace(text[:byteCol(text, col)]))
		case !strings.Contains(text, "="):
			return kind, line, 0, "这一行不是“字段名 = 值”的形式（没有等号 =）",
				"若它是上一个字段文字的一部分，把它移进上一行的英文双引号内（文字中的换行写成 \\n）；若是说明，在行首加 # 作为注释；不需要的就删除"
		}
		return kind, line, col, "字段名中有空格或不允许的字符",
			"字段名只能由英文字母、数字、_ 和 - 组成，并与 data/README.md 中的完全一致，例如 status_evidence"

	case has("invalid character at start of key"):
		switch {
		case at == '=':
			return kind, line, col, "等号 = 前面缺少字段名", `在 = 前写上字段名，例如 title = "…"`
		case at == ']':
			return kind, line, col, "表头中没有表名", "写成 [contact] 或 [[issues]] 这样的表头"
		case at == '.':
			return kind, line, col, "字段名中有多余的点 .", "字段名中的点用来分隔表名，例如 contact.phone；删除多余的点"
		case !strings.Contains(text, "="):
			return kind, line, 0, "这一行不是“字段名 = 值”的形式（没有等号 =）",
				"若它是上一个字段文字的一部分，把它移进上一行的英文双引号内（文字中的换行写成 \\n）；若是说明，在行首加 # 作为注释；不需要的就删除"
		case at >= utf8.RuneSelf:
			name := strings.TrimSpace(text[:strings.IndexByte(text, '=')])
			if k, ok := chineseKeys[name]; ok {
				return kind, line, col, fmt.Sprintf("字段名“%s”要用英文写", name),
					fmt.Sprintf("写成 %s = …（字段名见 data/README.md）", k)
			}
			return kind, line, col, fmt.Sprintf("字段名以“%c”开头，字段名只能用英文", at),
				"字段名只能由英文字母、数字、_ 和 - 组成，并与 data/README.md 中的完全一致"
		}
		return kind, line, col, fmt.Sprintf("字段名不能以“%c”开头", at),
			"字段名只能由英文字母、数字、_ 和 - 组成，并与 data/README.md 中的完全一致"

	case has("at start of value"), has("expected value, not end of input"):
		word := value
		switch {
		case at == '\n' || at == '\r' || at == '#' || at == ']' || at == '}' || value == "":
			return kind, line, col, "等号后面没有值",
				fmt.Sprintf(`写上值，例如 %s = "…"（文字）或 %s = 1（数字）；确实没有内容的文字写 %s = ""`, leaf, leaf, leaf)
		case boolRe.MatchString(word):
			b := "false"
			if strings.EqualFold(word[:4], "true") {
				b = "true"
			}
			return kind, line, col, fmt.Sprintf("布尔值要用小写，写成 %s", b),
				fmt.Sprintf("改为 %s = %s（小写，不加引号）", leaf, b)
		case dateLikeRe.MatchString(word):
			return kind, line, col, "日期没有加引号", fmt.Sprintf(`日期写成带英文双引号的文字，例如 %s = %q`, leaf, dateExample(word))
		}
		v := value
		if i := strings.Index(v, " #"); i > 0 && !strings.ContainsAny(v[:i], `"'`) {
			v = strings.TrimSpace(v[:i])
		}
		return kind, line, col, "文字没有用英文双引号括起来",
			fmt.Sprintf("写成 %s = %s（两端加英文双引号）", leaf, quote(shorten(v)))

	case has("basic strings cannot have new lines"), has("unterminated basic string"):
		if strings.HasSuffix(strings.TrimSpace(text), "”") {
			kind = kFullWidth
			return kind, line, 0, "文字结尾用了中文引号 ”，没有用英文双引号 \" 结束",
				"把结尾的 ” 改为英文双引号 \"（文字中间的中文引号可以保留）"
		}
		return kind, line, col, "文字没有在本行结束：缺少结尾的英文双引号 \"",
			"在这一行文字的末尾补上 \"；文字中确实需要的换行写成 \\n"

	case has("literal strings cannot have new lines"), has("unterminated literal string"):
		return kind, line, col, "用单引号 ' 开始的文字没有在本行结束",
			"在文字末尾补上 '，或两端都改用英文双引号 \"…\"（推荐）"

	case has("multiline basic string not terminated"), has("multiline literal string not terminated"):
		q := `"""`
		if has("literal") {
			q = "'''"
		}
		return kind, e.start, 0, fmt.Sprintf("从这一行开始的多行文字 %s 到文件末尾都没有结束", q),
			fmt.Sprintf("在这段文字的末尾补上 %s；或改为普通的一行文字 \"…\"（换行写成 \\n）", q)

	case has("invalid escape character"):
		if at == '\\' {
			next, _ := utf8.DecodeRuneInString(src[min(off+1, len(src)):])
			if next == '\n' || next == '\r' {
				return kind, line, col, "行末有反斜杠 \\（不能用它把文字接到下一行）",
					"删除行末的 \\，把整段文字写在一行内，用 \" 结束"
			}
			return kind, line, col, fmt.Sprintf("文字中的 \\%c 不是有效的转义（反斜杠 \\ 在双引号文字中有特殊含义）", next),
				fmt.Sprintf("若需要反斜杠，写成两个：\\\\%c；多半它是多余的，删除即可（路径用 / 分隔）", next)
		}
		return kind, line, col, "文字中有无效的转义（反斜杠 \\ 后面的字符不对）",
			"若需要反斜杠，写成两个 \\\\；多半它是多余的，删除即可"
	case has("unicode escape"), has("not a valid unicode code point"):
		return kind, line, col, "文字中的 \\u 转义不完整：\\u 后要跟 4 位十六进制数字（\\U 后跟 8 位）",
			"直接写出这个字符；若需要反斜杠本身，写成 \\\\"

	case has("expected ',' or ']' after array value"):
		if line > e.start && strings.TrimSpace(text[:byteCol(text, col)]) == "" && strings.ContainsRune("\"'[{0123456789", at) {
			above := line - 1
			for above > e.start && (strings.TrimSpace(lines[above-1]) == "" || strings.HasPrefix(strings.TrimSpace(lines[above-1]), "#")) {
				above--
			}
			return kind, line, col, "列表的这一项与上一项之间缺少英文逗号 ,",
				fmt.Sprintf("在上一项的末尾（第 %d 行行末）加上英文逗号 ,", above)
		}
		if line > e.start && strings.TrimSpace(text[:byteCol(text, col)]) == "" {
			return kind, e.start, 0, fmt.Sprintf("这一行开始的列表 [ 没有用 ] 结束（到第 %d 行仍未结束）", line),
				"在列表最后一项的后面补上 ]"
		}
		if at == '"' || at == '\'' || unicode.IsDigit(at) || at == '[' || at == '{' {
			return kind, line, col, "列表的两项之间缺少英文逗号 ,",
				fmt.Sprintf("在第 %d 个字符前加上英文逗号 ,", col)
		}
		return kind, line, col, "列表中文字的英文双引号 \" 把文字提前结束了（文字中间有英文双引号，或缺少逗号）",
			"文字中的引号改用中文引号“”或写成 \\\"；各项之间用英文逗号 , 分隔"
	case has("array is incomplete"):
		return kind, e.start, 0, "这一行开始的列表 [ 没有用 ] 结束",
			"在列表最后一项的后面补上 ]"
	case has("expected value but got U+002C"):
		return kind, line, col, "列表中有多余的逗号（逗号前面没有值）",
			"删除多余的逗号：各项之间只要一个逗号，[ 后面直接写第一项"

	case has("expected ',' or '}' after inline table key-value"):
		return kind, line, col, "花括号 {…} 中的两项之间缺少英文逗号 ,",
			`各项之间用英文逗号分隔，例如 { kind = "诫勉", count = 1 }`
	case has("inline table is incomplete"):
		return kind, e.start, 0, "这一行开始的花括号 { 没有用 } 结束",
			"在最后一项的后面补上 }"

	case has("expected ']' to close table name"), has("expected ']]' to close array table name"):
		closing := "]"
		if has("]]") {
			closing = "]]"
		}
		name := strings.TrimSpace(strings.Trim(strings.TrimSpace(text), "[]"))
		if b := byteCol(text, col); at == ' ' || at == '\t' || (b > 0 && (text[b-1] == ' ' || text[b-1] == '\t')) {
			return kind, line, col, "表名中有空格", fmt.Sprintf("表名只能由英文字母、数字、_、- 和 . 组成，例如 [%s]", strings.ReplaceAll(name, " ", "_"))
		}
		if at != '\n' && at != '\r' && at != '#' && at != ']' {
			return kind, line, col, fmt.Sprintf("表名中有不允许的字符“%c”", at),
				"表名只能由英文字母、数字、_、- 和 . 组成，并与 data/README.md 中的完全一致"
		}
		return kind, line, col, fmt.Sprintf("表头缺少结尾的 %s", closing),
			fmt.Sprintf("写成 %s%s%s", strings.Repeat("[", len(closing)), name, closing)

	case afterValue:
		switch {
		case at == ']' && strings.HasPrefix(strings.TrimSpace(text), "[") && !strings.Contains(text, "="):
			return kind, line, col, "表头多了一个 ]", "删除多余的 ]，写成 [name] 或 [[name]]"
		case at == ']':
			return kind, line, col, "列表多了一个 ]", "删除多余的 ]"
		case strings.HasPrefix(value, `"`) && strings.Count(strings.TrimSpace(value), `"`)%2 == 1:
			return kind, line, col, "文字中间有英文双引号 \"，把文字提前结束了",
				"文字中的引号改用中文引号“”，或在引号前加反斜杠写成 \\\""
		case strings.HasPrefix(value, `"`):
			return kind, line, col, "文字中间有英文双引号 \"，把文字提前结束了",
				fmt.Sprintf("文字中的引号改用中文引号，例如 %s = %s；或在引号前加反斜杠写成 \\\"", leaf, quote(shorten(curlyQuotes(value))))
		case strings.HasPrefix(value, "'"):
			return kind, line, col, "用单引号 ' 括起的文字中间又有单引号，把文字提前结束了",
				fmt.Sprintf("两端改用英文双引号，例如 %s = %s", leaf, quote(shorten(strings.Trim(value, "'"))))
		case dateLikeRe.MatchString(value):
			return kind, line, col, "日期没有加引号，而且写法不对", fmt.Sprintf(`日期写成带英文双引号的文字，例如 %s = %q`, leaf, dateExample(value))
		case value != "" && unicode.IsDigit(rune(value[0])):
			return kind, line, col, "数字后面有多余的文字",
				fmt.Sprintf(`数字只写阿拉伯数字，例如 %s = %s；若本来是文字，两端加英文双引号："…"`, leaf, intExample(value))
		}
		return kind, line, col, "值的后面还有多余的内容",
			"每行只写一个“字段名 = 值”；文字要整个放在一对英文双引号内"

	case has("impossible date"):
		return kind, line, col, "日期没有加引号，而且这个日期不存在",
			fmt.Sprintf(`日期写成带英文双引号的文字，例如 %s = "2020-05-12"；核对原文中的年月日`, leaf)
	case has("dates are expected"), has("local date"), has("hour"), has("minutes"), has("seconds"), has("times are expected"), has("time zone"):
		return kind, line, col, "日期没有加引号，而且写法不对",
			fmt.Sprintf(`日期写成带英文双引号的文字，月和日补足两位，例如 %s = %q`, leaf, dateExample(value))
	case has("leading zeroes"):
		return kind, line, col, "数字不能以 0 开头",
			fmt.Sprintf(`编号等整数写成 %s = %s；邮编、电话这样以 0 开头的要加英文双引号写成文字，例如 "027-85808616"`, leaf, intExample(value))
	case has("too large"):
		return kind, line, col, "数字太大",
			fmt.Sprintf(`电话、编号等长数字要加英文双引号写成文字，例如 %s = "…"`, leaf)
	case has("decimal point"), has("exponent"), has("digit"), has("underscore"), has("radix"), has("float"), has("sign is not allowed"):
		return kind, line, col, "数字的写法不对",
			fmt.Sprintf(`整数只写阿拉伯数字，例如 %s = 3；若本来是文字，两端加英文双引号："…"`, leaf)
	}
	return kind, line, col, "：" + m + "（解析器的原话）", "检查这一行的引号、逗号、方括号是否成对，文字是否用英文双引号括起来"
}

// explainDuplicate explains a key or table defined twice, or both as a
// value and as a table.
func explainDuplicate(e *SyntaxError, line int, text string) (kind string, l, col int, msg, hint string) {
	m := e.Message
	name := displayPath(e.path)
	if name == "" && len(e.Key) > 0 {
		name = strings.Join(e.Key, ".")
	}
	prev := ""
	if e.prev > 0 && e.prev != line {
		prev = fmt.Sprintf("第 %d 行", e.prev)
	} else {
		prev = "前面"
	}
	header := strings.HasPrefix(strings.TrimSpace(text), "[")
	if e.prevPath != "" && e.prevPath != e.path && !strings.Contains(m, "array of tables") && !strings.Contains(m, "dotted key") {
		// a.b = … (or [a.b]) where a is a value (or an inline table).
		outer := displayPath(e.prevPath)
		return kSyntax, line, 0, fmt.Sprintf("%s 已在%s写成了值（%s = …），这里又在它下面写 %s", outer, prev, outer, name),
			fmt.Sprintf("%s 只能写一次、只有一个值：保留正确的那一行，删除另一行", outer[strings.LastIndexByte(outer, '.')+1:])
	}
	switch {
	case strings.Contains(m, "already exists as an array of tables"):
		return kSyntax, line, 0, fmt.Sprintf("%s 是表数组 [[%s]]（%s），这里却写成了 [%s]", name, name, prev, name),
			fmt.Sprintf("把这一行改为 [[%s]]（每一项都以 [[%s]] 开头）", name, name)
	case strings.Contains(m, "defined by a dotted key"):
		return kSyntax, line, 0, fmt.Sprintf("表 [%s] 定义了两次：%s已用点号写法（%s.… = …）定义了它，这里又写了表头 [%s]", name, prev, name, name),
			fmt.Sprintf("把%s的 %s.xxx = … 移到 [%s] 下面，写成 xxx = …；同一个表只用一种写法", prev, name, name)
	case strings.Contains(m, "but should be an array table"):
		return kSyntax, line, 0, fmt.Sprintf("%s 已在%s写成了值（%s = …），这里又写成了表数组 [[%s]]", name, prev, name, name),
			"两种写法只能留一种：删除其中一处，或把它们合并"
	case strings.Contains(m, "already exists as a value"), strings.Contains(m, "should be a table"):
		return kSyntax, line, 0, fmt.Sprintf("%s 已在%s写成了值，这里又把它当作表", name, prev),
			"两种写法只能留一种：删除其中一处，或把它们合并"
	case header:
		return kSyntax, line, 0, fmt.Sprintf("表头 [%s] 重复：%s已经有 [%s]", name, prev, name),
			fmt.Sprintf("每个表只写一个表头：把这里的字段移到%s的 [%s] 下，删除这个表头", prev, name)
	}
	leaf := name[strings.LastIndexByte(name, '.')+1:]
	return kSyntax, line, 0, fmt.Sprintf("字段 %s 重复：%s已经写过", leaf, prev),
		"同一个表中每个字段只能写一次：保留正确的那一行，删除另一行"
}

// byteCol returns the byte offset in text of the 1-based character column col.
func byteCol(text string, col int) int {
	n := 1
	for i := range text {
		if n == col {
			return i
		}
		n++
	}
	return len(text)
}

var (
	dateExampleRe = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2}))?`)
	digitsRe      = regexp.MustCompile(`^[0-9]+`)
)

// dateExample rewrites a date as staff wrote it (2020/5/12, 2020年5月) as
// the file wants it, or returns an example.
func dateExample(v string) string {
	m := dateExampleRe.FindStringSubmatch(v)
	if m == nil {
		return "2020-05-12"
	}
	d := m[1] + "-" + fmt.Sprintf("%02s", m[2])
	if m[3] != "" {
		d += "-" + fmt.Sprintf("%02s", m[3])
	}
	return d
}

// intExample returns the integer a value starts with, without leading zeros.
func intExample(v string) string {
	d := strings.TrimLeft(digitsRe.FindString(v), "0")
	if d == "" {
		return "1"
	}
	return d
}

// halfWidth replaces full-width digits by ASCII ones.
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

// shorten cuts a long text for a hint.
func shorten(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}

// curlyQuotes rewrites a value written as "text with "inner" quotes" with
// Chinese quotes inside: the outer pair is removed, the inner ones become
// “ and ” in turn.
func curlyQuotes(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.LastIndexByte(v, '"'); i > 0 {
		v = v[1:i]
	}
	var b strings.Builder
	open := true
	for _, r := range v {
		if r == '"' {
			if open {
				b.WriteRune('“')
			} else {
				b.WriteRune('”')
			}
			open = !open
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
