package notice

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Check checks one data file: encoding, TOML syntax, strict decoding (unknown
// keys and wrong value types are errors) and every rule of validate.go.
// filename is used in the diagnostics and to compare with the id; now is
// today's date for the "no future dates" rule (dates are compared in China
// Standard Time). Check does no I/O: the source file is checked by CheckFile.
//
// The Notice is nil when the file cannot be decoded (bad encoding, syntax or
// value types); otherwise it is returned even when it has errors. The
// diagnostics are sorted by line.
func Check(filename string, data []byte, now time.Time) (*Notice, []Diagnostic) {
	n, _, fs := check(filename, data, now)
	return n, diagnostics(fs)
}

// File is a data file decoded by Decode, with the line of each key.
type File struct {
	Name   string // the path given to Decode, for diagnostics
	Notice *Notice
	lines  lineIndex
}

// Line returns the 1-based line of the first of the key paths found in the
// file, or 0 (also for a File not made by Decode). Paths are those of
// lineIndex: "issues[2]" is the third [[issues]] header,
// "issues[2].updates[0]" its first [[issues.updates]],
// "issues[2].status_confirmed" a key.
func (f *File) Line(paths ...string) int { return f.lines.line(paths...) }

// Decode reads a data file with the strict decoding of Check (encoding,
// TOML syntax, unknown keys, value types) but without the rules of
// validate.go. It is for a file about to be regenerated (rectify import
// over an existing data file): errors in the text-derived fields are
// replaced by the import, while a key the decoder drops (a typo in a staff
// edit) would be lost, so it is an error here too. The File is nil when the
// file cannot be decoded; the diagnostics are sorted by line.
func Decode(filename string, data []byte) (*File, []Diagnostic) {
	c := &checker{file: filename}
	n := c.load(data)
	sortFindings(c.out)
	if n == nil {
		return nil, diagnostics(c.out)
	}
	return &File{Name: filename, Notice: n, lines: c.ix}, diagnostics(c.out)
}

// CheckFile reads and checks the data file at path (as Check does), and
// checks that its source file exists under root/static.
func CheckFile(root, path string, now time.Time) (*Notice, []Diagnostic) {
	n, fs := checkFiles(root, []string{path}, now)
	if len(n) == 0 {
		return nil, diagnostics(fs)
	}
	return n[0], diagnostics(fs)
}

// CheckFiles checks each file (as CheckFile does) and the files together:
// no two notices may have the same id. It returns the notices that could be
// decoded and all diagnostics, sorted by file and line.
func CheckFiles(root string, paths []string, now time.Time) ([]*Notice, []Diagnostic) {
	ns, fs := checkFiles(root, paths, now)
	return ns, diagnostics(fs)
}

// finding is a diagnostic with the kind of check that produced it (see kinds
// in validate.go); tests and data/README.md use the kind.
type finding struct {
	kind string
	Diagnostic
}

func diagnostics(fs []finding) []Diagnostic {
	if len(fs) == 0 {
		return nil
	}
	ds := make([]Diagnostic, len(fs))
	for i, f := range fs {
		ds[i] = f.Diagnostic
	}
	return ds
}

// sortFindings orders findings by file and line, keeping the order of
// findings on the same line.
func sortFindings(fs []finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].File != fs[j].File {
			return fs[i].File < fs[j].File
		}
		return fs[i].Line < fs[j].Line
	})
}

func checkFiles(root string, paths []string, now time.Time) ([]*Notice, []finding) {
	var (
		ns    []*Notice
		all   []finding
		seen  = map[string]string{} // id -> first file
		lines = map[string]int{}    // id -> line of id in that file
		staff = map[string]*staffFile{}
		byID  = map[string]*Notice{}
		owner = map[*Notice]*staffFile{}
	)
	for _, p := range paths {
		n, ix, fs, sf := checkFile(root, p, now)
		all = append(all, fs...)
		if n == nil {
			continue
		}
		ns = append(ns, n)
		if n.ID == "" {
			continue
		}
		line := max(ix.line("id"), 1)
		if first, ok := seen[n.ID]; ok {
			all = append(all, newFinding(kDuplicateID, p, line,
				fmt.Sprintf("id %q 与 %s 第 %d 行重复", n.ID, first, lines[n.ID]),
				"每个通报的 id 必须唯一；改用另一个 id，并把文件改为同名"))
			continue
		}
		seen[n.ID] = p
		lines[n.ID] = line
		byID[n.ID] = n
		if sf != nil {
			staff[n.ID] = sf
			owner[n] = sf
		}
	}
	// Staff files refer to problems and to other notices: checked once all
	// notices are read.
	for _, n := range ns {
		if sf := owner[n]; sf != nil {
			sf.validate(n, byID)
			all = append(all, sf.c.out...)
		}
	}
	all = append(all, checkSeries(staff)...)
	sortFindings(all)
	return ns, all
}

