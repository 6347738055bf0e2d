#pragma once

#include <cli/present.hpp>

#include <string>

namespace perfgate::cli {

// `perfgate compare BASE CURRENT`: two result files in any format perfgate reads.
struct CompareRequest
{
    std::string baseline;
    std::string current;
    std::string config; // perfgate.toml; empty: found upwards
    GateRequest gate;
    ReportRequest report;
};

// Compare the two files, report and return the exit code the gate implies.
int compare_pipeline(const CompareRequest& request);

// `perfgate report INPUT`: a saved comparison.json, or a results file.
struct RenderRequest
{
    std::string input;
    std::string config;
    GateRequest gate;
    ReportRequest report;
};

// Render INPUT again. A saved comparison is judged again by perfgate's own gate rule (with
// `--fail-on` when given, and `--strict-env` checked against its two environments); `--metric`
// cannot change the metrics of a saved comparison and is refused. A results file is reported as
// a comparison without baseline. Return the exit code the gate implies.
int report_pipeline(const RenderRequest& request);

} // namespace perfgate::cli
