package browser

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/wuhan-rectify/tracker/tools/dataset"
	"github.com/wuhan-rectify/tracker/tools/notice"
	"golang.org/x/text/unicode/norm"
)

// siteData is what the tests expect the site to show, computed straight from
// data/notices/*.toml and the staff files data/staff/*.toml as `rectify
// check` reads and merges them (dataset.Check, notice.(*Notice).ApplyStaff),
// independent of the site's templates and scripts.
type siteData struct {
	notices  []*notice.Notice // sorted by id
	problems []problem        // in notice order, then number
}

// problem is one numbered problem as a reader filters it.
type problem struct {
	Notice   string // notice id
	Number   int
	Title    string
	Measures []string
	Status   string // current status: the last update's, else the notice's (staff-confirmed or imported)
	Area     string // area title ("" when the notice has no areas)
	Category string // category title
	Kinds    []string
	Regs     int
}

// key identifies a problem in the sets that the tests compare; the page
// scripts below build the same key from a problem page URL.
func (p problem) key() string { return fmt.Sprintf("%s#%d", p.Notice, p.Number) }

// path is the problem page, a public URL (issue 3).
func (p problem) path() string { return fmt.Sprintf("/notices/%s/issues/%d/", p.Notice, p.Number) }

// loadSiteData checks the data under root as `rectify build` does before it
// builds the site (an error when the check fails) and returns what the site
// must show of it.
func loadSiteData(root string) (*siteData, error) {
	files, err := filepath.Glob(filepath.Join(root, "data", "notices", "*.toml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no data/notices/*.toml in %s", root)
	}
	ns, diags := dataset.Check(root, nil, time.Now())
	if notice.HasErrors(diags) {
		var msgs []string
		for _, d := range diags {
			msgs = append(msgs, d.String())
		}
		return nil, fmt.Errorf("the data does not pass rectify check:\n%s", strings.Join(msgs, "\n"))
	}
	sort.Slice(ns, func(i, j int) bool { return ns[i].ID < ns[j].ID })
	d := &siteData{}
	for _, n := range ns {
		d.notices = append(d.notices, n)
		areas := map[int]string{}
		for _, a := range n.Areas {
			areas[a.Number] = a.Title
		}
		cats := map[int]string{}
		for _, c := range n.Categories {
			cats[c.Number] = c.Title
		}
		for _, is := range n.Issues {
			p := problem{
				Notice:   n.ID,
				Number:   is.Number,
				Title:    is.Title,
				Measures: is.Measures,
				Status:   is.Current(),
				Area:     areas[is.Area],
				Category: cats[is.Category],
				Regs:     len(is.Regulations),
			}
			for _, a := range is.Accountability {
				if !slices.Contains(p.Kinds, a.Kind) {
					p.Kinds = append(p.Kinds, a.Kind)
				}
			}
			d.problems = append(d.problems, p)
		}
	}
	if len(d.problems) == 0 {
		return nil, fmt.Errorf("the notices in %s list no problems", filepath.Join(root, "data", "notices"))
	}
	return d, nil
}

// filter is the state of the filters of /issues/, with values as a reader
// sees them (status and kind names, area and category titles).
type filter struct {
	Status, Area, Category, Kind, Q string
}

// match says whether p passes f: every set field must match; each word of
// the keyword (words are separated by spaces) is in the title, a measure,
// the area or the category, compared after NFKC and in lower case (issues 3
// and 9).
func (f filter) match(p problem) bool {
	if f.Status != "" && p.Status != f.Status {
		return false
	}
	if f.Area != "" && p.Area != f.Area {
		return false
	}
	if f.Category != "" && p.Category != f.Category {
		return false
	}
	if f.Kind != "" && !slices.Contains(p.Kinds, f.Kind) {
		return false
	}
	texts := append([]string{p.Title, p.Area, p.Category}, p.Measures...)
	for _, w := range strings.Fields(fold(f.Q)) {
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(fold(s), w) }) {
			return false
		}
	}
	return true
}

// fold is how the keyword box compares texts: NFKC, then lower case.
func fold(s string) string { return strings.ToLower(norm.NFKC.String(s)) }

// keys returns the sorted keys of the problems that pass f.
func (d *siteData) keys(f filter) []string {
	var out []string
	for _, p := range d.problems {
		if f.match(p) {
			out = append(out, p.key())
		}
	}
	sort.Strings(out)
	return out
}

// values lists the distinct values of one field over all problems, in first
// appearance order (the order of the notice).
func (d *siteData) values(field func(problem) []string) []string {
	var out []string
	for _, p := range d.problems {
		for _, v := range field(p) {
			if v != "" && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

func (d *siteData) statuses() []string {
	return d.values(func(p problem) []string { return []string{p.Status} })
}
func (d *siteData) areas() []string {
	return d.values(func(p problem) []string { return []string{p.Area} })
}
func (d *siteData) categories() []string {
	return d.values(func(p problem) []string { return []string{p.Category} })
}
func (d *siteData) kinds() []string { return d.values(func(p problem) []string { return p.Kinds }) }

// pairFor picks an area and an accountability kind whose combination gives
// fewer rows than either filter alone, and at least one row.
func (d *siteData) pairFor() (filter, bool) {
	best, bestN := filter{}, -1
	for _, a := range d.areas() {
		for _, k := range d.kinds() {
			f := filter{Area: a, Kind: k}
			n := len(d.keys(f))
			na, nk := len(d.keys(filter{Area: a})), len(d.keys(filter{Kind: k}))
			if n > 0 && n < na && n < nk && n > bestN {
				best, bestN = f, n
			}
		}
	}
	return best, bestN > 0
}

// problemByKey returns the problem with that key.
func (d *siteData) problemByKey(key string) (problem, bool) {
	for _, p := range d.problems {
		if p.key() == key {
			return p, true
		}
	}
	return problem{}, false
}

// setDiff returns what want has and got lacks, and what got has in excess.
func setDiff(want, got []string) (missing, extra []string) {
	for _, w := range want {
		if !slices.Contains(got, w) {
			missing = append(missing, w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			extra = append(extra, g)
		}
	}
	return missing, extra
}
