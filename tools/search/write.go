package search

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/BurntSushi/toml"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// Load reads the notices of the site at root (data/notices/*.toml with
// data/staff/<id>.toml applied, as the site merges them) and which notice
// continues which. It does not check them: rectify build and serve have
// checked them already.
func Load(root string) ([]*notice.Notice, Series, error) {
	paths, err := filepath.Glob(filepath.Join(root, "data", "notices", "*.toml"))
	if err != nil {
		return nil, nil, err
	}
	var ns []*notice.Notice
	series := Series{}
	for _, p := range paths {
		var n notice.Notice
		if _, err := toml.DecodeFile(p, &n); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", p, err)
		}
		var s notice.Staff
		sp := filepath.Join(root, "data", "staff", filepath.Base(p))
		if _, err := toml.DecodeFile(sp, &s); err == nil {
			n.ApplyStaff(&s)
			if s.Notice.Continues != "" {
				series[s.Notice.Continues] = n.ID
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("%s: %v", sp, err)
		}
		ns = append(ns, &n)
	}
	return ns, series, nil
}

// Write builds the index of the site at root, overdue judged on asOf
// (YYYY-MM-DD), into dir (replaced; see WriteFiles).
func Write(root, dir, asOf string) error {
	ns, series, err := Load(root)
	if err != nil {
		return err
	}
	return WriteFiles(dir, Build(ns, series, asOf).Files())
}
