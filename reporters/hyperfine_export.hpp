#pragma once

#include <core/results.hpp>
#include <core/units.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace perfgate::reporters {

// Return the command benchmarks of `results` in hyperfine's `--export-json` schema, so tools
// that read hyperfine's files keep working (times in seconds).
nlohmann::ordered_json to_hyperfine_json(const std::vector<core::BenchmarkResult>& results);

// The markup languages hyperfine exports its table in.
enum class Markup { markdown, asciidoc, orgmode };

// The order of benchmarks in an export (hyperfine's `--sort`): as given, or fastest mean first.
enum class SortOrder { command, mean_time };

// Return the command benchmarks of `results` in `order` (hyperfine's `--sort`): as given, or by
// mean wall time, fastest first.
std::vector<core::BenchmarkResult> sorted_results(std::vector<core::BenchmarkResult> results,
                                                  SortOrder order);

// Return a table like hyperfine's `--export-markdown`, `--export-asciidoc` or
// `--export-orgmode`: the command, mean ± σ, min, max and relative speed, in `unit` (chosen
// from the fastest mean when unset), benchmarks in `order`.
std::string to_hyperfine_table(const std::vector<core::BenchmarkResult>& all,
                               Markup markup,
                               std::optional<core::TimeUnit> unit,
                               SortOrder order = SortOrder::command);

// Return a Markdown table like hyperfine's `--export-markdown`: mean ± σ, min, max, relative.
std::string to_hyperfine_markdown(const std::vector<core::BenchmarkResult>& results,
                                  std::optional<core::TimeUnit> unit);

// Return the command benchmarks of `results` as hyperfine's `--export-csv` writes them: command,
// mean, stddev, median, user, system, min, max (seconds), then one `parameter_NAME` column per
// parameter of the first benchmark; fields quoted as RFC 4180 says.
std::string to_hyperfine_csv(const std::vector<core::BenchmarkResult>& results);

} // namespace perfgate::reporters
