package site

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// A variant is a site built from hand-written data files and staff files,
// with some site params of config.toml set: the sites of the tests of what
// a reader meets with several notices (each with its own contact), hostile
// text (control characters, markup-like words) and a configured site
// identity.
type variant struct {
	name    string
	notices []variantNotice
	// params replaces the values of keys of config.toml: each key must be
	// written there as `key = ""` (as config.toml documents it), once.
	params map[string]string
	// commit, when set (RFC 3339), makes the source a git repository with
	// one commit of every file at that time, and builds it with git info
	// on, as `rectify build` does in a checkout.
	commit string
	// hostile, when set, is a kind of finding (a substring of its message)
	// that the check must report on this site's data, which is built
	// anyway: the templates must stay safe with data that should never
	// pass (defence in depth). No other error is allowed.
	hostile string
}

// variantNotice is one notice of a variant.
type variantNotice struct {
	id    string
	data  string // data/notices/<id>.toml
	staff string // data/staff/<id>.toml; "" for none
}

var (
	variantsMu   sync.Mutex
	variantOnces = map[string]*sync.Once{}
	variantBuilt = map[string]*build{}
)

// variantBuild builds v once per test binary (tests that share a variant
// share its build) and returns it; it skips under -short. The data and
// staff files must pass the check of `rectify check` (notice.CheckFiles).
func variantBuild(t *testing.T, v variant) *build {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	variantsMu.Lock()
	once, ok := variantOnces[v.name]
	if !ok {
		once = new(sync.Once)
		variantOnces[v.name] = once
	}
	variantsMu.Unlock()
	once.Do(func() {
		b := &build{name: v.name}
		b.err = b.runVariant(t, v)
		variantsMu.Lock()
		variantBuilt[v.name] = b
		variantsMu.Unlock()
	})
	variantsMu.Lock()
	b := variantBuilt[v.name]
	variantsMu.Unlock()
	if b.err != nil {
		t.Fatalf("building the %s site: %v", v.name, b.err)
	}
	return b
}

func (b *build) runVariant(t *testing.T, v variant) error {
	root := moduleRoot(t)
	dir := filepath.Join(tmpRoot, "variant-"+v.name)
	src := filepath.Join(dir, "src")
	b.dir = filepath.Join(dir, "public")
	if err := prepareSource(root, src); err != nil {
		return err
	}
	cfgPath := filepath.Join(src, "config.toml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		return err
	}
	config := string(cfg)
	keys := make([]string, 0, len(v.params))
	for k := range v.params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		line := k + ` = ""`
		if n := strings.Count(config, "\n"+line+"\n"); n != 1 {
			return fmt.Errorf("config.toml has %d lines %q, want 1 (the site params are documented there with empty values)", n, line)
		}
		config = strings.Replace(config, "\n"+line+"\n", fmt.Sprintf("\n%s = %q\n", k, v.params[k]), 1)
	}
	if err := os.WriteFile(cfgPath, []byte(config), 0o644); err != nil {
		return err
	}
	// The site reads the staff files itself when config.toml mounts
	// data/staff; until then the staff's keys that these tests need are put
	// into the data file that Hugo reads, where the templates looked for
	// them before the staff files (after the check, which refuses them).
	premerge := !strings.Contains(config, `source = "data/staff"`)
	// Hugo reads data/ as a whole when the mounted data/notices is missing.
	if err := os.MkdirAll(filepath.Join(src, "data", "notices"), 0o755); err != nil {
		return err
	}
	var paths []string
	for _, n := range v.notices {
		p := filepath.Join(src, "data", "notices", n.id+".toml")
		files := map[string]string{
			p: n.data,
			filepath.Join(src, "static", "originals", n.id+".txt"): "（测试用的通报原文）\n",
		}
		if n.staff != "" {
			files[notice.StaffPath(p)] = n.staff
		}
		for path, data := range files {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
				return err
			}
		}
		paths = append(paths, p)
	}
	ns, diags := notice.CheckFiles(src, paths, time.Now())
	var msgs []string
	hostile := 0
	for _, d := range diags {
		if d.Severity != notice.Error {
			continue
		}
		if v.hostile != "" && strings.Contains(d.Message, v.hostile) {
			hostile++
			continue
		}
		msgs = append(msgs, d.String())
	}
	if len(msgs) > 0 {
		return fmt.Errorf("the data does not pass the check:\n%s", strings.Join(msgs, "\n"))
	}
	if v.hostile != "" && hostile == 0 {
		return fmt.Errorf("the check does not report %q on the hostile data", v.hostile)
	}
	slices.SortFunc(ns, func(a, b *notice.Notice) int { return strings.Compare(a.ID, b.ID) })
	b.notices = ns
	if premerge {
		for _, n := range v.notices {
			if n.staff == "" {
				continue
			}
			p := filepath.Join(src, "data", "notices", n.id+".toml")
			if err := premergeStaff(p, n.data, n.staff); err != nil {
				return err
			}
			if err := os.Remove(notice.StaffPath(p)); err != nil {
				return err
			}
		}
	}
	if v.commit != "" {
		return b.hugoGit(t, root, src, v.commit)
	}
	return b.hugo(t, root, src)
}

