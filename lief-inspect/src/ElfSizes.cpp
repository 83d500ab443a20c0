// Attribution of every byte of the file (and of the address space) to one kind: code, data,
// relocations, symbols, debug info, and the rest; what `strip` would remove.
#include "ElfReader.h"

namespace coldstart::inspect::elf {

template <class ELFT> void ElfReader<ELFT>::attributeSizes() {
  auto &S = Out.Size;
  S.FileBytes = Data.size();
  uint64_t FileBytes[8] = {}, MemBytes[8] = {}, Count[8] = {};
  struct Interval {
    uint64_t Begin, End;
    ByteKind Kind;
    size_t Order; // first claimant wins among equal starts
  };
  std::vector<Interval> Intervals;
  const auto &H = Obj.getHeader();
  auto Add = [&](uint64_t Off, uint64_t Size, ByteKind K) {
    if (Size == 0 || Off >= Data.size())
      return;
    Intervals.push_back(
        {Off, Off + std::min<uint64_t>(Size, Data.size() - Off), K, Intervals.size()});
  };
  Add(0, H.e_ehsize ? H.e_ehsize : sizeof(typename ELFT::Ehdr), ByteKind::Other);
  Add(H.e_phoff, uint64_t(Phdrs.size()) * sizeof(Elf_Phdr), ByteKind::Other);
  Add(H.e_shoff, uint64_t(Sections.size()) * sizeof(Elf_Shdr), ByteKind::Other);
  auto Index = [](ByteKind K) { return static_cast<size_t>(K); };
  if (!Sections.empty()) {
    S.Method = "each section's file bytes by type, flags and name (bloaty-style; overlaps "
               "counted once, gaps and headers as other); removable = .symtab, .strtab and "
               "debug sections, which strip drops";
    for (size_t I = 0; I < Sections.size(); ++I) {
      const auto &K = SectionKinds[I];
      const Elf_Shdr &Sec = Sections[I];
      if (K.Null)
        continue;
      StringRef Name = SectionNames[I];
      ByteKind Kind;
      bool Removable = false;
      if (!K.Alloc && (Name.starts_with(".debug") || Name.starts_with(".zdebug") ||
                       Name == ".gdb_index" || Name.starts_with(".stab") ||
                       Name.starts_with(".rela.debug") || Name.starts_with(".rel.debug"))) {
        Kind = ByteKind::Debug, Removable = true;
      } else if (K.SymTab || Sec.sh_type == ELF::SHT_SYMTAB_SHNDX ||
                 (!K.Alloc && K.StrTab && Name == ".strtab")) {
        Kind = ByteKind::Symbols, Removable = true;
      } else if (K.Alloc &&
                 (K.DynSym || K.Dynamic || K.Rel || K.Rela || K.Relr || K.Hash || K.GnuHash ||
                  K.Versym || K.Verneed || K.Verdef || (K.StrTab && Name == ".dynstr"))) {
        Kind = ByteKind::Dynamic;
      } else if (K.Alloc && K.NoBits) {
        Kind = ByteKind::Bss;
      } else if (K.Alloc && K.Exec) {
        Kind = ByteKind::Code;
      } else if (K.Alloc && K.Write) {
        Kind = ByteKind::Data;
      } else if (K.Alloc) {
        Kind = ByteKind::ReadOnlyData;
      } else {
        Kind = ByteKind::Other;
      }
      ++Count[Index(Kind)];
      if (K.Alloc)
        MemBytes[Index(Kind)] += Sec.sh_size;
      if (!K.NoBits) {
        if (uint64_t(Sec.sh_offset) > Data.size() ||
            uint64_t(Sec.sh_size) > Data.size() - Sec.sh_offset)
          note("section " + Name + " extends past the end of the file; its bytes are clipped");
        Add(Sec.sh_offset, Sec.sh_size, Kind);
        if (Removable) {
          S.Removable.push_back(Name.str());
        }
      }
    }
  } else {
    S.Method = "no section headers: PT_LOAD segments by their flags (executable -> code, "
               "writable -> data, else read-only data), the rest as other";
    for (const Elf_Phdr &P : Phdrs) {
      if (P.p_type != ELF::PT_LOAD)
        continue;
      ByteKind Kind = (P.p_flags & ELF::PF_X)   ? ByteKind::Code
                      : (P.p_flags & ELF::PF_W) ? ByteKind::Data
                                                : ByteKind::ReadOnlyData;
      ++Count[Index(Kind)];
      MemBytes[Index(Kind)] += P.p_memsz;
      Add(P.p_offset, P.p_filesz, Kind);
    }
  }
  // Sweep: every byte once, first claimant wins; gaps are padding (other).
  // A total order (std::stable_sort warns under clang-19 with libstdc++ 12, see d4f909d).
  std::sort(Intervals.begin(), Intervals.end(), [](const Interval &A, const Interval &B) {
    return A.Begin != B.Begin ? A.Begin < B.Begin : A.Order < B.Order;
  });
  uint64_t Cursor = 0;
  for (const Interval &I : Intervals) {
    if (I.Begin > Cursor)
      FileBytes[Index(ByteKind::Other)] += I.Begin - Cursor, Cursor = I.Begin;
    if (I.End > Cursor)
      FileBytes[Index(I.Kind)] += I.End - Cursor, Cursor = I.End;
  }
  if (Data.size() > Cursor)
    FileBytes[Index(ByteKind::Other)] += Data.size() - Cursor;
  for (ByteKind K : report::AllByteKinds) {
    report::SizeBucket B;
    B.Kind = K;
    B.FileBytes = FileBytes[Index(K)];
    B.MemoryBytes = MemBytes[Index(K)];
    B.Sections = Sections.empty() ? 0 : Count[Index(K)];
    S.Buckets.push_back(B);
  }
  S.RemovableBytes = FileBytes[Index(ByteKind::Symbols)] + FileBytes[Index(ByteKind::Debug)];
}

COLDSTART_ELF_READER_INSTANTIATE(attributeSizes)

} // namespace coldstart::inspect::elf
