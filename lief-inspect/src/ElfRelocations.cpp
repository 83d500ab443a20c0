// The dynamic relocation tables (DT_RELA/DT_REL, DT_JMPREL, DT_RELR): counted by the kind of
// work the loader does for each entry, and applied to the init-table slots so the static
// initializers can be named.
#include "ElfReader.h"

namespace coldstart::inspect::elf {

RelocKind classifyRelocation(unsigned Machine, uint32_t Type) {
  switch (Machine) {
  case ELF::EM_X86_64:
    switch (Type) {
    case ELF::R_X86_64_NONE:
      return RelocKind::None;
    case ELF::R_X86_64_RELATIVE:
    case 38: // R_X86_64_RELATIVE64 (x32)
      return RelocKind::Relative;
    case ELF::R_X86_64_64:
    case ELF::R_X86_64_GLOB_DAT:
    case ELF::R_X86_64_32:
    case ELF::R_X86_64_32S:
    case ELF::R_X86_64_PC32:
    case ELF::R_X86_64_PC64:
      return RelocKind::Symbolic;
    case ELF::R_X86_64_JUMP_SLOT:
      return RelocKind::JumpSlot;
    case ELF::R_X86_64_DTPMOD64:
    case ELF::R_X86_64_DTPOFF64:
    case ELF::R_X86_64_TPOFF64:
    case ELF::R_X86_64_TLSDESC:
      return RelocKind::Tls;
    case ELF::R_X86_64_COPY:
      return RelocKind::Copy;
    case ELF::R_X86_64_IRELATIVE:
      return RelocKind::IRelative;
    default:
      return RelocKind::Other;
    }
  case ELF::EM_386:
    switch (Type) {
    case ELF::R_386_NONE:
      return RelocKind::None;
    case ELF::R_386_RELATIVE:
      return RelocKind::Relative;
    case ELF::R_386_32:
    case ELF::R_386_PC32:
    case ELF::R_386_GLOB_DAT:
      return RelocKind::Symbolic;
    case ELF::R_386_JUMP_SLOT:
      return RelocKind::JumpSlot;
    case ELF::R_386_TLS_TPOFF:
    case ELF::R_386_TLS_DTPMOD32:
    case ELF::R_386_TLS_DTPOFF32:
    case ELF::R_386_TLS_TPOFF32:
    case ELF::R_386_TLS_DESC:
      return RelocKind::Tls;
    case ELF::R_386_COPY:
      return RelocKind::Copy;
    case ELF::R_386_IRELATIVE:
      return RelocKind::IRelative;
    default:
      return RelocKind::Other;
    }
  case ELF::EM_AARCH64:
    switch (Type) {
    case ELF::R_AARCH64_NONE:
      return RelocKind::None;
    case ELF::R_AARCH64_RELATIVE:
      return RelocKind::Relative;
    case ELF::R_AARCH64_ABS64:
    case ELF::R_AARCH64_GLOB_DAT:
      return RelocKind::Symbolic;
    case ELF::R_AARCH64_JUMP_SLOT:
      return RelocKind::JumpSlot;
    case ELF::R_AARCH64_TLS_DTPMOD64:
    case ELF::R_AARCH64_TLS_DTPREL64:
    case ELF::R_AARCH64_TLS_TPREL64:
    case ELF::R_AARCH64_TLSDESC:
      return RelocKind::Tls;
    case ELF::R_AARCH64_COPY:
      return RelocKind::Copy;
    case ELF::R_AARCH64_IRELATIVE:
      return RelocKind::IRelative;
    default:
      return RelocKind::Other;
    }
  case ELF::EM_ARM:
    switch (Type) {
    case ELF::R_ARM_NONE:
      return RelocKind::None;
    case ELF::R_ARM_RELATIVE:
      return RelocKind::Relative;
    case ELF::R_ARM_ABS32:
    case ELF::R_ARM_GLOB_DAT:
      return RelocKind::Symbolic;
    case ELF::R_ARM_JUMP_SLOT:
      return RelocKind::JumpSlot;
    case ELF::R_ARM_TLS_DTPMOD32:
    case ELF::R_ARM_TLS_DTPOFF32:
    case ELF::R_ARM_TLS_TPOFF32:
    case ELF::R_ARM_TLS_DESC:
      return RelocKind::Tls;
    case ELF::R_ARM_COPY:
      return RelocKind::Copy;
    case ELF::R_ARM_IRELATIVE:
      return RelocKind::IRelative;
    default:
      return RelocKind::Other;
    }
  default:
    return RelocKind::Other;
  }
}

template <class ELFT>
void ElfReader<ELFT>::recordSlot(uint64_t Offset, uint64_t Target, std::string How) {
  if (inSlots(Offset))
    SlotFixes[Offset] = SlotFix{Target, std::move(How)};
}

template <class ELFT>
template <class RelT>
void ElfReader<ELFT>::countRelocationTable(StringRef Bytes, bool Rela, uint64_t &Counted) {
  auto &R = Out.Relocations;
  if (reinterpret_cast<uintptr_t>(Bytes.data()) % alignof(RelT)) {
    note("relocation table is misaligned; its relocations are not counted");
    return;
  }
  ArrayRef<RelT> Table(reinterpret_cast<const RelT *>(Bytes.data()), Bytes.size() / sizeof(RelT));
  bool IsMips64EL = Obj.isMips64EL();
  // Counting per type in a small map keeps the loop allocation-free. Keyed by 64 bits: a
  // hostile 32-bit type of 0xffffffff or 0xfffffffe is DenseMap<uint32_t>'s empty or tombstone
  // key (found by the ELF fuzz target).
  DenseMap<uint64_t, uint64_t> ByType;
  for (const RelT &E : Table) {
    uint32_t Type = E.getType(IsMips64EL);
    ++ByType[uint64_t(Type)];
    if (SlotRanges.empty())
      continue;
    uint64_t Offset = E.r_offset;
    if (!inSlots(Offset))
      continue;
    RelocKind K = classifyRelocation(Machine, Type);
    StringRef TypeName = Obj.getRelocationTypeName(Type);
    int64_t Addend = 0;
    if constexpr (std::is_same_v<RelT, Elf_Rela>)
      Addend = E.r_addend;
    if (K == RelocKind::Relative) {
      if (Rela) {
        recordSlot(Offset, uint64_t(Addend), (TypeName + " addend").str());
      } else if (auto Slot = vaddrBytes(Offset, WordSize)) {
        recordSlot(Offset, readWord(*Slot), (TypeName + " implicit addend").str());
      }
    } else if (K == RelocKind::Symbolic) {
      uint32_t SymIndex = E.getSymbol(IsMips64EL);
      if (SymIndex < DynSyms.size() && DynSyms[SymIndex].st_shndx != ELF::SHN_UNDEF) {
        uint64_t Base = DynSyms[SymIndex].st_value;
        if (!Rela)
          if (auto Slot = vaddrBytes(Offset, WordSize))
            Addend = int64_t(readWord(*Slot));
        recordSlot(Offset, Base + uint64_t(Addend), (TypeName + " to a local symbol").str());
      } else {
        SlotFix F;
        F.Known = false;
        F.How = (TypeName + " to an undefined symbol").str();
        SlotFixes[Offset] = F;
      }
    }
  }
  for (const auto &[Type64, N] : ByType) {
    uint32_t Type = uint32_t(Type64);
    RelocKind K = classifyRelocation(Machine, Type);
    if (K == RelocKind::None)
      continue;
    R.ByType[Obj.getRelocationTypeName(Type).str()] += N;
    R.Total += N;
    Counted += N;
    switch (K) {
    case RelocKind::Relative:
      R.Relative += N;
      break;
    case RelocKind::Symbolic:
      R.Symbolic += N;
      break;
    case RelocKind::JumpSlot:
      R.JumpSlot += N;
      break;
    case RelocKind::Tls:
      R.Tls += N;
      break;
    case RelocKind::Copy:
      R.Copy += N;
      break;
    case RelocKind::IRelative:
      R.IRelative += N;
      break;
    case RelocKind::None:
      break;
    case RelocKind::Other:
      R.Other += N;
      break;
    }
  }
}

template <class ELFT> void ElfReader<ELFT>::countRelr(StringRef Bytes) {
  auto &R = Out.Relocations;
  uint64_t N = Bytes.size() / WordSize;
  R.RelrEntries += N;
  uint64_t Where = 0, Count = 0;
  for (uint64_t I = 0; I < N; ++I) {
    uint64_t Entry = readWord(Bytes.data() + I * WordSize);
    if ((Entry & 1) == 0) {
      Where = Entry;
      ++Count;
      if (inSlots(Where))
        if (auto Slot = vaddrBytes(Where, WordSize))
          recordSlot(Where, readWord(*Slot), "RELR relative relocation");
      Where += WordSize;
    } else {
      uint64_t Bits = Entry >> 1;
      for (unsigned B = 0; Bits; ++B, Bits >>= 1) {
        if (!(Bits & 1))
          continue;
        ++Count;
        uint64_t At = Where + uint64_t(B) * WordSize;
        if (inSlots(At))
          if (auto Slot = vaddrBytes(At, WordSize))
            recordSlot(At, readWord(*Slot), "RELR relative relocation");
      }
      Where += uint64_t(WordSize * 8 - 1) * WordSize;
    }
  }
  R.RelrRelative += Count;
  R.Relative += Count;
  R.Total += Count;
  R.ByType[(Obj.getRelocationTypeName(Obj.getRelativeRelocationType()) + " (RELR)").str()] += Count;
}

template <class ELFT> void ElfReader<ELFT>::readRelocations() {
  auto &R = Out.Relocations;
  if (HasDynamic) {
    R.Method = "dynamic relocation tables the loader applies (DT_RELA/DT_REL, DT_JMPREL, "
               "DT_RELR), read with llvm::object from the mapped file";
    struct Table {
      uint64_t Addr = 0, Size = 0;
      bool Rela = true;
    };
    std::optional<Table> Main, Plt;
    if (auto A = tag(ELF::DT_RELA))
      Main = Table{*A, tag(ELF::DT_RELASZ).value_or(0), true};
    else if (auto A = tag(ELF::DT_REL))
      Main = Table{*A, tag(ELF::DT_RELSZ).value_or(0), false};
    if (auto A = tag(ELF::DT_JMPREL))
      Plt = Table{*A, tag(ELF::DT_PLTRELSZ).value_or(0), IsRela};
    uint64_t Counted = 0;
    auto CountTable = [&](const Table &T) {
      auto Bytes = vaddrBytes(T.Addr, T.Size);
      if (!Bytes) {
        note("relocation table at " + toHex(T.Addr) + " (" + Twine(T.Size) +
             " bytes) lies outside the file; not counted");
        return;
      }
      if (T.Rela)
        countRelocationTable<Elf_Rela>(*Bytes, true, Counted);
      else
        countRelocationTable<Elf_Rel>(*Bytes, false, Counted);
    };
    if (Main) {
      // Some linkers make DT_RELASZ cover .rela.plt too; the loader skips the overlap, so do we.
      if (Plt && Plt->Rela == Main->Rela && Plt->Addr >= Main->Addr &&
          Plt->Addr + Plt->Size == Main->Addr + Main->Size && Plt->Size <= Main->Size)
        Main->Size -= Plt->Size;
      CountTable(*Main);
    }
    if (Plt)
      CountTable(*Plt);
    if (auto A = tag(ELF::DT_RELR)) {
      if (auto Bytes = vaddrBytes(*A, tag(ELF::DT_RELRSZ).value_or(0)))
        countRelr(*Bytes);
      else
        note("DT_RELR table lies outside the file; not counted");
    }
    if (tag(ELF::DT_ANDROID_REL) || tag(ELF::DT_ANDROID_RELA))
      note("Android packed relocations (DT_ANDROID_REL[A]) are not counted");
    return;
  }
  // No dynamic section: a static executable applies only its IRELATIVE table
  // (__rela_iplt_start..end), which is the allocated relocation section.
  R.Method = "allocated relocation sections (no dynamic section), read with llvm::object";
  uint64_t Counted = 0;
  for (size_t I = 0; I < Sections.size(); ++I) {
    const auto &K = SectionKinds[I];
    if (!K.Alloc || !(K.Rel || K.Rela || K.Relr))
      continue;
    auto Bytes = sectionBytes(Sections[I]);
    if (!Bytes) {
      note(SectionNames[I] + " lies outside the file; not counted");
      continue;
    }
    if (K.Rela)
      countRelocationTable<Elf_Rela>(*Bytes, true, Counted);
    else if (K.Rel)
      countRelocationTable<Elf_Rel>(*Bytes, false, Counted);
    else
      countRelr(*Bytes);
  }
}

COLDSTART_ELF_READER_INSTANTIATE(readRelocations)

} // namespace coldstart::inspect::elf
