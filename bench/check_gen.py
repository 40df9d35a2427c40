#!/usr/bin/env python3
"""Generates N zh-Hans sentences as Markdown chapters (for `yaku add`) and,
given the exported PO, fills every msgstr with a Japanese translation from
the same templates, about 3% of them with a mechanical error (changed
number, lost link, half-width stop, full-width digits) so both tools have
something to report.  Deterministic (seeded).

usage: check_gen.py md DIR N            write DIR/chNN.md
       check_gen.py fill IN.po OUT.po N fill msgstr
"""
import random, re, sys

T = [  # (zh, ja) with {n} numbers, {m} a second number, {w} a word pair index
    ("今年共有 {n} 名贡献者参与了{w}项目。", "今年は{n}名のコントリビューターが{w}プロジェクトに参加しました。"),
    ("我们在 {n} 个城市举办了 {m} 场活动。", "{n}の都市で{m}回のイベントを開催しました。"),
    ("详情请阅读[{w}指南](https://example.org/{n})。", "詳しくは[{w}ガイド](https://example.org/{n})を読んでください。"),
    ("运行 `make test-{n}` 可以验证{w}模块。", "`make test-{n}`を実行すると{w}モジュールを検証できます。"),
    ("{w}团队每 {n} 周发布一个新版本。", "{w}チームは{n}週間ごとに新しいバージョンをリリースします。"),
    ("其中 {n}% 的提交来自企业贡献者。", "そのうち{n}%のコミットは企業のコントリビューターによるものです。"),
    ("维护者在 {n} 小时内回复了大多数问题。", "メンテナーはほとんどの質問に{n}時間以内に回答しました。"),
    ("**{w}**工作组目前有 {n} 名成员。", "**{w}**ワーキンググループには現在{n}名のメンバーがいます。"),
]
W = [("文档", "ドキュメント"), ("安全", "セキュリティ"), ("测试", "テスト"), ("翻译", "翻訳"),
     ("基础设施", "インフラ"), ("发布", "リリース"), ("社区", "コミュニティ"), ("设计", "デザイン")]


def sentence(i):
    r = random.Random(i)
    t = r.randrange(len(T))
    w = r.randrange(len(W))
    n, m = r.randrange(2, 5000), r.randrange(2, 500)
    zh = T[t][0].format(n=n, m=m, w=W[w][0])
    ja = T[t][1].format(n=n, m=m, w=W[w][1])
    if r.random() < 0.03:
        k = r.randrange(4)
        if k == 0:
            ja = ja.replace(str(n), str(n + 1), 1)
        elif k == 1:
            ja = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", ja)
        elif k == 2:
            ja = ja.replace("。", ".")
        else:
            ja = ja.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return zh, ja


def md(outdir, n):
    per = 5000
    for c in range(0, n, per):
        with open("%s/ch%03d.md" % (outdir, c // per + 1), "w", encoding="utf-8") as f:
            f.write("# 第 %d 章\n\n" % (c // per + 1))
            for i in range(c, min(n, c + per)):
                f.write(sentence(i)[0] + "\n\n")


def unq(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(src, dst, n):
    text = open(src, encoding="utf-8").read()
    # the generator knows every source sentence: index them back
    out = []
    entries = text.split("\n\n")
    lookup = {}
    for e in entries:
        m = re.search(r'^msgid ((?:".*"\n?)+)', e, re.M)
        if not m or 'msgctxt' not in e:
            out.append(e)
            continue
        msgid = "".join(unq(x[1:-1]) for x in re.findall(r'".*"', m.group(1)))
        lookup.setdefault(msgid, None)
        out.append(e)
    # md() wrote sentence(i) for i < n: the same indices give the translations
    for i in range(n):
        zh, j = sentence(i)
        if zh in lookup:
            lookup[zh] = j
    res = []
    for e in out:
        m = re.search(r'^msgid ((?:".*"\n?)+)', e, re.M)
        if m and 'msgctxt' in e:
            msgid = "".join(unq(x[1:-1]) for x in re.findall(r'".*"', m.group(1)))
            tgt = lookup.get(msgid)
            if tgt is None:  # headings
                tgt = re.sub(r"第 (\d+) 章", r"第\1章", msgid)
            e = re.sub(r'^msgstr (?:".*"\n?)+', "msgstr " + q(tgt) + "\n", e, flags=re.M).rstrip("\n")
        res.append(e)
    open(dst, "w", encoding="utf-8").write("\n\n".join(res) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "md":
        md(sys.argv[2], int(sys.argv[3]))
    else:
        fill(sys.argv[2], sys.argv[3], int(sys.argv[4]))
