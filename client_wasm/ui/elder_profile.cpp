// Elder profile panel (view and edit; "新增服务对象" for a new one): every field with its validation message
// in red under it — live from shared validate_elder (once the field was edited or a save was tried) and from
// the server's 422 `fields` — 保存, and the version-conflict banner with 刷新.
#include <algorithm>
#include <set>
#include <string>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

const char* sex_label(const std::string& sex) {
    if (sex == "male") return "男";
    if (sex == "female") return "女";
    return "—";
}

const char* tier_label(const std::string& tier) {
    if (tier == "a") return "A档";
    if (tier == "b") return "B档";
    if (tier == "c") return "C档";
    return "无";
}

const char* programme_label(const std::string& p) {
    if (p == "home_visit") return "居家上门服务";
    if (p == "info_service") return "信息化服务";
    if (p == "physical_service") return "实体服务";
    return p.c_str();
}

// One form: the panel edits a copy and hands it back in an EditElder intent.
struct FormCtx {
    const AppState& s;
    ElderForm f;
    bool changed = false;
    float label_w = 0;
    bool stacked = false;   // one column, the label above its field (a narrow window at large text)

    // The message for a field: server message always; local (shared validate_elder) once touched.
    std::string message(const std::string& field) const {
        std::string out;
        auto srv = s.field_errors.server.find(field);
        if (srv != s.field_errors.server.end()) out = srv->second;
        auto loc = s.field_errors.local.find(field);
        const bool show_local = s.form && (s.form->show_all_errors || s.form->touched.count(field));
        if (loc != s.field_errors.local.end() && show_local && out.find(loc->second) == std::string::npos) {
            if (!out.empty()) out += "；";
            out += loc->second;
        }
        return out;
    }

    // Label cell + field cell of a two-column form table; the field's error goes under it.
    // Stacked: one cell, the label above the field.
    void row(const char* label) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(label);
        if (!stacked) ImGui::TableNextColumn();
    }

    void text_field(const char* label, const std::string& field, std::string& value, const char* hint = "",
                    ImGuiInputTextFlags flags = 0) {
        row(label);
        ImGui::SetNextItemWidth(-1);
        const std::string id = "##" + field;
        const bool locked = f.read_only || f.masked_fields.count(field) != 0;
        if (locked) {
            flags |= ImGuiInputTextFlags_ReadOnly;
            ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::GetStyleColorVec4(ImGuiCol_WindowBg));
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        }
        if (ImGui::InputTextWithHint(id.c_str(), hint, &value, flags)) changed = true;
        if (locked) ImGui::PopStyleColor(2);
        if (ImGui::IsItemDeactivatedAfterEdit() && !f.touched.count(field)) {
            f.touched.insert(field);
            changed = true;
        }
        tag("profile." + field);
        field_error("profile", field, message(field));
    }

    void touch(const std::string& field) {
        f.touched.insert(field);
        changed = true;
    }
};

