package importer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// expectedCase is what a careful reader gives for one of the small notices
// in testdata/cases (copied from the team's shared cases): each stands for
// a kind of fault. A field absent from expected.json is not checked.
type expectedCase struct {
	Title           *string `json:"title"`
	Issuer          *string `json:"issuer"`
	InspectingBody  *string `json:"inspecting_body"`
	InspectionStart *string `json:"inspection_start"`
	InspectionEnd   *string `json:"inspection_end"`
	FeedbackDate    *string `json:"feedback_date"`
	Published       *string `json:"published"`
	PreambleStarts  *string `json:"preamble_starts"`
	Issues          []string
	Statuses        []string
	Areas           []string
	Sections        []string
	Contact         map[string]string
	// Warns names fields or faults that the import must warn about.
	Warns []string
	RC    *int `json:"rc"`
	Note  string
}

// warnWords: the words a warning about each named fault contains.
var warnWords = map[string]string{
	"title":     "标题",
	"truncated": "中断",
}

// TestCases imports each case and compares with the careful reader's values.
// "unknown" in statuses is notice.StatusUnstated: the notice does not state
// the status.
func TestCases(t *testing.T) {
	raw, err := os.ReadFile("testdata/cases/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases map[string]expectedCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/cases/*.txt")
	if len(files) != len(cases) || len(cases) < 12 {
		t.Fatalf("%d case files, %d expectations; want the same number, at least 12", len(files), len(cases))
	}
	for name, want := range cases {
		t.Run(strings.TrimSuffix(name, ".txt"), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata/cases", name))
			if err != nil {
				t.Fatal(err)
			}
			n, diags, err := Import(name, src, Options{ID: "case", Source: "originals/case.txt"})
			if want.RC != nil && *want.RC == 0 && err != nil {
				t.Fatalf("import failed: %v", err)
			}
			if err != nil {
				t.Fatalf("import failed: %v", err)
			}
			str := func(field string, got string, want *string) {
				if want != nil && got != *want {
					t.Errorf("%s = %q, want %q", field, got, *want)
				}
			}
			str("title", n.Title, want.Title)
			str("issuer", n.Issuer, want.Issuer)
			str("inspecting_body", n.InspectingBody, want.InspectingBody)
			str("inspection_start", n.InspectionStart, want.InspectionStart)
			str("inspection_end", n.InspectionEnd, want.InspectionEnd)
			str("feedback_date", n.FeedbackDate, want.FeedbackDate)
			str("published", n.Published, want.Published)
			if want.PreambleStarts != nil && (len(n.Preamble) == 0 || !strings.HasPrefix(n.Preamble[0], *want.PreambleStarts)) {
				t.Errorf("preamble = %q, want it to start with %q", n.Preamble, *want.PreambleStarts)
			}
			var titles, statuses, areas, sections []string
			for _, is := range n.Issues {
				titles = append(titles, is.Title)
				st := is.Status
				if st == notice.StatusUnstated {
					st = "unknown"
				}
				statuses = append(statuses, st)
			}
			for _, a := range n.Areas {
				areas = append(areas, a.Title)
			}
			for _, s := range n.Sections {
				sections = append(sections, s.Title)
			}
			if want.Issues != nil && !slices.Equal(titles, want.Issues) {
				t.Errorf("problem titles = %q, want %q", titles, want.Issues)
			}
			if want.Statuses != nil && !slices.Equal(statuses, want.Statuses) {
				t.Errorf("statuses = %q, want %q", statuses, want.Statuses)
			}
			if want.Areas != nil && !slices.Equal(areas, want.Areas) {
				t.Errorf("areas = %q, want %q", areas, want.Areas)
			}
			if want.Sections != nil && !slices.Equal(sections, want.Sections) {
				t.Errorf("sections = %q, want %q", sections, want.Sections)
			}
			contact := map[string]string{"phone": n.Contact.Phone, "email": n.Contact.Email, "address": n.Contact.Address, "postcode": n.Contact.Postcode}
			for k, v := range want.Contact {
				if contact[k] != v {
					t.Errorf("contact %s = %q, want %q", k, contact[k], v)
				}
			}
			var all []string
			for _, d := range diags {
				all = append(all, d.String())
			}
			for _, w := range want.Warns {
				if !strings.Contains(strings.Join(all, "\n"), warnWords[w]) {
					t.Errorf("no warning about %s (%q) in:\n%s", w, warnWords[w], strings.Join(all, "\n"))
				}
			}
			if t.Failed() {
				t.Logf("diagnostics:\n%s", strings.Join(all, "\n"))
			}
		})
	}
}
