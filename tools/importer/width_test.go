package importer

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/wuhan-rectify/tracker/tools/notice"
)

// toFullWidth writes the ASCII digits and letters of s, and @, in their
// full-width forms (０１２, ＡＢＣ, ＠), as some web pages publish them.
func toFullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '@' {
			return r - 0x21 + 0xFF01
		}
		return r
	}, s)
}

// values are the figures the importer reads from a notice: they must not
// depend on the width of the digits and letters in the text.
type values struct {
	Published, InspectionStart, InspectionEnd, FeedbackDate string
	Declared                                                notice.Declared
	Phone, Email, Postcode                                  string
	Problems                                                int
	Counts                                                  [][]int // accountability counts per problem
	Statuses                                                []string
	Deadlines                                               []string // deadline and basis per problem
	Regulations                                             int
}

func valuesOf(n *notice.Notice) values {
	v := values{Published: n.Published, InspectionStart: n.InspectionStart, InspectionEnd: n.InspectionEnd,
		FeedbackDate: n.FeedbackDate, Declared: n.Declared, Phone: n.Contact.Phone, Email: n.Contact.Email,
		Postcode: n.Contact.Postcode, Problems: len(n.Issues)}
	for i := range v.Declared.AccountabilityByKind {
		v.Declared.AccountabilityByKind[i].Text = ""
	}
	for _, is := range n.Issues {
		var cs []int
		for _, a := range is.Accountability {
			cs = append(cs, a.Count)
		}
		v.Counts = append(v.Counts, cs)
		v.Statuses = append(v.Statuses, is.Status)
		v.Deadlines = append(v.Deadlines, is.Deadline+" "+is.DeadlineBasis)
		v.Regulations += len(is.Regulations)
	}
	return v
}

// The seed with its digits and letters in full width gives the same dates,
// totals, counts, deadlines, phone, e-mail and postcode, and keeps the text
// as published (the measures and the deadlines' evidence keep their
// full-width digits).
func TestFullWidthSeed(t *testing.T) {
	src, err := os.ReadFile(seedText)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{ID: "wuhan-eeb-2020", Source: "originals/wuhan-eeb-2020.txt"}
	want, _, err := Import("seed.txt", src, opts)
	if err != nil {
		t.Fatal(err)
	}
	wide := []byte(toFullWidth(string(src)))
	got, _, err := Import("wide.txt", wide, opts)
	if err != nil {
		t.Fatal(err)
	}
	if w, g := valuesOf(want), valuesOf(got); !reflect.DeepEqual(w, g) {
		t.Errorf("full-width seed reads differently:\n got %+v\nwant %+v", g, w)
	}
	if got.Contact.Phone == "" || got.Contact.Email == "" || got.Published == "" || got.FeedbackDate == "" {
		t.Errorf("values dropped: phone %q email %q published %q feedback %q", got.Contact.Phone, got.Contact.Email, got.Published, got.FeedbackDate)
	}
	// The text is as published: full width in, full width out.
	if m := strings.Join(got.Issues[1].Measures, ""); !strings.Contains(m, "２０２０") || m != toFullWidth(strings.Join(want.Issues[1].Measures, "")) {
		t.Errorf("problem 2's measures are not the published full-width text:\n%s", m)
	}
	for i, is := range got.Issues {
		if w := toFullWidth(want.Issues[i].DeadlineEvidence); is.DeadlineEvidence != w {
			t.Errorf("problem %d: deadline evidence %q, want %q", is.Number, is.DeadlineEvidence, w)
		}
	}
	if got.Issues[1].Deadline != "2020-12-31" {
		t.Errorf("problem 2's deadline in full width: %q", got.Issues[1].Deadline)
	}
	checkReassembly(t, got, wide, opts)
}