// hugoGit commits everything in src at the time when, then builds src with
// the pinned Hugo and git info on (the flags of build.hugo otherwise).
func (b *build) hugoGit(t testing.TB, root, src, when string) error {
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"-c", "user.name=测试", "-c", "user.email=test@example.org", "commit", "-q", "-m", "test"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+when, "GIT_COMMITTER_DATE="+when, "TZ=UTC")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	cmd := exec.Command("go", "tool", "hugo",
		"--source", src, "--destination", b.dir,
		"--enableGitInfo=true", "--noBuildLock", "--printI18nWarnings", "--printPathWarnings", "--panicOnWarning")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "HUGO_BASEURL="+baseURL, "HUGO_ENVIRONMENT=production")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v\n%s", err, out)
	}
	return nil
}

// premergeStaff writes to path the data file with the official_url and the
// problems' updates of the staff file, as the templates read them before
// func/notice.html merged the staff files.
func premergeStaff(path, data, staff string) error {
	var m map[string]any
	if _, err := toml.Decode(data, &m); err != nil {
		return err
	}
	var s notice.Staff
	if _, err := toml.Decode(staff, &s); err != nil {
		return err
	}
	if u := s.Notice.OfficialURL; u != "" {
		m["official_url"] = u
	}
	issues, _ := m["issues"].([]map[string]any)
	for _, is := range issues {
		num, _ := is["number"].(int64)
		if ups := s.Problem(int(num)).Updates; len(ups) > 0 {
			var list []map[string]any
			for _, u := range ups {
				list = append(list, map[string]any{"date": u.Date, "status": u.Status, "note": u.Note, "source": u.Source})
			}
			is["updates"] = list
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := toml.NewEncoder(f).Encode(m); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// twoNotices is a site of two notices of two issuers, each with its own
// contact: alpha (older) gives only a phone, beta (newer) a phone, an email
// and an address, and has an official page and a status update (staff
// file). Their texts hold what breaks feeds and pages: control characters
// that TOML lets a data file hold as escapes (\u0001, \f, \u000b; the
// check rejects them, the templates must cope all the same) and
// words in angle brackets and ampersands that are not markup. The site
// identity of config.toml is set (but no operator address or postcode).
var twoNotices = variant{
	name:    "two-notices",
	hostile: "不可见的控制字符",
	notices: []variantNotice{
		{id: "alpha-2024", data: alphaData},
		{id: "beta-2025", data: betaData, staff: betaStaff},
	},
	params: map[string]string{
		"operator":      operatorName,
		"operatorPhone": operatorPhone,
		"operatorEmail": operatorEmail,
		"siteCode":      siteCode,
		"icp":           icpNumber,
	},
}

// alphaTitle and the other texts of the two notices, as the site must show
// them (the data files hold the control characters too).
const (
	operatorName  = "示例市巡察整改公开工作组"
	operatorPhone = "027-00000000"
	operatorEmail = "site@example.org"
	siteCode      = "4201000099"
	icpNumber     = "鄂ICP备00000000号-1"

	alphaTitle    = "中共示例甲局党组关于巡察整改情况的通报"
	alphaPhone    = "027-11111111"
	alphaPreamble = "现将整改情况予以公布。已印发<PPP项目实施方案>。A&B"
	betaTitle     = "中共示例乙局党组关于巡察整改情况的通报"
	betaPhone     = "010-22222222"
	betaEmail     = "beta@example.org"
	betaOfficial  = "https://www.example.gov.cn/xxgk/2025/03/t20250310_1.html?a=1&b=2"
	betaNote      = "已印发<PPP项目实施方案>。]]>A&B"
)

const alphaData = `schema = 1
id = "alpha-2024"
title = "中共示例甲局党组关于巡察整改情况的通报\u0001"
issuer = "中共示例甲局党组"
published = "2024-05-10"
source = "originals/alpha-2024.txt"
preamble = ["现将整改情况予以公布。\f已印发<PPP项目实施方案>。A&B"]

[declared]
problems = 2
accountability = 2

[[declared.accountability_by_kind]]
kind = "诫勉"
count = 2
text = "诫勉2人次"

[contact]
phone = "027-11111111"
text = "联系电话：027-11111111。"

[[sections]]
label = "一、"
title = "整改情况"
problems = true

[[issues]]
number = 1
label = "（1）"
title = "制度执行不严\u000b<PPP项目实施方案>"
lead = "针对“制度执行不严”的问题，"
measures = ["一是已印发<PPP项目实施方案>。", "二是对1名责任人诫勉，对2名责任人问责处理。"]
status = "正在整改"
status_basis = "stated"
status_evidence = "正在整改"

[[issues.accountability]]
kind = "诫勉"
count = 1
whom = "责任人"
text = "对1名责任人诫勉"

[[issues.accountability]]
kind = "问责处理"
count = 2
whom = "责任人"
text = "对2名责任人问责处理"

[[issues]]
number = 2
label = "（2）"
title = "台账不清"
lead = "针对“台账不清”的问题，"
measures = ["已建立台账。"]
status = "已完成"
status_basis = "stated"
status_evidence = "已建立台账"
`

const betaData = `schema = 1
id = "beta-2025"
title = "中共示例乙局党组关于巡察整改情况的通报"
issuer = "中共示例乙局党组"
published = "2025-03-10"
source = "originals/beta-2025.txt"

[declared]
problems = 1
regulations = 2

[contact]
phone = "010-22222222"
email = "beta@example.org"
address = "示例市示例路2号"
postcode = "100000"
text = "联系电话：010-22222222；电子邮箱：beta@example.org；邮政地址：示例市示例路2号，邮政编码：100000。"

[[sections]]
label = "一、"
title = "整改情况"
problems = true

[[issues]]
number = 1
label = "（1）"
title = "学习制度不健全"
lead = "针对“学习制度不健全”的问题，"
measures = ["制定《示例乙局学习制度》。"]
status = "正在整改"
status_basis = "stated"
status_evidence = "正在整改"

[[issues.regulations]]
title = "示例乙局学习制度"
action = "制定"
`

const betaStaff = `[notice]
official_url = "https://www.example.gov.cn/xxgk/2025/03/t20250310_1.html?a=1&b=2"

[[problems.1.updates]]
date = "2025-09-30"
status = "已完成"
note = "已印发<PPP项目实施方案>。\f]]>A&B"
source = "示例乙局整改进展\u0001通报"
`
