#include <runners/gbench_context.hpp>
#include <util/executable.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <set>
#include <string_view>

namespace perfgate::runners {

namespace fs = std::filesystem;

std::vector<std::string> context_warnings(const std::vector<core::BenchmarkResult>& results)
{
    std::vector<std::string> warnings;
    std::set<std::string> seen;
    for (const auto& result : results) {
        if (!result.context || !result.context->is_object() ||
            !seen.insert(result.executable).second) {
            continue;
        }
        // Note: a context read back from a results file may hold anything; fields of another
        // type say nothing.
        const auto& context = *result.context;
        const auto build_type = context.find("library_build_type");
        if (build_type != context.end() && *build_type == "debug") {
            const bool debian =
                util::file_contains_any(result.executable, {"libbenchmark.so.1debian"});
            const auto optimised = built_optimised(result.executable);
            if (!debian) {
                warnings.push_back(
                    fmt::format("'{}' uses a debug build of the Google Benchmark library; "
                                "timings may not reflect an optimised build",
                                result.executable));
            } else if (optimised == false) {
                warnings.push_back(
                    fmt::format("'{}' was compiled without optimisation (no -O flag); "
                                "build it with -DCMAKE_BUILD_TYPE=Release",
                                result.executable));
            } else if (!optimised) {
                warnings.push_back(fmt::format(
                    "'{}' reports a debug Google Benchmark library: Debian's libbenchmark 1.7 says "
                    "'debug' although it is optimised; make sure the program itself is built with "
                    "optimisation (perfgate cannot tell without gcc debug info)",
                    result.executable));
            }
        }
        if (const auto scaling = context.find("cpu_scaling_enabled");
            scaling != context.end() && *scaling == true) {
            warnings.push_back(fmt::format("'{}' ran with CPU frequency scaling enabled; "
                                           "expect noisier timings",
                                           result.executable));
        }
    }
    return warnings;
}

std::optional<bool> built_optimised(const fs::path& executable)
{
    std::ifstream file(executable, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)),
                            std::istreambuf_iterator<char>());
    std::optional<bool> optimised;
    for (auto at = bytes.find("GNU C"); at != std::string::npos; at = bytes.find("GNU C", at + 1)) {
        const auto end = bytes.find('\0', at);
        const std::string_view producer(bytes.data() + at,
                                        (end == std::string::npos ? bytes.size() : end) - at);
        const auto flag = producer.rfind(" -O");
        const bool this_one = flag != std::string_view::npos && producer.substr(flag, 4) != " -O0";
        optimised = optimised.value_or(false) || this_one;
    }
    return optimised;
}

} // namespace perfgate::runners
