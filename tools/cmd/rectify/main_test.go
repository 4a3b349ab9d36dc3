package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "rewrite the files compared with cmp in testdata/script/*.txtar")

// TestMain lets the test binary act as the rectify command inside scripts:
// `rectify check …` in testdata/script/*.txtar runs run(os.Args[1:], …),
// the same entry point as the real main.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"rectify": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar: each script is a command line
// and its expected output, in a fresh directory ($WORK). $REPO is the
// repository root, for scripts that need a committed file (cp $REPO/… .).
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"insert": cmdInsert, "replace": cmdReplace, "mkoriginal": cmdMkOriginal},
	})
}

// cmdInsert is the script command `insert FILE REGEXP TEXT`: it puts the
// content of the file TEXT into FILE just before the first match of REGEXP,
// as staff insert an [[issues.updates]] entry in the middle of a data file.
func cmdInsert(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: insert FILE REGEXP TEXT")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	data := ts.ReadFile(args[0])
	loc := re.FindStringIndex(data)
	if loc == nil {
		ts.Fatalf("insert: %s does not match in %s", args[1], args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(data[:loc[0]]+ts.ReadFile(args[2])+data[loc[0]:]), 0o644))
}

// cmdReplace is the script command `replace FILE OLD NEW`: it replaces the
// one occurrence of the text OLD in FILE with NEW, as staff fill in a field
// of a data file.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	data := ts.ReadFile(args[0])
	if c := strings.Count(data, args[1]); c != 1 {
		ts.Fatalf("replace: %q occurs %d times in %s, want once", args[1], c, args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Replace(data, args[1], args[2], 1)), 0o644))
}

// cmdMkOriginal is the script command `mkoriginal FORMAT TEXT FILE`: it
// writes the UTF-8 text file TEXT to FILE as staff receive originals:
// gbk (GB18030-encoded text with CRLF line endings), docx (a Word document,
// one paragraph a line, with "一、" and "（一）" as Word's automatic
// numbering) or doc (the magic bytes of an old Word file).
func cmdMkOriginal(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: mkoriginal gbk|docx|doc TEXT FILE")
	}
	text := ts.ReadFile(args[1])
	var data []byte
	switch args[0] {
	case "gbk":
		var err error
		data, err = simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(strings.ReplaceAll(text, "\n", "\r\n")))
		ts.Check(err)
	case "docx":
		data = docx(ts, text)
	case "doc":
		data = append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 504)...)
	default:
		ts.Fatalf("mkoriginal: unknown format %s", args[0])
	}
	ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(args[2])), 0o755))
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), data, 0o644))
}

var (
	partLabel    = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	sectionLabel = regexp.MustCompile(`^（[一二三四五六七八九十]+）`)
)

// docx builds a Word document from text, one paragraph a line.
func docx(ts *testscript.TestScript, text string) []byte {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	var body strings.Builder
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		numPr := ""
		if l := partLabel.FindString(line); l != "" {
			line, numPr = line[len(l):], `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>`
		} else if l := sectionLabel.FindString(line); l != "" {
			line, numPr = line[len(l):], `<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>`
		}
		var esc bytes.Buffer
		ts.Check(xmlEscape(&esc, line))
		body.WriteString(`<w:p><w:pPr>` + numPr + `</w:pPr><w:r><w:t xml:space="preserve">` + esc.String() + `</w:t></w:r></w:p>`)
	}
	files := []string{
		"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ` + w + `><w:body>` + body.String() + `</w:body></w:document>`,
		"word/numbering.xml", `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + w + `><w:abstractNum w:abstractNumId="0">` +
			`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
			`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>` +
			`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < len(files); i += 2 {
		f, err := zw.Create(files[i])
		ts.Check(err)
		_, err = f.Write([]byte(files[i+1]))
		ts.Check(err)
	}
	ts.Check(zw.Close())
	return buf.Bytes()
}

func xmlEscape(b *bytes.Buffer, s string) error { return xml.EscapeText(b, []byte(s)) }
