// The demo city generator (demo_city.hpp): Zhongshan's towns, elders, providers, work orders and service
// records from a seed. Integer arithmetic only, ordered containers and total-order sorts, so the native and
// the WebAssembly builds stream byte-identical cities; objects are reused so a city-scale run stays fast.
#include "yiyang/demo_city.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <iterator>
#include <queue>
#include <string_view>

#include "yiyang/identity.hpp"
#include "yiyang/rng.hpp"

namespace yiyang {

// [SECTION] scales ----------------------------------------------------------------------------------
std::optional<DemoScale> demo_scale(std::string_view name) {
    if (name == "tiny") return DemoScale{"tiny", 300, 12, 400, 1200, 2};
    if (name == "demo") return DemoScale{"demo", 6000, 60, 8000, 24000, 4};
    if (name == "city") return DemoScale{"city", 600000, 400, 2000000, 6000000, 12};
    return std::nullopt;
}

namespace {

// [SECTION] towns -----------------------------------------------------------------------------------
struct TownSeed {
    const char* code;
    const char* name;
    const char* legacy_name;   // how older provider names refer to it (石岐区, 火炬开发区)
    bool street;
    std::int32_t lat_e6;
    std::int32_t lon_e6;
    std::int64_t elder_weight;  // relative size of the over-60 population
    std::array<const char*, 5> communities;
};

// Approximate centres: the city proper (石岐/东区/西区/南区) around 22.52N 113.38E, the north-western
// industrial towns (小榄, 古镇, 东凤, 南头, 黄圃, 阜沙), the east (中山港, 民众, 南朗) and the south (坦洲,
// 三乡, 神湾).
constexpr std::array<TownSeed, 23> kTownSeeds{{
    {"shiqi", "石岐街道", "石岐区", true, 22522000, 113383000, 90, {"悦来社区", "员峰社区", "太平社区", "凤鸣社区", "仁厚社区"}},
    {"dongqu", "东区街道", "东区", true, 22517000, 113408000, 80, {"库充社区", "长江社区", "竹苑社区", "槎桥社区", "起湾社区"}},
    {"xiqu", "西区街道", "西区", true, 22523000, 113352000, 50, {"沙朗社区", "彩虹社区", "长洲社区", "烟洲社区", "隆平社区"}},
    {"nanqu", "南区街道", "南区", true, 22478000, 113372000, 30, {"城南社区", "马岭社区", "竹秀园社区", "北溪社区", "环城社区"}},
    {"wuguishan", "五桂山街道", "五桂山", true, 22431000, 113441000, 10, {"长命水社区", "石鼓社区", "南桥社区", "龙塘社区", "桂南社区"}},
    {"zhongshangang", "中山港街道", "火炬开发区", true, 22556000, 113478000, 70, {"张家边社区", "濠头社区", "小隐社区", "江尾头社区", "沙边社区"}},
    {"minzhong", "民众街道", "民众", true, 22622000, 113497000, 30, {"民众社区", "浪网社区", "新伦村", "沙仔村", "三墩村"}},
    {"nanlang", "南朗街道", "南朗", true, 22492000, 113532000, 40, {"南朗社区", "翠亨村", "崖口村", "榄边社区", "横门社区"}},
    {"huangpu", "黄圃镇", "黄圃镇", false, 22709000, 113342000, 40, {"兴圃社区", "石军社区", "马新社区", "横档社区", "大岑村"}},
    {"dongfeng", "东凤镇", "东凤镇", false, 22684000, 113283000, 40, {"东凤社区", "同安村", "小沥社区", "穗成村", "吉昌社区"}},
    {"guzhen", "古镇镇", "古镇镇", false, 22612000, 113186000, 50, {"古镇社区", "海洲村", "曹步村", "冈东村", "七坊村"}},
    {"shaxi", "沙溪镇", "沙溪镇", false, 22526000, 113327000, 50, {"沙溪社区", "龙瑞村", "象角村", "圣狮村", "涌头社区"}},
    {"tanzhou", "坦洲镇", "坦洲镇", false, 22266000, 113461000, 50, {"坦洲社区", "新合村", "十四村", "合胜社区", "金斗社区"}},
    {"gangkou", "港口镇", "港口镇", false, 22588000, 113389000, 30, {"港口社区", "民主社区", "胜隆社区", "石特社区", "群众社区"}},
    {"sanjiao", "三角镇", "三角镇", false, 22679000, 113421000, 30, {"三角社区", "沙栏村", "结民村", "高平社区", "光明村"}},
    {"henglan", "横栏镇", "横栏镇", false, 22524000, 113256000, 40, {"横栏社区", "四沙村", "新茂村", "永兴社区", "贴边村"}},
    {"nantou", "南头镇", "南头镇", false, 22716000, 113296000, 30, {"南头社区", "穗西村", "将军村", "滘心村", "北帝社区"}},
    {"fusha", "阜沙镇", "阜沙镇", false, 22661000, 113352000, 20, {"阜沙社区", "阜东村", "罗松村", "大有村", "丰联村"}},
    {"sanxiang", "三乡镇", "三乡镇", false, 22355000, 113439000, 50, {"三乡社区", "平南社区", "古鹤村", "雅居乐社区", "前陇村"}},
    {"banfu", "板芙镇", "板芙镇", false, 22412000, 113325000, 20, {"板芙社区", "深湾村", "白溪村", "里溪村", "湖洲村"}},
    {"dachong", "大涌镇", "大涌镇", false, 22469000, 113293000, 20, {"大涌社区", "青岗社区", "南文社区", "旗北社区", "岚田村"}},
    {"shenwan", "神湾镇", "神湾镇", false, 22301000, 113369000, 10, {"神湾社区", "宥南村", "外沙村", "海港社区", "竹排村"}},
    {"xiaolan", "小榄镇", "小榄镇", false, 22668000, 113245000, 100, {"小榄社区", "永宁社区", "绩东一社区", "九洲基社区", "埒西一社区"}},
}};
constexpr std::size_t kTownCount = kTownSeeds.size();
constexpr std::size_t kCommunitiesPerTown = 5;

// Where each community sits relative to its town centre (micro-degrees; 10 000 is about 1.1 km).
constexpr std::array<std::array<std::int32_t, 2>, kCommunitiesPerTown> kCommunityOffsets{{
    {{0, 0}}, {{9000, 7000}}, {{-8000, 9000}}, {{-9000, -6000}}, {{7000, -10000}},
}};

GeoPoint community_point(std::size_t town, std::size_t community) {
    return GeoPoint{kTownSeeds[town].lat_e6 + kCommunityOffsets[community][0],
                    kTownSeeds[town].lon_e6 + kCommunityOffsets[community][1]};
}

// [SECTION] weighted choice -------------------------------------------------------------------------
// Cumulative integer weights; one Rng::between draw per pick, binary search (no floating point).
class WeightTable {
public:
    WeightTable(std::initializer_list<std::int64_t> weights) : WeightTable(std::vector<std::int64_t>(weights)) {}
    explicit WeightTable(const std::vector<std::int64_t>& weights) {
        std::int64_t sum = 0;
        for (auto w : weights) {
            sum += w;
            cumulative_.push_back(sum);
        }
    }
    std::size_t pick(Rng& rng) const {
        std::int64_t x = rng.between(0, cumulative_.back() - 1);
        return static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) -
                                        cumulative_.begin());
    }

private:
    std::vector<std::int64_t> cumulative_;
};

template <typename T, std::size_t N>
const T& pick_from(Rng& rng, const std::array<T, N>& items) {
    return items[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(N) - 1))];
}

