/* test_atomic.c - files written whole or not at all (atomic.c, and
 * tmk_write_file in text.c): long names and paths near PATH_MAX, a failure
 * midway, the sweep of dead runs' temporaries, special files (issue 12). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "atomic.h"
#include "error.h"
#include "tests.h"
#include "text.h"

/* A fresh folder for one test. */
static void make_dir(char *dir)
{
	strcpy(dir, "/tmp/tmkit-atomic-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Remove everything in folder FD, then close it (relative to the folder,
 * so depth and path length do not matter). */
static void clear_fd(int fd)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (unlinkat(fd, e->d_name, 0) != 0) {
			int sub = openat(fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
			ck_assert_int_ge(sub, 0);
			clear_fd(sub);
			ck_assert_int_eq(unlinkat(fd, e->d_name, AT_REMOVEDIR), 0);
		}
	}
	closedir(d);
}

static void remove_dir(const char *dir)
{
	clear_fd(open(dir, O_RDONLY | O_DIRECTORY));
	ck_assert_int_eq(rmdir(dir), 0);
}

/* The names in DIR (but . and ..), sorted, joined by '|'. */
static char *listing(const char *dir)
{
	static char out[4096];
	char names[16][300];
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && n < 16)
			snprintf(names[n++], sizeof(names[0]), "%s", e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), (int (*)(const void *, const void *))strcmp);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, names[i]);
	}
	return out;
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* Assert that PATH holds exactly WANT. */
static void assert_file(const char *path, const char *want)
{
	size_t len;
	char *got = test_read_file(path, &len);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(writes_and_replaces)
{
	char dir[64], path[128];

	make_dir(dir);
	snprintf(path, sizeof(path), "%s/out.txt", dir);
	ck_assert_int_eq(tmk_write_file(path, "erste\n", 6), 0);
	ck_assert_str_eq(listing(dir), "out.txt");
	ck_assert_int_eq(tmk_write_file(path, "zweite\n", 7), 0);
	assert_file(path, "zweite\n");
	ck_assert_int_eq(tmk_write_file(path, "", 0), 0);
	assert_file(path, "");
	ck_assert_str_eq(listing(dir), "out.txt");
	remove_dir(dir);
}
END_TEST

/* Make folders under a fresh one until the path is exactly LEN bytes;
 * components of 200 bytes, the last one what remains. */
static void make_deep(char *root, char *path, size_t len)
{
	size_t n;

	make_dir(root);
	strcpy(path, root);
	while ((n = strlen(path)) < len) {
		size_t part = len - n - 1 > 200 + 2 ? 200 : len - n - 1;
		path[n] = '/';
		memset(path + n + 1, 'd', part);
		path[n + 1 + part] = '\0';
		ck_assert_int_eq(mkdir(path, 0777), 0);
	}
	ck_assert_uint_eq(strlen(path), len);
}

/* The output's path is PATH_MAX - 1 bytes (the longest the kernel takes),
 * its name 5 or 250 bytes: the temporary (35 bytes) must still fit, and a
 * 250-byte name plus any suffix would pass NAME_MAX. */
static const size_t base_len[] = { 5, 250, 255 };

START_TEST(path_near_path_max)
{
	char root[64], path[PATH_MAX + 16];
	size_t n = base_len[_i], dirlen = PATH_MAX - 1 - n - 1;
	tmk_atomic *a;

	make_deep(root, path, dirlen);
	path[dirlen] = '/';
	memset(path + dirlen + 1, 'o', n);
	path[dirlen + 1 + n] = '\0';
	ck_assert_uint_eq(strlen(path), PATH_MAX - 1);
	ck_assert_msg(tmk_write_file(path, "Satz\n", 5) == 0, "%s", tmk_error_last());
	assert_file(path, "Satz\n");
	ck_assert_int_eq(tmk_atomic_open(&a, path), 0);       /* again, streaming */
	fputs("neu\n", tmk_atomic_stream(a));
	ck_assert_int_eq(tmk_atomic_commit(a), 0);
	assert_file(path, "neu\n");
	path[dirlen] = '\0';
	ck_assert_uint_eq(strlen(listing(path)), n);          /* the output alone */
	remove_dir(root);
}
END_TEST

/* A file size limit makes the write fail midway (EFBIG) as a full disk
 * would: the old file stays as it was and no temporary is left. */
START_TEST(failure_midway_keeps_old_file)
{
	struct rlimit old, lim = { 4096, 4096 };
	char dir[64], path[128], *big = malloc(1 << 20);
	tmk_atomic *a;
	FILE *f;

	make_dir(dir);
	snprintf(path, sizeof(path), "%s/out.tmx", dir);
	put_file(path, "alt\n");
	memset(big, 'x', 1 << 20);
	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim.rlim_max = old.rlim_max;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);

	ck_assert_int_eq(tmk_write_file(path, big, 1 << 20), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "cannot write '"));
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "/out.tmx': File too large"));
	assert_file(path, "alt\n");
	ck_assert_str_eq(listing(dir), "out.tmx");

	/* streaming, 64 KiB at a time as tmk_export writes, the error seen
	 * only at commit */
	ck_assert_int_eq(tmk_atomic_open(&a, path), 0);
	f = tmk_atomic_stream(a);
	for (int i = 0; i < 16; i++)
		fwrite(big, 1, 65536, f);
	ck_assert_int_eq(tmk_atomic_commit(a), TMK_EIO);
	assert_file(path, "alt\n");
	ck_assert_str_eq(listing(dir), "out.tmx");

	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	free(big);
	remove_dir(dir);
}
END_TEST

