package changelog

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// commit is a commit that changed data files, with the blobs they have
// after it.
type commit struct {
	hash    string
	time    int64 // committer date, Unix seconds
	changes []change
}

// date is the commit's committer date in China Standard Time: a commit at
// 20:30 UTC is dated the next day.
func (c *commit) date() string {
	return time.Unix(c.time, 0).In(cst).Format(time.DateOnly)
}

func (c *commit) short() string {
	if len(c.hash) > 7 {
		return c.hash[:7]
	}
	return c.hash
}

// change is one data file changed by a commit.
type change struct {
	staff bool   // data/staff/<id>.toml, else data/notices/<id>.toml
	id    string // the file name without .toml
	blob  string // the file's blob after the commit; "" when it was deleted
}

// version is the state of one notice's two files after a commit that
// changed either.
type version struct {
	commit *commit
	data   string // blob of data/notices/<id>.toml, "" when absent
	staff  string // blob of data/staff/<id>.toml, "" when absent
}

// git runs git in dir and returns its standard output.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// repoState returns ErrNotGit outside a git work tree (or without git),
// ErrShallow in a shallow clone, else nil.
func repoState(root string) error {
	out, err := git(root, "rev-parse", "--is-inside-work-tree")
	if err != nil || strings.TrimSpace(string(out)) != "true" {
		return ErrNotGit
	}
	out, err = git(root, "rev-parse", "--is-shallow-repository")
	if err != nil {
		return err
	}
	if strings.TrimSpace(string(out)) == "true" {
		return ErrShallow
	}
	return nil
}

// hasCommits reports whether HEAD names a commit (not so in a new repository).
func hasCommits(root string) bool {
	_, err := git(root, "rev-parse", "-q", "--verify", "HEAD^{commit}")
	return err == nil
}

// readLog returns the commits of HEAD's first-parent history that changed
// data/notices/*.toml or data/staff/*.toml, oldest first. One git log gives
// every commit with the blob ids of the files it changed (a merge: against
// its first parent).
func readLog(root string) ([]*commit, error) {
	out, err := git(root, "log", "--first-parent", "--diff-merges=first-parent",
		"--no-renames", "--root", "--relative", "--no-show-signature", "--no-ext-diff",
		"--raw", "--no-abbrev", "-z", "--reverse", "--format=%x01%H %ct",
		"HEAD", "--", "data/notices", "data/staff")
	if err != nil {
		return nil, err
	}
	return parseLog(out)
}

// parseLog reads the output of readLog's git log: per commit, "\x01HASH
// TIME\x00", an optional newline, then ":MODES OLD NEW STATUS\x00PATH\x00"
// for each changed file.
func parseLog(out []byte) ([]*commit, error) {
	var commits []*commit
	bad := func(what string) error {
		return fmt.Errorf("无法解读 git log 的输出（%s）", what)
	}
	field := func() (string, bool) {
		i := bytes.IndexByte(out, 0)
		if i < 0 {
			return "", false
		}
		s := string(out[:i])
		out = out[i+1:]
		return s, true
	}
	for len(out) > 0 {
		if out[0] != 1 {
			return nil, bad("提交的开头")
		}
		out = out[1:]
		head, ok := field()
		if !ok {
			return nil, bad("提交信息")
		}
		hash, ts, _ := strings.Cut(head, " ")
		t, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || hash == "" {
			return nil, bad("提交信息 " + head)
		}
		c := &commit{hash: hash, time: t}
		if len(out) > 0 && out[0] == '\n' {
			out = out[1:]
		}
		for len(out) > 0 && out[0] == ':' {
			meta, ok1 := field()
			path, ok2 := field()
			if !ok1 || !ok2 {
				return nil, bad("文件列表")
			}
			// :OLDMODE NEWMODE OLDBLOB NEWBLOB STATUS
			f := strings.Fields(meta[1:])
			if len(f) != 5 {
				return nil, bad(meta)
			}
			if ch, ok := dataFile(path, f[1], f[3]); ok {
				c.changes = append(c.changes, ch)
			}
		}
		commits = append(commits, c)
	}
	return commits, nil
}

