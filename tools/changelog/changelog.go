// Package changelog derives each notice's change log from the git history of
// its data files, for the site's "修改记录" (`rectify build` and serve write
// it before Hugo runs; see Write).
//
// A notice's state at a commit is its imported data file
// data/notices/<id>.toml together with its staff file data/staff/<id>.toml.
// Each state is flattened into the fields a reader sees (per problem and for
// the notice), and consecutive states are compared field by field. The
// flattening is what the site shows, not how the files store it: an update
// list is the same field whichever file held it, and a status that staff
// confirmed is the same whether it is the staff file's status or, in the old
// format, the data file's status with status_confirmed = true. So moving
// data from one file to the other is no change.
//
// History is read along first parents (the mainline: a merged branch's
// changes are dated by the merge), with one `git log` and one
// `git cat-file --batch` for all notices.
package changelog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Log is the change log of one notice, written as <id>.json.
type Log struct {
	Notice string `json:"notice"`
	// First is the commit of the first version in the log: changes are
	// relative to it.
	First Point `json:"first"`
	// Entries are the changes, newest first.
	Entries []Entry `json:"entries"`
}

// Point is a commit: its committer date in China Standard Time and its
// abbreviated hash.
type Point struct {
	Date   string `json:"date"`   // YYYY-MM-DD
	Commit string `json:"commit"` // 7 hex digits
}

// Entry is one changed field.
type Entry struct {
	Date   string `json:"date"`   // YYYY-MM-DD, the commit's committer date in CST
	Commit string `json:"commit"` // 7 hex digits
	// Problem is the problem number, 0 for a notice-level field.
	Problem int `json:"problem"`
	// ProblemTitle is the problem's title after the change (before it, for
	// a removed problem); "" for a notice-level field.
	ProblemTitle string `json:"problem_title"`
	// Field names the field (see the lists in flatten.go): e.g. "status",
	// "confirmed_status", "update", "contact.phone". Field "problem" is a
	// problem added (Old "") or removed (New ""), its title as the value.
	Field string `json:"field"`
	Label string `json:"label"` // the field's name for readers, e.g. 整改状态
	Old   string `json:"old"`   // "" when the field was empty or absent
	New   string `json:"new"`
}

// ErrNotGit is returned when root is not inside a git work tree (or git is
// not installed): there is no history to read.
var ErrNotGit = errors.New("不在 git 仓库中")

// ErrShallow is returned for a shallow clone, whose history is cut short:
// a log from it would be wrong.
var ErrShallow = errors.New("浅克隆（shallow clone）的 git 历史不完整")

// cst is China Standard Time; a fixed zone, so no tzdata is needed.
var cst = time.FixedZone("CST", 8*3600)

// Write writes the change log of every notice with a data file
// root/data/notices/<id>.toml to outDir/<id>.json (each file replaced
// atomically; one whose content is unchanged is not rewritten) and removes
// the other *.json files of outDir. A notice with no committed version gets
// no file.
//
// It returns ErrShallow (writing nothing) for a shallow clone, and
// ErrNotGit outside a git checkout, after removing outDir's *.json files:
// no log is better than a stale one.
func Write(root, outDir string) error {
	logs, err := Logs(root)
	if errors.Is(err, ErrNotGit) {
		if rerr := removeStale(outDir, nil); rerr != nil {
			return rerr
		}
		return err
	}
	if err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, l := range logs {
		data, err := encode(l)
		if err != nil {
			return err
		}
		name := l.Notice + ".json"
		keep[name] = true
		if err := writeAtomic(filepath.Join(outDir, name), data); err != nil {
			return err
		}
	}
	return removeStale(outDir, keep)
}

// Logs returns the change log of every notice with a data file
// root/data/notices/<id>.toml that has at least one committed version that
// decodes, sorted by id.
func Logs(root string) ([]Log, error) {
	if err := repoState(root); err != nil {
		return nil, err
	}
	ids, err := noticeIDs(root)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	if !hasCommits(root) {
		return nil, nil
	}
	commits, err := readLog(root)
	if err != nil {
		return nil, err
	}
	hist := versions(commits, ids)
	var shas []string
	seen := map[string]bool{}
	for _, id := range ids {
		for _, v := range hist[id] {
			for _, b := range []string{v.data, v.staff} {
				if b != "" && !seen[b] {
					seen[b] = true
					shas = append(shas, b)
				}
			}
		}
	}
	blobs, err := catBlobs(root, shas)
	if err != nil {
		return nil, err
	}
	dec := decoder{blobs: blobs, cache: map[string]decoded{}}
	since := publicSince(root)
	var logs []Log
	for _, id := range ids {
		if l, ok := buildLog(id, hist[id], &dec, since); ok {
			logs = append(logs, l)
		}
	}
	return logs, nil
}

// noticeIDs lists the ids of root/data/notices/*.toml, sorted.
func noticeIDs(root string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(root, "data", "notices", "*.toml"))
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(files))
	for _, f := range files {
		ids = append(ids, strings.TrimSuffix(filepath.Base(f), ".toml"))
	}
	sort.Strings(ids)
	return ids, nil
}

// publicSince is the day the site went public, config.toml's
// params.changelogSince (YYYY-MM-DD, China Standard Time), or "": the data
// was developed in the repository before, and those changes were never
// published, so the log starts from the last version before that day.
func publicSince(root string) string {
	var cfg struct {
		Params struct {
			ChangelogSince string `toml:"changelogSince"`
		} `toml:"params"`
	}
	if _, err := toml.DecodeFile(filepath.Join(root, "config.toml"), &cfg); err != nil {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, cfg.Params.ChangelogSince); err != nil {
		return ""
	}
	return cfg.Params.ChangelogSince
}

// buildLog diffs the consecutive decodable versions of one notice; ok is
// false when none decodes. Versions dated before since (a YYYY-MM-DD, or
// "") are folded into the first: their changes are not logged.
func buildLog(id string, vs []version, dec *decoder, since string) (Log, bool) {
	l := Log{Notice: id, Entries: []Entry{}}
	var prev *snapshot
	var batches [][]Entry
	for _, v := range vs {
		if v.data == "" {
			continue // the data file does not exist at this commit
		}
		data, ok := dec.decode(v.data)
		if !ok {
			continue
		}
		var staff map[string]any
		if v.staff != "" {
			if staff, ok = dec.decode(v.staff); !ok {
				continue
			}
		}
		cur := flatten(data, staff)
		cur.inherit(prev)
		at := Point{Date: v.commit.date(), Commit: v.commit.short()}
		if prev == nil || at.Date < since {
			l.First = at
		} else {
			batches = append(batches, diff(prev, cur, at))
		}
		prev = cur
	}
	if prev == nil {
		return Log{}, false
	}
	for i := len(batches) - 1; i >= 0; i-- {
		l.Entries = append(l.Entries, batches[i]...)
	}
	return l, true
}

// encode is the JSON of a log: indented, with < > & kept as they are.
func encode(l Log) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(l); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeAtomic replaces path with data through a temporary file in the same
// folder (hidden and not *.json, so Hugo never reads a partial file), unless
// path already holds exactly data.
func writeAtomic(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(f.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path)
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("写入 %s 失败：%w", path, werr)
	}
	return nil
}

// removeStale removes the *.json files of dir not in keep (a missing dir
// is fine). Hidden files are left alone: they are another writer's
// temporary files.
func removeStale(dir string, keep map[string]bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasSuffix(n, ".json") && !strings.HasPrefix(n, ".") && !keep[n] {
			if err := os.Remove(filepath.Join(dir, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}
