#include <util/clock.hpp>
#include <util/error.hpp>
#include <util/process.hpp>
#include <util/unique_fd.hpp>

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>
#include <utility>

extern char** environ;

namespace perfgate::util {
namespace {

// The process group of the child being waited for (0: none); read by the signal handler.
std::atomic<pid_t> g_running_group{0};
volatile std::sig_atomic_t g_interrupted = 0;

static_assert(std::atomic<pid_t>::is_always_lock_free, "the signal handler reads it");

void on_interrupt(int)
{
    g_interrupted = 1;
    const pid_t group = g_running_group.load();
    if (group > 0) {
        kill(-group, SIGKILL);
    }
}

double to_seconds(const timeval& tv)
{
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
}

// Return /dev/null opened for reading and writing, once per process.
int dev_null()
{
    static const int fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    return fd;
}

// One child output stream as perfgate handles it: a pipe whose tail is kept when captured.
struct Stream
{
    UniqueFd read_end;
    UniqueFd write_end;
    std::string* sink = nullptr;
    std::size_t limit = 0;

    // Set up the child's descriptor `target` (1 or 2) for `mode`.
    void wire(posix_spawn_file_actions_t& actions, int target, Output mode)
    {
        if (mode == Output::discard) {
            posix_spawn_file_actions_adddup2(&actions, dev_null(), target);
        }
        if (mode != Output::capture) {
            return;
        }
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            fail(ExitCode::measurement, "cannot create a pipe: {}", os_error(errno));
        }
        read_end.reset(fds[0]);
        write_end.reset(fds[1]);
        ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
        // Note: dup2 clears O_CLOEXEC on the child's copy only.
        posix_spawn_file_actions_adddup2(&actions, fds[1], target);
    }

    bool open() const { return read_end.get() >= 0; }

    // Read what is available, keeping the last `limit` bytes; close at end of file.
    void drain()
    {
        std::array<char, 16384> buffer{};
        for (;;) {
            const ssize_t n = ::read(read_end.get(), buffer.data(), buffer.size());
            if (n > 0) {
                sink->append(buffer.data(), static_cast<std::size_t>(n));
                if (sink->size() > 2 * limit) {
                    sink->erase(0, sink->size() - limit);
                }
                continue;
            }
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
                read_end.reset();
            }
            return;
        }
    }

    void finish()
    {
        if (open()) {
            drain();
            read_end.reset();
        }
        if (sink != nullptr && sink->size() > limit) {
            sink->erase(0, sink->size() - limit);
        }
    }
};

class SpawnSetup
{
public:
    SpawnSetup()
    {
        posix_spawn_file_actions_init(&m_actions);
        posix_spawnattr_init(&m_attr);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;
    ~SpawnSetup()
    {
        posix_spawn_file_actions_destroy(&m_actions);
        posix_spawnattr_destroy(&m_attr);
    }

    posix_spawn_file_actions_t& actions() { return m_actions; }
    posix_spawnattr_t& attr() { return m_attr; }

private:
    posix_spawn_file_actions_t m_actions{};
    posix_spawnattr_t m_attr{};
};

// Return perfgate's environment with `overrides` set, as "NAME=value" strings.
std::vector<std::string> environment_with(const std::map<std::string, std::string>& overrides)
{
    std::vector<std::string> entries;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        if (!overrides.contains(std::string(text.substr(0, text.find('='))))) {
            entries.emplace_back(text);
        }
    }
    for (const auto& [name, value] : overrides) {
        entries.push_back(name + "=" + value);
    }
    return entries;
}

int pidfd_open(pid_t pid)
{
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

// Wait until the child's pidfd is readable, capturing output, enforcing the deadline and
// reacting to interruption. Kills the child's group on timeout or interruption.
void wait_for_exit(pid_t pid,
                   int pidfd,
                   std::optional<double> deadline,
                   Stream& out,
                   Stream& err,
                   ProcessResult& result)
{
    for (;;) {
        std::array<pollfd, 3> fds{};
        nfds_t count = 0;
        fds[count++] = {pidfd, POLLIN, 0};
        const nfds_t first_stream = count;
        for (Stream* stream : {&out, &err}) {
            if (stream->open()) {
                fds[count++] = {stream->read_end.get(), POLLIN, 0};
            }
        }
        int wait_ms = -1;
        if (deadline && !result.timed_out) {
            const double left = *deadline - monotonic_seconds();
            wait_ms = left <= 0 ? 0 : static_cast<int>(std::min(left * 1000.0 + 1.0, 1e9));
        }
        const int ready = ::poll(fds.data(), count, wait_ms);
        if (g_interrupted && !result.interrupted) {
            result.interrupted = true;
            kill(-pid, SIGKILL);
        }
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            kill(-pid, SIGKILL);
            fail(ExitCode::measurement, "cannot wait for a child process: {}", os_error(errno));
        }
        // Note: a child flooding a captured pipe keeps poll busy, so compare with the clock.
        if (deadline && !result.timed_out && monotonic_seconds() >= *deadline) {
            result.timed_out = true;
            kill(-pid, SIGKILL);
        }
        for (nfds_t i = first_stream; i < count; ++i) {
            if (fds[i].revents != 0) {
                (fds[i].fd == out.read_end.get() ? out : err).drain();
            }
        }
        if (fds[0].revents != 0) {
            return;
        }
    }
}

} // namespace

