package main

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

// finishSite is the step of build and serve after Hugo (issue 10): it
// writes the site-wide /data/issues.json and the CSV files of the open
// data of the site built into dir from the site at root, then the bundle
// /data/tracker-data.tar.gz, and fills in the file sizes on /data/
// (package opendata); and, at the same time, the search index,
// search-index/ (package search), from notices (the checked notices,
// checkAll; nil reads them from root) and the figures of the notices'
// records that Hugo wrote. asOf is the
// as-of date of the build ("" is today in China Standard Time), the date
// of the bundle's entries, so that one commit and one as-of date give the
// same bytes.
func finishSite(root, dir, asOf string, notices []*notice.Notice) error {
	day, err := parseAsOf(asOf)
	if err != nil {
		return err
	}
	t, err := time.ParseInLocation(time.DateOnly, day, cst)
	if err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	// Every site has /data/ (content/data/_index.md): without its
	// notices.json there would be no open data and no search index.
	if _, err := os.Stat(filepath.Join(dir, "data", "notices.json")); err != nil {
		return errors.New("Hugo 没有生成 data/notices.json，网站没有开放数据和搜索索引，没有发布；请检查 content/data/_index.md 的 outputs 是否仍有 noticesjson")
	}
	// Both read what Hugo wrote, and write apart: made at once, on two
	// CPUs where there are two.
	var indexErr error
	var wg sync.WaitGroup
	wg.Go(func() { indexErr = search.WriteSite(root, notices, dir) })
	err = opendata.Finish(root, dir, t)
	wg.Wait()
	if err != nil {
		return fmt.Errorf("开放数据：%w", err)
	}
	if indexErr != nil {
		return fmt.Errorf("无法生成搜索索引：%w", indexErr)
	}
	return nil
}
