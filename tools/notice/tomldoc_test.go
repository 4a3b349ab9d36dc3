package notice

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	bstoml "github.com/BurntSushi/toml"
	toml "github.com/pelletier/go-toml/v2"
)

// TestParseDocLines: the line of every key, table header and array item,
// through the TOML constructs that hide lines (comments and strings that
// look like keys, multi-line strings, dotted and quoted keys, inline
// tables, arrays of tables and nested arrays of tables).
func TestParseDocLines(t *testing.T) {
	src := strings.Join([]string{
		`# comment with [[brackets]] and key = "x"`, // 1
		`a = 1`,                              // 2
		`s = "has # and [[x]] and \" quote"`, // 3
		`m = """`,                            // 4
		`line two = no key`,                  // 5
		`[[fake]]"""`,                        // 6
		`lit = '''`,                          // 7
		`x = "y"'''`,                         // 8
		`list = [`,                           // 9
		`  "one", # comment ]`,               // 10
		``,                                   // 11
		`  "two",`,                           // 12
		`]`,                                  // 13
		`"quoted key" = true`,                // 14
		`dotted.key = 2`,                     // 15
		`[t]`,                                // 16
		`k = 1`,                              // 17
		`[[issues]]`,                         // 18
		`number = 1`,                         // 19
		`accountability = [{ kind = "诫勉", count = 1 }, { kind = "批评教育" }]`, // 20
		`[[issues]]`,             // 21
		`number = 2`,             // 22
		`[[issues.updates]]`,     // 23
		`date = "2021-01-01"`,    // 24
		`[[issues.updates]]`,     // 25
		`  status = "已完成"`,       // 26
		`[issues.extra]`,         // 27
		`z = 2020-01-01`,         // 28
		`[[other]]`,              // 29
		`n = [[1, 2], [3]]`,      // 30
		`e = []`,                 // 31
		`f = 1.5 # trailing`,     // 32
		`g = "\u00e9\\"`,         // 33
		`h = 'c:\path'`,          // 34
		`[problems.2]`,           // 35
		`title = "甲"`,            // 36
		`[[problems.2.updates]]`, // 37
		`date = "2021-01-15"`,    // 38
		`[problems."3"]`,         // 39
		`'literal key'.inner = { a = 1, "b c" = { d = [ # 40`,
		`  4,`,                                  // 41
		`  5 ] } }`,                             // 42
		`[ declared ]`,                          // 43
		`[[ declared.accountability_by_kind ]]`, // 44
		`kind = "诫勉"`,                           // 45
		`[[declared.accountability_by_kind]]`,   // 46
		`kind = "批评教育"`,                         // 47
		`[[issues]]`,                            // 48
		`[[issues.updates]]`,                    // 49
		`date = "2022-01-01"`,                   // 50
	}, "\n")
	d, err := ParseDoc([]byte(src))
	if err != nil {
		t.Fatalf("the example is not valid TOML: %v", err)
	}
	want := map[string]int{
		"a": 2, "s": 3, "m": 4, "lit": 7, "list": 9, "list[0]": 10, "list[1]": 12,
		"quoted key": 14, "dotted": 15, "dotted.key": 15, "t": 16, "t.k": 17,
		"issues": 18, "issues[0]": 18, "issues[0].number": 19,
		"issues[0].accountability": 20, "issues[0].accountability[0]": 20,
		"issues[0].accountability[0].kind": 20, "issues[0].accountability[1].kind": 20,
		"issues[1]": 21, "issues[1].number": 22, "issues[1].updates": 23, "issues[1].updates[0]": 23,
		"issues[1].updates[0].date": 24, "issues[1].updates[1]": 25,
		"issues[1].updates[1].status": 26, "issues[1].extra": 27, "issues[1].extra.z": 28,
		"other[0]": 29, "other[0].n": 30, "other[0].n[0]": 30, "other[0].n[0][1]": 30, "other[0].n[1]": 30,
		"other[0].e": 31, "other[0].f": 32, "other[0].g": 33, "other[0].h": 34,
		"problems": 35, "problems.2": 35, "problems.2.title": 36, "problems.2.updates[0]": 37,
		"problems.2.updates[0].date": 38, "problems.3": 39,
		"problems.3.literal key": 40, "problems.3.literal key.inner": 40, "problems.3.literal key.inner.a": 40,
		"problems.3.literal key.inner.b c.d": 40, "problems.3.literal key.inner.b c.d[0]": 41,
		"problems.3.literal key.inner.b c.d[1]": 42,
		"declared":                              43, "declared.accountability_by_kind[0]": 44, "declared.accountability_by_kind[0].kind": 45,
		"declared.accountability_by_kind[1]": 46, "declared.accountability_by_kind[1].kind": 47,
		"issues[2]": 48, "issues[2].updates[0]": 49, "issues[2].updates[0].date": 50,
	}
	for p, l := range want {
		if got := d.Line(p); got != l {
			t.Errorf("Line(%q) = %d, want %d", p, got, l)
		}
	}
	for _, p := range []string{"fake", "fake[0]", "line two", "x", "key", "list[2]", "other[0].e[0]", "issues[3]", "issues[0].updates[0]", "problems[0]", ""} {
		if d.Has(p) {
			t.Errorf("%s indexed, but it is not a key (line %d)", p, d.Line(p))
		}
	}
	// The values are go-toml's (so Hugo's).
	is := d.Root["issues"].([]any)
	up := is[1].(map[string]any)["updates"].([]any)[1].(map[string]any)
	if len(is) != 3 || up["status"] != "已完成" || d.Root["a"] != int64(1) || d.Root["m"] != "line two = no key\n[[fake]]" {
		t.Errorf("values: issues %d, update %v, a %T, m %q", len(is), up, d.Root["a"], d.Root["m"])
	}
	if _, ok := is[1].(map[string]any)["extra"].(map[string]any)["z"].(toml.LocalDate); !ok {
		t.Errorf("a local date decodes as %T", is[1].(map[string]any)["extra"].(map[string]any)["z"])
	}
	var nilDoc *Doc
	if nilDoc.Line("a") != 0 {
		t.Error("a nil Doc has no lines")
	}
}

