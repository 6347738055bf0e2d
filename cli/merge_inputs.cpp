#include <cli/merge_inputs.hpp>
#include <util/error.hpp>

#include <filesystem>
#include <system_error>

namespace perfgate::cli {

void check_distinct_inputs(const std::vector<std::string>& inputs)
{
    for (std::size_t i = 1; i < inputs.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            std::error_code error;
            if (inputs[i] == inputs[j] ||
                std::filesystem::equivalent(inputs[i], inputs[j], error)) {
                fail(ExitCode::usage,
                     "'{}' is given twice (as '{}' too): merging a file with itself would count "
                     "every sample twice",
                     inputs[i],
                     inputs[j]);
            }
        }
    }
}

} // namespace perfgate::cli
