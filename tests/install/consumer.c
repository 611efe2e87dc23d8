/*
 * The out-of-tree consumer of the install tests (scripts/test-install):
 * README's C example, built against an installed bpacct through
 * pkg-config (shared and --static) and CMake.  Prints BP-C's inactivity
 * deadline for an account last used 2026-03-15T09:00:00+07:00, which must
 * be 2026-09-16T00:00:00+07:00.  With BPACCT_CONSUMER_SQLITE it also
 * opens and closes a SQLite store (argv[1]) through libbpacct-sqlite; with
 * BPACCT_CONSUMER_POSTGRES it takes libbpacct-postgres's store operations
 * (no server needed).
 */
#include <stdio.h>
#include <bpacct/bpacct.h>
#ifdef BPACCT_CONSUMER_SQLITE
#include <bpacct/sqlite.h>
#endif
#ifdef BPACCT_CONSUMER_POSTGRES
#include <bpacct/postgres.h>
#endif

int main(int argc, char **argv)
{
	bpacct_calendar *cal = NULL;
	int64_t received, due;
	char text[BPACCT_INSTANT_BUFSIZE];

	if (bpacct_calendar_new(&cal, NULL) != BPACCT_OK)
		return 1;
	if (bpacct_instant_parse(&received, "2026-03-15T09:00:00+07:00", 25) !=
		    BPACCT_OK ||
	    bpacct_deadline_compute(cal, NULL, BPACCT_RULE_BP_INACTIVITY,
				    received, &due, NULL, NULL) != BPACCT_OK ||
	    bpacct_instant_format(text, sizeof text, due) != BPACCT_OK) {
		bpacct_calendar_free(cal);
		return 1;
	}
	printf("%s\n", text);
	bpacct_calendar_free(cal);
#ifdef BPACCT_CONSUMER_SQLITE
	{
		bpacct_sqlite_store *db = NULL;
		int rc = bpacct_sqlite_store_open(&db,
						  argc > 1 ? argv[1] : ":memory:",
						  NULL);
		if (rc != BPACCT_OK) {
			fprintf(stderr, "sqlite store: %s\n",
				db ? bpacct_sqlite_store_last_error(db) : "?");
			bpacct_sqlite_store_close(db);
			return 1;
		}
		bpacct_sqlite_store_close(db);
		printf("sqlite store: schema %d\n", BPACCT_SQLITE_SCHEMA_VERSION);
	}
#else
	(void)argc;
	(void)argv;
#endif
#ifdef BPACCT_CONSUMER_POSTGRES
	if (bpacct_postgres_store_ops() == NULL)
		return 1;
	printf("postgres store: ops\n");
#endif
	return 0;
}