START_TEST(abort_keeps_old_file)
{
	char dir[64], path[128];
	tmk_atomic *a;

	make_dir(dir);
	snprintf(path, sizeof(path), "%s/out.csv", dir);
	put_file(path, "alt\n");
	ck_assert_int_eq(tmk_atomic_open(&a, path), 0);
	fputs("halb", tmk_atomic_stream(a));
	ck_assert_int_eq(strncmp(listing(dir), ".tmkit-", 7), 0);   /* and out.csv */
	tmk_atomic_abort(a);
	tmk_atomic_abort(NULL);
	assert_file(path, "alt\n");
	ck_assert_str_eq(listing(dir), "out.csv");
	remove_dir(dir);
}
END_TEST

START_TEST(bad_outputs)
{
	char dir[64], path[128];
	tmk_atomic *a = (tmk_atomic *)1;

	make_dir(dir);
	ck_assert_int_eq(tmk_atomic_open(&a, dir), TMK_EIO);
	ck_assert_ptr_null(a);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "Is a directory"));
	snprintf(path, sizeof(path), "%s/", dir);
	ck_assert_int_eq(tmk_write_file(path, "x", 1), TMK_EIO);
	snprintf(path, sizeof(path), "%s/no/such/out.tmx", dir);
	ck_assert_int_eq(tmk_write_file(path, "x", 1), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "No such file or directory"));
	ck_assert_str_eq(listing(dir), "");
	remove_dir(dir);
}
END_TEST

/* A device is written in place: renaming over /dev/null would replace it. */
START_TEST(special_file_in_place)
{
	struct stat st;

	ck_assert_int_eq(tmk_write_file("/dev/null", "weg\n", 4), 0);
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
}
END_TEST

