package original

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// readZip reads a zip file: a Word document, or another Office format that
// gets an error.
func readZip(ext string, data []byte) (Result, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail("文件是损坏的压缩文件（.docx 也是压缩文件）", "请在 Word 或 WPS 中打开并重新“另存为”Word 文档（.docx），或向发文单位重新索取原文")
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	switch {
	case files["word/document.xml"] != nil:
		return readDocx(files)
	case files["xl/workbook.xml"] != nil:
		return fail("这是 Excel 表格（.xlsx），不是通报文档", "通报原文应是 Word、PDF、网页或文本文件；如通报确以表格发布，请把其中的文字复制到记事本，另存为 UTF-8 编码的 .txt 后再导入")
	case files["ppt/presentation.xml"] != nil:
		return fail("这是 PowerPoint 演示文稿（.pptx），不是通报文档", hintCopyText)
	case files["OFD.xml"] != nil:
		return fail("这是 OFD 版式文件", "请用数科或福昕 OFD 阅读器打开，“另存为”PDF 或复制文字另存为 UTF-8 编码的 .txt 后再导入；或向发文单位索取 Word 原件")
	case files["content.xml"] != nil:
		return fail("这是 OpenDocument 文档（.odt 等）", hintSaveDocx)
	}
	return fail("这是一个 zip 压缩包，不是 Word 文档", "请先解压，再导入其中的通报原文")
}

// readDocx returns the text of a Word document's main part.
func readDocx(files map[string]*zip.File) (Result, error) {
	bad := func() (Result, error) {
		return fail("Word 文档（.docx）已损坏，读不出正文", "请在 Word 或 WPS 中打开并重新“另存为”Word 文档（.docx）后再导入")
	}
	doc, err := readZipFile(files["word/document.xml"])
	if err != nil {
		return bad()
	}
	num := &numbering{counters: map[string][]int{}, started: map[string]bool{}}
	if f := files["word/numbering.xml"]; f != nil {
		if data, err := readZipFile(f); err == nil {
			num.parse(data)
		}
	}
	styles := map[string]numRef{}
	if f := files["word/styles.xml"]; f != nil {
		if data, err := readZipFile(f); err == nil {
			styles = parseStyleNumbering(data)
		}
	}
	lines, err := docxLines(doc, num, styles)
	if err != nil {
		return bad()
	}
	text := strings.Join(lines, "\n")
	if strings.TrimSpace(text) == "" {
		return fail("Word 文档（.docx）中没有文字", "如果文档中只有图片（扫描件），请向发文单位索取带文字的原件；否则请确认选对了文件")
	}
	r := Result{Text: text + "\n", Format: "Word 文档（.docx）", Ext: ".docx", Converted: true}
	if num.used {
		r.Notes = append(r.Notes, "自动编号已按 Word 中显示的样子写入文字")
	}
	return r, nil
}

func readZipFile(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, 256<<20))
}

// wordNS is the namespace of WordprocessingML elements.
const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// numRef is a paragraph's numbering: numId and level.
type numRef struct {
	id    string
	level int
	set   bool // the paragraph or style names a numId (numId 0 turns it off)
}

// docxLines reads document.xml as a token stream: one line per paragraph,
// in document order; a table row is one line, its cells between ｜
// (tableRow), so that cells and rows do not run together.
func docxLines(doc []byte, num *numbering, styles map[string]numRef) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	type para struct {
		b     strings.Builder
		style string
		ref   numRef
	}
	var (
		lines  []string
		tables int          // depth of w:tbl; a nested table's text is its cell's
		rows   [][][]string // the open outer table: rows of cells of lines
		cell   []string     // the lines of the open cell
		stack  []*para      // paragraphs being read (a text box nests one in another)
		skip   int          // depth inside an element whose text is not shown
		inText bool         // inside w:t
		vanish bool         // the current run is hidden
		inRPr  bool
	)
	cur := func() *para {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			local := t.Name.Local
			if t.Name.Space != wordNS {
				// The fallback of mc:AlternateContent repeats the text of
				// the choice (text boxes in VML).
				if local == "Fallback" {
					skip = 1
				}
				continue
			}
			p := cur()
			switch local {
			case "tbl":
				tables++
				if tables == 1 {
					rows = nil
				}
			case "tr":
				if tables == 1 {
					rows = append(rows, nil)
				}
			case "tc":
				if tables == 1 {
					cell = nil
				}
			case "p":
				stack = append(stack, &para{})
			case "pStyle":
				if p != nil {
					p.style = attr(t, "val")
				}
			case "numId":
				if p != nil {
					p.ref.id, p.ref.set = attr(t, "val"), true
				}
			case "ilvl":
				if p != nil {
					p.ref.level, _ = strconv.Atoi(attr(t, "val"))
				}
			case "r":
				vanish = false
			case "rPr":
				inRPr = true
			case "vanish":
				if inRPr && attr(t, "val") != "0" && attr(t, "val") != "false" {
					vanish = true
				}
			case "t":
				inText = true
			case "tab":
				if p != nil && !vanish {
					p.b.WriteByte('\t')
				}
			case "br", "cr":
				if p != nil && !vanish {
					p.b.WriteByte('\n')
				}
			case "noBreakHyphen":
				if p != nil && !vanish {
					p.b.WriteByte('-')
				}
			case "tabs", "delText", "instrText", "del", "moveFrom", "pPrChange", "rPrChange":
				skip = 1
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "tbl":
				tables--
				if tables == 0 {
					lines = append(lines, tableLines(rows)...)
				}
			case "tc":
				if tables == 1 && len(rows) > 0 {
					rows[len(rows)-1] = append(rows[len(rows)-1], cell)
				}
			case "t":
				inText = false
			case "rPr":
				inRPr = false
			case "p":
				p := cur()
				stack = stack[:len(stack)-1]
				if p == nil {
					continue
				}
				ref := p.ref
				if !ref.set {
					ref = styles[p.style]
				}
				text := p.b.String()
				if ref.set && ref.id != "0" && strings.TrimSpace(text) != "" {
					text = num.label(ref.id, ref.level, p.style) + text
				}
				for _, l := range strings.Split(text, "\n") {
					if l = strings.TrimRightFunc(l, unicode.IsSpace); strings.TrimSpace(l) != "" {
						if tables > 0 {
							cell = append(cell, strings.TrimSpace(l))
						} else {
							lines = append(lines, l)
						}
					}
				}
			}
		case xml.CharData:
			if inText && skip == 0 && !vanish {
				if p := cur(); p != nil {
					p.b.Write(t)
				}
			}
		}
	}
	return lines, nil
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
