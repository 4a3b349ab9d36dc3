package notice

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// readmePath is absolute: the bad cases run in other directories.
var readmePath = func() string {
	p, err := filepath.Abs("../../data/README.md")
	if err != nil {
		panic(err)
	}
	return p
}()

const (
	readmeBegin = "<!-- 以下由 go test ./tools/notice -update 根据 tools/notice/validate.go 生成，请勿手改 -->\n"
	readmeEnd   = "<!-- 生成结束 -->\n"
)

// checksSection is the part of data/README.md that lists every kind of
// finding: what it means, an example from testdata/bad, how to fix it.
func checksSection(t *testing.T) string {
	examples := map[string]string{}
	for _, bc := range loadBadCases(t) {
		for _, f := range bc.run(t) {
			// the shortest example of each kind reads best
			if e, ok := examples[f.kind]; !ok || len(f.String()) < len(e) {
				examples[f.kind] = f.String()
			}
		}
	}
	var b strings.Builder
	for i, k := range kinds {
		sev := "错误"
		if k.Severity == Warning {
			sev = "警告"
		}
		fmt.Fprintf(&b, "\n### %d. %s\n\n", i+1, k.Title)
		fmt.Fprintf(&b, "%s（`%s`）。例：\n\n", sev, k.Code)
		fmt.Fprintf(&b, "```\n%s\n```\n\n", examples[k.Code])
		fmt.Fprintf(&b, "怎么改：%s\n", k.Fix)
	}
	b.WriteString("\n")
	return b.String()
}

// TestReadmeListsEveryCheck: data/README.md lists every kind of finding with
// a current example; `go test ./tools/notice -update` regenerates the list.
func TestReadmeListsEveryCheck(t *testing.T) {
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i, j := strings.Index(doc, readmeBegin), strings.Index(doc, readmeEnd)
	if i < 0 || j < i {
		t.Fatalf("data/README.md lacks the markers %q … %q", readmeBegin, readmeEnd)
	}
	want := checksSection(t)
	got := doc[i+len(readmeBegin) : j]
	if got == want {
		return
	}
	if *update {
		doc = doc[:i+len(readmeBegin)] + want + doc[j:]
		if err := os.WriteFile(readmePath, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the check list in data/README.md is out of date; run go test ./tools/notice -update")
}

// TestReadmeExampleIsValid: the short example in data/README.md passes the
// check, and so does each [[issues.updates]] snippet appended to it.
func TestReadmeExampleIsValid(t *testing.T) {
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	blocks := tomlBlocks(string(data))
	i := slices.IndexFunc(blocks, func(b string) bool { return strings.HasPrefix(b, "schema = 1") })
	if i < 0 {
		t.Fatal("no example notice (a ```toml block starting with schema = 1) in data/README.md")
	}
	example := blocks[i]
	n, ds := Check("example-2020.toml", []byte(example), testNow)
	for _, d := range ds {
		t.Errorf("example: %s", d)
	}
	if n == nil || len(n.Issues) != 2 {
		t.Fatalf("example not decoded")
	}
	// Each staff file example (a block of [problems.N] or [notice] tables)
	// passes as the staff file of the example notice.
	staffBlocks := 0
	for _, b := range blocks {
		if !strings.HasPrefix(b, "[[problems.") && !strings.HasPrefix(b, "# 工作人员") {
			continue
		}
		staffBlocks++
		dir := t.TempDir()
		write := func(name, data string) {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write("data/notices/example-2020.toml", example)
		write("data/staff/example-2020.toml", b)
		write("static/originals/example-2020.txt", "原文")
		_, ds := CheckFiles(dir, []string{filepath.Join(dir, "data/notices/example-2020.toml")}, testNow)
		for _, d := range ds {
			t.Errorf("staff example: %s", d)
		}
	}
	if staffBlocks < 2 {
		t.Errorf("data/README.md has %d staff file examples, want the smallest edit and a fuller one", staffBlocks)
	}
	// Every documented vocabulary value is the code's, and vice versa.
	for _, v := range slices.Concat(Statuses, AccountabilityKinds, RegulationActions) {
		if !strings.Contains(string(data), "`"+v+"`") {
			t.Errorf("data/README.md does not document %q", v)
		}
	}
}

// tomlBlocks returns the contents of the ```toml fenced blocks of a Markdown text.
func tomlBlocks(md string) []string {
	var out []string
	for {
		i := strings.Index(md, "```toml\n")
		if i < 0 {
			return out
		}
		md = md[i+len("```toml\n"):]
		j := strings.Index(md, "```")
		if j < 0 {
			return out
		}
		block := md[:j]
		// Blocks may be indented inside a list item.
		lines := strings.Split(block, "\n")
		for k, l := range lines {
			lines[k] = strings.TrimPrefix(l, "  ")
		}
		out = append(out, strings.Join(lines, "\n"))
		md = md[j+3:]
	}
}

// TestReadmeDocumentsEveryField: every key of the data model appears in
// data/README.md, so a field added to notice.go must be documented.
func TestReadmeDocumentsEveryField(t *testing.T) {
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	var walk func(rt reflect.Type, prefix string)
	walk = func(rt reflect.Type, prefix string) {
		_, names := fieldsOf(rt)
		fields, _ := fieldsOf(rt)
		for _, name := range names {
			ft := rt.Field(fields[name]).Type
			switch {
			case ft.Kind() == reflect.Struct:
				if !strings.Contains(doc, "`["+prefix+name+"]`") {
					t.Errorf("data/README.md does not document the table [%s%s]", prefix, name)
				}
				walk(ft, prefix+name+".")
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				if !strings.Contains(doc, "`[["+prefix+name+"]]`") {
					t.Errorf("data/README.md does not document the table array [[%s%s]]", prefix, name)
				}
				walk(ft.Elem(), prefix+name+".")
			default:
				if !strings.Contains(doc, "`"+name+"`") {
					t.Errorf("data/README.md does not document the field %s%s", prefix, name)
				}
			}
		}
	}
	walk(reflect.TypeOf(Notice{}), "")
	walk(reflect.TypeOf(StaffNotice{}), "notice.")
	walk(reflect.TypeOf(StaffProblem{}), "problems.N.")
}
