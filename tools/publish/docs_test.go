package publish

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"
)

// The staff guide is followed word for word by people who cannot tell a
// wrong command from a right one: its commands, examples and links must work.

func staffGuide(t *testing.T) string {
	t.Helper()
	return readFile(t, filepath.Join(repoRoot(t), "docs", "staff.md"))
}

// codeBlocks returns the fenced code blocks of a Markdown text whose info
// string is lang ("" for any), with their indentation removed.
func codeBlocks(md, lang string) []string {
	var blocks []string
	var cur []string
	in, indent, keep := false, "", false
	for _, l := range strings.Split(md, "\n") {
		trimmed := strings.TrimLeft(l, " ")
		if strings.HasPrefix(trimmed, "```") {
			if !in {
				in, indent = true, l[:len(l)-len(trimmed)]
				keep = lang == "" || strings.TrimPrefix(trimmed, "```") == lang
				cur = nil
			} else {
				in = false
				if keep {
					blocks = append(blocks, strings.Join(cur, "\n"))
				}
			}
			continue
		}
		if in {
			cur = append(cur, strings.TrimPrefix(l, indent))
		}
	}
	return blocks
}

// The hook is installed with the one command the guide gives, and that is
// the command the hook test uses (hook_test.go).
func TestStaffGuideInstallsTheHook(t *testing.T) {
	const install = "git config core.hooksPath tools/githooks"
	found := false
	for _, b := range codeBlocks(staffGuide(t), "sh") {
		if slices.Contains(commands(b), install) {
			found = true
		}
	}
	if !found {
		t.Errorf("docs/staff.md has no code block with %q", install)
	}
	info, err := os.Stat(filepath.Join(repoRoot(t), "tools", "githooks", "pre-commit"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm()&0o111 == 0 {
		t.Error("tools/githooks/pre-commit is not executable: git would skip it")
	}
}

// Every rectify command in the guide is a verb that exists, with flags it takes.
func TestStaffGuideCommands(t *testing.T) {
	rx := regexp.MustCompile(`go run \./tools/cmd/rectify(.*)`)
	verbs := map[string]bool{}
	for _, b := range codeBlocks(staffGuide(t), "sh") {
		for _, c := range commands(b) {
			m := rx.FindStringSubmatch(c)
			if m == nil {
				continue
			}
			args := strings.Fields(m[1])
			if len(args) == 0 {
				t.Errorf("%q: no verb", c)
				continue
			}
			verbs[args[0]] = true
			switch args[0] {
			case "check", "serve", "build":
				if len(args) > 1 && args[0] != "check" {
					t.Errorf("%q: %s takes no arguments", c, args[0])
				}
			case "import":
				// The original is any file staff have (<原文文件>), or the
				// text already kept in static/originals.
				want := []string{"import", "--id", "<id>", "-o", "data/notices/<id>.toml", "<原文文件>"}
				if !slices.Equal(args, want) && !slices.Equal(args, append(want[:5:5], "static/originals/<id>.txt")) {
					t.Errorf("%q: want rectify %s", c, strings.Join(want, " "))
				}
			default:
				t.Errorf("%q: unknown verb %s", c, args[0])
			}
		}
	}
	for _, v := range []string{"import", "check", "serve"} {
		if !verbs[v] {
			t.Errorf("the guide never shows rectify %s", v)
		}
	}
}

// The guide's staff file examples, written as the seed's staff file, pass
// the real check; the corrections example has the fields the importer reads.
func TestStaffGuideExamples(t *testing.T) {
	var staff []string
	var correction string
	for _, b := range codeBlocks(staffGuide(t), "toml") {
		switch {
		case strings.HasPrefix(b, "[[problems.") || strings.HasPrefix(b, "[problems."):
			staff = append(staff, b)
		case strings.HasPrefix(b, "[[corrections]]") && correction == "":
			correction = b
		}
	}
	if len(staff) < 2 || correction == "" {
		t.Fatalf("the guide has %d staff file examples (want the one update and the other fields) and corrections example %v", len(staff), correction != "")
	}
	if !strings.HasPrefix(staff[0], "[[problems.") || strings.Count(staff[0], "[") != 2 {
		t.Errorf("the first staff example should be the smallest edit, one update:\n%s", staff[0])
	}
	root := repoRoot(t)
	for _, b := range staff {
		dir := t.TempDir()
		copyTree(t, root, dir, func(rel string, d os.DirEntry) bool {
			return rel == "data" || rel == "static" || rel == "data/notices" || rel == "data/corrections" || rel == "static/originals" ||
				rel == "data/notices/wuhan-eeb-2020.toml" || rel == "data/corrections/wuhan-eeb-2020.toml" || rel == "static/originals/wuhan-eeb-2020.txt"
		})
		writeFile(t, filepath.Join(dir, "data", "staff", "wuhan-eeb-2020.toml"), b)
		if code, out := runCheck(t, dir); code != 0 || !strings.Contains(out, "检查通过") {
			t.Errorf("the guide's staff file example fails the check (exit %d):\n%s\n%s", code, b, out)
		}
	}

	var list struct {
		Corrections []struct{ From, To, Note string }
	}
	md, err := toml.Decode(correction, &list)
	if err != nil {
		t.Fatal(err)
	}
	if u := md.Undecoded(); len(u) > 0 || len(list.Corrections) != 1 || list.Corrections[0].From == "" ||
		list.Corrections[0].To == "" || list.Corrections[0].From == list.Corrections[0].To {
		t.Errorf("corrections example: %+v (unknown keys %v)", list.Corrections, u)
	}
}

// Links to other files of the repository and to headings of the guide
// itself resolve.
func TestStaffGuideLinks(t *testing.T) {
	md := staffGuide(t)
	anchors := map[string]bool{}
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "#") {
			anchors[headingSlug(strings.TrimLeft(l, "# "))] = true
		}
	}
	links := regexp.MustCompile(`\]\(([^)\s]+)\)`).FindAllStringSubmatch(md, -1)
	if len(links) == 0 {
		t.Fatal("no links found")
	}
	for _, m := range links {
		target := m[1]
		switch {
		case strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://"):
		case strings.HasPrefix(target, "#"):
			if !anchors[strings.TrimPrefix(target, "#")] {
				t.Errorf("link %s: no such heading", target)
			}
		default:
			p := filepath.Join(repoRoot(t), "docs", filepath.FromSlash(strings.SplitN(target, "#", 2)[0]))
			if _, err := os.Stat(p); err != nil {
				t.Errorf("link %s: %v", target, err)
			}
		}
	}
}

// headingSlug is the anchor GitHub and GitLab give a heading: lower case,
// punctuation (including full-width ，（）、) dropped, spaces as hyphens.
func headingSlug(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(h)) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
