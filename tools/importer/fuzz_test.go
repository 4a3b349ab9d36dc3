package importer

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// FuzzImport: for any text the importer does not panic, and when it finds a
// notice, the data encodes to TOML that decodes again and the fields
// reassemble to the repaired source body (nothing lost, nothing invented).
func FuzzImport(f *testing.F) {
	// Seeds are kept small (the fuzzer minimises every new input, and a
	// 40 KB seed makes that slow): the start and the end of the seed notice,
	// each variant notice, and a few hand-written edge cases.
	if src, err := os.ReadFile(seedText); err == nil {
		lines := strings.SplitAfter(string(src), "\n")
		f.Add([]byte(strings.Join(lines[:24], "")))
		f.Add([]byte(strings.Join(lines[168:], "")))
	}
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, fl := range ar.Files {
			if fl.Name == "notice.txt" {
				f.Add(fl.Data)
			}
		}
	}
	for _, s := range []string{
		"", "一、", "（1）针对“", "（1）针对\"'\"的问题,一是二是",
		"标题\n(2020年5月)\n一、甲\n（一）乙方面\n1.丙问题\n（1）针对“丁”的问题，一是戊。二是己。\n（2）关于庚的问题。整改情况：辛。",
		"二、\n(1)关于\"x\"问题 (2)针对\"y\"的问题,联系电话:027-1\n欢迎",
		"#### 21. 着力解决\"a\"问题 (1)针对\"b\"的问题,《c》《d〈e〉》制定《f》和《g》",
	} {
		f.Add([]byte(s))
	}
	opts := Options{ID: "fuzz", Source: "originals/fuzz.txt", Corrections: []Correction{
		{From: "主题党目", To: "主题党日", Note: "n", Line: 1},
		{From: "一是", To: "一是", Note: "n", Line: 5},
	}}
	f.Fuzz(func(t *testing.T, src []byte) {
		n, _, err := Import("fuzz.txt", src, opts)
		if err != nil {
			return
		}
		data, err := notice.Marshal(n)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		var back notice.Notice
		if _, err := toml.Decode(string(data), &back); err != nil {
			t.Fatalf("the TOML written does not decode: %v\n%s", err, data)
		}
		got := StripSpace(Body(n))
		want := StripSpace(RepairedBody("fuzz.txt", src, opts))
		if got != want {
			t.Fatalf("reassembled body differs from the repaired source\n got %q\nwant %q\nsrc %q", got, want, src)
		}
	})
}

// TestMain caps the time the fuzzer spends minimising each new input at 5s
// unless -fuzzminimizetime is given: with the default (60s) and inputs of a
// few kilobytes, a short run (CI fuzzes for 30s) would only minimise.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.fuzzminimizetime" })
	if !set {
		if err := flag.Set("test.fuzzminimizetime", "5s"); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}
