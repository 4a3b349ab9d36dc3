package main

import (
	"time"

	"github.com/wuhan-rectify/tracker/tools/finish"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// finishSite is the step of build and serve after Hugo (package finish:
// the rest of the open data and the search index) for the site built into
// dir from the site at root and the checked notices (checkAll; nil reads
// them from root). asOf is the as-of date of the build ("" is today in
// China Standard Time), the date of the open-data bundle's entries, so
// that one commit and one as-of date give the same bytes.
func finishSite(root, dir, asOf string, notices []*notice.Notice) error {
	day, err := parseAsOf(asOf)
	if err != nil {
		return err
	}
	t, err := time.ParseInLocation(time.DateOnly, day, cst)
	if err != nil {
		return err
	}
	return finish.Site(root, dir, t, notices)
}
