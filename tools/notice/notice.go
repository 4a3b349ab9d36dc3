// Package notice defines the data model of one inspection-rectification notice
// (巡视/巡察整改情况通报) as stored in data/notices/<id>.toml, and the fixed
// vocabularies (statuses, accountability kinds, regulation actions) that the
// importer writes and the checker enforces.
//
// Field order in the structs is the order in which the TOML file is written:
// metadata first, then the notice's text in reading order. data/README.md
// documents every field for staff, in Chinese; keep the two in step.
package notice

// SchemaVersion is the version of the data file format written by the importer.
const SchemaVersion = 1

// Notice is one published notice.
type Notice struct {
	Schema int    `toml:"schema"`
	ID     string `toml:"id"`    // URL slug, e.g. "wuhan-eeb-2020"
	Title  string `toml:"title"` // the notice's own title, as published

	Issuer          string `toml:"issuer"`                     // 发布单位, e.g. 中共武汉市生态环境局党组
	InspectedUnit   string `toml:"inspected_unit"`             // 被巡察单位
	InspectingBody  string `toml:"inspecting_body"`            // 巡察组
	InspectionStart string `toml:"inspection_start,omitempty"` // YYYY-MM-DD
	InspectionEnd   string `toml:"inspection_end,omitempty"`   // YYYY-MM-DD
	FeedbackDate    string `toml:"feedback_date,omitempty"`    // 反馈日期, YYYY-MM-DD
	Published       string `toml:"published"`                  // 发布日期, YYYY-MM or YYYY-MM-DD
	Source          string `toml:"source"`                     // original text, relative to static/, e.g. originals/wuhan-eeb-2020.txt

	// Preamble is the text between the date line and the first section heading.
	Preamble Lines `toml:"preamble"`
	// Closing is the text after the last section, before the contact sentence
	// (e.g. 欢迎广大干部群众…请及时向我们反映。).
	Closing Lines `toml:"closing,omitempty"`

	Declared    Declared     `toml:"declared"`
	Contact     Contact      `toml:"contact"`
	Sections    []Section    `toml:"sections"`
	Areas       []Area       `toml:"areas,omitempty"`
	Categories  []Category   `toml:"categories,omitempty"`
	Issues      []Issue      `toml:"issues"`
	Corrections []Correction `toml:"corrections,omitempty"`
}

// Declared holds the totals as the notice itself states them; the checker
// compares them with what is itemised and warns on a difference.
type Declared struct {
	Areas          int `toml:"areas,omitzero"`          // 方面
	Problems       int `toml:"problems,omitzero"`       // 具体问题
	Regulations    int `toml:"regulations,omitzero"`    // 制度
	Accountability int `toml:"accountability,omitzero"` // 追责问责 人次
	// AccountabilityByKind is the breakdown the notice gives (其中，党内严重警告 2 人次…).
	AccountabilityByKind []KindCount `toml:"accountability_by_kind,omitempty"`
}

// KindCount is one item of a declared breakdown.
type KindCount struct {
	Kind  string `toml:"kind"`  // one of AccountabilityKinds
	Count int    `toml:"count"` // 人次
	Text  string `toml:"text"`  // the words of the notice, e.g. "责令作出检查 9 人次(件)" repaired
}

// Contact is the feedback contact given at the end of the notice.
type Contact struct {
	Phone        string `toml:"phone"`
	Email        string `toml:"email"`
	Address      string `toml:"address"`
	Postcode     string `toml:"postcode"`
	EnvelopeNote string `toml:"envelope_note,omitempty"` // e.g. 信封上请注明“巡察整改意见建议”
	Text         string `toml:"text"`                    // the whole contact sentence as published
}

// Section is a top-level part of the notice (一、二、三、…). General sections
// carry paragraphs; the section that lists the problems has Problems set and
// its content is the areas → categories → issues tree.
type Section struct {
	Label      string `toml:"label"` // "一、"
	Title      string `toml:"title"`
	Paragraphs Lines  `toml:"paragraphs,omitempty"`
	Problems   bool   `toml:"problems,omitempty"`
}