void basic_section(FormCtx& c) {
    const AppState& s = c.s;
    Elder& e = c.f.elder;
    c.text_field("姓名", "name", e.name, "2至20个字");
    c.text_field("身份证号", "id_number", e.id_number, "18位居民身份证号", ImGuiInputTextFlags_CharsNoBlank);

    // Roles that see the ID number masked get the age, not the birth date (it would give the ID back).
    c.row(c.f.derived_age ? "年龄 / 性别" : "出生日期 / 性别");
    {
        std::string derived = "—";
        if (c.f.derived_birth) {
            derived = format_date(*c.f.derived_birth) + "　" + sex_label(c.f.derived_sex) + "　" +
                      std::to_string(age_on(*c.f.derived_birth, s.today)) + "岁";
        } else if (c.f.derived_age) {
            derived = std::to_string(*c.f.derived_age) + "岁　" + sex_label(c.f.derived_sex);
        }
        ImGui::AlignTextToFramePadding();
        colored_text(derived, colors::kMuted);
        tag("profile.derived");
        tag_text("profile.derived", derived);
        same_line_wrap(ImGui::CalcTextSize("（由身份证号推算）").x);   // below when the cell is narrow
        colored_text("（由身份证号推算）", colors::kMuted);
    }

    c.text_field("手机号", "phone", e.phone, "11位手机号，可不填", ImGuiInputTextFlags_CharsNoBlank);

    c.row("所属镇街");
    {
        std::string preview = "请选择";
        const Town* town = nullptr;
        for (const auto& t : s.towns) {
            if (t.id == e.town_id) town = &t;
        }
        if (town) preview = town->name;
        else if (e.town_id != 0) preview = s.profile_town_name.empty() ? "#" + std::to_string(e.town_id) : s.profile_town_name;
        ImGui::SetNextItemWidth(-1);
        if (c.f.read_only) ImGui::BeginDisabled();
        if (ImGui::BeginCombo("##town_id", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
            for (const auto& t : s.towns) {
                if (ImGui::Selectable((t.name + "##" + std::to_string(t.id)).c_str(), t.id == e.town_id)) {
                    if (e.town_id != t.id) e.community.clear();
                    e.town_id = t.id;
                    c.touch("town_id");
                }
                tag("profile.town_option." + std::to_string(t.id));
            }
            ImGui::EndCombo();
        }
        if (c.f.read_only) ImGui::EndDisabled();
        tag("profile.town_id");
        field_error("profile", "town_id", c.message("town_id"));

        // Community: the town's list when it has one, free text otherwise.
        if (town && !town->communities.empty() && !c.f.read_only) {
            c.row("村（社区）");
            ImGui::SetNextItemWidth(-1);
            const char* cp = e.community.empty() ? "请选择" : e.community.c_str();
            if (ImGui::BeginCombo("##community", cp, ImGuiComboFlags_HeightLarge)) {
                for (std::size_t k = 0; k < town->communities.size(); ++k) {
                    const std::string& name = town->communities[k];
                    if (ImGui::Selectable(name.c_str(), name == e.community)) {
                        e.community = name;
                        c.touch("community");
                    }
                    tag("profile.community_option." + std::to_string(k));
                }
                ImGui::EndCombo();
            }
            tag("profile.community");
            field_error("profile", "community", c.message("community"));
        } else {
            c.text_field("村（社区）", "community", e.community);
        }
    }
    c.text_field("地址", "address", e.address, "街道门牌，100字以内");

    if (!e.enrolments.empty()) {
        c.row("服务项目");
        for (const auto& en : e.enrolments) {
            std::string line = std::string(programme_label(en.programme)) + "：" + format_date(en.from) + " 至 " +
                               (en.to ? format_date(*en.to) : std::string("今"));
            wrapped_text(line, colors::kMuted);
        }
        std::set<std::string> fields;
        for (const auto& [field, msg] : s.field_errors.server) fields.insert(field);
        for (const auto& [field, msg] : s.field_errors.local) fields.insert(field);
        for (const auto& field : fields) {
            if (field.rfind("enrolments", 0) == 0) field_error("profile", field, c.message(field));
        }
    }
}

void category_section(FormCtx& c) {
    Elder& e = c.f.elder;
    c.row("类别");
    {
        // Up to three aligned columns, as many as the longest label leaves room for (no checkbox leaves the form).
        float label_w = 0;
        for (ElderCategory cat : all_ElderCategorys()) label_w = std::max(label_w, ImGui::CalcTextSize(label_zh(cat)).x);
        const float cell_w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + label_w +
                             ImGui::GetStyle().ItemSpacing.x;
        const int per_row = std::clamp(static_cast<int>(ImGui::GetContentRegionAvail().x / cell_w), 1, 3);
        const float col_w = std::max(cell_w, ImGui::GetContentRegionAvail().x / static_cast<float>(per_row));
        int i = 0;
        if (c.f.read_only) ImGui::BeginDisabled();
        ImGui::BeginGroup();
        for (ElderCategory cat : all_ElderCategorys()) {
            // Inside a group SameLine's offset counts from the group's start: three aligned columns.
            if (i % per_row != 0) ImGui::SameLine(col_w * static_cast<float>(i % per_row));
            bool on = e.categories.count(cat) != 0;
            const std::string label = std::string(label_zh(cat)) + "##cat_" + code(cat);
            if (ImGui::Checkbox(label.c_str(), &on)) {
                if (on) e.categories.insert(cat);
                else e.categories.erase(cat);
                if (cat == ElderCategory::Disabled && !on) e.disability = DisabilityLevel::None;
                c.touch("categories");
                c.touch("disability");
            }
            tag(std::string("profile.category.") + code(cat));
            ++i;
        }
        ImGui::EndGroup();
        if (c.f.read_only) ImGui::EndDisabled();
        field_error("profile", "categories", c.message("categories"));
    }

    c.row("失能等级");
    ImGui::SetNextItemWidth(-1);
    if (c.f.read_only) ImGui::BeginDisabled();
    if (ImGui::BeginCombo("##disability", label_zh(e.disability))) {
        for (DisabilityLevel d : all_DisabilityLevels()) {
            if (ImGui::Selectable(label_zh(d), d == e.disability)) {
                e.disability = d;
                c.touch("disability");
            }
        }
        ImGui::EndCombo();
    }
    if (c.f.read_only) ImGui::EndDisabled();
    tag("profile.disability");
    field_error("profile", "disability", c.message("disability"));

    c.row("补贴档次");
    ImGui::SetNextItemWidth(-1);
    if (c.f.read_only) ImGui::BeginDisabled();
    if (ImGui::BeginCombo("##subsidy_tier", tier_label(e.subsidy_tier))) {
        for (const char* t : {"", "a", "b", "c"}) {
            if (ImGui::Selectable(tier_label(t), e.subsidy_tier == t)) {
                e.subsidy_tier = t;
                c.touch("subsidy_tier");
            }
        }
        ImGui::EndCombo();
    }
    if (c.f.read_only) ImGui::EndDisabled();
    tag("profile.subsidy_tier");
    field_error("profile", "subsidy_tier", c.message("subsidy_tier"));

    c.row("状态");
    ImGui::SetNextItemWidth(-1);
    if (c.f.read_only) ImGui::BeginDisabled();
    if (ImGui::BeginCombo("##status", label_zh(e.status))) {
        for (ElderStatus st : all_ElderStatuss()) {
            if (ImGui::Selectable(label_zh(st), st == e.status)) {
                e.status = st;
                c.touch("status");
                c.touch("death_date");
            }
        }
        ImGui::EndCombo();
    }
    if (c.f.read_only) ImGui::EndDisabled();
    tag("profile.status");
    field_error("profile", "status", c.message("status"));

    if (e.status == ElderStatus::Deceased || !c.f.death_date_text.empty() || !c.message("death_date").empty()) {
        c.text_field("死亡日期", "death_date", c.f.death_date_text, "YYYY-MM-DD", ImGuiInputTextFlags_CharsNoBlank);
    }

    if (!c.s.can_see_health) return;                  // personal health data: not for this role
    c.row("健康情况");
    ImGui::SetNextItemWidth(-1);
    ImGuiInputTextFlags hflags = c.f.read_only ? ImGuiInputTextFlags_ReadOnly : 0;
    if (ImGui::InputTextMultiline("##health_notes", &e.health_notes, ImVec2(-1, ImGui::GetTextLineHeight() * 3.6f),
                                  hflags)) {
        c.changed = true;
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) c.touch("health_notes");
    tag("profile.health_notes");
    field_error("profile", "health_notes", c.message("health_notes"));
}

bool begin_form_table(const char* id, float label_w, bool stacked) {
    if (!ImGui::BeginTable(id, stacked ? 1 : 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX)) return false;
    if (!stacked) ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, label_w);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    return true;
}

}  // namespace

