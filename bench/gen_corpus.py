#!/usr/bin/env python3
"""Generate a deterministic Markdown corpus for the yaku benchmark.

    gen_corpus.py [--out DIR] [--size-mb 10] [--seed 2024] [--min-kb 50] [--max-kb 200]

The corpus is built from the example report in examples/report/: its blocks
(paragraphs, lists, tables, code, quotes, shortcodes) are recombined, their
sentences reshuffled and varied (numbers, project names, years), and mixed with
sentences from templates, so that files look like long community reports and
most sentences are distinct (a corpus of copies would flatter any cache or TM).
Files are 50-200 KB each by default, YAML or TOML front matter, spread over a
few subdirectories.  The same arguments always give the same bytes.
"""
import argparse
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "examples", "report")

PROJECTS = ["Apache Kafka", "Apache Flink", "OpenHarmony", "TiDB", "Apache Doris", "KubeEdge",
            "openEuler", "Vue.js", "PaddlePaddle", "MindSpore", "Dragonfly", "Apache APISIX",
            "Kubernetes", "Rust", "PostgreSQL", "Grafana", "Prometheus", "Envoy"]
CITIES = ["北京", "上海", "深圳", "杭州", "成都", "武汉", "西安", "南京", "广州", "苏州"]
TEAMS = ["文档组", "基础设施组", "社区运营组", "翻译小组", "安全响应组", "发布管理组", "用户体验组"]
VERBS = ["完成了", "启动了", "重写了", "简化了", "推进了", "评审了", "合并了", "发布了"]
THINGS = ["贡献指南", "持续集成流水线", "发布流程", "新人教程", "行为准则", "安全公告流程",
          "插件接口", "命令行工具", "性能测试框架", "多语言文档"]
ADJ = ["明显", "稳定", "大幅", "逐步", "持续"]
TEMPLATES = [
    "{city}用户组在 {year} 年举办了 {n} 场线下活动，平均每场有 {m} 人参加。",
    "{team}{verb}{thing}，相关讨论见 <https://example.org/{slug}/{n}>。",
    "我们把 {project} 升级到了 v{a}.{b}.{c}，构建时间缩短了 {pct}%。",
    "{project} 的中文文档今年新增了 {n} 篇，其中 {m} 篇由新贡献者撰写。",
    "在 GitHub 上，`{slug}` 仓库收到了 {n} 个问题报告，{ratio}% 在一周内得到回复。",
    "有人问：为什么要花时间写{thing}？答案很简单——好的{thing}能让更多人参与进来。",
    "这一数字比 {prev} 年{adj}增长了 {pct}%！",
    "如果你想参与{thing}的改进，请先阅读[贡献指南](https://example.org/contributing#{slug})。",
    "{team}的 {n} 位志愿者每周在线开会一次，会议纪要公开在论坛上。",
    "截至 {year} 年 {month} 月，{project} 的下载量已经超过 {n} 万次。",
    "“{thing}比我想象的更重要。”一位来自{city}的维护者这样说。",
    "我们还不知道答案……也许明年的问卷能告诉我们更多。",
]


def split_blocks(text):
    """Front matter, then blank-line separated blocks (fenced code kept whole)."""
    fm = ""
    if text.startswith("---\n") or text.startswith("+++\n"):
        fence = text[:3]
        end = text.index("\n" + fence + "\n", 4) + 5
        fm, text = text[:end], text[end:]
    blocks, cur, in_code = [], [], False
    for line in text.split("\n"):
        if line.startswith("```"):
            in_code = not in_code
        if line.strip() == "" and not in_code:
            if cur:
                blocks.append("\n".join(cur))
                cur = []
        else:
            cur.append(line)
    if cur:
        blocks.append("\n".join(cur))
    return fm, blocks


