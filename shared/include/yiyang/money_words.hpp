// An amount in Chinese capitals (大写金额), as a payable amount is written on a statement beside its figures so that
// it cannot be altered: 12345.67 元 → 壹万贰仟叁佰肆拾伍元陆角柒分; 100 元 → 壹佰元整; 0.05 元 → 伍分;
// 1005.30 元 → 壹仟零伍元叁角 (no 整 when a jiao is written, as cashiers write it: 叁角 is complete). Rules
// (the common usage of the People's Bank's 正确填写票据和结算凭证的基本规定): a zero between non-zero digits is written once
// as 零 (壹仟零伍元); zeros at the end of a group of four are not written, but a zero before the next non-zero
// group is (壹万零伍拾元); 万 and 亿 name their groups (壹亿零壹万元); yuan zero with fen but no jiao: 零 before 分
// (壹元零伍分); 0 → 零元整; a negative amount starts with 负. Integer fen in, no floating point.
#pragma once
#include <string>

#include "yiyang/money.hpp"

namespace yiyang {

std::string fen_in_capitals(Fen amount);

}  // namespace yiyang
