package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/wuhan-rectify/tracker/tools/internal/parallel"
)

// The files of the index, relative to its folder (search/ of the site):
//
//	meta.json          counts (problems per notice), shard counts, facet values, version
//	g/<i>.bin          gram postings, shard i
//	p/<i>.bin          positional 3-gram postings, shard i
//	f/<name>.bin       a facet's posting list
//	d/<n>/<b>.json     notice n's problems b*DocBlock … b*DocBlock+DocBlock-1, and the notice's id and title
//	d/n/<b>.json       notices b*NoticeBlock … as results (id, title, issuer, preamble,
//	                   closing) with their category titles (the category filter)
//	o.json             the notice and unit filters' options (loaded when a filter is used)
//
// Binary formats (unsigned LEB128 varints):
//
//	list     := 0 count delta… | 1 base nbytes bytes   (ids ascending; bit j of byte i is base+8i+j)
//	g record := len(key) key len(body) list(docs) list(titles)
//	p record := len(key) key len(body) place…
//	place    := unitDelta<<1 offset | offsetDelta<<1|1
//
// Places are (unit, offset) in ascending order: the first place in a unit
// gives the unit (as the difference from the previous place's) and the
// offset; each further place in the same unit gives the difference from
// the previous offset, its low bit set.
//
// A shard is its records one after another, in the order of their packed
// keys. The shard of a gram is FNV-1a-32 of its UTF-8 modulo the number of
// shards (a power of two). A record's body length lets a reader skip it.

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

// keyString is the text of a packed key.
func keyString(k uint64) string {
	var rs []rune
	for ; k != 0; k >>= 21 {
		rs = append(rs, rune(k&(1<<21-1)))
	}
	return string(rs)
}

// rec is an encoded record of a gram, with its shard.
type rec struct {
	key   uint64
	shard uint32
	b     []byte
}

// record appends a record: its key, its body's length, its body.
func record(b []byte, key string, body []byte) []byte {
	b = uvarint(b, uint64(len(key)))
	b = append(b, key...)
	b = uvarint(b, uint64(len(body)))
	return append(b, body...)
}

