#include <reporters/github.hpp>
#include <reporters/html.hpp>
#include <reporters/junit.hpp>
#include <reporters/markdown.hpp>
#include <reporters/report_files.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <array>
#include <cstdlib>

namespace perfgate::reporters {
namespace {

std::optional<std::string> template_for(const std::map<std::string, std::string>& templates,
                                        const std::string& format)
{
    const auto it = templates.find(format);
    return it == templates.end() ? std::nullopt : std::optional(it->second);
}

} // namespace

std::map<std::string, std::string> load_templates(const std::vector<std::string>& values)
{
    std::map<std::string, std::string> templates;
    for (const auto& value : values) {
        const auto equals = value.find('=');
        const auto format = value.substr(0, equals);
        if (equals == std::string::npos || (format != "markdown" && format != "html")) {
            fail(ExitCode::usage,
                 "invalid --template '{}': expected markdown=FILE or html=FILE",
                 value);
        }
        templates[format] = util::read_file(value.substr(equals + 1));
    }
    return templates;
}

std::vector<std::filesystem::path>
write_reports(const baselines::Comparison& comparison,
              const std::vector<Format>& formats,
              const std::filesystem::path& directory,
              const std::map<std::string, std::string>& templates)
{
    std::vector<std::filesystem::path> written;
    auto write = [&](const char* name, const std::string& content) {
        util::write_file_atomic(directory / name, content);
        written.push_back(directory / name);
    };
    for (const auto format : formats) {
        switch (format) {
        case Format::console:
            break;
        case Format::markdown: {
            MarkdownOptions options;
            options.template_text = template_for(templates, "markdown");
            write("report.md", render_markdown(comparison, options));
            options.pr_comment = true;
            write("comment.md", render_markdown(comparison, options));
            break;
        }
        case Format::html:
            write("report.html", render_html(comparison, {template_for(templates, "html")}));
            break;
        case Format::json:
            write("comparison.json", baselines::to_json(comparison).dump(2) + "\n");
            break;
        case Format::junit:
            write("junit.xml", render_junit(comparison));
            break;
        }
    }
    return written;
}

std::string github_output(const baselines::Comparison& comparison)
{
    const char* actions = std::getenv("GITHUB_ACTIONS");
    if (actions == nullptr || std::string_view(actions) != "true") {
        return "";
    }
    write_step_summary(render_markdown(comparison, {}));
    return github_annotations(comparison);
}

} // namespace perfgate::reporters