std::string ProcessResult::describe_end() const
{
    if (!started) {
        return fmt::format("could not start: {}", start_error);
    }
    if (interrupted) {
        return "interrupted";
    }
    if (timed_out) {
        return "timed out";
    }
    if (signal != 0) {
        return fmt::format("killed by signal {} ({})", signal, signal_name(signal));
    }
    return fmt::format("exit code {}", exit_code);
}

ProcessResult run_process(const SpawnOptions& options)
{
    ProcessResult result;
    if (options.argv.empty()) {
        fail(ExitCode::usage, "empty command");
    }
    if (g_interrupted) {
        result.interrupted = true;
        return result;
    }

    SpawnSetup setup;
    auto& actions = setup.actions();
    posix_spawn_file_actions_adddup2(&actions, dev_null(), 0);
    Stream out;
    Stream err;
    out.sink = &result.out;
    err.sink = &result.err;
    out.limit = err.limit = options.capture_limit;
    out.wire(actions, 1, options.out);
    err.wire(actions, 2, options.err);
    if (options.working_directory) {
        posix_spawn_file_actions_addchdir_np(&actions, options.working_directory->c_str());
    }

    // The child leads a new process group (so a timeout can kill all it started) with default
    // signal dispositions and an empty mask, whatever perfgate itself has set.
    auto& attr = setup.attr();
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int sig : {SIGINT, SIGTERM, SIGPIPE, SIGQUIT, SIGHUP}) {
        sigaddset(&defaults, sig);
    }
    sigset_t empty;
    sigemptyset(&empty);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    std::vector<char*> argv;
    argv.reserve(options.argv.size() + 1);
    for (const auto& arg : options.argv) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    // Note: built only when asked for, and before the clock starts.
    std::vector<std::string> environment;
    std::vector<char*> envp;
    if (!options.environment.empty()) {
        environment = environment_with(options.environment);
        envp.reserve(environment.size() + 1);
        for (const auto& entry : environment) {
            envp.push_back(const_cast<char*>(entry.c_str()));
        }
        envp.push_back(nullptr);
    }

    pid_t pid = 0;
    const double start = monotonic_seconds();
    const int rc = posix_spawnp(
        &pid, argv[0], &actions, &attr, argv.data(), envp.empty() ? environ : envp.data());
    out.write_end.reset();
    err.write_end.reset();
    if (rc != 0) {
        result.start_error = os_error(rc);
        return result;
    }
    result.started = true;
    g_running_group.store(pid);
    if (g_interrupted) {
        kill(-pid, SIGKILL);
    }

    UniqueFd pidfd(pidfd_open(pid));
    if (pidfd.get() < 0) {
        kill(-pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        g_running_group.store(0);
        fail(ExitCode::measurement, "cannot watch child process {}: {}", pid, os_error(errno));
    }
    std::optional<double> deadline;
    if (options.timeout) {
        deadline = start + std::chrono::duration<double>(*options.timeout).count();
    }
    try {
        wait_for_exit(pid, pidfd.get(), deadline, out, err, result);
    } catch (...) {
        waitpid(pid, nullptr, 0);
        g_running_group.store(0);
        throw;
    }

    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    result.wall_seconds = monotonic_seconds() - start;
    if (result.timed_out || result.interrupted) {
        // Note: the group outlives its leader while a grandchild is alive; kill what is left.
        kill(-pid, SIGKILL);
    }
    g_running_group.store(0);

    result.user_seconds = to_seconds(usage.ru_utime);
    result.sys_seconds = to_seconds(usage.ru_stime);
    result.peak_rss_bytes = static_cast<double>(usage.ru_maxrss) * 1024.0;
    if (WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.signal = WTERMSIG(status);
    }
    // Note: a background grandchild may keep a pipe open; take what is buffered, don't wait.
    out.finish();
    err.finish();
    return result;
}

void install_interrupt_handlers()
{
    struct sigaction action
    {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a blocking poll must wake up
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested()
{
    return g_interrupted != 0;
}

std::string signal_name(int signal)
{
    if (const char* abbrev = sigabbrev_np(signal)) {
        return fmt::format("SIG{}", abbrev);
    }
    return fmt::format("signal {}", signal);
}

} // namespace perfgate::util
