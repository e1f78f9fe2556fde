#include "app/pdf_preview.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

namespace yiyang::app {
namespace {

constexpr const char* kPdftoppm = "/usr/bin/pdftoppm";
constexpr std::uintmax_t kMaxThumbBytes = 2u << 20;

// A temporary folder removed with everything in it when the object goes.
struct TempDir {
    std::string path;
    TempDir() {
        std::string t = (std::filesystem::temp_directory_path() / "yiyang-pdf-XXXXXX").string();
        if (::mkdtemp(t.data())) path = t;
    }
    ~TempDir() {
        std::error_code ec;
        if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
};

// Runs argv (argv[0] an absolute path) with stdin/stdout/stderr on /dev/null and the limits above; true when it
// exited with status 0 within the time.
bool run_limited(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull < 0) return false;
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(devnull);
        return false;
    }
    if (pid == 0) {   // the child: only async-signal-safe calls until exec
        ::dup2(devnull, 0);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        const rlimit cpu{5, 5}, mem{512u << 20, 512u << 20}, file{16u << 20, 16u << 20};
        ::setrlimit(RLIMIT_CPU, &cpu);
        ::setrlimit(RLIMIT_AS, &mem);
        ::setrlimit(RLIMIT_FSIZE, &file);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(devnull);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int status = 0;
    for (;;) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) break;
        if (r < 0) return false;
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

std::optional<std::string> pdf_first_page_jpeg(const std::string& pdf, int side) {
    if (::access(kPdftoppm, X_OK) != 0 || side <= 0) return std::nullopt;
    TempDir dir;
    if (dir.path.empty()) return std::nullopt;
    const std::string in = dir.path + "/in.pdf", out = dir.path + "/page";
    {
        std::ofstream f(in, std::ios::binary);
        f.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
        if (!f) return std::nullopt;
    }
    if (!run_limited({kPdftoppm, "-q", "-jpeg", "-f", "1", "-l", "1", "-singlefile", "-scale-to",
                      std::to_string(side), in, out})) {
        return std::nullopt;
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(out + ".jpg", ec);
    if (ec || size == 0 || size > kMaxThumbBytes) return std::nullopt;
    std::ifstream f(out + ".jpg", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    // A JPEG starts FF D8 FF: anything else is not what was asked for.
    if (bytes.size() < 3 || static_cast<unsigned char>(bytes[0]) != 0xFF || static_cast<unsigned char>(bytes[1]) != 0xD8)
        return std::nullopt;
    return bytes;
}

}  // namespace yiyang::app
