package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The pipelines may run only the repository's own commands, so that CI does
// exactly what a developer runs locally (README.md).
var (
	cmdCheck   = "go run ./tools/cmd/rectify check"
	cmdBuild   = "go run ./tools/cmd/rectify build"
	cmdTest    = "bash .ci/run"
	cmdMatcher = `echo "::add-matcher::.github/rectify-problem-matcher.json"`
	repoCmds   = []string{cmdCheck, cmdBuild, cmdTest}
)

// commands returns the non-blank, non-comment lines of a run: or script: block.
func commands(script string) []string {
	var out []string
	for _, l := range strings.Split(script, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// ---- GitHub Actions ----

// strList is a YAML value that is either one string or a list of strings
// (needs: check / needs: [check, test]).
type strList []string

func (l *strList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = strList{n.Value}
		return nil
	}
	var s []string
	err := n.Decode(&s)
	*l = s
	return err
}

type ghWorkflow struct {
	On          map[string]yaml.Node `yaml:"on"`
	Permissions map[string]string    `yaml:"permissions"`
	Concurrency map[string]string    `yaml:"concurrency"`
	Jobs        map[string]ghJob     `yaml:"jobs"`
}

type ghJob struct {
	Needs       strList           `yaml:"needs"`
	If          string            `yaml:"if"`
	RunsOn      string            `yaml:"runs-on"`
	Container   string            `yaml:"container"`
	Env         map[string]string `yaml:"env"`
	Permissions map[string]string `yaml:"permissions"`
	Environment map[string]string `yaml:"environment"`
	Concurrency map[string]string `yaml:"concurrency"`
	Steps       []ghStep          `yaml:"steps"`
}

type ghStep struct {
	ID   string            `yaml:"id"`
	Name string            `yaml:"name"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

// action is "actions/checkout" for "actions/checkout@<sha>".
func (s ghStep) action() string {
	a, _, _ := strings.Cut(s.Uses, "@")
	return a
}

func workflowFiles(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), ".github", "workflows")
	var files []string
	for _, pat := range []string{"*.yml", "*.yaml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no workflow in .github/workflows")
	}
	sort.Strings(files)
	return files
}

func readYAML(t *testing.T, path string, v any) *yaml.Node {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := doc.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &doc
}

// siteWorkflow is the workflow that checks, tests, builds and deploys.
func siteWorkflow(t *testing.T) (string, ghWorkflow) {
	t.Helper()
	path := filepath.Join(repoRoot(t), ".github", "workflows", "site.yml")
	var wf ghWorkflow
	readYAML(t, path, &wf)
	return path, wf
}

// jobRunning returns the names of the jobs that have a step running cmd.
func jobsRunning(wf ghWorkflow, cmd string) []string {
	var names []string
	for name, j := range wf.Jobs {
		for _, s := range j.Steps {
			if slices.Contains(commands(s.Run), cmd) {
				names = append(names, name)
				break
			}
		}
	}
	sort.Strings(names)
	return names
}

// needsClosure is every job that must succeed before job runs.
func needsClosure(wf ghWorkflow, job string) map[string]bool {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(j string) {
		for _, n := range wf.Jobs[j].Needs {
			if !seen[n] {
				seen[n] = true
				visit(n)
			}
		}
	}
	visit(job)
	return seen
}

var (
	pinnedUses     = regexp.MustCompile(`^([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)(/[A-Za-z0-9_./-]+)?@([0-9a-f]{40})$`)
	versionComment = regexp.MustCompile(`^# v\d+\.\d+\.\d+$`)
)

// Every action is pinned by a full commit SHA with its release in a comment,
// and one action is pinned to one commit throughout.
func TestGitHubActionsPinnedBySHA(t *testing.T) {
	type pin struct{ sha, version, where string }
	pins := map[string]pin{}
	count := 0
	for _, path := range workflowFiles(t) {
		var raw map[string]any
		doc := readYAML(t, path, &raw)
		walkMappings(doc, func(key, val *yaml.Node) {
			if key.Value != "uses" {
				return
			}
			count++
			where := fmt.Sprintf("%s:%d", filepath.Base(path), val.Line)
			m := pinnedUses.FindStringSubmatch(val.Value)
			if m == nil {
				t.Errorf("%s: uses: %s is not pinned by a full 40-hex commit SHA (owner/repo@<sha>)", where, val.Value)
				return
			}
			if !versionComment.MatchString(val.LineComment) {
				t.Errorf("%s: uses: %s has comment %q, want the release as # vX.Y.Z", where, val.Value, val.LineComment)
			}
			p := pin{m[3], val.LineComment, where}
			if old, ok := pins[m[1]]; ok && (old.sha != p.sha || old.version != p.version) {
				t.Errorf("%s: %s pinned to %s %s, but %s pins %s %s", where, m[1], p.sha, p.version, old.where, old.sha, old.version)
			}
			pins[m[1]] = p
		})
	}
	if count == 0 {
		t.Fatal("no uses: found; the YAML walk is broken")
	}
}

func walkMappings(n *yaml.Node, fn func(key, val *yaml.Node)) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			fn(n.Content[i], n.Content[i+1])
		}
	}
	for _, c := range n.Content {
		walkMappings(c, fn)
	}
}

