package search

import (
	"cmp"
	"encoding/binary"
	"runtime"
	"slices"
	"strconv"
	"unicode"

	"github.com/wuhan-rectify/tracker/tools/internal/parallel"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// Sep joins the fields of a unit: no term holds it (terms hold no white
// space), so no term is found across two fields.
const Sep = '\n'

// DocBlock is the number of problems per documents file
// (d/<notice>/<block>.json): a page of results reads one small file per
// result or so.
const DocBlock = 4

// NoticeBlock is the number of notices per notices file (d/n/<block>.json):
// the first results among notices are neighbours.
const NoticeBlock = 4

// Shard sizes aimed at (bytes); the number of shards is the power of two
// that brings the mean shard down to about this.
const (
	gramShardTarget = 8 << 10
	posShardTarget  = 16 << 10
)

// Figures are what the site derives of each problem and the index shows
// and filters on (the status facet, the overdue facet, the tags of a
// result), as the site's own open data gives them: the site decides them
// in one place (its templates, func/issue-record.html), and the index
// takes them from the records of its open data (SiteFigures), never
// deciding them again.
type Figures map[Key]Figure

// Key names a problem: its notice's id and its number.
type Key struct {
	Notice string
	Number int
}

// Figure is what the site says of one problem.
type Figure struct {
	Status  string // current status
	Source  string // where the status at publication comes from (stated, inferred, confirmed, ""), or "update"
	Date    string // of the last status update, or ""
	Overdue bool
}

// Index is the built search index, ready to be written (Files).
//
// Units, the places of the positional postings, are numbered notice by
// notice: for notice i, at Base(i), its title and issuer, then its preamble
// and closing, then for each problem its title and its body (area title,
// category title, then the fields of bodyFields). Which documents a unit
// stands for follows from the number of problems of each notice (Counts)
// alone: see Reader.expand.
type Index struct {
	Notices []*notice.Notice // in document order: newest first
	Docs    []Doc
	P       int   // number of problems (documents 0..P-1; notices follow)
	Counts  []int // problems per notice, in Notices order

	grams    *table
	facets   map[string][]int32
	areas    []string
	kinds    []string
	statuses []string
}

// Doc is what a result shows of a document.
type Doc struct {
	Notice   int      `json:"-"`           // index into Notices
	Number   int      `json:"k,omitempty"` // problem number; 0 for a notice
	Title    string   `json:"t,omitempty"`
	Status   string   `json:"s,omitempty"` // current status
	Source   string   `json:"p,omitempty"` // provenance of the status, or "update"
	Date     string   `json:"d,omitempty"` // of the last update
	Overdue  int      `json:"o,omitempty"` // 1 when overdue
	Fields   []string `json:"f"`           // for the snippet, as published
	kinds    []string
	area     string
	category string
}

// A gram's postings: the documents whose text holds it, the problems whose
// title holds it, and for a 3-gram its places, encoded as they come (see
// encode.go).
type gram struct {
	key       uint64 // its runes packed, 21 bits each
	docs      []int32
	titles    []int32
	pos       []byte
	lastDoc   int32
	lastTitle int32
	mark      int32
	lastUnit  uint32
	lastOff   uint32
}

// more makes room for n more elements in s, doubling its capacity (append
// grows large slices by a quarter, copying them over and over).
func more[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	t := make([]T, len(s), 2*cap(s)+n+4)
	copy(t, s)
	return t
}

// at records a place of a 3-gram: unit and offset, after those recorded.
func (g *gram) at(unit, off uint32) {
	g.pos = more(g.pos, 10)
	if len(g.pos) > 0 && unit == g.lastUnit {
		g.pos = uvarint(g.pos, uint64(off-g.lastOff)<<1|1)
	} else {
		g.pos = uvarint(g.pos, uint64(unit-g.lastUnit)<<1)
		g.pos = uvarint(g.pos, uint64(off))
	}
	g.lastUnit, g.lastOff = unit, off
}

func (g *gram) doc(doc int32) {
	if g.lastDoc != doc {
		g.lastDoc = doc
		g.docs = append(more(g.docs, 1), doc)
	}
}

// A table holds the grams of a run of notices: each run is built by its
// own goroutine, then the tables are merged (merge).
type table struct {
	one    []int32 // the ids of 1-grams of the BMP, -1 for none yet
	ids    map[uint64]int32
	cache  []cached // recent ids of longer grams, by hash (keys are never 0)
	grams  []gram
	mark   int32
	out    []int32 // the distinct grams of the last unit (distinctGrams)
	shared []place // the places of the last unit (sharedGrams)
}

// cached is an entry of a table's cache of gram ids.
type cached struct {
	key uint64
	id  int32
}

const cacheBits = 16

func newTable() *table {
	t := &table{one: make([]int32, 0x10000), ids: map[uint64]int32{}, cache: make([]cached, 1<<cacheBits)}
	for i := range t.one {
		t.one[i] = -1
	}
	return t
}

// id returns the id of the gram of packed key k, adding it (n runes).
func (t *table) id(k uint64, n int) int32 {
	if n == 1 && k < 0x10000 {
		if id := t.one[k]; id >= 0 {
			return id
		}
	}
	c := &t.cache[(k*0x9E3779B97F4A7C15)>>(64-cacheBits)]
	if n > 1 || k >= 0x10000 {
		if c.key == k {
			return c.id
		}
		if id, ok := t.ids[k]; ok {
			*c = cached{k, id}
			return id
		}
	}
	id := int32(len(t.grams))
	if n == 1 && k < 0x10000 {
		t.one[k] = id
	} else {
		t.ids[k] = id
		*c = cached{k, id}
	}
	t.grams = append(t.grams, gram{key: k, lastDoc: -1, lastTitle: -1, mark: -1})
	return id
}

// Unit modes: what unit records of each gram.
const (
	distinctGrams = 1 << iota // collect the distinct grams (t.out)
	docGrams                  // add the document
	titleGrams                // add the problem as a title hit
	placeGrams                // record the places of 3-grams
	sharedGrams               // collect the places of 3-grams (t.shared)
)

// unit scans the grams of rs (1 to 3 runes; no text holds U+0000, which
// stands for white space), doing what mode says; places are at unit,
// offsets shifted by shift.
func (t *table) unit(rs []rune, mode int, doc int32, unit, shift uint32) {
	if mode&distinctGrams != 0 {
		t.mark++
		t.out = t.out[:0]
	}
	for p := range rs {
		var k uint64
		for n := 0; n < 3 && p+n < len(rs); n++ {
			r := rs[p+n]
			if r == 0 {
				break
			}
			k |= uint64(r) << (21 * n)
			id := t.id(k, n+1)
			g := &t.grams[id]
			if mode&distinctGrams != 0 && g.mark != t.mark {
				g.mark = t.mark
				t.out = append(t.out, id)
			}
			if mode&docGrams != 0 {
				g.doc(doc)
			}
			if mode&titleGrams != 0 && g.lastTitle != doc {
				g.lastTitle = doc
				g.titles = append(more(g.titles, 1), doc)
			}
			if n == 2 {
				if mode&placeGrams != 0 {
					g.at(unit, shift+uint32(p))
				}
				if mode&sharedGrams != 0 {
					t.shared = append(t.shared, place{id, uint32(p)})
				}
			}
		}
	}
}

// place is a 3-gram of a shared text (an area or category title) at an
// offset, recorded again in the body unit of each problem that shows it.
type place struct {
	id  int32
	off uint32
}

func (t *table) addDoc(ids []int32, doc int32) {
	for _, id := range ids {
		t.grams[id].doc(doc)
	}
}

// texts are a notice's texts, normalised (NFKC) and joined by unit, white
// space as U+0000.
type texts struct {
	head, body  []rune
	areas, cats map[int][]rune
	titles, own [][]rune
}

func join(fields []string) []rune {
	var rs []rune
	for i, f := range fields {
		if i > 0 {
			rs = append(rs, 0)
		}
		for _, r := range Normalize(f) {
			if r < 0x80 && r != ' ' && (r < '\t' || r > '\r') || r >= 0x80 && !unicode.IsSpace(r) {
				rs = append(rs, r)
			} else {
				rs = append(rs, 0)
			}
		}
	}
	return rs
}

func textsOf(n *notice.Notice) *texts {
	x := &texts{head: join([]string{n.Title, n.Issuer}),
		body:  join(append(slices.Clone([]string(n.Preamble)), n.Closing...)),
		areas: map[int][]rune{}, cats: map[int][]rune{}}
	for _, a := range n.Areas {
		if _, ok := x.areas[a.Number]; !ok {
			x.areas[a.Number] = join([]string{a.Title})
		}
	}
	for _, c := range n.Categories {
		if _, ok := x.cats[c.Number]; !ok {
			x.cats[c.Number] = join([]string{c.Title})
		}
	}
	for _, is := range n.Issues {
		x.titles = append(x.titles, join([]string{is.Title}))
		x.own = append(x.own, join(bodyFields(is)))
	}
	return x
}

// shared are the grams of an area or category title: their ids, and the
// places of their 3-grams.
type shared struct {
	ids    []int32
	places []place
}

func (t *table) sharedOf(rs []rune) shared {
	t.shared = t.shared[:0]
	t.unit(rs, distinctGrams|sharedGrams, 0, 0, 0)
	return shared{slices.Clone(t.out), slices.Clone(t.shared)}
}

// build fills the table from the texts of notices ns, in document order:
// their first problem is document doc, their first unit unit, and the
// first of them is notice number first (document p+first).
func (t *table) build(ns []*notice.Notice, xs []*texts, p int, doc int32, unit uint32, first int) {
	headIDs := make([][]int32, len(ns))
	bodyIDs := make([][]int32, len(ns))
	for ni, n := range ns {
		x := xs[ni]
		t.unit(x.head, distinctGrams|placeGrams, 0, unit, 0)
		headIDs[ni] = slices.Clone(t.out)
		t.unit(x.body, distinctGrams|placeGrams, 0, unit+1, 0)
		bodyIDs[ni] = slices.Clone(t.out)
		unit += 2
		areas, cats := map[int]shared{}, map[int]shared{}
		for num, rs := range x.areas {
			areas[num] = t.sharedOf(rs)
		}
		for num, rs := range x.cats {
			cats[num] = t.sharedOf(rs)
		}
		for j, is := range n.Issues {
			t.unit(x.titles[j], docGrams|titleGrams|placeGrams, doc, unit, 0)
			// The body unit: area title, category title, own fields.
			body := unit + 1
			for _, pl := range areas[is.Area].places {
				t.grams[pl.id].at(body, pl.off)
			}
			shift := uint32(len(x.areas[is.Area]) + 1)
			for _, pl := range cats[is.Category].places {
				t.grams[pl.id].at(body, shift+pl.off)
			}
			shift += uint32(len(x.cats[is.Category]) + 1)
			t.unit(x.own[j], docGrams|placeGrams, doc, body, shift)
			t.addDoc(headIDs[ni], doc)
			t.addDoc(areas[is.Area].ids, doc)
			t.addDoc(cats[is.Category].ids, doc)
			unit += 2
			doc++
		}
	}
	for ni := range ns {
		t.addDoc(headIDs[ni], int32(p+first+ni))
		t.addDoc(bodyIDs[ni], int32(p+first+ni))
	}
}

// merge appends the grams of u, built from the notices after t's, to t;
// p is the first notice document: each list of documents is the problems,
// then the notices.
func (t *table) merge(u *table, p int32) {
	for i := range u.grams {
		g := &u.grams[i]
		id := t.id(g.key, runes(g.key))
		h := &t.grams[id]
		a := h.docs[:0:0]
		ha, ua := splitAt(h.docs, p), splitAt(g.docs, p)
		if ua > 0 && ha < len(h.docs) {
			a = make([]int32, 0, len(h.docs)+len(g.docs))
			a = append(append(append(append(a, h.docs[:ha]...), g.docs[:ua]...), h.docs[ha:]...), g.docs[ua:]...)
		} else {
			a = append(h.docs, g.docs...)
		}
		h.docs = a
		h.titles = append(h.titles, g.titles...)
		if len(g.pos) > 0 {
			// The first place of u's is a unit from 0: make it from t's last.
			v, n := binary.Uvarint(g.pos)
			if len(h.pos) > 0 {
				h.pos = uvarint(h.pos, v-uint64(h.lastUnit)<<1)
			} else {
				h.pos = uvarint(h.pos, v)
			}
			h.pos = append(h.pos, g.pos[n:]...)
			h.lastUnit, h.lastOff = g.lastUnit, g.lastOff
		}
	}
}

// splitAt returns the index of the first id >= p in ids (ascending).
func splitAt(ids []int32, p int32) int {
	i, _ := slices.BinarySearch(ids, p)
	return i
}

// runes returns the number of runes of a packed key.
func runes(k uint64) int {
	n := 0
	for ; k != 0; k >>= 21 {
		n++
	}
	return n
}

// Build builds the index of the notices (their staff files applied), each
// problem with its figures (a problem without one has none: no status, not
// overdue). It uses up to GOMAXPROCS goroutines.
func Build(notices []*notice.Notice, figs Figures) *Index {
	ns := slices.Clone(notices)
	slices.SortStableFunc(ns, func(a, b *notice.Notice) int {
		if c := cmp.Compare(b.Published, a.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	ix := &Index{Notices: ns, facets: map[string][]int32{},
		kinds: notice.AccountabilityKinds, statuses: append(slices.Clone(notice.Statuses), notice.StatusUnstated)}
	for _, n := range ns {
		ix.P += len(n.Issues)
		ix.Counts = append(ix.Counts, len(n.Issues))
	}
	workers := 1 // a power of two, up to 4
	for workers < 4 && 2*workers <= runtime.GOMAXPROCS(0) {
		workers *= 2
	}

	// The texts, normalised, notice by notice in parallel.
	xs := make([]*texts, len(ns))
	parallel.For(workers, len(ns), func(i int) { xs[i] = textsOf(ns[i]) })

	// The gram tables, one per run of notices (of about as many problems),
	// built in parallel, then merged.
	var cuts []int // the first notice of each run, then len(ns)
	for i, n := 0, 0; i < len(ns); i++ {
		if n >= len(cuts)*ix.P/workers {
			cuts = append(cuts, i)
		}
		n += ix.Counts[i]
	}
	cuts = append(cuts, len(ns))
	tables := make([]*table, len(cuts)-1)
	parallel.For(workers, len(tables), func(w int) {
		doc, unit := 0, 0
		for i := range cuts[w] {
			doc += ix.Counts[i]
			unit += 2 + 2*ix.Counts[i]
		}
		t := newTable()
		t.build(ns[cuts[w]:cuts[w+1]], xs[cuts[w]:cuts[w+1]], ix.P, int32(doc), uint32(unit), cuts[w])
		tables[w] = t
	})
	if len(tables) == 0 {
		tables = append(tables, newTable())
	}
	for _, u := range tables[1:] {
		tables[0].merge(u, int32(ix.P))
	}
	ix.grams = tables[0]

	areaIndex := map[string]int{}
	for ni, n := range ns {
		for _, a := range n.Areas {
			if _, ok := areaIndex[a.Title]; !ok {
				areaIndex[a.Title] = len(ix.areas)
				ix.areas = append(ix.areas, a.Title)
			}
		}
		for _, is := range n.Issues {
			ix.Docs = append(ix.Docs, problemDoc(n, ni, is, figs[Key{n.ID, is.Number}]))
		}
	}
	for ni, n := range ns {
		ix.Docs = append(ix.Docs, Doc{Notice: ni, Fields: NoticeFields(n)})
	}
	for p, d := range ix.Docs[:ix.P] {
		id := int32(p)
		if i := slices.Index(ix.statuses, d.Status); i >= 0 {
			ix.facet("s", i, id)
		}
		if d.Overdue == 1 {
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

// problemDoc is the document of problem is of notice n (index ni), with
// its figures f.
func problemDoc(n *notice.Notice, ni int, is notice.Issue, f Figure) Doc {
	fields := ProblemFields(n, is)
	d := Doc{Notice: ni, Number: is.Number, Title: is.Title, Status: f.Status, Source: f.Source, Date: f.Date,
		Fields: fields[:len(fields)-2], area: areaTitle(n, is.Area), category: categoryTitle(n, is.Category)}
	if f.Overdue {
		d.Overdue = 1
	}
	for _, a := range is.Accountability {
		if !slices.Contains(d.kinds, a.Kind) {
			d.kinds = append(d.kinds, a.Kind)
		}
	}
	return d
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
