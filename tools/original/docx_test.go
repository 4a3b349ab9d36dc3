package original

import (
	"strings"
	"testing"
)

// docxNumbering is word/numbering.xml with the usual numbering of a notice:
// 一、 / （一） / 1. / （1） / ① in one list, as Word and WPS write it.
const docxNumbering = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
  <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircleChinese"/><w:lvlText w:val="%5"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/><w:suff w:val="space"/><w:pStyle w:val="Chapter"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>`

const docxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="Chapter"><w:name w:val="Chapter"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Chapter2"><w:basedOn w:val="Chapter"/></w:style>
</w:styles>`

// p writes a paragraph; num is "numId ilvl" or "".
func p(num, style string, runs ...string) string {
	var b strings.Builder
	b.WriteString("<w:p><w:pPr>")
	if style != "" {
		b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
	}
	if num != "" {
		f := strings.Fields(num)
		b.WriteString(`<w:numPr><w:ilvl w:val="` + f[1] + `"/><w:numId w:val="` + f[0] + `"/></w:numPr>`)
	}
	b.WriteString(`<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:rPr><w:sz w:val="32"/></w:rPr></w:pPr>`)
	for _, r := range runs {
		if strings.HasPrefix(r, "<") {
			b.WriteString(r)
		} else {
			b.WriteString(`<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">` + r + `</w:t></w:r>`)
		}
	}
	b.WriteString("</w:p>")
	return b.String()
}

