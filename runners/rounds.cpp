#include <runners/launches.hpp>
#include <runners/rounds.hpp>
#include <util/process.hpp>

#include <algorithm>

namespace perfgate::runners {
namespace {

// Receives nothing: results are reported once the rounds are over.
class Silent : public core::RunObserver
{};

} // namespace

PlanLauncher::PlanLauncher(const RunPlan& plan,
                           const Sampling& sampling,
                           const ShellChoice& shell,
                           const GoogleBenchmarkSettings& google_benchmark)
    : m_plan(&plan), m_google_benchmark(google_benchmark)
{
    m_sessions.reserve(plan.commands.size());
    for (const auto& command : plan.commands) {
        m_sessions.emplace_back(command, shell, sampling);
    }
}

std::size_t PlanLauncher::size() const
{
    return m_sessions.size() + m_plan->programs.size();
}

void PlanLauncher::start()
{
    for (auto& session : m_sessions) {
        session.measure_shell();
        session.start();
    }
}

std::vector<core::BenchmarkResult> PlanLauncher::launch(std::size_t unit)
{
    if (unit < m_sessions.size()) {
        return {m_sessions[unit].measure()};
    }
    Silent silent;
    return run_google_benchmark(
        m_plan->programs[unit - m_sessions.size()], m_google_benchmark, silent);
}

void PlanLauncher::finish()
{
    for (auto& session : m_sessions) {
        session.finish();
    }
}

Rounds::Rounds(Launcher& base, Launcher& head, std::uint64_t seed)
    : m_base(&base), m_head(&head), m_random(seed)
{}

void Rounds::start()
{
    m_base->start();
    m_head->start();
}

void Rounds::run_round()
{
    m_order.clear();
    for (std::size_t unit = 0; unit < m_base->size(); ++unit) {
        m_order.emplace_back(Side::base, unit);
    }
    for (std::size_t unit = 0; unit < m_head->size(); ++unit) {
        m_order.emplace_back(Side::head, unit);
    }
    std::shuffle(m_order.begin(), m_order.end(), m_random);
    const auto round = static_cast<std::uint32_t>(m_rounds);
    for (const auto& [side, unit] : m_order) {
        if (util::interrupt_requested()) {
            return;
        }
        const bool base = side == Side::base;
        add_launch(
            base ? m_base_results : m_head_results, (base ? m_base : m_head)->launch(unit), round);
    }
    ++m_rounds;
}

void Rounds::finish()
{
    m_base->finish();
    m_head->finish();
}

const std::vector<core::BenchmarkResult>& Rounds::results(Side side) const
{
    return side == Side::base ? m_base_results : m_head_results;
}

} // namespace perfgate::runners
