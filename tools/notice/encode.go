package notice

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Lines is a list of text items (paragraphs, measures). It is written one item
// per line so that a change to one item is a one-line git diff.
type Lines []string

// MarshalTOML writes the array with one string per line.
func (l Lines) MarshalTOML() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("[\n")
	for _, s := range l {
		b.WriteString("  ")
		b.WriteString(quote(s))
		b.WriteString(",\n")
	}
	b.WriteString("]")
	return b.Bytes(), nil
}

// quote returns s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Marshal encodes n as the canonical TOML of a data file. The output is
// deterministic: the same Notice always gives the same bytes.
func Marshal(n *Notice) ([]byte, error) {
	var b bytes.Buffer
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// MarshalStaff writes a staff file: the [notice] table, then one
// [problems.N] table per problem in number order, each with its updates.
// notes[N], when set, is written as a comment line above [problems.N]
// (e.g. why the import proposed it). Empty fields are left out.
func MarshalStaff(s *Staff, header string, notes map[int]string) []byte {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(header), "\n") {
		if l != "" {
			b.WriteString("# " + l + "\n")
		}
	}
	kv := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s = %s\n", k, quote(v))
		}
	}
	sn := s.Notice
	if sn != (StaffNotice{}) {
		b.WriteString("\n[notice]\n")
		kv("continues", sn.Continues)
		kv("official_url", sn.OfficialURL)
		kv("level", sn.Level)
		kv("round", sn.Round)
		for _, f := range fillIns {
			kv(f.key, *f.staff(&sn))
		}
	}
	var nums []int
	for k := range s.Problems {
		if n, err := strconv.Atoi(k); err == nil {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	for _, n := range nums {
		p := s.Problems[strconv.Itoa(n)]
		b.WriteByte('\n')
		if note := notes[n]; note != "" {
			b.WriteString("# " + note + "\n")
		}
		updates := p.Updates
		p.Updates = nil
		if !reflect.DeepEqual(p, StaffProblem{}) {
			fmt.Fprintf(&b, "[problems.%d]\n", n)
		}
		kv("title", p.Title)
		kv("status", p.Status)
		kv("status_evidence", p.StatusEvidence)
		kv("deadline", p.Deadline)
		kv("deadline_evidence", p.DeadlineEvidence)
		kv("responsible", p.Responsible)
		if p.Continues != 0 {
			fmt.Fprintf(&b, "continues = %d\n", p.Continues)
		}
		for i, u := range updates {
			if i > 0 || !reflect.DeepEqual(p, StaffProblem{}) {
				b.WriteByte('\n')
			}
			fmt.Fprintf(&b, "[[problems.%d.updates]]\n", n)
			kv("date", u.Date)
			kv("status", u.Status)
			kv("note", u.Note)
			kv("source", u.Source)
		}
	}
	return []byte(b.String())
}
