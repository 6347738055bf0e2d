#include <reporters/starter_files.hpp>
#include <reporters/templates.hpp>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <array>

namespace perfgate::reporters {

namespace mustache = kainjow::mustache;

namespace {

// Call `visit(number, line)` for each line of `text`, without its `\n` or `\r\n`.
template <typename Visit> void for_each_line(std::string_view text, Visit visit)
{
    std::size_t number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        visit(++number, line);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
}

std::string_view trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

} // namespace

std::string render_starter_config(const std::vector<std::string>& build_paths)
{
    const auto& paths = build_paths.empty() ? std::vector<std::string>{"build"} : build_paths;
    mustache::data list{mustache::data::type::list};
    for (std::size_t i = 0; i < paths.size(); ++i) {
        mustache::data item;
        item.set("path", paths[i]);
        item.set("last", i + 1 == paths.size());
        list.push_back(item);
    }
    mustache::data data;
    data.set("paths", list);
    return mustache::mustache(std::string(builtin_template("starter_config"))).render(data);
}

std::string render_starter_workflow(const std::string& build_command)
{
    mustache::data data;
    data.set("build_command", build_command);
    return mustache::mustache(std::string(builtin_template("starter_workflow"))).render(data);
}

std::vector<Placeholder> find_placeholders(std::string_view workflow)
{
    constexpr std::string_view build_mark = "# your build";
    std::vector<Placeholder> found;
    for_each_line(workflow, [&](std::size_t number, std::string_view line) {
        const auto text = trimmed(line);
        if (text.starts_with('#')) {
            return; // a comment explaining the placeholders is not one
        }
        if (text.find("OWNER/perfgate") != std::string_view::npos) {
            found.push_back({number, "OWNER: the GitHub owner of the perfgate repository to use"});
        } else if (text.ends_with(build_mark)) {
            auto command = trimmed(text.substr(0, text.size() - build_mark.size()));
            if (command.starts_with("- ")) {
                command = trimmed(command.substr(2));
            }
            if (command.starts_with("run:")) {
                command = trimmed(command.substr(4));
            }
            found.push_back(
                {number, fmt::format("'{}' is a guess: put your project's build here", command)});
        }
    });
    return found;
}

std::optional<std::string> gitignore_with_workspace(std::string_view gitignore)
{
    constexpr std::array<std::string_view, 6> ignoring = {
        ".perfgate", ".perfgate/", "/.perfgate", "/.perfgate/", "**/.perfgate", "**/.perfgate/"};
    bool ignored = false;
    for_each_line(gitignore, [&](std::size_t, std::string_view line) {
        for (const auto pattern : ignoring) {
            ignored = ignored || trimmed(line) == pattern;
        }
    });
    if (ignored) {
        return std::nullopt;
    }
    std::string text(gitignore);
    if (!text.empty() && text.back() != '\n') {
        text += '\n';
    }
    text += "# perfgate's runs, reports and local baselines\n.perfgate/\n";
    return text;
}

} // namespace perfgate::reporters