// checkFile checks the data file at path and reads its staff file (whose
// fill-ins complete the notice before the rules apply; the staff file's
// own rules need all notices and are applied by checkFiles). The notice
// returned has the fill-ins applied.
func checkFile(root, path string, now time.Time) (*Notice, lineIndex, []finding, *staffFile) {
	data, err := os.ReadFile(path)
	if err != nil {
		msg := "无法读取文件：" + err.Error()
		if errors.Is(err, os.ErrNotExist) {
			msg = "文件不存在"
		}
		return nil, nil, []finding{newFinding(kRead, path, 0, msg,
			"检查文件名和路径（相对于当前目录）")}, nil
	}
	c := &checker{file: path, now: now}
	n := c.load(data)
	sf, sfs, _ := loadStaff(path, now)
	fs := sfs
	if n != nil {
		if sf != nil {
			sf.applyFillIns(n, path)
			fs = append(fs, sf.c.out...)
			sf.c.out = nil
		}
		c.validate(n)
		if n.Source != "" {
			if f, ok := checkSource(root, path, n, max(c.ix.line("source"), 1)); !ok {
				c.out = append(c.out, f)
			}
		}
	}
	fs = append(c.out, fs...)
	sortFindings(fs)
	return n, c.ix, fs, sf
}

// checkSource checks that the notice's original text exists under
// root/static, as a relative path that stays inside static/.
func checkSource(root, path string, n *Notice, line int) (finding, bool) {
	clean := filepath.ToSlash(filepath.Clean(filepath.FromSlash(n.Source)))
	if filepath.IsAbs(n.Source) || strings.HasPrefix(n.Source, "/") || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(n.Source, "\\") {
		return newFinding(kSource, path, line,
			fmt.Sprintf("source %q 不是 static/ 下的相对路径", n.Source),
			`写成相对于 static/ 的路径，用 / 分隔，例如 source = "originals/`+n.ID+`.txt"`), false
	}
	full := filepath.Join(root, "static", filepath.FromSlash(clean))
	st, err := os.Stat(full)
	if err != nil || !st.Mode().IsRegular() {
		return newFinding(kSource, path, line,
			fmt.Sprintf("source 指向的原文 static/%s 不存在", clean),
			"把通报原文放到 static/"+clean+"，或改正 source"), false
	}
	return finding{}, true
}

func newFinding(kind, file string, line int, msg, hint string) finding {
	return finding{kind: kind, Diagnostic: Diagnostic{
		File: file, Line: line, Severity: kindSeverity(kind), Message: msg, Hint: hint,
	}}
}

// checker collects the findings about one file.
type checker struct {
	file     string
	now      time.Time
	ix       lineIndex
	out      []finding
	badTypes int  // values of the wrong type: the Notice is incomplete
	staff    bool // a staff file: its dates are not the notice's
}

func (c *checker) report(kind string, line int, msg, hint string) {
	c.out = append(c.out, newFinding(kind, c.file, line, msg, hint))
}

func check(filename string, data []byte, now time.Time) (*Notice, lineIndex, []finding) {
	c := &checker{file: filename, now: now}
	n := c.load(data)
	if n != nil {
		c.validate(n)
	}
	sortFindings(c.out)
	return n, c.ix, c.out
}

const bom = "\ufeff"

// load decodes data strictly into a Notice. It returns nil when the file
// cannot be decoded completely.
func (c *checker) load(data []byte) *Notice {
	n := &Notice{}
	if !c.decode(data, n) {
		return nil
	}
	return n
}

