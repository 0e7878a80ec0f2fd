#include <alsa/asoundlib.h>

// libasound reports failures on stderr through a variadic handler, which Swift cannot write;
// the player reports errors itself, in one line, so this handler keeps the library quiet.
static void stretchcue_alsa_quiet_handler(const char *file, int line, const char *function, int err,
                                          const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

static inline void stretchcue_alsa_silence_errors(void) {
    snd_lib_error_set_handler(stretchcue_alsa_quiet_handler);
}
