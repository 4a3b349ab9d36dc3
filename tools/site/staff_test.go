package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// The staff file data/staff/<id>.toml holds what staff write about a notice
// (confirmed statuses, status updates, deadlines, the responsible unit, the
// links between successive notices); the site merges it with the imported
// data file in one place, layouts/_partials/func/notice.html. This file has
// the harness for it: the test builds write staff files as staff do
// (committed fixtures such as testdata/staff/sample-2024.toml, or
// notice.MarshalStaff), read both files as Hugo does (readRaw), build sites
// from files written as in the repository (featureBuild), and compute what
// the site must show of the keys from the raw files (deadlines, responsible
// units, successive notices, overdue).

// rawNotice is a notice's data file and staff file as decoded TOML (staff
// nil when there is none): exactly what Hugo reads.
type rawNotice struct {
	data  map[string]any
	staff map[string]any
}

// readRaw decodes the data files at paths under src and their staff files
// data/staff/<id>.toml, as Hugo reads them.
func readRaw(src string, paths []string) (map[string]rawNotice, error) {
	out := map[string]rawNotice{}
	for _, p := range paths {
		id := strings.TrimSuffix(filepath.Base(p), ".toml")
		var r rawNotice
		if _, err := toml.DecodeFile(p, &r.data); err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		staffPath := filepath.Join(src, "data", "staff", id+".toml")
		if _, err := os.Stat(staffPath); err == nil {
			if _, err := toml.DecodeFile(staffPath, &r.staff); err != nil {
				return nil, fmt.Errorf("%s: %v", staffPath, err)
			}
		}
		out[id] = r
	}
	return out, nil
}

// tomlOf encodes v as TOML.
func tomlOf(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// featureBuild builds a site from files written as they are in the
// repository (rel path → content: data/notices/<id>.toml,
// data/staff/<id>.toml, .rectify/changelog/<id>.json, static/…), with
// HUGO_PARAMS_ASOF = asOf ("none": unset). The data files are synthetic
// (deadlines set by hand, a later notice made from the seed): they must pass
// notice.CheckFiles with their staff files, not the comparison with an
// import (see checkData). The notices are decoded leniently, with their
// staff files applied as the site merges them (applyStaff), for the page
// checks that read notice.Notice.
func featureBuild(t *testing.T, name, asOf string, files map[string][]byte) *build {
	t.Helper()
	customMu.Lock()
	customN++
	dir := filepath.Join(tmpRoot, fmt.Sprintf("feature%d-%s", customN, name))
	customMu.Unlock()
	root := moduleRoot(t)
	src := filepath.Join(dir, "src")
	if err := prepareSource(root, src); err != nil {
		t.Fatal(err)
	}
	// Only the staff files of this build.
	if err := os.RemoveAll(filepath.Join(src, "data", "staff")); err != nil {
		t.Fatal(err)
	}
	b := &build{name: name, dir: filepath.Join(dir, "public"), asOf: asOf, raw: map[string]rawNotice{}}
	for rel, data := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, rel), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var paths []string
	for rel := range files {
		if strings.HasPrefix(rel, "data/notices/") {
			paths = append(paths, filepath.Join(src, filepath.FromSlash(rel)))
		}
	}
	sort.Strings(paths)
	if _, diags := checkData(src, paths, nil); checkError(diags) != nil {
		t.Fatalf("the %s site: %v", name, checkError(diags))
	}
	for rel, data := range files {
		id, ok := strings.CutPrefix(rel, "data/notices/")
		if !ok {
			continue
		}
		id = strings.TrimSuffix(id, ".toml")
		var r rawNotice
		if _, err := toml.Decode(string(data), &r.data); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		n := new(notice.Notice)
		if _, err := toml.Decode(string(data), n); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if st, ok := files["data/staff/"+id+".toml"]; ok {
			if _, err := toml.Decode(string(st), &r.staff); err != nil {
				t.Fatalf("data/staff/%s.toml: %v", id, err)
			}
		}
		applyStaff(n, r.staff)
		b.raw[id] = r
		b.notices = append(b.notices, n)
	}
	sort.Slice(b.notices, func(i, j int) bool { return b.notices[i].ID < b.notices[j].ID })
	b.err = b.hugo(t, root, src)
	if b.err != nil {
		t.Fatalf("building the %s site: %v", name, b.err)
	}
	return b
}

// applyStaff applies a decoded staff file to a notice as the site merges
// them (func/notice.html), through notice.ApplyStaff: a staff status
// confirms (or corrects) the status and its evidence (the import's stay
// available as StatusInNotice), and the updates are the staff's, sorted by
// date.
func applyStaff(n *notice.Notice, staff map[string]any) {
	problems, _ := staff["problems"].(map[string]any)
	s := &notice.Staff{Problems: map[string]notice.StaffProblem{}}
	if sn, ok := staff["notice"].(map[string]any); ok {
		s.Notice.OfficialURL, _ = sn["official_url"].(string)
		s.Notice.Continues, _ = sn["continues"].(string)
	}
	for key, v := range problems {
		sp, _ := v.(map[string]any)
		var p notice.StaffProblem
		p.Status, _ = sp["status"].(string)
		p.StatusEvidence, _ = sp["status_evidence"].(string)
		ups, _ := sp["updates"].([]map[string]any)
		for _, u := range ups {
			var x notice.Update
			x.Date, _ = u["date"].(string)
			x.Status, _ = u["status"].(string)
			x.Note, _ = u["note"].(string)
			x.Source, _ = u["source"].(string)
			p.Updates = append(p.Updates, x)
		}
		s.Problems[key] = p
	}
	n.ApplyStaff(s)
}