// decode decodes data strictly into the struct v points to (a Notice or a
// Staff), reporting every problem; false when it cannot be decoded
// completely.
func (c *checker) decode(data []byte, v any) bool {
	src := string(data)
	if strings.HasPrefix(src, bom) {
		c.report(kBOM, 1, "文件以 UTF-8 BOM（字节顺序标记）开头，Hugo 无法读取",
			"用编辑器把文件另存为“UTF-8（无 BOM）”编码")
	}
	if !utf8.ValidString(src) {
		for i, l := range strings.Split(src, "\n") {
			if utf8.ValidString(l) {
				continue
			}
			col := 1
			for j, r := range l {
				if r == utf8.RuneError {
					if _, size := utf8.DecodeRuneInString(l[j:]); size == 1 {
						break
					}
				}
				col++
			}
			c.report(kUTF8, i+1, fmt.Sprintf("第 %d 个字符处有无效的 UTF-8 字节（文件不是 UTF-8 编码，或有乱码）", col),
				"用 UTF-8 编码重新保存文件；若是乱码，从通报原文重新复制这段文字")
		}
		return false
	}
	if c.controlChars(src) {
		return false
	}
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			c.report(kSyntax, pe.Position.Line, fmt.Sprintf("TOML 语法错误（第 %d 个字符处）：%s", runeCol(src, pe.Position.Start), syntaxMessage(pe.Message)),
				syntaxHint(pe.Message))
		} else {
			c.report(kSyntax, 0, "TOML 语法错误："+err.Error(), "检查文件的 TOML 格式")
		}
		return false
	}
	c.ix = indexLines(src)
	c.decodeTable(raw, reflect.ValueOf(v).Elem(), "")
	return c.badTypes == 0
}

// controlChars reports raw control characters, which TOML does not allow
// (toml.ParseError gives them no position). A form feed is what PDF
// converters leave at page breaks.
func (c *checker) controlChars(src string) bool {
	found := false
	for i, l := range strings.Split(src, "\n") {
		l = strings.TrimSuffix(l, "\r") // CRLF line ends are fine
		col := 0
		for _, r := range l {
			col++
			if r == '\t' || (r >= 0x20 && r != 0x7f) {
				continue
			}
			name := fmt.Sprintf("控制字符 U+%04X", r)
			switch r {
			case '\f':
				name = "换页符（PDF 转换时分页处常见）"
			case '\r':
				name = "单独的回车符"
			case 0:
				name = "空字符"
			}
			c.report(kControl, i+1, fmt.Sprintf("第 %d 个字符处有不可见的%s", col, name),
				"删除它（在编辑器中显示不可见字符后可以看到）；文字中确实需要的换行写成 \\n")
			found = true
			break
		}
	}
	return found
}

// runeCol returns the 1-based column, in characters, of byte offset off.
// (toml.ParseError's Col counts bytes, which is wrong for Chinese text.)
func runeCol(src string, off int) int {
	off = max(0, min(off, len(src)))
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return utf8.RuneCountInString(src[start:off]) + 1
}

// syntaxMessage puts the most common TOML syntax errors into Chinese and
// keeps the parser's own words after them.
func syntaxMessage(m string) string {
	for _, t := range syntaxTranslations {
		if strings.Contains(m, t.en) {
			return t.zh + "（" + m + "）"
		}
	}
	return m
}

func syntaxHint(m string) string {
	for _, t := range syntaxTranslations {
		if strings.Contains(m, t.en) {
			return t.hint
		}
	}
	return "检查这一行的引号、逗号、方括号是否成对，文字是否用英文双引号括起来"
}

var syntaxTranslations = []struct{ en, zh, hint string }{
	{"has already been defined", "字段或表重复定义", "同一个表里每个字段只能写一次；删除重复的一行"},
	{"strings cannot contain newlines", "字符串没有在本行结束", "在行尾补上英文双引号 \"；文字中的换行写成 \\n"},
	{"unexpected EOF", "文件意外结束", "检查最后的引号、方括号是否成对"},
	{"expected a top-level item to end with a newline", "一行中有多余的内容", "每个字段单独占一行；文字中的英文双引号写成 \\\""},
	{"invalid escape", "无效的转义符", "反斜杠 \\ 写成 \\\\，或改用中文标点"},
	{"expected value but found", "等号后缺少值", "在 = 后写上值，文字用英文双引号括起来"},
	{"bare keys cannot contain", "字段名中有不允许的字符", "字段名只能用英文字母、数字、_ 和 -"},
}

