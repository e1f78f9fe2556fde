// A small integer code per distinct text (0, 1, 2, … in order of first sight), for city-scale grouping (6 000 000
// service records' ID numbers and caregivers): one flat open-addressing table, so a look-up is one slot read and a
// compare, not a bucket, a node and a key behind three pointers as in std::unordered_map. The texts are NOT copied:
// each must outlive the table (string_views into rows that stay put).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace yiyang {

class TextCodes {
public:
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
    explicit TextCodes(std::size_t expected = 16) { rehash(capacity_for(expected)); }

    // The code of `text`, a new one (== size() before the call) the first time it is seen.
    std::uint32_t code(std::string_view text) {
        if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
        const std::uint64_t h = std::hash<std::string_view>{}(text);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.code == kNone) {
                s = Slot{h, text, static_cast<std::uint32_t>(size_++)};
                return s.code;
            }
            if (s.hash == h && s.text == text) return s.code;
        }
    }
    // The code of `text`, or kNone when it was never seen.
    std::uint32_t find(std::string_view text) const {
        const std::uint64_t h = std::hash<std::string_view>{}(text);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.code == kNone) return kNone;
            if (s.hash == h && s.text == text) return s.code;
        }
    }
    std::size_t size() const { return size_; }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::string_view text;
        std::uint32_t code = kNone;
    };
    static std::size_t capacity_for(std::size_t n) {
        std::size_t c = 16;
        while (c < n * 2) c *= 2;
        return c;
    }
    void rehash(std::size_t capacity) {
        std::vector<Slot> old(capacity);
        old.swap(slots_);
        mask_ = capacity - 1;
        for (const Slot& s : old) {
            if (s.code == kNone) continue;
            std::size_t i = s.hash & mask_;
            while (slots_[i].code != kNone) i = (i + 1) & mask_;
            slots_[i] = s;
        }
    }
    std::vector<Slot> slots_;
    std::size_t mask_ = 0, size_ = 0;
};

}  // namespace yiyang
