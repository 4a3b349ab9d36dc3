// Package finish is the step of rectify build and serve after Hugo
// (issue 10): from what Hugo wrote, the rest of the open data (package
// opendata) and the search index (package search). The tests that build
// the site with Hugo finish it with Site too, as rectify does.
package finish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/wuhan-rectify/tracker/tools/notice"
	"github.com/wuhan-rectify/tracker/tools/opendata"
	"github.com/wuhan-rectify/tracker/tools/search"
)

// Site finishes the site built into dir from the site at root: it writes
// the site-wide /data/issues.json and the CSV files of the open data,
// then the bundle /data/tracker-data.tar.gz dated day, and fills in the
// file sizes on /data/ (opendata.Finish); and, at the same time, the
// search index, search-index/ (search.WriteSite), from notices (the
// checked notices; nil reads them from root) and the figures of the
// notices' records that Hugo wrote. A site without /data/notices.json is
// an error: it would have no open data and no search index.
func Site(root, dir string, day time.Time, notices []*notice.Notice) error {
	dir = filepath.Clean(dir)
	// Every site has /data/ (content/data/_index.md).
	if _, err := os.Stat(filepath.Join(dir, "data", "notices.json")); err != nil {
		return errors.New("Hugo 没有生成 data/notices.json，网站没有开放数据和搜索索引，没有发布；请检查 layouts/data/section.html 是否仍发布它（func/notices-json.html）")
	}
	// Both read what Hugo wrote, and write apart: made at once, on two
	// CPUs where there are two.
	var indexErr error
	var wg sync.WaitGroup
	wg.Go(func() { indexErr = search.WriteSite(root, notices, dir) })
	err := opendata.Finish(root, dir, day)
	wg.Wait()
	if err != nil {
		return fmt.Errorf("开放数据：%w", err)
	}
	if indexErr != nil {
		return fmt.Errorf("无法生成搜索索引：%w", indexErr)
	}
	return nil
}
