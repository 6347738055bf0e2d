#pragma once

#include <string>

namespace perfgate::runners {

// Return what a Google Benchmark program's output says about how it ended, for an error
// message: " (stderr: ...; stdout: ...)" with the last few lines of each stream worth showing
// (not the library's own header nor rules), joined by " | "; a stream with none is left out;
// "" when neither has any.
std::string output_hint(const std::string& out, const std::string& err);

} // namespace perfgate::runners