// dataFile returns the change for path if it is a data file
// (data/notices/<id>.toml or data/staff/<id>.toml, not in a subfolder).
// A regular file's blob after the change is newBlob; deleted files (and
// anything not a regular file, such as a symbolic link) have none.
func dataFile(path, newMode, newBlob string) (change, bool) {
	var ch change
	var rest string
	switch {
	case strings.HasPrefix(path, "data/notices/"):
		rest = strings.TrimPrefix(path, "data/notices/")
	case strings.HasPrefix(path, "data/staff/"):
		ch.staff = true
		rest = strings.TrimPrefix(path, "data/staff/")
	default:
		return ch, false
	}
	id, ok := strings.CutSuffix(rest, ".toml")
	if !ok || id == "" || strings.Contains(id, "/") {
		return ch, false
	}
	ch.id = id
	if newMode == "100644" || newMode == "100755" {
		ch.blob = newBlob
	}
	return ch, true
}

// versions returns, for each of ids, its state after each commit that
// changed one of its files, oldest first.
func versions(commits []*commit, ids []string) map[string][]version {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	cur := map[string]*version{}
	out := map[string][]version{}
	for _, c := range commits {
		var touched []string
		for _, ch := range c.changes {
			if !want[ch.id] {
				continue
			}
			v := cur[ch.id]
			if v == nil {
				v = &version{}
				cur[ch.id] = v
			}
			if v.commit != c {
				v.commit = c
				touched = append(touched, ch.id)
			}
			if ch.staff {
				v.staff = ch.blob
			} else {
				v.data = ch.blob
			}
		}
		for _, id := range touched {
			out[id] = append(out[id], *cur[id])
		}
	}
	return out
}

// catBlobs reads the blobs shas with one `git cat-file --batch`. A blob
// that git does not have (e.g. in a partial clone) is left out.
func catBlobs(root string, shas []string) (map[string][]byte, error) {
	blobs := make(map[string][]byte, len(shas))
	if len(shas) == 0 {
		return blobs, nil
	}
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		w := bufio.NewWriter(stdin)
		for _, s := range shas {
			fmt.Fprintln(w, s)
		}
		w.Flush()
		stdin.Close()
	}()
	rerr := readBatch(bufio.NewReader(stdout), shas, blobs)
	if rerr != nil {
		io.Copy(io.Discard, stdout)
	}
	werr := cmd.Wait()
	if rerr != nil {
		return nil, rerr
	}
	if werr != nil {
		return nil, fmt.Errorf("git cat-file --batch: %v: %s", werr, strings.TrimSpace(stderr.String()))
	}
	return blobs, nil
}

// readBatch reads the answers of git cat-file --batch to shas, in order:
// "SHA TYPE SIZE\n" CONTENT "\n", or "SHA missing\n".
func readBatch(r *bufio.Reader, shas []string, blobs map[string][]byte) error {
	for _, want := range shas {
		line, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("git cat-file --batch：读取 %s 时出错：%v", want, err)
		}
		f := strings.Fields(line)
		if len(f) == 2 && f[1] == "missing" {
			continue
		}
		if len(f) != 3 {
			return fmt.Errorf("git cat-file --batch：无法解读 %q", line)
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size < 0 {
			return fmt.Errorf("git cat-file --batch：无法解读 %q", line)
		}
		buf := make([]byte, size+1) // the content and its newline
		if _, err := io.ReadFull(r, buf); err != nil {
			return fmt.Errorf("git cat-file --batch：读取 %s 时出错：%v", want, err)
		}
		if f[1] == "blob" {
			blobs[want] = buf[:size]
		}
	}
	return nil
}
