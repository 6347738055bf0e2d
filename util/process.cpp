#include <util/clock.hpp>
#include <util/error.hpp>
#include <util/process.hpp>
#include <util/unique_fd.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
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

    // Return the descriptor the child gets as its stream for `mode`: /dev/null, -1 for
    // perfgate's own, or the write end of a new pipe.
    int wire(Output mode)
    {
        if (mode == Output::discard || mode == Output::file) {
            return dev_null();
        }
        if (mode != Output::capture) {
            return -1;
        }
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            fail(ExitCode::measurement, "cannot create a pipe: {}", os_error(errno));
        }
        read_end.reset(fds[0]);
        write_end.reset(fds[1]);
        ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
        return fds[1];
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

// Signals perfgate handles or ignores: the child gets their default action back.
constexpr std::array k_reset_signals{SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT};

// Everything the cloned child does before it becomes the program, prepared by perfgate: until
// execve the child shares perfgate's memory, so it must not allocate or change shared state.
struct ChildPlan
{
    std::vector<std::string> paths; // execve each in turn, as execvp searches PATH
    std::vector<char*> argv;        // null-terminated
    std::array<int, 3> fds{};       // the child's stdin, stdout, stderr; -1: perfgate's own
    const char* working_directory = nullptr;
    char** environment = environ; // null-terminated "NAME=value" strings
    pid_t parent = 0;
    volatile int error = 0; // set by the child: why it could not become the program
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
        entries.push_back(fmt::format("{}={}", name, value));
    }
    return entries;
}

// Return the programs `name` may be, in execvp's order: itself when it has a '/', else each
// folder of PATH (an empty entry meaning the working directory).
std::vector<std::string> candidate_paths(const std::string& name)
{
    if (name.find('/') != std::string::npos) {
        return {name};
    }
    const char* path = std::getenv("PATH");
    const std::string_view folders = path != nullptr ? path : "/bin:/usr/bin";
    std::vector<std::string> paths;
    for (std::size_t start = 0; start <= folders.size();) {
        auto end = folders.find(':', start);
        end = end == std::string_view::npos ? folders.size() : end;
        const auto folder = folders.substr(start, end - start);
        paths.push_back(folder.empty() ? name : fmt::format("{}/{}", folder, name));
        start = end + 1;
    }
    return paths;
}

// The child's side of spawning: a new process group, default signal handling, death with
// perfgate, the three streams, the working directory, then the program.
int child_main(void* argument)
{
    auto& plan = *static_cast<ChildPlan*>(argument);
    const auto give_up = [&plan](int errnum) {
        plan.error = errnum;
        ::_exit(127);
    };
    struct sigaction default_action
    {};
    default_action.sa_handler = SIG_DFL;
    for (const int sig : k_reset_signals) {
        ::sigaction(sig, &default_action, nullptr);
    }
    if (::setpgid(0, 0) != 0 || ::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
        give_up(errno);
    }
    // Note: had perfgate died before prctl, the signal would never come.
    if (::getppid() != plan.parent) {
        ::_exit(127);
    }
    for (int target = 0; target < 3; ++target) {
        const int fd = plan.fds[static_cast<std::size_t>(target)];
        // Note: dup2 onto itself would keep O_CLOEXEC, so clear it instead.
        if (fd >= 0 && (fd == target ? ::fcntl(fd, F_SETFD, 0) : ::dup2(fd, target)) < 0) {
            give_up(errno);
        }
    }
    if (plan.working_directory != nullptr && ::chdir(plan.working_directory) != 0) {
        give_up(errno);
    }
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    int error = ENOENT;
    for (const auto& path : plan.paths) {
        ::execve(path.c_str(), plan.argv.data(), plan.environment);
        if (errno == EACCES) {
            error = EACCES;
        } else if (errno != ENOENT && errno != ENOTDIR) {
            error = errno;
            break;
        }
    }
    give_up(error);
    return 127;
}

// Return the top of the stack the child runs on until execve (perfgate is suspended meanwhile).
void* child_stack_top()
{
    constexpr std::size_t k_size = std::size_t{256} * 1024;
    static void* const top = [] {
        void* base = ::mmap(nullptr,
                            k_size,
                            PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
                            -1,
                            0);
        return base == MAP_FAILED ? nullptr : static_cast<char*>(base) + k_size;
    }();
    if (top == nullptr) {
        fail(ExitCode::measurement, "cannot allocate a stack to start a child process");
    }
    return top;
}

// Start the child of `plan`; return its pid and a pidfd, or pid -1 with errno set. Like
// posix_spawn, but the child can ask to be killed when perfgate dies (which posix_spawn cannot):
// clone(CLONE_VM | CLONE_VFORK) shares memory until execve, so it costs no copy of perfgate.
std::pair<pid_t, int> spawn(ChildPlan& plan)
{
    void* stack = child_stack_top();
    plan.parent = ::getpid();
    // Note: no signal handler of perfgate's may run in the child before it resets them.
    sigset_t all;
    sigset_t previous;
    sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &previous);
    int pidfd = -1;
    const pid_t pid =
        ::clone(child_main, stack, CLONE_VM | CLONE_VFORK | CLONE_PIDFD | SIGCHLD, &plan, &pidfd);
    const int errnum = errno;
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    errno = errnum;
    return {pid, pidfd};
}