// lineIndex maps the path of every key, table and array item of a TOML file
// to the 1-based line where it starts. Paths use the TOML key names with
// 0-based indexes for arrays: "published", "issues[11]" (the line of the
// 12th [[issues]] header), "issues[11].status", "issues[11].measures[2]",
// "issues[11].accountability[0].kind".
//
// BurntSushi/toml reports undecoded keys without positions, and no position
// at all for values; the checker needs a line for every finding, so it scans
// the file itself. The scanner only runs on files that parsed successfully,
// so it can assume valid TOML.
type lineIndex map[string]int

// line returns the line of the first path found, or 0.
func (ix lineIndex) line(paths ...string) int {
	for _, p := range paths {
		if l, ok := ix[p]; ok {
			return l
		}
	}
	return 0
}

// indexLines scans src and returns its line index.
func indexLines(src string) lineIndex {
	s := &scanner{src: src, line: 1, ix: lineIndex{}, count: map[string]int{}}
	s.run()
	return s.ix
}

type scanner struct {
	src   string
	pos   int
	line  int
	ix    lineIndex
	table string         // path of the current table ("" at top level)
	count map[string]int // number of [[x]] headers seen per array path
}

func (s *scanner) peek(off int) byte {
	if s.pos+off < len(s.src) {
		return s.src[s.pos+off]
	}
	return 0
}

func (s *scanner) advance() {
	if s.src[s.pos] == '\n' {
		s.line++
	}
	s.pos++
}

// record stores the first line seen for path.
func (s *scanner) record(path string) {
	if _, ok := s.ix[path]; !ok {
		s.ix[path] = s.line
	}
}

func join(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.src) && (s.src[s.pos] == ' ' || s.src[s.pos] == '\t' || s.src[s.pos] == '\r') {
		s.pos++
	}
}