// Every shell command in every workflow is one of the repository's own.
func TestGitHubRunsOnlyRepoCommands(t *testing.T) {
	allowed := append(slices.Clone(repoCmds), cmdMatcher)
	for _, path := range workflowFiles(t) {
		var wf ghWorkflow
		readYAML(t, path, &wf)
		for name, j := range wf.Jobs {
			for _, s := range j.Steps {
				if s.Run != "" && s.Uses != "" {
					t.Errorf("%s: job %s: a step has both run: and uses:", filepath.Base(path), name)
				}
				for _, c := range commands(s.Run) {
					if !slices.Contains(allowed, c) {
						t.Errorf("%s: job %s runs %q; only the repository's own commands %q are allowed", filepath.Base(path), name, c, allowed)
					}
				}
			}
		}
	}
	_, wf := siteWorkflow(t)
	for _, cmd := range repoCmds {
		if len(jobsRunning(wf, cmd)) == 0 {
			t.Errorf("site.yml: no job runs %q", cmd)
		}
	}
}

// The check job registers the problem matcher before it runs the check, so
// that check errors become annotations on the data file lines.
func TestGitHubCheckJobAnnotates(t *testing.T) {
	_, wf := siteWorkflow(t)
	jobs := jobsRunning(wf, cmdCheck)
	if len(jobs) != 1 {
		t.Fatalf("jobs running %q: %v, want exactly one", cmdCheck, jobs)
	}
	matcherAt, checkAt := -1, -1
	for i, s := range wf.Jobs[jobs[0]].Steps {
		cs := commands(s.Run)
		if slices.Contains(cs, cmdMatcher) {
			matcherAt = i
		}
		if slices.Contains(cs, cmdCheck) {
			checkAt = i
		}
	}
	if matcherAt < 0 || matcherAt > checkAt {
		t.Errorf("job %s: the problem matcher (step %d) must be registered before the check (step %d)", jobs[0], matcherAt, checkAt)
	}
	// Only there: tests print diagnostics of deliberately bad files, which
	// must not become annotations.
	if got := jobsRunning(wf, cmdMatcher); !slices.Equal(got, jobs) {
		t.Errorf("problem matcher registered in jobs %v, want only %v", got, jobs)
	}
	if _, err := os.Stat(filepath.Join(repoRoot(t), ".github", "rectify-problem-matcher.json")); err != nil {
		t.Error(err)
	}
}

// ghScenario is the context of a run: a pull request, or a push to main.
type ghScenario struct {
	name string
	vars map[string]string
}

var (
	ghPullRequest = ghScenario{"pull request", map[string]string{"github.event_name": "pull_request", "github.ref": "refs/pull/7/merge"}}
	ghPushMain    = ghScenario{"push to main", map[string]string{"github.event_name": "push", "github.ref": "refs/heads/main"}}
	// A scheduled run is on the default branch.
	ghSchedule = ghScenario{"daily schedule", map[string]string{"github.event_name": "schedule", "github.ref": "refs/heads/main"}}
)

func runs(t *testing.T, cond string, sc ghScenario) bool {
	t.Helper()
	if cond == "" {
		return true
	}
	ok, err := evalCond(cond, sc.vars)
	if err != nil {
		t.Fatalf("if: %s: %v", cond, err)
	}
	return ok
}

