/* Store faults as a user meets them: the disk fills up, the store is
 * read-only, the PostgreSQL server restarts mid-ingest.  Each fault must
 * end `sitrep ingest` with exit status 1 and a message naming the store
 * and what failed; leave the store consistent (sr_store_check) with all
 * that the run said it committed; and the same command run again must
 * complete the store, identical to an uninterrupted ingest.  Every fault
 * injected is counted, and counted as survived when all of that holds.
 *
 * - Disk full: RLIMIT_FSIZE at several sizes (writes fail with EFBIG;
 *   works unprivileged, anywhere); and a real ENOSPC on a small tmpfs
 *   mounted in a mount namespace of this process (root, or a user
 *   namespace), which is skipped with the reason when none can be made.
 * - Read-only: the store file, its folder, or both made read-only with
 *   chmod; chmod does not stop root, so under root ingest runs as user
 *   nobody, or else with the folder bind-mounted read-only in a mount
 *   namespace.  On PostgreSQL, default_transaction_read_only turned on
 *   while ingest runs.
 * SITREP_FAULTS_SHOW=1 prints the message each fault ended with;
 * SITREP_FAULT_ROUNDS=N makes N times as many faults of each kind, at
 * points spread over the run. 
 *
 * - PostgreSQL restart: `pg_ctl restart -m fast` of the throw-away server
 *   of tests/pg.sh, with ingest stopped (SIGSTOP) meanwhile so that the
 *   restart falls mid-ingest; skipped when that server is not ours.  By
 *   default ingest connects again and goes on (--reconnect): it must then
 *   exit 0 with the store complete, no re-run needed; with --reconnect 0
 *   the restart is a fault like the others. */
#define _GNU_SOURCE
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "store_cli_helpers.h"

typedef struct tally {
    const char *what;
    int injected, survived;
} tally;

static char *refs[2]; /* the uninterrupted ingest's digest, by backend */
static int rounds = 1; /* SITREP_FAULT_ROUNDS: each kind of fault this many times more */
static long ref_size; /* the SQLite store's bytes after it */

/* The i-th of n points spread evenly from lo to hi. */
static double spread(int i, int n, double lo, double hi)
{
    return n > 1 ? lo + (hi - lo) * i / (n - 1) : lo;
}

static int pg_now(void)
{
    return sr_store_url_is_postgres(st_url);
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&t, NULL);
}

/* ingest of the corpus, in transactions of 5, saying what it committed;
 * another user (nobody) has no dictionary cache folder. */
static void fault_args(const char **a)
{
    ingest_args(a, "--no-dict-cache", NULL);
}

static void run_plain(run_out *o)
{
    const char *a[16];
    fault_args(a);
    run_opts ro = {0, -1, NULL, NULL, NULL, NULL};
    run_ex(a, &ro, o);
}

/* The reference store of this backend, made once. */
static const char *reference(void)
{
    char **r = &refs[pg_now()];
    if (*r)
        return *r;
    run_out *o = malloc(sizeof *o);
    if (st_empty()) {
        run_plain(o);
        CHECK_EQ_INT(o->status, 0);
        if (o->status == 0)
            *r = store_digest();
        struct stat sb;
        if (!pg_now() && !stat(st_url, &sb))
            ref_size = (long)sb.st_size;
    }
    free(o);
    return *r;
}

/* After a fault: exit 1, a message naming the store and saying `cause`;
 * the store consistent and holding all that was said committed.  Returns
 * 1 when all holds. */
