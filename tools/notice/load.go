package notice

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/wuhan-rectify/tracker/tools/internal/parallel"
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
// Doc.Line: "issues[2]" is the third [[issues]] header,
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
// no two notices may have the same id; each with its staff file
// (data/staff/<id>.toml next to data/notices/). It returns the notices that
// could be decoded, with their staff files applied (Notice.ApplyStaff), and
// all diagnostics, sorted by file and line.
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
		slugs = map[string]taxonomyTitle{}
	)
	// Each file is read and checked on its own, on every CPU; what spans
	// files is checked below, in the order of paths.
	type checked struct {
		n  *Notice
		ix lineIndex
		fs []finding
		sf *staffFile
	}
	files := make([]checked, len(paths))
	parallel.For(runtime.GOMAXPROCS(0), len(paths), func(i int) {
		n, ix, fs, sf := checkFile(root, paths[i], now)
		files[i] = checked{n, ix, fs, sf}
	})
	for i, p := range paths {
		n, ix, fs, sf := files[i].n, files[i].ix, files[i].fs, files[i].sf
		all = append(all, fs...)
		if n == nil {
			continue
		}
		ns = append(ns, n)
		// Area and category titles, issuers, units and bodies make the same
		// URL across files (those of one file are checked with it).
		for _, t := range taxonomyTitles(n, p, ix, sf) {
			slug := termSlug(t.title)
			if blank(t.title) || slugProblem(slug, t.text) != "" {
				continue
			}
			if first, ok := slugs[t.taxonomy+"/"+slug]; ok && first.file == t.file {
				continue
			}
			if f, ok := slugFinding(t, slugs); !ok {
				all = append(all, f)
			}
		}
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
	for _, n := range ns {
		if sf := owner[n]; sf != nil {
			n.ApplyStaff(sf.staff)
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
			c.filled = sf
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
	if strings.IndexFunc(n.Source, unicode.IsControl) >= 0 {
		return finding{}, true // reported by validateMeta
	}
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
	// filled is the staff file whose [notice] fill-ins the notice holds
	// (nil when none): a finding on a filled-in value points there.
	filled *staffFile
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
	doc := c.parse(data)
	if doc == nil {
		return false
	}
	c.decodeTable(doc.Root, reflect.ValueOf(v).Elem(), "")
	return c.badTypes == 0
}

// parse reads data as Hugo does (ParseDoc) after checking what Hugo cannot
// read or would read wrongly: the encoding, a UTF-8 BOM, merge-conflict
// markers and raw control characters. It reports every problem it finds
// and returns nil if there is one (a BOM alone is reported, then skipped,
// so that the rest of the file is checked too). It sets c.ix.
func (c *checker) parse(data []byte) *Doc {
	if c.encoding(data) {
		return nil
	}
	if bytes.HasPrefix(data, []byte(bom)) {
		c.report(kBOM, 1, "文件以 UTF-8 BOM（字节顺序标记）开头，Hugo 无法读取",
			"用编辑器把文件另存为“UTF-8（无 BOM）”编码")
		data = data[len(bom):]
	}
	src := string(data)
	if conflict, control := c.conflictMarkers(src), c.controlChars(src); conflict || control {
		return nil
	}
	doc, err := ParseDoc(data)
	if err != nil {
		c.syntaxErrors(data, err)
		return nil
	}
	c.ix = doc.lines
	return doc
}

// controlChars reports raw control characters, which TOML does not allow
// (in a string or a comment; a file with them is not TOML). A form feed is
// what PDF converters leave at page breaks.
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

// escapedControls reports control characters in a text value, written
// with escapes such as \f or \u0001 (a raw one is a syntax error, reported
// by parse): readers never see them, feeds and spreadsheets break on them.
// A line break (\n) and a tab are text.
func (c *checker) escapedControls(s, path string) {
	for _, r := range s {
		if r == '\n' || r == '\t' || !(r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) {
			continue
		}
		esc := fmt.Sprintf("\\u%04X", r)
		if r == '\f' {
			esc = "\\f"
		}
		c.report(kControl, c.ix.line(path), fmt.Sprintf("%s 的文字中有不可见的控制字符 U+%04X（写成了转义 %s）", displayPath(path), r, esc),
			"删除这个转义（常见于 PDF 的分页处）；在数据文件中的，从原文中删去后重新导入")
		return
	}
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
			c.escapedControls(s, fmt.Sprintf("%s[%d]", path, i))
			lines = append(lines, s)
		}
		fv.Set(reflect.ValueOf(lines))
	case t.Kind() == reflect.String:
		s, ok := v.(string)
		if !ok {
			c.badType(v, path, t)
			return
		}
		c.escapedControls(s, path)
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
	if d, ok := dateOf(v); ok && t.Kind() == reflect.String {
		c.report(kType, line, fmt.Sprintf("%s 的日期没有加引号", key),
			fmt.Sprintf("日期要写成带英文双引号的文字，例如 %s = %q", leaf, d))
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
		if _, ok := v.(map[string]any); ok {
			// [problems.12.updates] for [[problems.12.updates]]: said in
			// plain words, not as "表数组".
			c.report(kType, line, fmt.Sprintf("%s 只用了一层方括号 [%s]", key, displayPath(path)),
				fmt.Sprintf("可以有多项的内容，每一项写成以两层方括号 [[%s]] 开头的一组字段", displayPath(path)))
			return
		}
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
	case time.Time, toml.LocalDateTime:
		return "日期时间"
	case toml.LocalDate:
		return "日期 " + v.String() + "（没有引号）"
	case toml.LocalTime:
		return "时间 " + v.String() + "（没有引号）"
	case []any, []map[string]any:
		return "列表"
	case map[string]any:
		return "表"
	}
	return fmt.Sprintf("%T", v)
}

// dateOf returns the date of a TOML date or date-time value, as YYYY-MM-DD.
func dateOf(v any) (string, bool) {
	switch v := v.(type) {
	case toml.LocalDate:
		return v.String(), true
	case toml.LocalDateTime:
		return v.LocalDate.String(), true
	case time.Time:
		return v.Format(time.DateOnly), true
	}
	return "", false
}
