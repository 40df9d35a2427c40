/*
 * yaku — projects: creating, finding and opening the directory that holds
 * yaku.db, its languages and settings, and who is acting.
 */
#ifndef YAKU_PROJECT_H
#define YAKU_PROJECT_H

#include <yaku/common.h>

typedef struct yk_project yk_project;

/** ## Creating and opening */

typedef struct yk_init_options {
    const char *source_lang;  /* BCP 47, required */
    const char *target_langs; /* comma-separated, required */
    const char *title;        /* optional */
    const char *user;         /* the first maintainer */
} yk_init_options;
#define YK_INIT_OPTIONS_INIT {NULL, NULL, NULL, NULL}

/* Create a project in directory 'dir' (created if missing).  Fails with
 * YK_EEXISTS when 'dir' already holds a project and YK_EINVAL for a bad
 * language tag.  On success *out is open for writing; close it with
 * yk_project_close(). */
int yk_project_init(yk_project **out, const char *dir, const yk_init_options *opts);

/* Find the project: 'dir' when given, else $YAKU_PROJECT, else the first
 * directory holding yaku.db walking up from the current one.  YK_ENOTFOUND
 * when there is none; YK_EDB when the database is from a newer yaku. */
int yk_project_open(yk_project **out, const char *dir);

void yk_project_close(yk_project *project);

/* The project's root directory (absolute).  Borrowed. */
const char *yk_project_root(const yk_project *project);

/* The acting user for history and permissions.  'user' is copied. */
void yk_project_set_user(yk_project *project, const char *user);
const char *yk_project_user(const yk_project *project);

/* Who the user is when nobody says: $YAKU_USER, else `git config
 * user.email`, else the login name.  Caller frees. */
char *yk_default_user(void);

/** ## Languages and settings */

/* Normalise a BCP 47 tag (zh-cn → zh-CN, ZH-hans → zh-Hans).  Returns
 * YK_EINVAL for something that is not a tag.  out must hold 36 bytes. */
int yk_lang_normalize(char out[36], const char *tag);

/* Borrowed; valid while the project is open. */
const char *yk_project_source_lang(const yk_project *project);
size_t yk_project_target_count(const yk_project *project);
const char *yk_project_target(const yk_project *project, size_t i);
/* YK_OK when 'lang' is a target of the project, else YK_EINVAL with a
 * message listing the targets. */
int yk_project_check_target(const yk_project *project, const char *lang);

/* Settings (SPEC `yaku config`).  *out is malloc'd or NULL when unset. */
int yk_config_get(char **out, yk_project *project, const char *key);
/* Known keys are validated; YK_EINVAL for an unknown key or bad value.
 * segmentation.srx is read from a file: set it with
 * yk_segmentation_rules_set() (yaku/document.h); here it is YK_EINVAL. */
int yk_config_set(yk_project *project, const char *key, const char *value);
/* The documented keys, NULL-terminated, with descriptions at the same index. */
extern const char *const yk_config_keys[];
extern const char *const yk_config_descriptions[];

#endif