// ranSteps lists, for a scenario, the steps of a job that run, each as its
// action (without the SHA) or its commands.
func ranSteps(t *testing.T, j ghJob, sc ghScenario) []string {
	var out []string
	for _, s := range j.Steps {
		if !runs(t, s.If, sc) {
			continue
		}
		if s.Uses != "" {
			out = append(out, s.action())
		} else {
			out = append(out, strings.Join(commands(s.Run), "; "))
		}
	}
	return out
}

// dailyCronProblem says what is wrong with a cron line (in UTC, as GitHub
// reads it) for one run a day shortly after midnight China time (UTC+8):
// after the date changes there, so that the build's as-of date (today in
// China) is the new day. "" when nothing is.
func dailyCronProblem(cron string) string {
	f := strings.Fields(cron)
	if len(f) != 5 || f[2] != "*" || f[3] != "*" || f[4] != "*" {
		return fmt.Sprintf("cron %q is not daily (want \"M H * * *\")", cron)
	}
	minute, err1 := strconv.Atoi(f[0])
	hour, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil || minute < 0 || minute > 59 || hour < 0 || hour > 23 {
		return fmt.Sprintf("cron %q: want one fixed minute and hour", cron)
	}
	if china := (hour*60 + minute + 8*60) % (24 * 60); china >= 2*60 {
		return fmt.Sprintf("cron %q runs at %02d:%02d China time; want between 00:00 and 02:00, just after the date changes", cron, china/60, china%60)
	}
	return ""
}

func TestDailyCronProblem(t *testing.T) {
	for cron, ok := range map[string]bool{"5 16 * * *": true, "0 16 * * *": true, "30 17 * * *": true,
		"5 0 * * *": false, "5 16 * * 1": false, "*/5 16 * * *": false, "5 16 * *": false} {
		if got := dailyCronProblem(cron); (got == "") != ok {
			t.Errorf("dailyCronProblem(%q) = %q, want a problem: %v", cron, got, !ok)
		}
	}
}

func TestGitHubTriggers(t *testing.T) {
	_, wf := siteWorkflow(t)
	if _, ok := wf.On["pull_request"]; !ok {
		t.Error("site.yml does not run on pull_request")
	}
	push, ok := wf.On["push"]
	if !ok {
		t.Fatal("site.yml does not run on push")
	}
	var p struct {
		Branches []string `yaml:"branches"`
	}
	if err := push.Decode(&p); err != nil || !slices.Equal(p.Branches, []string{"main"}) {
		t.Errorf("on.push.branches = %v (%v), want [main]", p.Branches, err)
	}
	// A daily run, so that the overdue flags follow the date.
	var sched []struct {
		Cron string `yaml:"cron"`
	}
	if n, ok := wf.On["schedule"]; !ok {
		t.Error("site.yml has no schedule: the site is not rebuilt daily, so 逾期 goes stale between commits")
	} else if err := n.Decode(&sched); err != nil || len(sched) != 1 {
		t.Errorf("on.schedule = %v (%v), want one cron", sched, err)
	} else {
		if p := dailyCronProblem(sched[0].Cron); p != "" {
			t.Errorf("site.yml on.schedule: %s", p)
		}
	}
	// Nothing gets write access unless a job asks for it.
	for k, v := range wf.Permissions {
		if v != "read" && v != "none" {
			t.Errorf("workflow-wide permission %s: %s; give write access per job", k, v)
		}
	}
}

