package notice

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/bad/*.txtar and the check list in data/README.md")

// testNow is "today" for the tests, so that the future-date rules are stable.
var testNow = time.Date(2025, 6, 1, 12, 0, 0, 0, cst)

// goodFile is the complete example data file; its staff file is
// testdata/good/data/staff/minimal.toml.
const goodFile = "testdata/good/data/notices/minimal.toml"

// TestGoodFilesPass: each testdata/good/data/notices/*.toml passes with its
// staff file with no diagnostic at all, and so does its canonical
// re-encoding (Check and Marshal agree).
func TestGoodFilesPass(t *testing.T) {
	files, _ := filepath.Glob("testdata/good/data/notices/*.toml")
	if len(files) == 0 {
		t.Fatal("no testdata/good/data/notices/*.toml")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			ns, ds := CheckFiles("testdata/good", []string{f}, testNow)
			for _, d := range ds {
				t.Errorf("unexpected: %s", d)
			}
			if len(ns) != 1 || len(ns[0].Issues) == 0 {
				t.Fatalf("decoded %d notices, want 1 with issues", len(ns))
			}
			raw, _ := Check(f, mustRead(t, f), testNow) // without its staff file
			out, err := Marshal(raw)
			if err != nil {
				t.Fatal(err)
			}
			n2, ds := Check(f, out, testNow)
			for _, d := range ds {
				t.Errorf("re-encoded: %s", d)
			}
			out2, _ := Marshal(n2)
			if !bytes.Equal(out, out2) {
				t.Errorf("decode(Marshal(n)) differs from n")
			}
		})
	}
}

func TestMinimalDecodesEveryField(t *testing.T) {
	n, ds := Check(goodFile, mustRead(t, goodFile), testNow)
	if len(ds) > 0 || n == nil {
		t.Fatalf("diagnostics: %v", ds)
	}
	sf, fs, ok := loadStaff(goodFile, testNow)
	if !ok || len(fs) > 0 || sf == nil {
		t.Fatalf("staff file: %v", fs)
	}
	is := n.Issues[1]
	sp := sf.staff.Problem(2)
	got := []any{n.Published, n.Contact.Postcode, n.Declared.AccountabilityByKind[1].Count,
		len(n.Sections), n.Sections[1].Problems, is.Title, is.Measures[0], sp.Status, sp.Responsible,
		is.Accountability[1].Kind, sp.Updates[1].Source, n.Issues[0].Regulations[0].Action, n.Corrections[0].Where,
		sf.staff.Notice.OfficialURL, n.Issues[2].Deadline, n.Issues[2].DeadlineBasis, n.Issues[2].DeadlineEvidence}
	want := []any{"2020-05", "430015", 2, 2, true, "监督责任落实不力", "对相关责任人诫勉 1 人次，批评教育 2 人次。", "正在整改", "办公室",
		"批评教育", "https://example.org/notice-2021", "制定", "问题（3）", "https://example.org/notice-2020",
		"2030-12-31", "stated", "拟于2030年底前完成制度修订"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// badCase is one testdata/bad/*.txtar: the archive comment says what is
// wrong; every *.toml file in it is checked, or the paths listed in an
// "args" file (other files, such as the original under static/, are written
// next to them); the "want" file holds the exact expected diagnostics, one
// per line.
type badCase struct {
	name  string
	path  string
	ar    *txtar.Archive
	files []string // *.toml, in archive order
	args  []string // paths to check instead of files
	want  string
}

func loadBadCases(t *testing.T) []badCase {
	t.Helper()
	paths, _ := filepath.Glob("testdata/bad/*.txtar")
	var cases []badCase
	for _, p := range paths {
		p, _ = filepath.Abs(p) // the cases run in other directories
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		bc := badCase{name: strings.TrimSuffix(filepath.Base(p), ".txtar"), path: p, ar: ar}
		for _, f := range ar.Files {
			switch {
			case f.Name == "want":
				bc.want = string(f.Data)
			case f.Name == "args":
				bc.args = strings.Fields(string(f.Data))
			case strings.HasSuffix(f.Name, ".toml") && !strings.HasPrefix(f.Name, "data/staff/"):
				// a staff file is read with its data file
				bc.files = append(bc.files, f.Name)
			}
		}
		cases = append(cases, bc)
	}
	return cases
}

// run checks the case's files in a fresh directory (the repository root for
// the check: sources are looked up under static/) and returns the findings.
func (bc badCase) run(t *testing.T) []finding {
	t.Helper()
	dir := t.TempDir()
	for _, f := range bc.ar.Files {
		if f.Name == "want" || f.Name == "args" {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	paths := bc.files
	if bc.args != nil {
		paths = bc.args
	}
	_, fs := checkFiles(".", paths, testNow)
	return fs
}

func render(fs []finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestBadFiles: each bad file gives exactly the diagnostics in its want
// section — file, line, severity, message and hint.
func TestBadFiles(t *testing.T) {
	cases := loadBadCases(t)
	if len(cases) < 20 {
		t.Fatalf("only %d bad cases", len(cases))
	}
	for _, bc := range cases {
		t.Run(bc.name, func(t *testing.T) {
			if len(bc.ar.Comment) == 0 {
				t.Error("the archive comment must say what is wrong")
			}
			fs := bc.run(t)
			got := render(fs)
			if *update {
				for i := range bc.ar.Files {
					if bc.ar.Files[i].Name == "want" {
						bc.ar.Files[i].Data = []byte(got)
					}
				}
				if err := os.WriteFile(bc.path, txtar.Format(bc.ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != bc.want {
				t.Errorf("diagnostics differ\n--- got\n%s--- want\n%s", got, bc.want)
			}
			if !HasErrors(diagnostics(fs)) && !strings.HasPrefix(bc.name, "warn-") {
				t.Errorf("no error; name warning-only cases warn-*")
			}
		})
	}
}

// TestEveryKindHasABadExample: the bad files cover every kind of finding.
func TestEveryKindHasABadExample(t *testing.T) {
	covered := map[string]bool{}
	for _, bc := range loadBadCases(t) {
		for _, f := range bc.run(t) {
			covered[f.kind] = true
		}
	}
	for _, k := range kinds {
		if !covered[k.Code] {
			t.Errorf("no testdata/bad case produces a %q finding", k.Code)
		}
	}
	t.Logf("%d kinds of bad data covered", len(covered))
}

// TestLineIndexGood: in the good file every indexed key is on a line that
// names it, and every item of a list is on a line of its own, in order.
func TestLineIndexGood(t *testing.T) {
	src := string(mustRead(t, goodFile))
	lines := strings.Split(src, "\n")
	doc, err := ParseDoc([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ix := doc.lines
	if len(ix) < 120 {
		t.Fatalf("only %d paths indexed", len(ix))
	}
	for p, l := range ix {
		text := lines[l-1]
		leaf := p[strings.LastIndexByte(p, '.')+1:]
		if i := strings.IndexByte(leaf, '['); i >= 0 {
			if strings.HasSuffix(p, "]") && !strings.Contains(text, "[[") && !strings.HasPrefix(text, "  \"") && !strings.Contains(text, "= [\"") {
				t.Errorf("%s: line %d %q is neither a [[table]] nor a list item", p, l, text)
			}
			continue
		}
		if !strings.Contains(text, leaf) {
			t.Errorf("%s: line %d %q does not name %q", p, l, text, leaf)
		}
	}
	if ix["issues[1].measures[0]"] != ix["issues[1].measures"]+1 || ix["preamble[0]"] != 15 {
		t.Errorf("list items: measures %d, item %d; preamble[0] %d", ix["issues[1].measures"], ix["issues[1].measures[0]"], ix["preamble[0]"])
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"number", "status", "status_evidence", "measures", "title"}
	for k, want := range map[string]string{"stauts": "status", "Status": "status", "numbr": "number", "measure": "measures", "zzz": "", "状态": ""} {
		if got := suggest(k, names); got != want {
			t.Errorf("suggest(%q) = %q, want %q", k, got, want)
		}
	}
}

// TestDiagnosticsSorted: findings come sorted by file and line, whatever
// order the rules run in.
func TestDiagnosticsSorted(t *testing.T) {
	for _, bc := range loadBadCases(t) {
		fs := bc.run(t)
		if !slices.IsSortedFunc(fs, func(a, b finding) int {
			if a.File != b.File {
				return strings.Compare(a.File, b.File)
			}
			return a.Line - b.Line
		}) {
			t.Errorf("%s: not sorted:\n%s", bc.name, render(fs))
		}
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