// TestParseDocCRLF: Windows line ends count one line each; multi-line
// strings with them and empty documents work.
func TestParseDocCRLF(t *testing.T) {
	d, err := ParseDoc([]byte("a = 1\r\nb = \"\"\"\r\nx\r\n\"\"\"\r\n[t]\r\nc = [\r\n  1,\r\n  2,\r\n]\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	for p, l := range map[string]int{"a": 1, "b": 2, "t": 5, "t.c": 6, "t.c[0]": 7, "t.c[1]": 8} {
		if d.Line(p) != l {
			t.Errorf("Line(%q) = %d, want %d", p, d.Line(p), l)
		}
	}
	d, err = ParseDoc(nil)
	if err != nil || d.Root == nil || len(d.Root) != 0 {
		t.Errorf("empty document: %v, %v", d, err)
	}
}

// TestParseDocErrors: an error carries the line, the column in characters
// and the parser's message.
func TestParseDocErrors(t *testing.T) {
	for _, c := range []struct {
		src       string
		line, col int
		msg       string
	}{
		{"a = 1\nb = True\n", 2, 5, "expected"},
		{"a = 1\na = 2\n", 2, 1, "already"},
		{"title = \"中文\nx = 1\n", 1, 12, "new lines"},
		{"[t]\nk = \"中文\\d\"\n", 2, 8, "escape"},
		{"[[issues]]\n[issues]\n", 2, 2, "issues"},
		{"x = [1, 2\n", 1, 10, "incomplete"},
		{"中文 = 1\n", 1, 1, ""},
	} {
		_, err := ParseDoc([]byte(c.src))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: error %v is not a *SyntaxError", c.src, err)
			continue
		}
		if se.Line != c.line || se.Column != c.col || !strings.Contains(se.Message, c.msg) || strings.HasPrefix(se.Message, "toml:") {
			t.Errorf("%q: %d:%d %q, want %d:%d containing %q", c.src, se.Line, se.Column, se.Message, c.line, c.col, c.msg)
		}
		if want := fmt.Sprintf("%d:%d: %s", se.Line, se.Column, se.Message); se.Error() != want {
			t.Errorf("Error() = %q", se.Error())
		}
	}
}