def sentences(par):
    return [s for s in re.findall(r"[^。！？]*[。！？]+[」』）”]?|[^。！？]+$", par) if s.strip()]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.blocks = []        # (kind, text)
        self.pool = []          # sentences from the examples' paragraphs
        for name in sorted(os.listdir(EXAMPLES)):
            if not name.endswith(".md"):
                continue
            with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
                _, blocks = split_blocks(f.read())
            for b in blocks:
                kind = self.kind(b)
                if kind == "footnote" or kind == "heading":
                    continue
                self.blocks.append((kind, b))
                if kind == "para":
                    self.pool += sentences(b)

    @staticmethod
    def kind(b):
        if b.startswith("#"):
            return "heading"
        if b.startswith("```"):
            return "code"
        if b.startswith("|"):
            return "table"
        if b.startswith("[^"):
            return "footnote"
        if re.match(r"^(- |\* |\d+\. )", b):
            return "list"
        if b.startswith(">"):
            return "quote"
        if b.startswith("{{<") or b.startswith("<"):
            return "raw"
        return "para"

    def num(self, m):
        """A number of the same shape: versions stay versions, years years."""
        s = m.group(0)
        r = self.r
        if s.count(".") >= 2:
            return "%d.%d.%d" % (r.randint(0, 9), r.randint(0, 20), r.randint(0, 9))
        if "." in s:
            return "%d.%d" % (r.randint(1, 99), r.randint(0, 9))
        if "," in s:
            return "{:,}".format(r.randint(1000, 99999))
        if len(s) <= 2:
            return s                      # days, months, small counts
        if len(s) == 4 and s.startswith("20"):
            return str(r.randint(2015, 2030))
        return str(r.randint(10 ** (len(s) - 1), 10 ** len(s) - 1))

    def vary(self, s):
        s = re.sub(r"\d[\d,]*(?:\.\d+)*", self.num, s)
        s = re.sub(r"Apache Kafka|GitHub 上的|社区", lambda m: {
            "Apache Kafka": self.r.choice(PROJECTS),
            "GitHub 上的": self.r.choice(["GitHub 上的", "Gitee 上的", "GitLab 上的"]),
            "社区": self.r.choice(["社区", "社区", "项目", "用户组"])}[m.group(0)], s)
        return s

    def template(self):
        t = self.r.choice(TEMPLATES)
        r = self.r
        return t.format(city=r.choice(CITIES), team=r.choice(TEAMS), verb=r.choice(VERBS),
                        thing=r.choice(THINGS), project=r.choice(PROJECTS), adj=r.choice(ADJ),
                        year=r.randint(2019, 2025), prev=r.randint(2018, 2024), month=r.randint(1, 12),
                        n=r.randint(2, 900), m=r.randint(1, 300), a=r.randint(0, 9), b=r.randint(0, 30),
                        c=r.randint(0, 12), pct=r.randint(3, 95), ratio=r.randint(40, 99),
                        slug=r.choice(["infra", "docs", "community", "release", "i18n"]) + "-" + str(r.randint(1, 99)))

    def paragraph(self):
        n = self.r.randint(2, 6)
        out = []
        for _ in range(n):
            out.append(self.vary(self.r.choice(self.pool)) if self.r.random() < 0.45 else self.template())
        par = "".join(out)
        if self.r.random() < 0.15:   # soft line break inside a paragraph
            cut = [m.end() for m in re.finditer("[。！？]", par)][:-1]
            if cut:
                i = self.r.choice(cut)
                par = par[:i] + "\n" + par[i:]
        if self.r.random() < 0.1:
            par += "[^n%d]" % self.r.randint(1, 9)
        return par

    def block(self):
        x = self.r.random()
        if x < 0.62:
            return self.paragraph()
        kind, b = self.r.choice(self.blocks)
        if kind == "code":
            return b
        return self.vary(b)

    def front_matter(self, i, toml):
        title = "%d 年%s报告（第 %d 部分）" % (self.r.randint(2019, 2025), self.r.choice(TEAMS), i)
        desc = self.template()
        if toml:
            return '+++\ntitle = "%s"\ndescription = "%s"\nweight = %d\ndraft = false\n+++\n\n' % (title, desc.replace('"', "'"), i * 10)
        return '---\ntitle: "%s"\ndescription: "%s"\nweight: %d\ndate: 2025-%02d-%02d\n---\n\n' % (
            title, desc.replace('"', "'"), i * 10, self.r.randint(1, 12), self.r.randint(1, 28))

    def document(self, i, size):
        parts = [self.front_matter(i, self.r.random() < 0.25), "# %s\n" % self.template().rstrip("。！？")]
        total, sec = sum(len(p.encode()) for p in parts), 0
        while total < size:
            if self.r.random() < 0.08:
                sec += 1
                p = "\n%s %d. %s\n" % ("#" * self.r.choice([2, 2, 3]), sec, self.r.choice(THINGS) + self.r.choice(["概况", "进展", "回顾", "计划"]))
            else:
                p = "\n" + self.block() + "\n"
            parts.append(p)
            total += len(p.encode())
        notes = "".join("\n[^n%d]: %s\n" % (k, self.template()) for k in range(1, 10))
        return "".join(parts) + notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(HERE, "out", "corpus"))
    ap.add_argument("--size-mb", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--min-kb", type=int, default=50)
    ap.add_argument("--max-kb", type=int, default=200)
    args = ap.parse_args()
    g = Gen(args.seed)
    target = int(args.size_mb * 1024 * 1024)
    total, i = 0, 0
    os.makedirs(args.out, exist_ok=True)
    while total < target:
        i += 1
        size = g.r.randint(args.min_kb * 1024, args.max_kb * 1024)
        sub = os.path.join(args.out, "part-%02d" % ((i - 1) // 20 + 1))
        os.makedirs(sub, exist_ok=True)
        data = g.document(i, size).encode("utf-8")
        with open(os.path.join(sub, "report-%03d.md" % i), "wb") as f:
            f.write(data)
        total += len(data)
    print("gen_corpus: %d files, %d bytes (%.1f MB) in %s" % (i, total, total / 1048576, args.out))


if __name__ == "__main__":
    main()
