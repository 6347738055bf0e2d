// Fuzz the reader of hyperfine's `--export-json` files.
#include <runners/hyperfine.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return perfgate::fuzz::read_text(data, size, [](const std::string& text) {
        const auto json = nlohmann::json::parse(text, nullptr, false);
        if (!json.is_discarded()) {
            (void)perfgate::runners::import_hyperfine(json, "fuzz.json");
        }
    });
}