// [SECTION] names -----------------------------------------------------------------------------------
// Surnames weighted towards the Pearl River Delta (陈, 李, 黄, 梁 lead in Zhongshan).
constexpr std::array<const char*, 38> kSurnames{{
    "陈", "李", "黄", "梁", "林", "张", "何", "吴", "刘", "郑", "杨", "冯", "罗", "周", "谭", "麦", "邓", "苏", "郭",
    "钟", "萧", "卢", "曾", "徐", "朱", "余", "潘", "高", "蔡", "区", "胡", "彭", "叶", "孙", "马", "欧阳", "司徒", "缪",
}};
const WeightTable& surname_weights() {
    static const WeightTable t{110, 75, 70, 60, 45, 42, 40, 35, 33, 28, 25, 22, 20, 18, 18, 15, 15, 14, 13,
                               12,  12, 12, 11, 10, 10, 10, 9,  8,  8,  6,  7,  6,  8,  5,  5,  2,  1,  2};
    return t;
}
constexpr std::array<const char*, 50> kMaleGiven{{
    "伟", "强", "明", "华", "国", "荣", "建", "兴", "福", "德", "炳", "培", "祥", "贵", "根", "成", "耀",
    "锦", "棠", "添", "财", "旺", "全", "志", "光", "汉", "均", "权", "海", "胜", "泉", "森", "林", "树",
    "坤", "锐", "昌", "发", "松", "柏", "鸿", "达", "文", "武", "庆", "铭", "基", "沛", "灿", "堂",
}};
constexpr std::array<const char*, 48> kFemaleGiven{{
    "好", "娣", "妹", "英", "珍", "兰", "芳", "秀", "群", "凤", "娟", "玉", "琼", "彩", "爱", "桂",
    "月", "金", "银", "带", "容", "洁", "丽", "霞", "莲", "梅", "燕", "萍", "嫦", "妙", "惠", "淑",
    "珠", "卿", "仪", "笑", "雪", "碧", "翠", "荷", "喜", "少", "婵", "美", "佩", "屏", "娇", "婉",
}};

void make_person_name(Rng& rng, bool male, std::string& out) {
    out.assign(kSurnames[surname_weights().pick(rng)]);
    const bool two = rng.chance(85, 100);
    for (int i = 0; i < (two ? 2 : 1); ++i) out += male ? pick_from(rng, kMaleGiven) : pick_from(rng, kFemaleGiven);
}

constexpr std::array<const char*, 20> kRoads{{
    "兴中路", "民生路", "康乐街", "新村大街", "孙文路", "东堤路", "中心路", "兴华路", "富康路", "岐江路",
    "龙山街", "和平街", "长堤路", "沿江路", "新兴街", "朝阳路", "太平路", "仁和街", "福兴路", "德政路",
}};

// [SECTION] small string helpers --------------------------------------------------------------------
// Decimal digits of a non-negative number, at least `width` of them (zero-padded), in one append.
void append_padded(std::string& s, std::int64_t v, int width) {
    char buf[24];
    char* end = buf + sizeof buf;
    char* p = end;
    auto m = static_cast<std::uint64_t>(v < 0 ? 0 : v);
    do {
        *--p = static_cast<char>('0' + m % 10);
        m /= 10;
    } while (m != 0);
    while (end - p < width) *--p = '0';
    s.append(p, static_cast<std::size_t>(end - p));
}

void append_int(std::string& s, std::int64_t v) { append_padded(s, v, 1); }

void make_mobile(Rng& rng, std::string& out) {
    static constexpr std::array<const char*, 24> kPrefixes{{
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151",
        "152", "155", "156", "157", "158", "159", "180", "186", "188", "189", "177", "199",
    }};
    out.assign(pick_from(rng, kPrefixes));
    append_padded(out, rng.between(0, 99999999), 8);
}

void make_address(Rng& rng, std::size_t town, std::size_t community, std::string& out) {
    out.assign("中山市");
    out += kTownSeeds[town].name;
    out += kTownSeeds[town].communities[community];
    out += pick_from(rng, kRoads);
    append_int(out, rng.between(1, 188));
    out += "号";
}

GeoPoint jitter(Rng& rng, GeoPoint p, std::int32_t spread) {
    // Sum of two uniforms: denser near the middle, like homes around a community centre.
    p.lat_e6 += static_cast<std::int32_t>(rng.between(-spread, spread) + rng.between(-spread, spread));
    p.lon_e6 += static_cast<std::int32_t>(rng.between(-spread, spread) + rng.between(-spread, spread));
    return p;
}

// [SECTION] organisation codes ----------------------------------------------------------------------
// 统一社会信用代码 (GB 32100-2015): registration office + type, area code, 9-character organisation code
// (GB 11714, with its own check character), and a final check character modulo 31.
constexpr std::string_view kCreditCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int credit_value(char c) {
    auto pos = kCreditCharset.find(c);
    return pos == std::string_view::npos ? 0 : static_cast<int>(pos);
}

void make_credit_code(Rng& rng, bool company, std::string& out) {
    out.assign(company ? "91" : "52");   // 工商-企业 / 民政-社会服务机构
    out += "442000";
    std::string org;
    if (company && rng.chance(1, 2)) {
        org = "MA";
        for (int i = 0; i < 6; ++i) {
            org.push_back(kCreditCharset[static_cast<std::size_t>(rng.between(0, 30))]);
        }
    } else {
        for (int i = 0; i < 8; ++i) org.push_back(static_cast<char>('0' + rng.between(0, 9)));
    }
    static constexpr std::array<int, 8> kOrgWeights{{3, 7, 9, 10, 5, 8, 4, 2}};
    int sum = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        char c = org[i];
        int v = (c >= '0' && c <= '9') ? c - '0' : c - 'A' + 10;
        sum += v * kOrgWeights[i];
    }
    int c9 = 11 - sum % 11;
    org.push_back(c9 == 10 ? 'X' : c9 == 11 ? '0' : static_cast<char>('0' + c9));
    out += org;
    static constexpr std::array<int, 17> kWeights{{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}};
    int total = 0;
    for (std::size_t i = 0; i < 17; ++i) total += credit_value(out[i]) * kWeights[i];
    out.push_back(kCreditCharset[static_cast<std::size_t>((31 - total % 31) % 31)]);
}

// [SECTION] service categories ----------------------------------------------------------------------
constexpr std::size_t kServiceCount = 18;
using SC = ServiceCategory;

std::size_t idx(ServiceCategory c) { return static_cast<std::size_t>(c); }

Fen price_of(ServiceCategory c) {
    switch (c) {
        case SC::Meals: return 1500;
        case SC::Bathing: return 5000;
        case SC::Rehabilitation: return 4000;
        case SC::DayCare: return 6000;
        case SC::Respite: return 8000;
        default: return 3000;
    }
}

// Minutes a session lasts (min, max).
std::array<std::int64_t, 2> minutes_of(ServiceCategory c) {
    switch (c) {
        case SC::Meals: return {20, 40};
        case SC::Bathing: return {40, 80};
        case SC::Cleaning: return {60, 120};
        case SC::Laundry: return {30, 60};
        case SC::Mobility: return {30, 90};
        case SC::MedicalEscort: return {120, 240};
        case SC::Emergency: return {20, 60};
        case SC::Shopping: return {30, 90};
        case SC::Companionship: return {30, 90};
        case SC::Rehabilitation: return {45, 60};
        case SC::DailyCare: return {60, 120};
        case SC::DayCare: return {240, 480};
        case SC::Respite: return {240, 480};
        case SC::HomeVisit: return {30, 90};
        case SC::Assessment: return {30, 60};
        case SC::Errands: return {30, 120};
        case SC::HealthMonitoring: return {15, 30};
        case SC::DataCollection: return {15, 30};
    }
    return {30, 60};
}

