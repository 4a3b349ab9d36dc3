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
