package original

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strings"
)

// Result is the text of an original file and what it was read as.
type Result struct {
	Text   string   // UTF-8, LF line endings, one paragraph a line
	Format string   // what the file was read as, in Chinese, e.g. "GB18030（GBK）编码的文本"
	Ext    string   // extension of the format, lower case: ".txt", ".docx", ".html" or ".pdf"
	Notes  []string // further remarks for staff, in Chinese
	// Converted is true when Text is not the file's own text but extracted
	// from a document (Word, web page, PDF): line numbers then refer to Text.
	Converted bool
}

// Error is a file that cannot be read as a notice: Message says what the
// file is, Hint what to do. Both are Chinese, for staff.
type Error struct {
	Message string
	Hint    string
}

func (e *Error) Error() string { return e.Message + "；" + e.Hint }

func fail(msg, hint string) (Result, error) { return Result{}, &Error{msg, hint} }

// Hints shared by several errors.
const (
	hintSaveDocx = "请在 Word 或 WPS 中打开，“另存为”Word 文档（.docx）后再导入"
	hintCopyText = "请打开原文，全选复制到记事本，“另存为”UTF-8 编码的 .txt 后再导入；或向发文单位索取 Word 原件"
)

// Text returns the notice text (UTF-8, one paragraph per line) of an
// original file named name with content data. The kind of file is decided
// by its content first and by the extension of name second.
func Text(name string, data []byte) (Result, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if len(bytes.TrimSpace(data)) == 0 {
		return fail("文件是空的", "请确认选对了原文文件")
	}
	if r, err, ok := binary(ext, data); ok {
		return r, err
	}
	text, enc, err := decodeText(data)
	if err != nil {
		return Result{}, err
	}
	if isHTML(ext, text) {
		return readHTML(data)
	}
	r := Result{Text: text, Format: enc.format + "的文本", Ext: ".txt"}
	if enc.note != "" {
		r.Notes = append(r.Notes, enc.note)
	}
	return r, nil
}

// binary recognises the binary formats by their magic bytes. ok is false
// when data is none of them.
func binary(ext string, data []byte) (r Result, err error, ok bool) {
	has := func(p string) bool { return bytes.HasPrefix(data, []byte(p)) }
	switch {
	case pdfStart(data) >= 0:
		r, err = readPDF(data)
	case has("PK\x03\x04"):
		r, err = readZip(ext, data)
	case has("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"):
		r, err = ole2(ext)
	case has("{\\rtf"):
		r, err = fail("这是 RTF 格式的文档", hintSaveDocx)
	case has("\x89PNG\r\n\x1a\n"), has("\xFF\xD8\xFF"), has("GIF87a"), has("GIF89a"), has("BM") && len(data) >= 14 && bytes.Equal(data[6:10], []byte{0, 0, 0, 0}),
		has("II*\x00"), has("MM\x00*"), has("RIFF") && len(data) > 12 && string(data[8:12]) == "WEBP":
		r, err = fail("这是一张图片，不是文字", "图片中的文字要先经文字识别（OCR）；请向发文单位索取 Word 原件或带文字的 PDF，或把识别并校对后的文字另存为 UTF-8 编码的 .txt 再导入")
	case has("Rar!\x1a\x07"), has("7z\xBC\xAF\x27\x1C"), has("\x1f\x8b"):
		r, err = fail("这是一个压缩包", "请先解压，再导入其中的通报原文")
	case has("MIME-Version:") || ext == ".mht" || ext == ".mhtml":
		r, err = fail("这是“单个文件网页”（.mht）", "请在浏览器中打开原网页，“另存为”“网页，仅 HTML”（.html）后再导入")
	default:
		return Result{}, nil, false
	}
	return r, err, true
}

// ole2 names the old Office formats, which share one container.
func ole2(ext string) (Result, error) {
	switch ext {
	case ".wps":
		return fail(".wps 是 WPS 文字的旧格式", hintSaveDocx)
	case ".xls", ".et":
		return fail("这是旧版 Excel 表格，不是通报文档", "通报原文应是 Word、PDF、网页或文本文件；如通报确以表格发布，请把其中的文字复制到记事本，另存为 UTF-8 编码的 .txt 后再导入")
	case ".ppt", ".dps":
		return fail("这是旧版 PowerPoint 演示文稿，不是通报文档", hintCopyText)
	}
	return fail(".doc 是旧版 Word 格式", hintSaveDocx)
}

// isHTML reports whether decoded text is a web page: net/http's content
// sniffing says so, or the name is .html/.htm and the text has a tag.
func isHTML(ext, text string) bool {
	head := text
	if len(head) > 512 {
		head = head[:512]
	}
	if strings.HasPrefix(http.DetectContentType([]byte(head)), "text/html") {
		return true
	}
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".shtml" {
		l := strings.ToLower(text)
		return strings.Contains(l, "<body") || strings.Contains(l, "<p") || strings.Contains(l, "<div") || strings.Contains(l, "<html")
	}
	return false
}
