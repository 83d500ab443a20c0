// The dynamic and static symbol tables: counts, and the number of dynamic symbols as the hash
// tables imply it when no section header says.
#include "ElfReader.h"

namespace coldstart::inspect::elf {

template <class ELFT> void ElfReader<ELFT>::readSymbols() {
  for (size_t I = 0; I < Sections.size(); ++I)
    if (SectionKinds[I].DynSym)
      DynSymSec = &Sections[I];
  if (DynSymSec) {
    auto Syms = Obj.symbols(DynSymSec);
    if (!Syms) {
      note(".dynsym unreadable: " + toString(Syms.takeError()));
      return;
    }
    DynSyms = *Syms;
    auto Str = Obj.getStringTableForSymtab(*DynSymSec, Sections);
    if (Str)
      DynSymStr = *Str;
    else
      consumeError(Str.takeError()), DynSymStr = DynStr;
  } else if (auto Addr = tag(ELF::DT_SYMTAB)) {
    // No section headers: the loader's view, sized from the hash tables.
    auto Count = dynSymCountFromHash();
    if (!Count) {
      note("dynamic symbol count unavailable: no readable DT_GNU_HASH or DT_HASH");
      return;
    }
    uint64_t Bytes = *Count * sizeof(Elf_Sym);
    auto B = vaddrBytes(*Addr, Bytes);
    if (!B || *Count > Data.size() / sizeof(Elf_Sym)) {
      note("DT_SYMTAB runs past its segment");
      return;
    }
    if (reinterpret_cast<uintptr_t>(B->data()) % alignof(Elf_Sym)) {
      note("DT_SYMTAB is misaligned");
      return;
    }
    DynSyms = ArrayRef<Elf_Sym>(reinterpret_cast<const Elf_Sym *>(B->data()), size_t(*Count));
    DynSymStr = DynStr;
  }
  auto &D = Out.Dynamic;
  for (size_t I = 1; I < DynSyms.size(); ++I) {
    const Elf_Sym &S = DynSyms[I];
    unsigned Bind = S.getBinding();
    if (S.st_shndx == ELF::SHN_UNDEF) {
      if (Bind != ELF::STB_LOCAL)
        ++D.ImportedSymbols;
    } else if ((Bind == ELF::STB_GLOBAL || Bind == ELF::STB_WEAK || Bind == ELF::STB_GNU_UNIQUE) &&
               (S.getVisibility() == ELF::STV_DEFAULT || S.getVisibility() == ELF::STV_PROTECTED)) {
      ++D.ExportedSymbols;
    }
  }
}

/// The number of dynamic symbols as the hash tables imply it (the loader never needs the count;
/// tools without section headers derive it the same way): DT_HASH's nchain, or one past the end
/// of the last DT_GNU_HASH chain. Every read is bounded by the segment holding the table.
template <class ELFT> std::optional<uint64_t> ElfReader<ELFT>::dynSymCountFromHash() const {
  auto U32 = [](StringRef B, uint64_t Off) -> std::optional<uint32_t> {
    if (Off > B.size() || B.size() - Off < 4)
      return std::nullopt;
    return support::endian::read<uint32_t, ELFT::Endianness, 1>(B.data() + Off);
  };
  if (auto Addr = tag(ELF::DT_GNU_HASH)) {
    if (auto B = vaddrTail(*Addr)) {
      auto NBuckets = U32(*B, 0), SymOffset = U32(*B, 4), BloomSize = U32(*B, 8);
      if (NBuckets && SymOffset && BloomSize) {
        uint64_t Buckets = 16 + uint64_t(*BloomSize) * WordSize;
        uint64_t Chains = Buckets + uint64_t(*NBuckets) * 4;
        uint32_t Max = 0;
        bool Ok = Chains <= B->size();
        for (uint32_t I = 0; Ok && I < *NBuckets; ++I)
          if (auto V = U32(*B, Buckets + 4ull * I))
            Max = std::max(Max, *V);
          else
            Ok = false;
        if (Ok && Max < *SymOffset)
          return uint64_t(*SymOffset);
        for (uint64_t Index = Max; Ok; ++Index) {
          auto V = U32(*B, Chains + 4 * (Index - *SymOffset));
          if (!V)
            break;
          if (*V & 1)
            return Index + 1;
        }
      }
    }
  }
  if (auto Addr = tag(ELF::DT_HASH))
    if (auto B = vaddrTail(*Addr))
      if (auto NChain = U32(*B, 4))
        return uint64_t(*NChain);
  return std::nullopt;
}

COLDSTART_ELF_READER_INSTANTIATE(readSymbols)

} // namespace coldstart::inspect::elf