START_TEST(keeps_mode)
{
	char dir[64], path[128];
	struct stat st;

	make_dir(dir);
	snprintf(path, sizeof(path), "%s/privat.csv", dir);
	put_file(path, "alt\n");
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_int_eq(tmk_write_file(path, "neu\n", 4), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	remove_dir(dir);
}
END_TEST

/* A link to a file: the file gets the new text, the link stays a link,
 * and no temporary is left in either folder. */
START_TEST(follows_symlink)
{
	char dir[64], sub[96], target[128], link[128], got[128];
	struct stat st;
	ssize_t n;

	make_dir(dir);
	snprintf(sub, sizeof(sub), "%s/dotfiles", dir);
	ck_assert_int_eq(mkdir(sub, 0777), 0);
	snprintf(target, sizeof(target), "%s/words", sub);
	snprintf(link, sizeof(link), "%s/words", dir);
	put_file(target, "alt\n");
	ck_assert_int_eq(symlink("dotfiles/words", link), 0);
	ck_assert_int_eq(tmk_write_file(link, "neu\n", 4), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_gt(n = readlink(link, got, sizeof(got) - 1), 0);
	got[n] = '\0';
	ck_assert_str_eq(got, "dotfiles/words");
	assert_file(target, "neu\n");
	ck_assert_str_eq(listing(dir), "dotfiles|words");
	ck_assert_str_eq(listing(sub), "words");
	remove_dir(dir);
}
END_TEST

/* A PID that ran and has ended. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	return pid;
}

/* A child that waits until killed; with LOCK, it first takes a write lock
 * on that file (as a writer does on its temporary). */
static pid_t live_child(const char *lock)
{
	int p[2];
	char c;
	pid_t pid;

	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
		int fd = lock ? open(lock, O_RDWR) : -1;
		if (lock && (fd < 0 || fcntl(fd, F_SETLK, &lk) != 0))
			_exit(1);
		if (write(p[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	ck_assert_int_eq(read(p[0], &c, 1), 1);
	close(p[0]);
	return pid;
}

static void end_child(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* Temporaries of a dead PID go; of a live PID, of a dead PID that a live
 * process holds locked, and names that only look alike stay. */
START_TEST(sweep_dead_runs_only)
{
	char dir[64], dead[64], live[64], locked[64], path[256];
	const char *others[] = { ".tmkit-12-0123456789abcdeg.tmp", ".tmkit--0123456789abcdef.tmp",
				 "tmkit-1-0123456789abcdef.tmp", "notes.txt" };
	pid_t gone = dead_pid(), alive = live_child(NULL), holder;

	make_dir(dir);
	snprintf(dead, sizeof(dead), ".tmkit-%ld-0123456789abcdef.tmp", (long)gone);
	snprintf(live, sizeof(live), ".tmkit-%ld-0123456789abcdef.tmp", (long)alive);
	snprintf(locked, sizeof(locked), ".tmkit-%ld-fedcba9876543210.tmp", (long)gone);
	snprintf(path, sizeof(path), "%s/%s", dir, dead);
	put_file(path, "halb");
	snprintf(path, sizeof(path), "%s/%s", dir, live);
	put_file(path, "halb");
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, others[i]);
		put_file(path, "x");
	}
	snprintf(path, sizeof(path), "%s/%s", dir, locked);
	put_file(path, "halb");
	holder = live_child(path);

	ck_assert_int_eq(tmk_atomic_sweep(dir), 1);
	snprintf(path, sizeof(path), "%s/%s", dir, dead);
	ck_assert_int_eq(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "%s/%s", dir, live);
	ck_assert_int_eq(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, locked);
	ck_assert_int_eq(access(path, F_OK), 0);

	end_child(holder);              /* the lock goes with its process */
	ck_assert_int_eq(tmk_atomic_sweep(dir), 1);
	ck_assert_int_eq(access(path, F_OK), -1);
	end_child(alive);
	ck_assert_int_eq(tmk_atomic_sweep(dir), 1);
	ck_assert_str_eq(listing(dir), ".tmkit--0123456789abcdef.tmp|.tmkit-12-0123456789abcdeg.tmp|"
			 "notes.txt|tmkit-1-0123456789abcdef.tmp");
	ck_assert_int_eq(tmk_atomic_sweep("/nonexistent/tmkit"), TMK_EIO);
	remove_dir(dir);
}
END_TEST

/* A write sweeps its folder first, including the name `tmkit export`
 * used before (OUTPUT.tmkit-PID), for that output only.  A process sweeps
 * a folder once: this test comes first, so that with CK_FORK=no no earlier
 * test's folder (whose inode this one's may reuse) was swept before. */
START_TEST(write_sweeps_its_folder)
{
	char dir[64], path[256], stale[64], legacy[64], other[64];
	pid_t gone = dead_pid();

	make_dir(dir);
	snprintf(stale, sizeof(stale), ".tmkit-%ld-00000000deadbeef.tmp", (long)gone);
	snprintf(legacy, sizeof(legacy), "out.tmx.tmkit-%ld", (long)gone);
	snprintf(other, sizeof(other), "andere.tmx.tmkit-%ld", (long)gone);
	snprintf(path, sizeof(path), "%s/%s", dir, stale);
	put_file(path, "halb");
	snprintf(path, sizeof(path), "%s/%s", dir, legacy);
	put_file(path, "halb");
	snprintf(path, sizeof(path), "%s/%s", dir, other);
	put_file(path, "halb");
	snprintf(path, sizeof(path), "%s/out.tmx", dir);
	ck_assert_int_eq(tmk_write_file(path, "ganz\n", 5), 0);
	snprintf(path, sizeof(path), "%s|out.tmx", other);
	ck_assert_str_eq(listing(dir), path);
	remove_dir(dir);
}
END_TEST

static Suite *atomic_suite(void)
{
	Suite *s = suite_create("atomic");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, write_sweeps_its_folder);
	tcase_add_test(tc, writes_and_replaces);
	tcase_add_loop_test(tc, path_near_path_max, 0, sizeof(base_len) / sizeof(base_len[0]));
	tcase_add_test(tc, failure_midway_keeps_old_file);
	tcase_add_test(tc, abort_keeps_old_file);
	tcase_add_test(tc, bad_outputs);
	tcase_add_test(tc, special_file_in_place);
	tcase_add_test(tc, keeps_mode);
	tcase_add_test(tc, follows_symlink);
	tcase_add_test(tc, sweep_dead_runs_only);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(atomic_suite)
