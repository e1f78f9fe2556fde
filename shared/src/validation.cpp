// Validation of elders coming from people (validation.hpp): every problem names its field and says in
// Chinese what is wrong; the resident-ID and mobile checks are identity.hpp's, reused, not repeated here.
#include "yiyang/validation.hpp"

#include <cstdint>
#include <string_view>

#include "yiyang/identity.hpp"

namespace yiyang {

namespace {

constexpr int kMinAge = 60;
constexpr int kAdvancedAge = 80;
constexpr std::size_t kNameMin = 2;
constexpr std::size_t kNameMax = 20;
constexpr std::size_t kTextMax = 100;

// What a UTF-8 text holds: its length in characters and whether it has digits or control characters.
struct TextScan {
    bool valid_utf8 = true;
    std::size_t chars = 0;
    bool has_digit = false;      // ASCII or full-width digits
    bool has_control = false;
};

TextScan scan_utf8(std::string_view s) {
    TextScan out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::uint32_t cp = 0;
        std::size_t len = 0;
        if (c < 0x80) {
            cp = c;
            len = 1;
        } else if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1Fu;
            len = 2;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0Fu;
            len = 3;
        } else if ((c & 0xF8) == 0xF0) {
            cp = c & 0x07u;
            len = 4;
        } else {
            out.valid_utf8 = false;
            return out;
        }
        if (i + len > s.size()) {
            out.valid_utf8 = false;
            return out;
        }
        for (std::size_t k = 1; k < len; ++k) {
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) {
                out.valid_utf8 = false;
                return out;
            }
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not text.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            out.valid_utf8 = false;
            return out;
        }
        if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)) out.has_digit = true;
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) out.has_control = true;
        ++out.chars;
        i += len;
    }
    return out;
}

bool is_blank(std::string_view s) {
    for (char c : s) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    }
    return true;
}

std::string in_quotes(std::string_view s) { return "“" + std::string(s) + "”"; }

void add(std::vector<FieldError>& errors, std::string field, std::string code, std::string message) {
    errors.push_back(FieldError{std::move(field), std::move(code), std::move(message)});
}

// Free text fields (community, address): optional, at most kTextMax characters, valid UTF-8, one line.
void check_text(std::vector<FieldError>& errors, const char* field, const char* label, const std::string& text) {
    TextScan scan = scan_utf8(text);
    if (!scan.valid_utf8) {
        add(errors, field, "format", std::string(label) + "含有无效字符（不是有效的UTF-8文本）");
    } else if (scan.has_control) {
        add(errors, field, "format", std::string(label) + "不能含有换行或控制字符");
    } else if (scan.chars > kTextMax) {
        add(errors, field, "too_long",
            std::string(label) + "不能超过" + std::to_string(kTextMax) + "个字（现有" + std::to_string(scan.chars) +
                "个字）");
    }
}

}  // namespace

