#!/usr/bin/env python3
"""Deterministic translation-memory generator for bench/tm_bench.sh.

The shared corpora are not on this machine, so sentences are built from
templates and a vocabulary made here: Chinese, Japanese, Korean and English
sources (mostly zh-Hans -> ja, the pair the lookups use, plus en -> ja,
ja -> ko and ko -> ja), with about a quarter of the units near copies of
earlier ones (a word changed, added or dropped, another number), as in a
real memory of yearly reports.

  tm_gen.py tmx N OUT.tmx            N units
  tm_gen.py queries N MEM.tmx OUT    N lookup texts (zh-Hans): near copies of
                                     units of MEM, exact copies, new sentences
  tm_gen.py doc N MEM.tmx OUT.md     N new segments (one paragraph each) for
                                     pretranslate, same mix
  tm_gen.py po MEM.tmx OUT.po        the zh-Hans -> ja units as a PO compendium
  tm_gen.py pot OUT.md OUT.pot       the document's sentences as a POT
"""
import random
import re
import sys
import zlib
from xml.sax.saxutils import escape

R = random.Random(20250101)

ZH_CHARS = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
            "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由"
            "其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月"
            "公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将"
            "组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增"
            "争济阶油思术极交受联什认六共权收证改清美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华"
            "名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深"
            "难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型"
            "眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")
JA_KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼ"
JA_KATA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンガギグゲゴザジズゼゾダデドバビブベボー"
KO_SYL = [chr(c) for c in range(0xAC00, 0xD7A4, 37)]
EN_SYL = ["ba", "co", "de", "fi", "gu", "ha", "ji", "ka", "lo", "mu", "na", "po", "qua", "ri", "so", "tu",
          "ve", "wa", "xi", "yo", "ze", "ar", "en", "il", "on", "ur", "st", "pr", "tr", "ch", "sh", "th"]
EN_FUNC = ["the", "a", "of", "to", "and", "in", "for", "with", "on", "by", "from", "our", "this", "every"]


def vocab(make, n):
    seen, out = set(), []
    while len(out) < n:
        w = make()
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


ZH_WORDS = vocab(lambda: "".join(R.choice(ZH_CHARS) for _ in range(R.choice((2, 2, 2, 3, 4)))), 6000)
JA_WORDS = vocab(lambda: "".join(R.choice(ZH_CHARS) for _ in range(R.choice((1, 2, 2)))) +
                 "".join(R.choice(JA_KANA) for _ in range(R.choice((0, 1, 2)))), 4000) + \
    vocab(lambda: "".join(R.choice(JA_KATA) for _ in range(R.randint(3, 6))), 1500)
KO_WORDS = vocab(lambda: "".join(R.choice(KO_SYL) for _ in range(R.randint(2, 4))), 5000)
EN_WORDS = vocab(lambda: "".join(R.choice(EN_SYL) for _ in range(R.randint(1, 4))), 8000)

ZH_TPL = ["{w}的{w}在{n}年{w}了{w}{w}。", "我们的{w}需要更多{w}和{w}。", "{w}{w}共有{n}位{w}参与。",
          "如果你想{w}{w}，请先阅读{w}{w}。", "今年{w}{w}的{w}比去年增加了{n}%。", "{w}和{w}是{w}{w}的基础。",
          "{w}项目由{n}个{w}共同{w}。", "在{w}中，{w}{w}承担了{w}的{w}。", "**{w}**对{w}{w}非常重要。",
          "请在 `{w}` 目录中查看{w}{w}。", "{w}{w}{w}，{w}{w}{w}。"]
JA_TPL = ["{w}は{n}年に{w}を{w}しました。", "私たちの{w}には{w}と{w}が必要です。", "{w}の{w}は{n}人です。",
          "{w}を{w}するには、まず{w}を読んでください。", "{w}{w}と{w}{w}の{w}。"]
KO_TPL = ["{w} {w}는 {n}년에 {w}를 {w}했다.", "우리 {w}에는 {w}와 {w}가 필요하다.", "{w} {w} {w}은 {n}명이다.",
          "{w}를 {w}하려면 먼저 {w}를 읽어 주세요."]
EN_TPL = ["The {w} {w} grew by {n} percent in {y}.", "Our {w} needs more {w} and {w}.",
          "Read the {w} {w} before you {w} a {w}.", "{W} and {w} are the basis of every {w} {w}.",
          "In {y}, {n} {w} joined the {w} {w} of the {w}.", "The **{w}** {w} is {w} for the {w} {w}."]

LANGS = {  # source language -> (templates, words, joiner for mutation)
    "zh-Hans": (ZH_TPL, ZH_WORDS),
    "ja": (JA_TPL, JA_WORDS),
    "ko": (KO_TPL, KO_WORDS),
    "en": (EN_TPL, EN_WORDS),
}


def fill(tpl, words, rnd):
    def rep(m):
        k = m.group(1)
        if k == "n":
            return str(rnd.choice((rnd.randint(2, 99), rnd.randint(100, 9999))))
        if k == "y":
            return str(rnd.randint(1995, 2030))
        w = rnd.choice(words)
        return w.capitalize() if k == "W" else w
    return re.sub(r"\{(\w)\}", rep, tpl)


