#include <reporters/starter_files.hpp>
#include <reporters/templates.hpp>

#include <kainjow/mustache.hpp>

namespace perfgate::reporters {

namespace mustache = kainjow::mustache;

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

} // namespace perfgate::reporters