std::vector<FieldError> validate_elder(Elder& elder, const std::set<Id>& known_town_ids, const Date& today) {
    std::vector<FieldError> errors;

    // ---- name ----
    {
        TextScan scan = scan_utf8(elder.name);
        if (elder.name.empty() || is_blank(elder.name)) {
            add(errors, "name", "required", "姓名不能为空");
        } else if (!scan.valid_utf8) {
            add(errors, "name", "format", "姓名含有无效字符（不是有效的UTF-8文本）");
        } else if (scan.has_control) {
            add(errors, "name", "format", "姓名不能含有换行或控制字符");
        } else if (scan.has_digit) {
            add(errors, "name", "format", "姓名不能含有数字：" + in_quotes(elder.name));
        } else if (scan.chars < kNameMin) {
            add(errors, "name", "too_short", "姓名至少2个字（现有" + std::to_string(scan.chars) + "个字）");
        } else if (scan.chars > kNameMax) {
            add(errors, "name", "too_long", "姓名不能超过20个字（现有" + std::to_string(scan.chars) + "个字）");
        }
    }

    // ---- resident ID; birth date and sex are derived from it ----
    bool have_age = false;
    int age = 0;
    if (!elder.id_number.empty() && elder.id_number.back() == 'x') elder.id_number.back() = 'X';
    if (elder.id_number.empty()) {
        add(errors, "id_number", "required", "身份证号不能为空");
    } else {
        IdCheck check = check_resident_id(elder.id_number, today);
        if (!check.ok) {
            add(errors, "id_number", check.failed_part.empty() ? "format" : check.failed_part,
                check.message_zh.empty() ? "身份证号格式错误" : check.message_zh);
        } else {
            elder.birth_date = check.birth;
            elder.sex = check.sex == Sex::Male ? "male" : "female";
            have_age = true;
            age = age_on(check.birth, today);
            if (age < kMinAge) {
                add(errors, "id_number", "too_young",
                    "服务对象应年满60周岁：按身份证号出生日期 " + format_date(check.birth) + " 计算，今天为" +
                        std::to_string(age) + "岁");
            }
        }
    }

    // ---- phone (optional) ----
    if (!elder.phone.empty()) {
        PhoneCheck phone = check_mobile(elder.phone);
        if (!phone.ok) {
            add(errors, "phone", "format", phone.message_zh.empty() ? "手机号应为11位数字" : phone.message_zh);
        }
    }

    // ---- town and address ----
    if (elder.town_id == 0) {
        add(errors, "town_id", "required", "请选择所属镇街");
    } else if (known_town_ids.count(elder.town_id) == 0) {
        add(errors, "town_id", "unknown", "镇街不存在（编号 " + std::to_string(elder.town_id) + "）");
    }
    check_text(errors, "community", "村（社区）", elder.community);
    check_text(errors, "address", "地址", elder.address);

    // ---- categories and disability level ----
    bool disabled = elder.categories.count(ElderCategory::Disabled) != 0;
    if (disabled && elder.disability == DisabilityLevel::None) {
        add(errors, "disability", "required", "类别含“失能”时须填写失能等级（轻度/中度/重度/完全）");
    } else if (!disabled && elder.disability != DisabilityLevel::None) {
        add(errors, "disability", "inconsistent",
            std::string("失能等级为“") + label_zh(elder.disability) + "”，但类别中没有“失能”");
    }
    if (elder.categories.count(ElderCategory::AdvancedAge) != 0 && have_age && age < kAdvancedAge) {
        add(errors, "categories", "inconsistent",
            "类别“高龄”要求年满80周岁，按身份证号计算为" + std::to_string(age) + "岁");
    }

    // ---- subsidy tier ----
    if (!elder.subsidy_tier.empty() && elder.subsidy_tier != "a" && elder.subsidy_tier != "b" &&
        elder.subsidy_tier != "c") {
        add(errors, "subsidy_tier", "format", "补贴档次应为 a、b、c 或留空，实际为" + in_quotes(elder.subsidy_tier));
    }

    // ---- status and date of death ----
    if (elder.status == ElderStatus::Deceased && !elder.death_date) {
        add(errors, "death_date", "required", "状态为“死亡”时须填写死亡日期");
    } else if (elder.status != ElderStatus::Deceased && elder.death_date) {
        add(errors, "death_date", "inconsistent",
            std::string("只有状态为“死亡”时才能填写死亡日期（当前状态：") + label_zh(elder.status) + "）");
    } else if (elder.death_date) {
        if (have_age && *elder.death_date < elder.birth_date) {
            // The birth date is not named: a role that sees the ID masked must not learn it from a refusal.
            add(errors, "death_date", "before_birth",
                "死亡日期 " + format_date(*elder.death_date) + " 早于身份证号中的出生日期");
        } else if (today < *elder.death_date) {
            add(errors, "death_date", "future",
                "死亡日期 " + format_date(*elder.death_date) + " 晚于今天（" + format_date(today) + "）");
        }
    }

    // ---- enrolments ----
    for (std::size_t i = 0; i < elder.enrolments.size(); ++i) {
        const Enrolment& en = elder.enrolments[i];
        std::string field = "enrolments[" + std::to_string(i) + "]";
        std::string where = "第" + std::to_string(i + 1) + "项服务项目";
        if (en.programme.empty() || is_blank(en.programme)) {
            add(errors, field + ".programme", "required", where + "：项目名称不能为空");
        }
        if (en.to && *en.to < en.from) {
            add(errors, field + ".to", "inconsistent",
                where + "：结束日期 " + format_date(*en.to) + " 早于开始日期 " + format_date(en.from));
        }
    }
    return errors;
}

// ---- JSON body -> Elder --------------------------------------------------------------------------
namespace {

struct BodyReader {
    const nlohmann::json& body;
    std::vector<FieldError>& errors;

    void wrong_type(const std::string& field, const std::string& label, const std::string& expected) {
        add(errors, field, "type", label + "应为" + expected);
    }