// Return the pids of perfgate's children, read from /proc (orphans re-parented to perfgate).
std::vector<pid_t> children()
{
    std::vector<pid_t> pids;
    const std::unique_ptr<DIR, int (*)(DIR*)> proc(::opendir("/proc"), ::closedir);
    if (!proc) {
        return pids;
    }
    const pid_t self = ::getpid();
    while (const dirent* entry = ::readdir(proc.get())) {
        char* end = nullptr;
        const long pid = std::strtol(entry->d_name, &end, 10);
        if (pid <= 0 || *end != '\0') {
            continue;
        }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the
        // last ')'.
        UniqueFd stat(::open(fmt::format("/proc/{}/stat", pid).c_str(), O_RDONLY | O_CLOEXEC));
        std::array<char, 512> buffer{};
        const ssize_t size =
            stat.get() < 0 ? -1 : ::read(stat.get(), buffer.data(), buffer.size() - 1);
        const std::string_view text(buffer.data(), size > 0 ? static_cast<std::size_t>(size) : 0);
        const auto close = text.rfind(')');
        if (close == std::string_view::npos || close + 4 >= text.size()) {
            continue;
        }
        if (std::strtol(text.data() + close + 4, nullptr, 10) == self) {
            pids.push_back(static_cast<pid_t>(pid));
        }
    }
    return pids;
}

// Make perfgate the child subreaper of what it starts, once: an orphaned descendant (its parent
// exited) is re-parented to perfgate instead of init, so that it can be killed and reaped.
void adopt_orphans()
{
    static const bool adopted = ::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;
    static_cast<void>(adopted);
}

// Kill and reap what is left of a run after its leader was reaped: the rest of process group
// `group` (killed before, now dying) and every child of perfgate, which as the child subreaper
// adopts the orphans of a run (background processes, setsid() daemons). Gives up after about a
// second (a process stuck in the kernel).
void kill_leftovers(pid_t group)
{
    constexpr int k_rounds = 1000;
    for (int round = 0; round < k_rounds; ++round) {
        pid_t reaped = 0;
        while ((reaped = ::waitpid(-1, nullptr, WNOHANG)) > 0) {
        }
        if (reaped == 0) {
            for (const pid_t child : children()) {
                ::kill(child, SIGKILL);
            }
        }
        if (reaped != 0 && ::kill(-group, 0) != 0) {
            return;
        }
        const timespec pause{0, 1'000'000};
        ::nanosleep(&pause, nullptr);
    }
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

    adopt_orphans();
    Stream out;
    Stream err;
    out.sink = &result.out;
    err.sink = &result.err;
    out.limit = err.limit = options.capture_limit;
    ChildPlan plan;
    UniqueFd in_file;
    UniqueFd out_file;
    const auto open_file = [&](UniqueFd& fd, const std::string& path, int flags) {
        fd.reset(::open(path.c_str(), flags | O_CLOEXEC, 0666));
        if (fd.get() < 0) {
            result.start_error = fmt::format("cannot open '{}': {}", path, os_error(errno));
            return false;
        }
        return true;
    };
    if (!options.in_file.empty() && !open_file(in_file, options.in_file, O_RDONLY)) {
        return result;
    }
    if (options.out == Output::file &&
        !open_file(out_file, options.out_file, O_WRONLY | O_CREAT | O_TRUNC)) {
        return result;
    }
    plan.fds = {in_file.get() >= 0 ? in_file.get() : dev_null(),
                out_file.get() >= 0 ? out_file.get() : out.wire(options.out),
                err.wire(options.err)};
    plan.paths = candidate_paths(options.argv.front());
    plan.argv.reserve(options.argv.size() + 1);
    for (const auto& arg : options.argv) {
        plan.argv.push_back(const_cast<char*>(arg.c_str()));
    }
    plan.argv.push_back(nullptr);
    if (options.working_directory) {
        plan.working_directory = options.working_directory->c_str();
    }
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
        plan.environment = envp.data();
    }

    const double start = monotonic_seconds();
    const auto [pid, raw_pidfd] = spawn(plan);
    const int spawn_error = errno;
    UniqueFd pidfd(raw_pidfd);
    out.write_end.reset();
    err.write_end.reset();
    if (pid < 0 || plan.error != 0) {
        if (pid > 0) {
            ::waitpid(pid, nullptr, 0); // the child that could not exec has exited
        }
        result.start_error = os_error(pid < 0 ? spawn_error : plan.error);
        return result;
    }
    result.started = true;
    g_running_group.store(pid);
    if (g_interrupted) {
        kill(-pid, SIGKILL);
    }

    std::optional<double> deadline;
    if (options.timeout) {
        deadline = start + std::chrono::duration<double>(*options.timeout).count();
    }
    try {
        wait_for_exit(pid, pidfd.get(), deadline, out, err, result);
    } catch (...) {
        waitpid(pid, nullptr, 0);
        kill_leftovers(pid);
        g_running_group.store(0);
        throw;
    }

    // Note: the leader is a zombie until wait4, which keeps its process group id from being
    // reused: kill what is left of the group now, background children included.
    kill(-pid, SIGKILL);
    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    result.wall_seconds = monotonic_seconds() - start;
    kill_leftovers(pid);
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
    for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
        sigaction(sig, &action, nullptr);
    }
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
