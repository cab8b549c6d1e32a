// What SQLite itself can insert of a store's facts on this machine, with nothing of yusuan around
// it: the facts of STORE (a yusuan store v9 or later, e.g. of the 1,000-document corpus) read into memory, then
// written into a new file as `yusuan ingest` writes them — WAL, synchronous=NORMAL, one transaction
// per document, prepared INSERTs of 32 rows, the connection in SQLite's multi-thread mode as GRDB
// opens it — and timed. The ceiling for issue #15's "inserting ≥ 1 M facts/s" (docs/PERFORMANCE.md,
// ninth and tenth sessions).
//   gcc -O2 scripts/sqlite-insert-ceiling.c -o /tmp/ceiling -lsqlite3
//   /tmp/ceiling STORE.sqlite v9      # store v9's fact table (WITHOUT ROWID, key document, origin, seq)
//   /tmp/ceiling STORE.sqlite rowid   # the same columns keyed by a rowid (document << 20 | seq)
//   /tmp/ceiling STORE.sqlite packed  # store v10's fact_pack: a row per document and origin, its facts
//                                     # encoded as yusuan's FactPack encodes them, encoding timed
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { long long doc, origin, seq, page, line, col, amount, derived, hasPage; char *code, *item, *measure, *unit; } Fact;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static char *copy(const unsigned char *s) { return s ? strdup((const char *)s) : NULL; }

enum { rowsPerInsert = 32 };

static int bindFact(sqlite3_stmt *s, int p, const Fact *f, int rowid) {
    if (rowid) { sqlite3_bind_int64(s, p++, (f->doc << 20) | f->seq); sqlite3_bind_int64(s, p++, f->origin); }
    else { sqlite3_bind_int64(s, p++, f->doc); sqlite3_bind_int64(s, p++, f->origin); sqlite3_bind_int64(s, p++, f->seq); }
    if (f->hasPage) sqlite3_bind_int64(s, p++, f->page); else sqlite3_bind_null(s, p++);
    sqlite3_bind_int64(s, p++, f->line); sqlite3_bind_int64(s, p++, f->col);
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

static unsigned char *putVarint(unsigned char *p, unsigned long long v) {
    while (v >= 0x80) { *p++ = (v & 0x7f) | 0x80; v >>= 7; }
    *p++ = v;
    return p;
}
static unsigned char *putSigned(unsigned char *p, long long v) { return putVarint(p, ((unsigned long long)v << 1) ^ (unsigned long long)(v >> 63)); }
static int same(const char *a, const char *b) { return a && b && !strcmp(a, b); }
static unsigned char *putText(unsigned char *p, const char *s) {
    size_t n = strlen(s);
    p = putVarint(p, n);
    memcpy(p, s, n);
    return p + n;
}
static unsigned long long getVarint(const unsigned char **p) {
    unsigned long long v = 0;
    for (int shift = 0;; shift += 7) { unsigned char b = *(*p)++; v |= (unsigned long long)(b & 0x7f) << shift; if (b < 0x80) return v; }
}
static long long getSigned(const unsigned char **p) { unsigned long long z = getVarint(p); return (long long)(z >> 1) ^ -(long long)(z & 1); }
static char *getText(const unsigned char **p) { size_t n = getVarint(p); char *s = malloc(n + 1); memcpy(s, *p, n); s[n] = 0; *p += n; return s; }

enum { sameCode = 8, sameItem = 16, sameMeasure = 32, sameUnit = 64, hasPage = 2, hasCode = 4, derivedFlag = 1, partBytes = 64 << 10 };

/// Store v10: one row per document and origin (and part past 64 KB), its facts encoded as
/// FactPack encodes them (a byte of flags, varints, the texts the fact before does not share); the
/// encoding is timed with the inserts.
static __attribute__((noinline)) void insertPacked(sqlite3 *db, sqlite3_stmt *insert, const Fact *facts, size_t n) {
    static unsigned char blob[partBytes + (1 << 20)];
    for (size_t i = 0; i < n;) {
        size_t end = i;
        while (end < n && facts[end].doc == facts[i].doc) end++;
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
        for (size_t k = i; k < end;) {
            long long part = 0;
            size_t e = k;
            while (e < end && facts[e].origin == facts[k].origin) {
                unsigned char *p = blob;
                const Fact *before = NULL;
                size_t first = e;
                for (; e < end && facts[e].origin == facts[k].origin && p - blob < partBytes; e++) {
                    const Fact *f = &facts[e];
                    unsigned char *flags = p++;
                    *flags = (f->derived ? derivedFlag : 0) | (f->hasPage ? hasPage : 0) | (f->code ? hasCode : 0);
                    p = putSigned(p, f->seq);
                    if (f->hasPage) p = putSigned(p, f->page);
                    p = putSigned(p, f->line); p = putSigned(p, f->col); p = putSigned(p, f->amount);
                    if (f->code) { if (before && same(before->code, f->code)) *flags |= sameCode; else p = putText(p, f->code); }
                    if (before && same(before->item, f->item)) *flags |= sameItem; else p = putText(p, f->item);
                    if (before && same(before->measure, f->measure)) *flags |= sameMeasure; else p = putText(p, f->measure);
                    if (before && same(before->unit, f->unit)) *flags |= sameUnit; else p = putText(p, f->unit);
                    before = f;
                }
                sqlite3_bind_int64(insert, 1, facts[k].doc); sqlite3_bind_int64(insert, 2, facts[k].origin);
                sqlite3_bind_int64(insert, 3, part++); sqlite3_bind_int64(insert, 4, (long long)(e - first));
                sqlite3_bind_blob(insert, 5, blob, (int)(p - blob), SQLITE_STATIC);
                if (sqlite3_step(insert) != SQLITE_DONE) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); exit(1); }
                sqlite3_reset(insert);
            }
            k = e;
        }
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        i = end;
    }
}

