package importer

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// Table tests of the extraction rules, one table per rule. Inputs are
// written as in converted notices (ASCII punctuation, stray spaces) where
// the rule sees raw text, and repaired where it sees repaired text.

func TestRepairPunctuationAndSpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		// ASCII punctuation in Chinese context becomes full-width.
		{`根据市委统一部署,市委第一巡察组于2019年7月31日至9月25日对市生态环境局进行了巡察;`, `根据市委统一部署，市委第一巡察组于2019年7月31日至9月25日对市生态环境局进行了巡察；`},
		{`联系电话: 027-85808616;邮政编码: 430015`, `联系电话：027-85808616；邮政编码：430015`},
		{`整改情况:一是`, `整改情况：一是`},
		{`是否恢复?坚决!`, `是否恢复？坚决！`},
		// Quotes are paired, nested quotes become ‘’.
		{`针对"政治建设不够有力"的问题`, `针对“政治建设不够有力”的问题`},
		{`着力解决"'四个意识'有所欠缺"问题`, `着力解决“‘四个意识’有所欠缺”问题`},
		{`"'两山'铸魂党旗红"被命名为`, `“‘两山’铸魂党旗红”被命名为`},
		{`按照"纠正问题、专项整治"和"严肃问责"的要求`, `按照“纠正问题、专项整治”和“严肃问责”的要求`},
		{`“落实"三重一大"制度”`, `“落实‘三重一大’制度”`},
		{`抓住不撒手”.追回1.1万元).已完成整改.`, `抓住不撒手”。追回1.1万元）。已完成整改。`},
		{`针对“乡村振兴"五大振兴"统筹推进不够”的问题`, `针对“乡村振兴‘五大振兴’统筹推进不够”的问题`},
		// Parentheses around or next to Chinese become full-width.
		{`(1) 针对`, `（1）针对`},
		{`《武汉生态文明建设示范市规划纲要(2019-2025 年)》(征求意见稿)`, `《武汉生态文明建设示范市规划纲要（2019-2025年）》（征求意见稿）`},
		{`《斧头湖流域生态保护规划(2016-2025)》`, `《斧头湖流域生态保护规划（2016-2025）》`},
		{`武汉开发区(汉南区)环境保护局党委向区(工)委`, `武汉开发区（汉南区）环境保护局党委向区（工）委`},
		// A full stop after Chinese words.
		{`明确责任人和完成时限.`, `明确责任人和完成时限。`},
		// Stray spaces between Chinese and digits or Chinese are removed.
		{`对 2019 年度水污染防治`, `对2019年度水污染防治`},
		{`"百吨 干人"供水工程`, `“百吨干人”供水工程`},
		{`召开党组会议 10次`, `召开党组会议10次`},
		{`局系统 QQ、微信工作群`, `局系统QQ、微信工作群`},
		{`劣 V 类湖泊数量由 47 个减少到 30个`, `劣V类湖泊数量由47个减少到30个`},
		{"全角　空格", "全角空格"},
		// Numbers, codes, ranges and addresses are kept as they are.
		{`空气质量优良率90.1%,同比提高17.6个百分点`, `空气质量优良率90.1%，同比提高17.6个百分点`},
		{`完成1、2、4-6号焦炉`, `完成1、2、4-6号焦炉`},
		{`2020年1-4月`, `2020年1-4月`},
		{`总量减少约 2/3。`, `总量减少约2/3。`},
		{`电子邮箱: whhbjrsc@163.com。`, `电子邮箱：whhbjrsc@163.com。`},
		{`1,000 units, 10:30 (beta) "ok" don't`, `1,000 units, 10:30 (beta) "ok" don't`},
		{`Windows 10 系统`, `Windows 10系统`},
	}
	for _, tt := range tests {
		got, _ := repair(tt.in)
		if got != tt.want {
			t.Errorf("repair(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
	if _, open := repair(`针对“学习"不深入”的问题`); !open {
		t.Error("an ASCII quote left open inside “…” is not reported")
	}
	if _, open := repair(`针对"政治建设不够有力的问题`); !open {
		t.Error("an unclosed quote should be reported")
	}
}

func TestParagraphsJoinBrokenLines(t *testing.T) {
	src := "标题\n\n一、部分\n- (1) 针对\"甲\"的问题,组建一支153人的下沉社区驻守服\n\n务党员先锋队。\n- (2) 针对\"乙\"的问题,一是修订《中\n\n共武汉市学习制度》。\n\n二是强化责任促整改。\n\n加强督促。\n#### 6. 着力解决\"丙\"问题\n\n(21) 针对\"丁\"的问题,一是全面梳理 2013\n\n年以来的项目。\n"
	lines, _ := readLines("t.txt", []byte(src))
	paras, _ := paragraphs("t.txt", acceptMarkers(lines))
	var got []string
	for _, p := range paras {
		got = append(got, p.text)
	}
	want := []string{
		"标题",
		"一、部分",
		"（1）针对“甲”的问题，组建一支153人的下沉社区驻守服务党员先锋队。",
		"（2）针对“乙”的问题，一是修订《中共武汉市学习制度》。",
		"二是强化责任促整改。",
		"加强督促。",
		"6.着力解决“丙”问题",
		"（21）针对“丁”的问题，一是全面梳理2013年以来的项目。",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs:\n got %q\nwant %q", got, want)
	}
}

// A heading with a comma ends its paragraph; a line of a PDF wrapped at a
// fixed width that ends in a comma does not.
func TestCommaHeadings(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"一、整改情况\n（一）坚持问题导向，强化整改落实\n针对反馈的问题，局党组逐项制定措施。\n",
			[]string{"一、整改情况", "（一）坚持问题导向，强化整改落实", "针对反馈的问题，局党组逐项制定措施。"}},
		// Wrapped at 24 characters: the full-width line is a broken sentence.
		{"一、整改情况\n二十四个字的一行文字用来测量折行的宽度，折行\n之后还有文字，这里也是二十四个字的一行文字啊\n还有一行，这里也是二十四个字的一行文字啊啊\n后面的文字。\n1.第一项措施是加强领导，逐项落实到具体\n责任人。\n",
			[]string{"一、整改情况", "二十四个字的一行文字用来测量折行的宽度，折行之后还有文字，这里也是二十四个字的一行文字啊还有一行，这里也是二十四个字的一行文字啊啊后面的文字。", "1.第一项措施是加强领导，逐项落实到具体责任人。"}},
	}
	for _, tt := range tests {
		lines, _ := readLines("t.txt", []byte(tt.src))
		paras, _ := paragraphs("t.txt", acceptMarkers(lines))
		var got []string
		for _, p := range paras {
			got = append(got, p.text)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("paragraphs of %q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func TestMarkers(t *testing.T) {
	tests := []struct {
		in   string
		kind markerKind
		num  int
	}{
		{"一、落实主体责任", mkS, 1},
		{"十二、其他", mkS, 12},
		{"（三）在全面从严治党方面", mkA, 3},
		{"(二) 在加强党的建设方面", mkA, 2},
		{"21. 着力解决", mkC, 21},
		{"3、关于", mkC, 3},
		{"（61）针对", mkP, 61},
		{"(9)针对", mkP, 9},
		{"①制定", mkQ, 1},
		{"1、2、4-6号焦炉", mkNone, 0},
		{"2020年度工会委员", mkNone, 0},
		{"1.5万元", mkNone, 0},
		{"2.2023年6月底前完成系统上线", mkC, 2},
		{"问题1：学习不深入", mkW, 1},
		{"问题十二：台账不清", mkW, 12},
		{"问题是学习不深入", mkNone, 0},
		{"一是加强", mkNone, 0},
		{"(试行)》", mkNone, 0},
	}
	for _, tt := range tests {
		k, n := marker(tt.in)
		if k != tt.kind || n != tt.num {
			t.Errorf("marker(%q) = %v %d, want %v %d", tt.in, k, n, tt.kind, tt.num)
		}
	}
}

func TestCategoryAndProblemOnOneLine(t *testing.T) {
	lines, _ := readLines("t.txt", []byte("(60) 针对\"甲\"的问题,一是乙。\n- 21. 着力解决\"基层单位因私出国(境)管理宽松软\"问题 (61)针对\"丙\"的问题,一是丁。"))
	lines = acceptMarkers(lines)
	var got []string
	for _, l := range lines {
		got = append(got, l.kind.String()+"|"+l.text)
	}
	want := []string{"（1）|(60) 针对\"甲\"的问题,一是乙。", "1.|21. 着力解决\"基层单位因私出国(境)管理宽松软\"问题", "（1）|(61)针对\"丙\"的问题,一是丁。"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestParseLead(t *testing.T) {
	tests := []struct {
		in, title, lead string
		truncated       bool
	}{
		{"针对“政治建设不够有力”的问题，一是加强。", "政治建设不够有力", "针对“政治建设不够有力”的问题，", false},
		// Labels before the problem's name belong to the lead.
		{"问题1：台账资料不完整。\n整改情况：补齐台账。", "台账资料不完整", "问题1：台账资料不完整。\n整改情况：", false},
		{"问题：台账资料不完整。整改情况：补齐台账。", "台账资料不完整", "问题：台账资料不完整。整改情况：", false},
		{"反馈问题：关于“台账资料不完整”的问题。整改情况：补齐台账。", "台账资料不完整", "反馈问题：关于“台账资料不完整”的问题。整改情况：", false},
		{"问题表现：台账资料不完整。整改措施：补齐台账。", "台账资料不完整", "问题表现：台账资料不完整。整改措施：", false},
		{"针对“监察支队‘双评议’排位靠后”的问题，一是", "监察支队‘双评议’排位靠后", "针对“监察支队‘双评议’排位靠后”的问题，", false},
		{"关于“落实“双减”政策不够有力”的问题。\n整改情况：\n①制定", "落实“双减”政策不够有力", "关于“落实“双减”政策不够有力”的问题。\n整改情况：", false},
		{"关于“对重大项目统筹不够”问题。整改情况：一是", "对重大项目统筹不够", "关于“对重大项目统筹不够”问题。整改情况：", false},
		{"关于落实全面从严治党主体责任不到位的问题。\n整改措施及成效：局党组", "落实全面从严治党主体责任不到位", "关于落实全面从严治党主体责任不到位的问题。\n整改措施及成效：", false},
		// A heading of its own "…的问题", without 关于 or 针对; not one of
		// an area (…方面的问题).
		{"落实立德树人根本任务有差距的问题\n一是深化思政课改革。", "落实立德树人根本任务有差距", "落实立德树人根本任务有差距的问题", false},
		{"党的政治建设方面的问题\n一是加强。", "", "", false},
		{"着力解决群众反映强烈的问题\n一是加强。", "", "", false},
		{"财务管理混乱的问题\n一是加强。", "财务管理混乱", "财务管理混乱的问题", false},
		{"推动乡村振兴战略落实不力的问题\n一是对照检查。", "推动乡村振兴战略落实不力", "推动乡村振兴战略落实不力的问题", false},
		{"需要说明的问题\n巡察反馈的问题线索已移交。", "", "", false},
		{"严肃查处违规吃喝的问题\n一是开展检查。", "", "", false},
		{"关于巡视移交问题线索办理的问题。整改情况：", "巡视移交问题线索办理", "关于巡视移交问题线索办理的问题。整改情况：", false},
		{"关于“两个责任”落实不力的问题，一是", "“两个责任”落实不力", "关于“两个责任”落实不力的问题，", false},
		{"针对“政治建设不够有力”，一是", "政治建设不够有力", "针对“政治建设不够有力”，", false},
		{"部分干部担当作为不够。整改情况：一是", "部分干部担当作为不够", "部分干部担当作为不够。整改情况：", false},
		// The text stops inside the title: nothing is invented.
		{"针对“党风廉政建设", "", "针对“党风廉政建设", true},
		// Not a problem.
		{"整改工作台账管理情况", "", "", false},
		{"着力解决“‘四个意识’有所欠缺”问题", "", "", false},
	}
	for _, tt := range tests {
		title, lead, ok, truncated := parseLead(tt.in)
		if title != tt.title || lead != tt.lead || truncated != tt.truncated || ok != (tt.lead != "") {
			t.Errorf("parseLead(%q)\n got %q %q ok=%v truncated=%v\nwant %q %q truncated=%v", tt.in, title, lead, ok, truncated, tt.title, tt.lead, tt.truncated)
		}
	}
}

func TestSplitMeasures(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"一是加强。二是深化。三是切实加强。", []string{"一是加强。", "二是深化。", "三是切实加强。"}},
		// No markers: one item.
		{"督促企业完成建设。针对中央环保督察反馈“以罚代管”的问题，作出书面检查。", []string{"督促企业完成建设。针对中央环保督察反馈“以罚代管”的问题，作出书面检查。"}},
		// Text after the last measure stays in the last item; a paragraph
		// without a marker continues the item.
		{"一是立行立改。二是强化责任促整改。\n加强督促。反馈涉及的2家企业已关停。", []string{"一是立行立改。", "二是强化责任促整改。加强督促。反馈涉及的2家企业已关停。"}},
		// Only the expected next ordinal, and only at the start of a clause.
		{"一是统一是非标准，坚持二是二、一是一。二是完善制度；三是严肃追责", []string{"一是统一是非标准，坚持二是二、一是一。", "二是完善制度；", "三是严肃追责"}},
		{"一是甲；二是乙；三是丙；四是丁；五是戊；六是己；七是庚；八是辛；九是壬；十是癸；十一是子。", []string{"一是甲；", "二是乙；", "三是丙；", "四是丁；", "五是戊；", "六是己；", "七是庚；", "八是辛；", "九是壬；", "十是癸；", "十一是子。"}},
		// Text before the first ordinal is an item of its own.
		{"局党组高度重视。一是甲。二是乙。", []string{"局党组高度重视。", "一是甲。", "二是乙。"}},
		// Measures on their own lines with deeper markers.
		{"①制定方案。\n②开展督查，\n督促整改。", []string{"①制定方案。", "②开展督查，督促整改。"}},
		{"1.制定方案。\n2.开展督查。", []string{"1.制定方案。", "2.开展督查。"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := splitMeasures(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitMeasures(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestReadStatus(t *testing.T) {
	const (
		stated   = notice.StatusStated
		inferred = notice.StatusInferred
		unstated = notice.StatusUnstated
	)
	tests := []struct{ in, status, basis, evidence string }{
		// Stated in so many words.
		{"修订学习制度，已完成整改。", "已完成", stated, "已完成整改"},
		{"开展专项清理，该问题已整改到位。", "已完成", stated, "该问题已整改到位"},
		{"建立台账。目前，上述问题均已整改完毕。", "已完成", stated, "上述问题均已整改完毕"},
		{"该线索已办结。", "已完成", stated, "该线索已办结"},
		{"整改工作正在推进中。", "正在整改", stated, "整改工作正在推进中"},
		{"该问题正在整改，拟于年底前完成。", "正在整改", stated, "该问题正在整改"},
		{"整改持续推进。", "正在整改", stated, "整改持续推进"},
		{"专项治理已取得阶段性成效，阶段性完成整改。", "正在整改", stated, "阶段性完成整改"},
		{"问题基本整改到位。", "基本完成", stated, "问题基本整改到位"},
		{"受疫情影响，目前尚有部分问题未按要求完成整改，正在持续跟踪督办。", "正在整改", stated, "目前尚有部分问题未按要求完成整改"},
		// Partial completion is 正在整改; all of them done is 已完成.
		{"上轮遗留的8个问题中，已完成整改3个，阶段性完成整改5个。", "正在整改", stated, "上轮遗留的8个问题中，已完成整改3个，阶段性完成整改5个"},
		{"排查出的５个问题中，已完成整改５个。", "已完成", stated, "排查出的５个问题中，已完成整改５个"},
		{"针对检查事项，共梳理问题8个，已完成整改3个，其余正在推进。", "正在整改", stated, "其余正在推进"},
		{"共梳理问题8个，已完成整改3个。", unstated, "", ""},
		{"已完成。", "已完成", stated, "已完成"},
		// A status that is a whole clause, after a label or a measure.
		{"整改情况：开展专项检查。已完成。", "已完成", stated, "已完成"},
		{"整改情况：已完成，并长期坚持。", "已完成", stated, "整改情况：已完成"},
		{"已完成，并长期坚持。", "已完成", stated, "已完成"},
		{"一是修订制度。完成整改，确保不反弹。", "已完成", stated, "完成整改"},
		{"开展专项检查。持续推进，久久为功。", unstated, "", ""},
		{"整改成效：持续推进，已完成阶段性目标。", "正在整改", stated, "整改成效：持续推进"},
		{"完成情况：已完成", "已完成", stated, "完成情况：已完成"},
		{"开展专项检查。截至目前，完成整改。", "已完成", stated, "完成整改"},
		{"开展专项检查。已基本完成。", "基本完成", stated, "已基本完成"},
		{"整改情况：开展专项检查。持续推进。", "正在整改", stated, "持续推进"},
		{"开展专项检查。已于2021年8月完成整改。", "已完成", stated, "已于2021年8月完成整改"},
		// A share done: less than all is 正在整改, all is 已完成.
		{"开展专项检查。已完成整改任务的80%。", "正在整改", stated, "已完成整改任务的80%"},
		{"已完成整改任务的80%，剩余部分正在推进。", "正在整改", stated, "已完成整改任务的80%"},
		{"开展专项检查。整改完成率100%。", "已完成", stated, "整改完成率100%"},
		{"清理违规资金，完成整改并销号。", "已完成", stated, "完成整改并销号"},
		{"对照清单逐项整改，相关问题均整改到位。", "已完成", stated, "相关问题均整改到位"},
		{"剩余2项正在推进，已完成整改3项。", "正在整改", stated, "剩余2项正在推进"},
		// Not statements: a qualified noun, an aim, a deadline.
		{"对未完成整改的下达《责令整改通知书》，对已完成整改的督促完成排污许可证变更。", unstated, "", ""},
		{"坚持问题导向，确保反馈问题全面整改到位。", unstated, "", ""},
		{"督促企业于6月底前完成整改。", unstated, "", ""},
		{"要求企业完成整改。", unstated, "", ""},
		{"完成企业检查的80%。", unstated, "", ""},
		// A clause alone that is an aim or a step, not a sentence of its own.
		{"一是修订制度，力争2022年6月底前，完成整改。", unstated, "", ""},
		{"责令相关企业，完成整改。", unstated, "", ""},
		{"一是建立长效机制，持续推进，久久为功。", unstated, "", ""},
		{"二是确保整改完成率达到100%。", unstated, "", ""},
		{"对已完成整改任务的80%的单位开展回头看。", unstated, "", ""},
		{"二是举一反三，对其他未开展自查的科室进行督促。", unstated, "", ""},
		{"A项整改完成率100%；B项正在整改中。", "正在整改", stated, "B项正在整改中"},
		{"开展专项检查，持续推进专项整治。", unstated, "", ""},
		// Work going on, without a status statement: inferred.
		{"编制完成规划纲要，拟于2020年底前提请审议。", "正在整改", inferred, "拟于2020年底前提请审议"},
		{"涉嫌量身定制招标条款，正由市直相关部门调查处理。", "正在整改", inferred, "正由市直相关部门调查处理"},
		{"一是甲。二是乙，1个污染场地治理修复工程基本完成，6个污染场地修复工作正在推进。", "正在整改", inferred, "6个污染场地修复工作正在推进"},
		{"已完成部分外围取证工作。", "正在整改", inferred, "已完成部分外围取证工作"},
		{"10家企业完成联网，6家企业因受疫情影响未完成联网工作。", "正在整改", inferred, "6家企业因受疫情影响未完成联网工作"},
		// Measures carried out say what was done, not that the problem is
		// rectified: no status.
		{"圆满完成疫情期间医疗废物收集、转运、处置工作。", unstated, "", ""},
		{"截至2019年底，全市国考断面无劣V类，基本完成城市黑臭水体攻坚战。", unstated, "", ""},
		{"一是对1名责任人进行了批评教育。", unstated, "", ""},
		{"尚未发现新的违规兼职取酬情形，目前已关停喷涂工序。", unstated, "", ""},
		// A measure cut off mid-sentence states nothing.
		{"推动印发《关于支持小微主体发展", unstated, "", ""},
		{"", unstated, "", ""},
	}
	for _, tt := range tests {
		s, b, e := readStatus(tt.in)
		if s != tt.status || b != tt.basis || e != tt.evidence {
			t.Errorf("readStatus(%q)\n got %q %q %q\nwant %q %q %q", tt.in, s, b, e, tt.status, tt.basis, tt.evidence)
		}
	}
}

func TestReadDeadline(t *testing.T) {
	const (
		stated   = notice.StatusStated
		inferred = notice.StatusInferred
	)
	tests := []struct {
		measures                  []string
		published                 string
		deadline, basis, evidence string
	}{
		// The year in the text: stated.
		{[]string{"四是加快推进生态市创建工作。编制完成《武汉生态文明建设示范市规划纲要（2019-2025年）》（征求意见稿），拟于2020年底前提请市政府常务会议审议。"}, "2020-05",
			"2020-12-31", stated, "拟于2020年底前提请市政府常务会议审议"},
		{[]string{"力争2020年12月31日前完成整改。"}, "2020-05", "2020-12-31", stated, "力争2020年12月31日前完成整改"},
		{[]string{"确保2021年6月底前整改到位。"}, "2020-05", "2021-06-30", stated, "确保2021年6月底前整改到位"},
		{[]string{"确保2020年2月底前整改到位。"}, "2019-12-06", "2020-02-29", stated, "确保2020年2月底前整改到位"},
		{[]string{"建立台账，计划于2020年9月完成验收。"}, "2020-05", "2020-09-30", stated, "计划于2020年9月完成验收"},
		{[]string{"拟于2020年上半年出台管理办法。"}, "2020-03", "2020-06-30", stated, "拟于2020年上半年出台管理办法"},
		{[]string{"将于2020年第三季度完成治理。"}, "2020-05", "2020-09-30", stated, "将于2020年第三季度完成治理"},
		{[]string{"计划于2025年底前建成全市统一平台。"}, "2023-06", "2025-12-31", stated, "计划于2025年底前建成全市统一平台"},
		{[]string{"计划2025年6月底前建成全市统一平台。"}, "2023-06", "2025-06-30", stated, "计划2025年6月底前建成全市统一平台"},
		// The notice's own label of a deadline, also of one already past.
		{[]string{"开展专项检查。", "整改时限：2021年12月。"}, "2021-09", "2021-12-31", stated, "整改时限：2021年12月"},
		{[]string{"开展专项检查。", "整改时限：2021年7月底前。"}, "2021-09", "2021-07-31", stated, "整改时限：2021年7月底前"},
		{[]string{"完成时限：6月底前。"}, "2021-09", "2022-06-30", inferred, "完成时限：6月底前"},
		{[]string{"力争2020年内全面完成。"}, "2020-05", "2020-12-31", stated, "力争2020年内全面完成"},
		{[]string{"各区2020 年 12 月底前完成销号。"}, "2020-05", "2020-12-31", stated, "各区2020 年 12 月底前完成销号"},
		// A deadline phrase after the notice's month needs no 拟/力争: it
		// can only be a plan.
		{[]string{"2020年10月底前完成全部治理工程。"}, "2020-05", "2020-10-31", stated, "2020年10月底前完成全部治理工程"},
		{[]string{"各党支部于2020年8月底前召开专题组织生活会。"}, "2020-05", "2020-08-31", stated, "各党支部于2020年8月底前召开专题组织生活会"},
		// Full-width digits.
		{[]string{"拟于２０２０年底前提请审议。"}, "2020-05", "2020-12-31", stated, "拟于２０２０年底前提请审议"},
		{[]string{"力争２０２１年３月底前完成。"}, "2020-05", "2021-03-31", stated, "力争２０２１年３月底前完成"},
		// No year in the text: the notice's year, or the next when the
		// period ends before the notice's month; inferred.
		{[]string{"力争6月底前完成整改。"}, "2020-05", "2020-06-30", inferred, "力争6月底前完成整改"},
		{[]string{"力争5月底前完成整改。"}, "2020-05-12", "2020-05-31", inferred, "力争5月底前完成整改"},
		{[]string{"力争4月底前完成整改。"}, "2020-05", "2021-04-30", inferred, "力争4月底前完成整改"},
		{[]string{"督促企业于9月30日前完成整改。"}, "2020-05", "2020-09-30", inferred, "督促企业于9月30日前完成整改"},
		{[]string{"力争６月底前完成整改。"}, "2020-05", "2020-06-30", inferred, "力争６月底前完成整改"},
		{[]string{"确保年内完成。"}, "2020-05", "2020-12-31", inferred, "确保年内完成"},
		{[]string{"整改工作年内完成。"}, "2020-05", "2020-12-31", inferred, "整改工作年内完成"},
		{[]string{"确保年底前整改到位。"}, "2020-05", "2020-12-31", inferred, "确保年底前整改到位"},
		{[]string{"力争年底完成。"}, "2020-05", "2020-12-31", inferred, "力争年底完成"},
		{[]string{"拟于今年底前出台。"}, "2020-05", "2020-12-31", inferred, "拟于今年底前出台"},
		{[]string{"力争下半年完成。"}, "2020-05", "2020-12-31", inferred, "力争下半年完成"},
		{[]string{"力争上半年完成。"}, "2020-05", "2020-06-30", inferred, "力争上半年完成"},
		{[]string{"力争上半年完成。"}, "2020-08", "2021-06-30", inferred, "力争上半年完成"},
		{[]string{"力争一季度完成。"}, "2020-05", "2021-03-31", inferred, "力争一季度完成"},
		{[]string{"力争第四季度完成。"}, "2020-05", "2020-12-31", inferred, "力争第四季度完成"},
		{[]string{"拟于明年6月底前完成。"}, "2020-05", "2021-06-30", inferred, "拟于明年6月底前完成"},
		{[]string{"拟于明年底前完成。"}, "2020-05", "2021-12-31", inferred, "拟于明年底前完成"},
		{[]string{"次年底前完成整改。"}, "2020-05", "2021-12-31", inferred, "次年底前完成整改"},
		// Dateless: 近期, 长期坚持; stated, no date.
		{[]string{"三是制定责任清单、全面依岗履责。拟于近期制订《局领导班子成员“一岗双责”责任清单》，推进班子成员履行“一岗双责”制度化、清单化。"}, "2020-05",
			"", stated, "拟于近期制订《局领导班子成员“一岗双责”责任清单》"},
		{[]string{"将于近期召开专题会议。"}, "2020-05", "", stated, "将于近期召开专题会议"},
		{[]string{"对此项工作长期坚持、常抓不懈。"}, "2020-05", "", stated, "对此项工作长期坚持、常抓不懈"},
		{[]string{"三是坚持常态化开展警示教育。"}, "2020-05", "", stated, "坚持常态化开展警示教育"},
		{[]string{"长期坚持。"}, "", "", stated, "长期坚持"},
		// Several: the latest dated one; a dated one over dateless ones;
		// 近期 over 长期坚持.
		{[]string{"一是拟于2020年底前完成。", "二是力争6月底前完成。"}, "2020-05", "2020-12-31", stated, "拟于2020年底前完成"},
		{[]string{"一是力争2021年3月底前完成。", "二是确保年内完成。"}, "2020-05", "2021-03-31", stated, "力争2021年3月底前完成"},
		{[]string{"一是确保年内完成，力争2020年9月底前完成。"}, "2020-05", "2020-12-31", inferred, "确保年内完成"},
		{[]string{"一是拟于近期制订清单。", "二是力争6月底前完成。"}, "2020-05", "2020-06-30", inferred, "力争6月底前完成"},
		{[]string{"一是长期坚持学习制度。", "二是拟于近期制订清单。"}, "2020-05", "", stated, "拟于近期制订清单"},
		// Not deadlines: dates of what was done.
		{[]string{"二是组织对基层党支部“三会一课”和主题党日完成情况进行全面检查，42个基层党支部均于2020年4月底前召开巡察整改专题组织生活会，时任党支部书记作自我批评。"}, "2020-05", "", "", ""},
		{[]string{"42 个基层党支部均于 2020 年 4 月底前召开巡察整改专题组织生活会。"}, "2020-05", "", "", ""},
		{[]string{"各支部于2020年4月底前完成自查。"}, "2020-05", "", "", ""},
		{[]string{"于2020年8月底前完成了自查。"}, "2020-05", "", "", ""},
		{[]string{"已于2020年3月底前完成整改。"}, "2020-05", "", "", ""},
		{[]string{"截至2019年底，全市国考断面无劣V类，基本完成城市黑臭水体攻坚战。"}, "2020-05", "", "", ""},
		{[]string{"4月底前召开专题会议。"}, "2020-05", "", "", ""},
		{[]string{"近日，省里已下达2020年度大气污染防治目标任务。将按要求组织做好大气污染防治工作，努力完成年度目标。"}, "2020-05", "", "", ""},
		{[]string{"近期以来，我局开展了专项检查。"}, "2020-05", "", "", ""},
		{[]string{"近期，召开了专题会议。"}, "2020-05", "", "", ""},
		// Not deadlines: 年内 beginning another word, dates in a title.
		{[]string{"二是制定《市生态环境局2020年内控及审计工作方案》，对局系统内控制度、预决算、资产、财务收支、政府采购等情况进行审查，实现内控管理及内部审计全覆盖。"}, "2020-05", "", "", ""},
		{[]string{"制定2020年内控及审计工作方案，确保落实。"}, "2020-05", "", "", ""},
		{[]string{"将食堂经费纳入2020年内部审计计划，确保完成。"}, "2020-05", "", "", ""},
		{[]string{"一是拟订《武汉市2020年大气污染防治工作方案》，明确“压煤、控车、治企、抑尘”措施。"}, "2020-05", "", "", ""},
		{[]string{"拟订《示例局2020年底前整改任务清单》。"}, "2020-05", "", "", ""},
		// Not deadlines: durations, other years, periods, starts, ranges.
		{[]string{"局党组书记每季度调度1次，其他班子成员每半年检查1次。"}, "2020-05", "", "", ""},
		{[]string{"力争3年内完成。"}, "2020-05", "", "", ""},
		{[]string{"去年底前完成整改。"}, "2020-05", "", "", ""},
		{[]string{"去年6月底前完成整改。"}, "2020-05", "", "", ""},
		{[]string{"该办法将于2020年7月1日起施行。"}, "2020-05", "", "", ""},
		{[]string{"2020年1-4月，全市空气质量优良率同比提高。"}, "2020-05", "", "", ""},
		{[]string{"三是注重常态化监督检查。"}, "2020-05", "", "", ""},
		{[]string{"青山区、新洲区已确定6家化工企业，将开展地下水常态化监测。"}, "2020-05", "", "", ""},
		// No notice date: a phrase without a year cannot be dated.
		{[]string{"力争6月底前完成整改。"}, "", "", "", ""},
		{nil, "2020-05", "", "", ""},
	}
	for _, tt := range tests {
		d, b, e, _ := readDeadline(tt.measures, tt.published)
		if d != tt.deadline || b != tt.basis || e != tt.evidence {
			t.Errorf("readDeadline(%q, %q)\n got %q %q %q\nwant %q %q %q", tt.measures, tt.published, d, b, e, tt.deadline, tt.basis, tt.evidence)
		}
	}
	if _, _, _, undated := readDeadline([]string{"力争6月底前完成整改。"}, ""); !undated {
		t.Error("a phrase without a year and no notice date should be reported as undated")
	}
}

func TestFindAccountability(t *testing.T) {
	a := func(kind string, count int, whom, text string) notice.Action {
		return notice.Action{Kind: kind, Count: count, Whom: whom, Text: text}
	}
	tests := []struct {
		in   string
		want []notice.Action
	}{
		{"四是严格责任追究。督促监测中心对1名责任人予以诫勉处理、对3名责任人进行批评教育；督促监察支队给予当事人党内严重警告、行政撤职处理，对1名时任分管领导进行批评教育并要求作出书面检查。", []notice.Action{
			a("诫勉", 1, "责任人", "督促监测中心对1名责任人予以诫勉处理、对3名责任人进行批评教育"),
			a("批评教育", 3, "责任人", "督促监测中心对1名责任人予以诫勉处理、对3名责任人进行批评教育"),
			a("党内严重警告", 1, "当事人", "督促监察支队给予当事人党内严重警告、行政撤职处理"),
			a("行政撤职", 1, "当事人", "督促监察支队给予当事人党内严重警告、行政撤职处理"),
			a("批评教育", 1, "时任分管领导", "对1名时任分管领导进行批评教育并要求作出书面检查"),
			a("责令作出书面检查", 1, "时任分管领导", "对1名时任分管领导进行批评教育并要求作出书面检查"),
		}},
		// 党内警告 is not found inside 党内严重警告, nor 党内严重警告 inside 党内警告.
		{"给予1名同志党内警告处分。给予 1 名同志党内严重警告处分。", []notice.Action{
			a("党内警告", 1, "同志", "给予1名同志党内警告处分"),
			a("党内严重警告", 1, "同志", "给予 1 名同志党内严重警告处分"),
		}},
		// "严肃追责问责" is a heading, not an action; the counts in words.
		{"三是严肃追责问责，给予2名责任人党纪处分，对三名责任人进行了问责处理。", []notice.Action{
			a("党纪处分", 2, "责任人", "给予2名责任人党纪处分"),
			a("问责处理", 3, "责任人", "对三名责任人进行了问责处理"),
		}},
		{"市生态环境局党组向市政府党组作出书面检查。责成监察支队、监测中心、环科院等3个局属单位党委分别向局党组作深刻检查。", []notice.Action{
			a("责令作出书面检查", 1, "市生态环境局党组", "市生态环境局党组向市政府党组作出书面检查"),
			a("责令作出书面检查", 3, "局属单位党委", "责成监察支队、监测中心、环科院等3个局属单位党委分别向局党组作深刻检查"),
		}},
		{"将3名退休的专业技术人员兼职取酬问题移交单位纪委调查处理，督促单位原党委书记退回款项并移交派驻纪检监察组调查处理。", []notice.Action{
			a("移交调查", 3, "退休的专业技术人员", "将3名退休的专业技术人员兼职取酬问题移交单位纪委调查处理"),
			a("移交调查", 1, "原党委书记", "督促单位原党委书记退回款项并移交派驻纪检监察组调查处理"),
		}},
		{"查处问题15起，给予党纪政务处分12人。", []notice.Action{a("党纪处分", 12, "", "给予党纪政务处分12人")}},
		{"对1名科室负责人进行了提醒谈话。对2名同志进行诫勉谈话。", []notice.Action{
			a("提醒谈话", 1, "科室负责人", "对1名科室负责人进行了提醒谈话"),
			a("诫勉", 2, "同志", "对2名同志进行诫勉谈话"),
		}},
		// A count right after each kind is its own; a breakdown after 其中
		// is not counted again.
		{"对相关责任人诫勉1人、提醒谈话2人、批评教育3人。", []notice.Action{
			a("诫勉", 1, "相关责任人", "对相关责任人诫勉1人、提醒谈话2人、批评教育3人"),
			a("提醒谈话", 2, "相关责任人", "对相关责任人诫勉1人、提醒谈话2人、批评教育3人"),
			a("批评教育", 3, "相关责任人", "对相关责任人诫勉1人、提醒谈话2人、批评教育3人"),
		}},
		{"给予2名党员党纪处分（其中党内警告1人、党内严重警告1人）。", []notice.Action{
			a("党纪处分", 2, "党员", "给予2名党员党纪处分（其中党内警告1人、党内严重警告1人）"),
		}},
		{"问责处理3人，其中诫勉2人。", []notice.Action{a("问责处理", 3, "", "问责处理3人")}},
		{"给予党纪政务处分2人（其中开除党籍1人、政务撤职1人）。", []notice.Action{a("党纪处分", 2, "", "给予党纪政务处分2人（其中开除党籍1人、政务撤职1人）")}},
		{"对3名干部进行组织处理，其中免职1人、降职2人。", []notice.Action{a("组织处理", 3, "干部", "对3名干部进行组织处理")}},
		{"对2名干部进行组织处理，对其中1人给予党内警告处分。给予2人政务处分，其中1人同时给予诫勉。", []notice.Action{
			a("组织处理", 2, "干部", "对2名干部进行组织处理"),
			a("党内警告", 1, "", "对其中1人给予党内警告处分"),
			a("政务处分", 2, "", "给予2人政务处分"),
			a("诫勉", 1, "", "其中1人同时给予诫勉"),
		}},
		{"对3名同志进行提醒谈话，对其中1名同志给予党内警告处分。", []notice.Action{
			a("提醒谈话", 3, "同志", "对3名同志进行提醒谈话"),
			a("党内警告", 1, "同志", "对其中1名同志给予党内警告处分"),
		}},
		// Not actions: a document's title, 任免职务, a job rotation.
		{"制定《干部问责和组织处理办法》，规范干部任免职务程序，对在同一岗位任职满5年的12名干部调整工作岗位。", nil},
		// The heavier kinds.
		{"给予开除党籍处分1人，给予留党察看处分1人。给予1名干部政务记过处分。", []notice.Action{
			a("开除党籍", 1, "", "给予开除党籍处分1人"),
			a("留党察看", 1, "", "给予留党察看处分1人"),
			a("政务处分", 1, "干部", "给予1名干部政务记过处分"),
		}},
		{"组织处理2人，移送司法机关1人。对2个单位进行通报批评。", []notice.Action{
			a("组织处理", 2, "", "组织处理2人"),
			a("移交调查", 1, "", "移送司法机关1人"),
			a("通报批评", 2, "", "对2个单位进行通报批评"),
		}},
		// Not accountability: work talks, self-criticism, inspections.
		{"局主要领导对时任负责人进行工作谈话。时任党支部书记作自我批评。进行全面检查，开展工作检查。", nil},
	}
	for _, tt := range tests {
		in, _ := repair(tt.in)
		got, _ := findAccountability(in)
		for i := range tt.want {
			tt.want[i].Text, _ = repair(tt.want[i].Text)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("findAccountability(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

// A clause about somebody with a word of accountability and no kind read
// is reported; headings and set phrases are not.
func TestUnreadAccountability(t *testing.T) {
	_, got := findAccountability("严肃追责问责，对相关责任人进行严肃问责。对3个党支部书记进行约谈，采取约谈等多种方式。纳入纪检机关监督执纪问责范畴，对2名同志进行批评教育。")
	want := []string{"对相关责任人进行严肃问责", "对3个党支部书记进行约谈"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("unread accountability: got %q, want %q", got, want)
	}
}

func TestFindRegulations(t *testing.T) {
	r := func(title, action string) notice.Regulation { return notice.Regulation{Title: title, Action: action} }
	tests := []struct {
		in   string
		want []notice.Regulation
	}{
		{"制定《甲清单》，从12个方面细化；制订《乙办法》和《丙细则》，修订完善《丁规定（试行）》。", []notice.Regulation{r("甲清单", "制定"), r("乙办法", "制定"), r("丙细则", "制定"), r("丁规定（试行）", "修订")}},
		{"修订出台《甲规则》，起草完成《乙规程》。编制完成《丙纲要（2019-2025年）》（征求意见稿）。", []notice.Regulation{r("甲规则", "修订"), r("乙规程", "起草"), r("丙纲要（2019-2025年）", "编制")}},
		{"制发《市生态环境局关于印发工作QQ群管理规定的通知》。发布《负面清单（2019年度）》。拟订《工作方案》。", []notice.Regulation{r("市生态环境局关于印发工作QQ群管理规定的通知", "印发"), r("负面清单（2019年度）", "印发"), r("工作方案", "起草")}},
		{"完成《甲实施办法》起草工作，完成《乙管理办法》修订工作。", []notice.Regulation{r("甲实施办法", "起草"), r("乙管理办法", "修订")}},
		{"督促有关单位制订（修订）《甲办法》《乙办法》等制度。", []notice.Regulation{r("甲办法", "制定"), r("乙办法", "制定")}},
		// Inner 〈〉 kept; duplicates within a problem dropped.
		{"制定《市生态环境局关于印发〈2020年度清单〉的通知》。印发《市生态环境局关于印发〈2020年度清单〉的通知》。", []notice.Regulation{r("市生态环境局关于印发〈2020年度清单〉的通知", "制定")}},
		// Studied, executed, handed down, a periodical, planned: not adopted.
		{"将《党组工作条例》《议事规则》等纳入学习内容。严格执行《工作规则》。集中学习《甲条例》和《乙细则》。下达《责令整改通知书》。编发《武汉生态环境》专刊。拟于近期制订《责任清单》。", nil},
	}
	for _, tt := range tests {
		if got := findRegulations(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("findRegulations(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

func TestContact(t *testing.T) {
	tests := []struct {
		text string
		want notice.Contact
	}{
		{"联系电话：027-85808616；邮政地址：武汉市江汉区新华路422号（信封上请注明“巡察整改意见建议”），邮政编码：430015；电子邮箱：whhbjrsc@163.com。",
			notice.Contact{Phone: "027-85808616", Email: "whhbjrsc@163.com", Address: "武汉市江汉区新华路422号", Postcode: "430015", EnvelopeNote: "信封上请注明“巡察整改意见建议”"}},
		{"联系电话：0710-3212345；通信地址：某某市人民路1号市委督查室（邮编：441000）；电子邮箱：sjdcs@example.gov.cn。",
			notice.Contact{Phone: "0710-3212345", Email: "sjdcs@example.gov.cn", Address: "某某市人民路1号市委督查室", Postcode: "441000"}},
		{"联系电话：0734-1234567，邮政编码：421000，来信请寄：某某县教育局办公室。",
			notice.Contact{Phone: "0734-1234567", Address: "某某县教育局办公室", Postcode: "421000"}},
		// Blanks around the hyphen; the address ends at the end of its line.
		{"联系电话：0351 - 7654321（办公室）\n邮政地址：平安乡政府大院\n二〇二三年八月十日",
			notice.Contact{Phone: "0351-7654321", Address: "平安乡政府大院"}},
		// A hotline of five digits, a number written in two groups, a
		// mailbox as the address.
		{"联系电话：0731-12380（工作日8:30—12:00）；邮政信箱：长沙市A001号邮政信箱；电子邮箱：xszg@cnsw.gov.cn。",
			notice.Contact{Phone: "0731-12380", Email: "xszg@cnsw.gov.cn", Address: "长沙市A001号邮政信箱"}},
		{"联系电话：0551—6287 3301；邮政信箱：合肥市某某路1号区委巡察办，邮政编码：230001。",
			notice.Contact{Phone: "0551-62873301", Address: "合肥市某某路1号区委巡察办", Postcode: "230001"}},
		{"联系电话：13912345678。", notice.Contact{Phone: "13912345678"}},
	}
	for _, tt := range tests {
		d := &doc{n: &notice.Notice{Contact: notice.Contact{Text: tt.text}}}
		d.readContact()
		tt.want.Text = tt.text
		if d.n.Contact != tt.want {
			t.Errorf("contact of %q\n got %+v\nwant %+v", tt.text, d.n.Contact, tt.want)
		}
	}
}

func TestDeclaredAndMetadata(t *testing.T) {
	src := "中共某某局党组关于市委巡察反馈问题整改情况的通报\n（2020年5月）\n" +
		"市委第一巡察组于2019年7月31日至9月25日对市某某局进行了巡察，并于12月6日反馈了巡察意见。\n" +
		"一、整改工作\n针对反馈的 5 个方面、六个具体问题，制定完善 40 项制度，追责问责 44 人次(件)。其中,党内严重警告 2 人次,责令作出检查 9 人次(件),约谈 3 人次。\n" +
		"二、整改情况\n（1）针对“甲”的问题，一是乙。\n"
	n, diags := importText(t, src)
	want := notice.Declared{Areas: 5, Problems: 6, Regulations: 40, Accountability: 44, AccountabilityByKind: []notice.KindCount{
		{Kind: "党内严重警告", Count: 2, Text: "党内严重警告2人次"},
		{Kind: "责令作出书面检查", Count: 9, Text: "责令作出检查9人次（件）"},
	}}
	if !reflect.DeepEqual(n.Declared, want) {
		t.Errorf("declared = %+v\nwant %+v", n.Declared, want)
	}
	got := []string{n.Issuer, n.InspectingBody, n.InspectedUnit, n.InspectionStart, n.InspectionEnd, n.FeedbackDate, n.Published}
	if w := []string{"中共某某局党组", "市委第一巡察组", "市某某局", "2019-07-31", "2019-09-25", "2019-12-06", "2020-05"}; !reflect.DeepEqual(got, w) {
		t.Errorf("metadata = %q, want %q", got, w)
	}
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
	}
	all := strings.Join(msgs, "\n")
	for _, w := range []string{
		"t.txt:5: 警告: 问责分类“约谈3人次”不在词表中",
		"t.txt:5: 警告: 通报写明5个方面，导入得到0个方面",
		"t.txt:5: 警告: 通报写明6个具体问题，导入得到1个",
		"t.txt:5: 警告: 通报写明40项制度，各问题中写明制定、修订、印发等的文件共0项（去重后0项）",
		"t.txt:5: 警告: 通报写明追责问责44人次，各问题中逐项写明的共0人次（责令作出书面检查声明9、提取0，党内严重警告声明2、提取0）",
		"t.txt:7: 警告: 未找到联系方式",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("missing diagnostic %q in\n%s", w, all)
		}
	}
}

// Header fields as notices word them: qualified totals, inspecting bodies
// with quotes and rounds, a feedback date far from 反馈.
func TestMetadataVariants(t *testing.T) {
	tests := []struct {
		preamble string
		problems int
		body     string
		feedback string
	}{
		{"今年以来，共推进2个省委巡视反馈问题整改。", 2, "", ""},
		{"针对反馈的3个方面问题、12个具体问题，制定整改方案。", 12, "", ""},
		{"巡察组共反馈具体问题共15个。", 15, "巡察组", ""},
		{"巡察组反馈的15个问题已全部整改。", 15, "巡察组", ""},
		{"聚焦群众反映的3个突出问题开展专项整治。", 0, "", ""},
		{"对反馈的2个方面16个突出问题逐项整改。", 16, "", ""},
		{"巡察组反馈了8个主要问题。", 8, "巡察组", ""},
		// A count in a set phrase is no total of problems.
		{"开展违反中央八项规定精神问题专项整治，对“两个责任”落实不到位问题开展专项检查。", 0, "", ""},
		{"查处违反“六项禁令”问题3起。", 0, "", ""},
		{"2023年4月至6月，七届市委第三轮巡察二组对我局开展了常规巡察，2023年7月10日反馈了巡察意见。", 0, "七届市委第三轮巡察二组", "2023-07-10"},
		{"2021年1月5日至2月20日，市委“放管服”改革专项巡察组对市戊局进行了专项巡察。2021年4月8日，市委“放管服”改革专项巡察组向市戊局党组反馈了巡察意见。", 0, "市委“放管服”改革专项巡察组", "2021-04-08"},
		{"2020年5月4日至7月3日，市委第二巡察组对示例局党组进行巡察。2020年9月9日，市委常委、市纪委书记、市监委主任某某某同志带队向示例局党组反馈了巡察意见。", 0, "市委第二巡察组", "2020-09-09"},
		{"根据省委统一部署，省委第六巡视组于2019年3月至5月对我市进行了巡视，并于7月12日反馈了巡视意见。", 0, "省委第六巡视组", ""},
	}
	for _, tt := range tests {
		src := "中共某某局党组关于巡察整改情况的通报\n（2024年1月）\n" + tt.preamble + "\n一、整改情况\n（1）针对“甲”的问题，已完成整改。\n"
		n, _, err := Import("t.txt", []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if n.Declared.Problems != tt.problems || n.InspectingBody != tt.body || n.FeedbackDate != tt.feedback {
			t.Errorf("%s\n got problems=%d body=%q feedback=%q\nwant problems=%d body=%q feedback=%q",
				tt.preamble, n.Declared.Problems, n.InspectingBody, n.FeedbackDate, tt.problems, tt.body, tt.feedback)
		}
	}
}

// A first line that is a date or has no Chinese words is not a title: no
// title is invented, the import warns, and a date is the publication date.
func TestNoInventedTitle(t *testing.T) {
	for _, first := range []string{"2024-05-20", "（2024年5月20日）", "ABC 123"} {
		src := first + "\n根据市委统一部署，市委第一巡察组对示例局进行了巡察。\n一、整改情况\n（1）针对“甲”的问题，已完成整改。\n"
		n, diags, err := Import("t.txt", []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if n.Title != "" {
			t.Errorf("%q: title = %q, want none", first, n.Title)
		}
		warned := false
		for _, d := range diags {
			warned = warned || strings.Contains(d.Message, "未找到通报标题")
		}
		if !warned {
			t.Errorf("%q: no warning about the missing title: %v", first, diags)
		}
		if isDateLine(first) && n.Published != "2024-05-20" {
			t.Errorf("%q: published = %q, want 2024-05-20", first, n.Published)
		}
	}
}

func TestParseCorrections(t *testing.T) {
	good := "# 更正清单\n[[corrections]]\nfrom = \"主题党目\"\nto = \"主题党日\"\nnote = \"误识\"\n\n[[corrections]]\nfrom = \"于部\"\nto = \"干部\"\nnote = \"误识\"\n"
	cs, err := ParseCorrections("c.toml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if want := []Correction{{From: "主题党目", To: "主题党日", Note: "误识", Line: 2}, {From: "于部", To: "干部", Note: "误识", Line: 7}}; !reflect.DeepEqual(cs, want) {
		t.Errorf("got %+v, want %+v", cs, want)
	}
	bad := []struct{ in, want string }{
		{"[[corrections]]\nfrom = \"a\"\nto = \"b\"\nnote = \"n\"\nwhere = \"x\"\n", "c.toml:5: 错误: 更正清单中有未知的键“corrections.where”"},
		{"[[corrections]]\nfrom = \"a\"\nto = \"b\"\n", "c.toml:1: 错误: 更正“a→b”缺少 note"},
		{"[[corrections]]\nfrom = \"a\"\nto = \"a\"\nnote = \"n\"\n", "c.toml:1: 错误: 更正条目的 from 与 to 相同"},
		{"[[corrections]]\nto = \"b\"\nnote = \"n\"\n", "c.toml:1: 错误: 更正条目缺少 from"},
		{"[[corrections]]\nfrom = \"a\n", "c.toml:2: 错误: 更正清单不是有效的TOML"},
	}
	for _, tt := range bad {
		_, err := ParseCorrections("c.toml", []byte(tt.in))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ParseCorrections(%q) error = %v, want prefix %q", tt.in, err, tt.want)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	src := "标题\n一、部分\n（1）针对“甲”的问题，一是乙\xff。\n\xfe\n\xfe\n\xfe\n"
	n, diags := importText(t, src)
	var got []string
	for _, d := range diags {
		if strings.Contains(d.Message, "UTF-8") {
			got = append(got, d.String())
		}
	}
	if len(got) != 4 || !strings.HasPrefix(got[0], "t.txt: 警告: 共有4行含有无效的UTF-8字节") || !strings.HasPrefix(got[1], "t.txt:3: 警告: 这一行含有无效的UTF-8字节") {
		t.Errorf("diagnostics: %q", got)
	}
	if m := n.Issues[0].Measures[0]; m != "一是乙\uFFFD。\uFFFD\uFFFD\uFFFD" {
		t.Errorf("measure %q", m)
	}
}

// Signature dates in Chinese numerals are dates; a count after 诫勉谈话 is
// its count.
func TestChineseDatesAndTrailingCounts(t *testing.T) {
	for in, want := range map[string]string{"二〇二三年八月十日": "2023-08-10", "二○二○年五月": "2020-05", "（二〇二一年十二月三十一日）": "2021-12-31"} {
		if got := publishedOf(in); got != want {
			t.Errorf("publishedOf(%q) = %q, want %q", in, got, want)
		}
	}
	as, _ := findAccountability("对相关责任人诫勉谈话2人次")
	if len(as) != 1 || as[0].Kind != "诫勉" || as[0].Count != 2 {
		t.Errorf("诫勉谈话2人次: %+v", as)
	}
}

// A web copy with the whole notice on one line: parts, headings and the
// contact paragraph come apart.
func TestRunTogetherContact(t *testing.T) {
	src := "示例县委组织部关于巡察整改情况的通报\n根据县委部署，县委第一巡察组对我部进行了巡察。 一、整改情况 （一）关于“软弱涣散”的问题，整顿软弱涣散村党组织2个，目前已基本整改到位。 联系电话：0736-5551234。\n"
	n, _ := importText(t, src)
	if len(n.Issues) != 1 || strings.Contains(strings.Join(n.Issues[0].Measures, ""), "联系电话") {
		t.Fatalf("issues = %+v", n.Issues)
	}
	if n.Contact.Phone != "0736-5551234" || n.Issues[0].Status != "基本完成" {
		t.Errorf("phone = %q, status = %q", n.Contact.Phone, n.Issues[0].Status)
	}
}

// A deadline without a year in a notice whose date cannot be read is not
// recorded, and the import says so; one with its year is.
func TestDeadlineWithoutNoticeDate(t *testing.T) {
	src := "示例县委组织部关于巡察整改情况的通报\n根据县委部署，县委第一巡察组对我部进行了巡察。\n一、整改情况\n（1）针对“软弱涣散”的问题，整顿软弱涣散村党组织2个，力争6月底前完成整改。\n（2）针对“台账不全”的问题，拟于2020年底前完成台账建设。\n联系电话：0736-5551234。\n"
	n, diags := importText(t, src)
	if n.Published != "" || len(n.Issues) != 2 {
		t.Fatalf("published %q, %d issues", n.Published, len(n.Issues))
	}
	if is := n.Issues[0]; is.Deadline != "" || is.DeadlineBasis != "" || is.DeadlineEvidence != "" {
		t.Errorf("problem 1: deadline %q %q %q, want none", is.Deadline, is.DeadlineBasis, is.DeadlineEvidence)
	}
	if is := n.Issues[1]; is.Deadline != "2020-12-31" || is.DeadlineBasis != notice.StatusStated {
		t.Errorf("problem 2: deadline %q %q", is.Deadline, is.DeadlineBasis)
	}
	warned := false
	for _, d := range diags {
		if strings.Contains(d.Message, "问题（1）写了没有年份的整改期限") && d.Line == 4 {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning about problem 1's undated deadline: %v", diags)
	}
}

// Control characters inside lines (a PDF's form feed, a stray \x01) are
// layout: the import drops them, keeps every word, and its data passes the
// check that rejects them.
func TestControlCharactersDropped(t *testing.T) {
	src := "中共示例局党组关于巡察整改\f情况的通报\n（2020年5月）\n一、整改\x01情况\n（一）在政治建设方面\n1.针对“作风\x7f不实”的问题，一是对1名责任人进行诫勉处理。\n联系电话：027-85808616。\n"
	n, _, err := Import("t.txt", []byte(src), Options{ID: "t", Source: "originals/t.txt"})
	if err != nil {
		t.Fatal(err)
	}
	data, err := notice.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	for _, esc := range []string{`\f`, `\u0001`, `\u007F`, "\f", "\x01", "\x7f"} {
		if strings.Contains(string(data), esc) {
			t.Errorf("the data holds %q:\n%s", esc, data)
		}
	}
	for _, words := range []string{"巡察整改情况的通报", "整改情况", "作风不实"} {
		if !strings.Contains(string(data), words) {
			t.Errorf("the data lost %q:\n%s", words, data)
		}
	}
}

// A printed page number copied with the text out of a PDF, on a line of its
// own inside a sentence, is not the notice's text: it goes, with a warning,
// and the sentence joins up. A bare number stays.
func TestPageNumberLines(t *testing.T) {
	src := "中共某某局党组关于巡察整改情况的通报\n（2024年1月）\n巡察组反馈了意见。\n一、整改情况\n（1）针对“甲”的问题，对工程股负责人张某某\n— 2 —\n进行诫勉谈话，已完成整改。\n（2）针对“乙”的问题，清理台账\n第3页 共5页\n12\n处，已完成整改。\n"
	n, diags := importText(t, src)
	if got := strings.Join(n.Issues[0].Measures, ""); got != "对工程股负责人张某某进行诫勉谈话，已完成整改。" {
		t.Errorf("problem 1 reads %q", got)
	}
	if got := strings.Join(n.Issues[1].Measures, ""); got != "清理台账12处，已完成整改。" {
		t.Errorf("problem 2 reads %q", got)
	}
	var said []string
	for _, d := range diags {
		if strings.Contains(d.Message, "页码") {
			said = append(said, d.String())
		}
	}
	if len(said) != 2 {
		t.Errorf("want a warning for each of the 2 page numbers, got %q", said)
	}
	// A number alone between two sentences is a page number; a heading's
	// number broken off its line joins it.
	src = "中共某某局党组关于巡察整改情况的通报\n（2024年1月）\n巡察组反馈了意见。\n一、整改情况\n1.针对“甲”的问题。新建户厕326座。持续推进。\n2\n.针对“乙”的问题。会议室已改作档案室。\n7\n已完成整改。\n"
	n, diags = importText(t, src)
	if len(n.Issues) != 2 || n.Issues[1].Title != "乙" || strings.Join(n.Issues[1].Measures, "") != "会议室已改作档案室。已完成整改。" {
		t.Errorf("issues %+v", n.Issues)
	}
	if !strings.Contains(fmt.Sprint(diags), "已去掉印刷的页码“7”") {
		t.Errorf("no warning for the page number 7: %v", diags)
	}
	// A number between two items is a page number too.
	src = "中共某某局党组关于巡察整改情况的通报\n（2024年1月）\n巡察组反馈了意见。\n一、整改情况\n1.针对“甲”的问题，一是修订制度；\n5\n二是对3名干部进行提醒谈话。\n2.针对“乙”的问题，一是清理：\n6\n12名干部被诫勉。\n"
	n, _ = importText(t, src)
	if got := strings.Join(n.Issues[0].Measures, "|"); got != "一是修订制度；|二是对3名干部进行提醒谈话。" {
		t.Errorf("problem 1 reads %q", got)
	}
	if got := strings.Join(n.Issues[1].Measures, ""); got != "一是清理：12名干部被诫勉。" {
		t.Errorf("problem 2 reads %q", got)
	}
	// A number after a colon, or before a problem's words, is the notice's.
	src = "中共某某局党组关于巡察整改情况的通报\n（2024年1月）\n巡察组反馈了意见。\n一、整改情况\n1.针对“甲”的问题，开展检查，清退资金共计：\n120\n万元。\n2.针对“乙”的问题，已完成整改。\n3\n针对“丙”的问题，已完成整改。\n"
	n, _ = importText(t, src)
	if got := strings.Join(n.Issues[0].Measures, ""); got != "开展检查，清退资金共计：120万元。" {
		t.Errorf("problem 1 reads %q", got)
	}
	if got := strings.Join(n.Issues[1].Measures, ""); !strings.Contains(got, "3针对“丙”") {
		t.Errorf("problem 2 reads %q; want the number 3 kept", got)
	}
}

// The rows of a table (as the Word and web readers give them, cells between
// ｜) are paragraphs and measures of their own, with a warning for the
// table; its cells do not run into each other or into the next row.
func TestTableRows(t *testing.T) {
	src := "中共某某局党组关于巡察整改情况的通报\n（2024年1月）\n巡察组反馈了意见。\n一、整改情况\n（1）针对“甲”的问题，见下表。\n｜序号｜整改措施｜完成情况｜\n｜1｜修订《公务用车使用管理办法》，实行派车单制度｜已完成｜\n｜2｜对3名违规使用公务用车人员进行提醒谈话｜已完成｜\n（2）针对“乙”的问题，已完成整改。\n"
	n, diags := importText(t, src)
	want := []string{"见下表。", "｜序号｜整改措施｜完成情况｜", "｜1｜修订《公务用车使用管理办法》，实行派车单制度｜已完成｜", "｜2｜对3名违规使用公务用车人员进行提醒谈话｜已完成｜"}
	if !reflect.DeepEqual([]string(n.Issues[0].Measures), want) {
		t.Errorf("measures %q\nwant %q", n.Issues[0].Measures, want)
	}
	if a := n.Issues[0].Accountability; len(a) != 1 || a[0].Count != 3 || a[0].Text != "对3名违规使用公务用车人员进行提醒谈话" {
		t.Errorf("accountability %+v", a)
	}
	if len(n.Issues[0].Regulations) != 1 {
		t.Errorf("regulations %+v", n.Issues[0].Regulations)
	}
	tables := 0
	for _, d := range diags {
		if strings.Contains(d.Message, "表格（3行）") {
			tables++
		}
		if strings.Contains(d.Message, "句末标点") {
			t.Errorf("a row taken for a cut-off text: %s", d)
		}
	}
	if tables != 1 {
		t.Errorf("want one warning for the table, got %d: %v", tables, diags)
	}
	// A row right after the lead, and a table of one row, stand apart too.
	n, _ = importText(t, "中共某某局党组关于巡察整改情况的通报\n（2024年1月）\n巡察组反馈了意见。\n一、整改情况\n（1）针对“甲”的问题。\n｜序号｜整改事项｜\n下一步将常态化开展检查。\n（2）针对“乙”的问题，已完成整改。\n")
	if want := []string{"｜序号｜整改事项｜", "下一步将常态化开展检查。"}; !reflect.DeepEqual([]string(n.Issues[0].Measures), want) {
		t.Errorf("measures %q\nwant %q", n.Issues[0].Measures, want)
	}
}

// A line that starts with a label (整改时限：, 完成情况：) starts a paragraph
// and a measure of its own, though the line before has no full stop.
func TestLabelLinesStartParagraphs(t *testing.T) {
	src := "中共某某局党组关于巡察整改情况的通报\n（2024年1月）\n巡察组反馈了意见。\n一、整改情况\n1.关于“甲”的问题\n整改措施：开展专项检查。\n整改时限：立行立改\n完成情况：已完成整改。\n2.关于“乙”的问题\n整改措施：建立台账。\n"
	n, _ := importText(t, src)
	is := n.Issues[0]
	if want := []string{"开展专项检查。", "整改时限：立行立改", "完成情况：已完成整改。"}; !reflect.DeepEqual([]string(is.Measures), want) {
		t.Errorf("measures %q, want %q", is.Measures, want)
	}
	if is.Status != "已完成" || is.StatusEvidence != "完成情况：已完成整改" {
		t.Errorf("status %q from %q", is.Status, is.StatusEvidence)
	}
	if got, want := splitMeasures("新建医共体2个。\n整改责任人：局党组书记、局长\n整改时限：长期坚持。"), []string{"新建医共体2个。", "整改责任人：局党组书记、局长", "整改时限：长期坚持。"}; !reflect.DeepEqual(got, want) {
		t.Errorf("measures %q, want %q", got, want)
	}
	// A label alone on its line before 一是 is not an item of its own.
	if got, want := splitMeasures("开展检查。\n整改情况：\n一是甲；二是乙。"), []string{"开展检查。", "整改情况：一是甲；", "二是乙。"}; !reflect.DeepEqual(got, want) {
		t.Errorf("measures %q, want %q", got, want)
	}
}

// importText imports src as the text file t.txt with no options, failing
// the test when the importer refuses it.
func importText(t *testing.T, src string) (*notice.Notice, []notice.Diagnostic) {
	t.Helper()
	n, diags, err := Import("t.txt", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return n, diags
}

// A paragraph after the last problem stays the problem's when it speaks of
// that problem, and goes to the closing only when it speaks of the whole.
func TestClosingAfterLastProblem(t *testing.T) {
	head := "中共某某局党组关于巡察整改情况的通报\n（2021年11月）\n巡察组反馈了意见。\n一、整改情况\n1.针对“甲”的问题，一是建立台账。已完成整改。\n2.针对“乙”的问题，一是清理往来款项。二是修订办法。\n"
	for _, tail := range []string{"截至目前，该问题整改正在推进中。", "下一步，将于2022年6月底前完成剩余往来款项清理。",
		"下一步，将继续督促相关部门于2022年6月底前完成清理。", "下一步，将加强内部控制。", "截至目前，相关款项已全部收回。"} {
		n, _ := importText(t, head+tail+"\n")
		if got := strings.Join(n.Issues[1].Measures, ""); !strings.HasSuffix(got, tail) || len(n.Closing) != 0 {
			t.Errorf("%s: last measure %q, closing %q", tail, got, n.Closing)
		}
	}
	for _, tail := range []string{"下一步，局党组将持续巩固整改成果。", "总体来看，整改工作正在有序推进。",
		"截至目前，12项整改任务已完成10项，其余正在推进中。", "下一步，市住房和城乡建设局党组将于2022年6月底前完成全部整改任务。",
		"今后，将坚持长期整改，确保2022年底前全部整改到位。", "下一步，县财政局将持续抓好整改，确保2022年6月底前全部完成。"} {
		n, _ := importText(t, head+tail+"\n")
		if len(n.Closing) != 1 || n.Issues[1].Deadline != "" || strings.Contains(strings.Join(n.Issues[1].Measures, ""), tail) {
			t.Errorf("%s: closing %q, measures %q, deadline %q", tail, n.Closing, n.Issues[1].Measures, n.Issues[1].Deadline)
		}
	}
}

// A web page's table of metadata above the title is page furniture.
func TestMetadataTable(t *testing.T) {
	n, diags := importText(t, "｜索引号：｜011043398/2021-12345｜分类：｜巡察整改｜\n中共示例局党组关于巡察整改情况的通报\n（2021年12月）\n巡察组反馈了意见。\n一、整改情况\n（1）针对“甲”的问题，已完成整改。\n")
	if n.Title != "中共示例局党组关于巡察整改情况的通报" {
		t.Errorf("title %q", n.Title)
	}
	if !strings.Contains(fmt.Sprint(diags), "已去掉网页上的发布信息“｜索引号") {
		t.Errorf("no warning for the table of metadata: %v", diags)
	}
}
