/*
 * align_batch.c - the manifest reader and the worker pool; see
 * align_batch.h.
 *
 * Workers take the next pair from a shared counter, so a long document
 * does not hold up the rest; the lexicon is read-only and shared; the
 * callback runs under one lock, so whatever it touches (a TM connection,
 * the terminal) needs no locking of its own.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "align_batch.h"
#include "error.h"

void tmk_manifest_free(tmk_manifest *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->items[i].de);
		free(m->items[i].en);
		free(m->items[i].out);
	}
	free(m->items);
	free(m->name);
	free(m);
}

/* FIELD[0..LEN) as a path: absolute as it is, else under DIR (the
 * manifest's folder, "" for the current one). */
static char *resolve(const char *dir, size_t dirlen, const char *field, size_t len)
{
	tmk_buf b = TMK_BUF_INIT;

	if (field[0] != '/' && dirlen)
		tmk_buf_put(&b, dir, dirlen);
	if (tmk_buf_put(&b, field, len) < 0) {
		tmk_buf_release(&b);
		return NULL;
	}
	return tmk_buf_detach(&b);
}

/* Split LINE[0..LEN) at tabs into F (at most MAX); the field count, or
 * MAX + 1 when there are more. */
static size_t split_tabs(const char *line, size_t len, const char **f, size_t *fl, size_t max)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= len; i++)
		if (i == len || line[i] == '\t') {
			if (n == max)
				return max + 1;
			f[n] = line + start;
			fl[n++] = i - start;
			start = i + 1;
		}
	return n;
}

/* Check what can be checked before any work: outputs unique and never
 * an input (an output over an input would destroy it). */
static int check_outputs(const tmk_manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		for (size_t k = 0; k < m->n; k++) {
			const tmk_batch_item *a = &m->items[i], *b = &m->items[k];
			if (k < i && !strcmp(a->out, b->out))
				return tmk_error_set(TMK_EINPUT, "%s:%zu: output '%s' is already the output "
						     "of line %zu", m->name, a->line, a->out, b->line);
			if (!strcmp(a->out, b->de) || !strcmp(a->out, b->en))
				return tmk_error_set(TMK_EINPUT, "%s:%zu: output '%s' is an input of line %zu",
						     m->name, a->line, a->out, b->line);
		}
	return 0;
}

int tmk_manifest_load(tmk_manifest **out, const char *path)
{
	tmk_buf data = TMK_BUF_INIT;
	tmk_manifest *m = calloc(1, sizeof(*m));
	const char *slash = strrchr(path, '/');
	size_t dirlen = strcmp(path, "-") && slash ? (size_t)(slash - path) + 1 : 0;
	size_t pos = 0, line = 0, cap = 0;
	int rc;

	*out = NULL;
	if (!m || !(m->name = strdup(strcmp(path, "-") ? path : "<stdin>"))) {
		free(m);
		return tmk_error_oom();
	}
	if ((rc = tmk_read_file(&data, path)) < 0)
		goto fail;
	if (data.len && memchr(data.ptr, '\0', data.len)) {
		const char *nul = memchr(data.ptr, '\0', data.len);
		for (const char *q = data.ptr; q < nul; q++)
			line += *q == '\n';
		rc = tmk_error_set(TMK_EINPUT, "%s:%zu: a NUL byte: not a manifest (DE-FILE TAB EN-FILE "
				   "TAB OUTPUT a line)", m->name, line + 1);
		goto fail;
	}
	while (pos < data.len) {
		const char *l = data.ptr + pos, *nl = memchr(l, '\n', data.len - pos), *f[3];
		size_t len = nl ? (size_t)(nl - l) : data.len - pos, fl[3], nf;

		pos += len + 1;
		line++;
		if (len && l[len - 1] == '\r')
			len--;
		if (len == 0 || l[0] == '#')
			continue;
		nf = split_tabs(l, len, f, fl, 3);
		if (nf != 3 || !fl[0] || !fl[1] || !fl[2]) {
			rc = tmk_error_set(TMK_EINPUT, "%s:%zu: want DE-FILE, EN-FILE and OUTPUT separated "
					   "by tabs, found %s", m->name, line,
					   nf > 3 ? "more than three fields" : nf < 3 ? "fewer than three fields"
					   : "an empty field");
			goto fail;
		}
		if (m->n == cap) {
			tmk_batch_item *ni = realloc(m->items, (cap = cap ? cap * 2 : 16) * sizeof(*ni));
			if (!ni) {
				rc = tmk_error_oom();
				goto fail;
			}
			m->items = ni;
		}
		tmk_batch_item *it = &m->items[m->n++];
		it->line = line;
		it->de = resolve(path, dirlen, f[0], fl[0]);
		it->en = resolve(path, dirlen, f[1], fl[1]);
		it->out = resolve(path, dirlen, f[2], fl[2]);
		if (!it->de || !it->en || !it->out) {
			rc = tmk_error_oom();
			goto fail;
		}
	}
	if (m->n == 0) {
		rc = tmk_error_set(TMK_EINPUT, "%s: no pairs (DE-FILE TAB EN-FILE TAB OUTPUT a line)",
				   m->name);
		goto fail;
	}
	if ((rc = check_outputs(m)) < 0)
		goto fail;
	tmk_buf_release(&data);
	*out = m;
	return 0;
fail:
	tmk_buf_release(&data);
	tmk_manifest_free(m);
	return rc;
}

