/*
 * atomic.c - files written whole or not at all; see atomic.h.
 *
 * Everything happens relative to the output's folder (openat, renameat,
 * unlinkat on a descriptor of it), so the temporary's path is never longer
 * than the output's folder plus 35 bytes: an output whose own path is near
 * PATH_MAX still gets a temporary that the kernel accepts.
 */
#define _XOPEN_SOURCE 700       /* realpath() besides POSIX.1-2008 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "atomic.h"
#include "error.h"

#define TMP_PREFIX ".tmkit-"
#define TMP_SUFFIX ".tmp"

struct tmk_atomic {
	FILE *f;
	int dfd;                /* the output's folder; -1 when written in place */
	char *path;             /* the output as the caller named it (messages) */
	char *where;            /* the file written: PATH, or where its symlink points */
	const char *base;       /* the last component of WHERE, relative to dfd */
	char tmp[64];           /* the temporary's name, relative to dfd */
};

/* Set the one message every failure here gives and return TMK_EIO. */
static int write_error(const char *path, int err)
{
	return tmk_error_set(TMK_EIO, "cannot write '%s': %s", path, strerror(err));
}

/* 64 bits for the temporary's name: the kernel's randomness, or the clock
 * and a counter when it has none to give (O_EXCL catches a clash). */
static unsigned long long random64(void)
{
	static _Atomic unsigned long long seq;
	unsigned long long r;
	struct timespec ts;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) == (ssize_t)sizeof(r))
		return r;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ((unsigned long long)ts.tv_nsec << 24) ^ (unsigned long long)ts.tv_sec ^
	       (++seq * 0x9E3779B97F4A7C15ull) ^ (unsigned long long)getpid();
}

/* The decimal PID at S (*REST: the first byte after its digits), or 0
 * when S does not start with one. */
static pid_t parse_pid(const char *s, const char **rest)
{
	long long v = 0;
	const char *p = s;

	while (*p >= '0' && *p <= '9' && p - s < 10)
		v = v * 10 + (*p++ - '0');
	*rest = p;
	return p == s || v <= 0 || (pid_t)v != v ? 0 : (pid_t)v;
}

/* The PID in NAME when NAME is one of our temporaries
 * (".tmkit-PID-XXXXXXXXXXXXXXXX.tmp"), or, with BASE given, the name
 * `tmkit export` used before this module (BASE ".tmkit-PID"); else 0. */
static pid_t temp_owner(const char *name, const char *base)
{
	const char *p;
	pid_t pid;
	size_t n = strlen(base ? base : "");

	if (!strncmp(name, TMP_PREFIX, strlen(TMP_PREFIX))) {
		pid = parse_pid(name + strlen(TMP_PREFIX), &p);
		if (!pid || *p++ != '-')
			return 0;
		for (int i = 0; i < 16; i++, p++)
			if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
				return 0;
		return strcmp(p, TMP_SUFFIX) ? 0 : pid;
	}
	if (n && !strncmp(name, base, n) && !strncmp(name + n, ".tmkit-", 7)) {
		pid = parse_pid(name + n + 7, &p);
		return *p ? 0 : pid;
	}
	return 0;
}

/* Whether the temporary NAME in DFD may go: its writer's PID is not
 * running (as far as this PID namespace sees) and no process holds a lock
 * on it (a writer in another namespace, or a PID reused since, does). */
static int owner_dead(int dfd, const char *name, pid_t pid)
{
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	struct stat st;
	int fd, dead;

	if (pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH)
		return 0;
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return 0;
	dead = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	       fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type == F_UNLCK;
	close(fd);
	return dead;
}

/* Remove the dead runs' temporaries in folder DFD (and, with BASE, the
 * export's former temporaries of that output).  The count removed, or
 * TMK_EIO when the folder cannot be listed. */
static int sweep_fd(int dfd, const char *base)
{
	int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	int n = 0;

	if (!d) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		return tmk_error_set(TMK_EIO, "cannot list the folder: %s", strerror(err));
	}
	while ((e = readdir(d))) {
		pid_t pid = temp_owner(e->d_name, base);
		if (pid && owner_dead(dfd, e->d_name, pid) && unlinkat(dfd, e->d_name, 0) == 0)
			n++;
	}
	closedir(d);
	return n;
}

/* Sweep folder DFD unless this process has done so already: listing a
 * folder of N files for each of N outputs (align --batch) grows as N^2
 * (3,000 outputs: 1.6 s more).  Temporaries left while this process runs
 * are the next run's to remove anyway.  The first 32 folders are
 * remembered by device and inode; one removed and made anew with the same
 * inode is not swept again by this process, which costs nothing but a
 * stale file kept until the next run. */
static void sweep_once(int dfd, const char *base)
{
	static struct { dev_t dev; ino_t ino; } done[32];
	static size_t ndone;
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	struct stat st;
	int seen = 0;

	if (fstat(dfd, &st) != 0)
		return;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < ndone && !seen; i++)
		seen = done[i].dev == st.st_dev && done[i].ino == st.st_ino;
	if (!seen && ndone < sizeof(done) / sizeof(done[0])) {
		done[ndone].dev = st.st_dev;
		done[ndone++].ino = st.st_ino;
	}
	pthread_mutex_unlock(&lock);
	if (!seen && sweep_fd(dfd, base) < 0)
		tmk_error_clear();      /* an unlistable folder: the write will say */
}