// Area is a 方面, e.g. （一）在坚持党的领导方面.
type Area struct {
	Number int    `toml:"number"` // 1-based, in order
	Label  string `toml:"label"`  // "（一）" as published
	Title  string `toml:"title"`
	Intro  Lines  `toml:"intro,omitempty"` // text between the heading and the first category or problem
}

// Category is a group of problems, e.g. 1. 着力解决“‘四个意识’有所欠缺”问题.
type Category struct {
	Number int    `toml:"number"`        // 1-based, continuous across the notice
	Area   int    `toml:"area,omitzero"` // Area.Number; 0 when the notice has no area level
	Label  string `toml:"label"`         // "1." as published
	Title  string `toml:"title"`
	Intro  Lines  `toml:"intro,omitempty"`
}

// Issue is one numbered problem and what was done about it.
type Issue struct {
	Number   int    `toml:"number"`            // 1-based, continuous across the notice
	Area     int    `toml:"area,omitzero"`     // Area.Number; 0 when no area level
	Category int    `toml:"category,omitzero"` // Category.Number; 0 when no category level
	Label    string `toml:"label"`             // "（1）" as published
	Title    string `toml:"title"`             // the problem as named, e.g. 政治建设不够有力
	// Lead is the text that names the problem, e.g. 针对“政治建设不够有力”的问题，
	Lead string `toml:"lead"`
	// Measures are the rectification measures, one item per 一是/二是…, each
	// with its marker; one item when the text has no markers.
	Measures Lines `toml:"measures"`

	Status          string `toml:"status"`           // one of Statuses
	StatusEvidence  string `toml:"status_evidence"`  // the phrase of the text that supports Status
	StatusConfirmed bool   `toml:"status_confirmed"` // false: inferred by the importer, not yet confirmed by staff

	Accountability []Action     `toml:"accountability,omitempty"`
	Regulations    []Regulation `toml:"regulations,omitempty"`
	Updates        []Update     `toml:"updates,omitempty"`
}

// Action is one accountability action (追责问责) named in a problem's text.
type Action struct {
	Kind  string `toml:"kind"`  // one of AccountabilityKinds
	Count int    `toml:"count"` // 人次 or 件; 1 when the text names no number
	Whom  string `toml:"whom"`  // e.g. 责任人, 同志, 市生态环境局党组
	Text  string `toml:"text"`  // the clause of the text it comes from
}

// Regulation is a rule or document adopted (制定/修订/印发/…) in response to a problem.
type Regulation struct {
	Title  string `toml:"title"`  // without 《》
	Action string `toml:"action"` // one of RegulationActions
}

// Update is a dated change of a problem's status after the notice (issue 4).
type Update struct {
	Date   string `toml:"date"` // YYYY-MM-DD
	Status string `toml:"status"`
	Note   string `toml:"note,omitempty"`
	Source string `toml:"source,omitempty"` // where it is published, e.g. a later notice's title or URL
}

// Correction is one wording correction applied from the reviewed corrections list.
type Correction struct {
	From  string `toml:"from"`  // wording in the converted text, e.g. 主题党目
	To    string `toml:"to"`    // corrected wording, e.g. 主题党日
	Note  string `toml:"note"`  // why, for readers
	Where string `toml:"where"` // where it was applied, e.g. 问题（12）
}

// Statuses in order of progress.
var Statuses = []string{"正在整改", "基本完成", "已完成"}

// AccountabilityKinds is the vocabulary of accountability actions, from
// lightest to heaviest as commonly ordered in Chinese discipline practice.
var AccountabilityKinds = []string{
	"批评教育",
	"提醒谈话",
	"诫勉",
	"责令作出书面检查",
	"问责处理", // unspecified 问责 in the text
	"党内警告",
	"党内严重警告",
	"行政撤职",
	"党纪处分",
	"移交调查",
}

// RegulationActions is the vocabulary of what was done to a regulation.
var RegulationActions = []string{"制定", "修订", "印发", "出台", "起草", "编制"}
