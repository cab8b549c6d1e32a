// What SQLite itself can insert of a store's facts on this machine, with nothing of yusuan around
// it: the facts of STORE (a yusuan store, e.g. of the 1,000-document corpus) read into memory, then
// written into a new file as `yusuan ingest` writes them — WAL, synchronous=NORMAL, one transaction
// per document, prepared INSERTs of 32 rows — and timed. The ceiling for issue #15's "inserting
// ≥ 1 M facts/s" (docs/PERFORMANCE.md, ninth session).
//   gcc -O2 scripts/sqlite-insert-ceiling.c -o /tmp/ceiling -lsqlite3
//   /tmp/ceiling STORE.sqlite v9      # store v9's fact table (WITHOUT ROWID, key document, origin, seq)
//   /tmp/ceiling STORE.sqlite rowid   # the same columns keyed by a rowid (document << 20 | seq)
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { long long doc, origin, seq, page, line, col, amount, derived; char *code, *item, *measure, *unit; } Fact;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static char *copy(const unsigned char *s) { return s ? strdup((const char *)s) : NULL; }

enum { rowsPerInsert = 32 };

static int bindFact(sqlite3_stmt *s, int p, const Fact *f, int rowid) {
    if (rowid) { sqlite3_bind_int64(s, p++, (f->doc << 20) | f->seq); sqlite3_bind_int64(s, p++, f->origin); }
    else { sqlite3_bind_int64(s, p++, f->doc); sqlite3_bind_int64(s, p++, f->origin); sqlite3_bind_int64(s, p++, f->seq); }
    sqlite3_bind_int64(s, p++, f->page); sqlite3_bind_int64(s, p++, f->line); sqlite3_bind_int64(s, p++, f->col);
    if (f->code) sqlite3_bind_text(s, p++, f->code, -1, SQLITE_STATIC); else sqlite3_bind_null(s, p++);
    sqlite3_bind_text(s, p++, f->item, -1, SQLITE_STATIC); sqlite3_bind_text(s, p++, f->measure, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, p++, f->amount); sqlite3_bind_text(s, p++, f->unit, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, p++, f->derived);
    return p;
}

static sqlite3_stmt *prepare(sqlite3 *db, int rows, int columns) {
    char sql[16384] = "INSERT INTO fact VALUES ";
    for (int r = 0; r < rows; r++) {
        strcat(sql, r ? ",(" : "(");
        for (int c = 0; c < columns; c++) strcat(sql, c ? ",?" : "?");
        strcat(sql, ")");
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); exit(1); }
    return s;
}

/// Every fact, one transaction per document (a function of its own, for callgrind's --toggle-collect).
static __attribute__((noinline)) void insertAll(sqlite3 *db, sqlite3_stmt *full, sqlite3_stmt *one, const Fact *facts, size_t n, int rowid) {
    for (size_t i = 0; i < n;) {
        size_t end = i;
        while (end < n && facts[end].doc == facts[i].doc) end++;
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
        size_t k = i;
        for (; k + rowsPerInsert <= end; k += rowsPerInsert) {
            for (int r = 0, p = 1; r < rowsPerInsert; r++) p = bindFact(full, p, &facts[k + r], rowid);
            if (sqlite3_step(full) != SQLITE_DONE) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); exit(1); }
            sqlite3_reset(full);
        }
        for (; k < end; k++) {
            bindFact(one, 1, &facts[k], rowid);
            if (sqlite3_step(one) != SQLITE_DONE) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); exit(1); }
            sqlite3_reset(one);
        }
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        i = end;
    }
}

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[2], "v9") && strcmp(argv[2], "rowid"))) {
        fprintf(stderr, "usage: %s STORE.sqlite v9|rowid\n", argv[0]);
        return 2;
    }
    int rowid = !strcmp(argv[2], "rowid"), columns = rowid ? 11 : 12;
    sqlite3 *src;
    if (sqlite3_open_v2(argv[1], &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) { fprintf(stderr, "cannot open %s\n", argv[1]); return 1; }
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(src, "SELECT document_id, origin, seq, page, line, col, code, item, measure, amount_fen, source_unit, derived "
                                "FROM fact ORDER BY document_id, origin, seq", -1, &q, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s (a store v9 or later)\n", argv[1], sqlite3_errmsg(src));
        return 1;
    }
    size_t n = 0, capacity = 1 << 16;
    Fact *facts = malloc(sizeof *facts * capacity);
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (n == capacity) facts = realloc(facts, sizeof *facts * (capacity *= 2));
        Fact *f = &facts[n++];
        f->doc = sqlite3_column_int64(q, 0); f->origin = sqlite3_column_int64(q, 1); f->seq = sqlite3_column_int64(q, 2);
        f->page = sqlite3_column_int64(q, 3); f->line = sqlite3_column_int64(q, 4); f->col = sqlite3_column_int64(q, 5);
        f->code = copy(sqlite3_column_text(q, 6)); f->item = copy(sqlite3_column_text(q, 7)); f->measure = copy(sqlite3_column_text(q, 8));
        f->amount = sqlite3_column_int64(q, 9); f->unit = copy(sqlite3_column_text(q, 10)); f->derived = sqlite3_column_int64(q, 11);
    }
    sqlite3_finalize(q);
    sqlite3_close(src);

    const char *path = "/tmp/sqlite-insert-ceiling.sqlite";
    remove(path); remove("/tmp/sqlite-insert-ceiling.sqlite-wal"); remove("/tmp/sqlite-insert-ceiling.sqlite-shm");
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", NULL, NULL, NULL);
    sqlite3_exec(db, rowid
        ? "CREATE TABLE fact(id INTEGER PRIMARY KEY, origin INTEGER NOT NULL, page INTEGER, line INTEGER NOT NULL, col INTEGER NOT NULL, "
          "code TEXT, item TEXT NOT NULL, measure TEXT NOT NULL, amount_fen INTEGER NOT NULL, source_unit TEXT NOT NULL, derived BOOLEAN NOT NULL)"
        : "CREATE TABLE fact(document_id INTEGER NOT NULL, origin INTEGER NOT NULL, seq INTEGER NOT NULL, page INTEGER, line INTEGER NOT NULL, "
          "col INTEGER NOT NULL, code TEXT, item TEXT NOT NULL, measure TEXT NOT NULL, amount_fen INTEGER NOT NULL, source_unit TEXT NOT NULL, "
          "derived BOOLEAN NOT NULL, PRIMARY KEY(document_id, origin, seq)) WITHOUT ROWID", NULL, NULL, NULL);
    sqlite3_stmt *full = prepare(db, rowsPerInsert, columns), *one = prepare(db, 1, columns);

    double start = now();
    insertAll(db, full, one, facts, n, rowid);
    double seconds = now() - start;
    printf("%s: %zu facts in %.3f s: %.0f facts/s\n", argv[2], n, seconds, n / seconds);
    sqlite3_close(db);
    return 0;
}