// skipBlank skips spaces, newlines and comments.
func (s *scanner) skipBlank() {
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.advance()
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the newline that ends the current line.
func (s *scanner) skipLine() {
	for s.pos < len(s.src) && s.src[s.pos] != '\n' {
		s.pos++
	}
}

func (s *scanner) run() {
	// A UTF-8 BOM is reported separately; skip it here.
	if strings.HasPrefix(s.src, "\ufeff") {
		s.pos = len("\ufeff")
	}
	for {
		s.skipBlank()
		if s.pos >= len(s.src) {
			return
		}
		start := s.pos
		if s.src[s.pos] == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
		s.skipSpace()
		if s.pos < len(s.src) && s.src[s.pos] == '#' {
			s.skipLine()
		}
		if s.pos == start { // not valid TOML; never loop forever
			s.skipLine()
		}
	}
}

// header reads [a.b] or [[a.b]] and makes it the current table.
func (s *scanner) header() {
	array := s.peek(1) == '['
	s.pos++
	if array {
		s.pos++
	}
	s.skipSpace()
	parts := s.key()
	s.skipSpace()
	for s.pos < len(s.src) && s.src[s.pos] == ']' {
		s.pos++
	}
	path := ""
	for i, p := range parts {
		path = join(path, p)
		if i < len(parts)-1 {
			if n := s.count[path]; n > 0 {
				path = fmt.Sprintf("%s[%d]", path, n-1)
			}
			s.record(path)
		}
	}
	s.record(path)
	if array {
		n := s.count[path]
		s.count[path] = n + 1
		path = fmt.Sprintf("%s[%d]", path, n)
		s.record(path)
	}
	s.table = path
}

// keyValue reads key = value inside table.
func (s *scanner) keyValue(table string) {
	parts := s.key()
	path := table
	for _, p := range parts {
		path = join(path, p)
		s.record(path)
	}
	s.skipSpace()
	if s.pos < len(s.src) && s.src[s.pos] == '=' {
		s.pos++
	}
	s.skipSpace()
	s.value(path)
}

// key reads a dotted key: bare, "basic" or 'literal' parts.
func (s *scanner) key() []string {
	var parts []string
	for s.pos < len(s.src) {
		s.skipSpace()
		if s.pos >= len(s.src) {
			break
		}
		switch c := s.src[s.pos]; {
		case c == '"':
			raw := s.basicString()
			if u, err := strconv.Unquote(raw); err == nil {
				parts = append(parts, u)
			} else {
				parts = append(parts, strings.Trim(raw, `"`))
			}
		case c == '\'':
			raw := s.literalString()
			parts = append(parts, strings.Trim(raw, "'"))
		default:
			start := s.pos
			for s.pos < len(s.src) && isBareKeyChar(s.src[s.pos]) {
				s.pos++
			}
			if s.pos == start {
				return parts
			}
			parts = append(parts, s.src[start:s.pos])
		}
		s.skipSpace()
		if s.pos < len(s.src) && s.src[s.pos] == '.' {
			s.pos++
			continue
		}
		break
	}
	return parts
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value skips one value, recording the lines of array items and of the keys
// of inline tables under path.
func (s *scanner) value(path string) {
	if s.pos >= len(s.src) {
		return
	}
	switch s.src[s.pos] {
	case '"':
		if strings.HasPrefix(s.src[s.pos:], `"""`) {
			s.multiline(`"""`, true)
		} else {
			s.basicString()
		}
	case '\'':
		if strings.HasPrefix(s.src[s.pos:], `'''`) {
			s.multiline(`'''`, false)
		} else {
			s.literalString()
		}
	case '[':
		s.pos++
		for i := 0; ; i++ {
			s.skipBlank()
			if s.pos >= len(s.src) || s.src[s.pos] == ']' {
				break
			}
			item := fmt.Sprintf("%s[%d]", path, i)
			s.record(item)
			start := s.pos
			s.value(item)
			s.skipBlank()
			if s.pos < len(s.src) && s.src[s.pos] == ',' {
				s.pos++
			} else if s.pos == start {
				s.advance()
			}
		}
		if s.pos < len(s.src) {
			s.pos++
		}
	case '{':
		s.pos++
		for {
			s.skipBlank()
			if s.pos >= len(s.src) || s.src[s.pos] == '}' {
				break
			}
			start := s.pos
			s.keyValue(path)
			s.skipBlank()
			if s.pos < len(s.src) && s.src[s.pos] == ',' {
				s.pos++
			} else if s.pos == start {
				s.advance()
			}
		}
		if s.pos < len(s.src) {
			s.pos++
		}
	default: // number, bool, date-time: up to a delimiter
		for s.pos < len(s.src) && !strings.ContainsRune(",]}\n#", rune(s.src[s.pos])) {
			s.pos++
		}
	}
}

// basicString reads "…" (with escapes) and returns it with its quotes.
func (s *scanner) basicString() string {
	start := s.pos
	s.pos++
	for s.pos < len(s.src) && s.src[s.pos] != '"' && s.src[s.pos] != '\n' {
		if s.src[s.pos] == '\\' {
			s.pos++
		}
		s.pos++
	}
	if s.pos < len(s.src) && s.src[s.pos] == '"' {
		s.pos++
	}
	return s.src[start:min(s.pos, len(s.src))]
}

// literalString reads '…' and returns it with its quotes.
func (s *scanner) literalString() string {
	start := s.pos
	s.pos++
	for s.pos < len(s.src) && s.src[s.pos] != '\'' && s.src[s.pos] != '\n' {
		s.pos++
	}
	if s.pos < len(s.src) && s.src[s.pos] == '\'' {
		s.pos++
	}
	return s.src[start:s.pos]
}

// multiline skips a """…""" or ”'…”' string, counting its lines.
func (s *scanner) multiline(delim string, escapes bool) {
	s.pos += len(delim)
	for s.pos < len(s.src) {
		if escapes && s.src[s.pos] == '\\' {
			s.pos++
			if s.pos < len(s.src) {
				s.advance()
			}
			continue
		}
		if strings.HasPrefix(s.src[s.pos:], delim) {
			s.pos += len(delim)
			// Up to two more quotes may belong to the content ("""a"""").
			for i := 0; i < 2 && s.pos < len(s.src) && s.src[s.pos] == delim[0]; i++ {
				s.pos++
			}
			return
		}
		s.advance()
	}
}

// fieldsOf maps the TOML key of each field of struct type t to its index.
func fieldsOf(t reflect.Type) (map[string]int, []string) {
	m := map[string]int{}
	var names []string
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("toml")
		name, _, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" || !t.Field(i).IsExported() {
			continue
		}
		m[name] = i
		names = append(names, name)
	}
	return m, names
}

