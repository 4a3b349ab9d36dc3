package original

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// pdfStart returns the offset of the PDF header, which may follow a little
// junk, or -1.
func pdfStart(data []byte) int {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Index(head, []byte("%PDF-"))
}

// pageNumber matches a line that is only a page number: "- 3 -", "— 3 —",
// "3", "第3页", "第 3 页 共 5 页".
var pageNumber = regexp.MustCompile(`^(?:[-—–－ ]*\d+[-—–－ ]*|第\s*\d+\s*页(?:\s*[,，/／]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$`)

// readPDF returns the text layer of a PDF, line by line.
func readPDF(data []byte) (res Result, err error) {
	damaged := func() (Result, error) {
		return fail("PDF 文件无法读取（已加密或已损坏）", "请用 PDF 阅读器打开，全选复制到记事本，“另存为”UTF-8 编码的 .txt 后再导入；或向发文单位索取 Word 原件")
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = damaged()
		}
	}()
	data = data[pdfStart(data):]
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return damaged()
	}
	var lines []string
	pages := r.NumPage()
	for i := 1; i <= pages; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		pl := pdfLines(p.Content().Text)
		// A page number is the first or last line of its page.
		if len(pl) > 0 && pageNumber.MatchString(pl[len(pl)-1]) {
			pl = pl[:len(pl)-1]
		}
		if len(pl) > 0 && pageNumber.MatchString(pl[0]) {
			pl = pl[1:]
		}
		lines = append(lines, pl...)
	}
	text := strings.Join(lines, "\n")
	total, good := 0, 0
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		total++
		if unicode.Is(unicode.Han, r) || chinesePunct(r) || (r < 0x80 && unicode.IsPrint(r)) {
			good++
		}
	}
	if total == 0 {
		return fail("PDF 中只有图片，没有文字（扫描件）", "扫描件要先经文字识别（OCR）；请向发文单位索取 Word 原件或带文字的 PDF，或把识别并校对后的文字另存为 UTF-8 编码的 .txt 再导入")
	}
	if good*10 < total*9 {
		return fail("PDF 的文字层是乱码（字体没有 Unicode 对照表）", "请用 PDF 阅读器打开，全选复制到记事本；文字正常时“另存为”UTF-8 编码的 .txt 后导入，否则向发文单位索取 Word 原件")
	}
	return Result{
		Text:      text + "\n",
		Format:    fmt.Sprintf("PDF 文件（文字层，%d 页）", pages),
		Ext:       ".pdf",
		Converted: true,
		Notes:     []string{"PDF 按页面上的行读出，一行一行；句中断开的行由导入时的版式修复接上，页码已去掉"},
	}, nil
}

// pdfLines puts the characters of a page in lines: characters on one
// baseline (within half a font size) form a line; lines run top to bottom;
// within a line, runs of characters drawn one after another keep their
// order and runs are ordered left to right. (Widths of CID fonts are not
// reported, so positions inside a run are not reliable.)
func pdfLines(texts []pdf.Text) []string {
	type run struct {
		x float64
		b strings.Builder
	}
	type line struct {
		y, size float64
		runs    []*run
	}
	var lines []*line
	var last *line
	for _, t := range texts {
		if t.S == "" {
			continue
		}
		size := math.Max(math.Abs(t.FontSize), 1)
		var l *line
		if last != nil && math.Abs(last.y-t.Y) <= math.Max(last.size, size)/2 {
			l = last
		} else {
			for _, c := range lines {
				if math.Abs(c.y-t.Y) <= math.Max(c.size, size)/2 {
					l = c
					break
				}
			}
		}
		if l == nil {
			l = &line{y: t.Y, size: size}
			lines = append(lines, l)
		}
		if l != last || len(l.runs) == 0 {
			l.runs = append(l.runs, &run{x: t.X})
		}
		l.runs[len(l.runs)-1].b.WriteString(t.S)
		last = l
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].y > lines[j].y })
	var out []string
	for _, l := range lines {
		sort.SliceStable(l.runs, func(i, j int) bool { return l.runs[i].x < l.runs[j].x })
		var b strings.Builder
		for _, r := range l.runs {
			b.WriteString(r.b.String())
		}
		if s := strings.TrimFunc(b.String(), unicode.IsSpace); s != "" {
			out = append(out, s)
		}
	}
	return out
}
