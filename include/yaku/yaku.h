/*
 * yaku — a translation workflow for volunteer communities.  The umbrella
 * header: include this one.
 */
#ifndef YAKU_H
#define YAKU_H

#include <yaku/common.h>
#include <yaku/project.h>
#include <yaku/document.h>
#include <yaku/translation.h>
#include <yaku/build.h>
#include <yaku/glossary.h>
#include <yaku/tm.h>
#include <yaku/workflow.h>
#include <yaku/check.h>

/* Release caches the library keeps between calls (ICU break iterators of
 * this thread).  Optional: for leak checkers, before exit. */
void yk_cleanup(void);

#endif