def sentence(lang, rnd):
    tpls, words = LANGS[lang]
    s = fill(rnd.choice(tpls), words, rnd)
    if rnd.random() < 0.3:  # longer sentences: two clauses
        s = s[:-1] + ("，" if lang == "zh-Hans" else "、" if lang == "ja" else ", ") + \
            fill(rnd.choice(tpls), words, rnd)
    return s


def mutate(s, lang, rnd):
    words = LANGS[lang][1]
    for _ in range(rnd.randint(1, 2)):
        op = rnd.random()
        if op < 0.3:
            s = re.sub(r"\d+", lambda m: str(int(m.group(0)) + rnd.randint(1, 9)), s, count=1)
        elif op < 0.7:
            # replace one vocabulary word that occurs in s
            cands = [w for w in rnd.sample(words, 300) if w in s][:1]
            w = rnd.choice(words)
            if cands:
                s = s.replace(cands[0], w, 1)
            else:
                i = rnd.randrange(len(s))
                s = s[:i] + w + s[i:]
        else:
            i = rnd.randrange(1, max(2, len(s) - 2))
            s = s[:i] + s[i + 1:]
    return s


def target_of(src, tgt_lang, rnd):
    tpls, words = LANGS[tgt_lang]
    return sentence(tgt_lang, random.Random(zlib.crc32(src.encode())))


PAIRS = [("zh-Hans", "ja")] * 7 + [("en", "ja"), ("ja", "ko"), ("ko", "ja")]


def units(n):
    rnd = random.Random(7)
    recent = {l: [] for l in LANGS}
    for i in range(n):
        src_lang, tgt_lang = PAIRS[i % len(PAIRS)]
        pool = recent[src_lang]
        if pool and rnd.random() < 0.25:
            s = mutate(rnd.choice(pool), src_lang, rnd)
        else:
            s = sentence(src_lang, rnd)
        if len(pool) < 5000:
            pool.append(s)
        else:
            pool[rnd.randrange(5000)] = s
        yield src_lang, tgt_lang, s, target_of(s, tgt_lang, rnd)


def cmd_tmx(n, out):
    with open(out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool='
                '"tm_gen" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en"'
                ' srclang="*all*" o-tmf="gen"/>\n<body>\n')
        for i, (sl, tl, s, t) in enumerate(units(n)):
            f.write('<tu creationdate="20240101T000000Z" creationid="gen%d"><tuv xml:lang="%s"><seg>%s'
                    '</seg></tuv><tuv xml:lang="%s"><seg>%s</seg></tuv></tu>\n'
                    % (i % 50, sl, escape(s), tl, escape(t)))
        f.write("</body>\n</tmx>\n")


def zh_units(mem):
    pat = re.compile(r'<tuv xml:lang="zh-Hans"><seg>(.*?)</seg></tuv><tuv xml:lang="ja"><seg>(.*?)</seg>')
    with open(mem, encoding="utf-8") as f:
        for line in f:
            m = pat.search(line)
            if m:
                yield (m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"),
                       m.group(2).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def sample_zh(mem, n, seed):
    rnd = random.Random(seed)
    # reservoir sample of zh sources
    res = []
    for i, (s, _) in enumerate(zh_units(mem)):
        if len(res) < 4 * n:
            res.append(s)
        else:
            j = rnd.randrange(i + 1)
            if j < 4 * n:
                res[j] = s
    out = []
    for i in range(n):
        k = rnd.random()
        if k < 0.5:
            out.append(mutate(rnd.choice(res), "zh-Hans", rnd))
        elif k < 0.75:
            out.append(rnd.choice(res))
        else:
            out.append(sentence("zh-Hans", rnd))
    return out


def cmd_queries(n, mem, out):
    with open(out, "w", encoding="utf-8") as f:
        for q in sample_zh(mem, n, 11):
            f.write(q.replace("\n", " ") + "\n")


def cmd_doc(n, mem, out):
    with open(out, "w", encoding="utf-8") as f:
        f.write("# 基准\n\n")
        for i, q in enumerate(sample_zh(mem, n, 13)):
            # one sentence per paragraph; a unique tail keeps segments distinct
            f.write(q + "\n\n")


def po_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cmd_po(mem, out):
    seen = set()
    with open(out, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ja\\n"\n\n')
        for s, t in zh_units(mem):
            if s in seen:
                continue
            seen.add(s)
            f.write("msgid %s\nmsgstr %s\n\n" % (po_str(s), po_str(t)))


def cmd_pot(md, out):
    seen = set()
    with open(md, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        o.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for para in f.read().split("\n\n"):
            para = para.strip()
            if not para or para.startswith("#") or para in seen:
                continue
            seen.add(para)
            o.write("msgid %s\nmsgstr \"\"\n\n" % po_str(para))


if __name__ == "__main__":
    a = sys.argv[1:]
    if a[0] == "tmx":
        cmd_tmx(int(a[1]), a[2])
    elif a[0] == "queries":
        cmd_queries(int(a[1]), a[2], a[3])
    elif a[0] == "doc":
        cmd_doc(int(a[1]), a[2], a[3])
    elif a[0] == "po":
        cmd_po(a[1], a[2])
    elif a[0] == "pot":
        cmd_pot(a[1], a[2])
    else:
        sys.exit(__doc__)
