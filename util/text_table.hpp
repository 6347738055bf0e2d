#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace perfgate::util {

// Return how many terminal columns `text` takes: UTF-8 code points, ANSI escapes excluded.
std::size_t display_width(std::string_view text);

// A plain-text table with aligned columns; cells may hold UTF-8 and ANSI colour codes.
class TextTable
{
public:
    enum class Align { left, right };

    struct Column
    {
        std::string header;
        Align align = Align::left;
    };

    explicit TextTable(std::vector<Column> columns) : m_columns(std::move(columns)) {}

    // Add a row with one cell per column (missing cells are empty).
    void add_row(std::vector<std::string> cells) { m_rows.push_back(std::move(cells)); }

    // Return the table: the header, then one line per row, columns two spaces apart.
    // `header_start` and `header_end` wrap each header cell (e.g. bold), empty for none.
    std::string render(std::string_view header_start = "", std::string_view header_end = "") const;

private:
    std::vector<Column> m_columns;
    std::vector<std::vector<std::string>> m_rows;
};

} // namespace perfgate::util