// Which jobs, and which of their steps, run for a pull request and for a
// push to main: a pull request is checked, tested and built but never
// deployed; main is built for the Pages address, uploaded and deployed.
func TestGitHubWhatRunsWhen(t *testing.T) {
	_, wf := siteWorkflow(t)
	for _, tc := range []struct {
		sc   ghScenario
		jobs []string
	}{
		{ghPullRequest, []string{"build", "check", "test"}},
		{ghPushMain, []string{"build", "check", "deploy", "test"}},
		{ghSchedule, []string{"build", "check", "deploy", "test"}},
	} {
		var got []string
		for name, j := range wf.Jobs {
			if runs(t, j.If, tc.sc) {
				got = append(got, name)
			}
		}
		sort.Strings(got)
		if !slices.Equal(got, tc.jobs) {
			t.Errorf("%s: jobs %v, want %v", tc.sc.name, got, tc.jobs)
		}
	}

	builds := jobsRunning(wf, cmdBuild)
	if len(builds) != 1 {
		t.Fatalf("jobs running %q: %v, want one", cmdBuild, builds)
	}
	build := wf.Jobs[builds[0]]
	pr := ranSteps(t, build, ghPullRequest)
	main := ranSteps(t, build, ghPushMain)
	if sched := ranSteps(t, build, ghSchedule); !slices.Equal(sched, main) {
		t.Errorf("daily schedule: build job runs %v, want what a push to main runs: %v", sched, main)
	}
	for _, a := range []string{"actions/configure-pages", "actions/upload-pages-artifact"} {
		if slices.Contains(pr, a) {
			t.Errorf("pull request: build job runs %s: %v", a, pr)
		}
		if !slices.Contains(main, a) {
			t.Errorf("push to main: build job does not run %s: %v", a, main)
		}
	}
	for name, steps := range map[string][]string{"pull request": pr, "push to main": main} {
		if n := countOf(steps, cmdBuild); n != 1 {
			t.Errorf("%s: build job runs %q %d times, want once: %v", name, cmdBuild, n, steps)
		}
	}
	// On main the site is built after configure-pages and before the upload.
	cp, b, up := slices.Index(main, "actions/configure-pages"), slices.Index(main, cmdBuild), slices.Index(main, "actions/upload-pages-artifact")
	if !(cp < b && b < up) {
		t.Errorf("push to main: build job order %v, want configure-pages, build, upload-pages-artifact", main)
	}
}

