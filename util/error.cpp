#include <util/error.hpp>

#include <cstring>

namespace perfgate {

std::string os_error(int errnum)
{
    return std::strerror(errnum);
}

} // namespace perfgate