struct ProviderKind {
    const char* suffix;
    bool company;                                   // 有限公司 (91) or 民办非企业单位 (52)
    std::vector<ServiceCategory> strengths;
};

const std::array<ProviderKind, 8>& provider_kinds() {
    static const std::array<ProviderKind, 8> kinds{{
        {"居家养老服务中心", false, {SC::HomeVisit, SC::DailyCare, SC::Companionship, SC::Cleaning, SC::Bathing, SC::HealthMonitoring}},
        {"家政服务有限公司", true, {SC::Cleaning, SC::Laundry, SC::Shopping, SC::Errands, SC::DailyCare}},
        {"养老服务有限公司", true, {SC::DailyCare, SC::HomeVisit, SC::Bathing, SC::Respite, SC::DayCare, SC::Meals}},
        {"社会工作服务中心", false, {SC::Companionship, SC::Assessment, SC::DataCollection, SC::Errands, SC::HomeVisit}},
        {"餐饮管理有限公司", true, {SC::Meals, SC::Shopping}},
        {"护理院", false, {SC::Rehabilitation, SC::MedicalEscort, SC::Respite, SC::DailyCare, SC::HealthMonitoring}},
        {"健康管理有限公司", true, {SC::HealthMonitoring, SC::MedicalEscort, SC::Rehabilitation, SC::Assessment, SC::Mobility}},
        {"智慧养老科技有限公司", true, {SC::Emergency, SC::HealthMonitoring, SC::DataCollection}},
    }};
    return kinds;
}
const WeightTable& provider_kind_weights() {
    static const WeightTable t{30, 18, 16, 10, 8, 6, 7, 5};
    return t;
}

constexpr std::array<const char*, 28> kBrands{{
    "颐康", "乐龄", "康乐", "福寿", "安康", "长者", "颐年", "松鹤", "夕阳红", "孝亲", "椿萱", "康桥", "怡乐", "悦龄",
    "慈航", "善德", "仁爱", "和颐", "博爱", "爱心", "百福", "同心", "至善", "香山", "岐江", "康宁", "福满", "乐安",
}};
constexpr std::array<const char*, 5> kPointSuffixes{{"服务站", "长者饭堂", "日间照料中心", "服务点", "康养驿站"}};

// [SECTION] elders: ages, categories ---------------------------------------------------------------
struct AgeBand {
    int lo;
    int hi;
};
constexpr std::array<AgeBand, 9> kAgeBands{{{60, 64}, {65, 69}, {70, 74}, {75, 79}, {80, 84}, {85, 89}, {90, 94}, {95, 99}, {100, 104}}};
const WeightTable& age_band_weights() {   // per mille of the over-60 population
    static const WeightTable t{300, 265, 190, 110, 75, 40, 15, 4, 1};
    return t;
}
constexpr int kMaxAge = 104;
constexpr std::int64_t kMaxAgeDays = (kMaxAge + 2) * 366;

constexpr std::array<const char*, 10> kConditions{{
    "高血压", "糖尿病", "冠心病", "慢性阻塞性肺病", "骨关节炎", "脑卒中后遗症", "认知障碍", "白内障", "听力下降", "骨质疏松",
}};

// [SECTION] work orders -----------------------------------------------------------------------------
const WeightTable& order_type_weights() {   // Consultation, Booking, Referral, Callback, Complaint, Suggestion, Emergency
    static const WeightTable t{455, 320, 80, 75, 25, 25, 20};
    return t;
}
const WeightTable& channel_weights() {      // Hotline, 12345, portal, walk-in, provider report
    static const WeightTable t{620, 100, 150, 70, 60};
    return t;
}
const WeightTable& hour_weights() {         // calls by hour of day, 0..23
    static const WeightTable t{1, 1, 1, 1, 1, 2, 4, 10, 30, 45, 45, 40, 25, 20, 38, 42, 38, 30, 12, 8, 5, 3, 2, 1};
    return t;
}
const WeightTable& service_hour_weights() { // service sessions start, 7..18
    static const WeightTable t{6, 20, 26, 24, 14, 8, 12, 20, 22, 16, 8, 3};
    return t;
}
const WeightTable& satisfaction_weights() { // 1 非常满意 .. 5 很不满意
    static const WeightTable t{640, 270, 55, 25, 10};
    return t;
}
const WeightTable& booking_category_weights() {   // in ServiceCategory order
    static const WeightTable t{14, 8, 14, 4, 3, 10, 0, 4, 5, 5, 12, 4, 3, 12, 3, 4, 5, 1};
    return t;
}
const WeightTable& record_category_weights() {    // physical services delivered, ServiceCategory order
    static const WeightTable t{30, 6, 14, 5, 3, 4, 1, 4, 8, 5, 16, 6, 2, 14, 2, 4, 8, 2};
    return t;
}

constexpr std::array<const char*, 7> kConsultTopics{{
    "咨询养老服务消费补贴申领条件", "咨询高龄津贴办理", "咨询居家养老服务政策", "咨询长者饭堂就餐优惠",
    "咨询平安通（一键呼叫）安装办理", "咨询养老机构入住", "咨询民政通小程序使用方法",
}};
constexpr std::array<const char*, 6> kComplaints{{
    "投诉：服务人员未按约定时间上门", "投诉：服务时长不足", "投诉：服务人员态度不好", "投诉：送餐不及时，饭菜偏凉",
    "投诉：上门服务前未电话联系", "投诉：热线等待时间过长",
}};
constexpr std::array<const char*, 5> kSuggestions{{
    "建议增加长者饭堂的菜式", "建议周末也提供上门助浴", "建议在社区增加服务网点", "建议简化补贴申请材料",
    "建议热线增加粤语服务",
}};
constexpr std::array<const char*, 5> kEmergencies{{
    "一键呼叫：老人在家摔倒，无法起身", "一键呼叫：老人自述胸闷气短", "邻居反映独居老人多日未出门",
    "家属联系不上老人，请求上门查看", "老人外出走失，家属求助",
}};

// A service record before it gets its id: drafts of one day are sorted by (start, seq) and then emitted.
struct RecordDraft {
    LocalSeconds start = 0;
    LocalSeconds end = 0;
    std::int64_t seq = 0;          // creation order: makes the sort key total (identical on every platform)
    std::int32_t provider = 0;     // index into providers
    std::int32_t elder = 0;        // elder id
    std::int64_t order_id = 0;     // 0: not linked to an order
    std::int32_t caregiver = 0;    // index into the caregiver name pool
    ServiceCategory category = SC::DailyCare;
    GeoPoint location;
};
struct LaterFirst {
    bool operator()(const RecordDraft& a, const RecordDraft& b) const {
        return a.start != b.start ? a.start > b.start : a.seq > b.seq;
    }
};

// What the order and record generators need to know about an active elder: kept in the lists they pick
// from, so a random pick touches one cache line (it matters at city scale).
struct ActiveElder {
    GeoPoint home;
    std::int32_t id = 0;
    std::uint8_t town = 0;
};

// [SECTION] the generator ---------------------------------------------------------------------------
class CityGenerator {
public:
    CityGenerator(std::uint64_t seed, const DemoScale& scale, LocalSeconds now, DemoSink& sink)
        : root_(seed), scale_(scale), sink_(sink), today_(date_of(now)), today_days_(days_from_civil(today_)),
          end_instant_(start_of(today_)) {}

    void run() {
        emit_towns();
        make_providers();
        make_elders();
        make_history();
    }

private:
    Rng root_;
    DemoScale scale_;
    DemoSink& sink_;
    Date today_;
    std::int64_t today_days_;
    LocalSeconds end_instant_;       // history ends before this instant (the start of `now`'s day)

