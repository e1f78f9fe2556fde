// libsodium wrappers for passwords and tokens.
#include "auth/crypto.hpp"

#include <sodium.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>

namespace yiyang::auth {
namespace {

// At most two Argon2id computations at once (2 cores; 64 MiB each): the rest wait their turn.
class HashGate {
public:
    void enter() {
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait(lock, [&] { return running_ < 2; });
        ++running_;
    }
    void leave() {
        { std::lock_guard<std::mutex> lock(m_); --running_; }
        cv_.notify_one();
    }
private:
    std::mutex m_;
    std::condition_variable cv_;
    int running_ = 0;
};
HashGate gate;
std::atomic<std::uint64_t> verifications{0};
struct GateGuard {
    GateGuard() { gate.enter(); }
    ~GateGuard() { gate.leave(); }
};

std::string to_hex(const unsigned char* data, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, n);
    out.pop_back();
    return out;
}

}  // namespace

void init_crypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string hash_password(const std::string& password) {
    GateGuard g;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
    GateGuard g;
    ++verifications;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::uint64_t password_verifications() { return verifications.load(); }

std::string random_token() {
    unsigned char buf[32];
    randombytes_buf(buf, sizeof buf);
    return to_hex(buf, sizeof buf);
}

std::string token_hash(const std::string& token) {
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    return to_hex(out, sizeof out);
}

std::string one_time_password() {
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    const std::uint32_t n = sizeof(alphabet) - 1;
    std::string out;
    for (int i = 0; i < 16; ++i) out += alphabet[randombytes_uniform(n)];
    return out;
}

}  // namespace yiyang::auth
