// A tiny ELF64 little-endian shared object for the hostile suites: an ELF header, three program
// headers (one PT_LOAD over the whole file at 0x1000, PT_DYNAMIC, PT_GNU_STACK), the dynamic
// table and its string table, and nothing else, so each test controls every table it needs.
#pragma once

#include "llvm/Support/Endian.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace coldstart::test {

struct DynEntry {
  int64_t Tag;
  std::string Str;                  // when not empty: the value is this string's offset in .dynstr
  uint64_t Value = 0;               // else this value
  const std::string *Ref = nullptr; // or this (long) string's offset, stored once, never copied
};

inline constexpr uint64_t MiniElfBase = 0x1000;

/// Builds the file. Strings are stored once each; Tail is appended after the string table (its
/// file offset is returned in TailOffset) for tests that point tables at it.
inline std::string miniElf(const std::vector<DynEntry> &Entries, const std::string &Tail = "",
                           uint64_t *TailOffset = nullptr) {
  using namespace llvm::support::endian;
  std::string Strtab(1, '\0');
  std::map<std::string, uint64_t> Offsets;
  std::map<const std::string *, uint64_t> RefOffsets;
  for (const DynEntry &E : Entries) {
    if (E.Ref && !RefOffsets.count(E.Ref)) {
      RefOffsets[E.Ref] = Strtab.size();
      Strtab += *E.Ref + '\0';
    } else if (!E.Str.empty() && !Offsets.count(E.Str)) {
      Offsets[E.Str] = Strtab.size();
      Strtab += E.Str + '\0';
    }
  }
  const uint64_t PhOff = 64, PhNum = 3, DynOff = PhOff + 56 * PhNum;
  const uint64_t DynCount = Entries.size() + 3; // + DT_STRTAB, DT_STRSZ, DT_NULL
  const uint64_t StrOff = DynOff + 16 * DynCount;
  uint64_t TailOff = StrOff + Strtab.size();
  TailOff += (8 - TailOff % 8) % 8;
  const uint64_t End = TailOff + Tail.size();
  if (TailOffset)
    *TailOffset = TailOff;
  std::string B(End, '\0');
  auto U16 = [&](uint64_t At, uint16_t V) { write16le(&B[At], V); };
  auto U32 = [&](uint64_t At, uint32_t V) { write32le(&B[At], V); };
  auto U64 = [&](uint64_t At, uint64_t V) { write64le(&B[At], V); };
  B.replace(0, 4,
            "\x7f"
            "ELF");
  B[4] = 2, B[5] = 1, B[6] = 1; // ELFCLASS64, little-endian, version 1
  U16(16, 3);                   // ET_DYN
  U16(18, 62);                  // EM_X86_64
  U32(20, 1);
  U64(32, PhOff);
  U16(52, 64);
  U16(54, 56);
  U16(56, PhNum);
  U16(58, 64);
  auto Phdr = [&](unsigned I, uint32_t Type, uint32_t Flags, uint64_t Off, uint64_t Size) {
    uint64_t P = PhOff + 56 * I;
    U32(P, Type), U32(P + 4, Flags), U64(P + 8, Off), U64(P + 16, MiniElfBase + Off);
    U64(P + 24, MiniElfBase + Off), U64(P + 32, Size), U64(P + 40, Size), U64(P + 48, 8);
  };
  Phdr(0, 1, 5, 0, End);                // PT_LOAD, R+X
  Phdr(1, 2, 6, DynOff, 16 * DynCount); // PT_DYNAMIC
  Phdr(2, 0x6474e551, 6, 0, 0);         // PT_GNU_STACK, RW
  uint64_t At = DynOff;
  auto Dyn = [&](int64_t Tag, uint64_t V) { U64(At, uint64_t(Tag)), U64(At + 8, V), At += 16; };
  for (const DynEntry &E : Entries)
    Dyn(E.Tag, E.Ref ? RefOffsets[E.Ref] : E.Str.empty() ? E.Value : Offsets[E.Str]);
  Dyn(5, MiniElfBase + StrOff); // DT_STRTAB
  Dyn(10, Strtab.size());       // DT_STRSZ
  Dyn(0, 0);                    // DT_NULL
  B.replace(StrOff, Strtab.size(), Strtab);
  B.replace(TailOff, Tail.size(), Tail);
  return B;
}

inline DynEntry needed(const std::string &Name) {
  return {1, Name};
}
inline DynEntry runpath(const std::string &Path) {
  return {29, Path};
}
inline DynEntry soname(const std::string &Name) {
  return {14, Name};
}

} // namespace coldstart::test