    std::vector<Provider> providers_;
    std::vector<std::size_t> provider_home_;     // index into kTownSeeds
    std::vector<const char*> provider_brand_;    // 颐康, 乐龄, ...: its service points carry it too
    std::array<std::vector<std::int32_t>, kTownCount> town_providers_;   // serving (not removed) providers
    std::array<std::array<std::vector<std::int32_t>, kServiceCount>, kTownCount> town_category_providers_;
    std::vector<std::int32_t> serving_providers_;
    std::vector<std::string> caregivers_;

    std::vector<ActiveElder> active_;      // active elders (they call, they are served)
    std::vector<ActiveElder> served_;      // active elders enrolled in physical or home-visit services

    // ---- towns ----------------------------------------------------------------------------------
    void emit_towns() {
        for (const Town& t : zhongshan_towns()) sink_.town(t);
    }

    std::size_t pick_town(Rng& rng) const {
        static const WeightTable weights = [] {
            std::vector<std::int64_t> w;
            for (const auto& t : kTownSeeds) w.push_back(t.elder_weight);
            return WeightTable(w);
        }();
        return weights.pick(rng);
    }

    // ---- providers ------------------------------------------------------------------------------
    void make_providers() {
        Rng rng = root_.fork(0x50524f56);   // "PROV"
        std::set<std::string> names;
        const auto& kinds = provider_kinds();
        const int count = std::max(scale_.providers, 0);
        for (int i = 0; i < count; ++i) {
            Provider p;
            p.id = i + 1;
            std::size_t home = pick_town(rng);
            std::size_t kind = provider_kind_weights().pick(rng);
            const char* brand = nullptr;
            for (int attempt = 0;; ++attempt) {
                std::string name;
                auto form = rng.between(0, 9);
                if (form < 3) {
                    name = "中山市";
                } else if (form < 7) {
                    name = kTownSeeds[home].name;
                } else {
                    name = std::string("中山市") + kTownSeeds[home].legacy_name;
                }
                brand = pick_from(rng, kBrands);
                name += brand;
                name += kinds[kind].suffix;
                if (attempt >= 20) {   // every plain combination taken: a numbered branch
                    name += "第";
                    append_int(name, i + 1);
                    name += "分部";
                }
                if (names.insert(name).second) {
                    p.name = std::move(name);
                    break;
                }
            }
            make_credit_code(rng, kinds[kind].company, p.licence_no);

            // 2-6 categories, strongly preferring what this kind of provider does.
            std::array<std::int64_t, kServiceCount> w{};
            w.fill(1);
            for (auto c : kinds[kind].strengths) w[idx(c)] = 12;
            auto n = rng.between(2, 6);
            for (std::int64_t k = 0; k < n; ++k) {
                std::int64_t sum = 0;
                for (auto x : w) sum += x;
                std::int64_t r = rng.between(0, sum - 1);
                std::size_t c = 0;
                while (r >= w[c]) r -= w[c++];
                p.categories.insert(static_cast<ServiceCategory>(c));
                w[c] = 0;
            }

            p.towns_covered.insert(static_cast<Id>(home + 1));
            auto extra = rng.between(0, 3);
            for (std::int64_t k = 0; k < extra; ++k) p.towns_covered.insert(static_cast<Id>(pick_town(rng) + 1));

            auto s = rng.between(0, 999);
            p.status = s < 880 ? ProviderStatus::Active : s < 960 ? ProviderStatus::Warned : ProviderStatus::Removed;
            p.rating_permille = static_cast<int>(p.status == ProviderStatus::Active   ? rng.between(780, 990)
                                                 : p.status == ProviderStatus::Warned ? rng.between(550, 720)
                                                                                      : rng.between(300, 590));
            p.published_on_miniprogram = p.status != ProviderStatus::Removed && rng.chance(85, 100);
            p.radiates_to_points = rng.chance(15, 100);
            if (rng.chance(6, 10)) {
                p.contact_phone = "0760-";
                p.contact_phone += rng.chance(1, 2) ? "8" : "2";
                append_padded(p.contact_phone, rng.between(0, 9999999), 7);
            } else {
                make_mobile(rng, p.contact_phone);
            }
            auto size = rng.between(0, 9);
            p.staff_count = static_cast<int>(size < 6 ? rng.between(3, 15) : size < 9 ? rng.between(16, 60)
                                                                                     : rng.between(61, 200));
            providers_.push_back(std::move(p));
            provider_home_.push_back(home);
            provider_brand_.push_back(brand);
        }
        ensure_every_town_served();

        Id point_id = 0;
        for (std::size_t i = 0; i < providers_.size(); ++i) {
            Provider& p = providers_[i];
            std::vector<Id> towns(p.towns_covered.begin(), p.towns_covered.end());
            auto n = rng.between(1, 3);
            for (std::int64_t k = 0; k < n; ++k) {
                ServicePoint sp;
                sp.id = ++point_id;
                sp.provider_id = p.id;
                // The first point is in the provider's home town, others in any town it covers.
                std::size_t town = k == 0 ? provider_home_[i]
                                          : static_cast<std::size_t>(towns[static_cast<std::size_t>(rng.between(
                                                0, static_cast<std::int64_t>(towns.size()) - 1))] - 1);
                auto community = static_cast<std::size_t>(rng.between(0, kCommunitiesPerTown - 1));
                sp.town_id = static_cast<Id>(town + 1);
                sp.name = provider_brand_[i];
                sp.name += kTownSeeds[town].communities[community];
                sp.name += pick_from(rng, kPointSuffixes);
                make_address(rng, town, community, sp.address);
                sp.location = jitter(rng, community_point(town, community), 1500);
                p.points.push_back(std::move(sp));
            }
            sink_.provider(p);
        }

        Rng care = root_.fork(0x43415245);  // "CARE"
        caregivers_.resize(512);
        for (auto& c : caregivers_) make_person_name(care, care.chance(15, 100), c);

        for (std::size_t i = 0; i < providers_.size(); ++i) {
            const Provider& p = providers_[i];
            if (p.status == ProviderStatus::Removed) continue;
            auto pi = static_cast<std::int32_t>(i);
            serving_providers_.push_back(pi);
            for (Id t : p.towns_covered) {
                auto town = static_cast<std::size_t>(t - 1);
                town_providers_[town].push_back(pi);
                for (auto c : p.categories) town_category_providers_[town][idx(c)].push_back(pi);
            }
        }
    }

    // Every town gets at least one serving provider: an uncovered town is added to the serving provider
    // with the fewest towns (at most 4 each while any has room).
    void ensure_every_town_served() {
        if (providers_.empty()) return;
        for (std::size_t t = 0; t < kTownCount; ++t) {
            Id town = static_cast<Id>(t + 1);
            bool served = false;
            for (const auto& p : providers_) {
                served = served || (p.status != ProviderStatus::Removed && p.towns_covered.count(town) != 0);
            }
            if (served) continue;
            std::size_t best = providers_.size();
            for (std::size_t i = 0; i < providers_.size(); ++i) {
                if (providers_[i].status == ProviderStatus::Removed) continue;
                if (best == providers_.size() || providers_[i].towns_covered.size() < providers_[best].towns_covered.size()) {
                    best = i;
                }
            }
            if (best == providers_.size()) return;   // every provider removed: nobody can serve
            providers_[best].towns_covered.insert(town);
        }
    }

