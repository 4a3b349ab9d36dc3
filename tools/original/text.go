package original

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// encoding is the text encoding a file was read in.
type encoding struct {
	format string // e.g. "UTF-8 编码"
	note   string // a remark for staff, or ""
}

var (
	errNotText = &Error{"不是文本文件，也不是可识别的 Word、PDF 或网页文件",
		"请确认选对了原文；通报原文应是 Word 文档（.docx）、带文字的 PDF、网页（.html）或文本文件（.txt）"}
	errUnknownEncoding = &Error{"文件不是 UTF-8 编码，也不是 GBK/GB18030 编码的简体中文（可能是 Big5 等其他编码）",
		"请用记事本打开，确认文字显示正常后“另存为”，编码选 UTF-8，再导入"}
)

// decodeText detects the encoding of data (see the package doc) and returns
// its text in UTF-8 with LF line endings.
func decodeText(data []byte) (string, encoding, error) {
	var text string
	var enc encoding
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		if !utf8.Valid(data[3:]) {
			return "", enc, errUnknownEncoding
		}
		text, enc = string(data[3:]), encoding{format: "UTF-8（带 BOM）编码"}
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		le := data[0] == 0xFF
		s, ok := decodeUTF16(data[2:], le)
		if !ok {
			return "", enc, errNotText
		}
		text, enc = s, encoding{format: "UTF-16 " + endian(le) + "（带 BOM）编码"}
	default:
		even, odd := nuls(data)
		switch {
		case even == 0 && odd == 0:
		case len(data)%2 == 0 && (even >= 10*odd || odd >= 10*even):
			// Text in UTF-16 has a NUL in every ASCII character, at odd
			// offsets in LE and even ones in BE; a few Han characters
			// (U+4E00 一) have one on the other side.
			le := odd > even
			s, ok := decodeUTF16(data, le)
			if !ok {
				return "", enc, errNotText
			}
			text, enc = s, encoding{format: "UTF-16 " + endian(le) + "（无 BOM）编码"}
		default:
			return "", enc, errNotText
		}
		if enc.format != "" {
			break
		}
		if utf8.Valid(data) {
			text, enc = string(data), encoding{format: "UTF-8 编码"}
			break
		}
		if controls(string(data)) > 0 {
			return "", enc, errNotText
		}
		s, ok := decodeGB18030(data)
		if !ok {
			return "", enc, errUnknownEncoding
		}
		text, enc = s, encoding{format: "GB18030（GBK）编码", note: "原文不是 UTF-8，已按 GB18030（GBK）编码读取"}
	}
	if strings.ContainsRune(text, 0) || controls(text) > 0 {
		return "", enc, errNotText
	}
	return normalizeNewlines(text), enc, nil
}

func endian(le bool) string {
	if le {
		return "LE"
	}
	return "BE"
}

// nuls counts the NUL bytes at even and at odd offsets.
func nuls(data []byte) (even, odd int) {
	for i, b := range data {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	return even, odd
}

// decodeUTF16 decodes UTF-16 without a BOM; ok is false for an odd length
// or an unpaired surrogate.
func decodeUTF16(data []byte, le bool) (string, bool) {
	if len(data)%2 != 0 {
		return "", false
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if le {
			u[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
		} else {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		}
	}
	for i := 0; i < len(u); i++ {
		switch {
		case utf16.IsSurrogate(rune(u[i])) && u[i] < 0xDC00 && i+1 < len(u) && u[i+1] >= 0xDC00 && u[i+1] <= 0xDFFF:
			i++
		case utf16.IsSurrogate(rune(u[i])):
			return "", false
		}
	}
	return string(utf16.Decode(u)), true
}

// controls counts the control characters that have no place in a text file
// (all C0 controls but tab, line feed, vertical tab, form feed, carriage
// return and the DOS end-of-file mark; and DEL).
func controls(s string) int {
	n := 0
	for _, r := range s {
		if (r < 0x20 && !strings.ContainsRune("\t\n\v\f\r\x1a", r)) || r == 0x7f {
			n++
		}
	}
	return n
}

// decodeGB18030 decodes data as GB18030 when it is Chinese text in that
// encoding: no invalid sequence, the non-ASCII characters mostly Han and
// Chinese punctuation, and most double-byte characters in the GB2312 block.
func decodeGB18030(data []byte) (string, bool) {
	double, gb2312 := 0, 0
	for i := 0; i < len(data); i++ {
		b := data[i]
		if b < 0x80 {
			continue
		}
		if i+1 >= len(data) {
			return "", false
		}
		if c := data[i+1]; c >= '0' && c <= '9' { // four-byte sequence
			i += 3
			continue
		}
		double++
		if b >= 0xA1 && b <= 0xF7 && data[i+1] >= 0xA1 {
			gb2312++
		}
		i++
	}
	if double == 0 || gb2312*10 < double*8 {
		return "", false
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", false
	}
	nonASCII, han, punct := 0, 0, 0
	for _, r := range string(out) {
		switch {
		case r < 0x80:
		case unicode.Is(unicode.Han, r):
			nonASCII++
			han++
		case chinesePunct(r):
			nonASCII++
			punct++
		default:
			nonASCII++
		}
	}
	if han*2 < nonASCII || (han+punct)*100 < nonASCII*95 {
		return "", false
	}
	return string(out), true
}

// chinesePunct reports whether r is punctuation or a symbol used in
// Chinese text: CJK punctuation, full-width forms, quotes and dashes,
// enclosed numbers, Roman numerals, geometric shapes.
func chinesePunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0x2010 && r <= 0x206F) ||
		(r >= 0x2460 && r <= 0x24FF) || (r >= 0x2160 && r <= 0x217F) || (r >= 0x25A0 && r <= 0x25FF) ||
		r == 0xB7 || r == 0xD7 || r == 0xF7
}

// normalizeNewlines turns CRLF and CR into LF and drops a leading BOM and
// a trailing DOS end-of-file mark.
func normalizeNewlines(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	s = strings.TrimRight(s, "\x1a")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// TableRow marks a line that is one row of a table in the original: it
// starts and ends with ｜, which also stands between its cells
// ("｜1｜修订《…》｜2022年6月底前｜已完成｜"). Word and HTML tables are read
// so; the importer keeps each row a paragraph of its own.
const TableRow = "｜"

// tableLines are the lines of a table of rows of cells, each cell its
// lines: a line per row (tableRow), the lines of a cell joined by a space.
// But a table of one column whose cells hold paragraphs lays out a page
// (the notice in a cell, or a problem a cell): it gives its lines as they
// are.
func tableLines(rows [][][]string) []string {
	layout := true
	for _, r := range rows {
		layout = layout && len(r) <= 1
	}
	prose := false
	for _, r := range rows {
		for _, c := range r {
			prose = prose || len(c) > 1 || utf8.RuneCountInString(strings.Join(c, "")) > 100
		}
	}
	if layout && prose {
		var out []string
		for _, r := range rows {
			for _, c := range r {
				out = append(out, c...)
			}
		}
		return out
	}
	var out []string
	for _, r := range rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, strings.Join(c, " "))
		}
		if row := tableRow(cells); row != "" {
			out = append(out, row)
		}
	}
	return out
}

// tableRow is the line of a table row of cells, or "" when every cell is
// empty. A ｜ inside a cell stays as it is.
func tableRow(cells []string) string {
	empty := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			empty = false
		}
	}
	if empty {
		return ""
	}
	return TableRow + strings.Join(cells, TableRow) + TableRow
}
