/*
 * loom-hook-tool: the hook tools' client (spec R6.7, R6.8). Installed under every tool name on a
 * hook's PATH; the command is the name it was run by. It sends the context id, the current
 * directory, the command and its arguments to the unit's agent over the unix socket named by
 * JUJU_AGENT_SOCKET_ADDRESS, and reproduces the answer's stdout, stderr and exit code.
 *
 * Wire: netstrings, see packages/protocol/src/hook-tool-wire.ts. Stdin is sent only when the
 * agent asks for it. Written in C because a hook tool must start in a millisecond or two; a Node
 * fallback exists for machines without a compiler.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

struct buffer {
  char *data;
  size_t length;
  size_t capacity;
};

static void fail(const char *message) {
  fprintf(stderr, "ERROR %s\n", message);
  exit(1);
}

static void append(struct buffer *buffer, const void *bytes, size_t length) {
  if (buffer->length + length > buffer->capacity) {
    size_t capacity = buffer->capacity == 0 ? 4096 : buffer->capacity;
    while (capacity < buffer->length + length) capacity *= 2;
    buffer->data = realloc(buffer->data, capacity);
    if (buffer->data == NULL) fail("out of memory");
    buffer->capacity = capacity;
  }
  memcpy(buffer->data + buffer->length, bytes, length);
  buffer->length += length;
}

static void netstring(struct buffer *buffer, const void *bytes, size_t length) {
  char prefix[32];
  int written = snprintf(prefix, sizeof prefix, "%zu:", length);
  append(buffer, prefix, (size_t)written);
  append(buffer, bytes, length);
  append(buffer, ",", 1);
}

static void netstring_text(struct buffer *buffer, const char *text) {
  netstring(buffer, text, strlen(text));
}

static void read_all(int fd, struct buffer *into) {
  char chunk[65536];
  for (;;) {
    ssize_t got = read(fd, chunk, sizeof chunk);
    if (got == 0) return;
    if (got < 0) {
      if (errno == EINTR) continue;
      fail("cannot read the agent's answer");
    }
    append(into, chunk, (size_t)got);
  }
}

static void write_all(int fd, const char *bytes, size_t length) {
  while (length > 0) {
    ssize_t done = write(fd, bytes, length);
    if (done < 0) {
      if (errno == EINTR) continue;
      return;
    }
    bytes += done;
    length -= (size_t)done;
  }
}

/* Parses the netstring at *at; returns its start and sets its length, or NULL. */
static const char *next_field(const struct buffer *buffer, size_t *at, size_t *length) {
  size_t value = 0;
  size_t position = *at;
  if (position >= buffer->length) return NULL;
  while (position < buffer->length && buffer->data[position] >= '0' && buffer->data[position] <= '9') {
    value = value * 10 + (size_t)(buffer->data[position] - '0');
    position++;
  }
  if (position >= buffer->length || buffer->data[position] != ':') return NULL;
  position++;
  if (position + value >= buffer->length || buffer->data[position + value] != ',') return NULL;
  *length = value;
  *at = position + value + 1;
  return buffer->data + position;
}

static void ask(const char *socket_path, const struct buffer *request, struct buffer *response) {
  struct sockaddr_un address;
  memset(&address, 0, sizeof address);
  address.sun_family = AF_UNIX;
  if (strlen(socket_path) >= sizeof address.sun_path) fail("JUJU_AGENT_SOCKET_ADDRESS is too long");
  strcpy(address.sun_path, socket_path);
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) fail("cannot create a socket");
  if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
    char message[PATH_MAX + 128];
    snprintf(message, sizeof message, "cannot reach the unit agent at %s: %s", socket_path, strerror(errno));
    fail(message);
  }
  write_all(fd, request->data, request->length);
  shutdown(fd, SHUT_WR);
  response->length = 0;
  read_all(fd, response);
  close(fd);
}

static const char *required(const char *name) {
  const char *value = getenv(name);
  if (value == NULL || value[0] == '\0') {
    char message[128];
    snprintf(message, sizeof message, "%s not set", name);
    fail(message);
  }
  return value;
}

int main(int argc, char **argv) {
  const char *context = required("JUJU_CONTEXT_ID");
  const char *socket_path = required("JUJU_AGENT_SOCKET_ADDRESS");
  const char *network = getenv("JUJU_AGENT_SOCKET_NETWORK");
  if (network != NULL && network[0] != '\0' && strcmp(network, "unix") != 0)
    fail("JUJU_AGENT_SOCKET_NETWORK must be \"unix\" for Loom's agents");
  const char *command = strrchr(argv[0], '/');
  command = command == NULL ? argv[0] : command + 1;
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof cwd) == NULL) fail("cannot read the current directory");

  struct buffer stdin_bytes = {0};
  int with_stdin = 0;
  struct buffer response = {0};
  for (;;) {
    struct buffer request = {0};
    char count[32];
    snprintf(count, sizeof count, "%d", argc - 1);
    netstring_text(&request, "loom-tool/1");
    netstring_text(&request, context);
    netstring_text(&request, cwd);
    netstring_text(&request, command);
    netstring_text(&request, count);
    for (int i = 1; i < argc; i++) netstring_text(&request, argv[i]);
    netstring_text(&request, with_stdin ? "1" : "0");
    netstring(&request, stdin_bytes.data == NULL ? "" : stdin_bytes.data, stdin_bytes.length);
    ask(socket_path, &request, &response);
    free(request.data);

    size_t at = 0, length = 0;
    const char *status = next_field(&response, &at, &length);
    if (status == NULL) fail("the unit agent sent a malformed answer");
    if (length == 10 && memcmp(status, "need-stdin", 10) == 0 && !with_stdin) {
      read_all(STDIN_FILENO, &stdin_bytes);
      with_stdin = 1;
      continue;
    }
    size_t code_length = 0, out_length = 0, err_length = 0;
    const char *code = next_field(&response, &at, &code_length);
    const char *out = next_field(&response, &at, &out_length);
    const char *err = next_field(&response, &at, &err_length);
    if (length != 2 || memcmp(status, "ok", 2) != 0 || code == NULL || out == NULL || err == NULL)
      fail("the unit agent sent a malformed answer");
    write_all(STDOUT_FILENO, out, out_length);
    write_all(STDERR_FILENO, err, err_length);
    int exit_code = 0;
    for (size_t i = 0; i < code_length; i++) exit_code = exit_code * 10 + (code[i] - '0');
    return exit_code;
  }
}