/// A v10 store's facts, its packs decoded (in the packs' order: document, origin, line, column, seq).
static Fact *readPacks(sqlite3 *src, size_t *count) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(src, "SELECT document_id, origin, fact_count, facts FROM fact_pack ORDER BY document_id, origin, part", -1, &q, NULL)) return NULL;
    size_t n = 0, capacity = 1 << 16;
    Fact *facts = malloc(sizeof *facts * capacity);
    while (sqlite3_step(q) == SQLITE_ROW) {
        const unsigned char *p = sqlite3_column_blob(q, 3);
        Fact *before = NULL;
        for (long long k = 0, c = sqlite3_column_int64(q, 2); k < c; k++) {
            if (n == capacity) { facts = realloc(facts, sizeof *facts * (capacity *= 2)); before = before ? &facts[n - 1] : NULL; }
            Fact *f = &facts[n++];
            unsigned char flags = *p++;
            f->doc = sqlite3_column_int64(q, 0); f->origin = sqlite3_column_int64(q, 1);
            f->derived = flags & derivedFlag; f->hasPage = (flags & hasPage) != 0;
            f->seq = getSigned(&p); f->page = f->hasPage ? getSigned(&p) : 0;
            f->line = getSigned(&p); f->col = getSigned(&p); f->amount = getSigned(&p);
            f->code = !(flags & hasCode) ? NULL : (flags & sameCode) ? before->code : getText(&p);
            f->item = (flags & sameItem) ? before->item : getText(&p);
            f->measure = (flags & sameMeasure) ? before->measure : getText(&p);
            f->unit = (flags & sameUnit) ? before->unit : getText(&p);
            before = f;
        }
    }
    sqlite3_finalize(q);
    *count = n;
    return facts;
}

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[2], "v9") && strcmp(argv[2], "rowid") && strcmp(argv[2], "packed"))) {
        fprintf(stderr, "usage: %s STORE.sqlite v9|rowid|packed\n", argv[0]);
        return 2;
    }
    int rowid = !strcmp(argv[2], "rowid"), columns = rowid ? 11 : 12;
    sqlite3 *src;
    if (sqlite3_open_v2(argv[1], &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) { fprintf(stderr, "cannot open %s\n", argv[1]); return 1; }
    size_t n = 0;
    Fact *facts = readPacks(src, &n);   // store v10
    sqlite3_stmt *q;
    if (!facts) {   // store v9: a row a fact
        if (sqlite3_prepare_v2(src, "SELECT document_id, origin, seq, page, line, col, code, item, measure, amount_fen, source_unit, derived "
                                    "FROM fact ORDER BY document_id, origin, seq", -1, &q, NULL) != SQLITE_OK) {
            fprintf(stderr, "%s: %s (a store v9 or later)\n", argv[1], sqlite3_errmsg(src));
            return 1;
        }
        size_t capacity = 1 << 16;
        facts = malloc(sizeof *facts * capacity);
        while (sqlite3_step(q) == SQLITE_ROW) {
            if (n == capacity) facts = realloc(facts, sizeof *facts * (capacity *= 2));
            Fact *f = &facts[n++];
            f->doc = sqlite3_column_int64(q, 0); f->origin = sqlite3_column_int64(q, 1); f->seq = sqlite3_column_int64(q, 2);
            f->hasPage = sqlite3_column_type(q, 3) != SQLITE_NULL; f->page = sqlite3_column_int64(q, 3);
            f->line = sqlite3_column_int64(q, 4); f->col = sqlite3_column_int64(q, 5);
            f->code = copy(sqlite3_column_text(q, 6)); f->item = copy(sqlite3_column_text(q, 7)); f->measure = copy(sqlite3_column_text(q, 8));
            f->amount = sqlite3_column_int64(q, 9); f->unit = copy(sqlite3_column_text(q, 10)); f->derived = sqlite3_column_int64(q, 11);
        }
        sqlite3_finalize(q);
    }
    sqlite3_close(src);

    const char *path = "/tmp/sqlite-insert-ceiling.sqlite";
    remove(path); remove("/tmp/sqlite-insert-ceiling.sqlite-wal"); remove("/tmp/sqlite-insert-ceiling.sqlite-shm");
    sqlite3 *db;
    // NOMUTEX: the multi-thread mode GRDB opens its connections in (the serialised mode's mutex
    // around every bind and step was an eighth of the instructions).
    sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", NULL, NULL, NULL);
    sqlite3_exec(db, rowid
        ? "CREATE TABLE fact(id INTEGER PRIMARY KEY, origin INTEGER NOT NULL, page INTEGER, line INTEGER NOT NULL, col INTEGER NOT NULL, "
          "code TEXT, item TEXT NOT NULL, measure TEXT NOT NULL, amount_fen INTEGER NOT NULL, source_unit TEXT NOT NULL, derived BOOLEAN NOT NULL)"
        : "CREATE TABLE fact(document_id INTEGER NOT NULL, origin INTEGER NOT NULL, seq INTEGER NOT NULL, page INTEGER, line INTEGER NOT NULL, "
          "col INTEGER NOT NULL, code TEXT, item TEXT NOT NULL, measure TEXT NOT NULL, amount_fen INTEGER NOT NULL, source_unit TEXT NOT NULL, "
          "derived BOOLEAN NOT NULL, PRIMARY KEY(document_id, origin, seq)) WITHOUT ROWID", NULL, NULL, NULL);
    if (!strcmp(argv[2], "packed")) {
        sqlite3_exec(db, "PRAGMA wal_autocheckpoint = 10000; DROP TABLE fact; "
                         "CREATE TABLE fact_pack(document_id INTEGER NOT NULL, origin INTEGER NOT NULL, part INTEGER NOT NULL, "
                         "fact_count INTEGER NOT NULL, facts BLOB NOT NULL, PRIMARY KEY(document_id, origin, part))", NULL, NULL, NULL);
        sqlite3_stmt *insert;
        sqlite3_prepare_v2(db, "INSERT INTO fact_pack VALUES (?, ?, ?, ?, ?)", -1, &insert, NULL);
        double start = now();
        insertPacked(db, insert, facts, n);
        double seconds = now() - start;
        printf("packed: %zu facts in %.3f s: %.0f facts/s\n", n, seconds, n / seconds);
        sqlite3_close(db);
        return 0;
    }
    sqlite3_stmt *full = prepare(db, rowsPerInsert, columns), *one = prepare(db, 1, columns);

    double start = now();
    insertAll(db, full, one, facts, n, rowid);
    double seconds = now() - start;
    printf("%s: %zu facts in %.3f s: %.0f facts/s\n", argv[2], n, seconds, n / seconds);
    sqlite3_close(db);
    return 0;
}