    void text(const char* key, const char* label, std::string& out) {
        auto it = body.find(key);
        if (it == body.end() || it->is_null()) return;
        if (!it->is_string()) return wrong_type(key, label, "文本");
        out = it->get<std::string>();
    }

    void integer(const char* key, const char* label, std::int64_t& out) {
        auto it = body.find(key);
        if (it == body.end() || it->is_null()) return;
        if (!it->is_number_integer()) return wrong_type(key, label, "整数");
        out = it->get<std::int64_t>();
    }

    static std::optional<Date> date_of_json(const nlohmann::json& j) {
        if (!j.is_string()) return std::nullopt;
        return parse_date(j.get_ref<const std::string&>());
    }

    void date(const char* key, const char* label, Date& out) {
        auto it = body.find(key);
        if (it == body.end() || it->is_null()) return;
        auto d = date_of_json(*it);
        if (!d) return wrong_type(key, label, "YYYY-MM-DD 格式的日期");
        out = *d;
    }

    void optional_date(const char* key, const char* label, std::optional<Date>& out) {
        auto it = body.find(key);
        if (it == body.end() || it->is_null()) {
            out.reset();
            return;
        }
        auto d = date_of_json(*it);
        if (!d) return wrong_type(key, label, "YYYY-MM-DD 格式的日期或空");
        out = d;
    }

    // `parse` is a callable (a lambda, not a function pointer: em++ 3.1.6 mis-types address-taken functions
    // returning std::optional across objects and warns at link time).
    template <typename E, typename Parse>
    void code(const char* key, const char* label, Parse parse, E& out) {
        auto it = body.find(key);
        if (it == body.end() || it->is_null()) return;
        if (!it->is_string()) return wrong_type(key, label, "代码文本");
        auto v = parse(it->get_ref<const std::string&>());
        if (!v) {
            add(errors, key, "unknown_code", label + std::string("代码未知：") + in_quotes(it->get<std::string>()));
            return;
        }
        out = *v;
    }

    void categories(std::set<ElderCategory>& out) {
        auto it = body.find("categories");
        if (it == body.end() || it->is_null()) return;
        if (!it->is_array()) return wrong_type("categories", "类别", "类别代码数组");
        std::set<ElderCategory> parsed;
        for (const auto& item : *it) {
            if (!item.is_string()) return wrong_type("categories", "类别", "类别代码数组");
            auto v = parse_ElderCategory(item.get_ref<const std::string&>());
            if (!v) {
                add(errors, "categories", "unknown_code", "未知的类别代码：" + in_quotes(item.get<std::string>()));
                continue;
            }
            parsed.insert(*v);
        }
        out = std::move(parsed);
    }

    void home(GeoPoint& out) {
        auto it = body.find("home");
        if (it == body.end() || it->is_null()) return;
        const char* expected = "含 lat_e6、lon_e6 两个整数的对象";
        if (!it->is_object() || it->size() != 2 || !it->contains("lat_e6") || !it->contains("lon_e6")) {
            return wrong_type("home", "住址坐标", expected);
        }
        const auto& lat = (*it)["lat_e6"];
        const auto& lon = (*it)["lon_e6"];
        if (!lat.is_number_integer() || !lon.is_number_integer()) return wrong_type("home", "住址坐标", expected);
        auto la = lat.get<std::int64_t>();
        auto lo = lon.get<std::int64_t>();
        if (la < -90000000 || la > 90000000 || lo < -180000000 || lo > 180000000) {
            add(errors, "home", "range", "住址坐标超出范围（纬度±90度、经度±180度，单位为百万分之一度）");
            return;
        }
        out.lat_e6 = static_cast<std::int32_t>(la);
        out.lon_e6 = static_cast<std::int32_t>(lo);
    }

