package search

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestWriteSite: the index takes each problem's figures from the records
// the site wrote (notices/<id>/issues.json of the notices of
// data/notices.json); a problem without a record,
// and a search-index/ that static/ put in the site, are errors.
func TestWriteSite(t *testing.T) {
	root := "../.." // the repository: its notices
	ns, err := Load(root)
	if err != nil || len(ns) == 0 {
		t.Fatalf("no notices in the repository: %v", err)
	}
	n := ns[0]
	dir := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	records := "[\n"
	for i, is := range n.Issues {
		if i > 0 {
			records += ",\n"
		}
		switch i {
		case 0:
			records += `{"notice": "` + n.ID + `", "number": 1, "status": "已完成", "status_provenance": "stated", "updates": [{"date": "2021-01-02"}, {"date": "2021-03-04"}], "overdue": false}`
		case 1:
			records += `{"notice": "` + n.ID + `", "number": 2, "status": "正在整改", "status_provenance": "inferred", "updates": [], "overdue": true}`
		default:
			records += `{"notice": "` + n.ID + `", "number": ` + strconv.Itoa(is.Number) + `, "status": "通报未说明", "status_provenance": "", "updates": [], "overdue": false}`
		}
	}
	write("data/notices.json", `[{"id": "`+n.ID+`"}]`)
	write("notices/"+n.ID+"/issues.json", records+"\n]\n")
	figs, err := SiteFigures(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := figs[Key{n.ID, 1}], (Figure{Status: "已完成", Source: "update", Date: "2021-03-04"}); got != want {
		t.Errorf("problem 1: %+v, want %+v", got, want)
	}
	if got, want := figs[Key{n.ID, 2}], (Figure{Status: "正在整改", Source: "inferred", Overdue: true}); got != want {
		t.Errorf("problem 2: %+v, want %+v", got, want)
	}
	if err := WriteSite(root, ns[:1], dir); err != nil {
		t.Fatal(err)
	}
	ix := Build(ns[:1], figs)
	if d := ix.Docs[1]; d.Overdue != 1 || d.Status != "正在整改" || d.Source != "inferred" {
		t.Errorf("problem 2's document: %+v", d)
	}
	if got := ix.facets["o-0"]; len(got) != 1 || got[0] != 1 {
		t.Errorf("the overdue facet holds %v, want problem 2 alone", got)
	}

	// Again: the index is now there, as if static/ had put it there.
	if err := WriteSite(root, ns[:1], dir); err == nil || !strings.Contains(err.Error(), "static/search-index") {
		t.Errorf("a search-index/ already in the site: %v", err)
	}
	// A problem without a record.
	os.RemoveAll(filepath.Join(dir, Dir))
	write("notices/"+n.ID+"/issues.json", "[\n  {\"notice\": \""+n.ID+"\", \"number\": 1}\n]\n")
	if err := WriteSite(root, ns[:1], dir); err == nil || !strings.Contains(err.Error(), "没有问题 2 的记录") {
		t.Errorf("a problem without a record: %v", err)
	}
}
