package notice

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// Doc is a TOML document decoded by ParseDoc: its values, and the line of
// every key, table header and array item in the text.
//
// The decoding is Hugo's own (go-toml v2, which Hugo uses to read data
// files), so a file ParseDoc accepts is a file Hugo reads, with the same
// values.
type Doc struct {
	// Root holds the values as go-toml v2 decodes them into a map: string,
	// int64, float64, bool, toml.LocalDate, toml.LocalDateTime,
	// toml.LocalTime, time.Time, []any, map[string]any. An array of tables
	// is a []any of map[string]any.
	Root map[string]any

	lines lineIndex
}

// lineIndex maps the path of every key, table and array item of a document
// to its 1-based line (see Doc.Line for the paths).
type lineIndex map[string]int

// line returns the line of the first of paths found, or 0.
func (ix lineIndex) line(paths ...string) int {
	for _, p := range paths {
		if l, ok := ix[p]; ok {
			return l
		}
	}
	return 0
}

// SyntaxError is a document that go-toml v2 (so Hugo) rejects.
type SyntaxError struct {
	Line    int      // 1-based
	Column  int      // 1-based, in characters (not bytes) of the line
	Offset  int      // byte offset in the document
	Message string   // the parser's own message, e.g. "expected '=' after key"
	Key     []string // the key concerned, when the parser names one

	// Filled in for the messages of this package:
	start    int    // line where the expression (key = value, [table]) that failed begins
	path     string // path of the key or table that failed, when the parser read it
	prev     int    // line of the first definition of path (or of a table holding it)
	prevPath string // the path defined at line prev: path or one of its tables
	end      int    // last line of the expression that failed, when the parser read it whole
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Message)
}

// ParseDoc decodes a TOML document exactly as Hugo does and indexes the
// lines of its keys. The error, if any, is a *SyntaxError.
func ParseDoc(data []byte) (*Doc, error) {
	var root map[string]any
	if err := toml.Unmarshal(data, &root); err != nil {
		return nil, newSyntaxError(data, err)
	}
	if root == nil {
		root = map[string]any{}
	}
	d := &Doc{Root: root, lines: lineIndex{}}
	ix := &docIndexer{doc: d, starts: lineStarts(data), count: map[string]int{}}
	var p unstable.Parser
	p.Reset(data)
	for p.NextExpression() {
		ix.expression(p.Expression())
	}
	if err := p.Error(); err != nil {
		// Unmarshal accepted the document, so its parser did too.
		return nil, newSyntaxError(data, err)
	}
	return d, nil
}

// newSyntaxError turns an error of go-toml v2 into a *SyntaxError.
func newSyntaxError(data []byte, err error) *SyntaxError {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		starts := lineStarts(data)
		off := len(data)
		if line >= 1 && line <= len(starts) {
			off = min(starts[line-1]+col-1, len(data))
		}
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		e := &SyntaxError{Line: max(line, 1), Column: runeColumn(data, starts, off), Offset: off, Message: msg, Key: de.Key()}
		e.locate(data, starts)
		return e
	}
	var pe *unstable.ParserError
	if errors.As(err, &pe) {
		return &SyntaxError{Line: 1, Column: 1, Message: pe.Message, Key: pe.Key}
	}
	return &SyntaxError{Line: 1, Column: 1, Message: err.Error()}
}

// locate finds the expression that failed, the path it defines and where
// that path was defined first: it indexes the expressions before the error,
// as ParseDoc does for a valid document.
func (e *SyntaxError) locate(data []byte, starts []int) {
	ix := &docIndexer{doc: &Doc{lines: lineIndex{}}, starts: starts, count: map[string]int{}}
	var p unstable.Parser
	p.Reset(data)
	end := 0 // last line of the last expression before the error
	for p.NextExpression() {
		ex := p.Expression()
		first, last := ix.span(ex)
		if first > e.Line {
			break
		}
		if last >= e.Line {
			// The document is valid TOML up to a key or table defined twice.
			e.start, e.end, e.path = first, last, ix.pathOf(ex)
			for q := e.path; q != "" && e.prev == 0; q = parentPath(q) {
				if l, ok := ix.doc.lines[q]; ok {
					e.prev, e.prevPath = l, q
				}
			}
			return
		}
		ix.expression(ex)
		end = last
	}
	// A syntax error: the expression that failed begins on the first line
	// after the last one parsed that is neither blank nor a comment.
	e.start = e.Line
	for l := end + 1; l < e.Line && l <= len(starts); l++ {
		stop := len(data)
		if l < len(starts) {
			stop = starts[l]
		}
		if t := strings.TrimSpace(string(data[starts[l-1]:stop])); t != "" && !strings.HasPrefix(t, "#") {
			e.start = l
			break
		}
	}
}

// parentPath is the path of the table holding path: "a.b[2].c" → "a.b[2]" → "a.b" → "a" → "".
func parentPath(path string) string {
	if strings.HasSuffix(path, "]") {
		return path[:strings.LastIndexByte(path, '[')]
	}
	return path[:max(strings.LastIndexByte(path, '.'), 0)]
}

// lineStarts returns the byte offset at which each line of data starts.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineAt returns the 1-based line of byte offset off.
func lineAt(starts []int, off int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > off })
}

