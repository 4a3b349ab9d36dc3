package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/wuhan-rectify/tracker/tools/importer"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

const importUsage = `用法: rectify import [--id ID] [--corrections 更正清单.toml] [-o 输出.toml] 原文.txt

从通报原文生成数据文件（TOML），默认写到标准输出；提示写到标准错误。
  --id ID             通报编号，默认取原文文件名（不含扩展名）
  --corrections 文件  更正清单，默认 data/corrections/<ID>.toml（存在时）
  -o 文件             写入该文件而不是标准输出
原文中的版式问题（多余空格、断行、半角标点）自动修复；文字更正只按更正清单进行。
只有完全找不到通报结构时才以非零状态退出；其余问题以“警告”列出。
`

// runImport is the import verb: read the notice text, import it with the
// corrections list, write the TOML and print the diagnostics.
func runImport(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprint(stderr, importUsage) }
	id := fl.String("id", "", "通报编号")
	corrPath := fl.String("corrections", "", "更正清单")
	out := fl.String("o", "", "输出文件")
	// Flags may come before or after the file name.
	var files []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fl.NArg() == 0 {
			break
		}
		files = append(files, fl.Arg(0))
		args = fl.Args()[1:]
	}
	if len(files) != 1 {
		fmt.Fprint(stderr, "rectify import: 需要且只需要一个原文文件\n\n"+importUsage)
		return 2
	}
	file := files[0]
	src, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "%s: 错误: 无法读取原文：%v；请检查文件路径\n", file, unwrapPath(err))
		return 1
	}
	base := filepath.Base(file)
	if *id == "" {
		*id = strings.TrimSuffix(base, filepath.Ext(base))
	}
	opts := importer.Options{ID: *id, Source: "originals/" + base}
	if *corrPath == "" {
		def := filepath.Join("data", "corrections", *id+".toml")
		if _, err := os.Stat(def); err == nil {
			*corrPath = def
		}
	}
	if *corrPath != "" {
		data, err := os.ReadFile(*corrPath)
		if err != nil {
			fmt.Fprintf(stderr, "%s: 错误: 无法读取更正清单：%v；请检查 --corrections 的路径\n", *corrPath, unwrapPath(err))
			return 1
		}
		opts.Corrections, err = importer.ParseCorrections(*corrPath, data)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		opts.CorrectionsFile = *corrPath
	}
	n, diags, err := importer.Import(file, src, opts)
	for _, d := range diags {
		fmt.Fprintln(stderr, d)
	}
	if err != nil {
		fmt.Fprintln(stderr, notice.Diagnostic{File: file, Severity: notice.Error, Message: err.Error(),
			Hint: "请确认这是一份整改情况通报，各部分以“一、”“（一）”“1.”“（1）”等编号开头"})
		return 1
	}
	data, err := notice.Marshal(n)
	if err != nil {
		fmt.Fprintf(stderr, "rectify import: 错误: 无法生成TOML：%v\n", err)
		return 1
	}
	if *out == "" {
		if _, err := stdout.Write(data); err != nil {
			return 1
		}
	} else if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "%s: 错误: 无法写入：%v；请检查 -o 的路径\n", *out, unwrapPath(err))
		return 1
	}
	fmt.Fprintf(stderr, "导入完成：%d 个方面，%d 类，%d 个问题，%d 条警告\n", len(n.Areas), len(n.Categories), len(n.Issues), len(diags))
	return 0
}

// unwrapPath drops the path from an *fs.PathError (it is printed first).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
