package search

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"
	"github.com/wuhan-rectify/tracker/tools/internal/parallel"
	"github.com/wuhan-rectify/tracker/tools/notice"
	"github.com/wuhan-rectify/tracker/tools/opendata"
)

// Load reads the notices of the site at root (data/notices/*.toml with
// data/staff/<id>.toml applied, as the site merges them). It does not
// check them: rectify build and serve have checked them already (and
// rectify build hands its checked notices to WriteSite instead).
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

// Dir is where WriteSite writes the index in the site's output: the site
// serves it as search-index/ (layouts/search/section.html).
const Dir = "search-index"

// WriteSite builds the index of the notices (their staff files applied,
// as notice.CheckFiles returns them; nil reads them from root, Load) into
// the site built into dir, at dir/search-index (replaced; see WriteFiles),
// with the figures of the site's records (SiteFigures): a step of rectify
// build and serve after Hugo, beside opendata.Finish. A problem without a
// record is an error.
func WriteSite(root string, ns []*notice.Notice, dir string) error {
	if ns == nil {
		var err error
		if ns, err = Load(root); err != nil {
			return err
		}
	}
	figs, err := SiteFigures(dir)
	if err != nil {
		return err
	}
	for _, n := range ns {
		for _, is := range n.Issues {
			if _, ok := figs[Key{n.ID, is.Number}]; !ok {
				return fmt.Errorf("notices/%s/issues.json 没有问题 %d 的记录", n.ID, is.Number)
			}
		}
	}
	// Hugo writes a fresh folder: anything there came from static/.
	if _, err := os.Stat(filepath.Join(dir, Dir)); err == nil {
		return fmt.Errorf("网站中已有 %s/（来自 static/%s）：这个名字留给搜索索引；请把 static/%s 改名或删除", Dir, Dir, Dir)
	}
	return WriteFiles(filepath.Join(dir, Dir), Build(ns, figs).Files())
}

// SiteFigures reads the figures of every problem from the records of the
// site built into dir: each notice's /notices/<id>/issues.json, as Hugo
// writes them (opendata.ReadRecords; the records of /data/issues.json,
// read from the notices' files so that the index can be made while
// opendata.Finish makes /data/issues.json): status; status_provenance, or
// "update" with the date of the last of its updates; overdue.
func SiteFigures(dir string) (Figures, error) {
	ids, err := opendata.NoticeIDs(dir)
	if err != nil {
		return nil, err
	}
	figs := Figures{}
	for _, id := range ids {
		_, records, err := opendata.ReadRecords(dir, id)
		if err != nil {
			return nil, err
		}
		for _, r := range records {
			fig := Figure{Status: r.Status, Source: r.StatusProvenance, Overdue: r.Overdue}
			if len(r.Updates) > 0 {
				fig.Source, fig.Date = "update", r.Updates[len(r.Updates)-1].Date
			}
			figs[Key{r.Notice, r.Number}] = fig
		}
	}
	return figs, nil
}
