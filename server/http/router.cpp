// Route registration with documentation.
#include "http/router.hpp"

#include <regex>

namespace yiyang::http {

void Router::add(RouteDoc doc, httplib::Server::Handler handler) {
    // "/api/v1/elders/{id}" -> "/api/v1/elders/([^/]+)"
    const std::string pattern = std::regex_replace(doc.path, std::regex(R"(\{[a-z_]+\})"), "([^/]+)");
    if (doc.method == "GET" && gate_) {
        handler = [gate = gate_, inner = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
            gate->run([&] { inner(req, res); });
        };
    }
    if (doc.method == "GET") server_.Get(pattern, handler);
    else if (doc.method == "POST") server_.Post(pattern, handler);
    else if (doc.method == "PUT") server_.Put(pattern, handler);
    else if (doc.method == "DELETE") server_.Delete(pattern, handler);
    else if (doc.method == "PATCH") server_.Patch(pattern, handler);
    docs_.push_back(std::move(doc));
}

nlohmann::json query_param(const std::string& name, const std::string& type, const std::string& description) {
    return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description},
            {"schema", {{"type", type}}}};
}

}  // namespace yiyang::http
