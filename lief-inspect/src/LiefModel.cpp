// LIEF's headers define enums whose names collide with other ELF headers' spellings, so this
// translation unit includes LIEF alone.
#include "LiefModel.h"

#include <LIEF/ELF/EnumToString.hpp>
#include <LIEF/ELF/Header.hpp>
#include <LIEF/ELF/Section.hpp>
#include <LIEF/ELF/Segment.hpp>
#include <LIEF/ELF/Structures.hpp>

#include <cctype>
#include <cstring>

namespace coldstart::inspect::lief {

using namespace LIEF::ELF;

static Header makeHeader(const HeaderFields &H) {
  Elf64_Ehdr Raw;
  std::memset(&Raw, 0, sizeof(Raw));
  Raw.e_ident[0] = 0x7f;
  Raw.e_ident[1] = 'E';
  Raw.e_ident[2] = 'L';
  Raw.e_ident[3] = 'F';
  Raw.e_ident[4] = H.Class;
  Raw.e_ident[5] = H.Data;
  Raw.e_type = H.Type;
  Raw.e_machine = H.Machine;
  return Header(&Raw);
}

FileKind fileKind(const HeaderFields &H) {
  switch (makeHeader(H).file_type()) {
  case E_TYPE::ET_REL:
    return FileKind::Relocatable;
  case E_TYPE::ET_EXEC:
    return FileKind::Executable;
  case E_TYPE::ET_DYN:
    return FileKind::Dynamic;
  case E_TYPE::ET_CORE:
    return FileKind::Core;
  default:
    return FileKind::Other;
  }
}

std::string machineName(const HeaderFields &H) {
  ARCH A = makeHeader(H).machine_type();
  const char *Name = to_string(A); // "x86_64", "AARCH64", "UNDEFINED" ...
  std::string Out = Name ? Name : "";
  if (Out.empty() || Out == "UNDEFINED")
    return "machine-" + std::to_string(H.Machine);
  for (char &C : Out)
    C = static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  return Out;
}

SegmentFacts segmentFacts(const SegmentFields &S) {
  Elf64_Phdr Raw;
  std::memset(&Raw, 0, sizeof(Raw));
  Raw.p_type = S.Type;
  Raw.p_flags = S.Flags;
  Raw.p_offset = S.Offset;
  Raw.p_vaddr = S.VAddr;
  Raw.p_filesz = S.FileSize;
  Raw.p_memsz = S.MemSize;
  Segment Seg(&Raw);
  SegmentFacts F;
  SEGMENT_TYPES T = Seg.type();
  F.Load = T == SEGMENT_TYPES::PT_LOAD;
  F.Dynamic = T == SEGMENT_TYPES::PT_DYNAMIC;
  F.Interp = T == SEGMENT_TYPES::PT_INTERP;
  F.Tls = T == SEGMENT_TYPES::PT_TLS;
  F.GnuStack = T == SEGMENT_TYPES::PT_GNU_STACK;
  F.Note = T == SEGMENT_TYPES::PT_NOTE;
  F.Executable = Seg.has(ELF_SEGMENT_FLAGS::PF_X);
  F.Writable = Seg.has(ELF_SEGMENT_FLAGS::PF_W);
  return F;
}

SectionFacts sectionFacts(const SectionFields &S) {
  Elf64_Shdr Raw;
  std::memset(&Raw, 0, sizeof(Raw));
  Raw.sh_type = S.Type;
  Raw.sh_flags = S.Flags;
  Raw.sh_addr = S.Addr;
  Raw.sh_offset = S.Offset;
  Raw.sh_size = S.Size;
  Section Sec(&Raw);
  SectionFacts F;
  ELF_SECTION_TYPES T = Sec.type();
  F.Null = T == ELF_SECTION_TYPES::SHT_NULL;
  F.NoBits = T == ELF_SECTION_TYPES::SHT_NOBITS;
  F.SymTab = T == ELF_SECTION_TYPES::SHT_SYMTAB;
  F.DynSym = T == ELF_SECTION_TYPES::SHT_DYNSYM;
  F.StrTab = T == ELF_SECTION_TYPES::SHT_STRTAB;
  F.Rel = T == ELF_SECTION_TYPES::SHT_REL;
  F.Rela = T == ELF_SECTION_TYPES::SHT_RELA;
  F.Relr = S.Type == 19 /* SHT_RELR, newer than LIEF 0.9 */ ||
           S.Type == 0x6fffff00 /* SHT_ANDROID_RELR */;
  F.Dynamic = T == ELF_SECTION_TYPES::SHT_DYNAMIC;
  F.Hash = T == ELF_SECTION_TYPES::SHT_HASH;
  F.GnuHash = T == ELF_SECTION_TYPES::SHT_GNU_HASH;
  F.Versym = T == ELF_SECTION_TYPES::SHT_GNU_versym;
  F.Verneed = T == ELF_SECTION_TYPES::SHT_GNU_verneed;
  F.Verdef = T == ELF_SECTION_TYPES::SHT_GNU_verdef;
  F.Note = T == ELF_SECTION_TYPES::SHT_NOTE;
  F.InitArray = T == ELF_SECTION_TYPES::SHT_INIT_ARRAY;
  F.PreinitArray = T == ELF_SECTION_TYPES::SHT_PREINIT_ARRAY;
  F.FiniArray = T == ELF_SECTION_TYPES::SHT_FINI_ARRAY;
  F.Alloc = Sec.has(ELF_SECTION_FLAGS::SHF_ALLOC);
  F.Write = Sec.has(ELF_SECTION_FLAGS::SHF_WRITE);
  F.Exec = Sec.has(ELF_SECTION_FLAGS::SHF_EXECINSTR);
  return F;
}

} // namespace coldstart::inspect::lief
