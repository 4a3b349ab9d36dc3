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
//
// Staff also fill in, by hand, fields the text does not give (a notice
// without a date line, an unreadable problem title, …). The rule for those
// is keepFilled's: a field the import leaves empty keeps the staff's value;
// a field the import fills always comes from the text.

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
//
// First it keeps the fields staff filled in where the import found nothing
// (keepFilled), with a warning for each, so that a problem whose title staff
// supplied is matched by that title.
func KeepStaffFields(prev *notice.File, next *notice.Notice) []notice.Diagnostic {
	diags := keepFilled(prev, next)
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

// keepFilled applies the rule for the fields the import fills from the text
// when the text gives them and leaves empty when it does not: an empty
// field of next (empty string, zero number, empty list) takes the value of
// prev, the existing data file, where staff filled it in; a field the import
// filled is never touched. It covers
//
//	title, issuer, inspected_unit, inspecting_body, inspection_start,
//	inspection_end, feedback_date, published
//	the label and title of the problems section
//	[declared] areas, problems, regulations, accountability, and
//	accountability_by_kind as a whole list
//	[contact] phone, email, address, postcode, envelope_note (never text:
//	it holds the notice's own words)
//	a problem's title, when prev has the problem with the same number and
//	the same lead (and, when the lead is empty too, the same first measure)
//
// Each kept value is reported as a warning at its line in prev, so that the
// import output lists it. A staff title that cannot be matched is reported
// and not kept.
func keepFilled(prev *notice.File, next *notice.Notice) []notice.Diagnostic {
	var diags []notice.Diagnostic
	const hint = "原文中没有读出这一项，重新导入时保留数据文件中的值；原文写明时以原文为准"
	kept := func(path, what string) {
		diags = append(diags, notice.Diagnostic{File: prev.Name, Line: prev.Line(path), Severity: notice.Warning,
			Message: keptPrefix + what, Hint: hint})
	}
	str := func(path, name string, dst *string, src string) {
		if *dst == "" && src != "" {
			*dst = src
			kept(path, fmt.Sprintf("%s = %q", name, src))
		}
	}
	num := func(path, name string, dst *int, src int) {
		if *dst == 0 && src != 0 {
			*dst = src
			kept(path, fmt.Sprintf("%s = %d", name, src))
		}
	}
	p := prev.Notice
	for _, f := range []struct {
		key      string
		dst, src *string
	}{
		{"title", &next.Title, &p.Title},
		{"issuer", &next.Issuer, &p.Issuer},
		{"inspected_unit", &next.InspectedUnit, &p.InspectedUnit},
		{"inspecting_body", &next.InspectingBody, &p.InspectingBody},
		{"inspection_start", &next.InspectionStart, &p.InspectionStart},
		{"inspection_end", &next.InspectionEnd, &p.InspectionEnd},
		{"feedback_date", &next.FeedbackDate, &p.FeedbackDate},
		{"published", &next.Published, &p.Published},
	} {
		str(f.key, f.key, f.dst, *f.src)
	}

	if i, j := problemsSection(p.Sections), problemsSection(next.Sections); i >= 0 && j >= 0 {
		ps, ns := p.Sections[i], &next.Sections[j]
		at := fmt.Sprintf("sections[%d].", i)
		str(at+"label", "问题部分（problems = true 的 [[sections]]）的 label", &ns.Label, ps.Label)
		str(at+"title", "问题部分（problems = true 的 [[sections]]）的 title", &ns.Title, ps.Title)
	}

	pd, nd := p.Declared, &next.Declared
	num("declared.areas", "[declared] areas", &nd.Areas, pd.Areas)
	num("declared.problems", "[declared] problems", &nd.Problems, pd.Problems)
	num("declared.regulations", "[declared] regulations", &nd.Regulations, pd.Regulations)
	num("declared.accountability", "[declared] accountability", &nd.Accountability, pd.Accountability)
	if len(nd.AccountabilityByKind) == 0 && len(pd.AccountabilityByKind) > 0 {
		nd.AccountabilityByKind = append([]notice.KindCount(nil), pd.AccountabilityByKind...)
		var items []string
		for _, kc := range pd.AccountabilityByKind {
			items = append(items, fmt.Sprintf("%s %d", kc.Kind, kc.Count))
		}
		kept("declared.accountability_by_kind[0]", fmt.Sprintf("[[declared.accountability_by_kind]]（%d 项：%s）", len(items), strings.Join(items, "，")))
	}

	pc, nc := p.Contact, &next.Contact
	str("contact.phone", "[contact] phone", &nc.Phone, pc.Phone)
	str("contact.email", "[contact] email", &nc.Email, pc.Email)
	str("contact.address", "[contact] address", &nc.Address, pc.Address)
	str("contact.postcode", "[contact] postcode", &nc.Postcode, pc.Postcode)
	str("contact.envelope_note", "[contact] envelope_note", &nc.EnvelopeNote, pc.EnvelopeNote)

	for j := range next.Issues {
		is := &next.Issues[j]
		if is.Title != "" {
			continue
		}
		for i, old := range p.Issues {
			if old.Number != is.Number || old.Title == "" {
				continue
			}
			path := fmt.Sprintf("issues[%d].title", i)
			if sameLead(old, *is) {
				str(path, fmt.Sprintf("问题（%d）的 title", is.Number), &is.Title, old.Title)
			} else {
				diags = append(diags, notice.Diagnostic{File: prev.Name, Line: prev.Line(path), Severity: notice.Warning,
					Message: fmt.Sprintf("问题（%d）的 title = %q 没有保留：重新导入的问题（%d）没有读出名称，但引语（lead）与数据文件中的不同，可能已不是同一个问题", is.Number, old.Title, is.Number),
					Hint:    "用 git diff 核对；仍是同一个问题的，在新的数据文件中重新填写 title"})
			}
			break
		}
	}
	return diags
}

// problemsSection returns the index of the section holding the problems, or -1.
func problemsSection(ss []notice.Section) int {
	for i, s := range ss {
		if s.Problems {
			return i
		}
	}
	return -1
}

// sameLead reports whether two problems of the same number are the same
// problem by their text: the same lead, and when the lead is empty (the
// import read no lead), the same first measure.
func sameLead(a, b notice.Issue) bool {
	if a.Lead != b.Lead {
		return false
	}
	if a.Lead != "" {
		return true
	}
	return len(a.Measures) > 0 && len(b.Measures) > 0 && a.Measures[0] == b.Measures[0]
}

// keptPrefix starts the message of each value keepFilled kept.
const keptPrefix = "保留了工作人员填写的 "

// KeptFilled counts the diagnostics of KeepStaffFields that report a value
// staff filled in and the import kept.
func KeptFilled(diags []notice.Diagnostic) int {
	k := 0
	for _, d := range diags {
		if strings.HasPrefix(d.Message, keptPrefix) {
			k++
		}
	}
	return k
}
