#include <core/environment.hpp>
#include <util/process.hpp>

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace perfgate::core {
namespace {

// Return the trimmed standard output of `git -C directory args...`, or nullopt on failure.
std::optional<std::string> git(const std::filesystem::path& directory,
                               std::initializer_list<std::string> args)
{
    util::SpawnOptions options;
    options.argv = {"git", "-C", directory.string()};
    options.argv.insert(options.argv.end(), args);
    options.out = util::Output::capture;
    options.capture_limit = 1 << 16;
    options.timeout = std::chrono::seconds(10);
    const auto result = util::run_process(options);
    if (!result.succeeded()) {
        return std::nullopt;
    }
    std::string text = result.out;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    return text;
}

std::string cpu_model()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.starts_with("model name")) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) {
                return line.substr(line.find_first_not_of(" \t", colon + 1));
            }
        }
    }
    utsname names{};
    return uname(&names) == 0 ? names.machine : "unknown";
}

} // namespace

Environment capture_environment(const std::filesystem::path& directory)
{
    Environment environment;
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0) {
        environment.host = host;
    }
    utsname names{};
    if (uname(&names) == 0) {
        environment.os = std::string(names.sysname) + " " + names.release;
    }
    environment.cpu = cpu_model();
    environment.cpus = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
    environment.memory_bytes = static_cast<std::uint64_t>(sysconf(_SC_PHYS_PAGES)) *
                               static_cast<std::uint64_t>(sysconf(_SC_PAGE_SIZE));

    // One git process answers all three: "# branch.oid", "# branch.head", then a line per change.
    if (const auto status =
            git(directory, {"status", "--porcelain=v2", "--branch", "--untracked-files=no"})) {
        GitInfo info;
        std::istringstream lines(*status);
        for (std::string line; std::getline(lines, line);) {
            if (line.starts_with("# branch.oid ")) {
                info.commit = line.substr(13);
            } else if (line.starts_with("# branch.head ")) {
                info.branch = line.substr(14);
            } else if (!line.empty() && line.front() != '#') {
                info.dirty = true;
            }
        }
        if (info.commit != "(initial)") {
            environment.git = info;
        }
    }
    return environment;
}

} // namespace perfgate::core
