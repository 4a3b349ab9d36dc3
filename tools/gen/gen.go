// Package gen writes synthetic sites for scale tests and benchmarks: N
// varied notices made from the seed (static/originals/wuhan-eeb-2020.txt),
// each with its own id, unit, level (province, city, district), inspecting
// body, years, category titles and shape (with and without areas or
// categories), and staff files for some of them (confirmed statuses,
// updates, deadlines, responsible units).
//
// Every notice is made as real ones are: its original text is written to
// static/originals/<id>.txt and imported with the real importer (package
// importer, with the seed's corrections list), so each data file is exactly
// what `rectify import` makes and passes `rectify check`. The output is a
// function of N and the seed text alone: two runs write the same bytes.
//
// Site copies the site's files (config.toml, content/, layouts/, static/,
// i18n/, assets/) of a repository next to the generated data, so that
// rectify build (or the pinned Hugo, `go tool hugo --source DIR` run from
// the repository root, for the pages alone) can build it. The command
// tools/cmd/gensite writes one.
package gen

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/wuhan-rectify/tracker/tools/importer"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// SeedID is the notice whose original the generated ones are made from.
const SeedID = "wuhan-eeb-2020"

// A Notice is one generated notice: its files, relative to the site root
// (slash-separated), and their content. Staff is nil when it has none.
type Notice struct {
	ID          string
	Original    []byte // static/originals/<id>.txt
	Data        []byte // data/notices/<id>.toml
	Corrections []byte // data/corrections/<id>.toml
	Staff       []byte // data/staff/<id>.toml, or nil
}

// level is the level of an inspected unit: how its name, its party
// committee and its inspecting body are written.
type level struct {
	key       string // in the id
	committee string // 市委 → 省委, 区委
	round     string // 巡察 or 巡视
	unit      func(city, unit string) (full, short string)
}

var levels = []level{
	{"city", "市委", "巡察", func(c, u string) (string, string) { return c + "市" + u + "局", "市" + u + "局" }},
	{"prov", "省委", "巡视", func(c, u string) (string, string) { return "湖北省" + u + "厅", "省" + u + "厅" }},
	{"dist", "区委", "巡察", func(c, u string) (string, string) { return c + "区" + u + "局", "区" + u + "局" }},
}

// cities and districts: names and id keys.
var cities = [][2]string{
	{"武汉", "wuhan"}, {"黄石", "huangshi"}, {"十堰", "shiyan"}, {"宜昌", "yichang"}, {"襄阳", "xiangyang"},
	{"鄂州", "ezhou"}, {"荆门", "jingmen"}, {"孝感", "xiaogan"}, {"荆州", "jingzhou"}, {"黄冈", "huanggang"},
	{"咸宁", "xianning"}, {"随州", "suizhou"},
}

var districts = [][2]string{
	{"江岸", "jiangan"}, {"江汉", "jianghan"}, {"硚口", "qiaokou"}, {"汉阳", "hanyang"}, {"武昌", "wuchang"},
	{"青山", "qingshan"}, {"洪山", "hongshan"}, {"东西湖", "dongxihu"}, {"蔡甸", "caidian"}, {"江夏", "jiangxia"},
}

// units: the part of a bureau's name between the place and 局/厅.
var units = [][2]string{
	{"生态环境", "eeb"}, {"财政", "czj"}, {"教育", "jyj"}, {"民政", "mzj"}, {"商务", "swj"},
	{"水务", "water"}, {"交通运输", "jtj"}, {"卫生健康", "wjw"}, {"文化和旅游", "wlj"}, {"住房和城乡建设", "zjj"},
	{"自然资源和规划", "zrzy"}, {"人力资源和社会保障", "rsj"}, {"审计", "sjj"}, {"统计", "tjj"}, {"农业农村", "nyj"},
	{"市场监督管理", "scj"}, {"应急管理", "yjj"}, {"司法", "sfj"}, {"科学技术", "kjj"}, {"退役军人事务", "tyjr"},
}

var ordinals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

// categoryVerbs replace 着力解决 in the category titles, so that notices
// have category titles of their own, as real notices do.
var categoryVerbs = []string{"着力解决", "切实解决", "认真解决", "坚决解决", "集中解决", "全面解决", "深入解决"}