// runeColumn returns the 1-based column, in characters, of byte offset off.
func runeColumn(data []byte, starts []int, off int) int {
	off = max(0, min(off, len(data)))
	start := starts[lineAt(starts, off)-1]
	return utf8.RuneCount(data[start:off]) + 1
}

// Line returns the 1-based line of the key at path, or 0 when the document
// has no such key (or d is nil). A path joins the keys with dots and gives
// the 0-based index of an item of an array (or array of tables) in
// brackets: "issues[3].measures", "issues[3].measures[0]",
// "problems.2.updates[0].date", "declared.accountability_by_kind[1].kind".
// The line of a table, or of an item of an array of tables, is the line of
// its header ([contact], [[issues]]) or, for an inline table, of its key;
// the line of a table only defined by dotted keys or headers under it
// ([a.b] defines a) is the first line that names it.
func (d *Doc) Line(path string) int {
	if d == nil {
		return 0
	}
	return d.lines[path]
}

// Has reports whether the document has a key (table, array item) at path.
func (d *Doc) Has(path string) bool {
	if d == nil {
		return false
	}
	_, ok := d.lines[path]
	return ok
}

// docIndexer walks the expressions of the parser, recording lines.
type docIndexer struct {
	doc    *Doc
	starts []int
	table  string         // path of the current table ("" at the top level)
	count  map[string]int // number of [[x]] headers seen per array path
}

// join appends key to the path of a table ("" for the top level).
func join(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// record stores the first line seen for path.
func (ix *docIndexer) record(path string, line int) {
	if _, ok := ix.doc.lines[path]; !ok {
		ix.doc.lines[path] = line
	}
}

// line returns the line of a node, or 0 when it has no position (an array).
func (ix *docIndexer) line(n *unstable.Node) int {
	if n.Kind == unstable.Array {
		// Arrays have no range of their own: use their first item's.
		it := n.Children()
		for it.Next() {
			if l := ix.line(it.Node()); l > 0 {
				return l
			}
		}
		return 0
	}
	if n.Raw.Length == 0 && n.Raw.Offset == 0 && n.Kind != unstable.Key {
		return 0
	}
	return lineAt(ix.starts, int(n.Raw.Offset))
}

// span returns the first and last line of an expression.
func (ix *docIndexer) span(e *unstable.Node) (first, last int) {
	if e.Kind == unstable.KeyValue {
		return lineAt(ix.starts, int(e.Raw.Offset)), lineAt(ix.starts, int(e.Raw.Offset+e.Raw.Length))
	}
	keys := e.Key()
	keys.Next()
	l := ix.line(keys.Node())
	return l, l
}

// pathOf returns the path an expression defines: the table of a header
// (without the index of a new [[item]]), or the key of a key = value.
func (ix *docIndexer) pathOf(e *unstable.Node) string {
	path := ""
	if e.Kind == unstable.KeyValue {
		path = ix.table
	}
	keys := e.Key()
	for keys.Next() {
		if e.Kind != unstable.KeyValue && path != "" {
			if n := ix.count[path]; n > 0 {
				path = fmt.Sprintf("%s[%d]", path, n-1)
			}
		}
		path = join(path, string(keys.Node().Data))
	}
	return path
}

func (ix *docIndexer) expression(e *unstable.Node) {
	switch e.Kind {
	case unstable.Table, unstable.ArrayTable:
		path := ""
		keys := e.Key()
		line := 0
		for keys.Next() {
			k := keys.Node()
			if line == 0 {
				line = ix.line(k)
			}
			if path != "" {
				// An array of tables on the way refers to its last item.
				if n := ix.count[path]; n > 0 {
					path = fmt.Sprintf("%s[%d]", path, n-1)
				}
			}
			path = join(path, string(k.Data))
			ix.record(path, line)
		}
		if e.Kind == unstable.ArrayTable {
			n := ix.count[path]
			ix.count[path] = n + 1
			path = fmt.Sprintf("%s[%d]", path, n)
			ix.record(path, line)
		}
		ix.table = path
	case unstable.KeyValue:
		ix.keyValue(ix.table, e)
	}
}

// keyValue records the (dotted) key of kv under table, and its value.
func (ix *docIndexer) keyValue(table string, kv *unstable.Node) {
	path := table
	keys := kv.Key()
	for keys.Next() {
		k := keys.Node()
		path = join(path, string(k.Data))
		ix.record(path, ix.line(k))
	}
	ix.value(path, kv.Value(), ix.doc.lines[path])
}

// value records the items of an array and the keys of an inline table at
// path; line is the line of the value's key or enclosing item.
func (ix *docIndexer) value(path string, v *unstable.Node, line int) {
	switch v.Kind {
	case unstable.Array:
		it := v.Children()
		for i := 0; it.Next(); {
			n := it.Node()
			if n.Kind == unstable.Comment {
				continue
			}
			item := path + "[" + strconv.Itoa(i) + "]"
			l := ix.line(n)
			if l == 0 {
				l = line
			}
			ix.record(item, l)
			ix.value(item, n, l)
			i++
		}
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			if n := it.Node(); n.Kind == unstable.KeyValue {
				ix.keyValue(path, n)
			}
		}
	}
}