Intents draw_elder_profile(const AppState& s) {
    Intents out;
    if (!s.form) return out;
    const ElderForm& form = *s.form;

    // ---- header: title, back, reload, save ----
    const char* title = form.is_new ? "新增服务对象" : "服务对象档案";
    heading(title);
    tag_text("profile.title", title);
    if (!form.is_new) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(4));
        colored_text(form.elder.name + "（编号 " + std::to_string(form.elder.id) + "）", colors::kMuted);
    }
    const ImGuiStyle& st = ImGui::GetStyle();
    const float back_w = ImGui::CalcTextSize("返回列表").x + st.FramePadding.x * 2;
    const float save_w = ImGui::CalcTextSize("保存").x + st.FramePadding.x * 2 + px(24);
    const float reload_w = ImGui::CalcTextSize("刷新").x + st.FramePadding.x * 2;
    float right = ImGui::GetWindowContentRegionMax().x;
    float x = right - save_w - st.ItemSpacing.x - back_w;
    if (!form.is_new) x -= reload_w + st.ItemSpacing.x;
    same_line_right(right - x);   // on the next line when the title leaves no room (large text, portrait)
    if (ImGui::Button("返回列表")) out.push_back(Navigate{Screen::ElderList});
    tag("profile.back");
    if (!form.is_new) {
        ImGui::SameLine();
        if (ImGui::Button("刷新")) out.push_back(ReloadElder{});
        tag("profile.reload");
    }
    ImGui::SameLine();
    const bool busy = s.pending_requests > 0;
    const bool disabled = form.read_only || busy;
    if (disabled) ImGui::BeginDisabled();
    if (primary_button("保存", ImVec2(save_w, 0))) out.push_back(SaveElder{});
    if (disabled) ImGui::EndDisabled();
    tag("profile.save");

    if (s.version_conflict) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, vec(palette::kErrorTint));
        ImGui::BeginChild("profile.conflict", ImVec2(0, ImGui::GetFrameHeightWithSpacing() + px(12)), true);
        ImGui::AlignTextToFramePadding();
        colored_text("该记录已被他人修改，请刷新后再编辑", colors::kError);
        ImGui::SameLine();
        if (ImGui::Button("刷新##conflict")) out.push_back(ReloadElder{});
        tag("profile.conflict.reload");
        ImGui::EndChild();
        ImGui::PopStyleColor();
        tag("profile.conflict");
        tag_text("profile.conflict", "该记录已被他人修改，请刷新后再编辑");
    }
    if (form.read_only) muted("当前账号只能查看此档案，无编辑权限。");
    else if (!form.masked_fields.empty()) muted("带 * 的字段已按权限隐藏，保存时保持原值不变。");
    if (s.last_save_ok) tag_text("profile.save_result", *s.last_save_ok ? "ok" : "failed");

    // Messages for fields the form does not show (e.g. sex, birth_date) go on top.
    {
        static const char* const shown[] = {"name", "id_number", "phone", "town_id", "community", "address",
                                            "categories", "disability", "subsidy_tier", "status", "death_date",
                                            "health_notes"};
        auto is_shown = [&](const std::string& field) {
            if (field.rfind("enrolments", 0) == 0) return !form.elder.enrolments.empty();
            if (field == "health_notes") return s.can_see_health;
            for (const char* f : shown) {
                if (field == f) return true;
            }
            return false;
        };
        for (const auto& [field, msg] : s.field_errors.server) {
            if (!is_shown(field)) field_error("profile", field.empty() ? "form" : field, msg);
        }
        if (form.show_all_errors) {
            for (const auto& [field, msg] : s.field_errors.local) {
                if (!is_shown(field) && !s.field_errors.server.count(field)) field_error("profile", field, msg);
            }
        }
    }

    // ---- the form: two columns on wide screens, one on narrow ----
    FormCtx c{s, form};
    c.label_w = px(128);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(12), px(10)));
    ImGui::BeginChild("profile.form", ImVec2(0, 0), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    const bool two_columns = ImGui::GetContentRegionAvail().x > px(900);
    // Label beside the field while the field keeps 14 characters, else above it (portrait at large text).
    c.stacked = !two_columns && ImGui::GetContentRegionAvail().x < c.label_w + em(14);
    if (two_columns) {
        if (ImGui::BeginTable("profile.columns", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            heading("基本信息");
            if (begin_form_table("profile.basic", c.label_w, c.stacked)) {
                basic_section(c);
                ImGui::EndTable();
            }
            ImGui::TableNextColumn();
            heading("类别与补贴");
            if (begin_form_table("profile.category", c.label_w, c.stacked)) {
                category_section(c);
                ImGui::EndTable();
            }
            ImGui::EndTable();
        }
    } else {
        heading("基本信息");
        if (begin_form_table("profile.basic", c.label_w, c.stacked)) {
            basic_section(c);
            ImGui::EndTable();
        }
        heading("类别与补贴");
        if (begin_form_table("profile.category", c.label_w, c.stacked)) {
            category_section(c);
            ImGui::EndTable();
        }
    }
    ImGui::EndChild();

    if (c.changed && !form.read_only) out.push_back(EditElder{c.f});
    return out;
}

}  // namespace yiyang::client::ui