// displayPath is a path as staff see it in the file: without array indexes
// (issues[3].accountability[0].kind → issues.accountability.kind).
func displayPath(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tableName names the table at path as written in the file: [contact],
// [[issues]], or 文件顶层.
func tableName(path string) string {
	if path == "" {
		return "文件顶层"
	}
	if strings.HasSuffix(path, "]") {
		return "[[" + displayPath(path) + "]]"
	}
	return "[" + displayPath(path) + "]"
}

var linesType = reflect.TypeOf(Lines(nil))

// decodeTable stores the TOML table m into the struct rv, reporting unknown
// keys and values of the wrong type.
func (c *checker) decodeTable(m map[string]any, rv reflect.Value, path string) {
	fields, names := fieldsOf(rv.Type())
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := c.ix.line(join(path, keys[i])), c.ix.line(join(path, keys[j]))
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		kp := join(path, k)
		i, ok := fields[k]
		if !ok {
			c.unknownKey(k, kp, path, names)
			continue
		}
		c.decodeValue(m[k], rv.Field(i), kp)
	}
}

func (c *checker) unknownKey(k, kp, table string, names []string) {
	line := c.ix.line(kp, table)
	msg := fmt.Sprintf("%s中有未知字段 %q", tableName(table), k)
	if table != "" {
		msg = fmt.Sprintf("%s 中有未知字段 %q", tableName(table), k)
	}
	if hint := movedToStaff(k, table); hint != "" && !c.staff {
		c.report(kUnknownKey, line, msg, hint)
		return
	}
	if s := suggest(k, names); s != "" {
		c.report(kUnknownKey, line, msg, fmt.Sprintf("是否应为 %q？字段名要与 data/README.md 中的完全一致", s))
		return
	}
	c.report(kUnknownKey, line, msg, "删除它，或改为这里可用的字段之一："+strings.Join(names, "、"))
}

