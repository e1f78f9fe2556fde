// Registers routes on httplib and records each one's OpenAPI description at the same time, so the
// published document can never miss an endpoint.
#pragma once
#include <httplib.h>

#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "http/compute_gate.hpp"

namespace yiyang::http {

struct RouteDoc {
    std::string method;        // "GET", "POST", "PUT", "DELETE"
    std::string path;          // OpenAPI form: /api/v1/elders/{id}
    std::string summary;       // one line, Chinese or English
    std::string tag;           // group: session, elders, reference, overview, system
    std::string roles;         // who may call it, e.g. "admin, supervisor, agent"; "" = anyone
    nlohmann::json parameters = nlohmann::json::array();   // OpenAPI parameter objects
    std::string request_schema;    // name under components/schemas, "" = no body
    std::string response_schema;   // name under components/schemas for the 2xx reply
    int success_status = 200;
};

class Router {
public:
    // GET handlers run with `gate` armed when one is given: they queue at their first database read (reads only:
    // a write waits for the group commit, which gathers more jobs the more run at once, so POST/PUT/PATCH/DELETE
    // are not queued).
    explicit Router(httplib::Server& server, ComputeGate* gate = nullptr) : server_(server), gate_(gate) {}
    void add(RouteDoc doc, httplib::Server::Handler handler);
    const std::vector<RouteDoc>& docs() const { return docs_; }

private:
    httplib::Server& server_;
    ComputeGate* gate_;
    std::vector<RouteDoc> docs_;
};

// A query parameter description.
nlohmann::json query_param(const std::string& name, const std::string& type, const std::string& description);

}  // namespace yiyang::http
