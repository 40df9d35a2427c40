#!/usr/bin/env python3
"""Writes the planted-errors fixture of tests/cli/t0200-check-recall.sh.

One table: each segment's zh-Hans source with a good ja and ko translation
(written for this fixture, original text) and, for some, a planted error
with the check id that must find it.  Running it regenerates src/*.md,
ja.good.po, ko.good.po (good translations only), ja.po, ko.po (with the
planted errors) and expected.tsv (lang, segment, check).  It needs $YAKU.
"""
import os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
YAKU = os.environ.get("YAKU", os.path.join(HERE, "../../../build/yaku"))

# (chapter, markdown prefix, source, ja, ko, [(lang, planted target, check ids)])
SEGS = [
 ("ch01-community", "# ", "开源社区的成长", "オープンソースコミュニティの成長", "오픈소스 커뮤니티의 성장", []),
 ("ch01-community", "", "本章回顾 2024 年社区的主要变化。",
  "本章では2024年のコミュニティの主な変化を振り返ります。",
  "이 장에서는 2024년 커뮤니티의 주요 변화를 돌아봅니다.",
  [("ja", "本章では2023年のコミュニティの主な変化を振り返ります。", "number-missing"),
   ("ko", "이 장에서는 2024년 커뮤니티의 주요 변화를 돌아봅니다。", "ko-fullwidth-punct")]),
 ("ch01-community", "## ", "贡献者", "コントリビューター", "기여자", []),
 ("ch01-community", "", "今年共有 1,284 名贡献者提交了代码。",
  "今年は1,284名のコントリビューターがコードを提出しました。",
  "올해는 1,284명의 기여자가 코드를 제출했습니다.",
  [("ja", "今年は1,284名のコントリビューターがコードを提出しました.", "ja-fullwidth-punct"),
   ("ko", "올해는 1,284명의 기여자가 코드를 제출했습니다 .", "ko-space-after-punct")]),
 ("ch01-community", "", "其中 37% 是第一次参与开源项目。",
  "そのうち37%はオープンソースプロジェクトへの初めての参加でした。",
  "그중 37%는 오픈소스 프로젝트에 처음 참여했습니다.",
  [("ja", "そのうち37%はオープン・ソースプロジェクトへの初めての参加でした。",
    "glossary-forbidden,consistency-term"),
   ("ko", "그중 37%는 오픈 소스 프로젝트에 처음 참여했습니다.", "glossary-forbidden,consistency-term")]),
 ("ch01-community", "", "新贡献者可以先阅读[贡献指南](https://example.org/contributing)。",
  "新しいコントリビューターはまず[コントリビューションガイド](https://example.org/contributing)を読んでください。",
  "새 기여자는 먼저 [기여 가이드](https://example.org/contributing)를 읽어 보세요.",
  [("ja", "新しいコントリビューターはまず[コントリビューションガイド](https://example.org/contribute)を読んでください。",
    "markup-link-url"),
   ("ko", "새 기여자는 먼저 [기여 가이드](https://example.org/contributing/ko)를 읽어 보세요.",
    "markup-link-url")]),
 ("ch01-community", "", "如有问题，请发送邮件至 community@example.org。",
  "質問があれば community@example.org までメールしてください。",
  "질문이 있으면 community@example.org로 메일을 보내 주세요.",
  [("ja", "質問があれば community@example.com までメールしてください。", "email-missing"),
   ("ko", "질문이 있으면 커뮤니티 메일로 보내 주세요.", "email-missing")]),
 ("ch01-community", "", "运行 `make check` 可以在本地验证修改。",
  "`make check`を実行すると、変更をローカルで検証できます。",
  "`make check`를 실행하면 변경 사항을 로컬에서 검증할 수 있습니다.",
  [("ja", "`make チェック`を実行すると、変更をローカルで検証できます。", "code-span-changed"),
   ("ko", "`make 검사`를 실행하면 변경 사항을 로컬에서 검증할 수 있습니다.", "code-span-changed")]),
 ("ch01-community", "", "每个拉取请求至少需要一位维护者审核。",
  "各プルリクエストには少なくとも1人のメンテナーによるレビューが必要です。",
  "각 풀 리퀘스트는 최소 한 명의 메인테이너가 검토해야 합니다.",
  [("ja", "各プルリクエストには少なくとも1人の管理者によるレビューが必要です。", "glossary-term-missing"),
   ("ko", "각 풀 리퀘스트는 최소 한 명의 관리자가 검토해야 합니다.", "glossary-term-missing")]),
 ("ch01-community", "## ", "活动", "イベント", "행사", []),
 ("ch01-community", "", "我们在 5 个城市举办了 12 场线下聚会。",
  "5つの都市で12回のオフラインミートアップを開催しました。",
  "5개 도시에서 12번의 오프라인 모임을 열었습니다.",
  [("ja", "５つの都市で１２回のオフラインミートアップを開催しました。", "ja-fullwidth-digits"),
   ("ko", "15개 도시에서 12번의 오프라인 모임을 열었습니다.", "number-missing")]),
 ("ch01-community", "", "详细的日程请访问 https://events.example.org/2024 查看。",
  "詳しい日程は https://events.example.org/2024 をご覧ください。",
  "자세한 일정은 https://events.example.org/2024 에서 확인하세요.",
  [("ja", "詳しい日程はウェブサイトをご覧ください。", "url-missing"),
   ("ko", "자세한 일정은 행사 웹사이트에서 확인하세요.", "url-missing")]),
 ("ch01-community", "", "**黑客马拉松**吸引了超过 300 名参与者。",
  "**ハッカソン**には300名を超える参加者が集まりました。",
  "**해커톤**에는 300명이 넘는 참가자가 모였습니다.",
  [("ja", "ハッカソンには300名を超える参加者が集まりました。", "markup-tags"),
   ("ko", "**해커톤에는 300명이 넘는 참가자가 모였습니다.", "markup-tags")]),
 ("ch01-community", "", "活动的照片保存在 `photos/2024` 目录中。",
  "イベントの写真は`photos/2024`ディレクトリに保存されています。",
  "행사 사진은 `photos/2024` 디렉터리에 저장되어 있습니다.",
  [("ja", "イベントの写真は`photos/2024`ディレクトリに保存されています。 ", "whitespace-edges"),
   ("ko", "행사 사진은 `photos/2024` ディレクトリ에 저장되어 있습니다.", "script-kana-in-ko")]),
 ("ch01-community", "", "感谢所有志愿者的付出！",
  "すべてのボランティアの皆さんに感謝します！",
  "모든 자원봉사자 여러분께 감사드립니다!",
  [("ja", "すべてのボランティアの皆さんに感謝します！！", "doubled-punct"),
   ("ko", "모든 자원봉사자 여러분께 감사드립니다!!", "doubled-punct")]),
 ("ch01-community", "## ", "新人引导", "新人オンボーディング", "신규 참여자 온보딩", []),
 ("ch01-community", "", "我们为新人准备了导师计划。",
  "新しい参加者のためにメンター制度を用意しました。",
  "신규 참여자를 위해 멘토 제도를 마련했습니다.",
  [("ja", "新しい参加者のために导师制度を用意しました。", "script-simplified-in-ja-ko"),
   ("ko", "신규 참여자를 위해 멘토 제도를 마련했습니다 마련했습니다.", "doubled-word")]),
 ("ch01-community", "", "每位导师最多指导 3 名新人。",
  "各メンターは最大3名の新人を指導します。",
  "각 멘토는 최대 3명의 신규 참여자를 지도합니다.",
  [("ja", "各メンターは最大3名の新人をを指導します。", "doubled-word"),
   ("ko", "각 멘토는 최대 3명의 신규 참여자를 지도함니다.", "ko-spelling")]),
 ("ch01-community", "", "申请表格中的 {name} 字段会自动填写。",
  "申請フォームの {name} フィールドは自動的に入力されます。",
  "신청서의 {name} 필드는 자동으로 채워집니다.",
  [("ja", "申請フォームの {名前} フィールドは自動的に入力されます。", "placeholder-missing"),
   ("ko", "신청서의 {이름} 필드는 자동으로 채워집니다.", "placeholder-missing")]),
 ("ch01-community", "", "提交后你会收到一封确认邮件，其中包含 %s 链接。",
  "送信すると、%s リンクを含む確認メールが届きます。",
  "제출하면 %s 링크가 포함된 확인 메일을 받게 됩니다.",
  [("ja", "送信すると、リンクを含む確認メールが届きます。", "placeholder-missing"),
   ("ko", "제출하면 링크가 포함된 확인 메일을 받게 됩니다.", "placeholder-missing")]),
 ("ch01-community", "", "常见问题请参阅 <abbr>FAQ</abbr> 页面。",
  "よくある質問は<abbr>FAQ</abbr>ページを参照してください。",
  "자주 묻는 질문은 <abbr>FAQ</abbr> 페이지를 참고하세요.",
  [("ja", "よくある質問はFAQページを参照してください。", "markup-tags"),
   ("ko", "자주 묻는 질문은 FAQ</abbr> 페이지를 참고하세요.", "markup-tags")]),
 ("ch01-community", "", "社区的成长离不开每一位贡献者。",
  "コミュニティの成長は一人ひとりのコントリビューターに支えられています。",
  "커뮤니티의 성장은 기여자 한 사람 한 사람 덕분입니다.",
  [("ja", "コミュニティの成長は一人ひとりのコントリビューターに\n支えられています。", "soft-break-cjk"),
   ("ko", "", "untranslated")]),
 ("ch01-community", "", "开源让协作变得更容易。",
  "オープンソースは協働をより容易にします。",
  "오픈소스는 협업을 더 쉽게 만듭니다.", []),
 ("ch02-governance", "# ", "治理与可持续性", "ガバナンスと持続可能性", "거버넌스와 지속 가능성",
  [("ja", "거버넌스와 지속 가능성", "script-hangul-in-ja"),
   ("ko", "治理与可持续性", "identical-to-source")]),
 ("ch02-governance", "", "项目采用开放的治理模式。",
  "プロジェクトはオープンなガバナンスモデルを採用しています。",
  "프로젝트는 개방적인 거버넌스 모델을 채택하고 있습니다.",
  [("ja", "プロジェクトはオープンなガバナンスモデルを採用しています 。", "ja-space-around-punct"),
   ("ko", "项目는 개방적인 거버넌스 모델을 채택하고 있습니다.", "script-simplified-in-ja-ko")]),
 ("ch02-governance", "", "技术决策由维护者委员会共同做出。",
  "技術的な決定はメンテナー委員会が共同で行います。",
  "기술적 결정은 메인테이너 위원회가 함께 내립니다.",
  [("ja", "TODO", "empty-target"), ("ko", "TBD", "empty-target")]),
 ("ch02-governance", "", "委员会目前有 9 名成员，任期两年。",
  "委員会には現在9名のメンバーがおり、任期は2年です。",
  "위원회에는 현재 9명의 위원이 있으며 임기는 2년입니다.",
  [("ja", "9名、2年。", "length-ratio"), ("ko", "위원회 9명.", "length-ratio")]),
 ("ch02-governance", "", "所有会议记录都公开发布在 [Wiki](https://wiki.example.org/meetings) 上。",
  "すべての議事録は[Wiki](https://wiki.example.org/meetings)で公開されています。",
  "모든 회의록은 [Wiki](https://wiki.example.org/meetings)에 공개됩니다.",
  [("ja", "所有会议记录都公开发布在 [Wiki](https://wiki.example.org/meetings) 上。", "identical-to-source"),
   ("ko", "모든 회의록은 Wiki에 공개됩니다.", "markup-tags")]),
 ("ch02-governance", "", "重大变更需要经过 *两周* 的公开讨论。",
  "重要な変更には*2週間*の公開議論が必要です。",
  "중요한 변경에는 *2주* 동안의 공개 논의가 필요합니다.", []),
 ("ch02-governance", "## ", "许可证", "ライセンス", "라이선스", []),
 ("ch02-governance", "", "所有代码均以 Apache-2.0 许可证发布。",
  "すべてのコードはApache-2.0ライセンスで公開されています。",
  "모든 코드는 Apache-2.0 라이선스로 공개됩니다.",
  [("ko", "모든 코드는 Apache-2.0 라이선스로 공개됬습니다.", "ko-spelling")]),
 ("ch02-governance", "", "文档采用 CC BY 4.0 许可。",
  "ドキュメントはCC BY 4.0ライセンスを採用しています。",
  "문서는 CC BY 4.0 라이선스를 따릅니다.",
  [("ko", "문서는 CC BY 4.0 라이선스를 따릅니다。", "ko-fullwidth-punct")]),
 ("ch02-governance", "", "贡献者需要签署开发者原创声明（DCO）。",
  "コントリビューターはDCO（開発者原産地証明書）に署名する必要があります。",
  "기여자는 개발자 원본 증명서(DCO)에 서명해야 합니다.", []),
 ("ch02-governance", "", "在提交信息中加入 `Signed-off-by` 行即可。",
  "コミットメッセージに`Signed-off-by`行を加えるだけです。",
  "커밋 메시지에 `Signed-off-by` 줄을 추가하면 됩니다.",
  [("ko", "커밋 메시지에 `Signed-off-by` 줄을 추가하면 됩니다. ", "whitespace-edges")]),
 ("ch02-governance", "## ", "资金", "資金", "자금", []),
 ("ch02-governance", "", "项目的年度预算约为 120,000 美元。",
  "プロジェクトの年間予算は約120,000ドルです。",
  "프로젝트의 연간 예산은 약 120,000달러입니다.",
  [("ja", "プロジェクトの年間予算は約102,000ドルです。", "number-missing"),
   ("ko", "프로젝트의 연간 예산은 약 12,000달러입니다.", "number-missing")]),
 ("ch02-governance", "", "其中 60% 来自企业赞助，其余来自个人捐赠。",
  "そのうち60%は企業スポンサーから、残りは個人の寄付によるものです。",
  "그중 60%는 기업 후원에서, 나머지는 개인 기부에서 나옵니다.",
  [("ja", "そのうち60%は企業スポンサーから、、残りは個人の寄付によるものです。", "doubled-punct"),
   ("ko", "그중 60%는 기업 후원에서,나머지는 개인 기부에서 나옵니다.", "ko-space-after-punct")]),
 ("ch02-governance", "", "财务报告每季度更新一次。",
  "財務報告は四半期ごとに更新されます。",
  "재무 보고서는 분기마다 업데이트됩니다.",
  [("ja", "", "untranslated")]),
 ("ch02-governance", "", "赞助商名单见 https://example.org/sponsors 页面。",
  "スポンサーの一覧は https://example.org/sponsors のページにあります。",
  "후원사 목록은 https://example.org/sponsors 페이지에 있습니다.",
  [("ja", "スポンサの一覧は https://example.org/sponsors のページにあります。", "ja-long-vowel"),
   ("ko", "후원사 목록은 https://example.org/sponsor 페이지에 있습니다.", "url-missing")]),
 ("ch02-governance", "## ", "展望", "展望", "전망", []),
 ("ch02-governance", "", "明年我们计划把文档翻译成更多语言。",
  "来年はドキュメントをさらに多くの言語に翻訳する予定です。",
  "내년에는 문서를 더 많은 언어로 번역할 계획입니다.", []),
 ("ch02-governance", "", "我们也希望吸引更多来自亚洲的维护者。",
  "アジアからのメンテナーをもっと増やしたいと考えています。",
  "아시아 출신 메인테이너도 더 많이 모시고 싶습니다.",
  [("ja", "来年はドキュメントをさらに多くの言語に翻訳する予定です。", "consistency-target"),
   ("ko", "내년에는 문서를 더 많은 언어로 번역할 계획입니다.", "consistency-target")]),
 ("ch02-governance", "", "开源的未来取决于健康的社区。",
  "オープンソースの未来は健全なコミュニティにかかっています。",
  "오픈소스의 미래는 건강한 커뮤니티에 달려 있습니다.", []),
 ("ch02-governance", "", "欢迎通过 GitHub 参与讨论。",
  "GitHubでの議論への参加を歓迎します。",
  "GitHub에서 토론에 참여해 주세요.",
  [("ja", "GitHub での議論への参加を歓迎します。", "ja-alnum-spacing")]),
 ("ch02-governance", "", "开源让协作变得更容易。",
  "オープンソースは協働をより容易にします。",
  "오픈소스는 협업을 더 쉽게 만듭니다.",
  [("ja", "オープンソースは協力をより簡単にします。", "consistency-source"),
   ("ko", "오픈소스는 협력을 더 쉽게 해 줍니다.", "consistency-source")]),
 ("ch02-governance", "", "正如那句口号所说：“Community over code, always and everywhere.”",
  "あのスローガンが言うように、「いつでもどこでも、コードよりコミュニティ」。",
  "그 구호처럼 \"언제 어디서나 코드보다 커뮤니티\"입니다.",
  [("ja", "あのスローガンが言うように、「Community over code, always and everywhere.」",
    "script-latin-run"),
   ("ko", "그 구호처럼 \"Community over code, always and everywhere.\"", "script-latin-run")]),
]

