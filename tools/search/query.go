package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Reader answers queries from the index files, as assets/js/search.js does:
// the tests hold it against a brute-force oracle, and the budget check
// counts the files a query reads.
type Reader struct {
	Files map[string][]byte
	Read  []string // the files read, in order (each once)

	fetch func(name string) ([]byte, error) // for a file not in Files
	err   error                             // the first error of fetch

	meta struct {
		Problems   int   `json:"problems"`
		Notices    int   `json:"notices"`
		Counts     []int `json:"counts"`
		GramShards int   `json:"gramShards"`
		PosShards  int   `json:"posShards"`
	}
	bases  []int // per notice: first unit
	firsts []int // per notice: first problem
	read   map[string]bool
}

// NewReader opens the index files (as Files returns them).
func NewReader(files map[string][]byte) (*Reader, error) {
	return NewReaderFunc(files, nil)
}

// NewReaderFunc opens an index whose files are read by fetch when first
// needed (a missing file, as a server's 404, is nil and no error), after
// those of files.
func NewReaderFunc(files map[string][]byte, fetch func(name string) ([]byte, error)) (*Reader, error) {
	if files == nil {
		files = map[string][]byte{}
	}
	r := &Reader{Files: files, read: map[string]bool{}, fetch: fetch}
	if err := json.Unmarshal(r.file("meta.json"), &r.meta); err != nil {
		return nil, errors.Join(r.err, err)
	}
	u, p := 0, 0
	for _, c := range r.meta.Counts {
		r.bases = append(r.bases, u)
		r.firsts = append(r.firsts, p)
		u += 2 + 2*c
		p += c
	}
	return r, nil
}

func (r *Reader) file(name string) []byte {
	if !r.read[name] {
		r.read[name] = true
		r.Read = append(r.Read, name)
		if _, ok := r.Files[name]; !ok && r.fetch != nil {
			b, err := r.fetch(name)
			if err != nil && r.err == nil {
				r.err = err
			}
			r.Files[name] = b
		}
	}
	return r.Files[name]
}

// Result is the answer to a query: documents (problems 0..P-1, then
// notices) in ascending order, and for each problem whether its title
// holds every term.
type Result struct {
	Docs     []int32
	TitleHit map[int32]bool
}

// Search returns the documents whose text holds every term of q.
func (r *Reader) Search(q string) (Result, error) {
	terms := Terms(q)
	if len(terms) == 0 {
		return Result{}, nil
	}
	var docs, titles []int32
	for i, t := range terms {
		d, ti, err := r.term(t)
		if err != nil {
			return Result{}, err
		}
		if i == 0 {
			docs, titles = d, ti
		} else {
			docs, titles = intersect(docs, d), intersect(titles, ti)
		}
	}
	if r.err != nil {
		return Result{}, r.err
	}
	res := Result{Docs: docs, TitleHit: map[int32]bool{}}
	for _, t := range titles {
		res.TitleHit[t] = true
	}
	return res, nil
}

// term returns the documents holding t and the problems whose title holds it.
func (r *Reader) term(t string) (docs, titles []int32, err error) {
	n := utf8.RuneCountInString(t)
	if n <= 3 {
		return r.gram(t)
	}
	rs := []rune(t)
	var starts []int
	for s := 0; s < n-3; s += 3 {
		starts = append(starts, s)
	}
	starts = append(starts, n-3)
	var places map[[2]uint32]bool
	for i, s := range starts {
		occ, err := r.positions(string(rs[s : s+3]))
		if err != nil {
			return nil, nil, err
		}
		next := map[[2]uint32]bool{}
		for _, o := range occ {
			at := [2]uint32{o[0], o[1] - uint32(s)}
			if o[1] < uint32(s) {
				continue
			}
			if i == 0 || places[at] {
				next[at] = true
			}
		}
		places = next
		if len(places) == 0 {
			return nil, nil, nil
		}
	}
	units := map[uint32]bool{}
	for p := range places {
		units[p[0]] = true
	}
	ds, ts, err := r.expand(units)
	return ds, ts, err
}