func countOf(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// The deployed site takes its address from configure-pages, and what is
// uploaded is what `rectify build` wrote.
func TestGitHubPagesBaseURL(t *testing.T) {
	_, wf := siteWorkflow(t)
	build := wf.Jobs[jobsRunning(wf, cmdBuild)[0]]
	pagesID := ""
	for _, s := range build.Steps {
		if s.action() == "actions/configure-pages" {
			pagesID = s.ID
		}
	}
	if pagesID == "" {
		t.Fatal("the configure-pages step has no id, so its base_url output cannot be used")
	}
	want := "${{ steps." + pagesID + ".outputs.base_url }}/"
	found := false
	for _, s := range build.Steps {
		if slices.Contains(commands(s.Run), cmdBuild) && runs(t, s.If, ghPushMain) {
			found = true
			if got := s.Env["HUGO_BASEURL"]; got != want {
				t.Errorf("main build: HUGO_BASEURL = %q, want %q", got, want)
			}
		}
		if s.action() == "actions/upload-pages-artifact" {
			if p := strings.TrimSuffix(s.With["path"], "/"); p != "public" {
				t.Errorf("upload-pages-artifact path = %q, want public/", s.With["path"])
			}
		}
	}
	if !found {
		t.Error("no build step runs on main")
	}
}

// Nothing is deployed unless the data check, the tests and the build passed.
func TestGitHubDeployNeedsCheckTestBuild(t *testing.T) {
	_, wf := siteWorkflow(t)
	var deploys []string
	for name, j := range wf.Jobs {
		for _, s := range j.Steps {
			if s.action() == "actions/deploy-pages" {
				deploys = append(deploys, name)
			}
		}
	}
	if len(deploys) != 1 {
		t.Fatalf("jobs using actions/deploy-pages: %v, want one", deploys)
	}
	name := deploys[0]
	deploy := wf.Jobs[name]
	needs := needsClosure(wf, name)
	for _, cmd := range repoCmds {
		for _, j := range jobsRunning(wf, cmd) {
			if !needs[j] {
				t.Errorf("deploy job %s does not depend on job %s (%s)", name, j, cmd)
			}
		}
	}
	if runs(t, deploy.If, ghPullRequest) {
		t.Errorf("deploy job runs for pull requests (if: %q)", deploy.If)
	}
	for _, sc := range []ghScenario{ghPushMain, ghSchedule} {
		if !runs(t, deploy.If, sc) {
			t.Errorf("deploy job does not run for the %s (if: %q)", sc.name, deploy.If)
		}
	}
	wantPerm := map[string]string{"pages": "write", "id-token": "write"}
	if fmt.Sprint(deploy.Permissions) != fmt.Sprint(wantPerm) {
		t.Errorf("deploy permissions = %v, want exactly %v", deploy.Permissions, wantPerm)
	}
	if deploy.Environment["name"] != "github-pages" {
		t.Errorf("deploy environment = %v, want github-pages", deploy.Environment)
	}
	if deploy.Concurrency["group"] == "" || deploy.Concurrency["cancel-in-progress"] != "false" {
		t.Errorf("deploy concurrency = %v, want a group and cancel-in-progress: false", deploy.Concurrency)
	}
	// Only the deploy job may write anywhere.
	for jn, j := range wf.Jobs {
		for k, v := range j.Permissions {
			if v == "write" && jn != name {
				t.Errorf("job %s has %s: write", jn, k)
			}
		}
	}
}

// Every checkout takes the full git history: the build writes the change
// log from it and refuses a shallow clone, and the tests build the site.
func TestGitHubFullHistory(t *testing.T) {
	for _, path := range workflowFiles(t) {
		var wf ghWorkflow
		readYAML(t, path, &wf)
		for name, j := range wf.Jobs {
			for _, s := range j.Steps {
				if s.action() == "actions/checkout" && s.With["fetch-depth"] != "0" {
					t.Errorf("%s: job %s: actions/checkout has fetch-depth %q, want 0 (full history)", filepath.Base(path), name, s.With["fetch-depth"])
				}
			}
		}
	}
}

// Go modules and build output, and Hugo's cache, are kept between runs.
func TestGitHubCaches(t *testing.T) {
	_, wf := siteWorkflow(t)
	for name, j := range wf.Jobs {
		usesGo := false
		for _, s := range j.Steps {
			for _, c := range commands(s.Run) {
				if strings.HasPrefix(c, "go ") || c == cmdTest {
					usesGo = true
				}
			}
		}
		if !usesGo {
			continue
		}
		var cached []string
		setupGo := false
		for _, s := range j.Steps {
			switch s.action() {
			case "actions/setup-go":
				setupGo = true
				if s.With["cache-dependency-path"] != "go.sum" || s.With["cache"] == "false" {
					t.Errorf("job %s: setup-go must cache with cache-dependency-path: go.sum, has %v", name, s.With)
				}
			case "actions/cache":
				cached = append(cached, commands(s.With["path"])...)
				if !strings.Contains(s.With["key"], "hashFiles('go.sum')") {
					t.Errorf("job %s: cache key %q does not follow go.sum", name, s.With["key"])
				}
			}
		}
		if !setupGo {
			// A Go container: the caches are its module and build folders.
			if !strings.HasPrefix(j.Container, "golang:") {
				t.Errorf("job %s runs go without setup-go or a golang container", name)
			}
			for _, v := range []string{"GOMODCACHE", "GOCACHE"} {
				if j.Env[v] == "" || !slices.Contains(cached, j.Env[v]) {
					t.Errorf("job %s: %s=%q is not cached (cached: %v)", name, v, j.Env[v], cached)
				}
			}
		}
		if slices.Contains(jobsRunning(wf, cmdBuild), name) || slices.Contains(jobsRunning(wf, cmdTest), name) {
			dir := j.Env["HUGO_CACHEDIR"]
			if dir == "" || !slices.Contains(cached, dir) {
				t.Errorf("job %s builds the site but HUGO_CACHEDIR=%q is not cached (cached: %v)", name, dir, cached)
			}
		}
	}
}

// ---- GitLab CI ----

type glRule struct {
	If   string `yaml:"if"`
	When string `yaml:"when"`
}

type glCache struct {
	Key struct {
		Files []string `yaml:"files"`
	} `yaml:"key"`
	Paths []string `yaml:"paths"`
}

type glJob struct {
	Stage     string            `yaml:"stage"`
	Image     string            `yaml:"image"`
	Needs     strList           `yaml:"needs"`
	Rules     []glRule          `yaml:"rules"`
	Script    []string          `yaml:"script"`
	Variables map[string]string `yaml:"variables"`
	Artifacts struct {
		Paths []string `yaml:"paths"`
	} `yaml:"artifacts"`
}

type glConfig struct {
	Workflow struct {
		Rules []glRule `yaml:"rules"`
	}
	Stages    []string
	Variables map[string]string
	Default   struct {
		Image string  `yaml:"image"`
		Cache glCache `yaml:"cache"`
	}
	Jobs map[string]glJob
}

// readGitLab decodes .gitlab-ci.yml: the keywords, and every other top-level
// key as a job.
func readGitLab(t *testing.T) glConfig {
	t.Helper()
	path := filepath.Join(repoRoot(t), ".gitlab-ci.yml")
	var cfg glConfig
	var top map[string]yaml.Node
	readYAML(t, path, &top)
	cfg.Jobs = map[string]glJob{}
	keywords := map[string]any{"workflow": &cfg.Workflow, "stages": &cfg.Stages, "variables": &cfg.Variables, "default": &cfg.Default}
	for k, n := range top {
		if dst, ok := keywords[k]; ok {
			if err := n.Decode(dst); err != nil {
				t.Fatalf(".gitlab-ci.yml %s: %v", k, err)
			}
			continue
		}
		if strings.HasPrefix(k, ".") {
			continue // hidden job (template)
		}
		switch k {
		case "include", "image", "services", "cache", "before_script", "after_script":
			t.Fatalf(".gitlab-ci.yml: top-level %s is not handled by this test; put it under default:", k)
		}
		var j glJob
		if err := n.Decode(&j); err != nil {
			t.Fatalf(".gitlab-ci.yml job %s: %v", k, err)
		}
		cfg.Jobs[k] = j
	}
	return cfg
}

// glMatch applies GitLab's rules: the first rule whose if: holds decides;
// when: never drops the pipeline or job; no matching rule drops it too.
func glMatch(t *testing.T, rules []glRule, vars map[string]string) bool {
	t.Helper()
	if len(rules) == 0 {
		return true
	}
	for _, r := range rules {
		ok := true
		if r.If != "" {
			var err error
			if ok, err = evalCond(r.If, vars); err != nil {
				t.Fatalf("rules if: %s: %v", r.If, err)
			}
		}
		if ok {
			return r.When != "never"
		}
	}
	return false
}

func TestGitLabRunsOnlyRepoCommands(t *testing.T) {
	cfg := readGitLab(t)
	for name, j := range cfg.Jobs {
		if len(j.Script) == 0 {
			t.Errorf("job %s has no script", name)
		}
		for _, c := range j.Script {
			if !slices.Contains(repoCmds, strings.TrimSpace(c)) {
				t.Errorf("job %s runs %q; only the repository's own commands %q are allowed", name, c, repoCmds)
			}
		}
	}
	if !regexp.MustCompile(`^golang:\d+\.\d+`).MatchString(cfg.Default.Image) {
		t.Errorf("default image %q is not a golang image pinned by version", cfg.Default.Image)
	}
	for name, j := range cfg.Jobs {
		if j.Image != "" {
			t.Errorf("job %s overrides the image with %q", name, j.Image)
		}
	}
}

// Which jobs run for a merge request, a push to the default branch, and a
// push to another branch.
func TestGitLabWhatRunsWhen(t *testing.T) {
	cfg := readGitLab(t)
	for _, tc := range []struct {
		name string
		vars map[string]string
		jobs []string // nil: no pipeline
	}{
		{"merge request", map[string]string{"CI_PIPELINE_SOURCE": "merge_request_event", "CI_DEFAULT_BRANCH": "main", "CI_MERGE_REQUEST_IID": "3"},
			[]string{"build", "check", "test"}},
		{"push to the default branch", map[string]string{"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main"},
			[]string{"check", "pages", "test"}},
		{"push to a branch without merge request", map[string]string{"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "fix-status", "CI_DEFAULT_BRANCH": "main"},
			[]string{"build", "check", "test"}},
		{"push to a branch with a merge request", map[string]string{"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "fix-status", "CI_DEFAULT_BRANCH": "main", "CI_OPEN_MERGE_REQUESTS": "office/tracker!3"},
			nil},
		// The daily schedule republishes the default branch, so that 逾期 follows the date.
		{"schedule on the default branch", map[string]string{"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main"},
			[]string{"check", "pages", "test"}},
		{"schedule on the default branch with a merge request open from it", map[string]string{"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main", "CI_OPEN_MERGE_REQUESTS": "office/tracker!4"},
			[]string{"check", "pages", "test"}},
		{"schedule on another branch", map[string]string{"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_BRANCH": "fix-status", "CI_DEFAULT_BRANCH": "main"},
			[]string{"build", "check", "test"}},
	} {
		var got []string
		if glMatch(t, cfg.Workflow.Rules, tc.vars) {
			for name, j := range cfg.Jobs {
				if glMatch(t, j.Rules, tc.vars) {
					got = append(got, name)
				}
			}
			sort.Strings(got)
		}
		if !slices.Equal(got, tc.jobs) {
			t.Errorf("%s: jobs %v, want %v", tc.name, got, tc.jobs)
		}
	}
	for name, want := range map[string]string{"check": cmdCheck, "test": cmdTest, "build": cmdBuild, "pages": cmdBuild} {
		if j, ok := cfg.Jobs[name]; !ok || !slices.Contains(j.Script, want) {
			t.Errorf("job %s does not run %q", name, want)
		}
	}
}

// The pages job publishes what `rectify build` wrote for CI_PAGES_URL, and
// only after the data check and the tests passed.
func TestGitLabPagesAfterCheckAndTest(t *testing.T) {
	cfg := readGitLab(t)
	pages, ok := cfg.Jobs["pages"]
	if !ok {
		t.Fatal("no pages job")
	}
	stage := func(job string) int { return slices.Index(cfg.Stages, cfg.Jobs[job].Stage) }
	for _, dep := range []string{"check", "test"} {
		if !slices.Contains(pages.Needs, dep) {
			t.Errorf("pages needs %v, want it to include %s", pages.Needs, dep)
		}
		if stage(dep) < 0 || stage(dep) >= stage("pages") {
			t.Errorf("stage of %s (%q) is not before the stage of pages (%q) in %v", dep, cfg.Jobs[dep].Stage, pages.Stage, cfg.Stages)
		}
	}
	if !slices.Contains(pages.Artifacts.Paths, "public") && !slices.Contains(pages.Artifacts.Paths, "public/") {
		t.Errorf("pages artifacts %v do not publish public/", pages.Artifacts.Paths)
	}
	if got := pages.Variables["HUGO_BASEURL"]; got != "$CI_PAGES_URL/" {
		t.Errorf("pages HUGO_BASEURL = %q, want $CI_PAGES_URL/", got)
	}
}

// Go modules, Go build output and Hugo's cache are cached, inside the
// project folder (GitLab keeps nothing outside it).
func TestGitLabCaches(t *testing.T) {
	cfg := readGitLab(t)
	if !slices.Equal(cfg.Default.Cache.Key.Files, []string{"go.sum"}) {
		t.Errorf("cache key files = %v, want [go.sum]", cfg.Default.Cache.Key.Files)
	}
	for _, v := range []string{"GOMODCACHE", "GOCACHE", "HUGO_CACHEDIR"} {
		dir, ok := strings.CutPrefix(cfg.Variables[v], "$CI_PROJECT_DIR/")
		if !ok {
			t.Errorf("%s = %q, want a folder under $CI_PROJECT_DIR/", v, cfg.Variables[v])
			continue
		}
		if !strings.HasPrefix(dir, ".") {
			t.Errorf("%s = %q: the folder must start with a dot, or go's ./... would walk the cached modules", v, dir)
		}
		if !slices.Contains(cfg.Default.Cache.Paths, dir) {
			t.Errorf("%s folder %q is not in the cache paths %v", v, dir, cfg.Default.Cache.Paths)
		}
	}
}

// Every job clones the full git history: the build writes the change log
// from it and refuses a shallow clone, and the tests build the site.
func TestGitLabFullHistory(t *testing.T) {
	cfg := readGitLab(t)
	if cfg.Variables["GIT_DEPTH"] != "0" {
		t.Errorf("GIT_DEPTH = %q, want \"0\" (full history)", cfg.Variables["GIT_DEPTH"])
	}
	for name, j := range cfg.Jobs {
		if d, ok := j.Variables["GIT_DEPTH"]; ok && d != "0" {
			t.Errorf("job %s sets GIT_DEPTH %q, want the full history", name, d)
		}
	}
}
