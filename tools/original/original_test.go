package original

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// notice is a short notice used as text in every encoding.
const notice = "中共示例局党组关于市委巡察反馈问题整改情况的通报\n（2023年6月）\n一、整改情况\n（一）在作风建设方面\n1.针对“作风不实”的问题，对1名责任人进行诫勉处理。\n联系电话：027-85808616。\n"

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16Bytes(s string, le, bom bool) []byte {
	u := utf16.Encode([]rune(s))
	var b []byte
	if bom {
		u = append([]uint16{0xFEFF}, u...)
	}
	for _, c := range u {
		if le {
			b = append(b, byte(c), byte(c>>8))
		} else {
			b = append(b, byte(c>>8), byte(c))
		}
	}
	return b
}

// zipFile builds a zip archive from name → content, in the given order.
func zipFile(t *testing.T, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := 0; i < len(files); i += 2 {
		f, err := w.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(files[i+1]))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// minimalPDF writes a PDF with one page whose content stream is content,
// with the cross-reference table computed.
func minimalPDF(content string, extra ...string) []byte {
	objs := append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}, extra...)
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestTextEncodings(t *testing.T) {
	crlf := strings.ReplaceAll(notice, "\n", "\r\n")
	tests := []struct {
		name   string
		data   []byte
		format string
		text   string // when not notice
	}{
		{"a.txt", []byte(notice), "UTF-8 编码的文本", ""},
		{"a.txt", []byte("\xEF\xBB\xBF" + crlf), "UTF-8（带 BOM）编码的文本", ""},
		{"a.txt", []byte(strings.ReplaceAll(notice, "\n", "\r")), "UTF-8 编码的文本", ""},
		{"a.txt", utf16Bytes(crlf, true, true), "UTF-16 LE（带 BOM）编码的文本", ""},
		{"a.txt", utf16Bytes(notice, false, true), "UTF-16 BE（带 BOM）编码的文本", ""},
		{"a.txt", utf16Bytes(crlf, true, false), "UTF-16 LE（无 BOM）编码的文本", ""},
		{"a.txt", utf16Bytes(notice, false, false), "UTF-16 BE（无 BOM）编码的文本", ""},
		{"a.txt", gbk(t, crlf), "GB18030（GBK）编码的文本", ""},
		{"a.md", gbk(t, notice+"㐀𠀀。\n"), "GB18030（GBK）编码的文本", notice + "㐀𠀀。\n"}, // four-byte GB18030 sequences
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			r, err := Text(tt.name, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			want := notice
			if tt.text != "" {
				want = tt.text
			}
			if r.Text != want || r.Format != tt.format || r.Ext != ".txt" || r.Converted {
				t.Errorf("Text = %q, %q, %q, converted %v\nwant %q, %q, .txt", r.Text, r.Format, r.Ext, r.Converted, want, tt.format)
			}
		})
	}
}

func TestTextGBKNote(t *testing.T) {
	r, err := Text("a.txt", gbk(t, notice))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"原文不是 UTF-8，已按 GB18030（GBK）编码读取"}; fmt.Sprint(r.Notes) != fmt.Sprint(want) {
		t.Errorf("Notes = %q, want %q", r.Notes, want)
	}
}

