package original

import (
	"os"
	"strings"
	"testing"
)

func TestHTMLFixtures(t *testing.T) {
	tests := []struct {
		file   string
		format string
		want   string
	}{
		{"gov-cms.html", "网页（UTF-8 编码）", `中共示例局党组关于市委巡察反馈问题整改情况的通报
发布时间：2024-05-20 来源：示例局办公室 【字体：大 中 小】【打印】【关闭】
（2024年5月）
根据市委统一部署，2023年9月1日至11月30日，市委第二巡察组对示例局党组进行了巡察。2024年1月10日，市委巡察组向示例局党组反馈了巡察意见。按照党务公开原则和巡察工作有关要求，现将巡察整改情况予以公布。
一、整改工作情况
局党组把巡察整改作为重大政治任务，成立整改工作领导小组，制定整改方案，逐项明确责任领导、责任部门和完成时限。
二、反馈问题整改落实情况
（一）在作风建设方面
1.针对“作风不实”的问题，一是对1名责任人进行诫勉处理；
二是制定《示例局作风建设实施办法》，建立常态化督查机制。
2.针对“制度执行不严”的问题，修订《示例局财务管理办法》，全面完成整改。
｜序号｜制度名称｜
｜1｜示例局作风建设实施办法｜
欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：027-85808616；电子邮箱：xcb@example.gov.cn。
中共示例局党组
2024年5月20日
`},
		{"gov-gbk.html", "网页（GB18030（GBK）编码）", `中共示例县农业农村局党组关于县委巡察反馈问题整改情况的通报
发布日期：2023-12-08　　信息来源：县农业农村局　　浏览次数：128　【大 中 小】
根据县委统一部署，2023年4月至6月，县委第三巡察组对县农业农村局党组开展了常规巡察，并于2023年8月15日反馈了巡察意见。现将整改情况公布如下。
一、整改工作情况
（一）提高政治站位，压实整改责任。局党组召开专题会议研究部署整改工作。
二、反馈问题整改落实情况
1、针对“落实惠农政策不到位”的问题，已完成惠农补贴发放情况全面排查，对2名工作人员进行提醒谈话。
欢迎社会各界对巡察整改落实情况进行监督。联系电话：0710-1234567；邮政编码：441000。
`},
	}
	for _, tt := range tests {
		data, err := os.ReadFile("testdata/" + tt.file)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Text(tt.file, data)
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if r.Text != tt.want {
			t.Errorf("%s: text =\n%s\nwant\n%s", tt.file, r.Text, tt.want)
		}
		if r.Format != tt.format || r.Ext != ".html" || !r.Converted {
			t.Errorf("%s: Format %q Ext %q Converted %v, want %q", tt.file, r.Format, r.Ext, r.Converted, tt.format)
		}
		for _, furniture := range []string{"首页", "ICP", "主办单位", "分享到", "上一篇", "相关链接", "统计代码", "color:"} {
			if strings.Contains(r.Text, furniture) {
				t.Errorf("%s: text has page furniture %q", tt.file, furniture)
			}
		}
	}
}

// TestHTMLCharsets: the page's declaration is honoured, and corrected
// when the bytes contradict it; a page without one is detected like text.
func TestHTMLCharsets(t *testing.T) {
	page := func(meta string) string {
		return `<!DOCTYPE html><html><head>` + meta + `<title>通报</title></head><body><div class="nav"><a href="/">首页</a></div>` +
			`<div id="content"><h1>关于整改情况的通报</h1><p>根据市委统一部署，市委巡察组对局党组进行了巡察，现将整改情况予以公布。</p><p>一、整改情况，局党组逐项整改，全部完成。</p></div></body></html>`
	}
	const want = "关于整改情况的通报\n根据市委统一部署，市委巡察组对局党组进行了巡察，现将整改情况予以公布。\n一、整改情况，局党组逐项整改，全部完成。\n"
	tests := []struct {
		name   string
		data   []byte
		format string
		note   string
	}{
		{"gb2312 meta", gbk(t, page(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`)), "网页（GB18030（GBK）编码）", ""},
		{"GBK without meta", gbk(t, page("")), "网页（GB18030（GBK）编码，网页未声明编码）", ""},
		{"utf-8 meta, GBK bytes", gbk(t, page(`<meta charset="utf-8">`)), "网页（GB18030（GBK）编码）", "网页声明为 UTF-8，实际是 GBK 编码，已按 GBK 读取"},
		{"gbk meta, UTF-8 bytes", []byte(page(`<meta charset="gbk">`)), "网页（UTF-8 编码）", "网页声明为 GBK，实际是 UTF-8 编码，已按 UTF-8 读取"},
		{"UTF-16 with BOM", utf16Bytes(page(""), true, true), "网页（UTF-16 LE（带 BOM）编码）", ""},
	}
	for _, tt := range tests {
		r, err := Text("page.htm", tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if r.Text != want || r.Format != tt.format {
			t.Errorf("%s: Text = %q, %q; want %q, %q", tt.name, r.Format, r.Text, tt.format, want)
		}
		if tt.note != "" && (len(r.Notes) == 0 || r.Notes[0] != tt.note) {
			t.Errorf("%s: Notes = %q, want %q first", tt.name, r.Notes, tt.note)
		}
	}
}

// A table of data is a line per row, its cells between ｜; a table that
// lays out the page (the notice in one cell) is read as the page's blocks.
func TestHTMLTables(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>t</title></head><body><table width="980"><tr><td class="left">栏目</td><td>
<h1>中共示例局党组关于巡察整改情况的通报</h1>
<p>根据市委统一部署，市委第一巡察组对示例局党组进行了巡察。现将整改情况予以公布。</p>
<p>1.针对“公车管理不严”的问题，采取以下措施：</p>
<table border="1"><caption>表1 公车问题整改台账</caption><tr><th>序号</th><th>整改措施</th><th>完成时限</th><th>完成情况</th></tr>
<tr><td>1</td><td><p>修订《公务用车使用管理办法》，</p><p>实行派车单制度</p></td><td>2022年6月底前</td><td>已完成</td></tr>
<tr><td>2</td><td>对3名违规使用公务用车人员进行提醒谈话</td><td>立行立改</td><td>已完成</td></tr>
<tr><td></td><td></td><td></td><td></td></tr></table>
<p>欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：027-85808616。</p>
</td></tr></table></body></html>`
	r, err := Text("t.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := "表1 公车问题整改台账\n｜序号｜整改措施｜完成时限｜完成情况｜\n｜1｜修订《公务用车使用管理办法》， 实行派车单制度｜2022年6月底前｜已完成｜\n｜2｜对3名违规使用公务用车人员进行提醒谈话｜立行立改｜已完成｜\n欢迎"
	if !strings.Contains(r.Text, want) {
		t.Errorf("text =\n%s\nwant it to contain\n%s", r.Text, want)
	}
	if !strings.Contains(r.Text, "\n1.针对“公车管理不严”的问题，采取以下措施：\n") {
		t.Errorf("the layout table's cell is not read as blocks:\n%s", r.Text)
	}
}
