package importer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// A data file is generated from the notice text, but staff own a few fields
// of each problem ([[issues]]): they record what happened after the notice
// and confirm or correct the inferred status. These are the staff-owned
// fields; every other field is derived from the text and the corrections
// list and is rewritten by each import:
//
//	updates           [[issues.updates]], all of them
//	status_confirmed  true once staff have confirmed or corrected the status
//	status            only when status_confirmed = true
//	status_evidence   only when status_confirmed = true
//
// KeepStaffFields carries them from the existing data file into a fresh
// import, so that a re-import (after a new correction, say) loses nothing
// and the drift test can compare the committed file with a re-import.

// KeepStaffFields copies the staff-owned fields of each problem of prev (the
// existing data file) into the same problem of next (a fresh import of the
// same notice), and returns diagnostics about prev's lines.
//
// A problem is the same when it has the same number and the same title. When
// a problem with staff-owned data has no such match, the data goes to the one
// problem of next with the same title, with a warning (the title names the
// problem; its number is only its place, which shifts when the importer finds
// one problem more or less). When no problem of next, or more than one, has
// that title, the data cannot be placed safely: that is an error, and next
// then lacks that data and must not be written. Guessing would attach a
// status to the wrong problem, which is worse than a refused import; the
// hint says how to fix the old file.
//
// It also warns when a problem's status is not confirmed and the import
// infers another status: a hand-edited status that will be replaced.
func KeepStaffFields(prev *notice.File, next *notice.Notice) []notice.Diagnostic {
	var diags []notice.Diagnostic
	report := func(sev notice.Severity, line int, msg, hint string) {
		diags = append(diags, notice.Diagnostic{File: prev.Name, Line: line, Severity: sev, Message: msg, Hint: hint})
	}
	byNumber := map[int]int{}     // number -> index in next
	byTitle := map[string][]int{} // title -> indexes in next
	for j, is := range next.Issues {
		if _, dup := byNumber[is.Number]; !dup {
			byNumber[is.Number] = j
		}
		byTitle[is.Title] = append(byTitle[is.Title], j)
	}
	same := func(p notice.Issue) (int, bool) {
		j, ok := byNumber[p.Number]
		return j, ok && next.Issues[j].Title == p.Title
	}

	olds := prev.Notice.Issues
	target := make([]int, len(olds))
	claimed := map[int]int{} // index in next -> index in prev
	for i, p := range olds {
		target[i] = -1
		if !hasStaffFields(p) {
			continue
		}
		if j, ok := same(p); ok {
			if _, taken := claimed[j]; !taken {
				target[i], claimed[j] = j, i
			}
		}
	}
	for i, p := range olds {
		if !hasStaffFields(p) || target[i] >= 0 {
			continue
		}
		name := fmt.Sprintf("问题（%d）“%s”", p.Number, p.Title)
		line := prev.Line(staffLine(i, p)...)
		cands := byTitle[p.Title]
		if p.Title != "" && len(cands) == 1 {
			if _, taken := claimed[cands[0]]; !taken {
				j := cands[0]
				target[i], claimed[j] = j, i
				report(notice.Warning, line,
					fmt.Sprintf("%s在重新导入的数据中是问题（%d），它的%s随之移到问题（%d）", name, next.Issues[j].Number, staffWhat(p), next.Issues[j].Number),
					"用 git diff 核对这两个问题；编号变化通常是原文或更正清单改动后多识别或少识别了问题")
				continue
			}
		}
		var why string
		switch {
		case len(cands) > 1 && p.Title != "":
			var nums []string
			for _, j := range cands {
				nums = append(nums, fmt.Sprintf("（%d）", next.Issues[j].Number))
			}
			why = fmt.Sprintf("重新导入的数据中有 %d 个问题叫这个名称：%s，无法确定是哪一个", len(cands), strings.Join(nums, ""))
		case len(cands) == 1 && p.Title != "":
			why = fmt.Sprintf("同名的问题（%d）已经对应原来的问题（%d）", next.Issues[cands[0]].Number, olds[claimed[cands[0]]].Number)
		default:
			if j, ok := byNumber[p.Number]; ok {
				why = fmt.Sprintf("重新导入的问题（%d）是“%s”，也没有别的问题叫这个名称", p.Number, next.Issues[j].Title)
			} else {
				why = fmt.Sprintf("重新导入的数据中没有问题（%d），也没有别的问题叫这个名称", p.Number)
			}
		}
		report(notice.Error, line,
			fmt.Sprintf("%s的%s无法带到重新导入的数据中：%s", name, staffWhat(p), why),
			"数据文件没有改写。如果仍是同一个问题（例如更正清单改了标题中的字），把数据文件中它的 title 改为新的标题"+
				"（同名的有几个时，再把 number 改为新的编号），然后重新导入；如果这个问题已不存在，把这些内容移到对应的问题下或删除，然后重新导入")
	}

	for i, p := range olds {
		j := target[i]
		if j >= 0 {
			is := &next.Issues[j]
			is.Updates = append([]notice.Update(nil), p.Updates...)
			if p.StatusConfirmed {
				is.Status, is.StatusEvidence, is.StatusConfirmed = p.Status, p.StatusEvidence, true
			}
		} else if k, ok := same(p); ok {
			j = k
		}
		if j >= 0 && !p.StatusConfirmed && p.Status != next.Issues[j].Status {
			report(notice.Warning, prev.Line(fmt.Sprintf("issues[%d].status", i), fmt.Sprintf("issues[%d]", i)),
				fmt.Sprintf("问题（%d）的 status 由“%s”变为重新导入推断的“%s”（status_confirmed = false 时状态由导入工具推断）", p.Number, p.Status, next.Issues[j].Status),
				fmt.Sprintf("如果“%s”是人工核实的状态，在新的数据文件中把它改回，并写 status_confirmed = true", p.Status))
		}
	}
	sort.SliceStable(diags, func(a, b int) bool { return diags[a].Line < diags[b].Line })
	return diags
}

// hasStaffFields reports whether staff have written anything into the problem.
func hasStaffFields(is notice.Issue) bool {
	return is.StatusConfirmed || len(is.Updates) > 0
}

// staffWhat names the staff-owned data of a problem, for diagnostics.
func staffWhat(is notice.Issue) string {
	var parts []string
	if len(is.Updates) > 0 {
		parts = append(parts, fmt.Sprintf("整改进展（%d 条）", len(is.Updates)))
	}
	if is.StatusConfirmed {
		parts = append(parts, "人工确认的状态（status_confirmed = true）")
	}
	return strings.Join(parts, "和")
}

// staffLine lists the key paths of the first staff-owned line of problem i,
// best first, for File.Line.
func staffLine(i int, is notice.Issue) []string {
	p := fmt.Sprintf("issues[%d]", i)
	var paths []string
	if is.StatusConfirmed {
		paths = append(paths, p+".status_confirmed")
	}
	return append(paths, p+".updates[0]", p)
}
