// The reference for perfgate's runner overhead: N runs of a command with nothing but
// posix_spawn and wait4 (stdin and output on /dev/null), timed as a whole.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

extern char** environ;

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bare_spawn RUNS COMMAND [ARGS...]\n");
        return 2;
    }
    const long runs = std::strtol(argv[1], nullptr, 10);
    const int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (int fd = 0; fd <= 2; ++fd) {
        posix_spawn_file_actions_adddup2(&actions, null_fd, fd);
    }
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < runs; ++i) {
        pid_t pid = 0;
        if (posix_spawnp(&pid, argv[2], &actions, nullptr, argv + 2, environ) != 0) {
            std::perror("posix_spawnp");
            return 3;
        }
        int status = 0;
        rusage usage{};
        wait4(pid, &status, 0, &usage);
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::printf("%ld runs in %.3f s (%.1f us per run)\n",
                runs,
                elapsed.count(),
                elapsed.count() / static_cast<double>(runs) * 1e6);
    return 0;
}
