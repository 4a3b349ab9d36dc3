package notice

import (
	"strings"
	"testing"
)

// Decode reads strictly (a typo in a key is an error with its line) but
// applies none of the rules: an unknown status is Check's business.
func TestDecode(t *testing.T) {
	const src = `schema = 1
id = "x"

[[issues]]
number = 1
title = "甲"
status = "已整改"

[[issues]]
number = 2
title = "乙"
status_evidence = "正在"

[[issues.accountability]]
kind = "诫勉"
count = 1
`
	f, ds := Decode("x.toml", []byte(src))
	if len(ds) != 0 || f == nil {
		t.Fatalf("Decode: %v", ds)
	}
	if len(f.Notice.Issues) != 2 || f.Notice.Issues[0].Status != "已整改" || len(f.Notice.Issues[1].Accountability) != 1 {
		t.Errorf("decoded %+v", f.Notice.Issues)
	}
	for path, want := range map[string]int{"issues[0]": 4, "issues[1].status_evidence": 12, "issues[1].accountability[0]": 14, "nosuch": 0} {
		if got := f.Line(path); got != want {
			t.Errorf("Line(%q) = %d, want %d", path, got, want)
		}
	}
	if _, ds := Check("x.toml", []byte(src), testNow); !HasErrors(ds) {
		t.Error("Check should reject what Decode accepts here (unknown status, missing fields)")
	}

	typo := strings.Replace(src, "status_evidence", "status_evidnce", 1)
	f, ds = Decode("x.toml", []byte(typo))
	if f == nil || len(ds) != 1 || !strings.HasPrefix(ds[0].String(), `x.toml:12: 错误: [[issues]] 中有未知字段 "status_evidnce"；是否应为 "status_evidence"？`) {
		t.Errorf("typo: %v", ds)
	}

	f, ds = Decode("x.toml", []byte(src+"status = \"已完成\n"))
	if f != nil || len(ds) != 1 || ds[0].Line != 17 || ds[0].Severity != Error {
		t.Errorf("syntax error: file %v, %v", f, ds)
	}

	var zero File
	if zero.Line("issues[0]") != 0 {
		t.Error("a File not made by Decode has no lines")
	}
}
