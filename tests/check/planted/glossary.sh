# yaku glossary add commands for the fixture (sourced by the tests)
"$YAKU" glossary add '开源' --lang ja 'オープンソース' --forbid 'オープン・ソース' >/dev/null
"$YAKU" glossary add '开源' --lang ko '오픈소스' --forbid '오픈 소스' >/dev/null
"$YAKU" glossary add '贡献者' --lang ja 'コントリビューター' >/dev/null
"$YAKU" glossary add '贡献者' --lang ko '기여자' >/dev/null
"$YAKU" glossary add '维护者' --lang ja 'メンテナー' >/dev/null
"$YAKU" glossary add '维护者' --lang ko '메인테이너' >/dev/null
"$YAKU" glossary add '社区' --lang ja 'コミュニティ' >/dev/null
"$YAKU" glossary add '社区' --lang ko '커뮤니티' >/dev/null
"$YAKU" glossary add '导师' --lang ja 'メンター' >/dev/null
"$YAKU" glossary add '导师' --lang ko '멘토' >/dev/null
"$YAKU" glossary add '黑客马拉松' --lang ja 'ハッカソン' >/dev/null
"$YAKU" glossary add '黑客马拉松' --lang ko '해커톤' >/dev/null
