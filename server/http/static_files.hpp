// The dashboard's files, served as a CDN would: precompressed variants (.br, .gz made by
// scripts/assemble-site.py) chosen by Accept-Encoding, strong ETags from the content with 304 on a match, a
// year's immutable caching for content-hashed names (yiyang.3f2a9c1d0e.wasm) and no-cache for the rest.
#pragma once
#include <httplib.h>

#include <string>

namespace yiyang::http {

// Serves the files under `root` for GET and HEAD on every path outside /api/ ("/" and "dir/" mean
// index.html). Nothing outside `root` and no dot-file is reachable; a missing file is a 404 (the server's
// error handler words it). Sets Cache-Control itself, so the server's default (no-cache) does not apply.
void mount_static_files(httplib::Server& server, const std::string& root);

// Exposed for tests: the encoding to serve ("br", "gzip" or "") given an Accept-Encoding value and which
// precompressed variants exist; q=0 refuses an encoding, "*" stands for any not named.
std::string choose_encoding(const std::string& accept_encoding, bool have_br, bool have_gzip);

// True for names carrying a content hash: a dot, 8 or more lowercase hex digits, a dot, an extension.
bool is_fingerprinted(const std::string& file_name);

}  // namespace yiyang::http
