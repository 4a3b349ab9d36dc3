package notice

import "fmt"

// Severity of a diagnostic.
type Severity int

const (
	Warning Severity = iota
	Error
)

// Diagnostic is one finding about a file, printed as
// "file:line: 错误: what is wrong；hint" so that editors and CI annotate the line.
// Message and Hint are in Chinese: they are read by staff.
type Diagnostic struct {
	File     string
	Line     int // 1-based; 0 when the finding concerns the whole file
	Severity Severity
	Message  string // what is wrong
	Hint     string // how to fix it
}

func (d Diagnostic) String() string {
	loc := d.File
	if d.Line > 0 {
		loc = fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	sev := "警告"
	if d.Severity == Error {
		sev = "错误"
	}
	s := fmt.Sprintf("%s: %s: %s", loc, sev, d.Message)
	if d.Hint != "" {
		s += "；" + d.Hint
	}
	return s
}

// HasErrors reports whether any diagnostic is an error.
func HasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}