// suggest returns the known name closest to k, if it is close enough to be a typo.
func suggest(k string, names []string) string {
	best, bestD := "", 1<<30
	for _, n := range names {
		if d := editDistance(strings.ToLower(k), n); d < bestD {
			best, bestD = n, d
		}
	}
	if bestD <= 2 && bestD < utf8.RuneCountInString(best) {
		return best
	}
	return ""
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and transpositions (stauts → status) cost 1.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// decodeValue stores v into fv, or reports a value of the wrong type.
func (c *checker) decodeValue(v any, fv reflect.Value, path string) {
	t := fv.Type()
	switch {
	case t == linesType:
		items, ok := v.([]any)
		if !ok {
			c.badType(v, path, t)
			return
		}
		lines := make(Lines, 0, len(items))
		for i, it := range items {
			s, ok := it.(string)
			if !ok {
				c.badType(it, fmt.Sprintf("%s[%d]", path, i), reflect.TypeOf(""))
				continue
			}
			lines = append(lines, s)
		}
		fv.Set(reflect.ValueOf(lines))
	case t.Kind() == reflect.String:
		s, ok := v.(string)
		if !ok {
			c.badType(v, path, t)
			return
		}
		fv.SetString(s)
	case t.Kind() == reflect.Int:
		i, ok := v.(int64)
		if !ok {
			c.badType(v, path, t)
			return
		}
		fv.SetInt(i)
	case t.Kind() == reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			c.badType(v, path, t)
			return
		}
		fv.SetBool(b)
	case t.Kind() == reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			c.badType(v, path, t)
			return
		}
		c.decodeTable(m, fv, path)
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && t.Elem().Kind() == reflect.Struct:
		// A table of tables keyed by name, e.g. [problems.2] of a staff file.
		m, ok := v.(map[string]any)
		if !ok {
			c.badType(v, path, t)
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := reflect.MakeMapWithSize(t, len(m))
		for _, k := range keys {
			sub, ok := m[k].(map[string]any)
			if !ok {
				c.badType(m[k], join(path, k), t.Elem())
				continue
			}
			ev := reflect.New(t.Elem()).Elem()
			c.decodeTable(sub, ev, join(path, k))
			out.SetMapIndex(reflect.ValueOf(k), ev)
		}
		fv.Set(out)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
		var tables []map[string]any
		switch v := v.(type) {
		case []map[string]any:
			tables = v
		case []any:
			for i, it := range v {
				m, ok := it.(map[string]any)
				if !ok {
					c.badType(it, fmt.Sprintf("%s[%d]", path, i), t.Elem())
					return
				}
				tables = append(tables, m)
			}
		default:
			c.badType(v, path, t)
			return
		}
		s := reflect.MakeSlice(t, len(tables), len(tables))
		for i, m := range tables {
			c.decodeTable(m, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		fv.Set(s)
	default:
		panic("notice: no decoder for " + t.String())
	}
}

// badType reports a value v at path that does not fit type t.
func (c *checker) badType(v any, path string, t reflect.Type) {
	c.badTypes++
	line := c.ix.line(path)
	key := displayPath(path)
	leaf := key[strings.LastIndexByte(key, '.')+1:]
	item := strings.HasSuffix(path, "]") && t.Kind() != reflect.Struct
	if item {
		// an item of a list: "preamble 的第 2 项"
		i, _ := strconv.Atoi(path[strings.LastIndexByte(path, '[')+1 : len(path)-1])
		key = fmt.Sprintf("%s 的第 %d 项", key, i+1)
	}
	if tm, ok := v.(time.Time); ok && t.Kind() == reflect.String {
		c.report(kType, line, fmt.Sprintf("%s 的日期没有加引号", key),
			fmt.Sprintf("日期要写成带英文双引号的文字，例如 %s = %q", leaf, tm.Format(time.DateOnly)))
		return
	}
	var want, hint string
	switch {
	case t == linesType:
		want, hint = "文字列表", fmt.Sprintf(`写成 %s = ["第一项", "第二项"]，每项用英文双引号括起来`, leaf)
	case t.Kind() == reflect.String && item:
		want, hint = "文字", `每项用英文双引号括起来，例如 "…"`
	case t.Kind() == reflect.String:
		want, hint = "文字", fmt.Sprintf(`用英文双引号括起来，例如 %s = "…"`, leaf)
	case t.Kind() == reflect.Int:
		want, hint = "整数", fmt.Sprintf("写成不带引号的整数，例如 %s = 3", leaf)
	case t.Kind() == reflect.Bool:
		want, hint = "布尔值（true 或 false）", fmt.Sprintf("写成 %s = true 或 %s = false（不带引号）", leaf, leaf)
	case t.Kind() == reflect.Map:
		want, hint = "表", fmt.Sprintf("每一项写成以 [%s.N] 开头的一组字段（N 是问题的编号）", displayPath(path))
	case t.Kind() == reflect.Struct && strings.HasSuffix(path, "]"):
		want, hint = "表", fmt.Sprintf("每一项写成以 [[%s]] 开头的一组字段", displayPath(path))
	case t.Kind() == reflect.Struct:
		want, hint = "表", fmt.Sprintf("写成以 [%s] 开头的一组字段", displayPath(path))
	default:
		want, hint = "表数组", fmt.Sprintf("每一项写成以 [[%s]] 开头的一组字段", displayPath(path))
	}
	c.report(kType, line, fmt.Sprintf("%s 应为%s，实际是%s", key, want, describe(v)), hint)
}

// describe names a decoded TOML value for staff.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		r := []rune(v)
		if len(r) > 20 {
			return fmt.Sprintf("文字 %q", string(r[:20])+"…")
		}
		return fmt.Sprintf("文字 %q", v)
	case int64:
		return fmt.Sprintf("整数 %d", v)
	case float64:
		return fmt.Sprintf("小数 %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case time.Time:
		return "日期时间"
	case []any, []map[string]any:
		return "列表"
	case map[string]any:
		return "表"
	}
	return fmt.Sprintf("%T", v)
}
