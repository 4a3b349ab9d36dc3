package opendata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// The open data that Finish makes from the files Hugo writes. Hugo writes
// each notice's /notices/<id>/issues.json (func/notice-issues-json.html:
// the records of func/issue-record.html, where the site derives every
// figure it shows) and /data/notices.json; writeTables
// puts together, from them and nothing else,
//
//   - /data/issues.json: every notice's records, in the order of
//     notices.json (newest notice first), the same bytes as the notices'
//     files joined;
//   - /notices/<id>/issues.csv and /data/issues.csv: the same records as
//     rows for spreadsheets (columns documented on /data/,
//     content/data/_index.md).
//
// Made here rather than by Hugo, they cost the build no template work and
// no output format (Hugo gives every page an output of each format that
// any page has), and the site-wide files are never held in Hugo's memory.

// I18nFile is the site's translation file, relative to the site's root
// (config.toml: defaultContentLanguage = "zh-cn"): the words of the CSV's
// provenance columns are the site's, provenanceColumn_<code> and
// deadlineProvenanceColumn_<code>.
const I18nFile = "i18n/zh-cn.toml"

// csvHeader names the columns of issues.csv, in order.
var csvHeader = []string{"通报编号", "序号", "问题名称", "方面", "类别", "当前状态", "通报所述状态", "状态依据", "状态已确认", "核实的状态", "核实依据", "状态依据类型", "状态来源", "整改措施", "追责问责", "制度建设", "进展更新", "整改期限", "期限依据", "期限来源", "逾期", "责任单位", "网址"}

// Record is one object of an issues.json file, the record of a problem
// (func/issue-record.html; its fields are documented on /data/): what
// the CSV rows read of it, and the search index (search.SiteFigures).
type Record struct {
	Notice                  string   `json:"notice"`
	Number                  int      `json:"number"`
	URL                     string   `json:"url"`
	Title                   string   `json:"title"`
	Area                    *named   `json:"area"`
	Category                *named   `json:"category"`
	Measures                []string `json:"measures"`
	Status                  string   `json:"status"`
	StatusInNotice          string   `json:"status_in_notice"`
	StatusBasis             string   `json:"status_basis"`
	StatusProvenance        string   `json:"status_provenance"`
	StatusEvidence          string   `json:"status_evidence"`
	StatusConfirmed         bool     `json:"status_confirmed"`
	ConfirmedStatus         string   `json:"confirmed_status"`
	ConfirmedStatusEvidence string   `json:"confirmed_status_evidence"`
	Accountability          []struct {
		Kind  string `json:"kind"`
		Count int    `json:"count"`
		Text  string `json:"text"`
	} `json:"accountability"`
	Regulations []struct {
		Title  string `json:"title"`
		Action string `json:"action"`
	} `json:"regulations"`
	Updates []struct {
		Date   string `json:"date"`
		Status string `json:"status"`
		Note   string `json:"note"`
		Source string `json:"source"`
	} `json:"updates"`
	Deadline           string `json:"deadline"`
	DeadlineEvidence   string `json:"deadline_evidence"`
	DeadlineProvenance string `json:"deadline_provenance"`
	Overdue            bool   `json:"overdue"`
	Responsible        string `json:"responsible"`
}

type named struct {
	Title string `json:"title"`
}

// Words maps a key of the site's translation file to its text.
type Words map[string]string

// LoadWords reads the site's translation file, I18nFile under root: each
// key is `key = "text"` or a table with other = "text" (Hugo's forms).
func LoadWords(root string) (Words, error) {
	var raw map[string]any
	if _, err := toml.DecodeFile(filepath.Join(root, filepath.FromSlash(I18nFile)), &raw); err != nil {
		return nil, err
	}
	w := Words{}
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			w[k] = v
		case map[string]any:
			if s, ok := v["other"].(string); ok {
				w[k] = s
			}
		}
	}
	return w, nil
}

// word is the text of key prefix+code, "" when code is "" (no
// provenance); a code with no text is an error, not an empty cell.
func (w Words) word(prefix, code string) (string, error) {
	if code == "" {
		return "", nil
	}
	s, ok := w[prefix+code]
	if !ok {
		return "", fmt.Errorf("%s 没有 %s%s", I18nFile, prefix, code)
	}
	return s, nil
}

// writeTables writes data/issues.json and every issues.csv of the site
// built into dir (see above), with words for the provenance columns.
func writeTables(dir string, words Words) error {
	ids, err := NoticeIDs(dir)
	if err != nil {
		return err
	}
	var parts [][]byte
	var all bytes.Buffer
	all.WriteString("\ufeff")
	writeRow(&all, csvHeader)
	for _, id := range ids {
		data, records, err := ReadRecords(dir, id)
		if err != nil {
			return err
		}
		part, err := jsonItems(data)
		if err != nil {
			return fmt.Errorf("notices/%s/issues.json：%w", id, err)
		}
		if len(part) > 0 {
			parts = append(parts, part)
		}
		var one bytes.Buffer
		one.WriteString("\ufeff")
		writeRow(&one, csvHeader)
		for _, r := range records {
			cells, err := r.cells(words)
			if err != nil {
				return fmt.Errorf("notices/%s/issues.json：%w", id, err)
			}
			writeRow(&one, cells)
			writeRow(&all, cells)
		}
		if err := os.WriteFile(filepath.Join(dir, "notices", id, "issues.csv"), one.Bytes(), 0o644); err != nil {
			return err
		}
	}
	site := []byte("[]\n")
	if len(parts) > 0 {
		site = joinItems(parts)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "issues.json"), site, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "data", "issues.csv"), all.Bytes(), 0o644)
}

