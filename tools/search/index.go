package search

import (
	"cmp"
	"slices"
	"strconv"
	"unicode"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// Sep joins the fields of a unit: no term holds it (terms hold no white
// space), so no term is found across two fields.
const Sep = '\n'

// DocBlock is the number of documents per documents file (d/<k>.json).
const DocBlock = 8

// Shard sizes aimed at (bytes before compression); the number of shards is
// the power of two that brings the mean shard down to about this.
const (
	gramShardTarget = 8 << 10
	posShardTarget  = 16 << 10
)

// Completed is the status that ends a problem's rectification.
const Completed = "已完成"

// Series gives, for a notice id, the id of the notice that continues it
// (the staff file's [notice] continues of the later notice), for the
// overdue rule; nil means none.
type Series map[string]string

// Index is the built search index, ready to be written (Files).
type Index struct {
	Notices []*notice.Notice // in document order: newest first
	Docs    []Doc
	P       int // number of problems (documents 0..P-1; notices follow)

	grams     []*gram // doc-level postings, 1 to 3 characters
	trigrams  map[string]*posting
	units     int
	facets    map[string][]int32 // file name → problem ids
	areas     []string
	kinds     []string
	statuses  []string
	structure [][]any
}

// Doc is what a result shows of a document.
type Doc struct {
	Notice   int      `json:"n"`           // index into Notices
	Number   int      `json:"k,omitempty"` // problem number; 0 for a notice
	Title    string   `json:"t,omitempty"`
	Status   string   `json:"s,omitempty"` // current status
	Source   string   `json:"p,omitempty"` // provenance of the status, or "update"
	Date     string   `json:"d,omitempty"` // of the last update
	Overdue  int      `json:"o,omitempty"` // 1 when overdue
	Fields   []string `json:"f"`           // for the snippet, as published
	overdue  bool
	current  string
	kinds    []string
	area     string
	category string
}

type gram struct {
	key       string
	docs      []int32
	titles    []int32
	lastDoc   int32
	lastTitle int32
}

type posting struct {
	key  string
	occ  []uint32 // unit, offset pairs
	last uint32
}

// builder holds the gram tables during Build.
type builder struct {
	ix   *Index
	ids  map[uint64]int32 // gram (its runes packed, 21 bits each) → id
	pos  []*posting       // per gram id: its places, for 3-grams
	seen []int32          // per gram: the last unit it was added to (mark)
	mark int32
	rs   []rune
}

// gramID returns the id of the gram of key k (runes rs), creating it.
func (b *builder) gramID(k uint64, rs []rune) int32 {
	if id, ok := b.ids[k]; ok {
		return id
	}
	id := int32(len(b.ix.grams))
	b.ids[k] = id
	b.ix.grams = append(b.ix.grams, &gram{key: string(rs), lastDoc: -1, lastTitle: -1})
	b.seen = append(b.seen, -1)
	var p *posting
	if len(rs) == 3 {
		p = &posting{key: string(rs)}
		b.ix.trigrams[p.key] = p
	}
	b.pos = append(b.pos, p)
	return id
}

// unitGrams scans the fields of one unit: it records the positional
// 3-grams (when unit >= 0) and returns the distinct 1-, 2- and 3-grams of
// the unit. Grams with white space are left out: no term holds one. (No
// text holds U+0000, so packed keys of different lengths differ.)
func (b *builder) unitGrams(fields []string, unit int) []int32 {
	b.mark++
	var out []int32
	rs := b.rs[:0]
	for i, f := range fields {
		if i > 0 {
			rs = append(rs, Sep)
		}
		for _, r := range Normalize(f) {
			rs = append(rs, r)
		}
	}
	b.rs = rs
	for p := range rs {
		var k uint64
		for n := 0; n < 3 && p+n < len(rs); n++ {
			r := rs[p+n]
			if unicode.IsSpace(r) {
				break
			}
			k |= uint64(r) << (21 * n)
			id := b.gramID(k, rs[p:p+n+1])
			if b.seen[id] != b.mark {
				b.seen[id] = b.mark
				out = append(out, id)
			}
			if n == 2 && unit >= 0 {
				t := b.pos[id]
				t.occ = append(t.occ, uint32(unit), uint32(p))
			}
		}
	}
	return out
}

// Build builds the index of the notices (their staff files applied), with
// overdue judged on asOf (YYYY-MM-DD) and successors giving the notice
// that continues each (nil: none).
func Build(notices []*notice.Notice, successors Series, asOf string) *Index {
	ns := slices.Clone(notices)
	slices.SortStableFunc(ns, func(a, b *notice.Notice) int {
		if c := cmp.Compare(b.Published, a.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	byID := map[string]*notice.Notice{}
	for _, n := range notices {
		byID[n.ID] = n
	}
	ix := &Index{Notices: ns, trigrams: map[string]*posting{}, facets: map[string][]int32{},
		kinds: notice.AccountabilityKinds, statuses: append(slices.Clone(notice.Statuses), notice.StatusUnstated)}
	b := &builder{ix: ix, ids: map[uint64]int32{}}
	for _, n := range ns {
		ix.P += len(n.Issues)
	}
	addDoc := func(ids []int32, doc int32) {
		for _, id := range ids {
			g := ix.grams[id]
			if g.lastDoc != doc {
				g.lastDoc = doc
				g.docs = append(g.docs, doc)
			}
		}
	}
	noticeGrams := make([][]int32, len(ns))
	doc := int32(0)
	unit := 0
	areaIndex := map[string]int{}
	for ni, n := range ns {
		nA, nC := len(n.Areas), len(n.Categories)
		head := b.unitGrams([]string{n.Title, n.Issuer}, unit)
		body := b.unitGrams(append(slices.Clone([]string(n.Preamble)), n.Closing...), unit+1)
		noticeGrams[ni] = append(slices.Clone(head), body...)
		unit += 2
		areaGrams := map[int][]int32{}
		for _, a := range n.Areas {
			areaGrams[a.Number] = b.unitGrams([]string{a.Title}, unit)
			unit++
			if _, ok := areaIndex[a.Title]; !ok {
				areaIndex[a.Title] = len(ix.areas)
				ix.areas = append(ix.areas, a.Title)
			}
		}
		catGrams := map[int][]int32{}
		for _, c := range n.Categories {
			catGrams[c.Number] = b.unitGrams([]string{c.Title}, unit)
			unit++
		}
		var areaRuns, catRuns []int
		for _, is := range n.Issues {
			areaRuns = run(areaRuns, is.Area)
			catRuns = run(catRuns, is.Category)
			title := b.unitGrams([]string{is.Title}, unit)
			for _, id := range title {
				g := ix.grams[id]
				if g.lastTitle != doc {
					g.lastTitle = doc
					g.titles = append(g.titles, doc)
				}
			}
			own := b.unitGrams(bodyFields(is), unit+1)
			unit += 2
			for _, ids := range [][]int32{head, areaGrams[is.Area], catGrams[is.Category], title, own} {
				addDoc(ids, doc)
			}
			ix.Docs = append(ix.Docs, problemDoc(n, ni, is, asOf, successors, byID))
			doc++
		}
		ix.structure = append(ix.structure, []any{nA, nC, len(n.Issues), areaRuns, catRuns})
	}
	for ni, n := range ns {
		addDoc(noticeGrams[ni], doc)
		ix.Docs = append(ix.Docs, Doc{Notice: ni, Fields: NoticeFields(n)})
		doc++
	}
	ix.units = unit
	for p, d := range ix.Docs[:ix.P] {
		id := int32(p)
		ix.facet("s", slices.Index(ix.statuses, d.current), id)
		if d.overdue {
			ix.facet("o", 0, id)
		}
		for _, k := range d.kinds {
			ix.facet("k", slices.Index(ix.kinds, k), id)
		}
		if d.area != "" {
			ix.facet("a", areaIndex[d.area], id)
		}
		if d.category != "" {
			ix.facets["c-"+hashHex(d.category)] = append(ix.facets["c-"+hashHex(d.category)], id)
		}
	}
	return ix
}

func (ix *Index) facet(kind string, i int, id int32) {
	if i < 0 {
		return
	}
	name := kind + "-" + strconv.Itoa(i)
	ix.facets[name] = append(ix.facets[name], id)
}

// run appends v to the run-length list runs (value, length, …).
func run(runs []int, v int) []int {
	if n := len(runs); n > 0 && runs[n-2] == v {
		runs[n-1]++
		return runs
	}
	return append(runs, v, 1)
}

// problemDoc is the document of problem is of notice n (index ni).
func problemDoc(n *notice.Notice, ni int, is notice.Issue, asOf string, successors Series, byID map[string]*notice.Notice) Doc {
	f := ProblemFields(n, is)
	d := Doc{Notice: ni, Number: is.Number, Title: is.Title, Status: is.Current(), Source: is.Provenance(),
		Fields: f[:len(f)-2], current: is.Current(), area: areaTitle(n, is.Area), category: categoryTitle(n, is.Category)}
	if len(is.Updates) > 0 {
		d.Source = "update"
		d.Date = is.Updates[len(is.Updates)-1].Date
	}
	for _, a := range is.Accountability {
		if !slices.Contains(d.kinds, a.Kind) {
			d.kinds = append(d.kinds, a.Kind)
		}
	}
	if is.Deadline != "" && is.Deadline < asOf && d.current != Completed && !completedLater(n, is.Number, successors, byID) {
		d.overdue, d.Overdue = true, 1
	}
	return d
}

// completedLater reports whether a later notice that continues n records
// its problem number as 已完成 (func/issue-overdue.html).
func completedLater(n *notice.Notice, number int, successors Series, byID map[string]*notice.Notice) bool {
	seen := map[string]bool{n.ID: true}
	for id := successors[n.ID]; id != "" && !seen[id]; id = successors[id] {
		seen[id] = true
		later := byID[id]
		if later == nil {
			return false
		}
		found := false
		for _, is := range later.Issues {
			if is.Continues == number {
				found = true
				if is.Current() == Completed {
					return true
				}
				number = is.Number
				break
			}
		}
		if !found {
			return false
		}
	}
	return false
}

// keysSorted returns the keys of m, sorted.
func keysSorted[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
