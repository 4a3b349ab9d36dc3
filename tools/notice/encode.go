package notice

import (
	"bytes"
	"fmt"
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
