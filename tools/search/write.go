package search

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/BurntSushi/toml"
	"github.com/wuhan-rectify/tracker/tools/internal/parallel"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// Load reads the notices of the site at root (data/notices/*.toml with
// data/staff/<id>.toml applied, as the site merges them). It does not
// check them: rectify build and serve have checked them already (and
// rectify build hands its checked notices to WriteNotices instead).
func Load(root string) ([]*notice.Notice, error) {
	paths, err := filepath.Glob(filepath.Join(root, "data", "notices", "*.toml"))
	if err != nil {
		return nil, err
	}
	ns := make([]*notice.Notice, len(paths))
	errs := make([]error, len(paths))
	parallel.For(2, len(paths), func(i int) {
		p := paths[i]
		var n notice.Notice
		if _, err := toml.DecodeFile(p, &n); err != nil {
			errs[i] = fmt.Errorf("%s: %v", p, err)
			return
		}
		var s notice.Staff
		sp := filepath.Join(root, "data", "staff", filepath.Base(p))
		if _, err := toml.DecodeFile(sp, &s); err == nil {
			n.ApplyStaff(&s)
		} else if !errors.Is(err, fs.ErrNotExist) {
			errs[i] = fmt.Errorf("%s: %v", sp, err)
			return
		}
		ns[i] = &n
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return ns, nil
}

// Write builds the index of the site at root, overdue judged on asOf
// (YYYY-MM-DD), into dir (replaced; see WriteFiles).
func Write(root, dir, asOf string) error {
	ns, err := Load(root)
	if err != nil {
		return err
	}
	return WriteNotices(ns, dir, asOf)
}

// WriteNotices builds the index of the notices (their staff files applied,
// as notice.CheckFiles returns them) into dir (replaced; see WriteFiles).
func WriteNotices(ns []*notice.Notice, dir, asOf string) error {
	return WriteFiles(dir, Build(ns, SeriesOf(ns), asOf).Files())
}
