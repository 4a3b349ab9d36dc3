// Package importer turns the text of a rectification notice (巡视/巡察整改
// 情况通报), as copied from a PDF, a Word file or a web page, into a
// notice.Notice. It is made of pure functions: text in, data and diagnostics
// out; file I/O belongs to the rectify command.
//
// The work is done in steps, each in its own file:
//
//	text.go        lines, markup, joined sentences, spaces, punctuation (layout repair)
//	header.go      title, date line, metadata, declared totals, contact
//	structure.go   sections, areas, categories, problems, preamble, closing
//	extract.go     a problem's title, lead, measures, status, accountability, regulations
//	deadline.go    a problem's deadline as the text states it
//	corrections.go the reviewed wording corrections
//	body.go        the "nothing lost" reassembly used by the tests
//
// Layout and punctuation repair is automatic; no word is changed except by
// an entry of the corrections list, and each change is recorded in the
// notice's [[corrections]].
package importer

import (
	"errors"
	"fmt"
	"sort"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// Options tells Import what it cannot read from the text.
type Options struct {
	ID     string // the notice's id, e.g. "wuhan-eeb-2020"
	Source string // the original text relative to static/, e.g. "originals/wuhan-eeb-2020.txt"
	// Corrections is the reviewed corrections list (see ParseCorrections),
	// applied after layout repair.
	Corrections []Correction
	// CorrectionsFile names the list in diagnostics about its entries.
	CorrectionsFile string
}

// ErrNoStructure is returned when the text has neither sections (一、…) nor
// numbered problems: it is not a notice the importer can read.
var ErrNoStructure = errors.New("未找到通报结构：没有“一、”这样的部分标题，也没有编号的具体问题")

// Import reads the notice text src (named filename in diagnostics) and
// returns the notice and the diagnostics (warnings about text that fits
// nowhere, totals that disagree, truncation, corrections not applied).
// The error is non-nil only when no notice structure is found at all.
func Import(filename string, src []byte, opts Options) (*notice.Notice, []notice.Diagnostic, error) {
	d := parse(filename, src, opts)
	if d.noStructure {
		return nil, d.diags, ErrNoStructure
	}
	return d.n, d.diags, nil
}

// doc is the state of one import.
type doc struct {
	file  string
	opts  Options
	n     *notice.Notice
	diags []notice.Diagnostic

	hdr      header
	pageDate string // the date of a web page's metadata line, YYYY-MM-DD
	paras    []paragraph
	where    []string // for each paragraph: where it landed, for [[corrections]]

	issues      []issueDraft
	lastLine    int
	noStructure bool
	// lines of the paragraphs with declared totals, for diagnostics
	declaredLine map[string]int
}

// staffFile and correctionsFile are the notice's staff file and
// corrections list (data/staff/<id>.toml, data/corrections/<id>.toml), for
// hints; without an id, with <编号> in its place.
func (d *doc) staffFile() string       { return "data/staff/" + d.idOr() + ".toml" }
func (d *doc) correctionsFile() string { return "data/corrections/" + d.idOr() + ".toml" }

func (d *doc) idOr() string {
	if d.opts.ID == "" {
		return "<编号>"
	}
	return d.opts.ID
}

func (d *doc) warn(line int, msg, hint string) {
	d.diags = append(d.diags, notice.Diagnostic{File: d.file, Line: line, Severity: notice.Warning, Message: msg, Hint: hint})
}

// prepare runs the layout repair: the header and the repaired paragraphs of
// the body, with the corrections applied.
func prepare(filename string, src []byte, opts Options) (*doc, map[int][]int) {
	d := &doc{file: filename, opts: opts, declaredLine: map[string]int{}}
	lines, diags := readLines(filename, src)
	d.diags = append(d.diags, diags...)
	if len(lines) > 0 {
		d.lastLine = lines[len(lines)-1].no
	}
	lines, gone, date := stripFurniture(lines)
	d.reportFurniture(gone)
	d.pageDate = date
	lines = acceptMarkers(splitRunTogether(lines))
	var rest []srcLine
	d.hdr, rest = readHeader(lines)
	paras, diags := paragraphs(filename, rest)
	d.diags = append(d.diags, diags...)
	d.reportTables(paras)
	d.paras = paras
	d.where = make([]string, len(paras))
	hits := d.applyCorrections()
	return d, hits
}

// reportTables warns once for each table of the original (its rows,
// isTableRow, one after another): its rows are paragraphs of their own,
// read as text where they stand, and no problem is read from a table.
func (d *doc) reportTables(paras []paragraph) {
	for i := 0; i < len(paras); i++ {
		if !isTableRow(paras[i].text) {
			continue
		}
		j := i
		for j+1 < len(paras) && isTableRow(paras[j+1].text) {
			j++
		}
		d.warn(paras[i].line, fmt.Sprintf("原文这里有一个表格（%d行），每行导入为一段，单元格之间用“｜”隔开", j-i+1),
			"请对照原文核对这些行归在哪个问题或部分下：表格中的问题不会单独识别，行中的状态、期限和追责问责算作它所在的问题的；原文就是这样的，保持原样")
		i = j
	}
}

func parse(filename string, src []byte, opts Options) *doc {
	d, hits := prepare(filename, src, opts)
	d.n = &notice.Notice{
		Schema: notice.SchemaVersion,
		ID:     opts.ID,
		Source: opts.Source,
	}
	d.build()
	if d.noStructure {
		return d
	}
	d.recordCorrections(hits)
	d.extractIssues()
	d.readMetadata()
	d.readDeadlines() // the year of 6月底前 comes from the notice's date
	d.readDeclared()
	d.readContact()
	d.checkTotals()
	d.checkEnd()
	sort.SliceStable(d.diags, func(i, j int) bool {
		a, b := d.diags[i], d.diags[j]
		if a.File != b.File {
			return a.File == d.file // the notice first, then the corrections list
		}
		return a.Line < b.Line
	})
	return d
}
