package notice

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The kinds of findings. Each has an entry in kinds (what it means, how to
// fix it), which data/README.md lists; a test keeps the two in step and
// checks that testdata/bad holds an example of every kind.
const (
	kRead           = "read"
	kBOM            = "bom"
	kUTF8           = "utf8"
	kEncoding       = "encoding"
	kControl        = "control-char"
	kConflict       = "merge-conflict"
	kSyntax         = "syntax"
	kFullWidth      = "fullwidth"
	kUnknownKey     = "unknown-key"
	kType           = "type"
	kRequired       = "required"
	kSchema         = "schema"
	kID             = "id"
	kSlug           = "slug"
	kDuplicateID    = "duplicate-id"
	kNumberDup      = "number-duplicate"
	kNumberGap      = "number-gap"
	kNumberOrder    = "number-order"
	kMissingRef     = "missing-ref"
	kAreaMismatch   = "area-mismatch"
	kSections       = "sections"
	kDateFormat     = "date-format"
	kDateInvalid    = "date-invalid"
	kDateOrder      = "date-order"
	kDateFuture     = "date-future"
	kStatus         = "status"
	kEvidence       = "evidence"
	kStatusBasis    = "status-basis"
	kDeadline       = "deadline"
	kKind           = "accountability-kind"
	kCount          = "accountability-count"
	kAction         = "regulation-action"
	kRegTitle       = "regulation-title"
	kMeasures       = "measures"
	kContact        = "contact"
	kEmail          = "email"
	kPostcode       = "postcode"
	kSource         = "source"
	kUpdateOrder    = "update-order"
	kUpdateEarly    = "update-early"
	kTotal          = "total"
	kCorrectionSame = "correction-same"
	kStaffProblem   = "staff-problem"
	kStaffFillIn    = "staff-fill-in"
	kStaffContinues = "staff-continues"
	kStaffURL       = "staff-url"
	kStaffLevel     = "staff-level"
	kNoProblems     = "no-problems"
)

// kind documents one kind of finding for staff.
type kind struct {
	Code     string
	Severity Severity
	Title    string // what is wrong, in a few words
	Fix      string // how to fix it
}

// kinds lists every kind of finding in the order data/README.md shows them.
var kinds = []kind{
	{kRead, Error, "文件无法读取", "检查命令中的文件名和路径；默认检查当前目录下的 data/notices/*.toml，请在仓库根目录运行。"},
	{kBOM, Error, "文件开头有 UTF-8 BOM", "Hugo 读不了带 BOM 的 TOML。在编辑器里把文件另存为“UTF-8（无 BOM）”。"},
	{kUTF8, Error, "文件不是有效的 UTF-8", "文件被存成了 GBK 等其他编码，或有乱码。用 UTF-8 重新保存；乱码处从通报原文重新复制。"},
	{kEncoding, Error, "整个文件不是 UTF-8 编码（UTF-16 或 GBK）", "文件被存成了 UTF-16（记事本的“Unicode”）或 GBK。用编辑器把整个文件另存为“UTF-8”编码（VS Code：点右下角的编码 → 通过编码保存 → UTF-8）。"},
	{kControl, Error, "文件中有不可见的控制字符", "常见于从 PDF 复制的文字（分页处的换页符）或旧编辑器留下的单独回车符。在编辑器中显示不可见字符，删除它们。"},
	{kConflict, Error, "文件中有没有解决的 git 合并冲突", "`<<<<<<<` 与 `=======` 之间是一个版本，`=======` 与 `>>>>>>>` 之间是另一个版本。保留正确的一个（或把两边的改动合在一起），再删除这三行标记。"},
	{kSyntax, Error, "TOML 语法错误", "常见原因：文字少了结尾的英文双引号、文字里的英文双引号没有写成 `\\\"`、同一字段写了两次、方括号不成对、`True` 没有写成小写的 `true`。提示会说明怎么改；看报错的那一行。"},
	{kFullWidth, Error, "用了全角（中文）标点作为 TOML 符号", "等号、冒号、逗号、方括号、引号要用英文半角的 `=` `,` `[` `]` `\"`：切换到英文输入法再输入。文字内容中的中文标点不受影响。"},
	{kUnknownKey, Error, "未知字段（字段名拼错或放错了表）", "字段名必须与本说明中的完全一致（区分大小写，用英文）。提示里会给出最接近的正确字段名。"},
	{kType, Error, "值的类型不对", "文字要加英文双引号，数字和 true/false 不加，日期要加引号写成 `\"2020-05-12\"`，列表写成 `[\"…\", \"…\"]`。"},
	{kRequired, Error, "缺少必填字段或为空", "按提示补上该字段。必填字段见上文各表的说明。"},
	{kSchema, Error, "数据格式版本不对", "写 schema = 1。"},
	{kID, Error, "id 与文件名不一致或格式不对", "id 以小写英文字母开头，只能用小写英文字母、数字和连字符 -，并且与文件名（不含 .toml）相同，例如 wuhan-eeb-2020.toml 中写 id = \"wuhan-eeb-2020\"。以数字开头的 id（如 0430、1e5）在表格软件中会被当成数字。"},
	{kSlug, Error, "方面、类别或单位的名称生成的网址重复或不可用", "网站用方面、类别的标题和发布单位、被巡察单位、巡察组的名称生成网址（去掉标点）：只差标点的两个名称（如“形式主义官僚主义”与“形式主义、官僚主义”）网址相同，会互相覆盖；只有标点、或含 .. 的名称（方面、类别的标题还有含 / 的）生成不了可用的网址。说的是同一个方面或类别的，把标题统一为完全相同的写法，标题中的 / 改为“、”或“和”；发布单位等名称来自通报原文（或工作人员文件的补填），是同一单位的两种写法的，在写错的一处改正：原文的用更正清单后重新导入，补填的改工作人员文件。"},
	{kDuplicateID, Error, "两个文件的 id 相同", "每个通报的 id 必须唯一。给其中一个换一个 id，文件名同步修改。"},
	{kNumberDup, Error, "编号重复", "方面、类别、问题的 number 各自从 1 起连续编号，每个编号只用一次。"},
	{kNumberGap, Error, "编号跳号或不从 1 开始", "补上漏掉的那一项，或把后面的编号依次改正。"},
	{kNumberOrder, Error, "编号顺序不对", "按通报原文的顺序排列各项，编号依次递增。"},
	{kMissingRef, Error, "引用了不存在的方面或类别", "问题的 area / category、类别的 area 必须是已有的 [[areas]] / [[categories]] 的 number。"},
	{kAreaMismatch, Error, "问题与其类别不在同一个方面", "问题的 area 必须等于它的 category 所在的 area。改正其中一个。"},
	{kSections, Error, "没有或有多个问题部分", "含有问题清单的那一个 [[sections]] 写 problems = true，其他部分不写。"},
	{kDateFormat, Error, "日期格式不对", "日期写成 \"YYYY-MM-DD\"，例如 \"2019-12-06\"；published 也可以只写到月 \"2020-05\"。用英文连字符，月、日补足两位。"},
	{kDateInvalid, Error, "日期不存在", "例如 2 月 30 日、13 月。核对原文中的日期。"},
	{kDateOrder, Error, "日期先后不对", "应为 巡察开始 inspection_start ≤ 巡察结束 inspection_end ≤ 反馈 feedback_date ≤ 发布 published。核对原文。"},
	{kDateFuture, Error, "日期在未来", "不能记录今天以后的日期（按北京时间）。多半是年份写错。"},
	{kStatus, Error, "未知的整改状态", "问题的 status 只能是：" + strings.Join(Statuses, "、") + "、" + StatusUnstated + "（通报没有说明时）；工作人员文件中核实的状态和整改进展 [[problems.N.updates]] 的 status 只能是前三种。"},
	{kEvidence, Error, "状态或期限缺少依据", "从原文读出的状态要有 status_evidence（原文中的词句）；工作人员文件中核实的状态要有 status_evidence，设定的期限要有 deadline_evidence（所依据的文件或原话）。"},
	{kStatusBasis, Error, "状态来源不对", "status_basis 写 \"stated\"（原文写明）或 \"inferred\"（据原文推断）；status = \"" + StatusUnstated + "\" 时不写 status_basis。这两项由导入工具生成；人工核实的状态写在工作人员文件 data/staff/<id>.toml 中。"},
	{kDeadline, Error, "整改期限不完整", "deadline、deadline_basis、deadline_evidence 由导入工具从原文读出：写了 deadline（\"YYYY-MM-DD\"）就要有 deadline_evidence（原文中写明期限的分句）；有 deadline_evidence 就要有 deadline_basis（\"stated\" 原文写明年份或不带日期的“近期”“长期坚持”，\"inferred\" 年份据通报日期推断，此时必有 deadline）；不能只有 deadline_basis。这三项请重新导入生成，不要手改。"},
	{kKind, Error, "未知的问责方式", "kind 只能是下文“问责方式”中的一种；原文的具体说法保留在 text 中。"},
	{kCount, Error, "问责人次小于 1", "count 写原文中的人次（件）；原文没有数字时写 1。"},
	{kAction, Error, "未知的制度动作", "action 只能是：" + strings.Join(RegulationActions, "、") + "。"},
	{kRegTitle, Error, "制度名称为空或带书名号", "title 写制度名称本身，不带《》（网站显示时自动加上）。"},
	{kNoProblems, Warning, "通报没有逐个列出具体问题（警告）", "有的通报（如中央巡视整改进展情况的通报）只按工作写整改情况，不逐个列出问题。这样的通报导入后没有 [[issues]]，网站发布它的全文和联系方式，不计入问题的统计。核对原文：确实没有逐个列出问题的，警告可以保留；原文有编号的问题而没有读出的，请报告导入问题。"},
	{kMeasures, Error, "整改措施为空", "measures 至少要有一项，每项是一句非空的文字（一是…、二是… 各为一项）。"},
	{kContact, Warning, "通报没有写联系方式（警告）", "导入工具没有在原文中找到联系电话、电子邮箱或通信地址。核对原文：原文有而没有读出的，请报告导入问题；原文确实没有的，警告可以保留，网站会如实说明。"},
	{kEmail, Error, "邮箱格式不对", "写成 name@example.com 的形式，用半角 @ 和 .，不要有空格。"},
	{kPostcode, Error, "邮编格式不对", "邮编是 6 位数字，例如 postcode = \"430015\"（加引号）。"},
	{kSource, Error, "原文路径不对或原文文件不存在", "source 是相对于 static/ 的一行路径（不含换行等控制字符），例如 \"originals/wuhan-eeb-2020.txt\"；把原文放到 static/originals/ 下。"},
	{kUpdateOrder, Error, "同一天有两条整改进展", "同一问题的 [[problems.N.updates]] 中同一个日期只能有一条：完全相同的删除一条；状态不同的合并为一条，写当天最后的状态。"},
	{kUpdateEarly, Error, "整改进展早于通报发布日期", "进展记录的是通报发布之后的变化；核对日期。"},
	{kCorrectionSame, Error, "更正前后的文字相同", "[[corrections]] 的 from 与 to 必须不同；不需要更正就删除这一条。"},
	{kStaffProblem, Error, "工作人员文件中的问题编号不存在", "data/staff/<id>.toml 中写成 [problems.N]，N 是通报中问题的编号（问题网页地址 /notices/<id>/issues/N/ 中的数字）。"},
	{kStaffFillIn, Error, "工作人员文件改写了原文已有的内容", "工作人员文件只能补填原文没有的字段（通报标题、发布日期等，以及认不出的问题标题）。原文的文字有误，写进更正清单 data/corrections/<id>.toml 后重新导入。"},
	{kStaffContinues, Error, "接续的通报或问题不存在", "[notice] 的 continues 写前一份（更早发布的）通报的编号；[problems.N] 的 continues 写同一问题在那份通报中的编号。"},
	{kStaffURL, Error, "官方网址不完整", "official_url 写以 https:// 或 http:// 开头的完整网址。"},
	{kStaffLevel, Error, "巡察层级或轮次写法不对", "[notice] 的 level 只能是 省级、市级、县（区）级 之一；round 写一行文字，如 \"十四届市委第三轮巡察\"。不知道时都不写。"},
	{kTotal, Warning, "声明的总数与逐项列出的不一致（警告）", "通报自己声明的数字（[declared]）与逐项数据不同。核对原文：漏录或多录的，改正逐项数据；原文本身不一致的，保持原样，警告可以保留。"},
}

func kindSeverity(code string) Severity {
	for _, k := range kinds {
		if k.Code == code {
			return k.Severity
		}
	}
	panic("notice: unknown finding kind " + code)
}

// ValidID reports whether id can name a notice: lower-case letters, digits
// and single hyphens, starting with a letter (it is part of the notice's
// URLs and file names, and a spreadsheet reads an id such as 0430 or 1e5
// as a number).
func ValidID(id string) bool { return idRe.MatchString(id) }

// IDRule says in Chinese what ValidID accepts, for messages.
const IDRule = "以小写英文字母开头，只含小写英文字母、数字和连字符 -"

// cst is China Standard Time: "today" is today in Beijing, wherever CI runs.
var cst = time.FixedZone("CST", 8*60*60)

var (
	idRe       = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	emailRe    = regexp.MustCompile(`^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$`)
	postcodeRe = regexp.MustCompile(`^[0-9]{6}$`)
	dayRe      = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	monthRe    = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}$`)
)

// ymd is a date; d is 0 for a month ("2020-05").
type ymd struct{ y, m, d int }

func (a ymd) String() string {
	if a.d == 0 {
		return fmt.Sprintf("%04d-%02d", a.y, a.m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", a.y, a.m, a.d)
}

// cmp compares two dates; a month is equal to each of its days.
func (a ymd) cmp(b ymd) int {
	switch {
	case a.y != b.y:
		return a.y - b.y
	case a.m != b.m:
		return a.m - b.m
	case a.d == 0 || b.d == 0:
		return 0
	}
	return a.d - b.d
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// validate applies every rule about the meaning of the data to n.
func (c *checker) validate(n *Notice) {
	c.validateMeta(n)
	c.validateContact(n)
	c.validateSections(n)
	areas := c.validateAreas(n)
	cats := c.validateCategories(n, areas)
	c.validateIssues(n, areas, cats)
	c.validateSlugs(n)
	c.validateCorrections(n)
	c.validateTotals(n)
}

// require reports an empty required field. table is the path of the table
// holding it ("" for the top level), key its name.
func (c *checker) require(value, table, key, example string) bool {
	if !blank(value) {
		return true
	}
	line := c.ix.line(join(table, key), table)
	if line == 0 {
		line = 1
	}
	where := ""
	if table != "" {
		where = tableName(table) + " 中"
	}
	msg := fmt.Sprintf("%s缺少必填字段 %s", where, key)
	if _, ok := c.ix[join(table, key)]; ok {
		msg = fmt.Sprintf("%s必填字段 %s 为空", where, key)
	}
	hint := "补上，例如 " + example
	if table == "" && slices.Contains(FillIns(), key) {
		msg = fmt.Sprintf("通报原文中没有读出 %s", key)
		hint = fmt.Sprintf("在工作人员文件 data/staff/%s.toml 的 [notice] 中补填，例如 %s（数据文件由 rectify import 生成，不要手工修改）", fileID(c.file), example)
	}
	c.report(kRequired, line, msg, hint)
	return false
}

// date parses the date field key of table; it reports a bad format, an
// impossible date or a future date, and returns ok=false for those.
func (c *checker) date(value, table, key string, monthOK bool) (ymd, bool) {
	d, ok := c.parseDate(value, table, key, monthOK)
	if !ok {
		return d, false
	}
	today := c.now.In(cst)
	if d.cmp(ymd{today.Year(), int(today.Month()), today.Day()}) > 0 {
		c.report(kDateFuture, c.ix.line(join(table, key), table), fmt.Sprintf("%s = %q 在今天（%s）之后", key, value, today.Format(time.DateOnly)),
			futureHint(c.staff))
		return d, false
	}
	return d, true
}

// parseDate parses the date field key of table; it reports a bad format
// or an impossible date, and returns ok=false for those. A date may be in
// the future (a deadline).
func (c *checker) parseDate(value, table, key string, monthOK bool) (ymd, bool) {
	line := c.ix.line(join(table, key), table)
	var t time.Time
	var err error
	switch {
	case dayRe.MatchString(value):
		t, err = time.Parse(time.DateOnly, value)
	case monthOK && monthRe.MatchString(value):
		t, err = time.Parse("2006-01", value)
	default:
		want := `"YYYY-MM-DD"，例如 "2019-12-06"`
		if monthOK {
			want = `"YYYY-MM-DD" 或 "YYYY-MM"，例如 "2020-05-12" 或 "2020-05"`
		}
		c.report(kDateFormat, line, fmt.Sprintf("%s = %q 不是规定的日期格式", key, value),
			"写成 "+want+"，用英文连字符，月和日补足两位")
		return ymd{}, false
	}
	if err != nil {
		c.report(kDateInvalid, line, fmt.Sprintf("%s = %q 不是存在的日期", key, value), invalidDateHint(c.staff))
		return ymd{}, false
	}
	d := ymd{t.Year(), int(t.Month()), t.Day()}
	if len(value) == len("2020-05") {
		d.d = 0
	}
	return d, true
}

// futureHint is the fix for a future date: in the data file, a date of
// the text; in a staff file, the date of an event staff record.
func futureHint(staff bool) string {
	if staff {
		return "不能记录还没有发生的进展，多半是年份写错；核对日期"
	}
	return "不能记录未来的日期，多半是年份写错；核对原文"
}

// invalidDateHint is the fix for a date that does not exist: in the data
// file, a date of the text; in a staff file, one that staff wrote.
func invalidDateHint(staff bool) string {
	if staff {
		return "核对年月日：月份是 01 到 12，日要在这个月里（例如 2 月没有 30 日）"
	}
	return "核对原文中的年月日：月份是 01 到 12，日要在这个月里（例如 2 月没有 30 日）"
}

// dateAny checks a YYYY-MM-DD date that may lie in the future (a
// deadline): the format and that the day exists.
func (c *checker) dateAny(value, table, key string) bool {
	line := c.ix.line(join(table, key), table)
	if !dayRe.MatchString(value) {
		c.report(kDateFormat, line, fmt.Sprintf("%s = %q 不是规定的日期格式", key, value),
			`写成 "YYYY-MM-DD"，例如 "2020-12-31"，用英文连字符，月和日补足两位`)
		return false
	}
	if _, err := time.Parse(time.DateOnly, value); err != nil {
		c.report(kDateInvalid, line, fmt.Sprintf("%s = %q 不是存在的日期", key, value), invalidDateHint(c.staff))
		return false
	}
	return true
}

func (c *checker) validateMeta(n *Notice) {
	switch {
	case n.Schema == 0:
		c.require("", "", "schema", fmt.Sprintf("schema = %d", SchemaVersion))
	case n.Schema != SchemaVersion:
		c.report(kSchema, c.ix.line("schema"), fmt.Sprintf("schema = %d，本工具只认识第 %d 版数据格式", n.Schema, SchemaVersion),
			fmt.Sprintf("写 schema = %d", SchemaVersion))
	}
	base := fileID(c.file)
	if c.require(n.ID, "", "id", fmt.Sprintf("id = %q", base)) {
		switch {
		case n.ID[0] >= '0' && n.ID[0] <= '9' && idRe.MatchString("x"+n.ID):
			c.report(kID, c.ix.line("id"), fmt.Sprintf("id %q 以数字开头", n.ID),
				"id 要"+IDRule+"（表格软件会把 0430、1e5 这样的 id 当成数字）；在前面加上地区或单位的英文缩写，例如 \"wuhan-"+n.ID+"\"，并把文件改为同名")
		case !ValidID(n.ID):
			c.report(kID, c.ix.line("id"), fmt.Sprintf("id %q 格式不对", n.ID),
				"id 用作网址，要"+IDRule+"，例如 \"wuhan-eeb-2020\"")
		case slices.Contains(ReservedIDs, n.ID):
			c.report(kID, c.ix.line("id"), fmt.Sprintf("id %q 是网站保留的网址 /notices/%s/", n.ID, n.ID),
				"换一个 id，例如在前面加上地区或单位的英文缩写（\"wuhan-"+n.ID+"\"），并把文件改为同名；保留的有："+strings.Join(ReservedIDs, "、"))
		case n.ID != base:
			c.report(kID, c.ix.line("id"), fmt.Sprintf("id %q 与文件名 %s 不一致", n.ID, filepath.Base(c.file)),
				fmt.Sprintf("把 id 改为 %q，或把文件改名为 %s.toml", base, n.ID))
		}
	}
	c.require(n.Title, "", "title", `title = "中共…党组关于…巡察反馈问题整改情况的通报"`)
	c.require(n.Issuer, "", "issuer", `issuer = "中共武汉市生态环境局党组"`)
	if c.require(n.Source, "", "source", fmt.Sprintf("source = \"originals/%s.txt\"", base)) && strings.IndexFunc(n.Source, unicode.IsControl) >= 0 {
		c.report(kSource, c.ix.line("source"), fmt.Sprintf("source %q 中有换行符或其他控制字符", n.Source),
			fmt.Sprintf("source 只写一行路径，例如 source = \"originals/%s.txt\"", base))
	}

	// inspection_start ≤ inspection_end ≤ feedback_date ≤ published, each ≤ today.
	type dated struct {
		key   string
		value string
		month bool
		name  string
	}
	chain := []dated{
		{"inspection_start", n.InspectionStart, false, "巡察开始日期"},
		{"inspection_end", n.InspectionEnd, false, "巡察结束日期"},
		{"feedback_date", n.FeedbackDate, false, "反馈日期"},
		{"published", n.Published, true, "发布日期"},
	}
	var prev *dated
	var prevDate ymd
	for i := range chain {
		d := &chain[i]
		if d.value == "" {
			if d.key == "published" {
				c.require("", "", "published", `published = "2020-05"`)
			}
			continue
		}
		v, ok := c.date(d.value, "", d.key, d.month)
		if !ok {
			continue
		}
		if prev != nil && v.cmp(prevDate) < 0 {
			c.report(kDateOrder, c.ix.line(d.key), fmt.Sprintf("%s %s = %q 早于%s %s = %q", d.name, d.key, d.value, prev.name, prev.key, prev.value),
				"日期应依次为 巡察开始 ≤ 巡察结束 ≤ 反馈 ≤ 发布；核对原文")
		}
		prev, prevDate = d, v
	}
}

func (c *checker) validateContact(n *Notice) {
	ct := n.Contact
	if blank(ct.Phone) && blank(ct.Email) && blank(ct.Address) {
		line := c.ix.line("contact")
		if line == 0 {
			line = 1
		}
		c.report(kContact, line, "通报没有写联系方式（[contact] 的 phone、email、address 都为空）",
			"核对原文：原文有联系方式而没有读出的，请报告导入问题；原文确实没有的，这条警告可以保留")
	}
	if ct.Email != "" && !emailRe.MatchString(ct.Email) {
		c.report(kEmail, c.ix.line("contact.email"), fmt.Sprintf("邮箱 %q 格式不对", ct.Email),
			"写成 name@example.com 的形式，用半角 @ 和 .，去掉空格和其他文字")
	}
	if ct.Postcode != "" && !postcodeRe.MatchString(ct.Postcode) {
		c.report(kPostcode, c.ix.line("contact.postcode"), fmt.Sprintf("邮编 %q 不是 6 位数字", ct.Postcode),
			`写成 postcode = "430015"，只写 6 位数字`)
	}
}

func (c *checker) validateSections(n *Notice) {
	first := -1
	for i, s := range n.Sections {
		p := fmt.Sprintf("sections[%d]", i)
		// A problems section without a label of its own is the notice's
		// problems listed with no heading over them (the parts are the
		// problems or the areas): its title stays empty, never invented.
		if !s.Problems || s.Label != "" {
			c.require(s.Title, p, "title", `title = "落实主体责任、坚决做好巡察整改工作"`)
		}
		if !s.Problems {
			continue
		}
		if first >= 0 {
			c.report(kSections, c.ix.line(p+".problems", p), fmt.Sprintf("有多个问题部分：第 %d 个和第 %d 个 [[sections]] 都写了 problems = true", first+1, i+1),
				"只有列出具体问题的那一部分写 problems = true")
			continue
		}
		first = i
	}
	if first < 0 && len(n.Issues) > 0 {
		line := c.ix.line("sections[0]", "sections", "issues[0]")
		c.report(kSections, line, "有 [[issues]]，但没有哪个 [[sections]] 写了 problems = true",
			"在列出具体问题的那一部分（如 二、坚持问题导向…）加上 problems = true")
	}
}

// numbered checks that numbers are 1, 2, 3… in order. what names the items
// (问题、方面、类别) and paths gives the table path of each.
func (c *checker) numbered(what string, numbers []int, path func(i int) string) {
	seen := map[int]int{} // number -> index+1
	all := map[int]bool{}
	for _, num := range numbers {
		all[num] = true
	}
	expect := 1
	for i, num := range numbers {
		line := c.ix.line(path(i)+".number", path(i))
		switch {
		case num < 1:
			c.report(kNumberGap, line, fmt.Sprintf("%s编号 number = %d 无效", what, num),
				fmt.Sprintf("%s从 1 起连续编号", what))
			continue
		case seen[num] > 0:
			j := seen[num] - 1
			c.report(kNumberDup, line, fmt.Sprintf("%s编号 %d 重复（第 %d 行已用过）", what, num, c.ix.line(path(j)+".number", path(j))),
				fmt.Sprintf("每个编号只用一次；核对原文，%s从 1 起连续编号", what))
			continue
		case num > expect:
			// Numbers that come later (1, 3, 2) are an order problem, not a gap.
			present := 0 // numbers in expect..num-1 that come later
			for k := range all {
				if k >= expect && k < num {
					present++
				}
			}
			if present < num-expect {
				var list string
				switch {
				case present == 0 && num-expect > 2:
					list = fmt.Sprintf("%d–%d", expect, num-1)
				case num-expect > 20:
					list = fmt.Sprintf("%d–%d 中的 %d 个", expect, num-1, num-expect-present)
				default:
					var missing []string
					for k := expect; k < num; k++ {
						if !all[k] {
							missing = append(missing, strconv.Itoa(k))
						}
					}
					list = strings.Join(missing, "、")
				}
				c.report(kNumberGap, line, fmt.Sprintf("%s编号从 %d 跳到 %d，缺少 %s", what, expect-1, num, list),
					fmt.Sprintf("补上漏掉的%s，或依次改正后面的编号", what))
			}
		case num < expect:
			c.report(kNumberOrder, line, fmt.Sprintf("%s编号 %d 排在了 %d 之后", what, num, expect-1),
				"按通报原文的顺序排列，编号依次递增")
		}
		seen[num] = i + 1
		expect = max(expect, num+1)
	}
}

func (c *checker) validateAreas(n *Notice) map[int]bool {
	areas := map[int]bool{}
	nums := make([]int, len(n.Areas))
	for i, a := range n.Areas {
		p := fmt.Sprintf("areas[%d]", i)
		nums[i] = a.Number
		areas[a.Number] = true
		c.require(a.Title, p, "title", `title = "在坚持党的领导方面"`)
	}
	c.numbered("方面", nums, func(i int) string { return fmt.Sprintf("areas[%d]", i) })
	return areas
}

// refHint lists the numbers that may be referred to.
func refHint(what string, have map[int]bool) string {
	if len(have) == 0 {
		return fmt.Sprintf("文件中没有任何%s；删除这个引用，或先添加%s", what, what)
	}
	var ns []int
	for k := range have {
		ns = append(ns, k)
	}
	slices.Sort(ns)
	if len(ns) > 1 && ns[len(ns)-1]-ns[0] == len(ns)-1 {
		return fmt.Sprintf("现有的%s编号是 %d–%d", what, ns[0], ns[len(ns)-1])
	}
	s := make([]string, len(ns))
	for i, k := range ns {
		s[i] = strconv.Itoa(k)
	}
	return fmt.Sprintf("现有的%s编号是 %s", what, strings.Join(s, "、"))
}

func (c *checker) validateCategories(n *Notice, areas map[int]bool) map[int]int {
	cats := map[int]int{} // number -> area
	nums := make([]int, len(n.Categories))
	for i, cat := range n.Categories {
		p := fmt.Sprintf("categories[%d]", i)
		nums[i] = cat.Number
		if _, dup := cats[cat.Number]; !dup {
			cats[cat.Number] = cat.Area
		}
		c.require(cat.Title, p, "title", `title = "着力解决“‘四个意识’有所欠缺”问题"`)
		switch {
		case cat.Area == 0 && len(n.Areas) > 0:
			c.require("", p, "area", "area = 1（所属方面的 number）")
		case cat.Area != 0 && !areas[cat.Area]:
			c.report(kMissingRef, c.ix.line(p+".area", p), fmt.Sprintf("类别 %d 的 area = %d，没有这个方面", cat.Number, cat.Area),
				refHint("方面", areas))
		}
	}
	c.numbered("类别", nums, func(i int) string { return fmt.Sprintf("categories[%d]", i) })
	return cats
}

func (c *checker) validateIssues(n *Notice, areas map[int]bool, cats map[int]int) {
	if len(n.Issues) == 0 {
		c.report(kNoProblems, 1, "通报没有逐个列出具体问题，文件中没有问题 [[issues]]；网站只发布通报全文，没有问题网页",
			"核对原文：通报只按工作写整改情况、没有逐个列出问题的，这是原文如此，警告可以保留；原文有编号的问题而没有读出的，请报告导入问题，不要手工在数据文件中添加")
	}
	nums := make([]int, len(n.Issues))
	catIDs := map[int]bool{}
	for k := range cats {
		catIDs[k] = true
	}
	for i, is := range n.Issues {
		p := fmt.Sprintf("issues[%d]", i)
		nums[i] = is.Number
		name := fmt.Sprintf("问题（%d）", is.Number)
		if is.Number < 1 {
			name = fmt.Sprintf("第 %d 个问题", i+1)
		}
		c.require(is.Title, p, "title", `title = "政治建设不够有力"`)
		c.require(is.Lead, p, "lead", `lead = "针对“政治建设不够有力”的问题，"`)

		// References to areas and categories.
		switch {
		case is.Area == 0 && len(n.Areas) > 0:
			c.require("", p, "area", "area = 1（所属方面的 number）")
		case is.Area != 0 && !areas[is.Area]:
			c.report(kMissingRef, c.ix.line(p+".area", p), fmt.Sprintf("%s的 area = %d，没有这个方面", name, is.Area), refHint("方面", areas))
		}
		if is.Category != 0 {
			catArea, ok := cats[is.Category]
			switch {
			case !ok:
				c.report(kMissingRef, c.ix.line(p+".category", p), fmt.Sprintf("%s的 category = %d，没有这个类别", name, is.Category), refHint("类别", catIDs))
			case catArea != is.Area && areas[is.Area] && catArea != 0:
				c.report(kAreaMismatch, c.ix.line(p+".area", p+".category", p),
					fmt.Sprintf("%s的 area = %d，但它的类别 %d 属于方面 %d", name, is.Area, is.Category, catArea),
					fmt.Sprintf("把 area 改为 %d，或改正 category", catArea))
			}
		}

		// Measures.
		if len(is.Measures) == 0 {
			c.report(kMeasures, c.ix.line(p+".measures", p), fmt.Sprintf("%s没有整改措施 measures", name),
				`照原文写出整改措施，每个“一是…”“二是…”一项；没有这些标记时整段为一项，例如 measures = ["…"]`)
		}
		for j, m := range is.Measures {
			if blank(m) {
				c.report(kMeasures, c.ix.line(fmt.Sprintf("%s.measures[%d]", p, j), p+".measures", p),
					fmt.Sprintf("%s的整改措施第 %d 项是空的", name, j+1), "删除这一项，或写上原文的内容")
			}
		}

		// Status and where it comes from.
		if c.require(is.Status, p, "status", `status = "正在整改"`) {
			c.status(is.Status, p, "status", append(slices.Clip(Statuses), StatusUnstated))
		}
		c.statusBasis(is, p, name)
		c.deadline(is, p, name)

		// Accountability.
		for j, a := range is.Accountability {
			ap := fmt.Sprintf("%s.accountability[%d]", p, j)
			if c.require(a.Kind, ap, "kind", `kind = "批评教育"`) && !slices.Contains(AccountabilityKinds, a.Kind) {
				c.report(kKind, c.ix.line(ap+".kind", ap), fmt.Sprintf("未知的问责方式 kind = %q", a.Kind),
					"只能是："+strings.Join(AccountabilityKinds, "、")+"；原文的说法保留在 text 中")
			}
			if a.Count < 1 {
				c.report(kCount, c.ix.line(ap+".count", ap), fmt.Sprintf("%s的问责人次 count = %d，应至少为 1", name, a.Count),
					"写原文中的人次（件）；原文没有数字时写 count = 1")
			}
		}

		// Regulations.
		for j, r := range is.Regulations {
			rp := fmt.Sprintf("%s.regulations[%d]", p, j)
			switch {
			case blank(r.Title):
				c.report(kRegTitle, c.ix.line(rp+".title", rp), fmt.Sprintf("%s的制度名称 title 为空", name),
					"照原文写出制度名称（不带《》），或删除这一条 [[issues.regulations]]")
			case strings.ContainsAny(r.Title, "《》"):
				c.report(kRegTitle, c.ix.line(rp+".title", rp), fmt.Sprintf("制度名称 %q 带有书名号《》", r.Title),
					fmt.Sprintf("去掉书名号，写成 title = %q；网站显示时会自动加上", strings.Trim(r.Title, "《》")))
			}
			if c.require(r.Action, rp, "action", `action = "制定"`) && !slices.Contains(RegulationActions, r.Action) {
				c.report(kAction, c.ix.line(rp+".action", rp), fmt.Sprintf("未知的制度动作 action = %q", r.Action),
					"只能是："+strings.Join(RegulationActions, "、"))
			}
		}
	}
	c.numbered("问题", nums, func(i int) string { return fmt.Sprintf("issues[%d]", i) })
}

// statusBasis checks the provenance of an issue's status at publication:
// a status read from the text has its basis and evidence; 通报未说明 has
// neither; a status confirmed by staff needs neither.
func (c *checker) statusBasis(is Issue, p, name string) {
	if is.Status == "" {
		return
	}
	line := c.ix.line(p+".status_basis", p+".status", p)
	if is.Status == StatusUnstated {
		if is.StatusBasis != "" {
			c.report(kStatusBasis, line, fmt.Sprintf("%s的状态是“%s”，却写了 status_basis = %q", name, StatusUnstated, is.StatusBasis),
				"数据文件由 rectify import 生成，不要手工修改；核实了状态的，写在工作人员文件 data/staff/<id>.toml 的 [problems.N] 中")
		}
		return
	}
	switch is.StatusBasis {
	case StatusStated, StatusInferred:
	case "":
		c.report(kStatusBasis, line, fmt.Sprintf("%s的状态没有写来源 status_basis", name),
			`写 status_basis = "stated"（原文写明）或 "inferred"（据原文推断）；人工核实的状态写在工作人员文件 data/staff/<id>.toml 中`)
	default:
		c.report(kStatusBasis, line, fmt.Sprintf("未知的状态来源 status_basis = %q", is.StatusBasis),
			`只能是 "stated"（原文写明）或 "inferred"（据原文推断）`)
	}
	if blank(is.StatusEvidence) {
		c.report(kEvidence, c.ix.line(p+".status_evidence", p+".status", p),
			fmt.Sprintf("%s的状态是从原文读出的，但没有写依据 status_evidence", name),
			`把原文中支持这个状态的词句写进 status_evidence（如 "已完成整改"）；人工核实的状态写在工作人员文件 data/staff/<id>.toml 中`)
	}
}

// deadline checks a problem's deadline as read from the text: a date
// (which may lie in the future) with the clause it comes from and where
// its year comes from; a dateless one (近期, 长期坚持) is stated, with its
// clause; no deadline has none of the three.
func (c *checker) deadline(is Issue, p, name string) {
	if is.Deadline != "" {
		c.parseDate(is.Deadline, p, "deadline", false)
		if blank(is.DeadlineEvidence) {
			c.report(kDeadline, c.ix.line(p+".deadline_evidence", p+".deadline", p),
				fmt.Sprintf("%s写了整改期限 deadline = %q，但没有写依据 deadline_evidence", name, is.Deadline),
				`把原文中写明期限的分句写进 deadline_evidence（如 "拟于2020年底前提请市政府常务会议审议"）；这三项由导入工具生成，请重新导入`)
		}
	}
	line := c.ix.line(p+".deadline_basis", p+".deadline_evidence", p+".deadline", p)
	switch {
	case blank(is.DeadlineEvidence) && is.DeadlineBasis != "" && is.Deadline == "":
		c.report(kDeadline, line, fmt.Sprintf("%s写了 deadline_basis = %q，却没有整改期限的依据 deadline_evidence", name, is.DeadlineBasis),
			"删除 deadline_basis，或照原文写出 deadline_evidence；这三项由导入工具生成，请重新导入")
	case blank(is.DeadlineEvidence):
	case is.DeadlineBasis == "":
		c.report(kDeadline, line, fmt.Sprintf("%s的整改期限没有写来源 deadline_basis", name),
			`写 deadline_basis = "stated"（原文写明年份，或“近期”“长期坚持”）或 "inferred"（年份据通报日期推断）`)
	case is.DeadlineBasis != StatusStated && is.DeadlineBasis != StatusInferred:
		c.report(kDeadline, line, fmt.Sprintf("未知的期限来源 deadline_basis = %q", is.DeadlineBasis),
			`只能是 "stated"（原文写明年份，或“近期”“长期坚持”）或 "inferred"（年份据通报日期推断）`)
	case is.DeadlineBasis == StatusInferred && is.Deadline == "":
		c.report(kDeadline, line, fmt.Sprintf("%s的整改期限来源是 deadline_basis = \"inferred\"（年份据通报日期推断），却没有日期 deadline", name),
			`写出推断的日期 deadline = "YYYY-MM-DD"；不带日期的期限（“近期”“长期坚持”）写 deadline_basis = "stated"`)
	}
}

// status checks that s is one of allowed (an issue's status may be
// StatusUnstated, an update's may not).
func (c *checker) status(s, table, key string, allowed []string) {
	if !slices.Contains(allowed, s) {
		c.report(kStatus, c.ix.line(join(table, key), table), fmt.Sprintf("未知的整改状态 %s = %q", key, s),
			"只能是："+strings.Join(allowed, "、"))
	}
}

func (c *checker) validateCorrections(n *Notice) {
	for i, cr := range n.Corrections {
		p := fmt.Sprintf("corrections[%d]", i)
		okFrom := c.require(cr.From, p, "from", `from = "主题党目"`)
		okTo := c.require(cr.To, p, "to", `to = "主题党日"`)
		if okFrom && okTo && cr.From == cr.To {
			c.report(kCorrectionSame, c.ix.line(p+".to", p), fmt.Sprintf("更正前后的文字相同：from = to = %q", cr.From),
				"改正 to，或删除这一条 [[corrections]]")
		}
	}
}

// validateTotals compares the totals the notice declares with what is
// itemised. A difference is a warning: the notice's own numbers are kept as
// published, but staff should look for a missed or extra item.
func (c *checker) validateTotals(n *Notice) {
	d := n.Declared
	const hint = "核对原文：漏录或多录的，改正逐项数据；原文本身不一致的，保持原样"
	warn := func(key string, declared, listed int, unit string) {
		if declared == 0 || declared == listed {
			return
		}
		c.report(kTotal, c.ix.line("declared."+key, "declared"),
			fmt.Sprintf("%s：声明 %d %s，逐项列出 %d %s", totalName[key], declared, unit, listed, unit), hint)
	}
	warn("areas", d.Areas, len(n.Areas), "个")
	warn("problems", d.Problems, len(n.Issues), "个")
	// Regulations are counted by distinct title: the same rule answers
	// several problems but is one 制度 in the notice's own total.
	regs := map[string]bool{}
	listed := map[string]int{}
	var kindsListed []string
	total := 0
	for _, is := range n.Issues {
		for _, r := range is.Regulations {
			regs[r.Title] = true
		}
		for _, a := range is.Accountability {
			if _, ok := listed[a.Kind]; !ok {
				kindsListed = append(kindsListed, a.Kind)
			}
			listed[a.Kind] += a.Count
			total += a.Count
		}
	}
	warn("regulations", d.Regulations, len(regs), "项")
	warn("accountability", d.Accountability, total, "人次")

	declaredSum := 0
	declaredKinds := map[string]bool{}
	for i, kc := range d.AccountabilityByKind {
		p := fmt.Sprintf("declared.accountability_by_kind[%d]", i)
		declaredSum += kc.Count
		if c.require(kc.Kind, p, "kind", `kind = "诫勉"`) && !slices.Contains(AccountabilityKinds, kc.Kind) {
			c.report(kKind, c.ix.line(p+".kind", p), fmt.Sprintf("未知的问责方式 kind = %q", kc.Kind),
				"只能是："+strings.Join(AccountabilityKinds, "、")+"；原文的说法保留在 text 中")
			continue
		}
		if kc.Count < 1 {
			c.report(kCount, c.ix.line(p+".count", p), fmt.Sprintf("声明的%s人次 count = %d，应至少为 1", kc.Kind, kc.Count),
				"写原文中的人次（件）")
			continue
		}
		declaredKinds[kc.Kind] = true
		if kc.Count != listed[kc.Kind] {
			c.report(kTotal, c.ix.line(p+".count", p),
				fmt.Sprintf("%s：声明 %d 人次，逐项列出 %d 人次", kc.Kind, kc.Count, listed[kc.Kind]), hint)
		}
	}
	if len(d.AccountabilityByKind) > 0 {
		if d.Accountability != 0 && declaredSum != d.Accountability {
			c.report(kTotal, c.ix.line("declared.accountability", "declared"),
				fmt.Sprintf("追责问责：声明总数 %d 人次，声明的分类合计 %d 人次", d.Accountability, declaredSum), hint)
		}
		for _, k := range kindsListed {
			if declaredKinds[k] || !slices.Contains(AccountabilityKinds, k) {
				continue
			}
			// Not "声明 0": the notice's breakdown does not name the kind,
			// and the site shows it as 未列出.
			c.report(kTotal, c.ix.line("declared.accountability_by_kind", "declared"),
				fmt.Sprintf("%s：通报的分类统计没有列出这种方式，逐项列出 %d 人次", k, listed[k]),
				"原文的分类统计本就只列了部分方式的，保持原样，这条警告可以保留（网站上这种方式的通报写明人次显示为“未列出”）；原文列了而导入遗漏的，请联系技术人员")
		}
	}
}

var totalName = map[string]string{
	"areas":          "方面",
	"problems":       "具体问题",
	"regulations":    "制度",
	"accountability": "追责问责",
}
