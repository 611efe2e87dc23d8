/*
 * The harness of the `bpacct` tool tests (test_cli.c, test_cli_run.c):
 * each run spawns the built tool (BPACCT_TOOL) with posix_spawn, captures
 * stdout, stderr and the exit status in `r`, and the helpers below read
 * it.  Static inline so that a test binary using only some of them builds
 * warning-free.
 */
#ifndef BPACCT_TEST_CLI_SUPPORT_H
#define BPACCT_TEST_CLI_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define OUT_MAX 65536
#define ERR_MAX 8192
#define ARGS_MAX 16

typedef struct run {
	int status; /* exit status, or -1 if the tool did not exit */
	char out[OUT_MAX];
	char err[ERR_MAX];
	size_t out_len, err_len;
} run;

static run r; /* the last run */

/* Reads whatever is available on fd into buf; returns 0 at EOF. */
static inline int drain(int fd, char *buf, size_t *len, size_t max)
{
	char tmp[4096];
	ssize_t n = read(fd, tmp, sizeof tmp);

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return 0;
	if (*len + (size_t)n < max) {
		memcpy(buf + *len, tmp, (size_t)n);
		*len += (size_t)n;
	}
	buf[*len] = '\0';
	return 1;
}

/* Runs the tool with the NULL-terminated arguments given in args, its
 * standard input read from the file `in`. */
static inline void run_argv_in(const char *const *args, const char *in)
{
	const char *tool = getenv("BPACCT_TOOL");
	char *argv[ARGS_MAX + 2];
	int po[2], pe[2], wst = 0, open_fds = 2;
	posix_spawn_file_actions_t fa;
	pid_t pid;
	size_t n = 0;

	assert_non_null(tool);
	argv[n++] = (char *)tool;
	for (; args[n - 1] && n <= ARGS_MAX; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	memset(&r, 0, sizeof r);
	assert_int_equal(pipe(po), 0);
	assert_int_equal(pipe(pe), 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	posix_spawn_file_actions_addclose(&fa, po[0]);
	posix_spawn_file_actions_addclose(&fa, pe[0]);
	assert_int_equal(posix_spawn(&pid, tool, &fa, NULL, argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	struct pollfd fds[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
	while (open_fds > 0) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			break;
		if (fds[0].fd >= 0 && fds[0].revents &&
		    !drain(po[0], r.out, &r.out_len, OUT_MAX))
			fds[0].fd = -1, open_fds--;
		if (fds[1].fd >= 0 && fds[1].revents &&
		    !drain(pe[0], r.err, &r.err_len, ERR_MAX))
			fds[1].fd = -1, open_fds--;
	}
	close(po[0]);
	close(pe[0]);
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	r.status = WIFEXITED(wst) ? WEXITSTATUS(wst) : -1;
}

/* Runs the tool with the NULL-terminated arguments given in args. */
static inline void run_argv(const char *const *args)
{
	run_argv_in(args, "/dev/null");
}

#define RUN(...)                                                   \
	do {                                                       \
		const char *const args_[] = { __VA_ARGS__, NULL }; \
		run_argv(args_);                                   \
	} while (0)

/*
 * The value of "key" in a one-line JSON object: a string without its
 * quotes (escapes left as they are), or the raw token (2027, false);
 * NULL when the key is absent.
 */
static inline const char *field(const char *json, const char *key)
{
	static char buf[512];
	char pat[64];
	const char *p;
	size_t n = 0;

	snprintf(pat, sizeof pat, "\"%s\":", key);
	p = strstr(json, pat);
	if (!p)
		return NULL;
	p += strlen(pat);
	if (*p == '"') {
		for (p++; *p && *p != '"' && n + 1 < sizeof buf; p++) {
			if (*p == '\\' && p[1])
				buf[n++] = *p++;
			buf[n++] = *p;
		}
	} else {
		while (*p && *p != ',' && *p != '}' && n + 1 < sizeof buf)
			buf[n++] = *p++;
	}
	buf[n] = '\0';
	return buf;
}

static inline void assert_field(const char *key, const char *expected)
{
	const char *v = field(r.out, key);

	if (!v)
		fail_msg("key \"%s\" missing in: %s", key, r.out);
	assert_string_equal(v, expected);
}

/* One JSON object on exactly one line. */
static inline void assert_one_json_line(void)
{
	assert_int_equal(r.status, 0);
	assert_true(r.out_len > 2);
	assert_int_equal(r.out[0], '{');
	assert_non_null(strchr(r.out, '\n'));
	assert_int_equal((int)(strchr(r.out, '\n') - r.out),
			 (int)r.out_len - 1);
	assert_int_equal(r.out[r.out_len - 2], '}');
}

static inline void assert_contains(const char *hay, const char *needle)
{
	if (!hay)
		fail_msg("\"%s\" not found: no such key in: %s", needle, r.out);
	else if (!strstr(hay, needle))
		fail_msg("\"%s\" not found in: %s", needle, hay);
}

/* Bad usage or input: status 2, a message naming the argument, no output. */
static inline void assert_usage_error(const char *needle)
{
	if (r.status != 2)
		fail_msg("status %d, expected 2; stderr: %s", r.status, r.err);
	assert_int_equal(r.out_len, 0);
	assert_contains(r.err, "bpacct");
	assert_contains(r.err, needle);
}

/* A temporary file holding text; the caller unlinks it. */
static inline void temp_file(char *path, size_t size, const char *text)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, size, "%s/bpacct-cli-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

/* The line of r.out that contains needle, without its newline. */
static inline const char *line_with(const char *needle)
{
	static char line[2048];
	const char *p = strstr(r.out, needle), *start, *end;

	if (!p)
		fail_msg("no line contains \"%s\" in: %s", needle, r.out);
	for (start = p; start > r.out && start[-1] != '\n'; start--)
		;
	end = strchr(p, '\n');
	if (!end)
		end = r.out + r.out_len;
	assert_true((size_t)(end - start) < sizeof line);
	memcpy(line, start, (size_t)(end - start));
	line[end - start] = '\0';
	return line;
}

/* Every line of r.out is one JSON object. */
static inline void assert_json_lines(void)
{
	const char *p = r.out;

	assert_int_equal(r.status, 0);
	assert_true(r.out_len > 2);
	while (*p) {
		const char *end = strchr(p, '\n');

		assert_non_null(end);
		assert_int_equal(*p, '{');
		assert_int_equal(end[-1], '}');
		p = end + 1;
	}
}

#endif /* BPACCT_TEST_CLI_SUPPORT_H */
