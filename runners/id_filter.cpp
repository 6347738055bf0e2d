#include <runners/id_filter.hpp>
#include <util/error.hpp>

namespace perfgate::runners {

IdFilter::IdFilter(const std::string& pattern)
{
    try {
        m_regex = std::regex(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
        fail(ExitCode::usage, "invalid --filter regex '{}': {}", pattern, error.what());
    }
}

} // namespace perfgate::runners
