// Seeds and the algorithm text of callback draws (app/sample_keys.hpp).
#include "app/sample_keys.hpp"

#include <sodium.h>

#include <cstdio>

namespace yiyang::app {

std::string generated_seed(const std::string& quarter_compact) {
    unsigned char bytes[4];
    randombytes_buf(bytes, sizeof bytes);
    char hex[9];
    std::snprintf(hex, sizeof hex, "%02x%02x%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3]);
    return quarter_compact + "-" + hex;
}

std::string sample_algorithm_text(bool by_town) {
    std::string s =
        "抽样框：抽样日期当天在网的信息化服务对象（开通日期不晚于当天、且未在当天或之前拆机），每个身份证号一次（18位，大写X）；"
        "样本量 n = 向上取整(比例 × 抽样框人数)；"
        "每人的键 = SHA-256(种子 + \":\" + 身份证号) 的小写十六进制，即 printf '%s' '种子:身份证号' | sha256sum；"
        "按键升序排列（键相同按身份证号），取前 n 个";
    if (by_town) {
        s += "；按镇街分层：每个镇街先得 向下取整(比例 × 本镇街人数)，余下名额按余数从大到小各给一个（余数相同按镇街名称字节序），"
             "各镇街内按键升序取";
    }
    s += "；替补：无法联系的对象由同一层（未分层时为整个抽样框）中按键顺序的下一位既未抽中也未作替补的对象替补。";
    return s;
}

}  // namespace yiyang::app
