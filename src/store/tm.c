/*
 * Store: the tm tables and their statements.
 */
#include "store/store_internal.h"

const char yk_store_migration_tm[] = "SELECT 1;";
