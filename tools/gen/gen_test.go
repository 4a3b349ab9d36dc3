package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wuhan-rectify/tracker/tools/dataset"
	"github.com/wuhan-rectify/tracker/tools/internal/repo"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// TestSitePassesCheck: a generated site of 20 notices passes the check that
// rectify build runs (each data file equal to a fresh import of its
// original, staff files valid), and its notices differ in the ways the
// scale tests need.
func TestSitePassesCheck(t *testing.T) {
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	gs, err := Site(root, dest, 20)
	if err != nil {
		t.Fatal(err)
	}
	ns, diags := dataset.Check(dest, nil, time.Now())
	for _, d := range diags {
		if d.Severity == notice.Error {
			t.Errorf("%v", d)
		}
	}
	if len(ns) != 20 {
		t.Fatalf("the check returned %d notices, want 20", len(ns))
	}
	ids, units, titles, cats := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	noAreas, noCats, staff, years := 0, 0, 0, map[string]bool{}
	for _, n := range ns {
		ids[n.ID] = true
		units[n.InspectedUnit] = true
		titles[n.Title] = true
		years[n.Published[:4]] = true
		if len(n.Areas) == 0 {
			noAreas++
		}
		if len(n.Categories) == 0 {
			noCats++
		} else {
			cats[n.Categories[0].Title] = true
		}
	}
	for _, g := range gs {
		if g.Staff != nil {
			staff++
		}
	}
	t.Logf("%d ids, %d units, %d titles, %d first-category titles, %d years, %d without areas, %d without categories, %d staff files",
		len(ids), len(units), len(titles), len(cats), len(years), noAreas, noCats, staff)
	if len(ids) != 20 || len(units) < 10 || len(titles) < 10 || len(cats) < 3 || len(years) < 2 || noAreas == 0 || noCats == 0 || staff == 0 {
		t.Error("the generated notices are not varied enough")
	}
}

// TestDeterministic: the same n gives the same bytes.
func TestDeterministic(t *testing.T) {
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(filepath.Join(root, "static", "originals", SeedID+".txt"))
	corr, _ := os.ReadFile(filepath.Join(root, "data", "corrections", SeedID+".toml"))
	a, err := Notices(text, corr, 4)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Notices(text, corr, 4)
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) || !bytes.Equal(a[i].Staff, b[i].Staff) {
			t.Errorf("notice %d differs between two runs", i)
		}
	}
}