static int after_fault(const char *kind, const run_out *o, const char *cause)
{
    int ok = 1;
    char name[600];
    snprintf(name, sizeof name, "store %s", st_url);
    if (o->status != 1 || !strstr(o->err, name) || !strstr(o->err, cause)) {
        fprintf(stderr, "FAIL %s [%s] %s: exit %d, expected 1 with \"%s\" and \"%s\" in:\n%s\n",
                h_test, st_backend, kind, o->status, name, cause, o->err);
        ok = 0;
    }
    if (getenv("SITREP_FAULTS_SHOW")) {
        const char *m = strstr(o->err, name);
        printf("[%s] %s: %.*s\n", st_backend, kind, m ? (int)strcspn(m, "\n") : 0, m ? m : "");
    }
    long committed = last_committed(o->err);
    /* The closing line says the same as the last "committed N". */
    const char *first = strstr(o->err, "the first ");
    if (first && strtol(first + 10, NULL, 10) != committed) {
        fprintf(stderr, "FAIL %s [%s] %s: said \"%.40s\", last committed %ld\n", h_test,
                st_backend, kind, first, committed);
        ok = 0;
    }
    sr_store *s;
    sr_error e;
    if (sr_store_open(st_url, NULL, &s, &e)) {
        fprintf(stderr, "FAIL %s [%s] %s: cannot open the store after it: %s\n", h_test,
                st_backend, kind, e.msg);
        CHECK(0);
        return 0;
    }
    int64_t problems = -1;
    if (sr_store_check(s, &problems, &e) || problems) {
        fprintf(stderr, "FAIL %s [%s] %s: store inconsistent: %s\n", h_test, st_backend, kind,
                e.msg);
        ok = 0;
    }
    for (long i = 0; i < committed && i < (long)corpus_docs; i++) {
        int found = 0;
        sr_store_has(s, ids[i], 0, &found, &e);
        if (found != 1) {
            fprintf(stderr, "FAIL %s [%s] %s: %s said committed, not in the store\n", h_test,
                    st_backend, kind, ids[i]);
            ok = 0;
            break;
        }
    }
    sr_store_close(s);
    CHECK(ok);
    return ok;
}

/* The same command again, with the fault gone: it must complete the store
 * as an uninterrupted ingest does. */
static int resumes(const char *kind)
{
    run_out *o = malloc(sizeof *o);
    run_plain(o);
    char *d = o->status == 0 ? store_digest() : NULL;
    const char *ref = reference();
    int ok = d && ref && !strcmp(d, ref);
    if (!ok)
        fprintf(stderr, "FAIL %s [%s] %s: the re-run (exit %d) did not complete the store:\n%s\n",
                h_test, st_backend, kind, o->status, o->err);
    CHECK(ok);
    free(d);
    free(o);
    return ok;
}

static void tally_print_as(const tally *t, const char *survived)
{
    printf("test_store_faults [%s]: %s: %d faults injected, %d survived (%s)\n", st_backend,
           t->what, t->injected, t->survived, survived);
    CHECK_EQ_INT(t->survived, t->injected);
}

static void tally_print(const tally *t)
{
    tally_print_as(t, "exit 1 naming the store and the cause, store consistent, all reported "
                      "committed kept, re-run identical to an uninterrupted ingest");
}

/* ---- disk full ----------------------------------------------------------- */

static int limit_fsize(void *arg)
{
    rlim_t n = *(rlim_t *)arg;
    struct rlimit r = {n, n};
    /* Writes past the limit then fail with EFBIG instead of killing. */
    signal(SIGXFSZ, SIG_IGN);
    return setrlimit(RLIMIT_FSIZE, &r) ? 126 : 0;
}

static void remove_store(const char *url)
{
    const char *suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[700];
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", url, suffix[i]);
        unlink(p);
    }
}

/* Files may grow to a part of the finished store's size, from a new file
 * (the fault hits while the schema is made) and from an empty store. */
