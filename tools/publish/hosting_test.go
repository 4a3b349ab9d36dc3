package publish

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// docs/hosting.md is followed by a unit's IT staff once, when they set up
// publishing: it must say what the pipelines and the nginx file really do.

func hostingGuide(t *testing.T) string {
	t.Helper()
	return readFile(t, filepath.Join(repoRoot(t), "docs", "hosting.md"))
}

// The guide gives the schedule that site.yml has, tells GitLab users how to
// create theirs, and its crontab lines run daily just after midnight.
func TestHostingGuideSchedules(t *testing.T) {
	md := hostingGuide(t)
	_, wf := siteWorkflow(t)
	var sched []struct {
		Cron string `yaml:"cron"`
	}
	node := wf.On["schedule"]
	if err := node.Decode(&sched); err != nil || len(sched) == 0 {
		t.Fatalf("site.yml has no schedule (%v)", err)
	}
	if !strings.Contains(md, `cron: "`+sched[0].Cron+`"`) {
		t.Errorf("docs/hosting.md does not give site.yml's schedule cron: %q", sched[0].Cron)
	}
	for _, want := range []string{"流水线计划", "Pipeline schedules", "Asia/Shanghai"} {
		if !strings.Contains(md, want) {
			t.Errorf("docs/hosting.md does not say %q (how to create the GitLab pipeline schedule)", want)
		}
	}
	// The GitLab schedule and the crontab lines are in China time.
	crontab := regexp.MustCompile("(?m)(?:^|`)(\\d+ \\d+ \\* \\* \\*)[ `]")
	found := 0
	for _, m := range crontab.FindAllStringSubmatch(md, -1) {
		found++
		if f := strings.Fields(m[1]); f[1] != "0" {
			t.Errorf("docs/hosting.md: %q (China time) does not run just after midnight", m[1])
		}
	}
	if found < 2 {
		t.Errorf("docs/hosting.md gives %d daily crontab lines (GitLab schedule, build hooks, own server), want them", found)
	}
}

// Hosts that clone shallow get a build command that fetches the history
// first; every build command the guide gives is the repository's own.
func TestHostingGuideBuildsWithHistory(t *testing.T) {
	md := hostingGuide(t)
	unshallow := 0
	for _, b := range codeBlocks(md, "sh") {
		for _, c := range commands(b) {
			if strings.Contains(c, "git fetch --unshallow") {
				unshallow++
				if i := strings.Index(c, cmdBuild); i < strings.Index(c, "git fetch --unshallow") {
					t.Errorf("%q: want the unshallow, then %s", c, cmdBuild)
				}
			}
			if strings.Contains(c, "rectify") && !strings.Contains(c, cmdBuild) {
				t.Errorf("%q: the guide builds with %s only", c, cmdBuild)
			}
			if strings.Contains(c, "--depth") {
				t.Errorf("%q: a shallow clone cannot be built", c)
			}
		}
	}
	if unshallow == 0 {
		t.Error("docs/hosting.md gives no build command that fetches the full history (git fetch --unshallow) for hosts that clone shallow")
	}
}

// The guide's nginx steps name the shipped file and the lines to change,
// and its links resolve.
func TestHostingGuideNginx(t *testing.T) {
	md := hostingGuide(t)
	if !strings.Contains(md, "deploy/nginx/tracker.conf") {
		t.Fatal("docs/hosting.md does not name deploy/nginx/tracker.conf")
	}
	conf := readTrackerConf(t)
	var names []string
	for _, d := range conf.server.Block {
		names = append(names, d.Name)
	}
	for _, d := range []string{"listen", "server_name", "root"} {
		if !slices.Contains(names, d) {
			t.Errorf("tracker.conf has no %s line, which the guide says to change", d)
		}
		if !strings.Contains(md, "`"+d+"`") {
			t.Errorf("docs/hosting.md does not say to change `%s`", d)
		}
	}
	anchors := map[string]bool{}
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "#") {
			anchors[headingSlug(strings.TrimLeft(l, "# "))] = true
		}
	}
	for _, m := range regexp.MustCompile(`\]\(([^)\s]+)\)`).FindAllStringSubmatch(md, -1) {
		target := m[1]
		switch {
		case strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://"):
		case strings.HasPrefix(target, "#"):
			if !anchors[strings.TrimPrefix(target, "#")] {
				t.Errorf("link %s: no such heading", target)
			}
		default:
			if _, err := os.Stat(filepath.Join(repoRoot(t), "docs", filepath.FromSlash(target))); err != nil {
				t.Errorf("link %s: %v", target, err)
			}
		}
	}
}
