package changelog

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// field is a compared field: its key (Entry.Field) and its label for readers.
type field struct{ key, label string }

// noticeFields are the notice-level fields (Entry.Problem 0), in the order
// of the entries of one commit.
var noticeFields = []field{
	{"title", "通报标题"},
	{"issuer", "发布单位"},
	{"inspected_unit", "被巡察单位"},
	{"inspecting_body", "巡察组"},
	{"inspection_start", "巡察开始日期"},
	{"inspection_end", "巡察结束日期"},
	{"feedback_date", "巡察反馈日期"},
	{"published", "发布日期"},
	{"contact.phone", "联系电话"},
	{"contact.email", "电子邮箱"},
	{"contact.address", "通信地址"},
	{"contact.postcode", "邮政编码"},
	{"contact.envelope_note", "信封注明"},
	{"contact.text", "联系方式"},
	{"official_url", "官方发布页面"},
	{"continues", "接续的通报"},
}

// fillIns are the notice fields that staff may fill in ([notice] of the
// staff file) where the import left them empty.
var fillIns = map[string]bool{
	"title": true, "issuer": true, "inspected_unit": true, "inspecting_body": true,
	"inspection_start": true, "inspection_end": true, "feedback_date": true, "published": true,
}

// problemFields are a problem's compared fields, in the order of the
// entries of one commit; the updates (fieldUpdate) come after them. status*
// and deadline* are the importer's reading of the notice; confirmed_* are
// what staff confirmed or set (staff file, or the old format's status with
// status_confirmed = true).
var problemFields = []field{
	{"title", "问题"},
	{"lead", "问题导语"},
	{"measures", "整改措施"},
	{"status", "整改状态"},
	{"status_basis", "整改状态来源"},
	{"status_evidence", "整改状态依据"},
	{"confirmed_status", "核实的整改状态"},
	{"confirmed_status_evidence", "整改状态核实依据"},
	{"deadline", "整改期限"},
	{"deadline_basis", "整改期限来源"},
	{"deadline_evidence", "整改期限依据"},
	{"confirmed_deadline", "核实的整改期限"},
	{"confirmed_deadline_evidence", "整改期限核实依据"},
	{"responsible", "责任单位"},
	{"accountability", "追责问责"},
	{"regulations", "制度建设"},
	{"continues", "接续的问题"},
}

// The pseudo-fields: a problem added or removed, and one update.
var (
	problemField = field{"problem", "问题"}
	updateField  = field{"update", "整改进展"}
)

// basisWords are the values of status_basis and deadline_basis in words
// (as the site says them, i18n provenanceColumn_*).
var basisWords = map[string]string{"stated": "通报写明", "inferred": "据通报推断"}

// snapshot is one version of a notice, flattened.
type snapshot struct {
	notice   map[string]string
	problems map[int]*problem
}

// problem is one problem of a snapshot.
type problem struct {
	fields map[string]string
	// unknown are fields the version does not tell: they keep the previous
	// version's value (see inherit), and a field never told is not compared.
	unknown map[string]bool
	updates []update // sorted by date, stably
}

type update struct{ date, text string }

// decoder decodes blobs leniently (any TOML, into generic maps), once each.
type decoder struct {
	blobs map[string][]byte
	cache map[string]decoded
}

type decoded struct {
	m  map[string]any
	ok bool
}

// decode returns the blob's TOML as a map; ok is false when the blob is
// missing or is not TOML.
func (d *decoder) decode(sha string) (map[string]any, bool) {
	if r, ok := d.cache[sha]; ok {
		return r.m, r.ok
	}
	var m map[string]any
	data, ok := d.blobs[sha]
	if ok {
		_, err := toml.Decode(string(data), &m)
		ok = err == nil
	}
	d.cache[sha] = decoded{m, ok}
	return m, ok
}

