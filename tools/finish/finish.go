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
// an error: it would have no open data and no search index; so is one
// without a file that the filters or the search read (Published).
func Site(root, dir string, day time.Time, notices []*notice.Notice) error {
	dir = filepath.Clean(dir)
	// Every site has /data/ (content/data/_index.md).
	if _, err := os.Stat(filepath.Join(dir, "data", "notices.json")); err != nil {
		return errors.New("Hugo 没有生成 data/notices.json，网站没有开放数据和搜索索引，没有发布；请检查 layouts/data/section.html 是否仍发布它（func/notices-json.html）")
	}
	if err := Published(dir); err != nil {
		return err
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

// Published checks that the site built into dir has the files that pages
// publish as they render (resources.FromString, config.toml) and that the
// filters, the search and search engines read: the pieces of the notices
// index (its first, /notices/index.json), /search/facets.json, the
// sitemap, and each notice's rows for the filters of /issues/. Without
// one of them those would break without a word. (Each notice's
// issues.json is read by the open data, which reports its absence.) The
// error is Chinese and names the file.
func Published(dir string) error {
	ids, err := opendata.NoticeIDs(dir)
	if err != nil {
		return fmt.Errorf("开放数据：%w", err)
	}
	need := []string{"notices/index.json", "search/facets.json", "sitemap.xml", "sitemaps/sitemap.xml"}
	for _, id := range ids {
		need = append(need, "notices/"+id+"/issues/rows.json")
	}
	for _, f := range need {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			return fmt.Errorf("Hugo 没有生成 %s，网页的筛选、搜索或网站地图会出错，网站没有发布；请检查发布它的模板（见 config.toml 中 [outputs] 上方的说明）", f)
		}
	}
	return nil
}