int tmk_atomic_sweep(const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (dfd < 0)
		return tmk_error_set(TMK_EIO, "cannot list '%s': %s", dir, strerror(errno));
	rc = sweep_fd(dfd, NULL);
	close(dfd);
	return rc;
}

/* Open A's folder (the part of a->where before its last slash) as a->dfd
 * and point a->base at the name inside it. */
static int open_folder(tmk_atomic *a)
{
	char *w = a->where, *slash = strrchr(w, '/');
	int err;

	if (!slash) {
		a->base = w;
		a->dfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	} else {
		char *cut = slash == w ? slash + 1 : slash;     /* "/name": the folder is "/" */
		char keep = *cut;
		a->base = slash + 1;
		*cut = '\0';
		a->dfd = open(w, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		err = errno;
		*cut = keep;
		errno = err;
	}
	if (a->dfd < 0)
		return write_error(a->path, errno);
	if (!*a->base)
		return write_error(a->path, EISDIR);
	return 0;
}

/* Where to write PATH: a symbolic link is followed to its file (a word
 * list kept in a dotfiles folder stays a link), anything else, a link to
 * nothing included, is written where it is named. */
static char *resolve(const char *path)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && (real = realpath(path, NULL)))
		return real;
	return strdup(path);
}

/* Create the temporary in a->dfd, locked, with MODE's permission bits
 * (an existing output's; -1: the umask's default). */
static int open_temp(tmk_atomic *a, int mode)
{
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd = -1;

	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		snprintf(a->tmp, sizeof(a->tmp), TMP_PREFIX "%ld-%016llx" TMP_SUFFIX,
			 (long)getpid(), random64());
		fd = openat(a->dfd, a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			return write_error(a->path, errno);
	}
	if (fd < 0)
		return write_error(a->path, EEXIST);
	if (fcntl(fd, F_SETLK, &lk) != 0 || (mode >= 0 && fchmod(fd, (mode_t)mode) != 0) ||
	    !(a->f = fdopen(fd, "wb"))) {
		int err = errno;
		unlinkat(a->dfd, a->tmp, 0);
		close(fd);
		return write_error(a->path, err);
	}
	return 0;
}

/* Close what A holds and free it (the temporary is already gone or
 * renamed). */
static void atomic_free(tmk_atomic *a)
{
	if (a->dfd >= 0)
		close(a->dfd);
	free(a->path);
	free(a->where);
	free(a);
}

int tmk_atomic_open(tmk_atomic **out, const char *path)
{
	tmk_atomic *a = calloc(1, sizeof(*a));
	struct stat st;
	int rc, mode = -1;

	*out = NULL;
	if (!a)
		return tmk_error_oom();
	a->dfd = -1;
	if (!(a->path = strdup(path)) || !(a->where = resolve(path))) {
		atomic_free(a);
		return tmk_error_oom();
	}
	if ((rc = open_folder(a)) < 0)
		goto fail;
	if (fstatat(a->dfd, a->base, &st, 0) == 0) {
		if (S_ISDIR(st.st_mode)) {
			rc = write_error(a->path, EISDIR);
			goto fail;
		}
		if (!S_ISREG(st.st_mode)) {     /* a device or pipe: in place */
			int fd = openat(a->dfd, a->base, O_WRONLY | O_CLOEXEC);
			if (fd < 0 || !(a->f = fdopen(fd, "wb"))) {
				rc = write_error(a->path, errno);
				if (fd >= 0)
					close(fd);
				goto fail;
			}
			close(a->dfd);
			a->dfd = -1;
			*out = a;
			return 0;
		}
		mode = (int)(st.st_mode & 07777);
	}
	sweep_once(a->dfd, a->base);
	if ((rc = open_temp(a, mode)) < 0)
		goto fail;
	*out = a;
	return 0;
fail:
	atomic_free(a);
	return rc;
}

FILE *tmk_atomic_stream(tmk_atomic *a)
{
	return a->f;
}

/* Flush, fsync, rename: the steps before the temporary becomes the
 * output.  0, or the errno of the step that failed. */
static int finish_temp(tmk_atomic *a)
{
	errno = 0;
	if (fflush(a->f) != 0 || ferror(a->f))
		return errno ? errno : EIO;
	if (a->dfd < 0)
		return 0;
	if (fsync(fileno(a->f)) != 0)
		return errno;
	if (renameat(a->dfd, a->tmp, a->dfd, a->base) != 0)
		return errno;
	return 0;
}

int tmk_atomic_commit(tmk_atomic *a)
{
	int err = finish_temp(a);

	/* remove a failed temporary while its lock still keeps sweepers off */
	if (err && a->dfd >= 0)
		unlinkat(a->dfd, a->tmp, 0);
	if (fclose(a->f) != 0 && !err)
		err = errno;
	/* the rename is durable only once the folder is on disk; some file
	 * systems cannot fsync a folder (EINVAL) and need not */
	if (!err && a->dfd >= 0 && fsync(a->dfd) != 0 && errno != EINVAL)
		err = errno;
	if (err) {
		int rc = write_error(a->path, err);
		atomic_free(a);
		return rc;
	}
	atomic_free(a);
	return 0;
}

void tmk_atomic_abort(tmk_atomic *a)
{
	if (!a)
		return;
	if (a->dfd >= 0)
		unlinkat(a->dfd, a->tmp, 0);
	fclose(a->f);
	atomic_free(a);
}
