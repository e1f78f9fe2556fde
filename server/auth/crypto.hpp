// Password hashing (libsodium Argon2id, INTERACTIVE limits) and session tokens (256 random bits,
// stored only as a BLAKE2b hash). Hashing is capped to a few at a time: each takes ~0.1 s and 64 MiB.
#pragma once
#include <cstdint>
#include <string>

namespace yiyang::auth {

void init_crypto();   // sodium_init; throws if it fails
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// How many times verify_password ran in this process (tests count the evaluations a burst of sign-ins caused).
std::uint64_t password_verifications();
std::string random_token();                         // 64 hex characters
std::string token_hash(const std::string& token);   // 64 hex characters
// A one-time password for people to type: 16 characters from an unambiguous alphabet.
std::string one_time_password();

}  // namespace yiyang::auth
