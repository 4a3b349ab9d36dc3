package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// The files of the index, relative to its folder (search/ of the site):
//
//	meta.json          counts, shard counts, facet values, version
//	notices.json       the notices: id, title, issuer, unit, date, first problem, count
//	structure.json     per notice: areas, categories, problems, area and category runs
//	g/<i>.bin          gram postings, shard i
//	p/<i>.bin          positional 3-gram postings, shard i
//	f/<name>.bin       a facet's posting list
//	d/<k>.json         documents k*DocBlock … k*DocBlock+DocBlock-1
//	n/<i>.json         notice i's area and category titles (for the filters)
//
// Binary formats (unsigned LEB128 varints):
//
//	list     := 0 count delta… | 1 base nbytes bytes   (ids ascending; bit j of byte i is base+8i+j)
//	g record := len(key) key list(docs) list(titles)
//	p record := len(key) key nunits (unitDelta npos posDelta…)…
//
// A shard is its records one after another. The shard of a gram is
// FNV-1a-32 of its UTF-8 modulo the number of shards (a power of two).

// Hash is FNV-1a, 32 bits, of s's UTF-8 bytes.
func Hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func hashHex(s string) string { return fmt.Sprintf("%08x", Hash(s)) }

func uvarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// encodeList appends the shorter of the delta and the bitmap form of ids.
func encodeList(b []byte, ids []int32) []byte {
	var d []byte
	d = uvarint(d, uint64(len(ids)))
	prev := int32(0)
	for _, id := range ids {
		d = uvarint(d, uint64(id-prev))
		prev = id
	}
	if len(ids) > 0 {
		base := ids[0] &^ 7
		n := (ids[len(ids)-1]-base)/8 + 1
		if int(n)+6 < len(d) {
			b = append(b, 1)
			b = uvarint(b, uint64(base))
			b = uvarint(b, uint64(n))
			bm := make([]byte, n)
			for _, id := range ids {
				bm[(id-base)/8] |= 1 << ((id - base) % 8)
			}
			return append(b, bm...)
		}
	}
	return append(append(b, 0), d...)
}

// Files returns the index's files: path (slash-separated) → content.
func (ix *Index) Files() map[string][]byte {
	files := map[string][]byte{}
	var gramRecs [][]byte
	var gramKeys []string
	total := 0
	for _, g := range ix.grams {
		r := uvarint(nil, uint64(len(g.key)))
		r = append(r, g.key...)
		r = encodeList(r, g.docs)
		r = encodeList(r, g.titles)
		gramRecs = append(gramRecs, r)
		gramKeys = append(gramKeys, g.key)
		total += len(r)
	}
	gShards := shardCount(total, gramShardTarget)
	writeShards(files, "g/", gShards, gramKeys, gramRecs)

	var posRecs [][]byte
	var posKeys []string
	total = 0
	for _, k := range keysSorted(ix.trigrams) {
		t := ix.trigrams[k]
		r := uvarint(nil, uint64(len(k)))
		r = append(r, k...)
		var body []byte
		units := 0
		prevUnit := uint32(0)
		for i := 0; i < len(t.occ); {
			u := t.occ[i]
			j := i
			for j < len(t.occ) && t.occ[j] == u {
				j += 2
			}
			body = uvarint(body, uint64(u-prevUnit))
			body = uvarint(body, uint64((j-i)/2))
			prev := uint32(0)
			for k := i; k < j; k += 2 {
				body = uvarint(body, uint64(t.occ[k+1]-prev))
				prev = t.occ[k+1]
			}
			prevUnit = u
			units++
			i = j
		}
		r = uvarint(r, uint64(units))
		r = append(r, body...)
		posRecs = append(posRecs, r)
		posKeys = append(posKeys, k)
		total += len(r)
	}
	pShards := shardCount(total, posShardTarget)
	writeShards(files, "p/", pShards, posKeys, posRecs)

	for _, name := range keysSorted(ix.facets) {
		files["f/"+name+".bin"] = encodeList(nil, ix.facets[name])
	}
	for k := 0; k*DocBlock < len(ix.Docs); k++ {
		files["d/"+strconv.Itoa(k)+".json"] = mustJSON(ix.Docs[k*DocBlock : min(len(ix.Docs), (k+1)*DocBlock)])
	}
	type noticeRow struct {
		ID     string `json:"id"`
		Title  string `json:"t"`
		Issuer string `json:"i"`
		Unit   string `json:"u"`
		Date   string `json:"d"`
		First  int    `json:"a"`
		Count  int    `json:"c"`
	}
	var rows []noticeRow
	first := 0
	for i, n := range ix.Notices {
		rows = append(rows, noticeRow{n.ID, n.Title, n.Issuer, n.InspectedUnit, n.Published, first, len(n.Issues)})
		first += len(n.Issues)
		var areas, cats []string
		for _, a := range n.Areas {
			areas = append(areas, a.Title)
		}
		for _, c := range n.Categories {
			cats = append(cats, c.Title)
		}
		files["n/"+strconv.Itoa(i)+".json"] = mustJSON(map[string][]string{"a": nonNil(areas), "c": nonNil(cats)})
	}
	files["notices.json"] = mustJSON(rows)
	files["structure.json"] = mustJSON(ix.structure)

	h := sha256.New()
	for _, name := range keysSorted(files) {
		h.Write([]byte(name))
		h.Write(files[name])
	}
	files["meta.json"] = mustJSON(map[string]any{
		"version":    hex.EncodeToString(h.Sum(nil))[:16],
		"problems":   ix.P,
		"notices":    len(ix.Notices),
		"units":      ix.units,
		"docBlock":   DocBlock,
		"gramShards": gShards,
		"posShards":  pShards,
		"statuses":   ix.statuses,
		"kinds":      ix.kinds,
		"areas":      nonNil(ix.areas),
	})
	return files
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// shardCount is the power of two that makes the mean shard about target.
func shardCount(total, target int) int {
	n := (total + target - 1) / target
	if n <= 1 {
		return 1
	}
	return 1 << bits.Len(uint(n-1))
}

func writeShards(files map[string][]byte, dir string, n int, keys []string, recs [][]byte) {
	shards := make([][]byte, n)
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if keys[a] < keys[b] {
			return -1
		}
		return 1
	})
	for _, i := range order {
		s := Hash(keys[i]) & uint32(n-1)
		shards[s] = append(shards[s], recs[i]...)
	}
	for i, s := range shards {
		if len(s) > 0 {
			files[dir+strconv.Itoa(i)+".bin"] = s
		}
	}
}

// WriteFiles replaces the folder dir with the files (only a folder that
// holds an earlier index, marked by meta.json, or none, is replaced).
func WriteFiles(dir string, files map[string][]byte) error {
	if _, err := os.Stat(filepath.Join(dir, "meta.json")); err == nil {
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	} else if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		return fmt.Errorf("%s is not a search index (no meta.json) and not empty", dir)
	}
	for _, name := range keysSorted(files) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
