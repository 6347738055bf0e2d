#include <util/text_table.hpp>
#include <util/utf8.hpp>

#include <algorithm>

namespace perfgate::util {

std::size_t display_width(std::string_view text)
{
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0x1b && i + 1 < text.size() && text[i + 1] == '[') {
            // Skip a CSI sequence up to its final byte (0x40..0x7e).
            i += 2;
            while (i < text.size() && (static_cast<unsigned char>(text[i]) < 0x40 ||
                                       static_cast<unsigned char>(text[i]) > 0x7e)) {
                ++i;
            }
            continue;
        }
        width += is_utf8_continuation(text[i]) ? 0 : 1;
    }
    return width;
}

std::string TextTable::render(std::string_view header_start, std::string_view header_end) const
{
    std::vector<std::size_t> widths(m_columns.size(), 0);
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        widths[c] = display_width(m_columns[c].header);
        for (const auto& row : m_rows) {
            if (c < row.size()) {
                widths[c] = std::max(widths[c], display_width(row[c]));
            }
        }
    }
    std::string out;
    auto append_line = [&](auto cell_of, std::string_view start, std::string_view end) {
        std::string line;
        for (std::size_t c = 0; c < m_columns.size(); ++c) {
            const std::string_view cell = cell_of(c);
            const std::string padding(widths[c] - display_width(cell), ' ');
            if (c > 0) {
                line += "  ";
            }
            const bool right = m_columns[c].align == Align::right;
            if (right) {
                line += padding;
            }
            line += start;
            line += cell;
            line += end;
            if (!right) {
                line += padding;
            }
        }
        line.erase(line.find_last_not_of(' ') + 1);
        out += line;
        out += '\n';
    };
    append_line([&](std::size_t c) { return std::string_view(m_columns[c].header); },
                header_start,
                header_end);
    for (const auto& row : m_rows) {
        append_line(
            [&](std::size_t c) { return c < row.size() ? std::string_view(row[c]) : ""; }, "", "");
    }
    return out;
}

} // namespace perfgate::util
