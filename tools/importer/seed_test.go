package importer

import (
	"bytes"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// The seed notice: its original text, the reviewed corrections and the
// committed data file, relative to this package.
const (
	seedText        = "../../static/originals/wuhan-eeb-2020.txt"
	seedCorrections = "../../data/corrections/wuhan-eeb-2020.toml"
	seedData        = "../../data/notices/wuhan-eeb-2020.toml"
)

func importSeed(t *testing.T) (*notice.Notice, []notice.Diagnostic, []byte) {
	t.Helper()
	src, err := os.ReadFile(seedText)
	if err != nil {
		t.Fatal(err)
	}
	cdata, err := os.ReadFile(seedCorrections)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := ParseCorrections("data/corrections/wuhan-eeb-2020.toml", cdata)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{ID: "wuhan-eeb-2020", Source: "originals/wuhan-eeb-2020.txt", Corrections: cs,
		CorrectionsFile: "data/corrections/wuhan-eeb-2020.toml"}
	n, diags, err := Import("static/originals/wuhan-eeb-2020.txt", src, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkReassembly(t, n, src, opts)
	return n, diags, src
}

// TestSeedDrift: the committed data file is exactly what the importer makes
// of the original and the corrections list. (rectify check verifies the
// same for every notice: tools/dataset.)
func TestSeedDrift(t *testing.T) {
	want, err := os.ReadFile(seedData)
	if err != nil {
		t.Fatal(err)
	}
	n, _, _ := importSeed(t)
	got, err := notice.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("data/notices/wuhan-eeb-2020.toml is not what the importer produces; regenerate it with\n"+
			"  go run ./tools/cmd/rectify import --id wuhan-eeb-2020 -o data/notices/wuhan-eeb-2020.toml static/originals/wuhan-eeb-2020.txt\n"+
			"and review the diff:\n%s", lineDiff(string(want), string(got)))
	}
}

var seedTitles = []string{
	"政治建设不够有力",
	"大局观念不够牢固",
	"规划目标值相互矛盾",
	"对标看齐不够主动",
	"未传达部署长江保护修复战工作",
	"大气污染防治措施不力",
	"水污染防治成效不佳",
	"土壤污染防治力度不足",
	"环境执法不严",
	"环境监管不硬",
	"排污许可证管理把关不紧",
	"党组把关定向作用未能彰显",
	"有关文件和绩效工作未经党组会研究审议",
	"担当落实职责存在缺位",
	"为民初心有所淡化",
	"监察支队‘双评议’排位靠后",
	"中心组学习囫囵吞枣",
	"对基层政治学习抓得不够",
	"意识形态责任制未到边到底",
	"风险意识淡薄",
	"党内政治生活不严肃",
	"没有按期开展‘三会一课’和支部主题党日",
	"党员发展程序不到位",
	"党费使用不规范",
	"挂帅多出征少",
	"部署工作‘指上谈兵’",
	"信息化建设做虚功",
	"企业排污在线监测系统管理不到位",
	"党组履行主体责任不到位",
	"班子成员履行‘一岗双责’没有到位",
	"派驻纪检组执纪监督不深入",
	"纪委书记身兼多职",
	"违规公务接待、公款吃喝",
	"违规同城接待",
	"借办会之机公款吃喝",
	"重复发放参赛物资",
	"部分中央环保督察反馈问题整改不力",
	"审计反馈问题整改进度慢",
	"处罚结果执行不严",
	"项目建设涉嫌利益输送",
	"仪器设备明显超出市场价格",
	"信息化系统运维费用畸高",
	"向已停用的设备支付运维费用",
	"第三方服务采购范围过宽、存在利益输送空间",
	"采购服务决策程序不规范",
	"采购服务利用效率不高",
	"滥拨环保补助资金",
	"借款不追造成损失",
	"合资经营股权流失",
	"‘红顶中介’整治不够到位",
	"虚假发票报销费用",
	"部分干部会议推荐结果偏低",
	"任职资格条件把关不严",
	"民主推荐不规范",
	"执行‘凡提必听’不到位",
	"干部考察材料不规范",
	"讨论决定干部任免事项时发表意见不充分、记录不规范",
	"干部任职试用期考察工作不严格",
	"干部人事档案管理不规范",
	"干部违规兼职取酬",
	"基层单位因私出国（境）管理不够到位",
}

func TestSeedStructure(t *testing.T) {
	n, _, _ := importSeed(t)
	if len(n.Areas) != 5 || len(n.Categories) != 21 || len(n.Issues) != 61 {
		t.Fatalf("got %d areas, %d categories, %d problems; want 5, 21, 61", len(n.Areas), len(n.Categories), len(n.Issues))
	}
	var titles []string
	for i, is := range n.Issues {
		titles = append(titles, is.Title)
		if is.Number != i+1 || is.Label != "（"+itoa(i+1)+"）" {
			t.Errorf("problem %d: number %d, label %q", i+1, is.Number, is.Label)
		}
		if want := "针对“" + is.Title + "”的问题，"; is.Lead != want {
			t.Errorf("problem %d: lead %q, want %q", i+1, is.Lead, want)
		}
	}
	if !reflect.DeepEqual(titles, seedTitles) {
		t.Errorf("titles differ:\n%s", lineDiff(strings.Join(seedTitles, "\n"), strings.Join(titles, "\n")))
	}
	areas := []string{"在坚持党的领导方面", "在加强党的建设方面", "在全面从严治党方面", "在党风廉政和反腐败方面", "在选人用人方面"}
	for i, a := range n.Areas {
		if a.Title != areas[i] || a.Label != "（"+chineseNumeral(i+1)+"）" {
			t.Errorf("area %d: %s%s, want （%s）%s", i+1, a.Label, a.Title, chineseNumeral(i+1), areas[i])
		}
	}
	// Categories per area and problems per category, as in the original.
	catArea := []int{1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5}
	firstIssue := []int{1, 6, 9, 12, 17, 21, 25, 29, 33, 37, 40, 44, 47, 48, 50, 51, 52, 55, 59, 60, 61}
	for i, c := range n.Categories {
		if c.Area != catArea[i] || c.Label != itoa(i+1)+"." || !strings.HasPrefix(c.Title, "着力解决“") || !strings.HasSuffix(c.Title, "”问题") {
			t.Errorf("category %d: area %d, %s%s", i+1, c.Area, c.Label, c.Title)
		}
		if is := n.Issues[firstIssue[i]-1]; is.Category != i+1 || (firstIssue[i] > 1 && n.Issues[firstIssue[i]-2].Category != i) {
			t.Errorf("category %d should start at problem %d", i+1, firstIssue[i])
		}
	}
	if got := n.Categories[0].Title; got != "着力解决“‘四个意识’有所欠缺”问题" {
		t.Errorf("category 1 title %q (nested quotes)", got)
	}
	if got := n.Categories[20].Title; got != "着力解决“基层单位因私出国（境）管理宽松软”问题" {
		t.Errorf("category 21 title %q (on the same line as problem 61)", got)
	}
	// Measures: one item per 一是/二是…, one item when there is none.
	measures := []int{4, 4, 1, 3, 2, 3, 3, 3, 2, 1, 3, 3, 2, 2, 2, 2, 2, 4, 3, 3, 3, 3, 3, 3, 2, 2, 3, 3, 3, 3, 1,
		1, 3, 3, 3, 3, 1, 1, 3, 1, 2, 2, 2, 3, 3, 2, 3, 2, 2, 3, 2, 4, 5, 3, 3, 2, 3, 3, 4, 3, 3}
	for i, is := range n.Issues {
		if len(is.Measures) != measures[i] {
			t.Errorf("problem %d: %d measures, want %d: %q", i+1, len(is.Measures), measures[i], is.Measures)
			continue
		}
		for k, m := range is.Measures {
			if measures[i] > 1 && !strings.HasPrefix(m, chineseNumeral(k+1)+"是") {
				t.Errorf("problem %d measure %d does not start with %s是: %q", i+1, k+1, chineseNumeral(k+1), m)
			}
		}
		if is.Status == "" || !strings.Contains(strings.Join(is.Measures, ""), is.StatusEvidence) {
			t.Errorf("problem %d: status %q, evidence %q not in its measures", i+1, is.Status, is.StatusEvidence)
		}
	}
	// The page break inside 服…务 (problem 1) and 《中…共 (problem 17) is mended.
	if m := n.Issues[0].Measures[3]; !strings.Contains(m, "下沉社区驻守服务党员先锋队") {
		t.Errorf("problem 1 measure 4: %q", m)
	}
	if m := n.Issues[16].Measures[0]; m != "一是修订《中共武汉市生态环境局党组理论学习中心组学习制度》，从制度上保障和提升局党组理论学习中心组学习的质量和水平。" {
		t.Errorf("problem 17 measure 1: %q", m)
	}
}

func TestSeedMetadata(t *testing.T) {
	n, _, _ := importSeed(t)
	meta := map[string][2]string{
		"title":            {n.Title, "中共武汉市生态环境局党组关于市委巡察反馈问题整改情况的通报"},
		"issuer":           {n.Issuer, "中共武汉市生态环境局党组"},
		"inspected_unit":   {n.InspectedUnit, "市生态环境局"},
		"inspecting_body":  {n.InspectingBody, "市委第一巡察组"},
		"inspection_start": {n.InspectionStart, "2019-07-31"},
		"inspection_end":   {n.InspectionEnd, "2019-09-25"},
		"feedback_date":    {n.FeedbackDate, "2019-12-06"},
		"published":        {n.Published, "2020-05"},
		"source":           {n.Source, "originals/wuhan-eeb-2020.txt"},
		"phone":            {n.Contact.Phone, "027-85808616"},
		"email":            {n.Contact.Email, "whhbjrsc@163.com"},
		"address":          {n.Contact.Address, "武汉市江汉区新华路422号"},
		"postcode":         {n.Contact.Postcode, "430015"},
		"envelope_note":    {n.Contact.EnvelopeNote, "信封上请注明“巡察整改意见建议”"},
		"contact text":     {n.Contact.Text, "联系电话：027-85808616；邮政地址：武汉市江汉区新华路422号（信封上请注明“巡察整改意见建议”），邮政编码：430015；电子邮箱：whhbjrsc@163.com。"},
	}
	for k, v := range meta {
		if v[0] != v[1] {
			t.Errorf("%s = %q, want %q", k, v[0], v[1])
		}
	}
	if want := (notice.Lines{"欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。"}); !reflect.DeepEqual(n.Closing, want) {
		t.Errorf("closing = %q", n.Closing)
	}
	wantDecl := notice.Declared{Areas: 5, Problems: 61, Regulations: 40, Accountability: 44, AccountabilityByKind: []notice.KindCount{
		{Kind: "党内严重警告", Count: 2, Text: "党内严重警告2人次"},
		{Kind: "党内警告", Count: 1, Text: "党内警告1人次"},
		{Kind: "行政撤职", Count: 1, Text: "行政撤职1人次"},
		{Kind: "诫勉", Count: 4, Text: "诫勉4人次"},
		{Kind: "责令作出书面检查", Count: 9, Text: "责令作出检查9人次（件）"},
		{Kind: "批评教育", Count: 20, Text: "批评教育20人次"},
		{Kind: "提醒谈话", Count: 7, Text: "提醒谈话7人次"},
	}}
	if !reflect.DeepEqual(n.Declared, wantDecl) {
		t.Errorf("declared = %+v\nwant %+v", n.Declared, wantDecl)
	}
	var secs []string
	for _, s := range n.Sections {
		secs = append(secs, s.Label+s.Title+"|"+itoa(len(s.Paragraphs)))
	}
	if want := []string{"一、落实主体责任、坚决做好巡察整改工作|4", "二、坚持问题导向，确保整改任务落地落实|0", "三、持续抓好整改、推动环保事业健康发展|3"}; !reflect.DeepEqual(secs, want) || !n.Sections[1].Problems {
		t.Errorf("sections = %q, want %q with the second holding the problems", secs, want)
	}
	wantCorr := []notice.Correction{
		{From: "主题党目", To: "主题党日", Where: "问题（12）"},
		{From: "于部", To: "干部", Where: "问题（13）"},
		{From: "诚勉", To: "诫勉", Where: "问题（34）"},
		{From: "百吨干人", To: "千吨万人", Where: "问题（4）"},
	}
	for i := range n.Corrections {
		n.Corrections[i].Note = ""
	}
	if !reflect.DeepEqual(n.Corrections, wantCorr) {
		t.Errorf("corrections = %+v\nwant %+v", n.Corrections, wantCorr)
	}
}

// TestSeedTypography: in the committed data no ASCII , ; : ( ) " ' touches a
// Chinese character and no blank separates Chinese from digits.
func TestSeedTypography(t *testing.T) {
	var n notice.Notice
	if _, err := toml.DecodeFile(seedData, &n); err != nil {
		t.Fatal(err)
	}
	bad := []*regexp.Regexp{
		regexp.MustCompile(`\p{Han}[,;:()"']|[,;:()"']\p{Han}`),
		regexp.MustCompile(`\p{Han}\s+[0-9]|[0-9]\s+\p{Han}|\p{Han}\s+\p{Han}`),
	}
	count := 0
	walkStrings(reflect.ValueOf(n), func(s string) {
		count++
		for _, re := range bad {
			if m := re.FindString(s); m != "" {
				t.Errorf("%q in %q", m, clip(s, 60))
			}
		}
	})
	if count < 500 {
		t.Fatalf("walked only %d strings", count)
	}
	// and the original does have them, so the test can fail.
	src, _ := os.ReadFile(seedText)
	if !bad[0].Match(src) || !bad[1].Match(src) {
		t.Fatal("the original should contain ASCII punctuation and stray spaces")
	}
}

func walkStrings(v reflect.Value, f func(string)) {
	switch v.Kind() {
	case reflect.String:
		f(v.String())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			walkStrings(v.Field(i), f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), f)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestSeedDeadlines: the seed states two deadlines: problem 2's dated one
// (拟于2020年底前) and problem 30's dateless 近期. The dates of what was done
// (均于2020年4月底前召开…) and 年内 in 2020年内控 are not deadlines. Each
// deadline's evidence is a clause of its problem's measures.
func TestSeedDeadlines(t *testing.T) {
	n, _, _ := importSeed(t)
	type dl struct{ deadline, basis, evidence string }
	want := map[int]dl{
		2:  {"2020-12-31", notice.StatusStated, "拟于2020年底前提请市政府常务会议审议"},
		30: {"", notice.StatusStated, "拟于近期制订《局领导班子成员“一岗双责”责任清单》"},
	}
	for _, is := range n.Issues {
		got := dl{is.Deadline, is.DeadlineBasis, is.DeadlineEvidence}
		if got != want[is.Number] {
			t.Errorf("problem %d: deadline %+v, want %+v", is.Number, got, want[is.Number])
		}
		if got.evidence != "" && !strings.Contains(strings.Join(is.Measures, ""), got.evidence) {
			t.Errorf("problem %d: evidence %q is not in its measures", is.Number, got.evidence)
		}
	}
	// The false positives are in the seed: keep them there.
	text := ""
	for _, is := range n.Issues {
		text += strings.Join(is.Measures, "")
	}
	for _, s := range []string{"均于2020年4月底前召开", "2020年内控及审计工作方案", "截至2019年底"} {
		if !strings.Contains(text, s) {
			t.Errorf("the seed no longer has %q", s)
		}
	}
}