// flatten merges a data file and a staff file (nil when absent) into the
// fields that are compared.
func flatten(data, staff map[string]any) *snapshot {
	s := &snapshot{notice: map[string]string{}, problems: map[int]*problem{}}
	sn := table(staff, "notice")
	contact := table(data, "contact")
	for _, f := range noticeFields {
		var v string
		if k, ok := strings.CutPrefix(f.key, "contact."); ok {
			v = str(contact[k])
		} else if fillIns[f.key] {
			if v = str(data[f.key]); v == "" {
				v = str(sn[f.key])
			}
		} else {
			v = str(sn[f.key])
		}
		s.notice[f.key] = v
	}
	sp := table(staff, "problems")
	for _, is := range tables(data["issues"]) {
		n, ok := number(is["number"])
		if !ok || s.problems[n] != nil {
			continue
		}
		st := table(sp, strconv.Itoa(n))
		p := &problem{fields: map[string]string{}}
		set := func(k, v string) { p.fields[k] = v }
		title := str(is["title"])
		if title == "" {
			title = str(st["title"])
		}
		set("title", title)
		set("lead", str(is["lead"]))
		set("measures", str(is["measures"]))
		if b, _ := is["status_confirmed"].(bool); b {
			// The old format: staff confirmed the status in the data file,
			// in place of the importer's reading, which it no longer tells.
			set("confirmed_status", str(is["status"]))
			set("confirmed_status_evidence", str(is["status_evidence"]))
			p.unknown = map[string]bool{"status": true, "status_basis": true, "status_evidence": true}
		} else {
			set("status", str(is["status"]))
			set("status_basis", basis(is["status_basis"]))
			set("status_evidence", str(is["status_evidence"]))
		}
		if v := str(st["status"]); v != "" {
			set("confirmed_status", v)
			set("confirmed_status_evidence", str(st["status_evidence"]))
		}
		set("deadline", str(is["deadline"]))
		set("deadline_basis", basis(is["deadline_basis"]))
		set("deadline_evidence", str(is["deadline_evidence"]))
		set("confirmed_deadline", str(st["deadline"]))
		set("confirmed_deadline_evidence", str(st["deadline_evidence"]))
		set("responsible", str(st["responsible"]))
		set("accountability", joinTables(is["accountability"], accountabilityText))
		set("regulations", joinTables(is["regulations"], func(r map[string]any) string {
			return str(r["action"]) + "《" + str(r["title"]) + "》"
		}))
		if c := str(st["continues"]); c != "0" {
			set("continues", c)
		}
		// The updates, whichever file holds them (the data file in the old
		// format, the staff file now).
		for _, u := range append(tables(is["updates"]), tables(st["updates"])...) {
			p.updates = append(p.updates, update{date: str(u["date"]), text: updateText(u)})
		}
		sort.SliceStable(p.updates, func(i, j int) bool { return p.updates[i].date < p.updates[j].date })
		s.problems[n] = p
	}
	return s
}

// inherit gives the fields the snapshot does not tell the values they had
// in prev; those that prev does not know either stay unknown.
func (s *snapshot) inherit(prev *snapshot) {
	for n, p := range s.problems {
		var pp *problem
		if prev != nil {
			pp = prev.problems[n]
		}
		for k := range p.unknown {
			if pp != nil && !pp.unknown[k] {
				p.fields[k] = pp.fields[k]
				delete(p.unknown, k)
			}
		}
	}
}

