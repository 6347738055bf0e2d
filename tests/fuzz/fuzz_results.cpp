// Fuzz the perfgate-results/1 reader (results and baselines), then write what it read back.
#include <core/json_file.hpp>
#include <core/results.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return perfgate::fuzz::read_text(data, size, [](const std::string& text) {
        const auto document = perfgate::core::results_from_json(
            perfgate::core::parse_ordered_json(text, "fuzz.json"), "fuzz.json");
        // Writing computes every summary from the samples that were read.
        (void)perfgate::core::to_json(document).dump(
            2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    });
}
