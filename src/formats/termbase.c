/*
 * yk_glossary_import / yk_glossary_export: pick the format, read or write
 * it (tbx.c, tsv.c), and hand concept sets to the glossary module, which
 * validates and stores them.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "formats/termbase.h"
#include "formats/xml.h"
#include "util/fs.h"
#include "util/banned.h"

int yk_glossary_format_from_name(yk_glossary_format *out, const char *name)
{
    if (strcmp(name, "tbx") == 0)
        *out = YK_GLOSSARY_TBX;
    else if (strcmp(name, "tsv") == 0)
        *out = YK_GLOSSARY_TSV;
    else if (strcmp(name, "csv") == 0)
        *out = YK_GLOSSARY_CSV;
    else
        return yk_error_set(YK_EINVAL, "unknown glossary format '%s' (tbx, tsv, csv)", name);
    return YK_OK;
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf), i;
    if (n < m)
        return 0;
    for (i = 0; i < m; i++) {
        char c = s[n - m + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != suf[i])
            return 0;
    }
    return 1;
}

static yk_glossary_format sniff(const char *path, const char *data, size_t len)
{
    size_t i = 0, eol;
    if (ends_with(path, ".tbx") || ends_with(path, ".xml"))
        return YK_GLOSSARY_TBX;
    if (ends_with(path, ".csv"))
        return YK_GLOSSARY_CSV;
    if (ends_with(path, ".tsv") || ends_with(path, ".tab"))
        return YK_GLOSSARY_TSV;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
        i++;
    if (i < len && data[i] == '<')
        return YK_GLOSSARY_TBX;
    for (eol = i; eol < len && data[eol] != '\n'; eol++)
        if (data[eol] == '\t')
            return YK_GLOSSARY_TSV;
    return YK_GLOSSARY_CSV;
}

int yk_glossary_import(yk_glossary_import_result *out, yk_project *p, const char *path,
                       yk_glossary_format format)
{
    yk_buf src = YK_BUF_INIT;
    yk_glossary_set set = YK_GLOSSARY_SET_INIT;
    int rc;

    memset(out, 0, sizeof(*out));
    if ((rc = yk_fs_read(&src, path, YK_XML_MAX_BYTES)) < 0)
        goto done;
    if (format == YK_GLOSSARY_AUTO)
        format = sniff(path, src.buf, src.len);
    if (format == YK_GLOSSARY_TBX)
        rc = yk_tbx_read(&set, src.buf, src.len, path);
    else
        rc = yk_tsv_read(&set, src.buf, src.len, path, format == YK_GLOSSARY_CSV ? ',' : '\t');
    if (rc < 0)
        goto done;
    if ((rc = yk_glossary_validate(&set, path)) < 0)
        goto done;
    rc = yk_glossary_store(out, p, &set);
done:
    yk_glossary_set_release(&set);
    yk_buf_release(&src);
    return rc;
}

int yk_glossary_export(yk_bytes *out, yk_project *p, const char *lang, yk_glossary_format format)
{
    yk_glossary_set set = YK_GLOSSARY_SET_INIT;
    yk_buf b = YK_BUF_INIT;
    int rc;

    out->data = NULL;
    out->len = 0;
    if (format == YK_GLOSSARY_AUTO)
        return yk_error_set(YK_EINVAL, "say which glossary format to export (tbx, tsv, csv)");
    if ((rc = yk_glossary_read(&set, p, lang)) < 0)
        goto done;
    if (format == YK_GLOSSARY_TBX)
        yk_tbx_write(&b, &set, yk_project_source_lang(p));
    else
        yk_tsv_write(&b, &set, format == YK_GLOSSARY_CSV ? ',' : '\t');
    out->data = yk_buf_detach(&b, &out->len);
done:
    yk_glossary_set_release(&set);
    yk_buf_release(&b);
    return rc;
}