    // ---- elders ---------------------------------------------------------------------------------
    void make_elders() {
        Rng rng = root_.fork(0x454c4452);   // "ELDR"
        const std::int64_t count = std::max<std::int64_t>(scale_.elders, 0);
        // Sequence numbers by (birth day, sex): unique IDs by construction, no set of a million strings.
        std::vector<std::uint16_t> used(static_cast<std::size_t>(2 * kMaxAgeDays), 0);

        Elder e;
        for (std::int64_t n = 1; n <= count; ++n) {
            e.id = n;
            e.version = 1;

            // Age and birth date: whole years `age` on today, i.e. born in (today - age - 1 years, today - age years].
            const AgeBand band = kAgeBands[age_band_weights().pick(rng)];
            const int age = static_cast<int>(rng.between(band.lo, band.hi));
            const std::int64_t hi = days_from_civil(years_before(today_, age));
            const std::int64_t lo = days_from_civil(years_before(today_, age + 1)) + 1;
            std::int64_t birth_days = rng.between(lo, hi);

            const int female_permille = age < 70 ? 500 : age < 80 ? 530 : 600;
            const bool male = rng.between(0, 999) >= female_permille;

            // Sequence: an affine permutation of the per-day counter over the sex's 500 (499) slots.
            const std::int64_t slots = male ? 500 : 499;
            std::int64_t slot = 0;
            for (;;) {
                auto offset = static_cast<std::size_t>(today_days_ - birth_days);
                if (2 * offset + 1 >= used.size()) used.resize(2 * offset + 2, 0);   // only at absurd scales
                std::uint16_t& counter = used[2 * offset + (male ? 1 : 0)];
                if (counter < slots) {
                    slot = (counter * 173 + (birth_days * 7919) % slots + slots) % slots;
                    ++counter;
                    break;
                }
                --birth_days;   // that day is full: one day older
            }
            const Date birth = civil_from_days(birth_days);
            const std::int64_t sequence = male ? 2 * slot + 1 : 2 * slot + 2;
            e.id_number.assign("442000");
            append_padded(e.id_number, birth.year, 4);
            append_padded(e.id_number, birth.month, 2);
            append_padded(e.id_number, birth.day, 2);
            append_padded(e.id_number, sequence, 3);
            e.id_number.push_back(resident_id_check_char(std::string_view(e.id_number).substr(0, 17)));
            e.birth_date = birth;
            e.sex = male ? "male" : "female";
            const int real_age = age_on(birth, today_);

            make_person_name(rng, male, e.name);
            if (rng.chance(88, 100)) {
                make_mobile(rng, e.phone);
            } else {
                e.phone.clear();
            }

            const std::size_t town = pick_town(rng);
            const auto community = static_cast<std::size_t>(rng.between(0, kCommunitiesPerTown - 1));
            e.town_id = static_cast<Id>(town + 1);
            e.community.assign(kTownSeeds[town].communities[community]);
            make_address(rng, town, community, e.address);
            e.home = jitter(rng, community_point(town, community), 3000);

            // Categories: living situation (one of), economic situation (one of), disability, handicap, age.
            e.categories.clear();
            auto living = rng.between(0, 999);
            if (living < 120) {
                e.categories.insert(ElderCategory::LivingAlone);
            } else if (living < 420) {
                e.categories.insert(ElderCategory::EmptyNest);
            } else if (living < 450) {
                e.categories.insert(ElderCategory::LeftBehind);
            }
            auto economic = rng.between(0, 999);
            if (economic < 50) {
                e.categories.insert(ElderCategory::Subsistence);
            } else if (economic < 65) {
                e.categories.insert(ElderCategory::ExtremePoverty);
            } else if (economic < 85) {
                e.categories.insert(ElderCategory::Marginal);
            }
            const std::int64_t disabled_permille = real_age < 70 ? 40 : real_age < 80 ? 100 : 220;
            e.disability = DisabilityLevel::None;
            if (rng.between(0, 999) < disabled_permille) {
                e.categories.insert(ElderCategory::Disabled);
                auto level = rng.between(0, 99);
                e.disability = level < 45   ? DisabilityLevel::Mild
                               : level < 75 ? DisabilityLevel::Moderate
                               : level < 92 ? DisabilityLevel::Severe
                                            : DisabilityLevel::Complete;
            }
            if (rng.chance(60, 1000)) e.categories.insert(ElderCategory::Handicapped);
            if (real_age >= 80) e.categories.insert(ElderCategory::AdvancedAge);

            const bool poor = e.categories.count(ElderCategory::Subsistence) != 0 ||
                              e.categories.count(ElderCategory::ExtremePoverty) != 0;
            const bool heavy = e.disability == DisabilityLevel::Severe || e.disability == DisabilityLevel::Complete;
            if (poor) {
                e.subsidy_tier = "a";
            } else if (e.categories.count(ElderCategory::Marginal) != 0) {
                e.subsidy_tier = "b";
            } else if (heavy || real_age >= 90) {
                e.subsidy_tier = "c";
            } else {
                e.subsidy_tier.clear();
            }

            // Status: deaths are more frequent with age; suspensions and removals (核减) flat. Leaving happens
            // in the last two years, and not before the 60th birthday.
            const std::int64_t sixty = days_from_civil(years_before(birth, -60));
            const std::int64_t leave_from = std::min(std::max(today_days_ - 700, sixty), today_days_ - 1);
            const std::int64_t death_permille = real_age < 70 ? 10 : real_age < 80 ? 25 : 70;
            auto s = rng.between(0, 999);
            std::optional<std::int64_t> left_on;   // day the elder left the programmes
            if (s < death_permille) {
                e.status = ElderStatus::Deceased;
                left_on = rng.between(leave_from, today_days_ - 1);
                e.death_date = civil_from_days(*left_on);
            } else {
                e.death_date.reset();
                e.status = s < death_permille + 20   ? ElderStatus::Suspended
                           : s < death_permille + 45 ? ElderStatus::Removed
                                                     : ElderStatus::Active;
                if (e.status == ElderStatus::Removed) left_on = rng.between(leave_from, today_days_ - 1);
            }

            e.health_notes.clear();
            if (e.disability != DisabilityLevel::None || rng.chance(25, 100)) {
                e.health_notes = pick_from(rng, kConditions);
                if (rng.chance(1, 3)) {
                    const char* second = pick_from(rng, kConditions);
                    if (e.health_notes != second) {
                        e.health_notes += "、";
                        e.health_notes += second;
                    }
                }
            }

            // Enrolments: information service (平安通-like), physical services, home visits.
            e.enrolments.clear();
            auto enrol = [&](const char* programme) {
                std::int64_t from = std::max(rng.between(today_days_ - 1460, today_days_ - 30), sixty);
                from = std::min(from, today_days_ - 1);
                std::optional<Date> to;
                if (left_on) {
                    from = std::min(from, *left_on);
                    to = civil_from_days(*left_on);
                }
                e.enrolments.push_back(Enrolment{programme, civil_from_days(from), to, ""});
            };
            bool physical = false;
            bool visits = false;
            if (rng.chance(35, 100)) enrol("info_service");
            if ((poor || e.categories.count(ElderCategory::Marginal) != 0 ||
                 e.categories.count(ElderCategory::Disabled) != 0 || real_age >= 80) &&
                rng.chance(60, 100)) {
                enrol("physical_service");
                physical = true;
            }
            if ((heavy || (e.categories.count(ElderCategory::Subsistence) != 0 &&
                           (e.disability == DisabilityLevel::Moderate || real_age >= 80))) &&
                rng.chance(90, 100)) {
                enrol("home_visit");
                visits = true;
            }

            const auto town8 = static_cast<std::uint8_t>(town);
            if (e.status == ElderStatus::Active) {
                active_.push_back(ActiveElder{e.home, static_cast<std::int32_t>(n), town8});
                if (physical || visits) served_.push_back(active_.back());
            }
            sink_.elder(e);
        }
        if (served_.empty()) served_ = active_;
    }