// records calls f with each record of shard file name, its key and its
// body, until f returns true.
func (r *Reader) records(name string, f func(key string, body []byte) bool) {
	for b := r.file(name); len(b) > 0; {
		k, rest := uv(b)
		key := string(rest[:k])
		n, rest := uv(rest[k:])
		if f(key, rest[:n]) {
			return
		}
		b = rest[n:]
	}
}

// gram reads the postings of a gram of 1 to 3 characters.
func (r *Reader) gram(t string) (docs, titles []int32, err error) {
	r.records("g/"+strconv.Itoa(int(Hash(t)&uint32(r.meta.GramShards-1)))+".bin", func(key string, body []byte) bool {
		if key != t {
			return false
		}
		docs, body = decodeList(body)
		titles, _ = decodeList(body)
		return true
	})
	return docs, titles, nil
}

// positions reads the places of a 3-gram: (unit, offset) pairs.
func (r *Reader) positions(t string) ([][2]uint32, error) {
	var out [][2]uint32
	r.records("p/"+strconv.Itoa(int(Hash(t)&uint32(r.meta.PosShards-1)))+".bin", func(key string, b []byte) bool {
		if key != t {
			return false
		}
		unit, off := uint64(0), uint64(0)
		for len(b) > 0 {
			var v uint64
			v, b = uv(b)
			if v&1 == 1 {
				off += v >> 1
			} else {
				unit += v >> 1
				off, b = uv(b)
			}
			out = append(out, [2]uint32{uint32(unit), uint32(off)})
		}
		return true
	})
	return out, nil
}

// expand turns units into documents and title hits: a notice's first unit
// (title, issuer) stands for the notice and all its problems, its second
// (preamble, closing) for the notice; then each problem has two units,
// its title and its body.
func (r *Reader) expand(units map[uint32]bool) ([]int32, []int32, error) {
	docs := map[int32]bool{}
	var titles []int32
	for u := range units {
		ni := sortSearch(r.bases, int(u))
		k := int(u) - r.bases[ni]
		first := r.firsts[ni]
		switch {
		case k == 0:
			docs[int32(r.meta.Problems+ni)] = true
			for j := range r.meta.Counts[ni] {
				docs[int32(first+j)] = true
			}
		case k == 1:
			docs[int32(r.meta.Problems+ni)] = true
		default:
			p := int32(first + (k-2)/2)
			docs[p] = true
			if k%2 == 0 {
				titles = append(titles, p)
			}
		}
	}
	out := make([]int32, 0, len(docs))
	for d := range docs {
		out = append(out, d)
	}
	slices.Sort(out)
	slices.Sort(titles)
	return out, slices.Compact(titles), nil
}

// sortSearch returns the last i with a[i] <= v.
func sortSearch(a []int, v int) int {
	lo, hi := 0, len(a)-1
	for lo < hi {
		m := (lo + hi + 1) / 2
		if a[m] <= v {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

func uv(b []byte) (uint64, []byte) {
	var v uint64
	for i, c := range b {
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return v, b[i+1:]
		}
	}
	panic(fmt.Sprintf("bad varint in %d bytes", len(b)))
}

func decodeList(b []byte) ([]int32, []byte) {
	kind := b[0]
	b = b[1:]
	var out []int32
	if kind == 1 {
		base, rest := uv(b)
		n, rest := uv(rest)
		for i := range int(n) {
			for j := range 8 {
				if rest[i]&(1<<j) != 0 {
					out = append(out, int32(base)+int32(8*i+j))
				}
			}
		}
		return out, rest[n:]
	}
	n, rest := uv(b)
	id := int32(0)
	for range n {
		var d uint64
		d, rest = uv(rest)
		id += int32(d)
		out = append(out, id)
	}
	return out, rest
}

func intersect(a, b []int32) []int32 {
	var out []int32
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