// diff returns the entries from prev to cur, dated at: the notice's fields,
// then each problem by number (added, removed, or its changed fields and
// updates).
func diff(prev, cur *snapshot, at Point) []Entry {
	var es []Entry
	add := func(n int, title string, f field, old, new string) {
		es = append(es, Entry{Date: at.Date, Commit: at.Commit, Problem: n, ProblemTitle: title,
			Field: f.key, Label: f.label, Old: old, New: new})
	}
	for _, f := range noticeFields {
		if o, n := prev.notice[f.key], cur.notice[f.key]; o != n {
			add(0, "", f, o, n)
		}
	}
	var nums []int
	for n := range prev.problems {
		nums = append(nums, n)
	}
	for n := range cur.problems {
		if prev.problems[n] == nil {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	for _, n := range nums {
		p, c := prev.problems[n], cur.problems[n]
		switch {
		case p == nil:
			add(n, c.fields["title"], problemField, "", c.fields["title"])
		case c == nil:
			add(n, p.fields["title"], problemField, p.fields["title"], "")
		default:
			title := c.fields["title"]
			for _, f := range problemFields {
				if p.unknown[f.key] || c.unknown[f.key] {
					continue // not told: the importer's reading under an old-format confirmation
				}
				if o, v := p.fields[f.key], c.fields[f.key]; o != v {
					add(n, title, f, o, v)
				}
			}
			for _, d := range diffUpdates(p.updates, c.updates) {
				add(n, title, updateField, d.old, d.new)
			}
		}
	}
	return es
}

type updateChange struct{ date, old, new string }

// diffUpdates pairs two update lists: updates in both are unchanged; of the
// rest, an old and a new one of the same date are one changed update, and
// the others were removed (new "") or added (old ""). Sorted by date.
func diffUpdates(old, cur []update) []updateChange {
	unmatched := func(us, other []update) []update {
		left := map[string]int{}
		for _, u := range other {
			left[u.text]++
		}
		var out []update
		for _, u := range us {
			if left[u.text] > 0 {
				left[u.text]--
			} else {
				out = append(out, u)
			}
		}
		return out
	}
	removed, added := unmatched(old, cur), unmatched(cur, old)
	var out []updateChange
	used := make([]bool, len(added))
	for _, r := range removed {
		c := updateChange{date: r.date, old: r.text}
		for i, a := range added {
			if !used[i] && a.date == r.date {
				used[i] = true
				c.new = a.text
				break
			}
		}
		out = append(out, c)
	}
	for i, a := range added {
		if !used[i] {
			out = append(out, updateChange{date: a.date, new: a.text})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.date != b.date {
			return a.date < b.date
		}
		if a.old != b.old {
			return a.old < b.old
		}
		return a.new < b.new
	})
	return out
}

// updateText is an update as one line: 2021-01-15 已完成：NOTE（来源：SOURCE）.
func updateText(u map[string]any) string {
	s := strings.TrimSpace(str(u["date"]) + " " + str(u["status"]))
	if n := str(u["note"]); n != "" {
		s += "：" + n
	}
	if src := str(u["source"]); src != "" {
		s += "（来源：" + src + "）"
	}
	return s
}

// accountabilityText is an accountability action as one line:
// 诫勉 1人次（责任人）：TEXT.
func accountabilityText(a map[string]any) string {
	s := str(a["kind"])
	if c := str(a["count"]); c != "" {
		s += " " + c + "人次"
	}
	if w := str(a["whom"]); w != "" {
		s += "（" + w + "）"
	}
	if t := str(a["text"]); t != "" {
		s += "：" + t
	}
	return s
}

// basis is a status_basis or deadline_basis value in words.
func basis(v any) string {
	s := str(v)
	if w, ok := basisWords[s]; ok {
		return w
	}
	return s
}

// joinTables formats each table of the array v, one a line.
func joinTables(v any, format func(map[string]any) string) string {
	var lines []string
	for _, t := range tables(v) {
		lines = append(lines, format(t))
	}
	return strings.Join(lines, "\n")
}

// table returns m[key] if it is a table, else nil (which reads as empty).
func table(m map[string]any, key string) map[string]any {
	t, _ := m[key].(map[string]any)
	return t
}

// tables returns the tables of an array (of tables, or of inline tables).
func tables(v any) []map[string]any {
	switch x := v.(type) {
	case []map[string]any:
		return x
	case []any:
		var out []map[string]any
		for _, e := range x {
			if t, ok := e.(map[string]any); ok {
				out = append(out, t)
			}
		}
		return out
	}
	return nil
}

// number reads a problem number.
func number(v any) (int, bool) {
	switch x := v.(type) {
	case int64:
		return int(x), x > 0
	case string:
		n, err := strconv.Atoi(x)
		return n, err == nil && n > 0
	}
	return 0, false
}

// str formats any decoded TOML value as text; an array is one element a line.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		switch x.Location().String() { // BurntSushi/toml's local kinds
		case "date-local":
			return x.Format(time.DateOnly)
		case "datetime-local":
			return x.Format("2006-01-02T15:04:05.999999999")
		case "time-local":
			return x.Format("15:04:05.999999999")
		}
		return x.Format(time.RFC3339Nano)
	case []any:
		lines := make([]string, len(x))
		for i, e := range x {
			lines[i] = str(e)
		}
		return strings.Join(lines, "\n")
	case []map[string]any:
		lines := make([]string, len(x))
		for i, e := range x {
			lines[i] = str(e)
		}
		return strings.Join(lines, "\n")
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + str(x[k])
		}
		return strings.Join(parts, "；")
	}
	return fmt.Sprint(v)
}