typedef struct {
	const tmk_manifest *m;
	const tmk_batch_opts *o;
	pthread_mutex_t lock;
	size_t next;            /* the next pair to take (under lock) */
	size_t failed;
} pool_t;

/* Read, check, align, write and report one pair. */
static void one_pair(pool_t *p, const tmk_batch_item *it)
{
	tmk_align_doc doc;
	tmk_buf out = TMK_BUF_INIT;
	int rc = tmk_align_doc_load(&doc, it->de, it->en, p->o->langs, p->o->segmented);

	if (rc == 0 && !p->o->force)
		rc = tmk_align_doc_check_langs(&doc);
	if (rc == 0)
		rc = tmk_align_doc_align(&doc, p->o->align);
	if (rc == 0 && (rc = tmk_align_write(&out, p->o->format, doc.beads, doc.n, &doc.de, &doc.en)) == 0)
		rc = tmk_write_file(it->out, out.ptr ? out.ptr : "", out.len);
	tmk_buf_release(&out);
	pthread_mutex_lock(&p->lock);
	if (p->o->done && p->o->done(p->o->ud, it, rc == 0 ? &doc : NULL, rc) < 0 && rc == 0)
		rc = -1;
	if (rc < 0)
		p->failed++;
	pthread_mutex_unlock(&p->lock);
	tmk_align_doc_release(&doc);
}

static void *worker(void *arg)
{
	pool_t *p = arg;

	for (;;) {
		size_t i;
		pthread_mutex_lock(&p->lock);
		i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->m->n)
			return NULL;
		one_pair(p, &p->m->items[i]);
	}
}

int tmk_align_batch(const tmk_manifest *m, const tmk_batch_opts *o, size_t *failed)
{
	pool_t p = { m, o, PTHREAD_MUTEX_INITIALIZER, 0, 0 };
	size_t jobs = o->jobs < 1 ? 1 : (size_t)o->jobs, started = 0;
	pthread_t *tid;

	if (jobs > m->n)
		jobs = m->n;
	*failed = 0;
	if (jobs <= 1) {                /* no threads for one */
		worker(&p);
		*failed = p.failed;
		return 0;
	}
	if (!(tid = malloc(jobs * sizeof(*tid))))
		return tmk_error_oom();
	for (; started < jobs; started++)
		if (pthread_create(&tid[started], NULL, worker, &p) != 0)
			break;
	if (started == 0) {
		free(tid);
		return tmk_error_set(TMK_ERROR, "cannot start a worker thread");
	}
	for (size_t k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
	free(tid);
	*failed = p.failed;
	return 0;
}
