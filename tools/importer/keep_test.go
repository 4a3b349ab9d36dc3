package importer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// issue is a problem as a fresh import writes it: status inferred.
func issue(number int, title, status string) notice.Issue {
	return notice.Issue{Number: number, Label: "（" + itoa(number) + "）", Title: title,
		Lead: "针对“" + title + "”的问题，", Measures: notice.Lines{"一是整改。"},
		Status: status, StatusEvidence: "推断依据"}
}

var (
	update1 = notice.Update{Date: "2021-06-30", Status: "已完成", Note: "已销号。", Source: "进展通报"}
	update2 = notice.Update{Date: "2022-01-31", Status: "已完成", Note: "复核。"}
)

// withUpdates and confirmed add staff-owned data to a problem.
func withUpdates(is notice.Issue, us ...notice.Update) notice.Issue {
	is.Updates = us
	return is
}

func confirmed(is notice.Issue, status, evidence string) notice.Issue {
	is.Status, is.StatusEvidence, is.StatusConfirmed = status, evidence, true
	return is
}

// prevFile is the data file a re-import replaces, decoded as rectify import
// decodes it (so that diagnostics have lines).
func prevFile(t *testing.T, issues ...notice.Issue) *notice.File {
	t.Helper()
	data, err := notice.Marshal(&notice.Notice{Schema: 1, ID: "t", Issues: issues})
	if err != nil {
		t.Fatal(err)
	}
	f, ds := notice.Decode("t.toml", data)
	if f == nil || len(ds) > 0 {
		t.Fatalf("decode: %v", ds)
	}
	return f
}

