#!/usr/bin/env python3
# CSV files of the verification lists for the city-scale quarter bench (scripts/bench-quarter.sh; bench-import.sh
# keeps its own generator): N subscribers, M service records of 2024Q1, K cremations (UTF-8, valid GB 11643 ID
# numbers, the demo registry's towns). Deterministic.
# Usage: gen-lists.py DIR NSUB NREC [NCREM]  -> DIR/subscribers.csv, records.csv, cremations.csv
import sys
work, nsub, nrec = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ncrem = int(sys.argv[4]) if len(sys.argv) > 4 else 0
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
def idn(i):
    y = 1930 + i % 30; m = 1 + i // 30 % 12; d = 1 + i // 360 % 28; seq = 1 + i // 10080 % 999
    s = "350303%04d%02d%02d%03d" % (y, m, d, seq)
    return s + C[sum(int(a) * b for a, b in zip(s, W)) % 11]
names = ["王秀英", "李桂兰", "张德明", "陈玉珍", "林阿妹", "黄国强", "吴淑芬", "刘建华"]
towns = ["石岐街道", "东区街道", "西区街道", "南区街道", "小榄镇", "三乡镇"]   # towns of the demo registry (init --scale demo)
# idn is one-to-one below 30*12*28*999 = 10 069 920 (a mixed-radix split of i; sequence 000 is not valid).
# Subscribers: one in 50 removed (死亡) on 2024-02-15.
with open(work + "/subscribers.csv", "w", encoding="utf-8") as f:
    f.write("姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n")
    for i in range(nsub):
        rm = i % 50 == 0
        f.write("%s,%s,139%08d,%s,2023-%02d-%02d,%s,%s\n" % (names[i % 8], idn(i), i, towns[i % 6], 1 + i % 12,
                1 + i % 28, "2024-02-15" if rm else "", "死亡" if rm else ""))
# Service records as a city's providers would send them: caregiver i // 756 works 756 half-hour slots of the quarter
# (3 months x 28 days x 9 hours, never two at once); a removed subscriber is mostly not served after removal. A few
# faults for the checks to find: a duplicate every 2 000 records, a caregiver at two subjects at once every 5 000,
# the same evidence twice every 7 000.
def record(i):
    slot = i % 756
    month, day, hour, cg = 1 + slot % 3, 1 + slot // 3 % 28, 8 + slot // 84 % 9, i // 756
    s = i % max(nsub, 1)
    if s % 50 == 0 and (month, day) > (2, 15) and i % 100: s += 1
    return [s, month, day, hour, cg]
with open(work + "/records.csv", "w", encoding="utf-8") as f:
    f.write("记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n")
    items = ["助餐", "助洁", "助浴", "助医"]
    for i in range(nrec):
        s, month, day, hour, cg = record(i)
        if i % 2000 == 1999: s, month, day, hour, cg = record(i - 1)
        elif i % 5000 == 4999: _, month, day, hour, cg = record(i - 1)
        ev = i - 1 if i % 7000 == 6999 else i
        f.write("R%09d,%s,%s,2024-%02d-%02d,%02d:00,%02d:30,%s,助老员%d,p%d.jpg\n" % (i, idn(s), names[s % 8],
                month, day, hour, hour, items[i % 4], cg, ev))
# Cremations: a tenth are subscribers (every third, dying between 2023-11 and 2024-03: the death check's findings),
# the rest people who never subscribed.
if ncrem:
    with open(work + "/cremations.csv", "w", encoding="utf-8") as f:
        f.write("姓名,身份证号,死亡日期,火化日期\n")
        for j in range(ncrem):
            i = j * 3 + 1 if j < ncrem // 10 and j * 3 + 1 < nsub else nsub + j
            name = names[i % 8] if j % 97 else "王小明"   # now and then another name under the same ID number
            m = (11, 12, 1, 2, 3)[j % 5]
            y = 2023 if m > 10 else 2024
            d = 1 + j % 26
            f.write("%s,%s,%04d-%02d-%02d,%s\n" % (name, idn(i), y, m, d,
                    "" if j % 13 == 0 else "%04d-%02d-%02d" % (y, m, d + 2)))
