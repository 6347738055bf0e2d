#pragma once

// Google Benchmark programs: reading their JSON, ingesting it into results, running them, and
// the warnings their context deserves. Each job has its own header; this one gathers them.
#include <runners/gbench_context.hpp>
#include <runners/gbench_ingest.hpp>
#include <runners/gbench_json.hpp>
#include <runners/gbench_run.hpp>