func TestKeepStaffFields(t *testing.T) {
	for _, tc := range []struct {
		name string
		prev []notice.Issue // the existing data file
		next []notice.Issue // the fresh import
		want []notice.Issue // next after KeepStaffFields
		diag string         // the diagnostics, one per line
	}{{
		name: "same number and title: updates and the confirmed status are kept",
		prev: []notice.Issue{
			withUpdates(issue(1, "甲", "正在整改"), update1, update2),
			confirmed(issue(2, "乙", "已完成"), "基本完成", "主要措施已落实"),
			issue(3, "丙", "已完成"),
		},
		next: []notice.Issue{issue(1, "甲", "正在整改"), issue(2, "乙", "已完成"), issue(3, "丙", "已完成")},
		want: []notice.Issue{
			withUpdates(issue(1, "甲", "正在整改"), update1, update2),
			confirmed(issue(2, "乙", "已完成"), "基本完成", "主要措施已落实"),
			issue(3, "丙", "已完成"),
		},
	}, {
		name: "an unconfirmed status is the importer's: updates kept, status re-inferred",
		prev: []notice.Issue{withUpdates(issue(1, "甲", "正在整改"), update1)},
		next: []notice.Issue{issue(1, "甲", "基本完成")},
		want: []notice.Issue{withUpdates(issue(1, "甲", "基本完成"), update1)},
		diag: "t.toml:27: 警告: 问题（1）的 status 由“正在整改”变为重新导入推断的“基本完成”（status_confirmed = false 时状态由导入工具推断）；" +
			"如果“正在整改”是人工核实的状态，在新的数据文件中把它改回，并写 status_confirmed = true",
	}, {
		name: "text-derived fields come from the import",
		prev: []notice.Issue{func() notice.Issue {
			is := confirmed(issue(1, "甲", "正在整改"), "已完成", "已完成")
			is.Measures = notice.Lines{"一是旧的文字。"}
			is.Regulations = []notice.Regulation{{Title: "旧制度", Action: "制定"}}
			return is
		}()},
		next: []notice.Issue{issue(1, "甲", "正在整改")},
		want: []notice.Issue{confirmed(issue(1, "甲", "正在整改"), "已完成", "已完成")},
	}, {
		name: "renumbered: the data follows the title, with a warning",
		prev: []notice.Issue{issue(1, "甲", "已完成"), withUpdates(issue(2, "乙", "已完成"), update1)},
		next: []notice.Issue{issue(1, "甲", "已完成"), issue(2, "新识别的问题", "已完成"), issue(3, "乙", "已完成")},
		want: []notice.Issue{issue(1, "甲", "已完成"), issue(2, "新识别的问题", "已完成"), withUpdates(issue(3, "乙", "已完成"), update1)},
		diag: "t.toml:43: 警告: 问题（2）“乙”在重新导入的数据中是问题（3），它的整改进展（1 条）随之移到问题（3）；" +
			"用 git diff 核对这两个问题；编号变化通常是原文或更正清单改动后多识别或少识别了问题",
	}, {
		name: "title changed: an error at the staff data, nothing carried",
		prev: []notice.Issue{confirmed(withUpdates(issue(1, "规划目标值相互矛盾", "正在整改"), update1), "已完成", "已完成")},
		next: []notice.Issue{issue(1, "规划目标值互相矛盾", "正在整改")},
		want: []notice.Issue{issue(1, "规划目标值互相矛盾", "正在整改")},
		diag: "t.toml:29: 错误: 问题（1）“规划目标值相互矛盾”的整改进展（1 条）和人工确认的状态（status_confirmed = true）无法带到重新导入的数据中：" +
			"重新导入的问题（1）是“规划目标值互相矛盾”，也没有别的问题叫这个名称；数据文件没有改写。" +
			"如果仍是同一个问题（例如更正清单改了标题中的字），把数据文件中它的 title 改为新的标题（同名的有几个时，再把 number 改为新的编号），然后重新导入；" +
			"如果这个问题已不存在，把这些内容移到对应的问题下或删除，然后重新导入",
	}, {
		name: "number gone",
		prev: []notice.Issue{issue(1, "甲", "已完成"), withUpdates(issue(2, "乙", "已完成"), update1)},
		next: []notice.Issue{issue(1, "甲", "已完成")},
		want: []notice.Issue{issue(1, "甲", "已完成")},
		diag: "t.toml:43: 错误: 问题（2）“乙”的整改进展（1 条）无法带到重新导入的数据中：重新导入的数据中没有问题（2），也没有别的问题叫这个名称；数据文件没有改写。",
	}, {
		name: "two problems of that title: ambiguous",
		prev: []notice.Issue{confirmed(issue(1, "甲", "已完成"), "正在整改", "核实"), issue(2, "乙", "已完成")},
		next: []notice.Issue{issue(1, "前", "已完成"), issue(2, "甲", "已完成"), issue(3, "甲", "已完成")},
		want: []notice.Issue{issue(1, "前", "已完成"), issue(2, "甲", "已完成"), issue(3, "甲", "已完成")},
		diag: "t.toml:29: 错误: 问题（1）“甲”的人工确认的状态（status_confirmed = true）无法带到重新导入的数据中：重新导入的数据中有 2 个问题叫这个名称：（2）（3），无法确定是哪一个；",
	}, {
		name: "a title already taken by its exact match",
		prev: []notice.Issue{withUpdates(issue(1, "甲", "已完成"), update1), withUpdates(issue(2, "甲", "已完成"), update2)},
		next: []notice.Issue{issue(1, "甲", "已完成"), issue(2, "丁", "已完成")},
		want: []notice.Issue{withUpdates(issue(1, "甲", "已完成"), update1), issue(2, "丁", "已完成")},
		diag: "t.toml:49: 错误: 问题（2）“甲”的整改进展（1 条）无法带到重新导入的数据中：同名的问题（1）已经对应原来的问题（1）；",
	}, {
		name: "no staff data: a changed title is the import's business",
		prev: []notice.Issue{issue(1, "规划目标值相互矛盾", "正在整改")},
		next: []notice.Issue{issue(1, "规划目标值互相矛盾", "正在整改")},
		want: []notice.Issue{issue(1, "规划目标值互相矛盾", "正在整改")},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			next := &notice.Notice{Issues: tc.next}
			diags := KeepStaffFields(prevFile(t, tc.prev...), next)
			if !reflect.DeepEqual(next.Issues, tc.want) {
				t.Errorf("issues:\n got %+v\nwant %+v", next.Issues, tc.want)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			all := strings.Join(got, "\n")
			if (tc.diag == "") != (all == "") || !strings.HasPrefix(all, tc.diag) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", all, tc.diag)
			}
			wantErr := strings.Contains(tc.diag, ": 错误: ")
			if notice.HasErrors(diags) != wantErr {
				t.Errorf("HasErrors = %v, want %v", !wantErr, wantErr)
			}
		})
	}
}

// The updates are copied, not shared: editing the new notice leaves the
// old one as it was.
func TestKeepStaffFieldsCopies(t *testing.T) {
	prev := prevFile(t, withUpdates(issue(1, "甲", "已完成"), update1))
	next := &notice.Notice{Issues: []notice.Issue{issue(1, "甲", "已完成")}}
	KeepStaffFields(prev, next)
	next.Issues[0].Updates[0].Note = "改"
	if prev.Notice.Issues[0].Updates[0].Note != update1.Note {
		t.Error("next shares its updates with prev")
	}
}

