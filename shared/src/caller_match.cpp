// Caller lookup by name: the query's shape and the short-list entry (caller_match.hpp).
#include "yiyang/caller_match.hpp"

#include "yiyang/identity.hpp"
#include "yiyang/knowledge.hpp"

namespace yiyang {

CallerNameCheck check_caller_name(std::string_view text) {
    std::size_t chars = utf8_length(text);
    for (char c : text) {
        const unsigned char u = static_cast<unsigned char>(c);
        if ((u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z')) {
            return {false, "按姓名查找时不能包含数字或字母：号码请输入完整的11位手机号或18位身份证号"};
        }
        if (u == ' ' || u == '*' || u == '%' || u == '_') return {false, "姓名中不能包含空格或 * % _ 等符号"};
    }
    if (chars < kCallerNameMinChars) return {false, "请至少输入姓名中的 2 个字"};
    if (chars > kCallerNameMaxChars) return {false, "姓名最多 20 个字"};
    return {true, ""};
}

std::string age_band_zh(int age) {
    if (age < 0) return "";
    if (age >= 100) return "100岁以上";
    const int lo = age / 5 * 5;
    return std::to_string(lo) + "–" + std::to_string(lo + 4) + "岁";
}

CallerCandidateFields caller_candidate(const Elder& stored, const ElderFieldPolicy& policy, const Date& today) {
    CallerCandidateFields c;
    c.elder_id = stored.id;
    c.name = policy.full_name ? stored.name : mask_name(stored.name);
    c.phone = stored.phone.empty() ? std::string() : mask_phone(stored.phone);
    c.age_band = stored.id_number.empty() ? std::string() : age_band_zh(age_on(stored.birth_date, today));
    c.status = stored.status;
    return c;
}

}  // namespace yiyang