// TestParseDocSeed: in the committed seed notice every key is on a line
// that names it, and the status of problem i+1 is on its status line.
func TestParseDocSeed(t *testing.T) {
	src := string(mustRead(t, "../../data/notices/wuhan-eeb-2020.toml"))
	d, err := ParseDoc([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(src, "\n")
	issues := d.Root["issues"].([]any)
	if len(issues) < 50 {
		t.Fatalf("%d issues", len(issues))
	}
	for i, it := range issues {
		p := fmt.Sprintf("issues[%d]", i)
		status := it.(map[string]any)["status"].(string)
		if got, want := lines[d.Line(p+".status")-1], "status = "+strconv.Quote(status); got != want {
			t.Errorf("%s.status: line %d is %q, want %q", p, d.Line(p+".status"), got, want)
		}
		if got := lines[d.Line(p)-1]; got != "[[issues]]" {
			t.Errorf("%s: line %d is %q", p, d.Line(p), got)
		}
	}
	for p, l := range d.lines {
		if leaf := p[strings.LastIndexByte(p, '.')+1:]; !strings.HasSuffix(p, "]") && !strings.Contains(lines[l-1], leaf) {
			t.Errorf("%s: line %d %q does not name %q", p, l, lines[l-1], leaf)
		}
	}
}

// TestParseDocTimes: dates and times decode to go-toml's types, as in Hugo.
func TestParseDocTimes(t *testing.T) {
	d, err := ParseDoc([]byte("a = 2020-01-02\nb = 2020-01-02T03:04:05Z\nc = 03:04:05\nd = 2020-01-02T03:04:05\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Root["a"].(toml.LocalDate); !ok {
		t.Errorf("a: %T", d.Root["a"])
	}
	if _, ok := d.Root["b"].(time.Time); !ok {
		t.Errorf("b: %T", d.Root["b"])
	}
	if _, ok := d.Root["c"].(toml.LocalTime); !ok {
		t.Errorf("c: %T", d.Root["c"])
	}
	if _, ok := d.Root["d"].(toml.LocalDateTime); !ok {
		t.Errorf("d: %T", d.Root["d"])
	}
}

// TestParseDocIsHugosParser: forms that BurntSushi/toml (the checker's old
// parser) accepts but go-toml v2, which Hugo reads data files with,
// rejects, are errors: a table written both with dotted keys and with a
// [header], and a UTF-8 BOM (which Check reports itself).
func TestParseDocIsHugosParser(t *testing.T) {
	for _, src := range []string{
		"contact.phone = \"1\"\n[contact]\nemail = \"x\"\n",
		"[problems]\n2.status = \"正在整改\"\n[problems.2]\ntitle = \"x\"\n",
		"[declared]\nx.y = 1\n[declared.x]\nz = 1\n",
		"\ufeffschema = 1\n",
	} {
		var v map[string]any
		if _, err := bstoml.Decode(src, &v); err != nil {
			t.Errorf("%q: BurntSushi/toml rejects it too: %v", src, err)
		}
		if err := toml.Unmarshal([]byte(src), &v); err == nil {
			t.Errorf("%q: go-toml v2 accepts it", src)
		}
		if _, err := ParseDoc([]byte(src)); err == nil {
			t.Errorf("%q: ParseDoc accepts it", src)
		}
	}
}