// prevNotice is an existing data file holding the whole notice n.
func prevNotice(t *testing.T, n notice.Notice) *notice.File {
	t.Helper()
	n.Schema, n.ID = 1, "t"
	data, err := notice.Marshal(&n)
	if err != nil {
		t.Fatal(err)
	}
	f, ds := notice.Decode("t.toml", data)
	if f == nil || len(ds) > 0 {
		t.Fatalf("decode: %v", ds)
	}
	return f
}

// staffFilled is a data file in which staff filled in every field the
// import may leave empty.
func staffFilled() notice.Notice {
	untitled := issue(2, "", "已完成")
	untitled.Title, untitled.Lead = "工作人员填写的名称", "关于问题二。整改情况："
	return notice.Notice{
		Title: "人工标题", Issuer: "人工单位", InspectedUnit: "人工被巡察单位", InspectingBody: "人工巡察组",
		InspectionStart: "2019-07-01", InspectionEnd: "2019-08-01", FeedbackDate: "2019-09-01", Published: "2020-05",
		Declared: notice.Declared{Areas: 2, Problems: 3, Regulations: 4, Accountability: 5,
			AccountabilityByKind: []notice.KindCount{{Kind: "诫勉", Count: 5, Text: "诫勉5人次"}}},
		Contact: notice.Contact{Phone: "027-1234567", Email: "a@b.cn", Address: "人工地址", Postcode: "430000",
			EnvelopeNote: "信封上请注明“人工”", Text: "联系电话：人工写的文字"},
		Sections: []notice.Section{{Label: "一、", Title: "前言部分"}, {Label: "二、", Title: "人工问题部分标题", Problems: true}},
		Issues:   []notice.Issue{issue(1, "甲", "已完成"), untitled},
	}
}

