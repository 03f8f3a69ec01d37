// Secrets read from the terminal with echo off (see terminal.h).
#include "core/terminal.h"

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace tidings {

std::optional<std::string> ask_secret(const char* prompt) {
    if (!::isatty(STDIN_FILENO)) return std::nullopt;
    std::fprintf(stderr, "%s", prompt);
    std::fflush(stderr);
    termios old{};
    const bool have_tty = ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (have_tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    int c;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n')
        line.push_back(static_cast<char>(c));
    if (have_tty) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    std::fprintf(stderr, "\n");
    return line;
}

} // namespace tidings
