#include <sys/pidfd.h>

// GNU extensions that Swift's Glibc module is built without: a pipe and a temporary file
// created close-on-exec in one call, so no program started meanwhile by another thread
// inherits them.
int pipe2(int pipefd[2], int flags);
int mkostemp(char *template, int flags);
