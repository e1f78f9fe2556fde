// Reading and binding nullable columns, for the store's row readers (signed reports, settlement statements).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <string>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store::columns {

// The column's text, "" when NULL.
inline std::string text(SQLite::Statement& st, int i) {
    return st.getColumn(i).isNull() ? std::string{} : st.getColumn(i).getString();
}
inline std::optional<Id> opt_id(SQLite::Statement& st, int i) {
    if (st.getColumn(i).isNull()) return std::nullopt;
    return st.getColumn(i).getInt64();
}
// Seconds, 0 when NULL.
inline LocalSeconds secs(SQLite::Statement& st, int i) { return st.getColumn(i).isNull() ? 0 : st.getColumn(i).getInt64(); }
// A BLOB column's bytes, "" when NULL.
inline std::string blob(SQLite::Statement& st, int i) {
    const auto c = st.getColumn(i);
    const auto* p = static_cast<const char*>(c.getBlob());
    return p ? std::string(p, static_cast<std::size_t>(c.getBytes())) : std::string();
}
inline void bind_opt(SQLite::Statement& st, int i, const std::optional<Id>& v) {
    if (v) st.bind(i, static_cast<std::int64_t>(*v));
    else st.bind(i);
}

}  // namespace yiyang::store::columns
