package main

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/wuhan-rectify/tracker/tools/opendata"
)

// finishOpenData is the step of build and serve after Hugo (issue 10): it
// writes the site-wide /data/issues.json and the CSV files of the open
// data of the site built into dir from the site at root, then the bundle
// /data/tracker-data.tar.gz, and fills in the file sizes on /data/
// (package opendata). asOf is the as-of date of the build ("" is today in
// China Standard Time), the date of the bundle's entries, so that one
// commit and one as-of date give the same bytes.
func finishOpenData(root, dir, asOf string) error {
	day, err := parseAsOf(asOf)
	if err != nil {
		return err
	}
	t, err := time.ParseInLocation(time.DateOnly, day, cst)
	if err != nil {
		return err
	}
	if err := opendata.Finish(root, filepath.Clean(dir), t); err != nil {
		return fmt.Errorf("开放数据：%w", err)
	}
	return nil
}