    // The same month and day `years` years earlier (Feb 29 -> Feb 28 in a common year); negative: later.
    static Date years_before(const Date& d, int years) {
        Date out{d.year - years, d.month, d.day};
        if (out.month == 2 && out.day == 29 && !is_leap_year(out.year)) out.day = 28;
        return out;
    }

    // ---- work orders and service records --------------------------------------------------------
    std::int32_t pick_provider(Rng& rng, std::size_t town, std::optional<ServiceCategory> category) const {
        const std::vector<std::int32_t>* pool = nullptr;
        if (category && !town_category_providers_[town][idx(*category)].empty()) {
            pool = &town_category_providers_[town][idx(*category)];
        } else if (!town_providers_[town].empty()) {
            pool = &town_providers_[town];
        } else if (!serving_providers_.empty()) {
            pool = &serving_providers_;
        } else {
            return -1;
        }
        return (*pool)[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(pool->size()) - 1))];
    }

    std::int32_t pick_caregiver(Rng& rng, std::int32_t provider) const {
        auto staff = std::max<std::int64_t>(1, std::min<std::int64_t>(providers_[static_cast<std::size_t>(provider)].staff_count, 40));
        return static_cast<std::int32_t>((static_cast<std::int64_t>(provider) * 97 + rng.between(0, staff - 1)) %
                                         static_cast<std::int64_t>(caregivers_.size()));
    }

    ServiceCategory provider_category(Rng& rng, std::int32_t provider, std::optional<ServiceCategory> wanted) const {
        const auto& cats = providers_[static_cast<std::size_t>(provider)].categories;
        if (wanted && cats.count(*wanted) != 0) return *wanted;
        auto k = rng.between(0, static_cast<std::int64_t>(cats.size()) - 1);
        auto it = cats.begin();
        std::advance(it, k);
        return *it;
    }

    void make_history() {
        Rng orders = root_.fork(0x4f524452);    // "ORDR"
        Rng records = root_.fork(0x52454353);   // "RECS"
        const int months = std::max(scale_.months, 1);
        const std::int64_t last_day = today_days_ - 1;
        Date first = civil_from_days(last_day);
        first.day = 1;
        for (int m = 1; m < months; ++m) {
            if (--first.month == 0) {
                first.month = 12;
                --first.year;
            }
        }
        const std::int64_t first_day = days_from_civil(first);
        const std::int64_t ndays = last_day - first_day + 1;

        // Per-day weights: weekdays busier, a gentle growth over the period. Exact totals by cumulative targets.
        std::vector<std::int64_t> order_w(static_cast<std::size_t>(ndays));
        std::vector<std::int64_t> record_w(static_cast<std::size_t>(ndays));
        std::int64_t order_sum = 0;
        std::int64_t record_sum = 0;
        for (std::int64_t i = 0; i < ndays; ++i) {
            int wd = iso_weekday(civil_from_days(first_day + i));
            auto growth = 30 * i / std::max<std::int64_t>(ndays, 1);
            order_w[static_cast<std::size_t>(i)] = (wd <= 5 ? 100 : wd == 6 ? 70 : 55) + growth;
            record_w[static_cast<std::size_t>(i)] = (wd <= 5 ? 100 : 45) + growth;
            order_sum += order_w[static_cast<std::size_t>(i)];
            record_sum += record_w[static_cast<std::size_t>(i)];
        }
        const std::int64_t total_orders = std::max<std::int64_t>(scale_.work_orders, 0);
        const std::int64_t total_records = std::max<std::int64_t>(scale_.service_records, 0);

        std::priority_queue<RecordDraft, std::vector<RecordDraft>, LaterFirst> pending;
        std::vector<LocalSeconds> times;
        std::vector<WorkOrder> day_orders;
        std::vector<RecordDraft> day_records;
        std::vector<std::int64_t> keys;
        constexpr std::int64_t kKeyScale = std::int64_t{1} << 24;   // up to 16 million records a day
        ServiceRecord out;
        std::int64_t order_cum_w = 0;
        std::int64_t record_cum_w = 0;
        std::int64_t orders_done = 0;
        std::int64_t records_emitted = 0;
        std::int64_t record_seq = 0;
        Id next_order_id = 0;
        Id next_record_id = 0;

        for (std::int64_t i = 0; i < ndays; ++i) {
            const std::int64_t day = first_day + i;
            const Date date = civil_from_days(day);
            const LocalSeconds day_start = start_of(date);
            const LocalSeconds day_end = day_start + 86400;

            // -- the day's orders, in time order --
            order_cum_w += order_w[static_cast<std::size_t>(i)];
            const std::int64_t order_target = total_orders * order_cum_w / order_sum;
            const std::int64_t n_orders = order_target - orders_done;
            orders_done = order_target;
            times.clear();
            for (std::int64_t k = 0; k < n_orders; ++k) {
                auto hour = static_cast<std::int64_t>(hour_weights().pick(orders));
                times.push_back(day_start + hour * 3600 + orders.between(0, 3599));
            }
            std::sort(times.begin(), times.end());
            if (day_orders.size() < times.size()) day_orders.resize(times.size());
            for (std::size_t k = 0; k < times.size(); ++k) {
                make_order(orders, day_orders[k], ++next_order_id, static_cast<std::int64_t>(k) + 1, date, times[k],
                           pending, record_seq);
            }

            // -- the day's records: those of orders served today, then scheduled sessions up to the target --
            day_records.clear();
            while (!pending.empty() && pending.top().start < day_end) {
                day_records.push_back(pending.top());
                pending.pop();
            }
            record_cum_w += record_w[static_cast<std::size_t>(i)];
            const std::int64_t record_target = total_records * record_cum_w / record_sum;
            const std::int64_t n_scheduled = std::max<std::int64_t>(
                0, record_target - records_emitted - static_cast<std::int64_t>(day_records.size()));
            for (std::int64_t k = 0; k < n_scheduled && !served_.empty() && !serving_providers_.empty(); ++k) {
                day_records.push_back(make_scheduled_record(records, day_start, ++record_seq));
            }
            // Sort by (start, seq) through compact keys: start * 2^20 + position. Positions follow seq among
            // equal starts (linked drafts pop in (start, seq) order and scheduled ones come later with higher seq).
            keys.clear();
            for (std::size_t k = 0; k < day_records.size(); ++k) {
                keys.push_back((day_records[k].start - day_start) * kKeyScale + static_cast<std::int64_t>(k));
            }
            std::sort(keys.begin(), keys.end());

            // -- merge by time (an order before a record at the same second) --
            std::size_t oi = 0;
            std::size_t ri = 0;
            while (oi < times.size() || ri < keys.size()) {
                if (ri == keys.size() ||
                    (oi < times.size() && day_orders[oi].created_at <= day_start + keys[ri] / kKeyScale)) {
                    sink_.work_order(day_orders[oi++]);
                } else {
                    const RecordDraft& d = day_records[static_cast<std::size_t>(keys[ri++] % kKeyScale)];
                    out.id = ++next_record_id;
                    out.provider_id = providers_[static_cast<std::size_t>(d.provider)].id;
                    out.elder_id = d.elder;
                    if (d.order_id != 0) {
                        out.order_id = d.order_id;
                    } else {
                        out.order_id.reset();
                    }
                    out.category = d.category;
                    out.caregiver = caregivers_[static_cast<std::size_t>(d.caregiver)];
                    out.started_at = d.start;
                    out.ended_at = d.end;
                    out.location = d.location;
                    out.price_basis = price_of(d.category);
                    sink_.service_record(out);
                    ++records_emitted;
                }
            }
        }
    }

    RecordDraft make_scheduled_record(Rng& rng, LocalSeconds day_start, std::int64_t seq) {
        RecordDraft d;
        d.seq = seq;
        std::int32_t provider = -1;
        const ActiveElder* elder = nullptr;
        for (int attempt = 0; attempt < 8 && provider < 0; ++attempt) {
            elder = &served_[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(served_.size()) - 1))];
            if (!town_providers_[elder->town].empty()) {
                const auto& pool = town_providers_[elder->town];
                provider = pool[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(pool.size()) - 1))];
            }
        }
        if (provider < 0) provider = pick_provider(rng, elder->town, std::nullopt);
        d.elder = elder->id;
        d.provider = provider;
        auto wanted = static_cast<ServiceCategory>(record_category_weights().pick(rng));
        d.category = provider_category(rng, provider, wanted);
        d.caregiver = pick_caregiver(rng, provider);

        LocalSeconds start = 0;
        if (d.category == SC::Meals) {
            start = day_start + (rng.chance(3, 4) ? 11 : 17) * 3600 + rng.between(0, 3599);
        } else if (d.category == SC::DayCare || d.category == SC::Respite) {
            start = day_start + 8 * 3600 + rng.between(0, 5399);
        } else {
            start = day_start + (7 + static_cast<std::int64_t>(service_hour_weights().pick(rng))) * 3600 +
                    rng.between(0, 3599);
        }
        auto minutes = minutes_of(d.category);
        d.start = start;
        d.end = std::min(start + rng.between(minutes[0], minutes[1]) * 60, day_start + 86399);
        d.location = session_location(rng, d, elder->home, elder->town);
        return d;
    }

    GeoPoint session_location(Rng& rng, const RecordDraft& d, GeoPoint home, std::size_t town) const {
        if (d.category == SC::Meals || d.category == SC::DayCare) {
            // Meals and day care happen at the provider's point in the elder's town when it has one there.
            for (const auto& sp : providers_[static_cast<std::size_t>(d.provider)].points) {
                if (sp.town_id == static_cast<Id>(town) + 1) return jitter(rng, sp.location, 40);
            }
        }
        return jitter(rng, home, 80);   // the check-in at the door, within a few metres
    }

    void make_order(Rng& rng, WorkOrder& o, Id id, std::int64_t seq_of_day, const Date& date, LocalSeconds created,
                    std::priority_queue<RecordDraft, std::vector<RecordDraft>, LaterFirst>& pending,
                    std::int64_t& record_seq) {
        o.id = id;
        o.code.assign("GD");
        append_padded(o.code, date.year, 4);
        append_padded(o.code, date.month, 2);
        append_padded(o.code, date.day, 2);
        append_padded(o.code, seq_of_day, 4);
        o.type = static_cast<OrderType>(order_type_weights().pick(rng));
        o.created_at = created;

        // Channel: emergencies come by the hotline (and its SOS devices); referrals mostly from 12345.
        if (o.type == OrderType::Emergency) {
            o.channel = Channel::Hotline;
        } else if (o.type == OrderType::Referral) {
            o.channel = rng.chance(7, 10) ? Channel::Referral12345 : Channel::Hotline;
        } else if (o.type == OrderType::Callback) {
            // Callbacks are the center's own outbound calls; a few come in as a provider's report.
            o.channel = rng.chance(9, 10) ? Channel::Hotline : Channel::ProviderReport;
        } else {
            o.channel = static_cast<Channel>(channel_weights().pick(rng));
        }

        // Who it is about.
        const std::int64_t with_elder = o.type == OrderType::Suggestion     ? 40
                                        : o.type == OrderType::Consultation ? 80
                                                                            : 95;
        std::size_t town = 0;
        GeoPoint home;
        if (!active_.empty() && rng.chance(with_elder, 100)) {
            const ActiveElder& elder =
                active_[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(active_.size()) - 1))];
            o.elder_id = elder.id;
            town = elder.town;
            home = elder.home;
        } else {
            o.elder_id.reset();
            town = pick_town(rng);
        }
        o.town_id = static_cast<Id>(town + 1);

        // What it is about.
        o.categories.clear();
        std::optional<ServiceCategory> category;
        switch (o.type) {
            case OrderType::Emergency:
                category = SC::Emergency;
                break;
            case OrderType::Booking:
            case OrderType::Referral:
                category = static_cast<ServiceCategory>(booking_category_weights().pick(rng));
                break;
            case OrderType::Consultation:
            case OrderType::Complaint:
                if (rng.chance(1, 2)) category = static_cast<ServiceCategory>(booking_category_weights().pick(rng));
                break;
            case OrderType::Callback:
            case OrderType::Suggestion:
                if (rng.chance(1, 3)) category = static_cast<ServiceCategory>(booking_category_weights().pick(rng));
                break;
        }
        if (category) o.categories.insert(*category);
        if (o.type == OrderType::Booking && rng.chance(15, 100)) {
            o.categories.insert(static_cast<ServiceCategory>(booking_category_weights().pick(rng)));
        }

        o.urgency = Urgency::Normal;
        if (o.type == OrderType::Emergency) {
            o.urgency = Urgency::Emergency;
        } else if ((o.type == OrderType::Complaint && rng.chance(3, 10)) ||
                   (category == SC::MedicalEscort && rng.chance(1, 10))) {
            o.urgency = Urgency::Urgent;
        }

        describe(rng, o, category);

        // How it is handled: the paths of order_lifecycle.hpp (on the spot, needs a provider, complaint).
        o.provider_id.reset();
        o.dispatched_at.reset();
        o.completed_at.reset();
        o.closed_at.reset();
        o.satisfaction.reset();
        o.paused_since.reset();
        o.complaint_valid.reset();
        const LocalSeconds end = end_instant_;
        auto before_end = [end](LocalSeconds t) { return t < end; };

        if (o.type == OrderType::Consultation || o.type == OrderType::Suggestion || o.type == OrderType::Callback) {
            // received -> answer_on_spot -> close; a few wait for the next office day to be closed.
            o.status = OrderStatus::Received;
            const LocalSeconds answered = created + rng.between(60, 900);
            if (!before_end(answered)) return;
            o.status = OrderStatus::AnsweredOnSpot;
            if (rng.chance(5, 1000)) return;   // never closed: the backlog a supervisor finds
            const LocalSeconds closed =
                rng.chance(9, 10) ? answered + rng.between(30, 1800) : office_hours(rng, answered + 86400);
            if (!before_end(closed)) return;
            o.status = OrderStatus::Closed;
            o.closed_at = closed;
            return;
        }

        if (o.type == OrderType::Complaint) {
            // received -> judged valid -> rectifying -> rectification closed -> closed, or judged invalid -> closed.
            o.status = OrderStatus::Received;
            const LocalSeconds judged = office_hours(rng, created + rng.between(3600, 30 * 3600));
            const bool valid = rng.chance(35, 100);
            const LocalSeconds rectified = office_hours(rng, judged + rng.between(1, 7) * 86400);
            if (!before_end(judged)) return;
            o.complaint_valid = valid;
            if (!valid) {
                o.status = OrderStatus::Closed;
                o.closed_at = judged;
            } else if (before_end(rectified)) {
                o.status = OrderStatus::Closed;
                o.closed_at = rectified;
            } else {
                o.status = OrderStatus::Rectifying;
            }
            return;
        }

        // Needs a provider (booking, referral, emergency): dispatched to a provider, or for some referrals to
        // the town, then accepted -> in service -> completed -> reviewed -> called back -> closed.
        std::int32_t provider = -1;
        if (!(o.type == OrderType::Referral && rng.chance(1, 4))) provider = pick_provider(rng, town, category);
        const bool to_provider = provider >= 0;

        // Out of hours only emergencies move at once; the rest waits for the morning shift.
        const bool sos = o.type == OrderType::Emergency;
        const LocalSeconds day_start = start_of(date);
        const std::int64_t hour = (created - day_start) / 3600;
        LocalSeconds dispatched = created + rng.between(120, 7200);
        if (sos) {
            dispatched = created + rng.between(5, 30);
        } else if (hour < 8 || hour >= 20) {
            dispatched = day_start + (hour >= 20 ? 86400 : 0) + 8 * 3600 + rng.between(1800, 7200);
        }
        const LocalSeconds accepted = dispatched + (sos ? rng.between(30, 300) : rng.between(300, 4 * 3600));
        LocalSeconds service_start = 0;
        if (sos) {
            service_start = accepted + rng.between(600, 2400);
        } else {
            // A booked session: on a day in the next three, in working hours, after acceptance.
            LocalSeconds day = start_of(date_of(accepted)) + rng.between(0, 3) * 86400;
            service_start = std::max(day + (8 + rng.between(0, 8)) * 3600 + rng.between(0, 3599), accepted + 1800);
        }
        const ServiceCategory served_category =
            to_provider ? provider_category(rng, provider, category) : category.value_or(SC::HomeVisit);
        const auto minutes = minutes_of(served_category);
        const LocalSeconds completed = service_start + rng.between(minutes[0], minutes[1]) * 60;
        // Review and callback are office work, due within 24 h; a few are late (what the SLA figures are for).
        auto delay = [&rng] {
            return rng.chance(5, 100) ? rng.between(24 * 3600, 40 * 3600) : rng.between(1800, 16 * 3600);
        };
        const LocalSeconds reviewed = office_hours(rng, completed + delay());
        const LocalSeconds called_back = office_hours(rng, reviewed + delay());
        const int answer = o.elder_id ? static_cast<int>(satisfaction_weights().pick(rng)) + 1 : 0;
        const bool unsatisfied = answer >= 4;   // 不太满意 / 很不满意 opens a rectification
        const LocalSeconds closed = unsatisfied ? office_hours(rng, called_back + rng.between(1, 5) * 86400)
                                                : called_back + rng.between(60, 3600);

        // A few orders stall at some stage (what the SLA clocks are for); a few bookings are cancelled.
        int stall_after = 99;
        if (rng.chance(15, 1000)) stall_after = static_cast<int>(rng.between(1, 4));
        // An emergency is always answered (the seats acknowledge it within seconds): a generated one never stalls.
        // (One left dispatched would stand on every supervisor's screen as an open SOS for 24 h after it — whether
        // it exists depended on the hour the city was generated, and the browser tests' layouts with it.)
        if (sos) stall_after = 99;
        std::optional<LocalSeconds> cancelled;
        if (o.type == OrderType::Booking && rng.chance(4, 100)) {
            cancelled = std::min(created + rng.between(600, 2 * 86400), service_start - 60);
        }

        struct Stage {
            OrderStatus status;
            LocalSeconds at;
        };
        const std::array<Stage, 7> stages{{
            {OrderStatus::Dispatched, dispatched},
            {OrderStatus::Accepted, accepted},
            {OrderStatus::InService, service_start},
            {OrderStatus::Completed, completed},
            {OrderStatus::Reviewed, reviewed},
            {unsatisfied ? OrderStatus::Rectifying : OrderStatus::CalledBack, called_back},
            {OrderStatus::Closed, closed},
        }};
        o.status = OrderStatus::Received;
        int reached = 0;
        for (const Stage& st : stages) {
            if (reached >= stall_after || !before_end(st.at)) break;
            if (cancelled && st.at >= *cancelled) break;
            o.status = st.status;
            ++reached;
        }
        if (reached >= 1) {
            o.dispatched_at = dispatched;
            if (to_provider) o.provider_id = providers_[static_cast<std::size_t>(provider)].id;
        }
        if (cancelled && before_end(*cancelled)) {
            o.status = OrderStatus::Cancelled;
            o.closed_at = *cancelled;
            return;
        }
        // Dispatched and never accepted: after 4 hours a supervisor escalates it.
        if (o.status == OrderStatus::Dispatched && stall_after == 1 && before_end(dispatched + 4 * 3600)) {
            o.status = OrderStatus::Escalated;
        }
        if (reached >= 4) o.completed_at = completed;
        if (reached >= 6 && answer != 0) o.satisfaction = answer;
        if (o.status == OrderStatus::Closed) o.closed_at = closed;

        // The service session this order produced: one 人次, linked to the order.
        if (reached >= 4 && to_provider && o.elder_id) {
            RecordDraft d;
            d.seq = ++record_seq;
            d.start = service_start;
            d.end = completed;
            d.provider = provider;
            d.elder = static_cast<std::int32_t>(*o.elder_id);
            d.order_id = id;
            d.category = served_category;
            d.caregiver = pick_caregiver(rng, provider);
            d.location = session_location(rng, d, home, town);
            pending.push(d);
        }
    }

    // The same instant when it falls in office hours (08:30-18:00), else a moment in the next morning's first hours.
    static LocalSeconds office_hours(Rng& rng, LocalSeconds t) {
        const LocalSeconds day = start_of(date_of(t));
        const LocalSeconds in_day = t - day;
        if (in_day >= 8 * 3600 + 1800 && in_day < 18 * 3600) return t;
        const LocalSeconds morning = (in_day < 8 * 3600 + 1800 ? day : day + 86400) + 8 * 3600 + 1800;
        return morning + rng.between(0, 2 * 3600);
    }

    static void describe(Rng& rng, WorkOrder& o, std::optional<ServiceCategory> category) {
        // "助餐服务", but "喘息服务" rather than "喘息服务服务".
        auto service = [&o, category] {
            const std::string_view label = label_zh(*category);
            o.description += label;
            if (label.size() < 6 || label.substr(label.size() - 6) != "服务") o.description += "服务";
        };
        switch (o.type) {
            case OrderType::Consultation:
                if (category) {
                    o.description = "咨询";
                    service();
                    o.description += "的收费和申请条件";
                } else {
                    o.description = pick_from(rng, kConsultTopics);
                }
                break;
            case OrderType::Booking:
                o.description = "预约";
                service();
                break;
            case OrderType::Referral:
                o.description = "转介：申请";
                service();
                break;
            case OrderType::Callback:
                o.description = "服务回访：了解";
                if (category) {
                    service();
                } else {
                    o.description += "近期服务";
                }
                o.description += "情况";
                break;
            case OrderType::Complaint:
                o.description = pick_from(rng, kComplaints);
                break;
            case OrderType::Suggestion:
                o.description = pick_from(rng, kSuggestions);
                break;
            case OrderType::Emergency:
                o.description = pick_from(rng, kEmergencies);
                break;
        }
    }
};

}  // namespace

const std::vector<Town>& zhongshan_towns() {
    static const std::vector<Town> towns = [] {
        std::vector<Town> out;
        for (std::size_t i = 0; i < kTownSeeds.size(); ++i) {
            const TownSeed& s = kTownSeeds[i];
            Town t;
            t.id = static_cast<Id>(i + 1);
            t.code = s.code;
            t.name = s.name;
            t.is_street = s.street;
            t.centre = GeoPoint{s.lat_e6, s.lon_e6};
            t.communities.assign(s.communities.begin(), s.communities.end());
            out.push_back(std::move(t));
        }
        return out;
    }();
    return towns;
}

void generate_demo_city(std::uint64_t seed, const DemoScale& scale, LocalSeconds now, DemoSink& sink) {
    CityGenerator(seed, scale, now, sink).run();
}

}  // namespace yiyang