static void test_disk_rlimit(void)
{
    if (!reference() || ref_size <= 0)
        return;
    tally t = {"disk full (RLIMIT_FSIZE, writes fail with EFBIG)", 0, 0};
    run_out *o = malloc(sizeof *o);
    for (int k = 0, n = 4 * rounds; k < n; k++) {
        if (k == 0)
            remove_store(st_url);
        else if (!st_empty())
            break;
        rlim_t lim = (rlim_t)((double)ref_size * spread(k, n, 0.02, 0.75));
        const char *a[16];
        fault_args(a);
        run_opts ro = {0, -1, NULL, NULL, limit_fsize, &lim};
        run_ex(a, &ro, o);
        t.injected++;
        char kind[64];
        snprintf(kind, sizeof kind, "files limited to %ld bytes", (long)lim);
        int ok = after_fault(kind, o, "ulimit -f");
        t.survived += resumes(kind) && ok;
    }
    free(o);
    tally_print(&t);
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

/* A mount namespace of this process's own: as root directly, else in a
 * user namespace where this user is root.  0, or -1 with why. */
static int own_mount_ns(char *why, size_t cap)
{
    uid_t uid = geteuid();
    gid_t gid = getegid();
    if (unshare(uid == 0 ? CLONE_NEWNS : CLONE_NEWUSER | CLONE_NEWNS)) {
        snprintf(why, cap, "unshare: %s", strerror(errno));
        return -1;
    }
    if (uid != 0) {
        char map[64];
        write_file("/proc/self/setgroups", "deny");
        snprintf(map, sizeof map, "0 %u 1\n", (unsigned)uid);
        if (write_file("/proc/self/uid_map", map)) {
            snprintf(why, cap, "uid_map: %s", strerror(errno));
            return -1;
        }
        snprintf(map, sizeof map, "0 %u 1\n", (unsigned)gid);
        write_file("/proc/self/gid_map", map);
    }
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
        snprintf(why, cap, "mount --make-rprivate /: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* A real full disk: the store on a tmpfs of a part of the finished store's
 * size (with its WAL and shared-memory file), grown when the fault is
 * checked and the run resumed.  Last of the suite: this process stays in
 * its namespace. */
static void test_disk_tmpfs(void)
{
    if (!reference() || ref_size <= 0)
        return;
    char dir[300], why[200], opts[64];
    snprintf(dir, sizeof dir, "%s/full", st_dir);
    if (mkdir(dir, 0755))
        return;
    if (own_mount_ns(why, sizeof why) || mount("sitrep-full", dir, "tmpfs", 0, "size=64m")) {
        if (!*why)
            snprintf(why, sizeof why, "mount -t tmpfs: %s", strerror(errno));
        printf("test_store_faults: disk full on a real file system (ENOSPC on a small tmpfs) "
               "skipped: no mount namespace here (%s); RLIMIT_FSIZE above is the disk-full "
               "test\n", why);
        rmdir(dir);
        return;
    }
    tally t = {"disk full (ENOSPC on a small tmpfs)", 0, 0};
    snprintf(st_url, sizeof st_url, "%s/store.db", dir);
    run_out *o = malloc(sizeof *o);
    for (int k = 0, n = 3 * rounds; k < n; k++) {
        remove_store(st_url);
        long kb = (long)((double)ref_size * spread(k, n, 0.1, 0.7)) / 1024 + 4;
        snprintf(opts, sizeof opts, "size=%ldk", kb);
        if (mount(NULL, dir, NULL, MS_REMOUNT, opts)) {
            CHECK(0);
            break;
        }
        run_plain(o);
        t.injected++;
        char kind[64];
        snprintf(kind, sizeof kind, "tmpfs of %ld KB", kb);
        /* Room made (checking the store may write its schema), the store
         * is checked, and the same command completes it. */
        if (mount(NULL, dir, NULL, MS_REMOUNT, "size=64m")) {
            CHECK(0);
            break;
        }
        int ok = after_fault(kind, o, "disk is full");
        t.survived += resumes(kind) && ok;
    }
    free(o);
    tally_print(&t);
    remove_store(st_url);
    umount(dir);
    rmdir(dir);
}

/* ---- read-only ----------------------------------------------------------- */

static void test_read_only_sqlite(void)
{
    if (!reference())
        return;
    if (ro_route < 0 && (ro_route = pick_route()) < 0) {
        printf("test_store_faults: read-only store skipped: running as root, and neither user "
               "nobody (no access to the binary?) nor a mount namespace can be used\n");
        return;
    }
    tally t = {ro_route == RO_CHMOD    ? "read-only store (chmod)"
               : ro_route == RO_NOBODY ? "read-only store (chmod, ingest run as nobody)"
                                       : "read-only store (folder bind-mounted read-only)",
               0, 0};
    struct {
        const char *what;
        mode_t file, dir;
    } v[] = {{"file and folder read-only", 0444, 0555},
             {"file read-only", 0444, 0777},
             {"folder read-only (no journal can be made)", 0666, 0555}};
    /* The bind mount makes all of the folder read-only: one case. */
    int nv = ro_route == RO_MOUNT ? 1 : 3;
    run_out *o = malloc(sizeof *o);
    for (int i = 0; i < nv * rounds; i++) {
        int k = i % nv;
        /* Part of the corpus stored, the rest to come. */
        if (!st_empty())
            break;
        const char *a[16];
        fault_args(a);
        run_kill(a, (long)((double)corpus_docs * spread(i / nv, rounds, 0.33, 0.8)), 0, o);
        char *before = store_digest(); /* also folds the WAL back in */
        chmod(st_url, v[k].file);
        chmod(st_dir, v[k].dir);
        run_opts ro = {0, -1, NULL, NULL, read_only_child, NULL};
        run_ex(a, &ro, o);
        chmod(st_dir, ro_route == RO_CHMOD ? 0700 : 0755);
        chmod(st_url, 0644);
        t.injected++;
        int ok = after_fault(v[k].what, o, "cannot");
        ok &= strstr(o->err, "read") != NULL || strstr(o->err, "denied") != NULL;
        char *now = store_digest();
        if (!before || !now || strcmp(before, now)) {
            fprintf(stderr, "FAIL %s: %s: the read-only store changed\n", h_test, v[k].what);
            ok = 0;
        }
        CHECK(ok);
        free(before);
        free(now);
        t.survived += resumes(v[k].what) && ok;
    }
    free(o);
    tally_print(&t);
}

/* ---- PostgreSQL ------------------------------------------------------------ */

static int pg_admin(const char *const *sql)
{
    db *d;
    sr_error e;
    if (db_open(DB_PG, st_url, &d, &e))
        return -1;
    int rc = 0;
    for (int i = 0; sql[i] && !rc; i++)
        if ((rc = db_exec(d, sql[i], &e)))
            fprintf(stderr, "pg_admin: %s\n", e.msg);
    db_close(d);
    return rc;
}

static void pg_read_only(void *arg)
{
    const char *on[] = {"ALTER SYSTEM SET default_transaction_read_only = on",
                        "SELECT pg_reload_conf()", NULL};
    *(int *)arg = pg_admin(on);
    /* The server's processes take the new setting in a moment. */
    sleep_ms(300);
}

static void test_read_only_pg(void)
{
    if (!pg_now() || !reference())
        return;
    tally t = {"read-only database (default_transaction_read_only turned on mid-ingest)", 0, 0};
    const char *off[] = {"SET default_transaction_read_only = off",
                         "ALTER SYSTEM RESET default_transaction_read_only",
                         "SELECT pg_reload_conf()", NULL};
    run_out *o = malloc(sizeof *o);
    for (int k = 0, n = 2 * rounds; k < n; k++) {
        long at = (long)spread(k, n, 5, 0.6 * (double)corpus_docs);
        if (!st_empty())
            break;
        int set = -1;
        const char *a[16];
        fault_args(a);
        run_opts ro = {at, 0, pg_read_only, &set, NULL, NULL};
        run_ex(a, &ro, o);
        pg_admin(off);
        sleep_ms(300);
        if (set) {
            printf("test_store_faults: read-only PostgreSQL skipped: cannot ALTER SYSTEM (not "
                   "a superuser of the server?)\n");
            break;
        }
        t.injected++;
        int ok = after_fault("read-only", o, "read-only transaction");
        t.survived += resumes("read-only") && ok;
    }
    free(o);
    if (t.injected)
        tally_print(&t);
}

static void pg_restart(void *arg)
{
    const char *dir = getenv("SITREP_TEST_PG_DIR"), *bin = getenv("SITREP_TEST_PG_BIN");
    const char *user = getenv("SITREP_TEST_PG_USER");
    char ctl[600], data[600], log[600];
    snprintf(ctl, sizeof ctl, "%s/pg_ctl", bin);
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(log, sizeof log, "%s/server.log", dir);
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        /* The server runs as its own user when tests/pg.sh ran as root. */
        if (user && *user && geteuid() == 0) {
            struct passwd *pw = getpwnam(user);
            if (!pw || setgroups(0, NULL) || setgid(pw->pw_gid) || setuid(pw->pw_uid))
                _exit(126);
        }
        /* restart keeps the options it was started with (postmaster.opts). */
        execl(ctl, ctl, "-D", data, "-l", log, "-m", "fast", "-w", "-t", "60", "restart",
              (char *)NULL);
        _exit(127);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    *(int *)arg = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* One ingest with the server restarted once `at` documents are
 * committed; args end with the corpus.  0 when the restart itself failed. */
static int restarted_run(const char **a, long at, long delay, run_out *o)
{
    int restarted = -1;
    run_opts ro = {at, delay, pg_restart, &restarted, NULL, NULL};
    run_ex(a, &ro, o);
    if (restarted) {
        fprintf(stderr, "FAIL %s: pg_ctl restart exited with %d\n", h_test, restarted);
        CHECK(0);
        return 0;
    }
    return 1;
}

static void test_pg_restart(void)
{
    if (!pg_now() || !reference())
        return;
    if (!getenv("SITREP_TEST_PG_DIR") || !getenv("SITREP_TEST_PG_BIN")) {
        printf("test_store_faults: PostgreSQL restart skipped: the server is not tests/pg.sh's "
               "(SITREP_TEST_PG_DIR unset)\n");
        return;
    }
    tally t = {"server restarted mid-ingest (pg_ctl restart -m fast), --reconnect 0", 0, 0};
    tally back = {"server restarted mid-ingest (pg_ctl restart -m fast), connecting again", 0, 0};
    /* From the first commit to two thirds of the way; 0 to 24 ms after
     * the commit, inside the next transaction or between two.  The first
     * of every four without --reconnect. */
    run_out *o = malloc(sizeof *o);
    for (int k = 0, n = 4 * rounds; k < n; k++) {
        long at = (long)spread(k, n, 1, 0.66 * (double)corpus_docs), delay = k * 7 % 25;
        if (!st_empty())
            break;
        const char *a[20];
        fault_args(a);
        char kind[64];
        snprintf(kind, sizeof kind, "restart after %ld committed", at);
        if (k % 4 == 0) {
            size_t m = 0;
            while (a[m])
                m++;
            a[m + 1] = a[m - 1];   /* the corpus goes last */
            a[m - 1] = "--reconnect";
            a[m] = "0";
            a[m + 2] = NULL;
            if (!restarted_run(a, at, delay, o))
                break;
            t.injected++;
            int ok = after_fault(kind, o, "connection");
            t.survived += resumes(kind) && ok;
            continue;
        }
        if (!restarted_run(a, at, delay, o))
            break;
        back.injected++;
        char *d = o->status == 0 ? store_digest() : NULL;
        const char *ref = reference();
        int ok = d && ref && !strcmp(d, ref) && strstr(o->err, "connected again");
        if (!ok) {
            fprintf(stderr, "FAIL %s [%s] %s: exit %d, expected 0 with the store complete after "
                            "connecting again:\n%s\n", h_test, st_backend, kind, o->status, o->err);
            CHECK(0);
        }
        back.survived += ok;
        free(d);
    }
    free(o);
    tally_print(&t);
    tally_print_as(&back, "exit 0 after connecting again, the store identical to an "
                          "uninterrupted ingest with no re-run");
}

int main(int argc, char **argv)
{
    (void)argc;
    if (find_sitrep(argv[0])) {
        printf("test_store_faults: skipped: no sitrep binary at %s\n", sitrep);
        return 0;
    }
    if (st_setup("test_store_faults"))
        return 1;
    const char *r = getenv("SITREP_FAULT_ROUNDS");
    if (r && atoi(r) > 0)
        rounds = atoi(r) > 50 ? 50 : atoi(r);
    if (make_corpus(2)) {
        printf("test_store_faults: cannot make the corpus from data/samples\n");
        return 1;
    }
    RUN_BOTH(test_read_only_pg);
    RUN_BOTH(test_pg_restart);
    snprintf(st_url, sizeof st_url, "%s/store.db", st_dir);
    st_backend = "sqlite";
    RUN(test_disk_rlimit);
    RUN(test_read_only_sqlite);
    /* Last: it leaves this process in a mount namespace of its own. */
    RUN(test_disk_tmpfs);
    unlink(corpus);
    st_teardown();
    for (int i = 0; i < 2; i++)
        free(refs[i]);
    return harness_done("test_store_faults");
}
