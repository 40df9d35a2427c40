/*
 * Store: the workflow tables and their statements.
 */
#include "store/store_internal.h"

const char yk_store_migration_workflow[] = "SELECT 1;";