var (
	yearRE     = regexp.MustCompile(`20[12][0-9]`)
	areaLineRE = regexp.MustCompile(`(?m)^[ #-]*\([一二三四五六七八九十]+\) ?在[^\n]*方面 *\n`)
)

// Notices makes n notices from the seed original (its text and its
// corrections list, as in the repository).
func Notices(seedText, seedCorrections []byte, n int) ([]Notice, error) {
	var out []Notice
	for i := range n {
		g, err := Make(seedText, seedCorrections, i)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

// Make makes the i-th generated notice (0-based).
func Make(seedText, seedCorrections []byte, i int) (Notice, error) {
	r := rand.New(rand.NewPCG(uint64(i)+1, 0x5eed))
	lv := levels[0]
	switch {
	case i%10 == 3:
		lv = levels[1]
	case i%5 == 1:
		lv = levels[2]
	}
	city := cities[i%len(cities)]
	place := city
	if lv.key == "dist" {
		place = districts[(i/len(cities))%len(districts)]
	}
	unit := units[(i/3)%len(units)]
	if i == 0 {
		unit = units[0] // the first is the seed's own unit
	}
	shift := (i / 7) % 6 // years 2020…2025
	full, short := lv.unit(place[0], unit[0])
	year := 2020 + shift
	id := fmt.Sprintf("%s-%s-%s-%d-%d", place[1], unit[1], lv.key, year, i+1)

	text := string(seedText)
	text = strings.ReplaceAll(text, "武汉市生态环境局", full)
	text = strings.ReplaceAll(text, "市生态环境局", short)
	text = strings.ReplaceAll(text, "武汉市", city[0]+"市")
	body := lv.committee + "第" + ordinals[i%len(ordinals)] + lv.round + "组"
	if i%4 == 2 { // a body named with its round, as 七届市委第三轮巡察二组
		body = lv.committee + "第" + ordinals[(i/4)%3] + "轮" + lv.round + ordinals[i%len(ordinals)] + "组"
	}
	text = strings.ReplaceAll(text, "市委第一巡察组", body)
	text = strings.ReplaceAll(text, "市委巡察", lv.committee+lv.round)
	text = strings.ReplaceAll(text, "市委统一部署", lv.committee+"统一部署")
	text = strings.ReplaceAll(text, "市委", lv.committee)
	text = strings.ReplaceAll(text, "027-85808616", fmt.Sprintf("0%d-8%07d", 710+i%18, 5808616+i*37%1000000))
	text = strings.ReplaceAll(text, "whhbjrsc@163.com", fmt.Sprintf("xczg%d@example.org", i+1))
	if shift > 0 {
		text = yearRE.ReplaceAllStringFunc(text, func(y string) string {
			v, _ := strconv.Atoi(y)
			if v < 2012 || v > 2025 {
				return y
			}
			return strconv.Itoa(v + shift)
		})
	}
	verb := categoryVerbs[r.IntN(len(categoryVerbs))]
	if verb != "着力解决" {
		text = strings.ReplaceAll(text, ". 着力解决", ". "+verb)
	}
	switch i % 8 {
	case 5: // no area level
		text = areaLineRE.ReplaceAllString(text, "")
	case 6: // no category level
		text = regexp.MustCompile(`(?m)^[ #-]*\d+\. `+verb+`"[^"\n]*"问题 *\n?`).ReplaceAllString(text, "")
	}
	source := "originals/" + id + ".txt"
	corr := strings.Replace(string(seedCorrections), SeedID, id, -1)
	corrs, err := importer.ParseCorrections(id+".toml", []byte(corr))
	if err != nil {
		return Notice{}, fmt.Errorf("%s: corrections: %v", id, err)
	}
	nt, _, err := importer.Import(id+".txt", []byte(text), importer.Options{
		ID: id, Source: source, Corrections: corrs, CorrectionsFile: "data/corrections/" + id + ".toml",
	})
	if err != nil {
		return Notice{}, fmt.Errorf("%s: import: %v", id, err)
	}
	data, err := notice.Marshal(nt)
	if err != nil {
		return Notice{}, err
	}
	g := Notice{ID: id, Original: []byte(text), Data: data, Corrections: []byte(corr)}
	if i%3 == 1 {
		g.Staff = staffFile(nt, r)
	}
	return g, nil
}

// staffFile makes a staff file for nt: some problems confirmed, with a
// deadline, a responsible unit, and status updates after publication.
func staffFile(nt *notice.Notice, r *rand.Rand) []byte {
	s := notice.Staff{Notice: notice.StaffNotice{OfficialURL: "https://example.org/notices/" + nt.ID}, Problems: map[string]notice.StaffProblem{}}
	year, _ := strconv.Atoi(nt.Published[:4])
	month := 6
	if len(nt.Published) >= 7 {
		month, _ = strconv.Atoi(nt.Published[5:7])
	}
	// Staff give the level and the round of the inspections of even years
	// (the site infers the level of the others, and says so).
	if year%2 == 0 {
		switch {
		case strings.Contains(nt.InspectingBody, "省委"):
			s.Notice.Level = "省级"
		case strings.Contains(nt.InspectingBody, "区委"):
			s.Notice.Level = "县（区）级"
		default:
			s.Notice.Level = "市级"
		}
		s.Notice.Round = fmt.Sprintf("%d年第一轮", year-1)
	}
	responsible := []string{"办公室", "组织人事处", "财务处", "法规处", "机关党委", "监察室"}
	for _, is := range nt.Issues {
		if r.IntN(3) != 0 {
			continue
		}
		p := notice.StaffProblem{Responsible: responsible[r.IntN(len(responsible))]}
		if is.Status != notice.StatusUnstated && r.IntN(2) == 0 {
			p.Status = is.Status
			p.StatusEvidence = fmt.Sprintf("整改台账（%d年%d月）", year, month)
		}
		if r.IntN(2) == 0 {
			p.Deadline = fmt.Sprintf("%d-12-31", year)
			p.DeadlineEvidence = fmt.Sprintf("整改方案：%d年底前完成", year)
		}
		if is.Status == "正在整改" && r.IntN(2) == 0 {
			p.Updates = append(p.Updates, notice.Update{
				Date: fmt.Sprintf("%d-%02d-15", year+1, 1+r.IntN(11)), Status: "已完成",
				Note: "整改任务已全部完成，相关制度已印发执行。", Source: "整改进展情况通报",
			})
		}
		s.Problems[strconv.Itoa(is.Number)] = p
	}
	return notice.MarshalStaff(&s, "合成数据：由 tools/gen 生成的工作人员文件。", nil)
}

// SiteFiles are the files and folders of the Hugo site that Site copies.
var SiteFiles = []string{"config.toml", "content", "layouts", "static", "i18n", "assets"}

// Site writes a site of n generated notices to dest (which must not exist
// or be empty): the site files of the repository at root (SiteFiles;
// data/README.md too) and, for each notice, its original, data file,
// corrections list and staff file. The seed's own notice is not copied. It
// returns the notices.
func Site(root, dest string, n int) ([]Notice, error) {
	if entries, err := os.ReadDir(dest); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty", dest)
	}
	seedText, err := os.ReadFile(filepath.Join(root, "static", "originals", SeedID+".txt"))
	if err != nil {
		return nil, err
	}
	seedCorr, err := os.ReadFile(filepath.Join(root, "data", "corrections", SeedID+".toml"))
	if err != nil {
		return nil, err
	}
	for _, f := range SiteFiles {
		if err := copyTree(filepath.Join(root, f), filepath.Join(dest, f)); err != nil {
			return nil, err
		}
	}
	os.Remove(filepath.Join(dest, "static", "originals", SeedID+".txt"))
	if err := copyTree(filepath.Join(root, "data", "README.md"), filepath.Join(dest, "data", "README.md")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	ns, err := Notices(seedText, seedCorr, n)
	if err != nil {
		return nil, err
	}
	for _, g := range ns {
		files := map[string][]byte{
			"static/originals/" + g.ID + ".txt":  g.Original,
			"data/notices/" + g.ID + ".toml":     g.Data,
			"data/corrections/" + g.ID + ".toml": g.Corrections,
		}
		if g.Staff != nil {
			files["data/staff/"+g.ID+".toml"] = g.Staff
		}
		for rel, content := range files {
			p := filepath.Join(dest, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(p, content, 0o644); err != nil {
				return nil, err
			}
		}
	}
	return ns, nil
}

// copyTree copies the file or folder from to to.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