func docxDocument(body ...string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>` +
		strings.Join(body, "\n") + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
}

func TestDocx(t *testing.T) {
	doc := docxDocument(
		p("", "", "中共示例局党组关于市委巡察反馈问题", "整改情况的通报"),
		p("", "", "（2023年6月）"),
		p("1 0", "", "整改情况"),
		p("1 1", "", "在作风建设方面"),
		p("1 2", "", "针对“作风不实”的问题，", `<w:r><w:t>一是对1名责任人进行</w:t></w:r><w:del><w:r><w:delText>诚勉</w:delText></w:r></w:del><w:ins><w:r><w:t>诫勉</w:t></w:r></w:ins><w:r><w:t>处理；</w:t></w:r>`,
			`<w:r><w:br/><w:t>二是建立督查机制。</w:t></w:r>`),
		p("1 3", "", "制定《示例局作风建设实施办法》；"),
		p("1 4", "", "印发《示例局督查办法》；"),
		p("1 4", "", "完成整改。"),
		p("1 2", "", "针对“制度执行不严”的问题，", `<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的批注</w:t></w:r>`, `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>已整改</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`),
		p("1 1", "", "在制度建设方面"),
		`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>
<w:tr><w:tc>`+p("", "", "序号")+`</w:tc><w:tc>`+p("", "", "问题")+`</w:tc><w:tc>`+p("", "", "整改措施")+`</w:tc></w:tr>
<w:tr><w:tc>`+p("", "", "1")+`</w:tc><w:tc>`+p("", "", "针对“学习不深入”的问题")+`</w:tc><w:tc>`+p("", "", "一是制定学习计划；")+p("", "", "二是开展专题学习。")+`</w:tc></w:tr>
</w:tbl>`,
		p("1 0", "", "下一步工作"),
		p("", "", "联系电话：", `<w:r><w:tab/><w:t>027-85808616</w:t></w:r>`),
		p("", "Chapter", "总则"),
		p("", "Chapter2", "附则"),
		p("3 0", "", "甲项"),
		p("3 0", "", "乙项"),
		p("4 0", "", "重新编号"),
		p("0 0", "", "编号已关闭"),
		p("", "", `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>`+p("", "", "文本框中的文字")+`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>`+p("", "", "文本框中的文字")+`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`),
		p("", ""),
	)
	data := zipFile(t,
		"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml", doc,
		"word/numbering.xml", docxNumbering,
		"word/styles.xml", docxStyles,
	)
	r, err := Text("通报.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	want := `中共示例局党组关于市委巡察反馈问题整改情况的通报
（2023年6月）
一、整改情况
（一）在作风建设方面
1.针对“作风不实”的问题，一是对1名责任人进行诫勉处理；
二是建立督查机制。
（1）制定《示例局作风建设实施办法》；
①印发《示例局督查办法》；
②完成整改。
2.针对“制度执行不严”的问题，已整改
（二）在制度建设方面
｜序号｜问题｜整改措施｜
｜1｜针对“学习不深入”的问题｜一是制定学习计划； 二是开展专题学习。｜
二、下一步工作
联系电话：	027-85808616
第一章 总则
第二章 附则
甲.甲项
乙.乙项
甲.重新编号
编号已关闭
文本框中的文字
`
	if r.Text != want {
		t.Errorf("text =\n%s\nwant\n%s", r.Text, want)
	}
	if r.Format != "Word 文档（.docx）" || r.Ext != ".docx" || !r.Converted || len(r.Notes) != 1 {
		t.Errorf("Format %q Ext %q Converted %v Notes %q", r.Format, r.Ext, r.Converted, r.Notes)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n      int
		format string
		want   string
	}{
		{1, "decimal", "1"},
		{7, "decimalZero", "07"},
		{12, "decimalFullWidth", "１２"},
		{3, "chineseCounting", "三"},
		{10, "chineseCounting", "十"},
		{11, "chineseCounting", "十一"},
		{20, "chineseCountingThousand", "二十"},
		{21, "chineseCountingThousand", "二十一"},
		{101, "chineseCountingThousand", "一百零一"},
		{110, "chineseCountingThousand", "一百一十"},
		{1005, "chineseCountingThousand", "一千零五"},
		{12, "chineseLegalSimplified", "壹拾贰"},
		{105, "ideographDigital", "一〇五"},
		{3, "ideographTraditional", "丙"},
		{11, "ideographTraditional", "11"},
		{2, "ideographZodiac", "丑"},
		{1, "decimalEnclosedCircle", "①"},
		{20, "decimalEnclosedCircleChinese", "⑳"},
		{21, "decimalEnclosedCircle", "㉑"},
		{2, "decimalEnclosedParen", "⑵"},
		{3, "decimalEnclosedFullstop", "⒊"},
		{28, "lowerLetter", "bb"},
		{4, "upperRoman", "IV"},
		{9, "lowerRoman", "ix"},
		{5, "none", ""},
		{6, "cardinalText", "6"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.n, tt.format); got != tt.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tt.n, tt.format, got, tt.want)
		}
	}
}

// A table of one cell lays out the page: its paragraphs are lines of their
// own. A table nested in a cell is that cell's text, its cells apart.
func TestDocxTables(t *testing.T) {
	doc := docxDocument(
		`<w:tbl><w:tr><w:tc>`+p("", "", "中共示例局党组关于巡察整改情况的通报")+p("", "", "一、整改情况")+p("", "", "1.针对“作风不实”的问题，已完成整改。")+`</w:tc></w:tr></w:tbl>`,
		`<w:tbl><w:tr><w:tc>`+p("", "", "序号")+`</w:tc><w:tc>`+p("", "", "完成时限")+`</w:tc></w:tr>`+
			`<w:tr><w:tc>`+p("", "", "1")+`</w:tc><w:tc><w:tbl><w:tr><w:tc>`+p("", "", "1")+`</w:tc><w:tc>`+p("", "", "2022年6月底前")+`</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`,
	)
	data := zipFile(t, "[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`, "word/document.xml", doc)
	r, err := Text("t.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	want := "中共示例局党组关于巡察整改情况的通报\n一、整改情况\n1.针对“作风不实”的问题，已完成整改。\n｜序号｜完成时限｜\n｜1｜1 2022年6月底前｜\n"
	if r.Text != want {
		t.Errorf("text =\n%s\nwant\n%s", r.Text, want)
	}
	// A table of one column whose cells hold paragraphs lays out the page.
	doc = docxDocument(`<w:tbl><w:tr><w:tc>` + p("", "", "中共示例局党组关于巡察整改情况的通报") + `</w:tc></w:tr><w:tr><w:tc>` + p("", "", "一、整改情况") + p("", "", "1.针对“作风不实”的问题，已完成整改。") + `</w:tc></w:tr></w:tbl>`)
	r1, err := Text("t.docx", zipFile(t, "[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`, "word/document.xml", doc))
	if err != nil || r1.Text != "中共示例局党组关于巡察整改情况的通报\n一、整改情况\n1.针对“作风不实”的问题，已完成整改。\n" {
		t.Errorf("layout of one column: %q (%v)", r1.Text, err)
	}
	// A table of one column is a table all the same.
	doc = docxDocument(`<w:tbl><w:tr><w:tc>` + p("", "", "修订办法") + `</w:tc></w:tr><w:tr><w:tc>` + p("", "", "12") + `</w:tc></w:tr></w:tbl>`)
	r2, err := Text("t.docx", zipFile(t, "[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`, "word/document.xml", doc))
	if err != nil || r2.Text != "｜修订办法｜\n｜12｜\n" {
		t.Errorf("one column: %q (%v)", r2.Text, err)
	}
}
