#pragma once

#include <string>
#include <vector>

namespace perfgate::cli {

// Throw Error(usage) when two of `inputs` of `perfgate merge` name the same file (or folder),
// spelt alike or not: merging a file with itself would count every sample twice.
void check_distinct_inputs(const std::vector<std::string>& inputs);

} // namespace perfgate::cli
