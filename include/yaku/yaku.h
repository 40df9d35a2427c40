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

#endif
