/*
 * Store: the glossary tables and their statements.
 */
#include "store/store_internal.h"

const char yk_store_migration_glossary[] = "SELECT 1;";
