#include <util/executable.hpp>

#include <elf.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <string>

namespace perfgate::util {

FileKind classify_file(const std::filesystem::path& path)
{
    if (::access(path.c_str(), X_OK) != 0) {
        return FileKind::not_executable;
    }
    std::ifstream file(path, std::ios::binary);
    Elf64_Ehdr header{};
    if (!file.read(reinterpret_cast<char*>(&header), sizeof header) ||
        std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) {
        return FileKind::not_elf;
    }
    if (header.e_ident[EI_CLASS] != ELFCLASS64) {
        // Note: 32-bit programs are rare in build trees; treat any ELF EXEC/DYN alike.
        return header.e_type == ET_EXEC ? FileKind::executable : FileKind::shared_library;
    }
    if (header.e_type == ET_EXEC) {
        return FileKind::executable;
    }
    if (header.e_type != ET_DYN) {
        return FileKind::not_elf; // object files, core dumps
    }
    // A position-independent executable is ET_DYN like a library, but asks for an interpreter.
    for (int i = 0; i < header.e_phnum; ++i) {
        Elf64_Phdr segment{};
        file.seekg(static_cast<std::streamoff>(header.e_phoff) +
                   static_cast<std::streamoff>(i) * header.e_phentsize);
        if (!file.read(reinterpret_cast<char*>(&segment), sizeof segment)) {
            break;
        }
        if (segment.p_type == PT_INTERP) {
            return FileKind::executable;
        }
    }
    return FileKind::shared_library;
}

bool file_contains_any(const std::filesystem::path& path,
                       const std::vector<std::string_view>& needles)
{
    std::size_t overlap = 0;
    for (auto needle : needles) {
        overlap = std::max(overlap, needle.size());
    }
    std::ifstream file(path, std::ios::binary);
    constexpr std::size_t k_chunk = 1 << 20;
    std::string buffer;
    std::string chunk(k_chunk, '\0');
    while (file) {
        file.read(chunk.data(), static_cast<std::streamsize>(k_chunk));
        const auto got = static_cast<std::size_t>(file.gcount());
        if (got == 0) {
            break;
        }
        // Keep the tail of the previous chunk so a needle split across chunks is found.
        buffer.erase(0, buffer.size() > overlap ? buffer.size() - overlap : 0);
        buffer.append(chunk, 0, got);
        for (auto needle : needles) {
            if (buffer.find(needle) != std::string::npos) {
                return true;
            }
        }
    }
    return false;
}

} // namespace perfgate::util
