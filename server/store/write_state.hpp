// What a write job may ask about the writer's transaction in flight (store::Database::write): whether anything was
// written since a data version was read — the check that lets a long computation (signing a quarterly report) run on
// a reader and only its insert take the writer (http/verification_signoff_routes).
#pragma once
#include <cstdint>

#include "store/database.hpp"

namespace yiyang::store {

// Inside a write job only: true when no data was written since `version` was read from db.data_version() — no write
// committed since (each bumps the version before the next batch runs), and no job before this one in the
// transaction in flight wrote data (a batch commits, and bumps, only at its end; a job that failed and was rolled
// back does not count). What a computation read outside the writer, from a read transaction begun after reading
// `version`, is then still the data.
bool unchanged_since(const Database& db, std::uint64_t version);

}  // namespace yiyang::store