// TestTextErrors: every file that is not a notice is one error naming what
// it is.
func TestTextErrors(t *testing.T) {
	big5, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte("中共示例局黨組關於市委巡察反饋問題整改情況的通報，對責任人進行誡勉處理。"))
	if err != nil {
		t.Fatal(err)
	}
	ole2 := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 504))
	image := minimalPDF("q 200 0 0 200 0 0 cm /Im0 Do Q",
		"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")
	tests := []struct {
		name string
		data []byte
		want string // Error.Message
	}{
		{"a.txt", nil, "文件是空的"},
		{"a.txt", []byte(" \r\n\t\n"), "文件是空的"},
		{"a.doc", ole2, ".doc 是旧版 Word 格式"},
		{"a.wps", ole2, ".wps 是 WPS 文字的旧格式"},
		{"a.xls", ole2, "这是旧版 Excel 表格，不是通报文档"},
		{"a.txt", ole2, ".doc 是旧版 Word 格式"},
		{"a.rtf", []byte("{\\rtf1\\ansi 通报}"), "这是 RTF 格式的文档"},
		{"a.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "这是一张图片，不是文字"},
		{"a.jpg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF"), "这是一张图片，不是文字"},
		{"a.gif", []byte("GIF89a\x01\x00\x01\x00"), "这是一张图片，不是文字"},
		{"a.bmp", []byte("BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00"), "这是一张图片，不是文字"},
		{"a.tif", []byte("II*\x00\x08\x00\x00\x00"), "这是一张图片，不是文字"},
		{"a.zip", zipFile(t, "readme.txt", "通报"), "这是一个 zip 压缩包，不是 Word 文档"},
		{"a.xlsx", zipFile(t, "[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>"), "这是 Excel 表格（.xlsx），不是通报文档"},
		{"a.odt", zipFile(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<office:document-content/>"), "这是 OpenDocument 文档（.odt 等）"},
		{"a.ofd", zipFile(t, "OFD.xml", "<ofd:OFD/>"), "这是 OFD 版式文件"},
		{"a.docx", []byte("PK\x03\x04 not really a zip"), "文件是损坏的压缩文件（.docx 也是压缩文件）"},
		{"a.docx", zipFile(t, "word/document.xml", "<w:document><w:body><w:p>"), "Word 文档（.docx）已损坏，读不出正文"},
		{"a.docx", zipFile(t, "word/document.xml", `<w:document xmlns:w="`+wordNS+`"><w:body><w:p/></w:body></w:document>`), "Word 文档（.docx）中没有文字"},
		{"a.rar", []byte("Rar!\x1a\x07\x00"), "这是一个压缩包"},
		{"a.mht", []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related"), "这是“单个文件网页”（.mht）"},
		{"a.bin", []byte("\x00\x01\x02\x03\x00\x05binary\x00"), "不是文本文件，也不是可识别的 Word、PDF 或网页文件"},
		{"a.txt", []byte("notice\x01\x02\x03 text"), "不是文本文件，也不是可识别的 Word、PDF 或网页文件"},
		{"a.txt", []byte("caf\xe9 au lait, na\xefve"), "文件不是 UTF-8 编码，也不是 GBK/GB18030 编码的简体中文（可能是 Big5 等其他编码）"},
		{"a.txt", big5, "文件不是 UTF-8 编码，也不是 GBK/GB18030 编码的简体中文（可能是 Big5 等其他编码）"},
		{"a.pdf", image, "PDF 中只有图片，没有文字（扫描件）"},
		{"a.pdf", []byte("%PDF-1.4\nnot a pdf at all\n"), "PDF 文件无法读取（已加密或已损坏）"},
		{"a.html", []byte("<html><body><nav><a href=/>首页</a></nav></body></html>"), "网页中没有找到正文"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.want, func(t *testing.T) {
			r, err := Text(tt.name, tt.data)
			var oe *Error
			if !errors.As(err, &oe) {
				t.Fatalf("Text = %q, %v; want error %q", r.Text, err, tt.want)
			}
			if oe.Message != tt.want || oe.Hint == "" || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q, want %q with a hint on one line", err, tt.want)
			}
		})
	}
}

func TestPDF(t *testing.T) {
	data, err := os.ReadFile("testdata/notice.pdf")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Text("通报.PDF", data)
	if err != nil {
		t.Fatal(err)
	}
	want := `中共示例局党组关于市委巡察反馈问题整改情况的通报
（2023年6月）
根据市委统一部署，市委第二巡察组于2023年3月1日至4月30日
对市示例局党组开展了巡察，现将整改情况予以公布。
一、整改情况
（一）在作风建设方面
1.针对“作风不实”的问题，一是对1名责任人进行诫勉处理；二是
制定《示例局作风建设实施办法》，建立常态化督查机制，定期通报检
查结果，确保整改到位。
欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：027-
85808616；通信地址：武汉市示例路1号。
`
	if r.Text != want {
		t.Errorf("text =\n%s\nwant\n%s", r.Text, want)
	}
	if r.Format != "PDF 文件（文字层，1 页）" || r.Ext != ".pdf" || !r.Converted {
		t.Errorf("Format %q Ext %q Converted %v", r.Format, r.Ext, r.Converted)
	}
}

// TestByContent: the content decides, not the name.
func TestByContent(t *testing.T) {
	docx := zipFile(t, "word/document.xml", `<w:document xmlns:w="`+wordNS+`"><w:body><w:p><w:r><w:t>一、整改情况</w:t></w:r></w:p></w:body></w:document>`)
	tests := []struct {
		name   string
		data   []byte
		format string
		text   string
	}{
		{"notice.txt", docx, "Word 文档（.docx）", "一、整改情况\n"},
		{"notice.txt", []byte("<!DOCTYPE html><html><body><p>一、整改情况，局党组逐项整改。</p></body></html>"), "网页（UTF-8 编码）", "一、整改情况，局党组逐项整改。\n"},
		{"notice.html", []byte("一、整改情况\n"), "UTF-8 编码的文本", "一、整改情况\n"},
	}
	for _, tt := range tests {
		r, err := Text(tt.name, tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.format, err)
			continue
		}
		if r.Format != tt.format || r.Text != tt.text {
			t.Errorf("Text(%s) = %q, %q; want %q, %q", tt.name, r.Format, r.Text, tt.format, tt.text)
		}
	}
}