GLOSSARY = [  # source, ja, ko, forbidden ja, forbidden ko
    ("开源", "オープンソース", "오픈소스", "オープン・ソース", "오픈 소스"),
    ("贡献者", "コントリビューター", "기여자", None, None),
    ("维护者", "メンテナー", "메인테이너", None, None),
    ("社区", "コミュニティ", "커뮤니티", None, None),
    ("导师", "メンター", "멘토", None, None),
    ("黑客马拉松", "ハッカソン", "해커톤", None, None),
]


def po_quote(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return '"' + s + '"'


def write_sources():
    chapters = {}
    for ch, prefix, src, *_ in SEGS:
        chapters.setdefault(ch, []).append(prefix + src)
    os.makedirs(os.path.join(HERE, "src"), exist_ok=True)
    for ch, blocks in chapters.items():
        with open(os.path.join(HERE, "src", ch + ".md"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(blocks) + "\n")
    return list(chapters)


def ids_by_position(chapters):
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([YAKU, "init", d, "--source", "zh-Hans", "--target", "ja,ko"], check=True,
                       stdout=subprocess.DEVNULL)
        import shutil
        shutil.copytree(os.path.join(HERE, "src"), os.path.join(d, "src"))
        subprocess.run([YAKU, "-C", d, "add"] + [os.path.join(d, "src", c + ".md") for c in chapters],
                       check=True, stdout=subprocess.DEVNULL)
        import json
        out = subprocess.run([YAKU, "-C", d, "list", "segments", "--json"], check=True,
                             capture_output=True, text=True).stdout
        segs = json.loads(out)
    assert len(segs) == len(SEGS), (len(segs), len(SEGS))
    for s, row in zip(segs, SEGS):
        assert s["source"] == row[2], (s["source"], row[2])
    return [s["id"] for s in segs]


def write_po(path, lang, targets, ids):
    with open(path, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Language: %s\\n"\n\n' % lang)
        for sid, row, tgt in zip(ids, SEGS, targets):
            if tgt == "":
                continue
            f.write("msgctxt %s\nmsgid %s\nmsgstr %s\n\n" % (po_quote(sid), po_quote(row[2]), po_quote(tgt)))


def main():
    chapters = write_sources()
    ids = ids_by_position(chapters)
    expected = []
    for lang, col in (("ja", 3), ("ko", 4)):
        good = [row[col] for row in SEGS]
        planted = list(good)
        for i, row in enumerate(SEGS):
            for plang, text, checks in row[5]:
                if plang != lang:
                    continue
                planted[i] = text
                for c in checks.split(","):
                    expected.append((lang, ids[i], c))
        write_po(os.path.join(HERE, lang + ".good.po"), lang, good, ids)
        write_po(os.path.join(HERE, lang + ".po"), lang, planted, ids)
    with open(os.path.join(HERE, "expected.tsv"), "w", encoding="utf-8") as f:
        f.write("lang\tsegment\tcheck\n")
        for e in expected:
            f.write("\t".join(e) + "\n")
    with open(os.path.join(HERE, "glossary.sh"), "w", encoding="utf-8") as f:
        f.write("# yaku glossary add commands for the fixture (sourced by the tests)\n")
        for src, ja, ko, fja, fko in GLOSSARY:
            for lang, t, fb in (("ja", ja, fja), ("ko", ko, fko)):
                extra = " --forbid '%s'" % fb if fb else ""
                f.write("\"$YAKU\" glossary add '%s' --lang %s '%s'%s >/dev/null\n" % (src, lang, t, extra))
    print("%d segments, %d planted errors" % (len(SEGS), len(expected)))


if __name__ == "__main__":
    main()
