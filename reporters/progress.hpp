#pragma once

#include <core/run_observer.hpp>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace perfgate::reporters {

// How progress is shown on stderr (README, "Run commands").
enum class ProgressStyle {
    bars,  // a live bar per benchmark (a terminal)
    lines, // one plain line per finished benchmark (not a terminal)
    none   // `--quiet`
};

// Shows the runners' progress on a stream.
class ProgressDisplay : public core::RunObserver
{
public:
    // `width`: the columns each bar's line must fit (0: no limit); a longer line would wrap,
    // and the redraw would then erase the wrong lines.
    ProgressDisplay(std::FILE* stream, ProgressStyle style, bool color, std::size_t width = 0);

    void started(int benchmarks) override;
    void progressed(const core::RunProgress& progress) override;
    void finished(const core::BenchmarkResult& result) override;
    void done() override;

private:
    struct Line
    {
        std::string id;
        std::string text;
    };

    void redraw(bool force);
    void clear();

    std::FILE* m_stream;
    ProgressStyle m_style;
    bool m_color;
    std::size_t m_width;
    std::vector<Line> m_lines; // benchmarks in progress, in the order they started
    std::size_t m_drawn = 0;   // lines currently on screen
    double m_last_draw = 0;
    int m_total = 0;
    int m_finished = 0;
};

} // namespace perfgate::reporters