// extra is what the site shows of a problem beyond notice.Notice: its
// deadline, where the deadline comes from, the responsible unit and the
// problem it continues.
type extra struct {
	Deadline, Evidence, Provenance, Responsible string
	Continues                                   int
}

// staffProblem is the table [problems.<n>] of a staff file, or nil.
func (r rawNotice) staffProblem(number int) map[string]any {
	problems, _ := r.staff["problems"].(map[string]any)
	sp, _ := problems[strconv.Itoa(number)].(map[string]any)
	return sp
}

// continues is the [notice] continues of the staff file.
func (r rawNotice) continues() string {
	sn, _ := r.staff["notice"].(map[string]any)
	s, _ := sn["continues"].(string)
	return s
}

// extraOf computes the extra of a problem from the raw files, as
// func/notice.html merges them.
func (b *build) extraOf(id string, number int) extra {
	r := b.raw[id]
	var e extra
	issues, _ := r.data["issues"].([]map[string]any)
	for _, is := range issues {
		if n, _ := is["number"].(int64); int(n) != number {
			continue
		}
		e.Deadline, _ = is["deadline"].(string)
		e.Evidence, _ = is["deadline_evidence"].(string)
		if e.Deadline != "" || e.Evidence != "" {
			e.Provenance, _ = is["deadline_basis"].(string)
			if e.Provenance == "" {
				e.Provenance = notice.StatusInferred
			}
		}
	}
	sp := r.staffProblem(number)
	if d, _ := sp["deadline"].(string); d != "" {
		e.Deadline, e.Provenance = d, notice.ProvenanceConfirmed
		e.Evidence, _ = sp["deadline_evidence"].(string)
	}
	e.Responsible, _ = sp["responsible"].(string)
	if c, ok := sp["continues"].(int64); ok {
		e.Continues = int(c)
	}
	return e
}

// asOfDate is the as-of date of the build: its HUGO_PARAMS_ASOF, or today in
// China Standard Time when it has none.
func (b *build) asOfDate() string {
	switch b.asOf {
	case "":
		return testAsOf
	case "none":
		return time.Now().UTC().Add(8 * time.Hour).Format("2006-01-02")
	}
	return b.asOf
}

// noticeOf returns the notice of the build with the id, or nil.
func (b *build) noticeOf(id string) *notice.Notice {
	for _, n := range b.notices {
		if n.ID == id {
			return n
		}
	}
	return nil
}

// step is one problem in the history of a problem across notices.
type step struct {
	n  *notice.Notice
	is notice.Issue
}

// history is the problem in the notices it continues and that continue it,
// oldest first (as func/issue-history.html walks them).
func (b *build) history(n *notice.Notice, is notice.Issue) []step {
	out := []step{{n, is}}
	seen := map[string]bool{n.ID: true}
	for cur, ci := n, is; ; {
		prevID, num := b.raw[cur.ID].continues(), b.extraOf(cur.ID, ci.Number).Continues
		prev := b.noticeOf(prevID)
		if prev == nil || num == 0 || seen[prevID] {
			break
		}
		i := slices.IndexFunc(prev.Issues, func(x notice.Issue) bool { return x.Number == num })
		if i < 0 {
			break
		}
		cur, ci = prev, prev.Issues[i]
		seen[cur.ID] = true
		out = append([]step{{cur, ci}}, out...)
	}
	for cur, ci := n, is; ; {
		var next *notice.Notice
		var nextIssue notice.Issue
		for _, m := range newestFirst(b.notices) {
			if b.raw[m.ID].continues() != cur.ID || seen[m.ID] {
				continue
			}
			for _, x := range m.Issues {
				if b.extraOf(m.ID, x.Number).Continues == ci.Number {
					next, nextIssue = m, x
					break
				}
			}
		}
		if next == nil {
			break
		}
		cur, ci = next, nextIssue
		seen[cur.ID] = true
		out = append(out, step{cur, ci})
	}
	return out
}

// overdue says whether the site must call a problem 逾期: a dated deadline
// before the as-of date, and the newest record of the problem across its
// series is not 已完成.
func (b *build) overdue(n *notice.Notice, is notice.Issue) bool {
	e := b.extraOf(n.ID, is.Number)
	if e.Deadline == "" || e.Deadline >= b.asOfDate() {
		return false
	}
	// The newest record across the series: each notice's status at
	// publication (dated by the notice) and every update (dated).
	latest, status := "", ""
	for _, s := range b.history(n, is) {
		if s.n.Published >= latest {
			latest, status = s.n.Published, s.is.Status
		}
		for _, u := range s.is.Updates {
			if u.Date >= latest {
				latest, status = u.Date, u.Status
			}
		}
	}
	return status != "已完成"
}