// joinItems joins the items of several issues.json files into one array,
// in the layout of each (jsonify with indent "  ", then a line end).
func joinItems(parts [][]byte) []byte {
	var b bytes.Buffer
	b.WriteString("[\n  ")
	b.Write(bytes.Join(parts, []byte(",\n  ")))
	b.WriteString("\n]\n")
	return b.Bytes()
}

// jsonItems returns the items of an issues.json file as they stand in it,
// "[\n  " + items + "\n]" (jsonify with indent "  ") and a line end, or
// nil for "[]".
func jsonItems(data []byte) ([]byte, error) {
	data, _ = bytes.CutSuffix(data, []byte("\n"))
	if string(data) == "[]" {
		return nil, nil
	}
	items, ok := bytes.CutPrefix(data, []byte("[\n  "))
	if ok {
		items, ok = bytes.CutSuffix(items, []byte("\n]"))
	}
	if !ok {
		return nil, errors.New("不是缩进两格的 JSON 数组")
	}
	return items, nil
}

// ReadRecords reads the records of notice id from the site built into dir,
// /notices/<id>/issues.json as Hugo writes it: the file's bytes and its
// records.
func ReadRecords(dir, id string) (data []byte, records []Record, err error) {
	rel := "notices/" + id + "/issues.json"
	if data, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
		return nil, nil, fmt.Errorf("通报 %s 没有开放数据文件 %s：%w", id, rel, err)
	}
	if err := json.Unmarshal(data, &records); err != nil {
		return nil, nil, fmt.Errorf("%s：%w", rel, err)
	}
	return data, records, nil
}

// NoticeIDs returns the ids of data/notices.json of the site built into
// dir, in its order (newest notice first), each usable as a folder name.
func NoticeIDs(dir string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "data", "notices.json"))
	if err != nil {
		return nil, err
	}
	var notices []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(data, &notices); err != nil {
		return nil, fmt.Errorf("data/notices.json：%w", err)
	}
	ids := make([]string, len(notices))
	for i, n := range notices {
		if n.ID == "" || strings.ContainsAny(n.ID, `/\`) || n.ID == "." || n.ID == ".." {
			return nil, fmt.Errorf("data/notices.json：通报编号 %q 不能用作文件夹名", n.ID)
		}
		ids[i] = n.ID
	}
	return ids, nil
}

// cells are the cells of r's row, in the order of csvHeader. Several
// items in one cell are separated by line breaks.
func (r Record) cells(w Words) ([]string, error) {
	basis, err := w.word("provenanceColumn_", r.StatusBasis)
	if err != nil {
		return nil, err
	}
	provenance, err := w.word("provenanceColumn_", r.StatusProvenance)
	if err != nil {
		return nil, err
	}
	deadline, err := w.word("deadlineProvenanceColumn_", r.DeadlineProvenance)
	if err != nil {
		return nil, err
	}
	var area, category string
	if r.Area != nil {
		area = r.Area.Title
	}
	if r.Category != nil {
		category = r.Category.Title
	}
	var acc, regs, ups []string
	for _, a := range r.Accountability {
		acc = append(acc, fmt.Sprintf("%s %d人次：%s", a.Kind, a.Count, a.Text))
	}
	for _, g := range r.Regulations {
		regs = append(regs, g.Action+"《"+g.Title+"》")
	}
	for _, u := range r.Updates {
		s := u.Date + " " + u.Status
		if u.Note != "" {
			s += "：" + u.Note
		}
		if u.Source != "" {
			s += "（来源：" + u.Source + "）"
		}
		ups = append(ups, s)
	}
	return []string{
		r.Notice, strconv.Itoa(r.Number), r.Title, area, category,
		r.Status, r.StatusInNotice, r.StatusEvidence, yesNo(r.StatusConfirmed),
		r.ConfirmedStatus, r.ConfirmedStatusEvidence, basis, provenance,
		strings.Join(r.Measures, "\n"), strings.Join(acc, "\n"), strings.Join(regs, "\n"), strings.Join(ups, "\n"),
		r.Deadline, r.DeadlineEvidence, deadline, yesNo(r.Overdue), r.Responsible, r.URL,
	}, nil
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// writeRow writes one CSV record: every cell quoted, its quotes doubled
// (RFC 4180), a leading = + - @ (or tab, carriage return) neutralised
// with a ' so that spreadsheets do not run it as a formula; cells
// separated by commas, the record ended by CRLF.
func writeRow(b *bytes.Buffer, cells []string) {
	for i, c := range cells {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			b.WriteByte('\'')
		}
		b.WriteString(strings.ReplaceAll(c, `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteString("\r\n")
}
