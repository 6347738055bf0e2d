#pragma once

#include <unistd.h>

namespace perfgate::util {

// Owns a file descriptor: closed when it goes out of scope unless closed before.
class UniqueFd
{
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd() { reset(); }

    int get() const { return m_fd; }

    // Close the one held (if any) and hold `fd`.
    void reset(int fd = -1)
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = fd;
    }

    // Close now and return 0, or -1 with errno set: for writes, where close can report an error.
    int close()
    {
        const int fd = m_fd;
        m_fd = -1;
        return ::close(fd);
    }

private:
    int m_fd = -1;
};

} // namespace perfgate::util
