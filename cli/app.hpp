#pragma once

namespace perfgate::cli {

// Parse the command line, run the chosen subcommand and return the process exit code.
// The one place where perfgate::Error is caught and printed.
int main(int argc, char** argv);

} // namespace perfgate::cli