    void enrolments(std::vector<Enrolment>& out) {
        auto it = body.find("enrolments");
        if (it == body.end() || it->is_null()) return;
        if (!it->is_array()) return wrong_type("enrolments", "服务项目", "数组");
        std::vector<Enrolment> parsed;
        for (std::size_t i = 0; i < it->size(); ++i) {
            const auto& item = (*it)[i];
            std::string field = "enrolments[" + std::to_string(i) + "]";
            std::string where = "第" + std::to_string(i + 1) + "项服务项目";
            if (!item.is_object()) {
                wrong_type(field, where, "含 programme、from、to 的对象");
                continue;
            }
            Enrolment en;
            bool ok = true;
            for (const auto& [k, v] : item.items()) {
                if (k != "programme" && k != "from" && k != "to" && k != "reason") {
                    add(errors, field + "." + k, "unknown_field", where + "：未知字段" + in_quotes(k));
                    ok = false;
                }
            }
            auto p = item.find("programme");
            if (p == item.end() || !p->is_string()) {
                wrong_type(field + ".programme", where + "的项目名称", "文本");
                ok = false;
            } else {
                en.programme = p->get<std::string>();
            }
            auto f = item.find("from");
            auto from = f == item.end() ? std::nullopt : date_of_json(*f);
            if (!from) {
                wrong_type(field + ".from", where + "的开始日期", "YYYY-MM-DD 格式的日期");
                ok = false;
            } else {
                en.from = *from;
            }
            auto t = item.find("to");
            if (t != item.end() && !t->is_null()) {
                auto to = date_of_json(*t);
                if (!to) {
                    wrong_type(field + ".to", where + "的结束日期", "YYYY-MM-DD 格式的日期或空");
                    ok = false;
                } else {
                    en.to = to;
                }
            }
            // Why it ended (拆机原因, from the subscriber ledger): sent back as read, so an edit keeps it.
            auto why = item.find("reason");
            if (why != item.end() && !why->is_null()) {
                if (!why->is_string() || why->get<std::string>().size() > 200) {
                    wrong_type(field + ".reason", where + "的结束原因", "不超过200字节的文本");
                    ok = false;
                } else {
                    en.reason = why->get<std::string>();
                }
            }
            if (ok) parsed.push_back(std::move(en));
        }
        out = std::move(parsed);
    }
};

// Every key an elder body may carry (the keys of to_json(Elder), so a client can send back what it got).
constexpr std::string_view kElderKeys[] = {
    "id",      "name",       "id_number", "birth_date", "sex",          "phone",        "town_id",
    "community", "address",  "categories", "disability", "subsidy_tier", "status",      "death_date",
    "health_notes", "enrolments", "home",  "version", "age",   // age: sent instead of birth_date, ignored
};

}  // namespace

std::vector<FieldError> elder_from_request(const nlohmann::json& body, Elder& out) {
    std::vector<FieldError> errors;
    if (!body.is_object()) {
        add(errors, "", "type", "请求内容应为JSON对象");
        return errors;
    }
    for (const auto& [key, value] : body.items()) {
        bool known = false;
        for (auto k : kElderKeys) known = known || key == k;
        if (!known) add(errors, key, "unknown_field", "未知字段" + in_quotes(key) + "（请检查拼写）");
    }

    Elder e;
    BodyReader r{body, errors};
    r.integer("id", "编号", e.id);
    r.text("name", "姓名", e.name);
    r.text("id_number", "身份证号", e.id_number);
    r.date("birth_date", "出生日期", e.birth_date);
    r.text("sex", "性别", e.sex);
    r.text("phone", "手机号", e.phone);
    r.integer("town_id", "镇街编号", e.town_id);
    r.text("community", "村（社区）", e.community);
    r.text("address", "地址", e.address);
    r.categories(e.categories);
    r.code("disability", "失能等级", [](std::string_view s) { return parse_DisabilityLevel(s); }, e.disability);
    r.text("subsidy_tier", "补贴档次", e.subsidy_tier);
    r.code("status", "状态", [](std::string_view s) { return parse_ElderStatus(s); }, e.status);
    r.optional_date("death_date", "死亡日期", e.death_date);
    r.text("health_notes", "健康情况", e.health_notes);
    r.enrolments(e.enrolments);
    r.home(e.home);
    r.integer("version", "版本号", e.version);
    if (!e.sex.empty() && e.sex != "male" && e.sex != "female") {
        add(errors, "sex", "format", "性别应为 male 或 female（也可留空，由身份证号推算）");
    }

    if (errors.empty()) out = std::move(e);   // nothing half-written
    return errors;
}

void to_json(nlohmann::json& j, const FieldError& e) {
    j = nlohmann::json{{"field", e.field}, {"code", e.code}, {"message", e.message_zh}};
}

void from_json(const nlohmann::json& j, FieldError& e) {
    e.field = j.value("field", std::string());
    e.code = j.value("code", std::string());
    e.message_zh = j.value("message", std::string());
}

}  // namespace yiyang