// Files returns the index's files: path (slash-separated) → content.
func (ix *Index) Files() map[string][]byte {
	files := map[string][]byte{}
	var mu sync.Mutex
	add := func(name string, b []byte) {
		mu.Lock()
		files[name] = b
		mu.Unlock()
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	// The records of the grams and 3-grams, in parallel.
	grams := ix.grams.grams
	gRecs := make([][]rec, workers)
	pRecs := make([][]rec, workers)
	parallel.For(workers, workers, func(w int) {
		var body []byte
		for i := w * len(grams) / workers; i < (w+1)*len(grams)/workers; i++ {
			g := &grams[i]
			key := keyString(g.key)
			h := Hash(key)
			body = encodeList(body[:0], g.docs)
			body = encodeList(body, g.titles)
			gRecs[w] = append(gRecs[w], rec{g.key, h, record(nil, key, body)})
			if len(g.pos) > 0 {
				pRecs[w] = append(pRecs[w], rec{g.key, h, record(nil, key, g.pos)})
			}
		}
	})
	gShards := writeShards(add, "g/", slices.Concat(gRecs...), gramShardTarget)
	pShards := writeShards(add, "p/", slices.Concat(pRecs...), posShardTarget)

	for _, name := range keysSorted(ix.facets) {
		files["f/"+name+".bin"] = encodeList(nil, ix.facets[name])
	}
	type problems struct {
		ID    string `json:"id"`
		Title string `json:"t"`
		Docs  []Doc  `json:"d"`
	}
	type noticeDoc struct {
		ID         string   `json:"id"`
		Title      string   `json:"t"`
		Fields     []string `json:"f"`
		Categories []string `json:"c"`
	}
	firsts := make([]int, len(ix.Notices))
	for i := 1; i < len(firsts); i++ {
		firsts[i] = firsts[i-1] + ix.Counts[i-1]
	}
	parallel.For(workers, len(ix.Notices), func(i int) {
		n := ix.Notices[i]
		dir := "d/" + strconv.Itoa(i) + "/"
		for b := 0; b*DocBlock < ix.Counts[i]; b++ {
			docs := ix.Docs[firsts[i]+b*DocBlock : firsts[i]+min(ix.Counts[i], (b+1)*DocBlock)]
			add(dir+strconv.Itoa(b)+".json", mustJSON(problems{n.ID, n.Title, docs}))
		}
	})
	parallel.For(workers, (len(ix.Notices)+NoticeBlock-1)/NoticeBlock, func(b int) {
		var docs []noticeDoc
		for _, n := range ix.Notices[b*NoticeBlock : min(len(ix.Notices), (b+1)*NoticeBlock)] {
			var cats []string
			for _, c := range n.Categories {
				cats = append(cats, c.Title)
			}
			docs = append(docs, noticeDoc{n.ID, n.Title, NoticeFields(n)[1:], nonNil(cats)})
		}
		add("d/n/"+strconv.Itoa(b)+".json", mustJSON(docs))
	})

	// The options of the notice and unit filters.
	var rows [][]any
	var units []string
	unitIndex := map[string]int{}
	for _, n := range ix.Notices {
		u, ok := unitIndex[n.InspectedUnit]
		if !ok {
			u = len(units)
			unitIndex[n.InspectedUnit] = u
			units = append(units, n.InspectedUnit)
		}
		rows = append(rows, []any{n.ID, n.Title, n.Published, u})
	}
	files["o.json"] = mustJSON(map[string]any{"n": nonNil(rows), "u": nonNil(units)})

	// The version: a hash of the files' names and hashes.
	names := keysSorted(files)
	sums := make([][sha256.Size]byte, len(names))
	parallel.For(workers, len(names), func(i int) { sums[i] = sha256.Sum256(files[names[i]]) })
	h := sha256.New()
	for i, name := range names {
		h.Write([]byte(name))
		h.Write(sums[i][:])
	}
	files["meta.json"] = mustJSON(map[string]any{
		"version":     hex.EncodeToString(h.Sum(nil))[:16],
		"problems":    ix.P,
		"notices":     len(ix.Notices),
		"counts":      nonNil(ix.Counts),
		"docBlock":    DocBlock,
		"noticeBlock": NoticeBlock,
		"gramShards":  gShards,
		"posShards":   pShards,
		"statuses":    ix.statuses,
		"kinds":       ix.kinds,
		"areas":       nonNil(ix.areas),
	})
	return files
}

// nonNil returns s, or an empty slice for nil: JSON [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
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

// writeShards puts the records into shards (about target bytes each; the
// shard of a record is its hash modulo their number), in the order of
// their keys, and returns the number of shards.
func writeShards(add func(string, []byte), dir string, recs []rec, target int) int {
	total := 0
	for _, r := range recs {
		total += len(r.b)
	}
	n := shardCount(total, target)
	slices.SortFunc(recs, func(a, b rec) int { return cmp.Compare(a.key, b.key) })
	shards := make([][]byte, n)
	for _, r := range recs {
		s := r.shard & uint32(n-1)
		shards[s] = append(shards[s], r.b...)
	}
	for i, s := range shards {
		if len(s) > 0 {
			add(dir+strconv.Itoa(i)+".bin", s)
		}
	}
	return n
}

// WriteFiles replaces the folder dir with the files (only a folder that
// holds an earlier index, marked by meta.json, or none, is replaced). The
// earlier index is moved aside and removed while the new one is written;
// files are written by several goroutines.
func WriteFiles(dir string, files map[string][]byte) error {
	var old string
	if _, err := os.Stat(filepath.Join(dir, "meta.json")); err == nil {
		old = dir + ".old"
		if err := os.RemoveAll(old); err != nil {
			return err
		}
		if err := os.Rename(dir, old); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	} else if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		return fmt.Errorf("%s is not a search index (no meta.json) and not empty", dir)
	}
	removed := make(chan error, 1)
	go func() {
		if old == "" {
			removed <- nil
			return
		}
		removed <- os.RemoveAll(old)
	}()
	names := keysSorted(files)
	dirs := map[string]bool{dir: true}
	for _, name := range names {
		dirs[filepath.Join(dir, filepath.FromSlash(path.Dir(name)))] = true
	}
	for _, d := range keysSorted(dirs) {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	errs := make([]error, len(names))
	parallel.For(max(2, runtime.GOMAXPROCS(0)), len(names), func(i int) {
		errs[i] = os.WriteFile(filepath.Join(dir, filepath.FromSlash(names[i])), files[names[i]], 0o644)
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return <-removed
}