func TestKeepFilled(t *testing.T) {
	imported := func() *notice.Notice { // the fresh import of a notice that gives none of them
		untitled := issue(2, "", "已完成")
		untitled.Lead = "关于问题二。整改情况："
		return &notice.Notice{
			Sections: []notice.Section{{Label: "一、", Title: "前言部分"}, {Problems: true}},
			Issues:   []notice.Issue{issue(1, "甲", "已完成"), untitled},
		}
	}
	for _, tc := range []struct {
		name  string
		edit  func(next *notice.Notice) // what the text gives
		check func(t *testing.T, next *notice.Notice)
		diags []string // the messages, in line order, when given
		kept  int      // how many values were kept
		other string   // a diagnostic other than a kept value, when expected
	}{{
		name: "empty fields keep the staff's values; contact text never",
		check: func(t *testing.T, next *notice.Notice) {
			want := staffFilled()
			want.Contact.Text = ""
			want.Schema, want.ID = 0, ""
			if !reflect.DeepEqual(*next, want) {
				t.Errorf("got  %+v\nwant %+v", *next, want)
			}
		},
		diags: []string{
			`title = "人工标题"`, `issuer = "人工单位"`, `inspected_unit = "人工被巡察单位"`, `inspecting_body = "人工巡察组"`,
			`inspection_start = "2019-07-01"`, `inspection_end = "2019-08-01"`, `feedback_date = "2019-09-01"`, `published = "2020-05"`,
			`[declared] areas = 2`, `[declared] problems = 3`, `[declared] regulations = 4`, `[declared] accountability = 5`,
			`[[declared.accountability_by_kind]]（1 项：诫勉 5）`,
			`[contact] phone = "027-1234567"`, `[contact] email = "a@b.cn"`, `[contact] address = "人工地址"`,
			`[contact] postcode = "430000"`, `[contact] envelope_note = "信封上请注明“人工”"`,
			`问题部分（problems = true 的 [[sections]]）的 label = "二、"`, `问题部分（problems = true 的 [[sections]]）的 title = "人工问题部分标题"`,
			`问题（2）的 title = "工作人员填写的名称"`,
		},
		kept: 21,
	}, {
		name: "fields the text gives win over the staff's values",
		edit: func(n *notice.Notice) {
			n.Title, n.Issuer, n.InspectedUnit, n.InspectingBody = "原文标题", "原文单位", "原文被巡察单位", "原文巡察组"
			n.InspectionStart, n.InspectionEnd, n.FeedbackDate, n.Published = "2019-07-31", "2019-09-25", "2019-12-06", "2020-06"
			n.Declared = notice.Declared{Areas: 5, Problems: 61, Regulations: 40, Accountability: 44,
				AccountabilityByKind: []notice.KindCount{{Kind: "批评教育", Count: 44, Text: "批评教育44人次"}}}
			n.Contact = notice.Contact{Phone: "027-85808616", Email: "x@y.cn", Address: "原文地址", Postcode: "430015",
				EnvelopeNote: "原文注明", Text: "联系电话：027-85808616"}
			n.Sections[1].Label, n.Sections[1].Title = "二、", "原文问题部分"
			n.Issues[1].Title = "原文名称"
		},
		check: func(t *testing.T, next *notice.Notice) {
			if next.Title != "原文标题" || next.Published != "2020-06" || next.Declared.Problems != 61 ||
				next.Declared.AccountabilityByKind[0].Kind != "批评教育" || len(next.Declared.AccountabilityByKind) != 1 ||
				next.Contact.Phone != "027-85808616" || next.Contact.Text != "联系电话：027-85808616" ||
				next.Sections[1].Title != "原文问题部分" || next.Issues[1].Title != "原文名称" {
				t.Errorf("a staff value replaced the text's: %+v", *next)
			}
		},
		diags: []string{},
	}, {
		name: "a by-kind list read in part is the text's: the staff list is not merged in",
		edit: func(n *notice.Notice) {
			n.Declared.AccountabilityByKind = []notice.KindCount{{Kind: "批评教育", Count: 1, Text: "批评教育1人次"}}
		},
		check: func(t *testing.T, next *notice.Notice) {
			if k := next.Declared.AccountabilityByKind; len(k) != 1 || k[0].Kind != "批评教育" {
				t.Errorf("by kind: %+v", k)
			}
		},
		kept: 20,
	}, {
		name: "an unread problem title whose lead changed is not kept",
		edit: func(n *notice.Notice) { n.Issues[1].Lead = "关于另一个问题。整改情况：" },
		check: func(t *testing.T, next *notice.Notice) {
			if next.Issues[1].Title != "" {
				t.Errorf("title kept across a changed lead: %q", next.Issues[1].Title)
			}
		},
		kept:  20,
		other: `t.toml:56: 警告: 问题（2）的 title = "工作人员填写的名称" 没有保留：重新导入的问题（2）没有读出名称，但引语（lead）与数据文件中的不同，可能已不是同一个问题；用 git diff 核对`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			next := imported()
			if tc.edit != nil {
				tc.edit(next)
			}
			diags := KeepStaffFields(prevNotice(t, staffFilled()), next)
			tc.check(t, next)
			msgs := []string{}
			var others []string
			for _, d := range diags {
				if d.Severity != notice.Warning || d.Line == 0 {
					t.Errorf("want a warning with a line: %s", d)
				}
				if m, ok := strings.CutPrefix(d.Message, "保留了工作人员填写的 "); ok {
					msgs = append(msgs, m)
				} else {
					others = append(others, d.String())
				}
			}
			if tc.diags != nil && !reflect.DeepEqual(msgs, tc.diags) {
				t.Errorf("kept:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tc.diags, "\n"))
			}
			if KeptFilled(diags) != tc.kept || len(msgs) != tc.kept {
				t.Errorf("KeptFilled = %d, want %d", KeptFilled(diags), tc.kept)
			}
			if all := strings.Join(others, "\n"); (tc.other == "") != (all == "") || !strings.HasPrefix(all, tc.other) {
				t.Errorf("other diagnostics:\n%s\nwant: %s", all, tc.other)
			}
		})
	}
}

// A problem whose title staff filled in, and which has an update: the kept
// title matches it, so the update stays with it (keepFilled runs first).
func TestKeepFilledTitleCarriesUpdates(t *testing.T) {
	p := staffFilled()
	p.Issues[1] = withUpdates(p.Issues[1], update1)
	next := &notice.Notice{Issues: []notice.Issue{issue(1, "甲", "已完成"), issue(2, "", "已完成")}}
	next.Issues[1].Lead = "关于问题二。整改情况："
	diags := KeepStaffFields(prevNotice(t, p), next)
	if notice.HasErrors(diags) {
		t.Fatalf("errors: %v", diags)
	}
	if is := next.Issues[1]; is.Title != "工作人员填写的名称" || len(is.Updates) != 1 {
		t.Errorf("problem 2: title %q, updates %+v", is.Title, is.Updates)
	}
}
